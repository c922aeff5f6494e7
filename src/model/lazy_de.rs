//! The serde side of the reader's quick pass (`model::lazy`): an article
//! read as the raw text of its metadata fields, its `body` skipped
//! unparsed.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

/// The fields the pass reads (every field the format knows but `body`).
pub(super) const META: [&str; 9] = [
    "id",
    "title",
    "subtitle",
    "district",
    "subdistrict",
    "date",
    "source",
    "bulletin",
    "bylines",
];

/// One article as the pass reads it: raw JSON text, not parsed yet.
pub(super) struct RawHead<'de> {
    /// The first member's value, to find where the object starts.
    pub first: Option<&'de RawValue>,
    /// The fields of [`META`], by position.
    pub fields: [Option<&'de RawValue>; 9],
    pub body: bool,
}

/// An article's member names, as far as the pass cares.
enum Key {
    /// A field of [`META`], by position.
    Meta(usize),
    Body,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key, E> {
                Ok(match META.iter().position(|&m| m == s) {
                    Some(i) => Key::Meta(i),
                    None if s == "body" => Key::Body,
                    None => Key::Other,
                })
            }
        }
        d.deserialize_str(V)
    }
}

impl<'de> Deserialize<'de> for RawHead<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawHead<'de>, D::Error> {
        d.deserialize_map(HeadVisitor)
    }
}

struct HeadVisitor;

impl<'de> Visitor<'de> for HeadVisitor {
    type Value = RawHead<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an article object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawHead<'de>, A::Error> {
        let mut head = RawHead {
            first: None,
            fields: [None; 9],
            body: false,
        };
        while let Some(key) = map.next_key::<Key>()? {
            let raw = match (&key, head.first) {
                (Key::Meta(_), _) | (_, None) => Some(map.next_value::<&'de RawValue>()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    None
                }
            };
            head.first = head.first.or(raw);
            match key {
                Key::Meta(i) => head.fields[i] = raw,
                Key::Body => head.body = true,
                Key::Other => {}
            }
        }
        Ok(head)
    }
}

/// Where the object holding the value at `value_at` (its first member's
/// value) starts: back over `:`, the key string and `{`. Only called on
/// text serde_json has accepted as JSON.
pub(super) fn object_start(bytes: &[u8], value_at: usize) -> Option<usize> {
    let ws = |b: &u8| b" \t\r\n".contains(b);
    let back = |mut i: usize| {
        while i > 0 && ws(&bytes[i - 1]) {
            i -= 1;
        }
        i
    };
    let mut i = back(value_at);
    (i > 0 && bytes[i - 1] == b':').then_some(())?;
    i = back(i - 1);
    (i > 0 && bytes[i - 1] == b'"').then_some(())?;
    i -= 1;
    // The key's opening quote: the first `"` before it not escaped by an
    // odd number of backslashes.
    loop {
        i = bytes[..i].iter().rposition(|&b| b == b'"')?;
        let slashes = bytes[..i].iter().rev().take_while(|&&b| b == b'\\').count();
        if slashes % 2 == 0 {
            break;
        }
    }
    i = back(i);
    (i > 0 && bytes[i - 1] == b'{').then_some(i - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_start_walks_back_over_the_first_key() {
        let text = br#"[ {"id":"a"}, { "k\"\\":  1 } ]"#;
        let at = |needle: &[u8]| {
            text.windows(needle.len())
                .position(|w| w == needle)
                .unwrap()
        };
        assert_eq!(object_start(text, at(br#""a""#)), Some(2));
        assert_eq!(object_start(text, at(b"1 }")), Some(at(b"{ \"k")));
        assert_eq!(object_start(b"[1, 2]", 4), None);
    }
}
