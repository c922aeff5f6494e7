//! Event sources: terminal input on one thread, signals on another, both
//! feeding one channel the run loop blocks on. Idle means idle: no polling.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;

use crossterm::event::{self, KeyEvent, KeyEventKind, KeyModifiers};
use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::Signals;

use crate::app::{Event, Key, KeyCode};

/// The channel the input and signal threads feed, and a sender for
/// anything else that must wake the run loop (the save worker).
pub struct Input {
    pub rx: Receiver<Event>,
    pub tx: Sender<Event>,
}

/// Starts the input and signal threads; returns the channel they feed.
pub fn spawn() -> std::io::Result<Input> {
    // Creates crossterm's event source (and its SIGWINCH handler) here,
    // before the caller reads the terminal size, so a resize in between is
    // not lost.
    let _ = event::poll(std::time::Duration::ZERO)?;
    let (tx, rx) = mpsc::channel();
    let mut signals = Signals::new([SIGTERM, SIGHUP])?;
    let sig_tx = tx.clone();
    thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = sig_tx.send(Event::Terminate);
        }
    });
    let waker = tx.clone();
    thread::spawn(move || input_loop(tx));
    Ok(Input { rx, tx: waker })
}

fn input_loop(tx: Sender<Event>) {
    loop {
        let event = match event::read() {
            Ok(e) => convert(e),
            // The terminal is gone (hang-up): end the session.
            Err(_) => Some(Event::Terminate),
        };
        let Some(event) = event else { continue };
        let last = event == Event::Terminate;
        if tx.send(event).is_err() || last {
            return;
        }
    }
}

/// Converts a crossterm event; `None` for events the reader ignores.
pub fn convert(event: event::Event) -> Option<Event> {
    match event {
        event::Event::Key(k) if k.kind != KeyEventKind::Release => convert_key(k).map(Event::Key),
        event::Event::Resize(w, h) => Some(Event::Resize(w, h)),
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
