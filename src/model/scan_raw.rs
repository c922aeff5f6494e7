//! The serde side of the reader's quick pass (`model::scan`): an article
//! read as the raw text of its metadata members ([`Fields`] with
//! `&RawValue` values, serde's derive), its `body` skipped unparsed.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::describe::Kind;
use super::fields::{Fields, Skipped};
use super::unique_names::UniqueNames;

/// One article as the pass reads it: raw JSON text, not parsed yet; or,
/// when it is not an object, only its kind (read whole, as the full
/// loader reads it: a known name given twice in it is refused).
pub(super) struct Scanned<'de> {
    pub fields: Result<Fields<&'de RawValue, Skipped>, Kind>,
}

impl<'de> Deserialize<'de> for Scanned<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scanned<'de>, D::Error> {
        d.deserialize_any(ScanVisitor)
    }
}

struct ScanVisitor;

/// Not an object: its kind.
fn other<'de, E>(kind: Kind) -> Result<Scanned<'de>, E> {
    Ok(Scanned { fields: Err(kind) })
}

impl<'de> Visitor<'de> for ScanVisitor {
    type Value = Scanned<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an article object")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Scanned<'de>, A::Error> {
        let fields = Fields::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Scanned { fields: Ok(fields) })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scanned<'de>, A::Error> {
        while seq.next_element::<UniqueNames>()?.is_some() {}
        other(Kind::Array)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Scanned<'de>, E> {
        other(Kind::Bool)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Scanned<'de>, E> {
        other(Kind::Number)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Scanned<'de>, E> {
        other(Kind::Number)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Scanned<'de>, E> {
        other(Kind::Number)
    }

    fn visit_str<E>(self, _: &str) -> Result<Scanned<'de>, E> {
        other(Kind::String)
    }

    fn visit_unit<E>(self) -> Result<Scanned<'de>, E> {
        other(Kind::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_objects_with_the_body_skipped_or_only_their_kind() {
        let text = r#"[{"body": [1], "id": "a"}, {"\u0069d": "b"}]"#;
        let items: Vec<Scanned> = serde_json::from_str(text).unwrap();
        let fields = |i: usize| items[i].fields.as_ref().ok().unwrap();
        assert_eq!(fields(0).body, Skipped(true));
        assert_eq!(fields(0).id.unwrap().get(), r#""a""#);
        assert_eq!(fields(1).id.unwrap().get(), r#""b""#);
        let array = serde_json::from_str::<Scanned>(r#"["a", "t"]"#).unwrap();
        assert_eq!(array.fields.err(), Some(Kind::Array));
        let twice = r#"[{"id": "a", "id": "b"}]"#;
        assert!(serde_json::from_str::<Scanned>(twice).is_err());
    }
}
