//! An article's members as the format defines them, in one typed struct,
//! [`Fields`]: besides the public types (`Article`, `ArticleMeta`) the only
//! list of them. Both loaders read it with serde's derive (which alone
//! spells the names), and every article is sanitised, checked and
//! converted through its typed members (`model::convert`), so there is no
//! list of names or positions to keep in step, and reordering the members
//! changes nothing.

use std::sync::OnceLock;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use serde_json::{Map, Value};

use super::describe::Fault;
use super::rules::{
    blank_problem, check_bylines, clean_line, date_problem, id_problem, no_rule, optional, required,
};
use super::{ArticleMeta, Byline};

/// Every member of an article the format defines. `V` holds a metadata
/// value: `&RawValue` while the reader's quick pass reads (not parsed yet),
/// `Value` once parsed. `B` holds the body: the whole value, or only
/// whether there is one when the quick pass skips it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Fields<V, B> {
    pub id: Option<V>,
    pub title: Option<V>,
    pub subtitle: Option<V>,
    pub district: Option<V>,
    pub subdistrict: Option<V>,
    pub date: Option<V>,
    pub source: Option<V>,
    pub bulletin: Option<V>,
    /// `null` is kept, not read as absent: bylines are an array or left
    /// out (docs/format.md, the schema), so the checks report it.
    #[serde(default = "absent", deserialize_with = "present")]
    pub bylines: Option<V>,
    #[serde(default)]
    pub body: B,
}

/// A member that is there, even as `null` (which `Option` reads as absent).
fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Option<T>, D::Error> {
    T::deserialize(d).map(Some)
}

fn absent<T>() -> Option<T> {
    None
}

/// An article as the full loader reads it: every member parsed.
pub(crate) type Whole = Fields<Value, Option<Value>>;

/// The checked metadata: what lists need ([`ArticleMeta`]) and the rest of
/// the head of an article. The bylines stay JSON until a whole article
/// needs them ([`Head::bylines`]): the reader's quick pass never does.
#[derive(Debug)]
pub(crate) struct Head {
    pub meta: ArticleMeta,
    pub source: Option<String>,
    pub bulletin: Option<String>,
    bylines: Option<Value>,
}

impl Head {
    /// The bylines, typed.
    pub(crate) fn bylines(&mut self) -> Result<Vec<Byline>, String> {
        match self.bylines.take() {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(v) => serde_json::from_value(v).map_err(|e| e.to_string()),
        }
    }
}

impl<V, B> Fields<V, B> {
    /// The same members, each metadata value passed through `f`.
    pub(crate) fn map<W>(self, mut f: impl FnMut(V) -> W) -> Fields<W, B> {
        Fields {
            id: self.id.map(&mut f),
            title: self.title.map(&mut f),
            subtitle: self.subtitle.map(&mut f),
            district: self.district.map(&mut f),
            subdistrict: self.subdistrict.map(&mut f),
            date: self.date.map(&mut f),
            source: self.source.map(&mut f),
            bulletin: self.bulletin.map(&mut f),
            bylines: self.bylines.map(&mut f),
            body: self.body,
        }
    }
}

impl<B> Fields<&str, B> {
    /// Every metadata value parsed from its raw JSON text.
    pub(crate) fn parse(self) -> Result<Fields<Value, B>, serde_json::Error> {
        let parse = |raw: Option<&str>| raw.map(serde_json::from_str).transpose();
        Ok(Fields {
            id: parse(self.id)?,
            title: parse(self.title)?,
            subtitle: parse(self.subtitle)?,
            district: parse(self.district)?,
            subdistrict: parse(self.subdistrict)?,
            date: parse(self.date)?,
            source: parse(self.source)?,
            bulletin: parse(self.bulletin)?,
            bylines: parse(self.bylines)?,
            body: self.body,
        })
    }
}

impl Whole {
    /// An article object's members: the format's, and the others (kept as
    /// they are).
    pub(crate) fn split(
        mut map: Map<String, Value>,
    ) -> Result<(Whole, Map<String, Value>), String> {
        let mut own = Map::new();
        for &name in names() {
            if let Some(value) = map.shift_remove(name) {
                own.insert(name.to_owned(), value);
            }
        }
        let fields = Whole::deserialize(Value::Object(own)).map_err(|e| e.to_string())?;
        Ok((fields, map))
    }
}

impl<B> Fields<Value, B> {
    /// Sanitises the text of the metadata in place (GUIDE §3): the one-line
    /// fields, and each byline's role and name. `id` and `date` are checked
    /// instead; values of the wrong type are left for the checks.
    pub(crate) fn sanitize_head(&mut self) {
        let lines = [
            &mut self.title,
            &mut self.subtitle,
            &mut self.district,
            &mut self.subdistrict,
            &mut self.source,
            &mut self.bulletin,
        ];
        lines.into_iter().for_each(|v| clean_line(v.as_mut()));
        if let Some(Value::Array(bylines)) = &mut self.bylines {
            for byline in bylines.iter_mut().filter_map(Value::as_object_mut) {
                clean_line(byline.get_mut("role"));
                clean_line(byline.get_mut("name"));
            }
        }
    }

    /// Every problem of the metadata, in field order (`missing id`, `title
    /// is empty`…).
    pub(crate) fn head_problems(&self) -> Vec<Fault> {
        let mut out = Vec::new();
        required(self.id.as_ref(), "id", id_problem, &mut out);
        required(self.title.as_ref(), "title", blank_problem, &mut out);
        optional(self.subtitle.as_ref(), "subtitle", no_rule, &mut out);
        required(self.district.as_ref(), "district", blank_problem, &mut out);
        optional(
            self.subdistrict.as_ref(),
            "subdistrict",
            blank_problem,
            &mut out,
        );
        optional(self.date.as_ref(), "date", date_problem, &mut out);
        optional(self.source.as_ref(), "source", no_rule, &mut out);
        optional(self.bulletin.as_ref(), "bulletin", no_rule, &mut out);
        check_bylines(self.bylines.as_ref(), &mut out);
        out
    }

