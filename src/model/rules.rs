//! The schema rules, applied to the parts of one article as parsed JSON
//! (before it becomes an [`Article`](super::Article)), so that every problem
//! is found even where serde would stop at the first; and sanitising of its
//! body. The metadata members are walked by `model::fields`.

use chrono::NaiveDate;
use serde_json::Value;

use super::describe::{Fault, Kind, Part, What};
use crate::text::sanitize::{is_clean, is_unseen, sanitize, sanitize_line};

/// The block types the format knows, in documentation order.
pub const BLOCK_TYPES: [&str; 3] = ["paragraph", "heading", "caption"];

/// Sanitises the text of a body in place (GUIDE §3): block text as
/// multi-line text, a caption's credit as one line. Values of the wrong
/// type are left for [`check_body`] to report.
pub(crate) fn sanitize_body(body: Option<&mut Value>) {
    if let Some(Value::Array(blocks)) = body {
        for block in blocks.iter_mut().filter_map(Value::as_object_mut) {
            clean(block.get_mut("text"), sanitize);
            clean_line(block.get_mut("credit"));
        }
    }
}

/// Sanitises a one-line text value in place, if it is a string.
pub(crate) fn clean_line(value: Option<&mut Value>) {
    clean(value, sanitize_line);
}

fn clean(value: Option<&mut Value>, f: fn(&str) -> String) {
    if let Some(Value::String(s)) = value
        && !is_clean(s)
    {
        *s = f(s);
    }
}

/// A rule on a string field: what is wrong with the value of `field`, if
/// anything.
pub(crate) type Rule = fn(&'static str, &str) -> Option<What>;

pub(crate) fn no_rule(_: &'static str, _: &str) -> Option<What> {
    None
}

pub(crate) fn required(
    value: Option<&Value>,
    field: &'static str,
    rule: Rule,
    out: &mut Vec<Fault>,
) {
    match value {
        None | Some(Value::Null) => out.push(What::Missing(field).into()),
        Some(value) => string_field(field, value, rule, out),
    }
}

pub(crate) fn optional(
    value: Option<&Value>,
    field: &'static str,
    rule: Rule,
    out: &mut Vec<Fault>,
) {
    match value {
        None | Some(Value::Null) => {}
        Some(value) => string_field(field, value, rule, out),
    }
}

fn string_field(field: &'static str, value: &Value, rule: Rule, out: &mut Vec<Fault>) {
    match value.as_str() {
        Some(s) => out.extend(rule(field, s).map(Fault::from)),
        None => out.push(What::NotString(field, Kind::of(value)).into()),
    }
}

pub(crate) fn check_bylines(bylines: Option<&Value>, out: &mut Vec<Fault>) {
    let items = match bylines {
        None => return,
        Some(Value::Array(items)) => items,
        Some(other) => return out.push(What::BylinesNotArray(Kind::of(other)).into()),
    };
    for (i, item) in items.iter().enumerate() {
        let mut found = Vec::new();
        match item.as_object() {
            Some(obj) => {
                required(obj.get("role"), "role", no_rule, &mut found);
                required(obj.get("name"), "name", blank_problem, &mut found);
            }
            None => found.push(What::BylineNotObject(Kind::of(item)).into()),
        }
        out.extend(found.into_iter().map(|f| f.in_part(Part::Byline(i + 1))));
    }
}

pub(crate) fn check_body(body: Option<&Value>, out: &mut Vec<Fault>) {
    let blocks = match body {
        None | Some(Value::Null) => return out.push(What::Missing("body").into()),
        Some(Value::Array(blocks)) => blocks,
        Some(other) => return out.push(What::BodyNotArray(Kind::of(other)).into()),
    };
    if blocks.is_empty() {
        out.push(What::EmptyBody.into());
    }
    for (i, block) in blocks.iter().enumerate() {
        let mut found = Vec::new();
        check_block(block, &mut found);
        out.extend(found.into_iter().map(|f| f.in_part(Part::Block(i + 1))));
    }
}

pub(crate) fn check_block(block: &Value, out: &mut Vec<Fault>) {
    let Some(obj) = block.as_object() else {
        return out.push(What::BlockNotObject(Kind::of(block)).into());
    };
    match obj.get("type") {
        None | Some(Value::Null) => out.push(What::Missing("type").into()),
        Some(Value::String(t)) if BLOCK_TYPES.contains(&t.as_str()) => {
            if t == "caption" {
                optional(obj.get("credit"), "credit", no_rule, out);
            }
        }
        // A block of a kind this version does not know: its text (if it
        // has one) is not ours to require; "missing text" as well would
        // count one block twice.
        Some(Value::String(t)) => return out.push(What::UnknownType(quote(t)).into()),
        Some(other) => out.push(What::NotString("type", Kind::of(other)).into()),
    }
    required(obj.get("text"), "text", blank_problem, out);
}

/// Text must hold something besides whitespace.
pub(crate) fn blank_problem(field: &'static str, s: &str) -> Option<What> {
    s.trim().is_empty().then_some(What::Empty(field))
}

/// Ids are printed and typed on command lines: non-empty, and free of the
/// characters that cannot be seen ([`is_unseen`]: those sanitising removes,
/// line separators, joiners, fillers, tags; the schema's `id` pattern), so
/// the id `list` prints is the id `show` finds, and no two ids look alike.
pub(crate) fn id_problem(_: &'static str, s: &str) -> Option<What> {
    if s.is_empty() {
        return Some(What::Empty("id"));
    }
    let bad = s.chars().find(|&c| is_unseen(c))?;
    Some(What::IdChar(bad as u32))
}

/// Whether `s` is a usable id.
pub(crate) fn good_id(s: &str) -> bool {
    id_problem("id", s).is_none()
}

/// A date must be `YYYY-MM-DD` and a real day of the calendar.
pub(crate) fn date_problem(_: &'static str, s: &str) -> Option<What> {
    parse_date(s).err()
}

/// The date of a `YYYY-MM-DD` string, or why it is not one.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, What> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(What::DateForm(quote(s)));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let year = num(0..4) as i32;
    NaiveDate::from_ymd_opt(year, num(5..7), num(8..10)).ok_or_else(|| What::DateUnreal(quote(s)))
}

