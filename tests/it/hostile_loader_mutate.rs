//! The mutations of the archive loader's fuzzer (`hostile_loader_fuzz`):
//! bytes flipped, inserted, deleted or cut off; structural tokens doubled
//! or dropped; a member's value swapped for one of another type; a known
//! member given twice; an object copied; brackets nested too deep; hostile
//! characters put into ids, titles and text. The token and member finders
//! are rough scanners that work on damaged text too (they only choose
//! where to cut).

use std::ops::Range;

use proptest::prelude::*;

/// Byte strings inserted anywhere: structure, numbers, blanks, invalid
/// UTF-8 (a stray 0xFF, a lead byte alone, a continuation byte alone, a
/// cut character, an encoded surrogate), raw controls, U+202E and U+2028.
#[rustfmt::skip]
const INSERTS: &[&[u8]] = &[
    b"{", b"}", b"[", b"]", b",", b":", b"\"", b"\\", b"0", b"-", b"e", b".", b" ", b"\n",
    b"\xff", b"\xc3", b"\x80", b"\xe4\xb8", b"\xed\xa0\x80", b"\x1b", b"\x00", b"\r",
    "\u{202e}".as_bytes(), "\u{2028}".as_bytes(),
];

/// Values of every type, to swap for a member's value.
#[rustfmt::skip]
const VALUES: &[&str] = &[
    "7", "-0.5", "1e999", "null", "false", "[]", "{}", "\"\"", "\" \"", "\"x\"", "[1]",
    "{\"x\": 1}", "\"2023-02-30\"", "[{\"type\": \"image\"}]", "\"\\u0000\"",
];

/// The members a duplicate is made of.
const KEYS: &[&str] = &["title", "id", "format", "articles", "type", "text", "body"];

/// Text put into an id, a title or a block's text: raw (as UTF-8) or as
/// JSON escapes. Raw C0 controls make the JSON invalid; the others are
/// valid JSON that must never reach a terminal as they are.
#[rustfmt::skip]
const HOSTILE: &[&str] = &[
    "\u{1b}[31m", "\u{1b}]0;PWNED\u{7}", "\u{202e}", "\u{2028}", "\u{2029}", "\u{200b}",
    "\u{feff}", "\u{ad}", "\u{7f}", "\u{85}", "\u{9b}2J", "\t", "\r",
    "\\u001b[2J", "\\u202e", "\\u2028", "\\u0000", "\\t", "\\n", "\\ud800", "\\u009b31m",
    "\\u00ad",
];

#[derive(Debug, Clone)]
pub enum Mutation {
    Flip(usize, u8),
    /// Flips bits of the n-th ASCII byte, keeping it ASCII.
    FlipAscii(usize, u8),
    Insert(usize, usize),
    /// Deletes the byte at i (`false`) or the whole character there.
    Delete(usize, bool),
    /// Cuts the file at i (`false`) or at the character there.
    Truncate(usize, bool),
    /// Doubles (`true`) or drops the n-th structural token.
    Token(usize, bool),
    /// The n-th member's value becomes `VALUES[i]`.
    Swap(usize, usize),
    /// The n-th member named `KEYS[i]` is given twice.
    Twice(usize, usize),
    /// The n-th object is copied after itself, with a comma between (an
    /// article, block or byline given twice) or a newline (JSON Lines).
    Copy(usize, bool),
    /// n opening brackets at offset i (too deep, or cut short).
    Nest(usize, usize),
    /// `HOSTILE[i]` goes into the n-th id, title or text, at character p.
    Hostile(usize, usize, usize),
    Bom,
}

pub fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        2 => (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::FlipAscii(i, b)),
        2 => (any::<usize>(), 0..INSERTS.len()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(i, c)| Mutation::Delete(i, c)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, c)| Mutation::Truncate(i, c)),
        2 => (any::<usize>(), any::<bool>()).prop_map(|(i, d)| Mutation::Token(i, d)),
        2 => (any::<usize>(), 0..VALUES.len()).prop_map(|(i, v)| Mutation::Swap(i, v)),
        2 => (any::<usize>(), 0..KEYS.len()).prop_map(|(i, k)| Mutation::Twice(i, k)),
        3 => (any::<usize>(), 0..HOSTILE.len(), any::<usize>())
            .prop_map(|(i, h, p)| Mutation::Hostile(i, h, p)),
        1 => (any::<usize>(), any::<bool>()).prop_map(|(i, c)| Mutation::Copy(i, c)),
        1 => (any::<usize>(), 100..200usize).prop_map(|(i, n)| Mutation::Nest(i, n)),
        1 => Just(Mutation::Bom),
    ]
}

