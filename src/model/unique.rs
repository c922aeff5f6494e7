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
pub(super) struct Checked(pub Value);

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Checked, D::Error> {
        d.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Checked, E> {
        Ok(Checked(Value::Bool(b)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Checked, E> {
        Ok(Checked(Value::Number(n.into())))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Checked, E> {
        Ok(Checked(Value::Number(n.into())))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Checked, E> {
        Ok(Checked(
            Number::from_f64(n).map_or(Value::Null, Value::Number),
        ))
    }

    fn visit_str<E>(self, s: &str) -> Result<Checked, E> {
        Ok(Checked(Value::String(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Checked, E> {
        Ok(Checked(Value::String(s)))
    }

    fn visit_none<E>(self) -> Result<Checked, E> {
        Ok(Checked(Value::Null))
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked(Value::Null))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Checked, D::Error> {
        Checked::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checked, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Checked(v)) = seq.next_element()? {
            items.push(v);
        }
        Ok(Checked(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checked, A::Error> {
        let mut fields = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            refuse_twice(&fields, &key)?;
            let Checked(value) = map.next_value()?;
            fields.insert(key, value);
        }
        Ok(Checked(Value::Object(fields)))
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
        serde_json::from_str::<Checked>(json)
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
