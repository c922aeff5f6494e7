//! Terminal input, from bytes to the app's events: text (UTF-8), control
//! keys, Alt (an `ESC` before a key), CSI and SS3 keys with modifiers,
//! bracketed paste (one `Event::Paste`), SGR mouse, and cursor-position
//! replies (`ESC [ row ; col R`, for the width probe, never keys). The
//! same parser reads the process's terminal and any other byte stream (an
//! SSH channel), so both give the keys crossterm's reader gave
//! (`convert_key`, `convert_mouse` before issue 21).
//!
//! Bytes may come in chunks of any size: a sequence cut by the end of a
//! chunk is kept until the rest comes. One exception, as in every
//! terminal program: an `ESC` that ends a chunk and starts nothing yet
//! is the Esc key (a key sequence is written in one piece, so the next
//! chunk is a new key). Anything that is no key (a broken sequence, a
//! stray continuation byte) is dropped whole; nothing panics.
//!
//! Written by hand: crates that parse terminal input (terminput, termwiz,
//! termina) parse one event from a complete buffer or bring a terminal
//! library with them, and none routes replies to a caller or takes out
//! damaged ones (`reply`), which the probe needs.

use super::csi::{self, Step};
use crate::app::{Event, Key, KeyCode};

const ESC: u8 = 0x1b;
/// The end of a bracketed paste.
const PASTE_END: &[u8] = b"\x1b[201~";
/// A paste keeps at most this many bytes (the rest is dropped): a paste
/// that never ends must not fill the memory.
pub const MAX_PASTE: usize = 1 << 20;

/// What the bytes said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Parsed {
    /// Input for the app.
    Event(Event),
    /// A cursor-position reply (1-based).
    Position { row: u16, col: u16 },
}

/// The parser: what is left of a sequence not yet complete.
#[derive(Debug, Default)]
pub struct Parser {
    pending: Vec<u8>,
    /// Inside a bracketed paste: the text so far.
    paste: Option<Vec<u8>>,
}

impl Parser {
    pub fn new() -> Parser {
        Parser::default()
    }

    /// Reads one chunk of input (what was available at once), appending
    /// what it says to `out`.
    pub fn feed(&mut self, bytes: &[u8], out: &mut Vec<Parsed>) {
        for (i, &b) in bytes.iter().enumerate() {
            self.push(b, i + 1 < bytes.len(), out);
        }
    }

    /// The events of one chunk (see [`Parser::feed`]).
    pub fn events(&mut self, bytes: &[u8]) -> Vec<Parsed> {
        let mut out = Vec::new();
        self.feed(bytes, &mut out);
        out
    }

    fn push(&mut self, b: u8, more: bool, out: &mut Vec<Parsed>) {
        if let Some(paste) = self.paste.as_mut() {
            paste.push(b);
            if paste.len() > MAX_PASTE + PASTE_END.len() {
                paste.remove(MAX_PASTE);
            }
            if paste.ends_with(PASTE_END) {
                let mut text = self.paste.take().unwrap_or_default();
                text.truncate(text.len() - PASTE_END.len());
                text.truncate(MAX_PASTE);
                let text = String::from_utf8_lossy(&text).into_owned();
                out.push(Parsed::Event(Event::Paste(text)));
            }
            return;
        }
        self.pending.push(b);
        match parse(&self.pending, more) {
            Step::Wait => {}
            Step::Done(parsed) => {
                self.pending.clear();
                out.extend(parsed);
            }
            Step::Drop => self.pending.clear(),
            Step::Retry => {
                self.pending.clear();
                self.push(b, more, out);
            }
            Step::Paste => {
                self.pending.clear();
                self.paste = Some(Vec::new());
            }
        }
    }
}

/// The key of a plain character.
pub(super) fn key(code: KeyCode) -> Step {
    Step::Done(Some(Parsed::Event(Event::Key(Key::plain(code)))))
}

/// What `buf` (one event so far, starting at its first byte) is;
/// `more`: more input is already there.
fn parse(buf: &[u8], more: bool) -> Step {
    match buf {
        [ESC] if more => Step::Wait,
        [ESC] | [ESC, ESC] => key(KeyCode::Esc),
        [ESC, b'O', rest @ ..] => csi::ss3(rest),
        [ESC, b'[', rest @ ..] => csi::csi(rest),
        [ESC, rest @ ..] => match parse(rest, more) {
            Step::Done(Some(Parsed::Event(Event::Key(k)))) => {
                Step::Done(Some(Parsed::Event(Event::Key(Key { alt: true, ..k }))))
            }
            Step::Retry => Step::Drop,
            step => step,
        },
        _ => plain(buf),
    }
}

