//! Taking the terminal (raw mode, the alternate screen) and giving it
//! back, in a way that never panics: the terminal may be gone (a closed
//! window, a dropped SSH connection), and then every write fails. ratatui's
//! own `restore` reports its failure with `eprintln!`, which panics when
//! stderr is that same dead terminal; its panic hook calls `restore` again,
//! and the second panic aborts. Here every error is ignored instead.

use std::io::{self, Write};
use std::sync::Once;

use crossterm::cursor::Show;
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Raw mode and the alternate screen; a panic hook that gives them back
/// (once per process) is installed first.
pub fn enter() -> io::Result<()> {
    restore_on_panic();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen)
}

/// Leaves the alternate screen, shows the cursor, turns bracketed paste
/// off and ends raw mode; errors are ignored (there is no one to tell
/// when the terminal is gone).
pub fn leave() {
    // Raw mode first (as ratatui does): it has more effects than the screen.
    let _ = disable_raw_mode();
    let mut out = io::stdout();
    let _ = out.write_all(super::PASTE_OFF.as_bytes());
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
}

/// What Ctrl-Z does to the process's terminal: gives it back (the mouse
/// too, if the reader took it), stops the process with SIGTSTP as a shell
/// expects, and takes the terminal again once the shell continues it
/// (`fg`). In a process group no shell controls (an orphan), the system
/// ignores the stop and the terminal is simply taken again.
pub fn suspender(mouse: bool) -> super::Suspender {
    std::sync::Arc::new(move || {
        let mut out = io::stdout();
        if mouse {
            let _ = super::write_now(&mut out, super::MOUSE_OFF);
        }
        leave();
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        let _ = enter();
        let _ = super::write_now(&mut out, super::PASTE_ON);
        if mouse {
            let _ = super::write_now(&mut out, super::MOUSE_ON);
        }
    })
}

fn restore_on_panic() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            leave();
            // The default hook ignores write errors itself.
            previous(info);
        }));
    });
}
