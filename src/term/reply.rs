//! The bytes read while the start-up probe waits: the terminal's reply
//! (`ESC [ row ; col R`), anything that looks like a damaged reply, and
//! keys typed ahead. Replies are taken out whole, well-formed or not, so
//! they can never become keys; what is left is read as keys by the one
//! input parser (`input`).

const ESC: u8 = 0x1b;

/// The column (1-based) of the first well-formed cursor-position reply in
/// `bytes`, and where the reply is.
pub fn find_reply(bytes: &[u8]) -> Option<(u16, std::ops::Range<usize>)> {
    let mut from = 0;
    while let Some(i) = bytes[from..]
        .iter()
        .position(|&b| b == ESC)
        .map(|i| i + from)
    {
        if let Some((col, end)) = parse_cpr(bytes, i) {
            return Some((col, i..end));
        }
        from = i + 1;
    }
    None
}

/// `ESC [ digits ; digits R` at `i`: the column and the end.
fn parse_cpr(bytes: &[u8], i: usize) -> Option<(u16, usize)> {
    let rest = bytes.get(i..)?.strip_prefix(b"\x1b[")?;
    let end = rest.iter().position(|&b| b == b'R')?;
    let body = std::str::from_utf8(&rest[..end]).ok()?;
    let (row, col) = body.split_once(';')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(row) || !digits(col) {
        return None;
    }
    Some((col.parse().ok()?, i + 2 + end + 1))
}

/// `bytes` without anything that looks like a terminal reply: a CSI whose
/// parameters hold `;` or `?` or whose final byte is `R`, one cut short (at
/// the end, or by another `ESC`), `ESC` or `[` followed by a row and column
/// that lack their introducer, `ESC R`. Ordinary key sequences (arrows,
/// `ESC [ 5 ~` …) and everything else stay.
pub fn strip_replies(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match reply_at(bytes, i) {
            Some(end) => i = end,
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    out
}

/// Where a reply-like run starting at `i` ends, if one starts there.
fn reply_at(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = &bytes[i..];
    match rest {
        [ESC, b'[', ..] => csi_reply(bytes, i + 2),
        [ESC, b'R', ..] => Some(i + 2),
        [ESC, d, ..] | [b'[', d, ..] if d.is_ascii_digit() => {
            let end = i + 1 + params_len(&rest[1..]);
            let has_sep = rest[1..end - i].contains(&b';');
            match bytes.get(end) {
                Some(b'R') => Some(end + 1),
                None if has_sep => Some(end),
                _ => None,
            }
        }
        _ => None,
    }
}

/// After `ESC [` at `start`: the end of a reply-like CSI, or `None` for a
/// key sequence.
fn csi_reply(bytes: &[u8], start: usize) -> Option<usize> {
    let n = params_len(&bytes[start..]);
    let params = &bytes[start..start + n];
    let reply_params = params.iter().any(|b| matches!(b, b';' | b'?' | b':'));
    match bytes.get(start + n) {
        // Cut short: at the end, or by the next sequence.
        None | Some(&ESC) => Some(start + n),
        Some(&b) if (0x40..=0x7e).contains(&b) && (b == b'R' || reply_params) => {
            Some(start + n + 1)
        }
        Some(&b) if (0x40..=0x7e).contains(&b) => None,
        // A byte no CSI holds: the reply is damaged up to here.
        Some(_) => Some(start + n),
    }
}

/// Length of the parameter bytes (`0-9 : ; < = > ?`) at the start.
fn params_len(bytes: &[u8]) -> usize {
    bytes
        .iter()
        .take_while(|b| (0x30..=0x3f).contains(*b))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Key, KeyCode};

    #[test]
    fn the_first_well_formed_reply_is_found() {
        assert_eq!(find_reply(b"ab\x1b[12;3Rx"), Some((3, 2..9)));
        assert_eq!(find_reply(b"\x1b[1;3;R\x1b[1;2R"), Some((2, 7..13)));
        assert_eq!(find_reply(b"\x1b[99999999;1R"), None);
        assert_eq!(find_reply(b"\x1b[?1;3R"), None);
    }

    #[test]
    fn damaged_replies_are_taken_out_whole() {
        for reply in [
            &b"\x1b1;3R"[..],
            b"[1;3R",
            b"\x1b[1;3;R",
            b"\x1b[?1;3R",
            b"\x1b[1;3\x1bR",
            b"\x1b[99999999999;1R",
            b"\x1b[1;3r",
        ] {
            let mut typed = b"j".to_vec();
            typed.extend_from_slice(reply);
            typed.push(b'k');
            assert_eq!(strip_replies(&typed), b"jk", "{reply:?}");
        }
        // Cut short by the end of what was read.
        for reply in [&b"\x1b[1;3"[..], b"\x1b[1;", b"\x1b[", b"\x1b1;2"] {
            let mut typed = b"j".to_vec();
            typed.extend_from_slice(reply);
            assert_eq!(strip_replies(&typed), b"j", "{reply:?}");
        }
    }

    #[test]
    fn keys_survive_stripping_and_are_read() {
        let typed = strip_replies("ab\x1b[A\x1b[5~中\r\x1b".as_bytes());
        let keys = super::super::probe::keys_of(&typed);
        assert_eq!(
            keys,
            [
                Key::ch('a'),
                Key::ch('b'),
                Key::plain(KeyCode::Up),
                Key::plain(KeyCode::PageUp),
                Key::ch('中'),
                Key::plain(KeyCode::Enter),
                Key::plain(KeyCode::Esc),
            ]
        );
        assert_eq!(super::super::probe::keys_of(b"\x03"), [Key::ctrl('c')]);
    }
}
