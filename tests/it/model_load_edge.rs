//! Hostile and unusual input: deep nesting, huge text, unreadable files,
//! format detection, unknown fields kept through a rewrite.

use std::fs;
use std::path::Path;

use bulletin::model::{LoadError, load_bytes, load_path};
use serde_json::{Value, json};

const HEAD: &str = r#"{"format": "bulletin-archive/1", "title": "t", "articles": ["#;

fn article(id: &str, text: &str) -> Value {
    json!({"id": id, "title": "标题", "district": "中原区",
           "body": [{"type": "paragraph", "text": text}]})
}

fn message(name: &str, bytes: &[u8]) -> String {
    match load_bytes(name, bytes) {
        Ok(_) => panic!("{name} loaded"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn deeply_nested_junk_is_an_error_not_a_crash() {
    let deep = "[".repeat(100_000);
    // Inside the article list, inside an article field, in JSON Lines.
    let cases = [
        format!("{HEAD}{deep}"),
        format!("{HEAD}{{\"id\": \"a\", \"junk\": {deep}"),
        format!("{{\"id\": \"a\"}}\n{{\"id\": {deep}"),
        format!("{{\"format\": \"bulletin-archive/1\", \"x\": {deep}"),
    ];
    let expected = [
        "deep.json:1:186: nesting too deep: more than 128 levels of arrays and objects \
         (reading article #1)",
        "deep.json:1:205: nesting too deep: more than 128 levels of arrays and objects \
         (reading article #1)",
        "deep.json:2:134: nesting too deep: more than 128 levels of arrays and objects",
        "deep.json:1:165: nesting too deep: more than 128 levels of arrays and objects",
    ];
    for (case, expected) in cases.iter().zip(expected) {
        assert_eq!(message("deep.json", case.as_bytes()), expected);
    }
    // At the top it is simply the wrong type.
    assert!(message("deep.json", deep.as_bytes()).starts_with("deep.json:1:1: expected an"));
}

#[test]
fn a_fifty_megabyte_paragraph_loads() {
    let text = "中原区持续推进基层治理，".repeat(50 * 1024 * 1024 / 36);
    let archive = json!({"format": "bulletin-archive/1", "title": "大",
                         "articles": [article("big", &text)]});
    let bytes = serde_json::to_vec(&archive).unwrap();
    assert!(bytes.len() > 50 * 1024 * 1024 - 100);
    let loaded = load_bytes("big.json", &bytes).unwrap();
    assert_eq!(loaded.articles[0].body[0].text(), text);
}

#[test]
fn a_missing_file_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nope.json");
    let err = load_path(&path).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }));
    assert_eq!(
        err.to_string(),
        format!("{}: no such file or directory", path.display())
    );
}

/// Root reads anything whatever the mode; then the denial cannot be shown.
fn denied(path: &Path) -> bool {
    fs::read(path).is_err() && fs::read_dir(path).is_err()
}

#[test]
fn permission_denied_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("locked.json");
    fs::write(&path, "{}").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).unwrap();
    if !denied(&path) {
        eprintln!("running as root: permission test not applicable");
        return;
    }
    let err = load_path(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{}: permission denied", path.display())
    );
}

#[test]
fn non_utf8_after_a_bom_counts_the_bom_in_the_offset() {
    let bytes = b"\xEF\xBB\xBF{\"a\xFF\": 1}";
    assert_eq!(
        message("x.json", bytes),
        "x.json:1:4: not valid UTF-8 (bad byte at offset 6); archives must be UTF-8 \
         (convert GBK/GB18030 files first, e.g. `iconv -f GB18030 -t UTF-8`)"
    );
}

#[test]
fn whitespace_only_and_bom_only_files_are_empty() {
    for bytes in [&b"  \n\t\n"[..], b"\xEF\xBB\xBF", b""] {
        assert_eq!(message("e.jsonl", bytes), "e.jsonl: the file is empty");
    }
}

