//! Escape sequences from the terminal (`ESC [` … and `ESC O` …): keys
//! with their modifiers, SGR mouse reports, bracketed paste's start and
//! cursor-position replies, read as crossterm 0.29 reads them (its
//! `parse_csi`), for the keys the reader has. Anything else that is a
//! whole sequence is no event; what cannot be one is dropped.

use super::input::{Parsed, key};
use crate::app::{Event, Key, KeyCode};

/// A sequence longer than this is garbage, dropped.
const MAX_LEN: usize = 64;

/// What to do with the bytes of the event being read.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Incomplete: keep them.
    Wait,
    /// Complete: what they say (`None`: nothing the reader uses).
    Done(Option<Parsed>),
    /// No event: drop them.
    Drop,
    /// The last byte cannot continue the sequence: drop the others and
    /// read it again on its own.
    Retry,
    /// The start of a bracketed paste.
    Paste,
}

/// After `ESC O`.
pub fn ss3(rest: &[u8]) -> Step {
    match rest {
        [] => Step::Wait,
        [b'P'..=b'S'] => Step::Done(None),
        [c] => cursor_key(*c).map_or(Step::Drop, key),
        _ => Step::Drop,
    }
}

/// Arrows, Home and End by their final byte.
fn cursor_key(c: u8) -> Option<KeyCode> {
    Some(match c {
        b'A' => KeyCode::Up,
        b'B' => KeyCode::Down,
        b'C' => KeyCode::Right,
        b'D' => KeyCode::Left,
        b'H' => KeyCode::Home,
        b'F' => KeyCode::End,
        _ => return None,
    })
}

/// After `ESC [`.
pub fn csi(rest: &[u8]) -> Step {
    match rest {
        [] => Step::Wait,
        [b'['] => Step::Wait,
        [b'[', b'A'..=b'E'] => Step::Done(None),
        [b'[', ..] => Step::Drop,
        [b'Z'] => key(KeyCode::BackTab),
        [b'I' | b'O' | b'P' | b'Q' | b'S'] => Step::Done(None),
        [c] if cursor_key(*c).is_some() => cursor_key(*c).map_or(Step::Drop, key),
        [b'M', ..] => normal_mouse(&rest[1..]),
        [b'<' | b'?' | b';' | b'0'..=b'9', ..] => numbered(rest),
        _ => Step::Drop,
    }
}

/// `ESC [ M cb cx cy`: the old mouse encoding (bytes offset by 32).
fn normal_mouse(rest: &[u8]) -> Step {
    match rest {
        [cb, cx, cy] => {
            let Some(cb) = cb.checked_sub(32) else {
                return Step::Drop;
            };
            let at = |c: u8| u16::from(c.saturating_sub(32)).saturating_sub(1);
            Step::Done(mouse(cb, at(*cx), at(*cy), true).map(Parsed::Event))
        }
        _ if rest.len() < 3 => Step::Wait,
        _ => Step::Drop,
    }
}

/// A sequence with parameters (`ESC [ 1 ; 5 A`, `ESC [ < 0 ; 3 ; 4 M`,
/// `ESC [ 12 ; 40 R` …): waits for its final byte.
fn numbered(rest: &[u8]) -> Step {
    let last = rest[rest.len() - 1];
    if rest.len() > MAX_LEN {
        return Step::Drop;
    }
    if (0x20..=0x3f).contains(&last) {
        return Step::Wait;
    }
    if !(0x40..=0x7e).contains(&last) {
        return Step::Retry;
    }
    let Ok(body) = std::str::from_utf8(&rest[..rest.len() - 1]) else {
        return Step::Drop;
    };
    match (rest[0], last) {
        (b'<', b'M' | b'm') => sgr_mouse(&body[1..], last == b'M'),
        (b'<' | b'?', _) => Step::Done(None),
        _ if body == "200" && last == b'~' => Step::Paste,
        (_, b'R') => position(body),
        (_, b'~') => special(body),
        (_, b'M' | b'u') => Step::Done(None),
        _ => modified(body, last),
    }
}

