//! Asks the terminal how wide it draws East Asian Ambiguous characters
//! (GUIDE §1): print `▽` (U+25BD, as vim does) at the top left of the
//! alternate screen, ask for the cursor position (`ESC[6n`) and see whether
//! the cursor moved one column or two.
//!
//! How it stays clean (GUIDE §2):
//! * The query goes to the session's output and the answer is read from
//!   its input ([`Answers`]): on the process's terminal, `poll(2)` on the
//!   terminal itself, before the session's input thread exists; on
//!   another session, its input channel. The wait has a timeout, on the
//!   calling thread, in short slices so that a terminating signal ends it
//!   at once: nothing is left running afterwards.
//! * The probe stops at the first well-formed reply. Everything else it
//!   read goes through `reply`: anything that looks like a reply, damaged
//!   ones included (no `ESC`, no `[`, an extra or empty parameter, a wrong
//!   final byte, an `ESC` inside), is taken out whole; what is left are
//!   keys typed ahead, handed to the run loop. (crossterm's own
//!   `cursor::position` turned damaged replies into keys, and one starting
//!   `ESC[?` made it swallow every key up to the next `c` or `u`.)
//! * A well-formed reply that arrives after the timeout is parsed by the
//!   input parser as a reply (`input::Parsed::Position`) and dropped; for a short while after
//!   a probe that timed out the input thread also drops keys that can be
//!   pieces of a damaged one (`events::AFTER_PROBE`). After an answer
//!   nothing more can come, so keys typed ahead are all kept.
//! * No answer within the timeout: [`ProbeResult::NoAnswer`], drawn narrow.

use std::io::{self, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::time::{Duration, Instant};

use crossterm::cursor::MoveTo;
use crossterm::queue;
use crossterm::terminal::{Clear, ClearType};

use super::input::Parsed;
use super::reply;
use crate::app::{Event, Key};
use crate::text::WidthMode;

/// The character printed: an ambiguous-width symbol (vim uses the same).
pub const PROBE_CHAR: char = '\u{25BD}';

/// How long to wait for the terminal's answer by default. Long enough for
/// an SSH round trip across a continent; terminals that never answer cost
/// this once per start (users can set the mode in the config instead).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(1000);

/// What the terminal said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProbeResult {
    /// The cursor moved one column: ambiguous characters are narrow.
    Narrow,
    /// The cursor moved two columns: ambiguous characters are wide.
    Wide,
    /// No (usable) answer within the timeout.
    NoAnswer,
}

impl ProbeResult {
    /// The width mode to draw with (narrow when there was no answer).
    pub fn mode(self) -> WidthMode {
        match self {
            ProbeResult::Wide => WidthMode::Wide,
            ProbeResult::Narrow | ProbeResult::NoAnswer => WidthMode::Narrow,
        }
    }
}

/// The result for the cursor's 0-based column after printing the probe
/// character in column 0. Anything but 1 or 2 is no usable answer.
pub fn classify(column: u16) -> ProbeResult {
    match column {
        1 => ProbeResult::Narrow,
        2 => ProbeResult::Wide,
        _ => ProbeResult::NoAnswer,
    }
}

/// What is written to ask: cursor home, the probe character, `ESC[6n`.
pub fn query_bytes() -> Vec<u8> {
    format!("\x1b[H{PROBE_CHAR}\x1b[6n").into_bytes()
}

/// What the probe found, and the keys typed while it waited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probed {
    pub result: ProbeResult,
    /// Keys typed before the answer came (replies taken out), for the run
    /// loop to handle first.
    pub typed: Vec<Key>,
}

/// Where the probe reads the terminal's answer from: the process's
/// terminal, or a session's input.
pub trait Answers {
    /// The next bytes that arrive within `timeout`; `None` when none do
    /// or none can (the input ended, a terminating signal came).
    fn next_bytes(&mut self, timeout: Duration) -> io::Result<Option<Vec<u8>>>;
}

/// Asks the terminal on standard output how wide it draws ambiguous
/// characters, waiting at most `timeout` for the answer (see the module
/// notes), then erases the probe character and leaves the cursor home.
///
/// Call it after raw mode was entered and the alternate screen is up,
/// before anything else reads the terminal (the session's input thread
/// included).
pub fn detect_ambiguous_width(timeout: Duration) -> io::Result<Probed> {
    let (result, typed) = ask(&mut io::stdout(), &mut Tty::open()?, timeout)?;
    let typed = keys_of(&typed);
    Ok(Probed { result, typed })
}

/// The keys in `bytes` (read by the input parser; other events dropped).
pub fn keys_of(bytes: &[u8]) -> Vec<Key> {
    let parsed = super::input::Parser::new().events(bytes);
    (parsed.into_iter())
        .filter_map(|p| match p {
            Parsed::Event(Event::Key(k)) => Some(k),
            _ => None,
        })
        .collect()
}

/// Writes the query to `out`, reads `answers` until a well-formed reply,
/// the timeout or the end of the input, and erases the probe character.
/// Returns the result and every other byte read, replies (damaged ones
/// too) taken out: what was typed meanwhile.
pub fn ask(
    out: &mut impl Write,
    answers: &mut dyn Answers,
    timeout: Duration,
) -> io::Result<(ProbeResult, Vec<u8>)> {
    out.write_all(&query_bytes())?;
    out.flush()?;
    let (result, got) = read_reply(answers, timeout)?;
    queue!(out, MoveTo(0, 0), Clear(ClearType::CurrentLine))?;
    out.flush()?;
    Ok((result, reply::strip_replies(&got)))
}

