//! Ids that print alike, and JSON output that shows nothing invisible.
//! `abcd` with a word joiner, a Hangul filler, a tag character or a line
//! separator inside prints as `abcd` (or breaks the line): such ids are
//! refused, as the characters sanitising removes are. JSON output (`list`,
//! `check`, `bookmarks`) writes every character that cannot be seen as a
//! `\uXXXX` escape, so a tool still reads the exact text.

use std::path::Path;
use std::process::{Command, Output};

use bulletin::store::{ArchiveKey, Bookmark, Store, make_anchor};
use bulletin::text::sanitize::is_unseen;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");

fn archive(dir: &Path, ids: &[&str], title: &str) -> std::path::PathBuf {
    let articles: Vec<_> = (ids.iter())
        .map(|id| {
            serde_json::json!({"id": id, "title": title, "district": "中原区",
                "subdistrict": "须水街道", "body": [{"type": "paragraph", "text": "正文"}]})
        })
        .collect();
    let doc = serde_json::json!({"format": "bulletin-archive/1", "title": "公报",
        "articles": articles});
    let path = dir.join("a.json");
    std::fs::write(&path, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    path
}

fn run(args: &[&str], data: &Path) -> Output {
    Command::new(BIN)
        .args(args)
        .env("BULLETIN_DATA_DIR", data)
        .env("LANG", "C")
        .output()
        .unwrap()
}

/// No character of the output may be one that cannot be seen (but the
/// line feeds of pretty JSON).
fn assert_visible(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<String> = (text.chars())
        .filter(|&c| c != '\n' && is_unseen(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(bad.is_empty(), "{what} printed {bad:?}:\n{text}");
}

#[test]
fn ids_that_print_like_another_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let lookalikes = [
        "ab\u{2060}cd",
        "ab\u{3164}cd",
        "ab\u{e0063}cd",
        "ab\u{2028}cd",
    ];
    for id in lookalikes {
        let path = archive(dir.path(), &["abcd", id], "标题");
        let out = run(&["check", path.to_str().unwrap()], dir.path());
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{id:?}: {err}");
        let code = format!("U+{:04X}", id.chars().nth(2).unwrap() as u32);
        assert!(
            err.contains("article #2: id contains the control or invisible character")
                && err.contains(&code),
            "{id:?}: {err}"
        );
        assert_visible("check", &out.stderr);
    }
}

#[test]
fn list_and_check_json_escape_what_cannot_be_seen() {
    let dir = tempfile::tempdir().unwrap();
    let title = "西流湖\u{2060}街道\u{3164}报告";
    let path = archive(dir.path(), &["zy-1", "zy\u{200f}2"], title);
    let p = path.to_str().unwrap();
    let list = run(&["list", p, "--json"], dir.path());
    assert_visible("list --json", &list.stdout);
    let text = String::from_utf8(list.stdout).unwrap();
    assert!(text.contains(r"西流湖\u2060街道\u3164报告"), "{text}");
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert!(
        back.to_string().contains(title),
        "a tool reads the exact title"
    );
    let check = run(&["check", p, "--json"], dir.path());
    assert_visible("check --json", &check.stdout);
    assert_eq!(check.status.code(), Some(1));
}

#[test]
fn bookmarks_json_escapes_notes_and_snippets() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(dir.path()).unwrap();
    let note = "看\u{202e}这里\u{2028}下一行";
    let anchor = make_anchor("zy-1", &["正文\u{2060}"], 0, 0);
    let mark = Bookmark::new(
        anchor,
        note,
        "标题\u{200b}",
        "片段\u{3164}",
        None,
        bulletin::store::Clock::wall().now(),
    );
    store.add_bookmark(&ArchiveKey::new("公报", None), mark);
    store.save().unwrap();
    let out = run(&["bookmarks", "--json"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_visible("bookmarks --json", &out.stdout);
    let back: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Notes are sanitised when kept; what remains unseen is escaped.
    assert!(back.to_string().contains("\u{3164}"), "{back}");
}
