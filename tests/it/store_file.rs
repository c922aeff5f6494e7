//! The state file: round trip, damaged and newer files, failing saves,
//! and merging between two instances on one directory.

use std::fs;
use std::path::Path;

use bulletin::store::{
    ArchiveKey, Bookmark, Notice, STATE_FILE, Status, Store, StoreError, make_anchor,
};

const UNITS: [&str; 3] = [
    "标题",
    "　　第一段，西流湖街道的工作。",
    "　　第二段，群众的意见。",
];

fn key() -> ArchiveKey {
    ArchiveKey::new("中原区公报", Some("zy-2024"))
}

fn bookmark(note: &str) -> Bookmark {
    let anchor = make_anchor("a1", &UNITS, 1, 3);
    Bookmark::new(
        anchor,
        note,
        "第一段",
        "标题",
        Some("西流湖街道"),
        bulletin::store::Clock::wall().now(),
    )
}

fn open(dir: &Path) -> Store {
    let (store, notices) = Store::open(dir).expect("open");
    assert!(notices.is_empty(), "unexpected notices: {notices:?}");
    store
}

fn notes(store: &Store) -> Vec<String> {
    let mut notes: Vec<String> = store
        .bookmarks(&key())
        .iter()
        .map(|b| b.note.clone())
        .collect();
    notes.sort();
    notes
}

fn corrupt_copies(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    found.sort();
    found
}

#[test]
fn round_trip_keeps_bookmarks_positions_and_archives_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("nested/data");
    let mut store = open(&dir);
    let other = ArchiveKey::new("中原区公报", None);
    let (first, second) = (bookmark("一"), bookmark("二"));
    store.add_bookmark(&key(), first.clone());
    store.add_bookmark(&key(), second.clone());
    store.add_bookmark(&other, bookmark("other"));
    store.set_position(
        &key(),
        "a1",
        make_anchor("a1", &UNITS, 2, 4),
        Status::InProgress,
    );
    store.set_position(&key(), "a2", make_anchor("a2", &UNITS, 0, 0), Status::Read);
    assert!(store.needs_save());
    store.save().unwrap();
    assert!(!store.needs_save());

    let again = open(&dir);
    let got: Vec<&Bookmark> = again.bookmarks(&key());
    assert_eq!(got, vec![&second, &first], "newest first");
    assert_eq!(again.bookmarks(&other).len(), 1);
    assert_eq!(again.position(&key(), "a1"), store.position(&key(), "a1"));
    let statuses = again.statuses(&key());
    assert_eq!(statuses.get("a1"), Some(&Status::InProgress));
    assert_eq!(statuses.get("a2"), Some(&Status::Read));
    assert_eq!(statuses.len(), 2);
    let text = fs::read_to_string(dir.join(STATE_FILE)).unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["version"], 1);
}

#[test]
fn unchanged_positions_do_not_dirty_and_positions_are_not_urgent() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    let anchor = make_anchor("a1", &UNITS, 1, 2);
    store.set_position(&key(), "a1", anchor.clone(), Status::InProgress);
    assert!(store.needs_save() && !store.needs_urgent_save());
    store.save().unwrap();
    store.set_position(&key(), "a1", anchor.clone(), Status::InProgress);
    assert!(!store.needs_save());
    store.set_position(&key(), "a1", anchor, Status::Read);
    assert!(store.needs_save());
    store.add_bookmark(&key(), bookmark("x"));
    assert!(store.needs_urgent_save());
}

#[test]
fn corrupt_file_is_moved_aside_and_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join(STATE_FILE);
    let garbage = "{\"version\": 1, \"archives\": {oops";
    fs::write(&path, garbage).unwrap();

    let (mut store, notices) = Store::open(tmp.path()).unwrap();
    let moved = match notices.as_slice() {
        [Notice::CorruptMovedAside { moved_to, .. }] => moved_to.clone(),
        other => panic!("want one corrupt notice, got {other:?}"),
    };
    assert!(
        notices[0]
            .to_string()
            .contains(&moved.display().to_string())
    );
    assert_eq!(fs::read_to_string(&moved).unwrap(), garbage);
    assert!(!path.exists());
    assert!(store.bookmarks(&key()).is_empty());

    store.add_bookmark(&key(), bookmark("after"));
    store.save().unwrap();
    assert_eq!(fs::read_to_string(&moved).unwrap(), garbage);
    assert_eq!(corrupt_copies(tmp.path()), vec![moved]);
    assert_eq!(notes(&open(tmp.path())), vec!["after"]);
}

#[test]
fn file_damaged_while_running_is_moved_aside_at_save() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.add_bookmark(&key(), bookmark("mine"));
    fs::write(tmp.path().join(STATE_FILE), "not json").unwrap();
    store.save().unwrap();
    let copies = corrupt_copies(tmp.path());
    assert_eq!(copies.len(), 1);
    assert_eq!(fs::read_to_string(&copies[0]).unwrap(), "not json");
    assert!(matches!(
        store.take_notices().as_slice(),
        [Notice::CorruptMovedAside { .. }]
    ));
    assert_eq!(notes(&open(tmp.path())), vec!["mine"]);
}