/// A value quoted for a message: sanitised, shortened to 40 characters.
pub(crate) fn quote(s: &str) -> String {
    let clean = sanitize_line(s);
    let mut short: String = clean.chars().take(40).collect();
    if short.len() < clean.len() {
        short.push('…');
    }
    format!("\"{short}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(date_problem("date", "2024-02-29").is_none());
        let text = |s| date_problem("date", s).unwrap().to_string();
        assert!(text("2023-02-29").contains("real calendar"));
        assert!(text("2023-2-3").contains("YYYY-MM-DD"));
        assert!(date_problem("date", "２０２３-01-01").is_some());
    }

    #[test]
    fn ids_refuse_invisible_characters() {
        let text = |s| id_problem("id", s).unwrap().to_string();
        assert!(good_id("zy-001"));
        assert_eq!(
            text("a\u{1b}b"),
            "id contains the control or invisible character U+001B"
        );
        assert!(!good_id("a\u{202e}"));
        assert_eq!(text(""), "id is empty");
    }

    #[test]
    fn ids_refuse_exactly_what_cannot_be_seen() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let id = format!("a{c}");
            assert_eq!(!good_id(&id), is_unseen(c), "U+{:04X}", c as u32);
        }
        for lookalike in [
            "ab\u{2060}cd",
            "ab\u{3164}cd",
            "ab\u{e0020}cd",
            "ab\u{2028}cd",
        ] {
            assert!(!good_id(lookalike), "{lookalike:?}");
        }
        assert_eq!(
            id_problem("id", "zy\u{200f}002").unwrap().to_string(),
            "id contains the control or invisible character U+200F"
        );
    }

    #[test]
    fn quotes_are_short_and_clean() {
        let long = "长".repeat(100);
        assert_eq!(quote(&long).chars().count(), 43);
        assert_eq!(quote("a\u{1b}[2Jb"), "\"ab\"");
    }
}
