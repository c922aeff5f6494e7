//! A session: one app on one terminal reached through a byte stream. Its
//! input is bytes (and resizes) fed from another thread by a [`Feed`]: an
//! SSH channel's handler, or the thread that reads the process's own
//! terminal (`local`). Its output, every frame, the width probe's query
//! and OSC 52 copies, goes to one writer. Everything a session needs is
//! in it (its size, its probe, whether its terminal went away); only
//! terminating signals belong to the process.

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ratatui::Terminal;

use super::backend::SharedSize;
use super::probe::{self, Answers, ProbeResult};
use super::{Ending, Options};
use crate::app::{Action, App, WidthSource};

/// What arrives from the user's terminal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Incoming {
    /// Bytes, as they came (one chunk: what was available at once).
    Bytes(Vec<u8>),
    /// The terminal's new size (already in the session's size).
    Resize(u16, u16),
    /// The terminal went away: the session ends.
    Closed,
    /// An event from whoever runs the session (a server's notice), passed
    /// to the run loop as it is.
    Event(crate::app::Event),
}

/// The sending end of a session's input, for the thread that reads the
/// user's terminal. Cloned freely; the session ends as lost when every
/// feed is dropped (or one says [`Feed::close`]).
#[derive(Debug, Clone)]
pub struct Feed {
    tx: Sender<Incoming>,
    size: SharedSize,
}

impl Feed {
    /// Bytes typed (or sent) by the terminal. False once the session has
    /// ended: stop feeding.
    pub fn bytes(&self, bytes: &[u8]) -> bool {
        self.tx.send(Incoming::Bytes(bytes.to_vec())).is_ok()
    }

    /// The terminal's size changed (an SSH window-change, SIGWINCH).
    pub fn resize(&self, width: u16, height: u16) -> bool {
        self.size.set(width, height);
        let now = self.size.get();
        (self.tx.send(Incoming::Resize(now.width, now.height))).is_ok()
    }

    /// An event for the run loop from outside the terminal (a notice that
    /// the session will be closed, say).
    pub fn event(&self, event: crate::app::Event) -> bool {
        self.tx.send(Incoming::Event(event)).is_ok()
    }

    /// The terminal went away.
    pub fn close(&self) {
        let _ = self.tx.send(Incoming::Closed);
    }
}

/// A writer shared by the backend, the probe and the clipboard: all of a
/// session's output goes through it, in the order written.
#[derive(Clone)]
pub struct SharedOut(Arc<Mutex<Box<dyn Write + Send>>>);

impl SharedOut {
    pub fn new(out: Box<dyn Write + Send>) -> SharedOut {
        SharedOut(Arc::new(Mutex::new(out)))
    }

    fn with<T>(&self, f: impl FnOnce(&mut dyn Write) -> io::Result<T>) -> io::Result<T> {
        let mut out = self
            .0
            .lock()
            .map_err(|_| io::Error::other("output poisoned"))?;
        f(&mut **out)
    }
}

impl Write for SharedOut {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.with(|o| o.write(buf))
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.with(|o| o.write_all(buf))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.with(|o| o.flush())
    }
}

/// One session's terminal: its input, its output, its size.
pub struct Session {
    pub(super) rx: Receiver<Incoming>,
    pub(super) out: SharedOut,
    pub(super) size: SharedSize,
    /// Set when the input ended: the terminal went away.
    pub(super) lost: Arc<AtomicBool>,
    pub(super) probe_timeout: Duration,
    /// Who reads the archive again on `R` and builds its index (`None`:
    /// the session itself).
    pub(super) shared: super::Shared,
}

impl Session {
    /// A session drawing on `out`, `width` x `height` to begin with, and
    /// the feed for its input.
    pub fn new(out: Box<dyn Write + Send>, width: u16, height: u16) -> (Session, Feed) {
        let (tx, rx) = mpsc::channel();
        let size = SharedSize::new(width, height);
        let session = Session {
            rx,
            out: SharedOut::new(out),
            size: size.clone(),
            lost: Arc::default(),
            probe_timeout: probe::DEFAULT_TIMEOUT,
            shared: super::Shared::default(),
        };
        (session, Feed { tx, size })
    }

    /// How long the width probe waits for the terminal's answer.
    pub fn with_probe_timeout(mut self, timeout: Duration) -> Session {
        self.probe_timeout = timeout;
        self
    }

    /// The archive read again by `reloader` on `R`, not by the session
    /// (which then follows no file itself).
    pub fn with_reloader(mut self, reloader: super::Reloader) -> Session {
        self.shared.reloader = Some(reloader);
        self
    }

    /// The search index built by `builder` when a search first needs it,
    /// not by the session.
    pub fn with_index_builder(mut self, builder: super::IndexBuilder) -> Session {
        self.shared.index_builder = Some(builder);
        self
    }
}

/// Runs `app` on `session` until it quits or the session's terminal goes
/// away: the alternate screen, the width probe (asked on the session's
/// output, answered on its input), the run loop, the screen given back.
/// Only the lean backend draws on a session (`options.backend` is read
/// for its synchronized output).
pub fn run(app: &mut App, session: Session, options: Options) -> io::Result<Ending> {
    let mut out = session.out.clone();
    out.write_all(ENTER)?;
    out.flush()?;
    let lost = session.lost.clone();
    let input = super::events::Input::channel();
    let result = serve(app, options, session, input, None);
    let _ = out.write_all(LEAVE);
    let _ = out.flush();
    super::ending::ending(result, lost.load(Ordering::SeqCst))
}