/// `ESC [ row ; col R`.
fn position(body: &str) -> Step {
    let mut it = body.split(';');
    let (Some(row), Some(col), None) = (it.next(), it.next(), it.next()) else {
        return Step::Drop;
    };
    match (row.parse(), col.parse()) {
        (Ok(row), Ok(col)) => Step::Done(Some(Parsed::Position { row, col })),
        _ => Step::Drop,
    }
}

/// The modifiers of a key sequence from its mask (1 + bits: Shift 1,
/// Alt 2, Ctrl 4).
fn modifiers(key: &mut Key, mask: &str) -> Option<()> {
    let mask: u8 = mask.split(':').next()?.parse().ok()?;
    let bits = mask.saturating_sub(1);
    key.alt = bits & 2 != 0;
    key.ctrl = bits & 4 != 0;
    Some(())
}

/// `ESC [ n ; mask ~`: Home, End, Delete, PgUp, PgDn (function keys and
/// Insert are no keys of the reader).
fn special(body: &str) -> Step {
    let mut it = body.split(';');
    let code = match it.next().map(str::parse::<u16>) {
        Some(Ok(1 | 7)) => KeyCode::Home,
        Some(Ok(4 | 8)) => KeyCode::End,
        Some(Ok(3)) => KeyCode::Delete,
        Some(Ok(5)) => KeyCode::PageUp,
        Some(Ok(6)) => KeyCode::PageDown,
        Some(Ok(_)) => return Step::Done(None),
        _ => return Step::Drop,
    };
    let mut k = Key::plain(code);
    if let Some(mask) = it.next()
        && modifiers(&mut k, mask).is_none()
    {
        return Step::Drop;
    }
    Step::Done(Some(Parsed::Event(Event::Key(k))))
}

/// `ESC [ 1 ; mask A` and the like: a cursor key with modifiers.
fn modified(body: &str, last: u8) -> Step {
    let Some(code) = cursor_key(last) else {
        return match last {
            b'P' | b'Q' | b'S' => Step::Done(None),
            _ => Step::Drop,
        };
    };
    let mut k = Key::plain(code);
    let mask = match body.split_once(';') {
        Some((_, mask)) => mask,
        // `ESC [ 5 A`: the old form, the mask alone.
        None => body,
    };
    if !mask.is_empty() && modifiers(&mut k, mask).is_none() {
        return Step::Drop;
    }
    Step::Done(Some(Parsed::Event(Event::Key(k))))
}

/// `ESC [ < cb ; x ; y M` (pressed) or `m` (released), 1-based.
fn sgr_mouse(body: &str, pressed: bool) -> Step {
    let mut it = body.split(';').map(str::parse::<u16>);
    let (Some(Ok(cb)), Some(Ok(x)), Some(Ok(y))) = (it.next(), it.next(), it.next()) else {
        return Step::Drop;
    };
    let Ok(cb) = u8::try_from(cb) else {
        return Step::Drop;
    };
    let (x, y) = (x.saturating_sub(1), y.saturating_sub(1));
    Step::Done(mouse(cb, x, y, pressed).map(Parsed::Event))
}

