//! The process's own terminal as a session: a thread reads its bytes into
//! the session's [`Feed`] (one `read(2)` per chunk, so an `ESC` alone in
//! a read is the Esc key, as it was with crossterm's reader), SIGWINCH
//! gives resizes, and a hang-up (`hangup`) or a failed read closes it.
//! The same parser and run loop then serve it as they serve an SSH
//! channel.

use std::io;

use signal_hook::consts::SIGWINCH;
use signal_hook::iterator::Signals;

use super::probe::Tty;
use super::session::{Feed, Session};

/// The process's terminal: the session (drawing on standard output), the
/// terminal to read, and the feed its reader will use.
pub struct Local {
    pub tty: Tty,
    pub feed: Feed,
}

/// A session on the process's terminal. Resizes are followed from now on
/// (the handler is installed before the size is read, so none is lost);
/// input is read once [`Local::start`] is called, after the width probe
/// has read its answer from the terminal itself.
pub fn session() -> io::Result<(Session, Local)> {
    let (session, feed) = Session::new(Box::new(io::stdout()), 0, 0);
    let mut winch = Signals::new([SIGWINCH])?;
    let resizes = feed.clone();
    std::thread::spawn(move || {
        for _ in winch.forever() {
            if let Ok((w, h)) = crossterm::terminal::size()
                && !resizes.resize(w, h)
            {
                return;
            }
        }
    });
    let (w, h) = crossterm::terminal::size()?;
    session.size.set(w, h);
    Ok((
        session,
        Local {
            tty: Tty::open()?,
            feed,
        },
    ))
}

impl Local {
    /// Starts reading the terminal into the session, and watching for its
    /// hang-up.
    pub fn start(self) {
        super::hangup::watch(self.feed.clone());
        let Local { tty, feed } = self;
        std::thread::spawn(move || {
            loop {
                match tty.read() {
                    Ok(bytes) if !bytes.is_empty() => {
                        if !feed.bytes(&bytes) {
                            return;
                        }
                    }
                    // The terminal is gone (hang-up): end the session.
                    _ => return feed.close(),
                }
            }
        });
    }
}
