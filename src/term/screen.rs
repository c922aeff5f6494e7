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
