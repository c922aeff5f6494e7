//! Event sources: a session's input, parsed on a thread of its own
//! ([`start_input`]), and signals on another (`signals`), both feeding one
//! channel the run loop blocks on. Idle means idle: no polling.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use super::input::{Parsed, Parser};
use super::session::Incoming;
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

/// What the input thread reads, and where it sends the events.
pub struct Reading {
    pub incoming: Receiver<Incoming>,
    /// The parser, holding what came before (the probe's leftovers).
    pub parser: Parser,
    pub tx: Sender<Event>,
    /// Set when the input ends (the terminal went away).
    pub lost: Arc<AtomicBool>,
    /// Until then, keys that could be pieces of a reply are dropped.
    pub quiet_until: Option<Instant>,
}

/// Starts the thread that parses the session's input into events. A
/// cursor-position reply that comes now (late) is dropped.
pub fn start_input(r: Reading) {
    thread::spawn(move || {
        let Reading {
            incoming,
            mut parser,
            tx,
            lost,
            quiet_until,
        } = r;
        let quiet = |e: &Event| match e {
            Event::Key(k) => quiet_until.is_some_and(|t| Instant::now() < t) && reply_like(k),
            _ => false,
        };
        for next in incoming.iter() {
            let events: Vec<Event> = match next {
                Incoming::Bytes(bytes) => (parser.events(&bytes).into_iter())
                    .filter_map(|p| match p {
                        Parsed::Event(e) => Some(e),
                        Parsed::Position { .. } => None,
                    })
                    .filter(|e| !quiet(e))
                    .collect(),
                Incoming::Resize(w, h) => vec![Event::Resize(w, h)],
                Incoming::Event(e) => vec![e],
                Incoming::Closed => break,
            };
            for e in events {
                if tx.send(e).is_err() {
                    return;
                }
            }
        }
        // The terminal is gone (hang-up, closed channel): end the session.
        lost.store(true, Ordering::SeqCst);
        let _ = tx.send(Event::Terminate);
    });
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
