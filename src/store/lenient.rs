//! Reading the state file entry by entry. One entry this version cannot
//! use (a bad time, a missing field, a second bookmark with the same id) is
//! *set aside*, not the whole file: it moves, as it was, to a `set_aside`
//! list next to where it was (with where it came from and why), which is
//! written back like any field this version does not know. The user is
//! told which entry and why; every other entry is kept.
//!
//! Fields this version does not know are kept in each type's `extra` and
//! written back unchanged (additive changes keep `"version": 1`).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::{Map, Value, json};

use super::types::{ArchiveKey, ArchiveState, Bookmark, Extra, Position, StateFile};

/// The field that holds set-aside entries, in an archive or at the top.
pub const SET_ASIDE: &str = "set_aside";

/// One entry set aside: where it was and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `archive 公报 [key], bookmarks[3] (id …)`.
    pub place: String,
    pub error: String,
}

/// The state in `value` (a parsed `state.json`), and what was set aside.
/// Fails only when the file's shape is wrong as a whole (not an object, no
/// version, `archives` not an object).
pub fn from_value(value: Value) -> Result<(StateFile, Vec<Problem>), String> {
    let Value::Object(mut top) = value else {
        return Err("the file is not a JSON object".to_string());
    };
    let version = (top.remove("version").as_ref())
        .and_then(Value::as_u64)
        .ok_or("no format version")?;
    let archives = match top.remove("archives") {
        None => Map::new(),
        Some(Value::Object(m)) => m,
        Some(_) => return Err("`archives` is not an object".to_string()),
    };
    let history = top.remove("history");
    let mut state = StateFile {
        version,
        archives: BTreeMap::new(),
        history: BTreeMap::new(),
        extra: top,
    };
    let mut problems = Vec::new();
    if let Some(v) = history {
        let (history, refused) = super::history::read(v);
        state.history = history;
        for (from, error, entry) in refused {
            set_aside(&mut state.extra, &from, &error, entry);
            problems.push(Problem { place: from, error });
        }
    }
    for (name, value) in archives {
        let key = ArchiveKey(name.clone());
        let place = format!("archive {key}");
        match value {
            Value::Object(obj) => match archive(&key, obj, &mut problems) {
                Ok(a) => {
                    state.archives.insert(key, a);
                }
                Err((why, obj)) => {
                    let from = format!("archives.{name}");
                    set_aside(&mut state.extra, &from, &why, Value::Object(obj));
                    problems.push(Problem { place, error: why });
                }
            },
            other => {
                let why = "not an object".to_string();
                set_aside(&mut state.extra, &format!("archives.{name}"), &why, other);
                problems.push(Problem { place, error: why });
            }
        }
    }
    Ok((state, problems))
}

type Refused = (String, Map<String, Value>);

/// One archive's state; `Err` (with the object, unchanged) when its
/// `title` or `key` is not text.
fn archive(
    key: &ArchiveKey,
    mut obj: Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> Result<ArchiveState, Refused> {
    let title = match obj.get("title") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(("`title` is not text".to_string(), obj)),
    };
    let archive_key = match obj.get("key") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(("`key` is not text".to_string(), obj)),
    };
    obj.remove("title");
    obj.remove("key");
    let mut a = ArchiveState {
        title,
        key: archive_key,
        ..ArchiveState::default()
    };
    let mut ctx = Ctx {
        archive: format!("archive {key}"),
        extra: Map::new(),
        problems,
    };
    if let Some(v) = obj.remove("positions") {
        a.positions = positions(v, &mut ctx);
    }
    if let Some(v) = obj.remove("bookmarks") {
        a.bookmarks = bookmarks(v, &mut ctx);
    }
    if let Some(v) = obj.remove("deleted") {
        a.deleted = tombstones(v, &mut ctx);
    }
    let mut extra = obj;
    for item in ctx.extra.remove(SET_ASIDE).into_iter().flat_map(as_items) {
        push_aside(&mut extra, item);
    }
    a.extra = extra;
    Ok(a)
}

/// Where set-aside entries of one archive go, and the report.
struct Ctx<'a> {
    archive: String,
    extra: Extra,
    problems: &'a mut Vec<Problem>,
}

impl Ctx<'_> {
    fn aside(&mut self, from: String, error: String, entry: Value) {
        set_aside(&mut self.extra, &from, &error, entry);
        self.problems.push(Problem {
            place: format!("{}, {from}", self.archive),
            error,
        });
    }
}

