//! The state file's details: a byte order mark, one bad entry among good
//! ones, duplicate bookmark ids, and fields a newer version added.

use std::fs;
use std::path::Path;

use bulletin::store::{ArchiveKey, Bookmark, Notice, Store, make_anchor};
use serde_json::{Value, json};

fn key() -> ArchiveKey {
    ArchiveKey::new("公报", Some("k"))
}

fn mark_json(id: &str, created: &str) -> Value {
    json!({
        "id": id,
        "anchor": {"article": "a", "unit": 0, "offset": 0, "fingerprint": "正文"},
        "note": format!("note {id}"),
        "created": created,
    })
}

fn state_json(bookmarks: Vec<Value>) -> Value {
    json!({
        "version": 1,
        "archives": {"公报\u{1f}k": {"title": "公报", "key": "k", "bookmarks": bookmarks}}
    })
}

fn write(dir: &Path, bytes: &[u8]) {
    fs::write(dir.join("state.json"), bytes).unwrap();
}

fn ids(store: &Store) -> Vec<String> {
    let mut ids: Vec<String> = store
        .bookmarks(&key())
        .iter()
        .map(|b| b.id.clone())
        .collect();
    ids.sort();
    ids
}

fn add_and_save(dir: &Path) {
    let (mut store, _) = Store::open(dir).unwrap();
    let mark = Bookmark::new(
        make_anchor("a", &["正文"], 0, 0),
        "new",
        "",
        "",
        None,
        bulletin::store::Clock::wall().now(),
    );
    store.add_bookmark(&key(), mark);
    store.save().unwrap();
}

fn on_disk(dir: &Path) -> Value {
    serde_json::from_slice(&fs::read(dir.join("state.json")).unwrap()).unwrap()
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    let good = state_json(vec![mark_json("1-1-0", "2024-05-01T08:30:12.345Z")]);
    bytes.extend(serde_json::to_vec(&good).unwrap());
    write(dir.path(), &bytes);
    let (store, notices) = Store::open(dir.path()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(ids(&store), ["1-1-0"]);
}

#[test]
fn one_bad_time_sets_aside_only_its_entry_and_says_which() {
    let dir = tempfile::tempdir().unwrap();
    let state = state_json(vec![
        mark_json("1-1-0", "2024-05-01T08:30:12.345Z"),
        mark_json("1-1-1", "yesterday"),
        mark_json("1-1-2", "2024-05-02T08:30:12.345Z"),
    ]);
    write(dir.path(), &serde_json::to_vec_pretty(&state).unwrap());
    let (store, notices) = Store::open(dir.path()).unwrap();
    assert_eq!(ids(&store), ["1-1-0", "1-1-2"], "the good ones are kept");
    let said: Vec<String> = notices.iter().map(Notice::to_string).collect();
    assert_eq!(said.len(), 1, "{said:?}");
    let n = &said[0];
    assert!(
        n.contains("bookmarks[1]") && n.contains("1-1-1") && n.contains("created"),
        "{n}"
    );
    assert!(n.contains("\"yesterday\""), "quotes the bad time: {n}");
    assert!(
        !dir.path().read_dir().unwrap().any(|e| e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("corrupt")),
        "the file was not moved aside"
    );
    drop(store);
    add_and_save(dir.path());
    let disk = on_disk(dir.path());
    let text = disk.to_string();
    assert!(text.contains("yesterday"), "the bad entry is kept: {text}");
    let archive = &disk["archives"]["公报\u{1f}k"];
    assert_eq!(archive["bookmarks"].as_array().unwrap().len(), 3);
    let (_, again) = Store::open(dir.path()).unwrap();
    assert!(again.is_empty(), "set aside once: {again:?}");
}

#[test]
fn duplicate_bookmark_ids_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let state = state_json(vec![
        mark_json("1-1-0", "2024-05-01T08:30:12.345Z"),
        mark_json("1-1-0", "2024-05-03T08:30:12.345Z"),
    ]);
    write(dir.path(), &serde_json::to_vec(&state).unwrap());
    let (store, notices) = Store::open(dir.path()).unwrap();
    assert_eq!(ids(&store), ["1-1-0"]);
    let said: Vec<String> = notices.iter().map(Notice::to_string).collect();
    assert!(
        said.iter()
            .any(|n| n.contains("1-1-0") && n.contains("twice")),
        "{said:?}"
    );
    let kept = &store.bookmarks(&key())[0];
    assert_eq!(kept.created.to_rfc3339(), "2024-05-03T08:30:12.345+00:00");
}

#[test]
fn unknown_fields_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut mark = mark_json("1-1-0", "2024-05-01T08:30:12.345Z");
    mark["tags"] = json!(["党建", "城市更新"]);
    mark["anchor"]["script"] = json!("hans");
    let state = json!({
        "version": 1,
        "written_by": "bulletin 9.0",
        "archives": {"公报\u{1f}k": {
            "title": "公报", "key": "k", "colour": "red",
            "bookmarks": [mark],
            "positions": {"a": {
                "anchor": {"article": "a", "unit": 0, "offset": 0, "fingerprint": "正文", "script": "hans"},
                "status": "read", "updated": "2024-05-01T08:30:12.345Z", "pages": 3
            }}
        }}
    });
    write(dir.path(), &serde_json::to_vec(&state).unwrap());
    add_and_save(dir.path());
    let disk = on_disk(dir.path());
    assert_eq!(disk["written_by"], "bulletin 9.0");
    let archive = &disk["archives"]["公报\u{1f}k"];
    assert_eq!(archive["colour"], "red");
    let old = archive["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "1-1-0")
        .unwrap();
    assert_eq!(old["tags"], json!(["党建", "城市更新"]));
    assert_eq!(old["anchor"]["script"], "hans");
    let pos = &archive["positions"]["a"];
    assert_eq!(
        (pos["pages"].clone(), pos["anchor"]["script"].clone()),
        (json!(3), json!("hans"))
    );
}
