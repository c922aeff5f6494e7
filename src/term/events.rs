//! Event sources: terminal input on one thread, signals on another
//! (`signals`), both feeding one channel the run loop blocks on. Idle means
//! idle: no polling.
//!
//! crossterm reads the terminal with its `use-dev-tty` source (`poll(2)`,
//! level-triggered; see Cargo.toml): its default mio source, edge-triggered,
//! returned a resize and dropped the keys that were ready with it, which
//! then waited in the terminal until the next key (issue 20).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use crossterm::event::{self, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Event, Key, KeyCode};

/// The channel the input and signal threads feed, and a sender for
/// anything else that must wake the run loop (the save worker).
pub struct Input {
    pub rx: Receiver<Event>,
    pub tx: Sender<Event>,
}

impl Input {
    /// The channel, with no thread feeding it yet.
    pub fn channel() -> Input {
        let (tx, rx) = mpsc::channel();
        Input { rx, tx }
    }
}

/// How long after a start-up probe that got no answer keys that could be
/// pieces of a late terminal reply are dropped (see [`reply_like`]).
pub const AFTER_PROBE: Duration = Duration::from_millis(500);

/// Set once reading the terminal failed: it is gone.
static LOST: AtomicBool = AtomicBool::new(false);

/// Whether reading the terminal failed (it went away).
pub fn lost() -> bool {
    LOST.load(Ordering::SeqCst)
}

/// Records that the terminal went away (see `hangup`).
pub(super) fn set_lost() {
    LOST.store(true, Ordering::SeqCst);
}

/// Starts the thread that reads the terminal into `input`'s channel. Until
/// `quiet_until`, keys that could be pieces of a reply to the probe are
/// dropped.
pub fn start_keys(input: &Input, quiet_until: Option<Instant>) -> std::io::Result<()> {
    // Creates crossterm's event source (and its SIGWINCH handler) here,
    // before the caller reads the terminal size, so a resize in between is
    // not lost.
    let _ = event::poll(Duration::ZERO)?;
    let tx = input.tx.clone();
    thread::spawn(move || input_loop(tx, quiet_until));
    super::hangup::watch(input.tx.clone());
    Ok(())
}

fn input_loop(tx: Sender<Event>, quiet_until: Option<Instant>) {
    loop {
        let event = match event::read() {
            Ok(e) => convert(e),
            // The terminal is gone (hang-up): end the session.
            Err(_) => {
                LOST.store(true, Ordering::SeqCst);
                Some(Event::Terminate)
            }
        };
        let Some(event) = event else { continue };
        if let Event::Key(k) = &event
            && quiet_until.is_some_and(|t| Instant::now() < t)
            && reply_like(k)
        {
            continue;
        }
        let last = event == Event::Terminate;
        if tx.send(event).is_err() || last {
            return;
        }
    }
}

/// A key that can be a piece of a cursor-position reply (`ESC [ row ; col
/// R`) that crossterm could not parse: a reply missing its `ESC` or its
/// `[`, with an extra parameter, an `ESC` inside … turns into such keys.
/// Only dropped while the probe may still be answered.
pub fn reply_like(k: &Key) -> bool {
    match k.code {
        KeyCode::Esc => true,
        KeyCode::Char(c) => {
            !k.ctrl && (c.is_ascii_digit() || matches!(c, ';' | ':' | '[' | '?' | 'R'))
        }
        _ => false,
    }
}

/// Converts a crossterm event; `None` for events the reader ignores.
pub fn convert(event: event::Event) -> Option<Event> {
    match event {
        event::Event::Key(k) if k.kind != KeyEventKind::Release => convert_key(k).map(Event::Key),
        event::Event::Resize(w, h) => {
            let (w, h) = super::capped::cap(w, h);
            Some(Event::Resize(w, h))
        }
        event::Event::Paste(s) => Some(Event::Paste(s)),
        event::Event::Mouse(m) => convert_mouse(m),
        _ => None,
    }
}

fn convert_mouse(m: event::MouseEvent) -> Option<Event> {
    use event::MouseEventKind as M;
    match m.kind {
        M::ScrollDown => Some(Event::Scroll(3)),
        M::ScrollUp => Some(Event::Scroll(-3)),
        M::Down(event::MouseButton::Left) => Some(Event::Click(m.column, m.row)),
        _ => None,
    }
}

fn convert_key(k: KeyEvent) -> Option<Key> {
    use event::KeyCode as C;
    let code = match k.code {
        C::Char(c) => KeyCode::Char(c),
        C::Enter => KeyCode::Enter,
        C::Esc => KeyCode::Esc,
        C::Backspace => KeyCode::Backspace,
        C::Delete => KeyCode::Delete,
        C::Tab => KeyCode::Tab,
        C::BackTab => KeyCode::BackTab,
        C::Up => KeyCode::Up,
        C::Down => KeyCode::Down,
        C::Left => KeyCode::Left,
        C::Right => KeyCode::Right,
        C::Home => KeyCode::Home,
        C::End => KeyCode::End,
        C::PageUp => KeyCode::PageUp,
        C::PageDown => KeyCode::PageDown,
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_of_a_reply_are_reply_like_and_ordinary_keys_are_not() {
        for c in ['1', ';', '[', '?', 'R'] {
            assert!(reply_like(&Key::ch(c)), "{c}");
        }
        let alt_one = Key {
            alt: true,
            ..Key::ch('1')
        };
        assert!(reply_like(&alt_one) && reply_like(&Key::plain(KeyCode::Esc)));
        for k in [
            Key::ch('j'),
            Key::ch('q'),
            Key::ctrl('c'),
            Key::plain(KeyCode::Enter),
        ] {
            assert!(!reply_like(&k), "{k:?}");
        }
    }
}