#[test]
fn newer_version_is_read_but_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let mut old = open(tmp.path());
    old.add_bookmark(&key(), bookmark("from v1"));
    old.save().unwrap();
    let path = tmp.path().join(STATE_FILE);
    let mut value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    value["version"] = 2.into();
    value["something_new"] = "x".into();
    let newer = serde_json::to_string_pretty(&value).unwrap();
    fs::write(&path, &newer).unwrap();

    let (mut store, notices) = Store::open(tmp.path()).unwrap();
    assert!(matches!(
        notices.as_slice(),
        [Notice::NewerVersion { found: 2, .. }]
    ));
    assert!(store.is_read_only());
    assert_eq!(notes(&store), vec!["from v1"]);
    store.add_bookmark(&key(), bookmark("kept in memory"));
    let err = store.save().unwrap_err();
    assert!(matches!(err, StoreError::NewerVersion { found: 2, .. }));
    assert!(err.to_string().contains("newer"));
    assert!(store.needs_save());
    assert_eq!(notes(&store), vec!["from v1", "kept in memory"]);
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);

    // A running instance that finds a newer file at save time stops too.
    let before = old.save();
    assert!(before.is_ok(), "nothing to save yet");
    old.add_bookmark(&key(), bookmark("late"));
    assert!(matches!(old.save(), Err(StoreError::NewerVersion { .. })));
    assert!(old.is_read_only());
    assert_eq!(fs::read_to_string(&path).unwrap(), newer);
}

#[test]
fn read_only_open_creates_and_moves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let missing = tmp.path().join("none");
    let (mut store, notices) = Store::open_read_only(&missing).unwrap();
    assert!(notices.is_empty());
    assert!(!missing.exists());
    store.add_bookmark(&key(), bookmark("x"));
    assert!(matches!(store.save(), Err(StoreError::ReadOnly { .. })));
    assert!(!missing.exists());

    fs::write(tmp.path().join(STATE_FILE), "garbage").unwrap();
    let (_, notices) = Store::open_read_only(tmp.path()).unwrap();
    assert!(matches!(notices.as_slice(), [Notice::CorruptKept { .. }]));
    assert_eq!(
        fs::read_to_string(tmp.path().join(STATE_FILE)).unwrap(),
        "garbage"
    );
}

/// Makes saving in `dir` fail, and undoes that when dropped. Prefers a
/// read-only directory; as root (CI), where permissions do not stop
/// writes, puts a directory where the state file should be.
struct Blocked<'a> {
    dir: &'a Path,
    by_chmod: bool,
}

impl<'a> Blocked<'a> {
    fn new(dir: &'a Path) -> Blocked<'a> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).unwrap();
        let probe = dir.join("probe");
        let by_chmod = fs::write(&probe, "").is_err();
        if !by_chmod {
            fs::remove_file(&probe).unwrap();
            fs::set_permissions(dir, fs::Permissions::from_mode(0o755)).unwrap();
            fs::rename(dir.join(STATE_FILE), dir.join("hidden")).unwrap();
            fs::create_dir(dir.join(STATE_FILE)).unwrap();
        }
        Blocked { dir, by_chmod }
    }

    fn unblock(&self) {
        use std::os::unix::fs::PermissionsExt;
        if self.by_chmod {
            fs::set_permissions(self.dir, fs::Permissions::from_mode(0o755)).unwrap();
        } else if fs::remove_dir(self.dir.join(STATE_FILE)).is_ok() {
            fs::rename(self.dir.join("hidden"), self.dir.join(STATE_FILE)).unwrap();
        }
    }
}

impl Drop for Blocked<'_> {
    fn drop(&mut self) {
        self.unblock();
    }
}

#[test]
fn failed_save_keeps_the_change_and_a_later_save_retries() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = open(tmp.path());
    store.add_bookmark(&key(), bookmark("before"));
    store.save().unwrap();

    let blocked = Blocked::new(tmp.path());
    store.add_bookmark(&key(), bookmark("during"));
    let err = store.save().expect_err("save must fail while blocked");
    assert!(matches!(err, StoreError::Io { .. }), "{err}");
    assert!(store.needs_save() && store.needs_urgent_save());
    assert_eq!(notes(&store), vec!["before", "during"]);
    assert!(store.save().is_err(), "still blocked");
    blocked.unblock();
    drop(blocked);

    store.save().unwrap();
    assert!(!store.needs_save());
    let again = open(tmp.path());
    assert_eq!(notes(&again), vec!["before", "during"]);
}

#[test]
fn two_instances_adding_alternately_keep_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    for i in 0..3 {
        a.add_bookmark(&key(), bookmark(&format!("a{i}")));
        a.save().unwrap();
        b.add_bookmark(&key(), bookmark(&format!("b{i}")));
        b.save().unwrap();
    }
    let want = vec!["a0", "a1", "a2", "b0", "b1", "b2"];
    assert_eq!(notes(&open(tmp.path())), want);
    assert_eq!(notes(&b), want);
    assert_eq!(notes(&a), vec!["a0", "a1", "a2", "b0", "b1"]);
    a.refresh().unwrap();
    assert_eq!(notes(&a), want);
}