/// A key that is no escape sequence: a control byte or a character.
fn plain(buf: &[u8]) -> Step {
    let ctrl = |c: u8| Step::Done(Some(Parsed::Event(Event::Key(Key::ctrl(char::from(c))))));
    match buf[0] {
        b'\r' => key(KeyCode::Enter),
        b'\t' => key(KeyCode::Tab),
        0x7f => key(KeyCode::Backspace),
        // `\n` too: raw mode keeps it from being Enter (as crossterm).
        c @ 0x01..=0x1a => ctrl(c - 1 + b'a'),
        c @ 0x1c..=0x1f => ctrl(c - 0x1c + b'4'),
        0 => ctrl(b' '),
        _ => match std::str::from_utf8(buf) {
            Ok(s) => s
                .chars()
                .next()
                .map_or(Step::Drop, |c| key(KeyCode::Char(c))),
            Err(e) if e.error_len().is_none() => Step::Wait,
            Err(_) => Step::Drop,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(bytes: &[u8]) -> Vec<Parsed> {
        Parser::new().events(bytes)
    }

    fn k(key: Key) -> Parsed {
        Parsed::Event(Event::Key(key))
    }

    fn alt(key: Key) -> Key {
        Key { alt: true, ..key }
    }

    #[test]
    fn text_and_control_keys() {
        assert_eq!(
            keys("a中\r\t\x7f\x03\n\x1c\0".as_bytes()),
            [
                k(Key::ch('a')),
                k(Key::ch('中')),
                k(Key::plain(KeyCode::Enter)),
                k(Key::plain(KeyCode::Tab)),
                k(Key::plain(KeyCode::Backspace)),
                k(Key::ctrl('c')),
                k(Key::ctrl('j')),
                k(Key::ctrl('4')),
                k(Key::ctrl(' ')),
            ]
        );
    }

    #[test]
    fn alt_is_an_escape_before_a_key() {
        assert_eq!(
            keys(b"\x1bj\x1b\x03\x1b\r"),
            [
                k(alt(Key::ch('j'))),
                k(alt(Key::ctrl('c'))),
                k(alt(Key::plain(KeyCode::Enter))),
            ]
        );
        assert_eq!(keys("\x1b中".as_bytes()), [k(alt(Key::ch('中')))]);
    }

    #[test]
    fn a_lone_escape_is_esc_at_the_end_of_a_chunk_only() {
        assert_eq!(keys(b"\x1b"), [k(Key::plain(KeyCode::Esc))]);
        assert_eq!(keys(b"\x1b\x1b"), [k(Key::plain(KeyCode::Esc))]);
        let mut p = Parser::new();
        assert_eq!(p.events(b"\x1b"), [k(Key::plain(KeyCode::Esc))]);
        assert_eq!(p.events(b"[A"), [k(Key::ch('[')), k(Key::ch('A'))]);
    }

    #[test]
    fn sequences_cut_by_a_chunk_wait_for_the_rest() {
        let mut p = Parser::new();
        assert!(p.events(b"\x1b[1;").is_empty());
        assert_eq!(
            p.events(b"5A"),
            [k(Key {
                ctrl: true,
                ..Key::plain(KeyCode::Up)
            })]
        );
        assert!(p.events(&"中".as_bytes()[..2]).is_empty());
        assert_eq!(p.events(&"中".as_bytes()[2..]), [k(Key::ch('中'))]);
    }

    #[test]
    fn a_paste_is_one_event_even_in_pieces() {
        let mut p = Parser::new();
        assert!(p.events(b"\x1b[200~one\x1b").is_empty());
        assert!(p.events(b"[A two\r\x1b[20").is_empty());
        assert_eq!(
            p.events(b"1~j"),
            [
                Parsed::Event(Event::Paste("one\x1b[A two\r".into())),
                k(Key::ch('j'))
            ]
        );
    }

    #[test]
    fn a_paste_that_never_ends_is_capped() {
        let mut p = Parser::new();
        p.events(b"\x1b[200~");
        p.events(&vec![b'a'; MAX_PASTE + 100]);
        let got = p.events(b"\x1b[201~");
        assert_eq!(got, [Parsed::Event(Event::Paste("a".repeat(MAX_PASTE)))]);
    }

    #[test]
    fn garbage_is_dropped_whole_and_what_follows_is_read() {
        assert_eq!(keys(b"\x1b[x\x1bOzj"), [k(Key::ch('j'))]);
        assert_eq!(keys(b"\xff\x80j"), [k(Key::ch('j'))]);
        // A control byte cuts a sequence short and is itself read.
        assert_eq!(keys(b"\x1b[1;\x03"), [k(Key::ctrl('c'))]);
    }

    use proptest::prelude::*;

    /// Bytes that make sequences often: pieces of every kind of input.
    fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            any::<u8>().prop_map(|b| vec![b]),
            prop::sample::select(&b"\x1b[O<;0123456789MmR~ABZu?jq\r\x03\xe4\xb8\xad"[..])
                .prop_map(|b| vec![b]),
            prop::sample::select(vec![
                &b"\x1b[200~"[..],
                b"\x1b[201~",
                b"\x1b[<64;3;4M",
                b"\x1b[1;5A",
                b"\x1b[12;3R",
                "中".as_bytes(),
            ])
            .prop_map(|b| b.to_vec()),
        ];
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        /// Any bytes, cut anywhere but after an `ESC` (which ends a key
        /// there, see the module notes), give the events they give whole.
        #[test]
        fn chunks_give_the_events_of_the_whole(
            bytes in input_bytes(),
            cuts in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
        ) {
            let whole = Parser::new().events(&bytes);
            let mut at: Vec<usize> = cuts.iter().map(|c| c.index(bytes.len() + 1)).collect();
            at.retain(|&i| i == 0 || bytes[i - 1] != ESC);
            at.sort_unstable();
            at.push(bytes.len());
            let mut p = Parser::new();
            let (mut from, mut got) = (0, Vec::new());
            for to in at {
                p.feed(&bytes[from..to], &mut got);
                from = to;
            }
            prop_assert_eq!(got, whole);
        }

        /// A byte at a time (every byte its own chunk) never panics either.
        #[test]
        fn any_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
            let mut p = Parser::new();
            for b in &bytes {
                p.events(std::slice::from_ref(b));
            }
        }
    }
}
