//! `bulletin bookmarks` output: JSON and plain lines, sanitised.

use bulletin::store::{ArchiveKey, Bookmark, Store, bookmark_lines, bookmarks_json, make_anchor};

const UNITS: [&str; 2] = ["标题", "　　西流湖街道推进老旧小区改造。"];

fn store_with_marks() -> (tempfile::TempDir, Store, ArchiveKey, ArchiveKey) {
    let tmp = tempfile::tempdir().unwrap();
    let (mut store, _) = Store::open(tmp.path()).unwrap();
    let (a, b) = (
        ArchiveKey::new("中原区公报", Some("zy")),
        ArchiveKey::new("别的公报", None),
    );
    let anchor = make_anchor("art-1", &UNITS, 1, 2);
    let older = Bookmark::new(
        anchor.clone(),
        "",
        "旧的",
        "第一篇",
        None,
        bulletin::store::Clock::wall().now(),
    );
    let evil = Bookmark::new(
        anchor.clone(),
        "注\u{1b}[31m意\u{202e}反\n行",
        "西流湖街道\u{7}推进",
        "标题\u{9b}2J",
        Some("西流湖街道"),
        bulletin::store::Clock::wall().now(),
    );
    store.add_bookmark(&a, evil);
    store.add_bookmark(&a, older);
    store.add_bookmark(
        &b,
        Bookmark::new(
            anchor,
            "b",
            "别处",
            "第二篇",
            None,
            bulletin::store::Clock::wall().now(),
        ),
    );
    (tmp, store, a, b)
}

fn has_controls(s: &str) -> bool {
    s.chars().any(bulletin::text::sanitize::is_removed)
}

#[test]
fn json_lists_one_archive_newest_first_and_sanitised() {
    let (_tmp, store, a, _) = store_with_marks();
    let value = bookmarks_json(&store, Some(&a));
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 2);
    let first = &items[0];
    assert_eq!(first["archive"], "中原区公报");
    assert_eq!(first["archive_key"], "zy");
    assert_eq!(first["article"], "art-1");
    assert_eq!(
        (first["unit"].as_u64(), first["offset"].as_u64()),
        (Some(1), Some(2))
    );
    assert_eq!(first["subdistrict"], "西流湖街道");
    assert_eq!(first["note"], "注意反 行");
    assert_eq!(first["snippet"], "西流湖街道推进");
    assert_eq!(first["article_title"], "标题");
    assert_eq!(items[1]["article_title"], "第一篇");
    assert!(items[1]["subdistrict"].is_null());
    let text = serde_json::to_string(&value).unwrap();
    assert!(!has_controls(&text));
}

#[test]
fn json_without_archive_lists_all_archives() {
    let (_tmp, store, _, _) = store_with_marks();
    let value = bookmarks_json(&store, None);
    let archives: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["archive"].as_str().unwrap())
        .collect();
    assert_eq!(archives.len(), 3);
    assert!(archives.contains(&"别的公报") && archives.contains(&"中原区公报"));
}

#[test]
fn lines_show_title_subdistrict_snippet_note_and_date() {
    let (_tmp, store, a, _) = store_with_marks();
    let lines = bookmark_lines(&store, Some(&a));
    assert_eq!(lines.len(), 2);
    for field in ["标题", "西流湖街道", "“西流湖街道推进”", "注意反 行"] {
        assert!(lines[0].contains(field), "{field} missing in {}", lines[0]);
    }
    assert!(lines[0].starts_with("20"), "date first: {}", lines[0]);
    assert!(lines.iter().all(|l| !has_controls(l)));
    assert!(lines[1].contains("第一篇") && !lines[1].contains('—'));

    let all = bookmark_lines(&store, None);
    let headings: Vec<&String> = all.iter().filter(|l| l.starts_with("# ")).collect();
    assert_eq!(headings.len(), 2);
    assert_eq!(all.len(), 5);
}

/// Whole escape sequences go, not only their ESC or CSI byte: nothing like
/// `[31m` is left for the terminal to show (GUIDE §3), in either output.
#[test]
fn escape_sequences_leave_no_fragments() {
    let (_tmp, store, a, _) = store_with_marks();
    let json = serde_json::to_string(&bookmarks_json(&store, Some(&a))).unwrap();
    let lines = bookmark_lines(&store, Some(&a)).join("\n");
    for (what, out) in [("json", json), ("lines", lines)] {
        for fragment in ["[31m", "2J"] {
            assert!(!out.contains(fragment), "{what}: {fragment} in {out}");
        }
        assert!(
            out.contains("注意反 行") && out.contains("标题"),
            "{what}: {out}"
        );
    }
}
