//! The serde side of the reader's quick pass (`model::scan`): an article
//! read as the raw text of its metadata members ([`Fields`] with
//! `&RawValue` values, serde's derive), its `body` skipped unparsed.

use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::fields::{Fields, Skipped};

/// One article as the pass reads it: raw JSON text, not parsed yet.
pub(super) struct Scanned<'de> {
    pub fields: Fields<&'de RawValue, Skipped>,
}

impl<'de> Deserialize<'de> for Scanned<'de> {
    /// An object only (serde's derive alone would take an array too).
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
        let fields = Fields::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Scanned { fields })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_objects_with_the_body_skipped() {
        let text = r#"[{"body": [1], "id": "a"}, {"\u0069d": "b"}]"#;
        let items: Vec<Scanned> = serde_json::from_str(text).unwrap();
        assert_eq!(items[0].fields.body, Skipped(true));
        assert_eq!(items[0].fields.id.unwrap().get(), r#""a""#);
        assert_eq!(items[1].fields.id.unwrap().get(), r#""b""#);
        assert!(serde_json::from_str::<Scanned>(r#"["a", "t"]"#).is_err());
    }
}
