//! The serde side of the reader's quick pass (`model::lazy`): an article
//! read as the raw text of its metadata members ([`Fields`] with
//! `&RawValue` values, serde's derive), its `body` skipped unparsed, and
//! where its object starts.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::fields::{Fields, Skipped};

/// One article as the pass reads it: raw JSON text, not parsed yet.
pub(super) struct Scanned<'de> {
    pub fields: Fields<&'de RawValue, Skipped>,
    /// The text of the first member's name, in the input, to find where the
    /// object starts; `None` if it holds an escape (the pass then gives up).
    pub first_key: Option<&'de str>,
}

impl<'de> Deserialize<'de> for Scanned<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scanned<'de>, D::Error> {
        d.deserialize_map(ScanVisitor)
    }
}

struct ScanVisitor;

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scanned<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an article object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scanned<'de>, A::Error> {
        let mut map = FirstKey {
            map,
            seen: false,
            key: None,
        };
        let fields = Fields::deserialize(MapAccessDeserializer::new(&mut map))?;
        Ok(Scanned {
            fields,
            first_key: map.key,
        })
    }
}

/// Passes an object's members on, keeping the text of the first name.
struct FirstKey<'de, A> {
    map: A,
    seen: bool,
    key: Option<&'de str>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstKey<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if self.seen {
            return self.map.next_key_seed(seed);
        }
        self.seen = true;
        match self.map.next_key::<Name<'de>>()? {
            None => Ok(None),
            Some(Name::Borrowed(name)) => {
                self.key = Some(name);
                seed.deserialize(BorrowedStrDeserializer::new(name))
                    .map(Some)
            }
            Some(Name::Owned(name)) => seed.deserialize(StringDeserializer::new(name)).map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}

/// A member name: borrowed from the input unless it holds an escape.
enum Name<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Deserialize<'de> for Name<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Name<'de>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Name<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Name<'de>, E> {
                Ok(Name::Borrowed(s))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Name<'de>, E> {
                Ok(Name::Owned(s.to_owned()))
            }
        }
        d.deserialize_str(V)
    }
}

/// Where the object whose first member's name starts at `name_at` (just
/// after its opening quote) starts: back over the quote, blanks and `{`.
/// Only called on text serde_json has accepted as JSON.
pub(super) fn object_start(bytes: &[u8], name_at: usize) -> Option<usize> {
    let quote = name_at.checked_sub(1).filter(|&i| bytes[i] == b'"')?;
    let brace = bytes[..quote]
        .iter()
        .rposition(|b| !b" \t\r\n".contains(b))?;
    (bytes[brace] == b'{').then_some(brace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_start_walks_back_over_the_first_key() {
        let text = br#"[ {"id":"a"}, { "k\"\\":  1 }, {
  "":2} ]"#;
        let at = |needle: &[u8]| {
            text.windows(needle.len())
                .position(|w| w == needle)
                .unwrap()
        };
        assert_eq!(object_start(text, at(br#"id""#)), Some(2));
        assert_eq!(object_start(text, at(br#"k\""#)), Some(at(b"{ \"k")));
        assert_eq!(object_start(text, at(br#"":2"#)), Some(at(b"{\n")));
        assert_eq!(object_start(b"[1, 2]", 4), None);
        assert_eq!(object_start(b"[\"a\"]", 2), None);
    }

    #[test]
    fn the_first_name_is_found_in_the_input_unless_escaped() {
        let text = r#"[{"body": [1], "id": "a"}, {"\u0069d": "b"}]"#;
        let items: Vec<Scanned> = serde_json::from_str(text).unwrap();
        let at = items[0].first_key.unwrap().as_ptr() as usize - text.as_ptr() as usize;
        assert_eq!(object_start(text.as_bytes(), at), Some(1));
        assert_eq!(items[0].fields.body, Skipped(true));
        assert_eq!(items[0].fields.id.unwrap().get(), r#""a""#);
        assert!(items[1].first_key.is_none());
        assert_eq!(items[1].fields.id.unwrap().get(), r#""b""#);
    }
}