fn at(i: usize, len: usize) -> usize {
    if len == 0 { 0 } else { i % len }
}

pub fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    match *m {
        Mutation::Flip(i, b) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes[i] ^= b.max(1);
        }
        Mutation::FlipAscii(i, b) => {
            let ascii: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii()).collect();
            if !ascii.is_empty() {
                bytes[ascii[at(i, ascii.len())]] ^= (b & 0x7F).max(1);
            }
        }
        Mutation::Insert(i, b) => {
            let i = at(i, bytes.len() + 1);
            bytes.splice(i..i, INSERTS[b].iter().copied());
        }
        Mutation::Delete(i, whole) if !bytes.is_empty() => {
            let i = char_at(bytes, at(i, bytes.len()), whole);
            let len = if whole { char_len(bytes, i) } else { 1 };
            bytes.drain(i..i + len);
        }
        Mutation::Truncate(i, whole) => {
            let i = char_at(bytes, at(i, bytes.len() + 1), whole);
            bytes.truncate(i);
        }
        Mutation::Token(i, double) => {
            let tokens = tokens(bytes);
            if !tokens.is_empty() {
                let t = tokens[at(i, tokens.len())];
                if double {
                    bytes.insert(t, bytes[t]);
                } else {
                    bytes.remove(t);
                }
            }
        }
        Mutation::Copy(i, comma) => {
            let objects: Vec<usize> = tokens(bytes)
                .into_iter()
                .filter(|&t| bytes[t] == b'{')
                .collect();
            if !objects.is_empty() {
                let start = objects[at(i, objects.len())];
                let end = value_end(bytes, start);
                let mut copy = vec![if comma { b',' } else { b'\n' }];
                copy.extend_from_slice(&bytes[start..end]);
                bytes.splice(end..end, copy);
            }
        }
        Mutation::Nest(i, n) => {
            let i = at(i, bytes.len() + 1);
            bytes.splice(i..i, std::iter::repeat_n(b'[', n));
        }
        Mutation::Swap(i, v) => {
            let all = members(bytes);
            if !all.is_empty() {
                let m = &all[at(i, all.len())];
                bytes.splice(m.value.clone(), VALUES[v].bytes());
            }
        }
        Mutation::Twice(i, k) => {
            let named = named(bytes, &[KEYS[k]]);
            if !named.is_empty() {
                let m = &named[at(i, named.len())];
                let mut copy = bytes[m.key.start..m.value.end].to_vec();
                copy.extend_from_slice(b", ");
                bytes.splice(m.key.start..m.key.start, copy);
            }
        }
        Mutation::Hostile(i, h, p) => {
            let strings: Vec<Member> = named(bytes, &["id", "title", "text"])
                .into_iter()
                .filter(|m| m.value.len() >= 2 && bytes[m.value.start] == b'"')
                .collect();
            if !strings.is_empty() {
                let m = &strings[at(i, strings.len())];
                let inside = m.value.start + 1..m.value.end - 1;
                let mut spot = inside.start + at(p, inside.len() + 1);
                // On a character boundary, and not inside an escape.
                while spot > inside.start
                    && (bytes[spot] & 0xC0 == 0x80 || bytes[spot - 1] == b'\\')
                {
                    spot -= 1;
                }
                bytes.splice(spot..spot, HOSTILE[h].bytes());
            }
        }
        Mutation::Bom => bytes.splice(0..0, *b"\xef\xbb\xbf").for_each(drop),
        _ => {}
    }
}