/// The alternate screen, and leaving it with the cursor shown (and
/// bracketed paste off, however the session ended).
const ENTER: &[u8] = b"\x1b[?1049h";
const LEAVE: &[u8] = b"\x1b[?2004l\x1b[?1049l\x1b[?25h";

/// The probe's answers from a session's input: bytes until the timeout, a
/// terminating signal, or the end of the input (which is recorded).
pub(super) struct FromInput<'a> {
    pub(super) rx: &'a Receiver<Incoming>,
    pub(super) lost: &'a AtomicBool,
}

impl Answers for FromInput<'_> {
    fn next_bytes(&mut self, timeout: Duration) -> io::Result<Option<Vec<u8>>> {
        const SLICE: Duration = Duration::from_millis(20);
        let deadline = std::time::Instant::now() + timeout;
        loop {
            if super::signals::received().is_some() {
                return Ok(None);
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.rx.recv_timeout(left.min(SLICE)) {
                Ok(Incoming::Bytes(b)) => return Ok(Some(b)),
                // Already in the session's size, and the first frame is
                // drawn whole after the probe.
                Ok(Incoming::Resize(..)) => {}
                // Nothing the probe can use; the first frame comes after it.
                Ok(Incoming::Event(_)) => {}
                Ok(Incoming::Closed) | Err(RecvTimeoutError::Disconnected) => {
                    self.lost.store(true, Ordering::SeqCst);
                    return Ok(None);
                }
                Err(RecvTimeoutError::Timeout) if left <= SLICE => return Ok(None),
                Err(RecvTimeoutError::Timeout) => {}
            }
        }
    }
}

/// The session on a terminal already taken: the probe (on the process's
/// terminal itself when `local`, before its reader starts; else on the
/// session's input), the input thread, then the loop.
pub(super) fn serve(
    app: &mut App,
    options: Options,
    session: Session,
    input: super::events::Input,
    mut local: Option<super::local::Local>,
) -> std::io::Result<()> {
    let Session {
        rx,
        mut out,
        size,
        lost,
        probe_timeout,
        shared,
    } = session;
    let mut quiet_until = None;
    let mut typed = Vec::new();
    if options.forced.is_none() {
        let asked = match local.as_mut() {
            Some(l) => probe::ask(&mut out, &mut l.tty, probe::DEFAULT_TIMEOUT),
            None => {
                let mut answers = FromInput {
                    rx: &rx,
                    lost: &lost,
                };
                probe::ask(&mut out, &mut answers, probe_timeout)
            }
        };
        let found;
        (found, typed) = asked.unwrap_or((ProbeResult::NoAnswer, Vec::new()));
        let source = match found {
            ProbeResult::NoAnswer => WidthSource::NoAnswer,
            _ => WidthSource::Detected,
        };
        crate::app::effect::update_inline(app, Action::WidthMode(found.mode(), source));
        // Only an unanswered probe can still be answered late; after an
        // answer, keys typed ahead (`?`, a count, Esc) are keys.
        if found == ProbeResult::NoAnswer {
            quiet_until = Some(Instant::now() + super::events::AFTER_PROBE);
        }
    }
    if super::signals::received().is_some() || lost.load(Ordering::SeqCst) {
        return Ok(());
    }
    // Keys typed while the probe waited come first.
    let mut parser = super::input::Parser::new();
    for parsed in parser.events(&typed) {
        if let super::input::Parsed::Event(e) = parsed {
            let _ = input.tx.send(e);
        }
    }
    let is_local = local.is_some();
    let mut shared = shared;
    if is_local {
        shared.suspend = Some(super::screen::suspender(app.settings.mouse));
    }
    if let Some(l) = local {
        l.start();
    }
    super::events::start_input(super::events::Reading {
        incoming: rx,
        parser,
        tx: input.tx.clone(),
        lost,
        quiet_until,
    });
    super::write_now(&mut out, super::PASTE_ON)?;
    let mouse = app.settings.mouse;
    if mouse {
        super::write_now(&mut out, super::MOUSE_ON)?;
    }
    let result = match options.backend {
        super::backend::Choice::Plain if is_local => {
            let plain =
                super::capped::Capped(ratatui::backend::CrosstermBackend::new(std::io::stdout()));
            Terminal::new(plain).and_then(|mut t| {
                let r = super::start(&mut t, app, options, input, &mut out, shared);
                // Dropping a terminal whose cursor cannot be shown again
                // would report it with `eprintln!`, which panics when the
                // terminal is gone: leak it instead (the process ends).
                if t.show_cursor().is_err() {
                    std::mem::forget(t);
                }
                r
            })
        }
        choice => {
            let sync = match choice {
                super::backend::Choice::Lean(sync) => sync,
                super::backend::Choice::Plain => super::backend::SyncOutput::Large,
            };
            let lean = match is_local {
                true => super::backend::LeanBackend::new(out.clone(), size, sync),
                false => super::backend::LeanBackend::for_session(out.clone(), size, sync),
            };
            Terminal::new(lean)
                .and_then(|mut t| super::start(&mut t, app, options, input, &mut out, shared))
        }
    };
    if mouse {
        let _ = super::write_now(&mut out, super::MOUSE_OFF);
    }
    let _ = super::write_now(&mut out, super::PASTE_OFF);
    result
}
