//! The serde side of the reader's quick pass (`model::lazy`): an article
//! read as the raw text of its metadata members ([`Fields`] with
//! `&RawValue` values, serde's derive), its `body` skipped unparsed, and
//! where its object starts.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::fields::{Fields, Skipped};

/// One article as the pass reads it: raw JSON text, not parsed yet.
pub(super) struct Scanned<'de> {
    pub fields: Fields<&'de RawValue, Skipped>,
    /// The first member's value, to find where the object starts.
    pub first: Option<&'de RawValue>,
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
        let mut map = FirstValue { map, first: None };
        let fields = Fields::deserialize(MapAccessDeserializer::new(&mut map))?;
        Ok(Scanned {
            fields,
            first: map.first,
        })
    }
}

/// Passes an object's members on, keeping the raw text of the first value.
struct FirstValue<'de, A> {
    map: A,
    first: Option<&'de RawValue>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for FirstValue<'de, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        if self.first.is_some() {
            return self.map.next_value_seed(seed);
        }
        let raw: &'de RawValue = self.map.next_value()?;
        self.first = Some(raw);
        let mut de = serde_json::Deserializer::from_str(raw.get());
        seed.deserialize(&mut de).map_err(de::Error::custom)
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
