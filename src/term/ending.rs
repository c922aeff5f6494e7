//! How a reader session ended, for the exit status: the user quit, a
//! terminating signal arrived (`signals`), or the terminal went away.

use super::signals;

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A terminating signal arrived (its number): exit with 128 + it.
    Signal(i32),
    /// The terminal went away (reads or writes failed with no signal).
    Lost,
}

/// How the session ended: a signal first, then a terminal gone (reading
/// failed, or writing failed the way a hung-up terminal fails). `lost`:
/// the session's input ended.
pub(super) fn ending(result: std::io::Result<()>, lost: bool) -> std::io::Result<Ending> {
    if let Some(sig) = signals::received() {
        return Ok(Ending::Signal(sig));
    }
    match result {
        Ok(()) if lost => Ok(Ending::Lost),
        Ok(()) => Ok(Ending::Quit),
        Err(e) if is_lost(&e) || lost => Ok(Ending::Lost),
        Err(e) => Err(e),
    }
}

/// Whether `e` (or the error it wraps) is how writing to a terminal that
/// went away fails.
pub(super) fn is_lost(e: &std::io::Error) -> bool {
    let gone = |e: &std::io::Error| {
        e.kind() == std::io::ErrorKind::BrokenPipe
            || matches!(
                e.raw_os_error(),
                Some(libc::EIO | libc::ENXIO | libc::EPIPE | libc::EBADF | libc::ENOTTY)
            )
    };
    let inner = e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<std::io::Error>());
    gone(e) || inner.is_some_and(gone)
}