fn read_reply(answers: &mut dyn Answers, timeout: Duration) -> io::Result<(ProbeResult, Vec<u8>)> {
    let deadline = Instant::now() + timeout;
    let mut got = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok((ProbeResult::NoAnswer, got));
        }
        let Some(bytes) = answers.next_bytes(left)? else {
            return Ok((ProbeResult::NoAnswer, got));
        };
        got.extend_from_slice(&bytes);
        if let Some((column, at)) = reply::find_reply(&got) {
            got.drain(at);
            return Ok((classify(column.saturating_sub(1)), got));
        }
    }
}

/// The process's terminal: standard input when it is one, else
/// `/dev/tty`.
pub struct Tty {
    fd: RawFd,
    _opened: Option<std::fs::File>,
}

impl Tty {
    pub fn open() -> io::Result<Tty> {
        let stdin = io::stdin().as_raw_fd();
        // SAFETY: isatty only inspects the descriptor.
        let opened = match unsafe { libc::isatty(stdin) } {
            1 => None,
            _ => Some(std::fs::File::open("/dev/tty")?),
        };
        let fd = opened.as_ref().map_or(stdin, |t| t.as_raw_fd());
        Ok(Tty {
            fd,
            _opened: opened,
        })
    }

    pub fn fd(&self) -> RawFd {
        self.fd
    }

    /// One `read(2)`: what is there (waiting for something); empty at the
    /// end of the input.
    pub fn read(&self) -> io::Result<Vec<u8>> {
        let mut buf = [0u8; 1024];
        loop {
            // SAFETY: reads into a buffer of the length given.
            let n = unsafe { libc::read(self.fd, buf.as_mut_ptr().cast(), buf.len()) };
            match usize::try_from(n) {
                Ok(n) => return Ok(buf[..n].to_vec()),
                Err(_) => {
                    let e = io::Error::last_os_error();
                    if e.kind() != io::ErrorKind::Interrupted {
                        return Err(e);
                    }
                }
            }
        }
    }
}

impl Answers for Tty {
    fn next_bytes(&mut self, timeout: Duration) -> io::Result<Option<Vec<u8>>> {
        if !readable_unless_signalled(self.fd, timeout)? {
            return Ok(None);
        }
        let bytes = self.read()?;
        Ok((!bytes.is_empty()).then_some(bytes))
    }
}

/// [`readable`] in slices, giving up when a terminating signal arrives.
fn readable_unless_signalled(fd: RawFd, timeout: Duration) -> io::Result<bool> {
    const SLICE: Duration = Duration::from_millis(20);
    let deadline = Instant::now() + timeout;
    loop {
        if super::signals::received().is_some() {
            return Ok(false);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if readable(fd, left.min(SLICE))? {
            return Ok(true);
        }
        if left <= SLICE {
            return Ok(false);
        }
    }
}

/// Whether `fd` has input within `timeout`, by `poll(2)`; reads nothing.
pub fn readable(fd: RawFd, timeout: Duration) -> io::Result<bool> {
    let deadline = Instant::now() + timeout;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        // Rounded up, so poll never returns before the deadline.
        let ms = left.as_nanos().div_ceil(1_000_000).min(i32::MAX as u128) as i32;
        let mut pfd = libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: one valid pollfd, its count, a timeout.
        let n = unsafe { libc::poll(&mut pfd, 1, ms) };
        if n >= 0 {
            return Ok(n > 0 && pfd.revents & libc::POLLIN != 0);
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::fd::{FromRawFd, OwnedFd};

    #[test]
    fn one_column_is_narrow_two_are_wide() {
        assert_eq!(classify(1), ProbeResult::Narrow);
        assert_eq!(classify(2), ProbeResult::Wide);
        assert_eq!(classify(0), ProbeResult::NoAnswer);
        assert_eq!(classify(7), ProbeResult::NoAnswer);
        assert_eq!(ProbeResult::Wide.mode(), WidthMode::Wide);
        assert_eq!(ProbeResult::NoAnswer.mode(), WidthMode::Narrow);
    }

    #[test]
    fn the_query_prints_an_ambiguous_character_at_home() {
        let q = String::from_utf8(query_bytes()).unwrap();
        assert_eq!(q, "\x1b[H\u{25BD}\x1b[6n");
        assert!(crate::text::width::is_ambiguous(PROBE_CHAR));
    }

    fn pipe() -> (OwnedFd, OwnedFd) {
        let mut fds = [0; 2];
        // SAFETY: fds has room for the two descriptors pipe() writes.
        assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
        // SAFETY: both descriptors are fresh and owned here.
        unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) }
    }

    #[test]
    fn readable_waits_for_input_without_reading_it() {
        let (r, w) = pipe();
        let start = Instant::now();
        assert!(!readable(r.as_raw_fd(), Duration::from_millis(50)).unwrap());
        assert!(start.elapsed() >= Duration::from_millis(50));
        let mut w = std::fs::File::from(w);
        w.write_all(b"j").unwrap();
        assert!(readable(r.as_raw_fd(), Duration::from_secs(5)).unwrap());
        // Still there: poll consumed nothing.
        assert!(readable(r.as_raw_fd(), Duration::ZERO).unwrap());
    }
}