/// The reader's mouse events: the wheel (three lines) and a left press.
fn mouse(cb: u8, x: u16, y: u16, pressed: bool) -> Option<Event> {
    let button = (cb & 0b11) | ((cb & 0b1100_0000) >> 4);
    let dragging = cb & 0b10_0000 != 0;
    match (button, dragging) {
        (0, false) if pressed => Some(Event::Click(x, y)),
        (4, false) => Some(Event::Scroll(-3)),
        (5, false) => Some(Event::Scroll(3)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::input::Parser;
    use super::*;

    fn one(bytes: &[u8]) -> Vec<Parsed> {
        Parser::new().events(bytes)
    }

    fn k(code: KeyCode, ctrl: bool, alt: bool) -> Vec<Parsed> {
        vec![Parsed::Event(Event::Key(Key { code, ctrl, alt }))]
    }

    #[test]
    fn cursor_and_editing_keys() {
        use KeyCode::*;
        for (bytes, code) in [
            (&b"\x1b[A"[..], Up),
            (b"\x1bOB", Down),
            (b"\x1b[C", Right),
            (b"\x1bOD", Left),
            (b"\x1b[H", Home),
            (b"\x1b[F", End),
            (b"\x1b[1~", Home),
            (b"\x1b[7~", Home),
            (b"\x1b[4~", End),
            (b"\x1b[8~", End),
            (b"\x1b[3~", Delete),
            (b"\x1b[5~", PageUp),
            (b"\x1b[6~", PageDown),
            (b"\x1b[Z", BackTab),
        ] {
            assert_eq!(one(bytes), k(code, false, false), "{bytes:?}");
        }
    }

    #[test]
    fn modifiers_come_from_the_mask() {
        assert_eq!(one(b"\x1b[1;5A"), k(KeyCode::Up, true, false));
        assert_eq!(one(b"\x1b[1;3D"), k(KeyCode::Left, false, true));
        assert_eq!(one(b"\x1b[1;7H"), k(KeyCode::Home, true, true));
        assert_eq!(one(b"\x1b[3;5~"), k(KeyCode::Delete, true, false));
        assert_eq!(one(b"\x1b[5;3~"), k(KeyCode::PageUp, false, true));
        assert_eq!(one(b"\x1b[1;2B"), k(KeyCode::Down, false, false));
    }

    #[test]
    fn keys_the_reader_has_not_are_no_events() {
        for bytes in [
            &b"\x1bOP"[..],
            b"\x1b[2~",
            b"\x1b[15~",
            b"\x1b[I",
            b"\x1b[O",
            b"\x1b[?1u",
            b"\x1b[?64;1c",
            b"\x1b[97u",
            b"\x1b[[A",
        ] {
            assert_eq!(one(bytes), [], "{bytes:?}");
        }
    }

    #[test]
    fn the_wheel_and_a_left_press_are_mouse_events() {
        assert_eq!(one(b"\x1b[<64;10;5M"), [Parsed::Event(Event::Scroll(-3))]);
        assert_eq!(one(b"\x1b[<65;10;5M"), [Parsed::Event(Event::Scroll(3))]);
        assert_eq!(one(b"\x1b[<0;10;5M"), [Parsed::Event(Event::Click(9, 4))]);
        // Released, dragged, other buttons, at column 0.
        for bytes in [&b"\x1b[<0;10;5m"[..], b"\x1b[<32;1;1M", b"\x1b[<2;1;1M"] {
            assert_eq!(one(bytes), [], "{bytes:?}");
        }
        assert_eq!(one(b"\x1b[<0;0;0M"), [Parsed::Event(Event::Click(0, 0))]);
        assert_eq!(one(b"\x1b[M !!"), [Parsed::Event(Event::Click(0, 0))]);
        assert_eq!(one(b"\x1b[M`!!"), [Parsed::Event(Event::Scroll(-3))]);
    }

    #[test]
    fn cursor_positions_are_replies_not_keys() {
        assert_eq!(one(b"\x1b[12;40R"), [Parsed::Position { row: 12, col: 40 }]);
        assert_eq!(one(b"\x1b[1;2;3R"), []);
        assert_eq!(one(b"\x1b[99999999;1R"), []);
    }

    #[test]
    fn overlong_sequences_are_dropped() {
        let mut long = b"\x1b[".to_vec();
        long.extend(std::iter::repeat_n(b'1', 100));
        long.extend(b"Aj");
        let got = one(&long);
        assert_eq!(got.last(), Some(&Parsed::Event(Event::Key(Key::ch('j')))));
    }
}