#[test]
fn content_not_extension_decides_json_lines() {
    let lines = format!("{}\n\n{}\n", article("a", "一"), article("b", "二"));
    let a = load_bytes("dir/names.json", lines.as_bytes()).unwrap();
    assert_eq!((a.title.as_str(), a.articles.len()), ("names", 2));
    let one_line = json!({"format": "bulletin-archive/1", "title": "单行",
                          "articles": [article("a", "一")]});
    let b = load_bytes("x.jsonl", one_line.to_string().as_bytes()).unwrap();
    assert_eq!((b.title.as_str(), b.articles.len()), ("单行", 1));
}

#[test]
fn json_lines_problems_name_their_line() {
    let text = format!(
        "\n{}\n{}\n\n{}\n",
        article("a", "一"),
        json!({"title": "x"}),
        article("a", "三")
    );
    assert_eq!(
        message("l.jsonl", text.as_bytes()),
        "l.jsonl: 4 problems in the archive\n  \
         l.jsonl:3: article #2: missing id\n  \
         l.jsonl:3: article #2: missing district\n  \
         l.jsonl:3: article #2: missing body\n  \
         l.jsonl:5: article a: duplicate id: also used by article #1 at l.jsonl:2"
    );
}

#[test]
fn unsafe_ids_are_never_echoed() {
    let bad = article("a\u{1b}[2J", "x");
    let archive = json!({"format": "bulletin-archive/1", "title": "t", "articles": [bad]});
    assert_eq!(
        message("x.json", archive.to_string().as_bytes()),
        "x.json: 1 problem in the archive\n  x.json: article #1: id contains the control or \
         invisible character U+001B"
    );
}

#[test]
fn a_directory_with_a_broken_file_names_that_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.json"),
        "{\"format\": \"bulletin-archive/1\",",
    )
    .unwrap();
    fs::write(dir.path().join("b.jsonl"), article("b", "x").to_string()).unwrap();
    fs::write(dir.path().join(".hidden.json"), "junk").unwrap();
    let err = load_path(dir.path()).unwrap_err();
    let file = dir.path().join("a.json");
    assert_eq!(
        err.to_string(),
        format!(
            "{}:1:32: the file ends where a value was expected (is the file truncated?)",
            file.display()
        )
    );
    // Without the broken file the rest loads; the hidden file is skipped and
    // the title is the directory's name (no single-file archive left).
    fs::remove_file(&file).unwrap();
    let a = load_path(dir.path()).unwrap();
    let name = dir.path().file_name().unwrap().to_string_lossy();
    assert_eq!((a.title.as_str(), a.articles.len()), (name.as_ref(), 1));
}

#[test]
fn unknown_fields_survive_a_rewrite() {
    let path = "tests/fixtures/good/extra_fields.json";
    let original: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    let loaded = load_path(Path::new(path)).unwrap();
    let rewritten = serde_json::to_value(&loaded).unwrap();
    for field in ["publisher", "revision"] {
        assert_eq!(rewritten[field], original[field], "{field}");
        assert!(!rewritten[field].is_null());
    }
    for field in ["editor_note", "tags"] {
        let kept = &rewritten["articles"][0][field];
        assert_eq!(kept, &original["articles"][0][field], "{field}");
        assert!(!kept.is_null());
    }
    // And the rewrite loads back to the same archive.
    let again = load_bytes("again.json", &serde_json::to_vec(&rewritten).unwrap()).unwrap();
    assert_eq!(again, loaded);
}

#[test]
fn a_header_file_names_a_directory_of_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let header = json!({"format": "bulletin-archive/1", "title": "合订本", "key": "k-1",
                        "articles": []});
    fs::write(dir.path().join("00-archive.json"), header.to_string()).unwrap();
    fs::write(dir.path().join("b.jsonl"), article("b", "二").to_string()).unwrap();
    fs::write(dir.path().join("a.jsonl"), article("a", "一").to_string()).unwrap();
    let a = load_path(dir.path()).unwrap();
    assert_eq!(
        (a.title.as_str(), a.key.as_deref()),
        ("合订本", Some("k-1"))
    );
    let ids: Vec<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["a", "b"]);
}

#[test]
fn file_names_are_sanitised_in_messages() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("x\u{1b}[2J.json"), "").unwrap();
    let err = load_path(dir.path()).unwrap_err().to_string();
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.ends_with("/x.json: the file is empty"), "{err:?}");
}
