//! A JSON value read with duplicate names refused, where the format knows
//! the name: `{"format": …, "format": …}` or an article with two `"id"`s
//! is an error with its line and column, not the last one silently kept
//! (which `serde_json::Value` does). Unknown names may repeat; the last
//! one is kept, as before.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Every name the archive format gives a meaning (docs/format.md).
pub(super) const KNOWN: &[&str] = &[
    "format",
    "title",
    "key",
    "articles",
    "id",
    "subtitle",
    "district",
    "subdistrict",
    "date",
    "source",
    "bulletin",
    "bylines",
    "body",
    "role",
    "name",
    "type",
    "text",
    "credit",
];

/// A [`Value`] without repeated known names anywhere in it.
pub(super) struct UniqueNames(pub Value);

impl<'de> Deserialize<'de> for UniqueNames {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<UniqueNames, D::Error> {
        d.deserialize_any(UniqueNamesVisitor)
    }
}

struct UniqueNamesVisitor;

impl<'de> Visitor<'de> for UniqueNamesVisitor {
    type Value = UniqueNames;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::Number(n.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::Number(n.into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<UniqueNames, E> {
        Ok(UniqueNames(
            Number::from_f64(n).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, s: &str) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::String(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::String(s)))
    }

    fn visit_none<E>(self) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::Null))
    }

    fn visit_unit<E>(self) -> Result<UniqueNames, E> {
        Ok(UniqueNames(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<UniqueNames, D::Error> {
        UniqueNames::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<UniqueNames, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(UniqueNames(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(UniqueNames(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<UniqueNames, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            refuse_twice(&fields, &key)?;
            let UniqueNames(value) = map.next_value()?;
            fields.insert(key, value);
        }
        Ok(UniqueNames(Value::Object(fields)))
    }
}

/// Refuses `key` when `fields` already has it and the format knows it.
pub(super) fn refuse_twice<E: de::Error>(fields: &Map<String, Value>, key: &str) -> Result<(), E> {
    match KNOWN.iter().find(|k| **k == key) {
        Some(known) if fields.contains_key(key) => Err(E::duplicate_field(known)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(json: &str) -> Result<Value, String> {
        serde_json::from_str::<UniqueNames>(json)
            .map(|c| c.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn known_names_may_not_repeat_at_any_depth() {
        let e = read(r#"{"id": "a", "title": "t", "id": "b"}"#).unwrap_err();
        assert!(
            e.starts_with("duplicate field `id` at line 1 column"),
            "{e}"
        );
        let deep = r#"{"body": [{"type": "paragraph", "text": "x", "text": "y"}]}"#;
        assert!(read(deep).unwrap_err().contains("duplicate field `text`"));
        let v = read(r#"{"extra": 1, "extra": 2, "n": [1.5, null, true]}"#).unwrap();
        assert_eq!(v["extra"], 2, "unknown names: the last is kept");
        assert_eq!(v["n"], serde_json::json!([1.5, null, true]));
    }
}
