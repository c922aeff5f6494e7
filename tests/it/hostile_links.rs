//! Symbolic links where the program writes: a planted `state.json.tmp`
//! link must not be followed; a symlinked `state.json` or `import -o`
//! target is written through (the link stays, the real file changes).

use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::Duration;

use bulletin::store::{ArchiveKey, Bookmark, Store, make_anchor};

use crate::common::bounded::{command, run_bounded};

const LEAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/lead.txt"
);

fn key() -> ArchiveKey {
    ArchiveKey::new("links", None)
}

fn save_one_bookmark(dir: &Path, note: &str) {
    let (mut store, _) = Store::open(dir).unwrap();
    let mark = Bookmark::new(
        make_anchor("a", &["text"], 0, 0),
        note,
        "",
        "",
        None,
        bulletin::store::Clock::wall().now(),
    );
    store.add_bookmark(&key(), mark);
    store.save().unwrap();
}

fn is_link(p: &Path) -> bool {
    p.symlink_metadata().unwrap().file_type().is_symlink()
}

#[test]
fn a_planted_temporary_link_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    symlink(&victim, data.join("state.json.tmp")).unwrap();
    save_one_bookmark(&data, "saved");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let (store, _) = Store::open(&data).unwrap();
    assert_eq!(store.bookmarks(&key()).len(), 1);
}

#[test]
fn a_symlinked_state_file_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let elsewhere = dir.path().join("dotfiles");
    std::fs::create_dir(&data).unwrap();
    std::fs::create_dir(&elsewhere).unwrap();
    let real = elsewhere.join("bulletin-state.json");
    std::fs::write(&real, br#"{"version":1,"archives":{}}"#).unwrap();
    let link = data.join("state.json");
    symlink(&real, &link).unwrap();
    save_one_bookmark(&data, "one");
    save_one_bookmark(&data, "two");
    assert!(is_link(&link), "the link was replaced by a file");
    let (store, _) = Store::open(&data).unwrap();
    assert_eq!(store.bookmarks(&key()).len(), 2);
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(
        text.contains("\"one\"") && text.contains("\"two\""),
        "{text}"
    );
    assert_eq!(
        std::fs::read_dir(&elsewhere).unwrap().count(),
        1,
        "no temporary file left beside the real one"
    );
}

#[test]
fn a_symlinked_import_target_is_written_through() {
    let home = tempfile::tempdir().unwrap();
    let real = home.path().join("real.json");
    let link = home.path().join("archive.json");
    symlink("real.json", &link).unwrap();
    for _ in 0..2 {
        let run = run_bounded(
            command(&["import", LEAD, "-o", link.to_str().unwrap()], home.path()),
            Duration::from_secs(30),
        );
        assert_eq!(run.code, Some(0), "{}", run.err());
    }
    assert!(is_link(&link), "the link was replaced by a file");
    let text = std::fs::read_to_string(&real).unwrap();
    assert!(text.contains("bulletin-archive/1"), "{text}");
}