    /// The metadata, typed, and the body as it is. Only for fields without
    /// problems; otherwise says what could not be converted.
    pub(crate) fn into_head(self) -> Result<(Head, B), String> {
        let meta = ArticleMeta {
            id: text(self.id).ok_or("no id")?,
            title: text(self.title).ok_or("no title")?,
            subtitle: text(self.subtitle),
            district: text(self.district).ok_or("no district")?,
            subdistrict: text(self.subdistrict),
            date: text(self.date),
        };
        let head = Head {
            meta,
            source: text(self.source),
            bulletin: text(self.bulletin),
            bylines: self.bylines,
        };
        Ok((head, self.body))
    }
}

fn text(value: Option<Value>) -> Option<String> {
    match value {
        Some(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// A body the quick pass skipped: only whether the member is there and
/// not `null` (which the full loader reports as a missing body).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Skipped(pub bool);

impl<'de> Deserialize<'de> for Skipped {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Skipped, D::Error> {
        d.deserialize_any(SkipVisitor)
    }
}

/// Skips any value (syntax checked, as `IgnoredAny` does), telling `null`
/// from the rest.
struct SkipVisitor;

impl<'de> Visitor<'de> for SkipVisitor {
    type Value = Skipped;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E>(self) -> Result<Skipped, E> {
        Ok(Skipped(false))
    }

    fn visit_none<E>(self) -> Result<Skipped, E> {
        Ok(Skipped(false))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Skipped, E> {
        Ok(Skipped(true))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Skipped, E> {
        Ok(Skipped(true))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Skipped, E> {
        Ok(Skipped(true))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Skipped, E> {
        Ok(Skipped(true))
    }

    fn visit_str<E>(self, _: &str) -> Result<Skipped, E> {
        Ok(Skipped(true))
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Skipped, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(Skipped(true))
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Skipped, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Skipped(true))
    }
}

/// The member names of [`Fields`], as its derived `Deserialize` gives them
/// to `deserialize_struct`.
fn names() -> &'static [&'static str] {
    static NAMES: OnceLock<&'static [&'static str]> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Names(&[]);
        let _ = Whole::deserialize(&mut names);
        names.0
    })
}

/// A deserializer that only notes the field names it is asked for.
struct Names(&'static [&'static str]);

impl<'de> Deserializer<'de> for &mut Names {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = fields;
        Err(de::Error::custom("only the names were wanted"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only a struct has field names"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use serde_json::value::RawValue;

    #[test]
    fn the_names_are_the_members_of_an_article() {
        let schema = serde_json::to_value(schemars::schema_for!(crate::model::Article)).unwrap();
        let mut members: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut names = names().to_vec();
        members.sort();
        names.sort();
        assert_eq!(names, members);
    }

    #[test]
    fn split_keeps_other_members_in_order() {
        let Value::Object(map) = json!({"note": 1, "id": "a", "body": [], "zz": 2, "date": null})
        else {
            unreachable!()
        };
        let (fields, extra) = Whole::split(map).unwrap();
        assert_eq!(fields.id, Some(json!("a")));
        assert_eq!((fields.date, fields.body), (None, Some(json!([]))));
        assert_eq!(extra.keys().collect::<Vec<_>>(), ["note", "zz"]);
    }

    #[test]
    fn raw_fields_parse_and_a_skipped_body_is_only_noted() {
        // A null body is no body (the full loader says it is missing).
        let text = r#"{"title": "标题", "body": null, "x": {"id": 1}, "id": "a"}"#;
        let raw: Fields<&RawValue, Skipped> = serde_json::from_str(text).unwrap();
        assert_eq!(raw.body, Skipped(false));
        for body in [r#"[{"a": [1, {"b": null}]}]"#, "{}", "7", r#""x""#, "false"] {
            let text = format!(r#"{{"body": {body}, "id": "a"}}"#);
            let raw: Fields<&RawValue, Skipped> = serde_json::from_str(&text).unwrap();
            assert_eq!(raw.body, Skipped(true), "{body}");
        }
        let text = r#"{"title": "标题", "body": [], "x": {"id": 1}, "id": "a"}"#;
        let raw: Fields<&RawValue, Skipped> = serde_json::from_str(text).unwrap();
        let fields = raw.map(RawValue::get).parse().unwrap();
        assert_eq!(
            (fields.id, fields.title),
            (Some(json!("a")), Some(json!("标题")))
        );
        let none: Fields<&RawValue, Skipped> = serde_json::from_str("{}").unwrap();
        assert_eq!(none.body, Skipped(false));
    }

    #[test]
    fn sanitising_the_head_leaves_id_and_date_alone() {
        let Value::Object(map) = json!({"id": "a\u{1b}", "title": "t\u{1b}[31m", "date": "\u{7}",
            "bylines": [{"role": "记\u{200b}者", "name": "名"}], "body": []})
        else {
            unreachable!()
        };
        let (mut fields, _) = Whole::split(map).unwrap();
        fields.sanitize_head();
        assert_eq!(fields.title, Some(json!("t")));
        assert_eq!(
            (fields.id, fields.date),
            (Some(json!("a\u{1b}")), Some(json!("\u{7}")))
        );
        assert_eq!(fields.bylines.unwrap()[0]["role"], "记者");
    }
}
