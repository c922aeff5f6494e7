//! Listing bookmarks outside the reader (`bulletin bookmarks [--json]`).
//!
//! All archive-derived text is sanitised before output. `clean` is a minimal
//! local stand-in for `crate::text::sanitize` (which also removes whole escape
//! sequences); the lead should switch to the real one.

use chrono::Local;
use serde_json::{Value, json};

use super::db::Store;
use super::types::{ArchiveKey, Bookmark, format_time};

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
        "archive": clean(key.title()),
        "archive_key": key.key().map(clean),
        "id": clean(&b.id),
        "article": clean(&b.anchor.article),
        "unit": b.anchor.unit,
        "offset": b.anchor.offset,
        "article_title": clean(&b.article_title),
        "subdistrict": b.subdistrict.as_deref().map(clean),
        "snippet": clean(&b.snippet),
        "note": clean(&b.note),
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
            lines.push(format!("# {}", clean(&k.to_string())));
        }
        lines.extend(bookmarks.into_iter().map(bookmark_line));
    }
    lines
}

fn bookmark_line(b: &Bookmark) -> String {
    let date = b.created.with_timezone(&Local).format("%Y-%m-%d %H:%M");
    let mut parts = vec![date.to_string(), clean(&b.article_title)];
    if let Some(sub) = &b.subdistrict {
        parts.push(clean(sub));
    }
    parts.push(format!("“{}”", clean(&b.snippet)));
    if !b.note.is_empty() {
        parts.push(format!("— {}", clean(&b.note)));
    }
    parts.join("  ")
}

fn selected<'a>(store: &'a Store, key: Option<&'a ArchiveKey>) -> Vec<&'a ArchiveKey> {
    match key {
        Some(k) => vec![k],
        None => store.archive_keys(),
    }
}

/// One-line text safe to print: whitespace controls become spaces; other
/// controls (C0, DEL, C1), bidi controls, zero-width space, soft hyphen and
/// BOM are dropped.
fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{2028}' | '\u{2029}' => Some(' '),
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            '\u{200b}' | '\u{00ad}' | '\u{feff}' | '\u{200e}' | '\u{200f}' => None,
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn clean_drops_controls_and_bidi() {
        assert_eq!(clean("a\u{1b}[31mb\u{9b}c"), "a[31mbc");
        assert_eq!(clean("x\u{202e}y\u{2066}z\u{200b}\u{ad}\u{feff}"), "xyz");
        assert_eq!(clean("一\n二\t三\u{7f}"), "一 二 三");
    }
}