#[test]
fn a_delete_in_one_instance_is_not_resurrected_by_the_other() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = open(tmp.path());
    let doomed = bookmark("doomed");
    a.add_bookmark(&key(), doomed.clone());
    a.save().unwrap();
    let mut b = open(tmp.path());
    assert_eq!(notes(&b), vec!["doomed"]);

    let removed = a.delete_bookmark(&key(), &doomed.id).expect("deleted");
    assert_eq!(removed, doomed);
    a.save().unwrap();
    b.add_bookmark(&key(), bookmark("other"));
    b.save().unwrap();
    assert_eq!(notes(&b), vec!["other"]);
    assert_eq!(notes(&open(tmp.path())), vec!["other"]);
    assert!(a.delete_bookmark(&key(), &doomed.id).is_none());
}

#[test]
fn undo_of_a_delete_survives_an_instance_that_saw_the_delete() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = open(tmp.path());
    let mark = bookmark("undone");
    a.add_bookmark(&key(), mark.clone());
    a.save().unwrap();
    let mut b = open(tmp.path());

    let removed = a.delete_bookmark(&key(), &mark.id).unwrap();
    a.save().unwrap();
    b.add_bookmark(&key(), bookmark("b1"));
    b.save().unwrap(); // b now holds the tombstone
    a.restore_bookmark(&key(), removed);
    a.save().unwrap();
    b.add_bookmark(&key(), bookmark("b2"));
    b.save().unwrap();
    assert_eq!(notes(&b), vec!["b1", "b2", "undone"]);
    assert_eq!(notes(&open(tmp.path())), vec!["b1", "b2", "undone"]);
}

#[test]
fn the_newest_position_wins_between_instances() {
    let tmp = tempfile::tempdir().unwrap();
    let mut a = open(tmp.path());
    let mut b = open(tmp.path());
    a.set_position(
        &key(),
        "a1",
        make_anchor("a1", &UNITS, 1, 1),
        Status::InProgress,
    );
    b.set_position(&key(), "a1", make_anchor("a1", &UNITS, 2, 5), Status::Read);
    b.save().unwrap();
    // a's change is older: saving a keeps b's, and a learns it.
    a.set_position(
        &key(),
        "a2",
        make_anchor("a2", &UNITS, 0, 0),
        Status::InProgress,
    );
    a.save().unwrap();
    let c = open(tmp.path());
    assert_eq!(c.position(&key(), "a1").unwrap().status, Status::Read);
    assert_eq!(a.position(&key(), "a1"), b.position(&key(), "a1"));
    assert_eq!(c.statuses(&key()).len(), 2);
    // A newer change in a wins over b's.
    a.set_position(
        &key(),
        "a1",
        make_anchor("a1", &UNITS, 0, 1),
        Status::InProgress,
    );
    a.save().unwrap();
    b.set_position(
        &key(),
        "a3",
        make_anchor("a3", &UNITS, 0, 0),
        Status::Unread,
    );
    b.save().unwrap();
    assert_eq!(b.position(&key(), "a1").unwrap().status, Status::InProgress);
}

#[test]
fn data_dir_flag_wins() {
    let tmp = tempfile::tempdir().unwrap();
    let got = bulletin::store::data_dir(Some(tmp.path())).unwrap();
    assert_eq!(got, tmp.path());
}

/// The prompts' histories (issue 23, item 2): a file written before
/// they were kept reads as before; one entry that does not read is set
/// aside, the rest kept; a save writes them back under `history`.
#[test]
fn prompt_histories_read_from_old_and_damaged_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(STATE_FILE);
    fs::write(&path, r#"{"version": 1, "archives": {}}"#).unwrap();
    let mut store = open(dir.path());
    assert!(store.history("find").is_empty());
    fs::write(
        &path,
        r#"{"version": 1, "archives": {}, "history": {"find": [
            {"text": "社区", "used": "2024-05-01T08:30:12.345Z"},
            {"text": "物业", "used": "yesterday"},
            {"text": "养老", "used": "2024-05-02T08:30:12.345Z", "pinned": true}]}}"#,
    )
    .unwrap();
    let (mut store2, notices) = Store::open(dir.path()).unwrap();
    assert!(
        matches!(notices.as_slice(), [Notice::SetAside { .. }]),
        "{notices:?}"
    );
    assert_eq!(store2.history("find"), ["社区", "养老"]);
    store2.add_history("find", "防汛");
    store2.save().unwrap();
    let json = fs::read_to_string(&path).unwrap();
    assert!(
        json.contains("\"pinned\": true"),
        "unknown fields kept: {json}"
    );
    assert!(
        json.contains("yesterday"),
        "the entry set aside is kept: {json}"
    );
    store.add_history("search", "物业");
    store.save().unwrap();
    let (store3, _) = Store::open(dir.path()).unwrap();
    assert_eq!(store3.history("find"), ["社区", "养老", "防汛"]);
    assert_eq!(store3.history("search"), ["物业"]);
}
