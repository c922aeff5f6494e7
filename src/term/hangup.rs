//! Noticing that the terminal went away when no signal says so. The kernel
//! sends SIGHUP only to the session's leader; when that is a shell that
//! ignores it (a script, some SSH and multiplexer set-ups) the reader gets
//! no signal, its reads of the terminal return nothing forever, and
//! crossterm retries them at once (crossterm issue 793, PR 1067): 100% CPU
//! and a reader that never ends. A thread waits in `poll` for the hang-up
//! itself (POLLHUP is reported whatever events are asked for, so it sleeps
//! until then) and ends the session as a lost terminal.

use std::os::fd::RawFd;

use super::session::Feed;

/// Starts the watch on standard output (the terminal the reader draws on)
/// and standard input when that is a terminal too. A pipe on standard input
/// is not watched: its end is not the terminal's.
pub fn watch(feed: Feed) {
    // SAFETY: isatty only inspects the descriptor.
    let stdin_tty = unsafe { libc::isatty(0) } == 1;
    let fds: Vec<RawFd> = [1].into_iter().chain(stdin_tty.then_some(0)).collect();
    std::thread::spawn(move || {
        if wait_for_hangup(&fds) {
            feed.close();
        }
    });
}

/// Blocks until one of `fds` hangs up (true), or polling fails for good.
fn wait_for_hangup(fds: &[RawFd]) -> bool {
    let mut polled: Vec<libc::pollfd> = (fds.iter())
        .map(|&fd| libc::pollfd {
            fd,
            events: 0,
            revents: 0,
        })
        .collect();
    loop {
        // SAFETY: `polled` is a valid array of its length.
        let n = unsafe { libc::poll(polled.as_mut_ptr(), polled.len() as libc::nfds_t, -1) };
        if n < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return false;
        }
        let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        if polled.iter().any(|p| p.revents & gone != 0) {
            return true;
        }
    }
}
