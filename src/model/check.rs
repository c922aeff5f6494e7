//! The schema rules, applied to the parts of one article as parsed JSON
//! (before it becomes an [`Article`](super::Article)), so that every problem
//! is found even where serde would stop at the first; and sanitising of its
//! body. The metadata members are walked by `model::fields`.

use chrono::NaiveDate;
use serde_json::Value;

use crate::text::sanitize::{is_clean, is_removed, sanitize, sanitize_line};

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

/// A rule on a string field: `Some(reason)` when the value breaks it. The
/// reason follows the field name (`title` + ` is empty`).
pub(crate) type Rule = fn(&str) -> Option<String>;

pub(crate) fn no_rule(_: &str) -> Option<String> {
    None
}

pub(crate) fn required(value: Option<&Value>, field: &str, rule: Rule, out: &mut Vec<String>) {
    match value {
        None | Some(Value::Null) => out.push(format!("missing {field}")),
        Some(value) => string_field(field, value, rule, out),
    }
}

pub(crate) fn optional(value: Option<&Value>, field: &str, rule: Rule, out: &mut Vec<String>) {
    match value {
        None | Some(Value::Null) => {}
        Some(value) => string_field(field, value, rule, out),
    }
}

fn string_field(field: &str, value: &Value, rule: Rule, out: &mut Vec<String>) {
    match value.as_str() {
        Some(s) => out.extend(rule(s).map(|why| format!("{field} {why}"))),
        None => out.push(format!("{field} must be a string, found {}", kind(value))),
    }
}

pub(crate) fn check_bylines(bylines: Option<&Value>, out: &mut Vec<String>) {
    let items = match bylines {
        None => return,
        Some(Value::Array(items)) => items,
        Some(other) => {
            out.push(format!("bylines must be an array, found {}", kind(other)));
            return;
        }
    };
    for (i, item) in items.iter().enumerate() {
        let mut found = Vec::new();
        match item.as_object() {
            Some(obj) => {
                required(obj.get("role"), "role", no_rule, &mut found);
                required(obj.get("name"), "name", blank_problem, &mut found);
            }
            None => found.push(format!(
                "expected {{\"role\", \"name\"}}, found {}",
                kind(item)
            )),
        }
        out.extend(found.into_iter().map(|m| format!("byline {}: {m}", i + 1)));
    }
}

pub(crate) fn check_body(body: Option<&Value>, out: &mut Vec<String>) {
    let blocks = match body {
        None | Some(Value::Null) => return out.push("missing body".into()),
        Some(Value::Array(blocks)) => blocks,
        Some(other) => {
            let found = kind(other);
            return out.push(format!("body must be an array of blocks, found {found}"));
        }
    };
    if blocks.is_empty() {
        out.push("empty body: an article needs at least one block".into());
    }
    for (i, block) in blocks.iter().enumerate() {
        let mut found = Vec::new();
        check_block(block, &mut found);
        out.extend(found.into_iter().map(|m| format!("block {}: {m}", i + 1)));
    }
}

fn check_block(block: &Value, out: &mut Vec<String>) {
    let Some(obj) = block.as_object() else {
        return out.push(format!("expected a block object, found {}", kind(block)));
    };
    match obj.get("type") {
        None | Some(Value::Null) => out.push("missing type".into()),
        Some(Value::String(t)) if BLOCK_TYPES.contains(&t.as_str()) => {
            if t == "caption" {
                optional(obj.get("credit"), "credit", no_rule, out);
            }
        }
        Some(Value::String(t)) => out.push(format!(
            "unknown type {} (expected paragraph, heading or caption)",
            quote(t)
        )),
        Some(other) => out.push(format!("type must be a string, found {}", kind(other))),
    }
    required(obj.get("text"), "text", blank_problem, out);
}

/// Text must hold something besides whitespace.
pub(crate) fn blank_problem(s: &str) -> Option<String> {
    s.trim().is_empty().then(|| "is empty".into())
}

/// Ids are printed and typed on command lines: non-empty, and free of the
/// characters sanitising removes ([`is_removed`]; the schema's `id`
/// pattern), so the id `list` prints is the id `show` finds.
pub(crate) fn id_problem(s: &str) -> Option<String> {
    if s.is_empty() {
        return Some("is empty".into());
    }
    let bad = s.chars().find(|&c| is_removed(c))?;
    Some(format!(
        "contains the control or invisible character U+{:04X}",
        bad as u32
    ))
}

/// A date must be `YYYY-MM-DD` and a real day of the calendar.
pub(crate) fn date_problem(s: &str) -> Option<String> {
    parse_date(s).err()
}

/// The date of a `YYYY-MM-DD` string, or why it is not one.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return Err(format!("{} is not in YYYY-MM-DD form", quote(s)));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let year = num(0..4) as i32;
    NaiveDate::from_ymd_opt(year, num(5..7), num(8..10))
        .ok_or_else(|| format!("{} is not a real calendar date", quote(s)))
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

/// `a string`, `an array`… for messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true or false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        assert!(date_problem("2024-02-29").is_none());
        assert!(
            date_problem("2023-02-29")
                .unwrap()
                .contains("real calendar")
        );
        assert!(date_problem("2023-2-3").unwrap().contains("YYYY-MM-DD"));
        assert!(date_problem("２０２３-01-01").is_some());
    }

    #[test]
    fn ids_refuse_invisible_characters() {
        assert!(id_problem("zy-001").is_none());
        assert_eq!(
            id_problem("a\u{1b}b").unwrap(),
            "contains the control or invisible character U+001B"
        );
        assert!(id_problem("a\u{202e}").is_some());
        assert_eq!(id_problem("").unwrap(), "is empty");
    }

    #[test]
    fn ids_refuse_exactly_what_sanitising_removes() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let id = format!("a{c}");
            assert_eq!(
                id_problem(&id).is_some(),
                is_removed(c),
                "U+{:04X}",
                c as u32
            );
        }
        assert_eq!(
            id_problem("zy\u{200f}002").unwrap(),
            "contains the control or invisible character U+200F"
        );
    }

    #[test]
    fn quotes_are_short_and_clean() {
        let long = "长".repeat(100);
        assert_eq!(quote(&long).chars().count(), 43);
        assert_eq!(quote("a\u{1b}[2Jb"), "\"ab\"");
    }
}
