//! Listing bookmarks outside the reader (`bulletin bookmarks [--json]`).
//!
//! All text from the archive or the user is untrusted: it goes through
//! `text::sanitize_line` (whole escape sequences, then every character of
//! `text::sanitize::REMOVED`; newlines become spaces) before output, JSON
//! included, since scripts print what they read from it.

use chrono::Local;
use serde_json::{Value, json};

use super::db::Store;
use super::types::{ArchiveKey, Bookmark, format_time};
use crate::text::sanitize_line;

/// The bookmarks of one archive (`Some(key)`) or of all archives, as a JSON
/// array, newest first within each archive.
pub fn bookmarks_json(store: &Store, key: Option<&ArchiveKey>) -> Value {
    let items = selected(store, key)
        .into_iter()
        .flat_map(|k| {
            store
                .bookmarks(k)
                .into_iter()
                .map(move |b| bookmark_value(k, b))
        })
        .collect();
    Value::Array(items)
}

fn bookmark_value(key: &ArchiveKey, b: &Bookmark) -> Value {
    json!({
        "archive": sanitize_line(key.title()),
        "archive_key": key.key().map(sanitize_line),
        "id": sanitize_line(&b.id),
        "article": sanitize_line(&b.anchor.article),
        "unit": b.anchor.unit,
        "offset": b.anchor.offset,
        "article_title": sanitize_line(&b.article_title),
        "subdistrict": b.subdistrict.as_deref().map(sanitize_line),
        "snippet": sanitize_line(&b.snippet),
        "note": sanitize_line(&b.note),
        "created": format_time(&b.created),
    })
}

/// Human-readable lines: a heading per archive (when listing all), then one
/// line per bookmark: local date, article title, subdistrict, snippet, note.
pub fn bookmark_lines(store: &Store, key: Option<&ArchiveKey>) -> Vec<String> {
    let mut lines = Vec::new();
    for k in selected(store, key) {
        let bookmarks = store.bookmarks(k);
        if bookmarks.is_empty() {
            continue;
        }
        if key.is_none() {
            lines.push(format!("# {}", sanitize_line(&k.to_string())));
        }
        lines.extend(bookmarks.into_iter().map(bookmark_line));
    }
    lines
}

fn bookmark_line(b: &Bookmark) -> String {
    let date = b.created.with_timezone(&Local).format("%Y-%m-%d %H:%M");
    let mut parts = vec![date.to_string(), sanitize_line(&b.article_title)];
    if let Some(sub) = &b.subdistrict {
        parts.push(sanitize_line(sub));
    }
    parts.push(format!("“{}”", sanitize_line(&b.snippet)));
    if !b.note.is_empty() {
        parts.push(format!("— {}", sanitize_line(&b.note)));
    }
    parts.join("  ")
}

fn selected<'a>(store: &'a Store, key: Option<&'a ArchiveKey>) -> Vec<&'a ArchiveKey> {
    match key {
        Some(k) => vec![k],
        None => store.archive_keys(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::make_anchor;

    #[test]
    fn a_line_drops_controls_bidi_and_whole_escape_sequences() {
        let anchor = make_anchor("a", &["正文"], 0, 0);
        let b = Bookmark::new(
            anchor,
            "一\n二\t三\u{7f}",
            "a\u{1b}[31mb\u{9b}c",
            "x\u{202e}y\u{2066}z\u{200b}\u{ad}\u{feff}\u{200f}",
            None,
            crate::store::Clock::wall().now(),
        );
        let line = bookmark_line(&b);
        // `\u{9b}c` is a whole 8-bit CSI (final byte `c`); the tab stops at 4.
        assert!(line.contains("  xyz  “ab”  — 一 二  三"), "{line:?}");
    }
}