fn positions(v: Value, ctx: &mut Ctx) -> BTreeMap<String, Position> {
    let Value::Object(map) = v else {
        ctx.aside("positions".into(), "not an object".into(), v);
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (article, v) in map {
        match Position::deserialize(&v) {
            Ok(p) => {
                out.insert(article, p);
            }
            Err(e) => ctx.aside(format!("positions.{article}"), why(&v, &e, &["updated"]), v),
        }
    }
    out
}

fn bookmarks(v: Value, ctx: &mut Ctx) -> BTreeMap<String, Bookmark> {
    let Value::Array(list) = v else {
        ctx.aside("bookmarks".into(), "not a list".into(), v);
        return BTreeMap::new();
    };
    let mut out: BTreeMap<String, (usize, Bookmark, Value)> = BTreeMap::new();
    for (i, v) in list.into_iter().enumerate() {
        let b = match Bookmark::deserialize(&v) {
            Ok(b) => b,
            Err(e) => {
                let error = why(&v, &e, &["created", "restored"]);
                ctx.aside(format!("bookmarks[{i}] ({})", id_of(&v)), error, v);
                continue;
            }
        };
        match out.remove(&b.id) {
            None => {
                out.insert(b.id.clone(), (i, b, v));
            }
            Some(first) => {
                // As a merge would: the copy alive since later wins.
                let (keep, lose) = match b.alive_since() > first.1.alive_since() {
                    true => ((i, b, v), first),
                    false => (first, (i, b, v)),
                };
                let error = format!(
                    "the id {} is used twice (also bookmarks[{}]); kept the copy made or \
                     restored later",
                    keep.1.id, keep.0
                );
                ctx.aside(
                    format!("bookmarks[{}] ({})", lose.0, lose.1.id),
                    error,
                    lose.2,
                );
                out.insert(keep.1.id.clone(), keep);
            }
        }
    }
    out.into_iter().map(|(id, (_, b, _))| (id, b)).collect()
}

fn tombstones(v: Value, ctx: &mut Ctx) -> BTreeMap<String, DateTime<Utc>> {
    let Value::Object(map) = v else {
        ctx.aside("deleted".into(), "not an object".into(), v);
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (id, v) in map {
        let parsed = v.as_str().map(DateTime::parse_from_rfc3339);
        match parsed {
            Some(Ok(t)) => {
                out.insert(id, t.with_timezone(&Utc));
            }
            Some(Err(e)) => ctx.aside(format!("deleted.{id}"), format!("not a time: {e}"), v),
            None => ctx.aside(format!("deleted.{id}"), "not a time".into(), v),
        }
    }
    out
}

/// Why an entry did not deserialise, naming the time field at fault when
/// there is one (serde's own message would not say which).
fn why(v: &Value, e: &serde_json::Error, time_fields: &[&str]) -> String {
    for field in time_fields {
        if let Some(Value::String(s)) = v.get(*field)
            && let Err(te) = DateTime::parse_from_rfc3339(s)
        {
            return format!("`{field}` is not a time ({}): {te}", clip(s));
        }
    }
    e.to_string()
}

fn id_of(v: &Value) -> String {
    match v.get("id") {
        Some(Value::String(s)) => format!("id {}", clip(s)),
        _ => "no id".to_string(),
    }
}

/// At most 40 characters of `s`, for messages.
fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("{out:?}")
}

fn set_aside(extra: &mut Extra, from: &str, error: &str, entry: Value) {
    push_aside(extra, json!({"from": from, "error": error, "entry": entry}));
}

/// Appends to the `set_aside` list of `extra` (a value already there that
/// is not a list becomes its first item).
fn push_aside(extra: &mut Extra, item: Value) {
    let list = extra
        .entry(SET_ASIDE)
        .or_insert_with(|| Value::Array(Vec::new()));
    if !list.is_array() {
        *list = Value::Array(vec![list.take()]);
    }
    if let Value::Array(items) = list
        && !items.contains(&item)
    {
        items.push(item);
    }
}

fn as_items(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        other => vec![other],
    }
}

/// Merges `theirs` (the file, newer) into `ours`: their value wins for a
/// field both have, and `set_aside` lists are united.
pub fn merge_extra(ours: &mut Extra, theirs: Extra) {
    for (k, v) in theirs {
        if k == SET_ASIDE {
            for item in as_items(v) {
                push_aside(ours, item);
            }
        } else {
            ours.insert(k, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_archive_is_set_aside_whole_and_the_rest_kept() {
        let v = json!({"version": 1, "archives": {"a": 7, "b": {"title": 3}, "c": {}}});
        let (state, problems) = from_value(v).unwrap();
        assert_eq!(state.archives.len(), 1);
        assert_eq!(problems.len(), 2);
        assert_eq!(state.extra[SET_ASIDE].as_array().unwrap().len(), 2);
    }

    #[test]
    fn shapes_that_are_wrong_as_a_whole_fail() {
        assert!(from_value(json!([])).is_err());
        assert!(from_value(json!({"archives": {}})).is_err());
        assert!(from_value(json!({"version": 1, "archives": []})).is_err());
    }

    #[test]
    fn set_aside_entries_are_not_doubled_by_merging() {
        let mut ours = Extra::new();
        set_aside(&mut ours, "x", "y", json!(1));
        let theirs = ours.clone();
        merge_extra(&mut ours, theirs);
        assert_eq!(ours[SET_ASIDE].as_array().unwrap().len(), 1);
    }
}