/// Offset i, or (`whole`) the start of the character it is in.
fn char_at(bytes: &[u8], mut i: usize, whole: bool) -> usize {
    while whole && i > 0 && i < bytes.len() && bytes[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// The length of the character that starts at i (1 for a stray byte).
fn char_len(bytes: &[u8], i: usize) -> usize {
    let more = bytes[i + 1..]
        .iter()
        .take(3)
        .take_while(|&&b| b & 0xC0 == 0x80);
    if bytes[i] >= 0xC0 {
        1 + more.count()
    } else {
        1
    }
}

/// Where a string that starts at `i` (its opening quote) ends: just past
/// its closing quote, or the end of the text.
pub fn string_end(bytes: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    while j < bytes.len() {
        match bytes[j] {
            b'\\' => j += 2,
            b'"' => return j + 1,
            _ => j += 1,
        }
    }
    bytes.len()
}

/// Offsets of the structural tokens: brackets, braces, commas and colons
/// outside strings, and every quote that opens or closes one.
fn tokens(bytes: &[u8]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                out.push(i);
                if bytes.get(end - 1) == Some(&b'"') && end - 1 > i {
                    out.push(end - 1);
                }
                i = end;
            }
            b'{' | b'}' | b'[' | b']' | b',' | b':' => {
                out.push(i);
                i += 1;
            }
            _ => i += 1,
        }
    }
    out
}

/// Where a value that starts at `i` ends: a string to its closing quote,
/// an array or object to its matching bracket, anything else to the next
/// delimiter.
fn value_end(bytes: &[u8], i: usize) -> usize {
    match bytes.get(i) {
        Some(b'"') => string_end(bytes, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut j = i;
            while j < bytes.len() {
                match bytes[j] {
                    b'"' => {
                        j = string_end(bytes, j);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return j + 1;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            bytes.len()
        }
        _ => {
            let rest = &bytes[i.min(bytes.len())..];
            let len = rest.iter().position(|b| b",}] \t\r\n".contains(b));
            i + len.unwrap_or(rest.len())
        }
    }
}

/// An object member: its name (with quotes) and its value.
pub struct Member {
    pub key: Range<usize>,
    pub value: Range<usize>,
}

/// Every `"name": value` in the text, outermost first.
fn members(bytes: &[u8]) -> Vec<Member> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'"' {
            i += 1;
            continue;
        }
        let end = string_end(bytes, i);
        let mut j = end;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) == Some(&b':') {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            let value = j..value_end(bytes, j).max(j);
            out.push(Member { key: i..end, value });
        }
        i = end;
    }
    out
}

/// The members with one of these names.
fn named(bytes: &[u8], names: &[&str]) -> Vec<Member> {
    members(bytes)
        .into_iter()
        .filter(|m| {
            let key = &bytes[m.key.clone()];
            names
                .iter()
                .any(|n| key.len() == n.len() + 2 && &key[1..key.len() - 1] == n.as_bytes())
        })
        .collect()
}

/// The sample archive as JSON Lines: one article per line, compact.
pub fn as_json_lines(archive: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(archive).unwrap();
    let lines: Vec<String> = value["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| serde_json::to_string(a).unwrap())
        .collect();
    lines.join("\n") + "\n"
}

#[test]
fn the_finders_see_the_sample_as_it_is() {
    let sample = bulletin::model::SAMPLE_JSON.as_bytes();
    let ids = named(sample, &["id"]);
    assert_eq!(ids.len(), 5);
    assert_eq!(&sample[ids[0].value.clone()], b"\"fbe66a44\"");
    let articles = named(sample, &["articles"]);
    assert_eq!(sample[articles[0].value.clone()].first(), Some(&b'['));
    assert_eq!(sample[articles[0].value.end..].trim_ascii(), b"}");
    let lines = as_json_lines(bulletin::model::SAMPLE_JSON);
    assert_eq!(named(lines.as_bytes(), &["title"]).len(), 5);
    assert_eq!(lines.lines().count(), 5);
    let mut twice = sample.to_vec();
    apply(&mut twice, &Mutation::Twice(0, 1));
    assert!(
        String::from_utf8(twice)
            .unwrap()
            .contains(r#""id": "fbe66a44", "id": "fbe66a44""#)
    );
}
