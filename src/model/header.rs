//! An archive's own members: a single-file archive's header checked
//! (`format`, `title`, `key`, and the members the format gives no
//! meaning, kept), and the title of an archive that has none (a JSON
//! Lines file is named by its file name).

use std::path::Path;

use serde_json::{Map, Value};

use super::describe::{FormatFound, Kind, What};
use super::rules::{blank_problem, quote};
use super::{FORMAT_TAG, LoadError, Problem};
use crate::text::sanitize::sanitize_line;

/// The archive's own fields, from a single-file header.
pub(super) struct Header {
    pub(super) title: Option<String>,
    pub(super) key: Option<String>,
    pub(super) extra: Map<String, Value>,
}

/// Checks a header's `format`, `title` and `key`; problems go to `problems`.
pub(super) fn read_header(
    path: &Path,
    mut fields: Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> Result<Header, LoadError> {
    match fields.shift_remove("format") {
        Some(Value::String(tag)) if tag == FORMAT_TAG => {}
        found => {
            return Err(LoadError::Format {
                path: path.to_path_buf(),
                found: found.map(|v| match v {
                    Value::String(tag) => FormatFound::Tag(quote(&tag)),
                    other => FormatFound::Type(Kind::of(&other)),
                }),
            });
        }
    }
    let mut problem = |message: What| {
        let message = message.into();
        problems.push(Problem {
            location: Some(path.display().to_string()),
            article: String::new(),
            message,
        })
    };
    let title = match fields.shift_remove("title") {
        Some(Value::String(t)) => {
            let t = sanitize_line(&t);
            if let Some(why) = blank_problem("title", &t) {
                problem(why);
            }
            Some(t)
        }
        None | Some(Value::Null) => {
            problem(What::Missing("title"));
            None
        }
        Some(v) => {
            problem(What::NotString("title", Kind::of(&v)));
            None
        }
    };
    let key = match fields.shift_remove("key") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) => Some(k),
        Some(v) => {
            problem(What::NotString("key", Kind::of(&v)));
            None
        }
    };
    Ok(Header {
        title,
        key,
        extra: fields,
    })
}

/// A file name without its extension, sanitised: the title of JSON Lines.
pub(super) fn stem(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or(path.as_os_str());
    sanitize_line(&stem.to_string_lossy())
}

/// The title, key and other members of a scanned file (a JSON Lines file is named by its
/// file name). `None` when the header keeps the file from being read (the
/// full loader then says why); a problem is kept and a bad title is
/// replaced by the file's name.
pub(super) fn title_and_key(
    path: &Path,
    header: Option<Map<String, Value>>,
    problems: &mut Vec<(Option<usize>, Problem)>,
) -> Option<(String, Option<String>, Map<String, Value>)> {
    let Some(fields) = header else {
        return Some((stem(path), None, Map::new()));
    };
    let mut found = Vec::new();
    let Header { title, key, extra } = read_header(path, fields, &mut found).ok()?;
    let title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| stem(path));
    problems.extend(found.into_iter().map(|p| (None, p)));
    Some((title, key, extra))
}
