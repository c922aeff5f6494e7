//! Terminating signals. From before the terminal is taken (so also during
//! the start-up probe) SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1 and
//! SIGALRM are caught instead of killing the process with the terminal
//! raw and on the alternate screen: the first one is recorded and ends the
//! run loop (`Event::Terminate`); the reader then saves, restores the
//! terminal and exits with 128 + the signal's number, as shells expect.

use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::Sender;

use signal_hook::consts::{SIGALRM, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1};
use signal_hook::iterator::Signals;

use crate::app::Event;

/// The signals that end the reader cleanly.
pub const CAUGHT: [i32; 6] = [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGALRM];

/// The first signal received (0: none).
static RECEIVED: AtomicI32 = AtomicI32::new(0);

/// Catches [`CAUGHT`] from now on; each one sends `Event::Terminate` to
/// `tx` (the first one is also recorded for [`received`]).
pub fn install(tx: Sender<Event>) -> std::io::Result<()> {
    let mut signals = Signals::new(CAUGHT)?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            let _ = RECEIVED.compare_exchange(0, sig, Ordering::SeqCst, Ordering::SeqCst);
            let _ = tx.send(Event::Terminate);
        }
    });
    Ok(())
}

/// The first terminating signal received, if any.
pub fn received() -> Option<i32> {
    match RECEIVED.load(Ordering::SeqCst) {
        0 => None,
        sig => Some(sig),
    }
}
