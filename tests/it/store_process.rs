//! Several processes on one state file, and a process killed with SIGKILL.
//!
//! Children are this test binary re-run on one test (`--exact NAME`) with
//! environment variables telling it to act as a child.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use bulletin::store::{ArchiveKey, Bookmark, STATE_FILE, Status, Store, make_anchor};

const CHILD_DIR: &str = "BULLETIN_STORE_TEST_CHILD_DIR";
const CHILD_TAG: &str = "BULLETIN_STORE_TEST_CHILD_TAG";
const PER_CHILD: usize = 10;
const CHILDREN: usize = 8;
const UNITS: [&str; 2] = ["标题", "　　正文第一段，有足够长的文字用来做锚点。"];

fn key() -> ArchiveKey {
    ArchiveKey::new("进程测试", Some("proc"))
}

/// In a child: the data directory and tag it was given.
fn child_env() -> Option<(String, String)> {
    Some((
        std::env::var(CHILD_DIR).ok()?,
        std::env::var(CHILD_TAG).ok()?,
    ))
}

fn spawn_child(test: &str, dir: &Path, tag: &str) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            &format!("store_process::{test}"),
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_DIR, dir)
        .env(CHILD_TAG, tag)
        .env("BULLETIN_DATA_DIR", dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("spawn child")
}

fn bookmark(note: &str) -> Bookmark {
    Bookmark::new(
        make_anchor("a1", &UNITS, 1, 2),
        note,
        "正文",
        "标题",
        None,
        bulletin::store::Clock::wall().now(),
    )
}

/// A child among seven others saving at once. Opening waits at most
/// `OPEN_LOCK_WAIT` (1 s) for the lock and then goes on without it, with a
/// `Locked` notice, by design (start-up never blocks on a busy state
/// file); a save waits 2 s, then fails to be retried. On a loaded machine
/// seven busy writers hold the lock longer than that (3 of 6 runs with
/// both cores busy), so a child takes the notice as the documented
/// answer and retries its saves as the reader's saver does. What is
/// checked stays: every bookmark of every child is kept.
fn open_as_child(dir: &Path) -> Store {
    let (store, notices) = Store::open(dir).expect("open");
    assert!(
        notices
            .iter()
            .all(|n| matches!(n, bulletin::store::Notice::Locked { .. })),
        "unexpected notices: {notices:?}"
    );
    store
}

/// Saves, retrying while another process holds the lock (bounded).
fn save_as_child(store: &mut Store) {
    for _ in 0..60 {
        match store.save() {
            Err(bulletin::store::StoreError::Locked { .. }) => continue,
            done => return done.expect("child save"),
        }
    }
    panic!("the lock stayed taken for two minutes");
}

fn open_quietly(dir: &Path) -> Store {
    let (store, notices) = Store::open(dir).expect("open");
    assert!(notices.is_empty(), "unexpected notices: {notices:?}");
    store
}

#[test]
fn eight_processes_add_bookmarks_concurrently() {
    if let Some((dir, tag)) = child_env() {
        let mut store = open_as_child(Path::new(&dir));
        for i in 0..PER_CHILD {
            store.add_bookmark(&key(), bookmark(&format!("{tag}-{i}")));
            save_as_child(&mut store);
        }
        println!("CHILD done {tag}");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let children: Vec<Child> = (0..CHILDREN)
        .map(|n| {
            spawn_child(
                "eight_processes_add_bookmarks_concurrently",
                tmp.path(),
                &format!("p{n}"),
            )
        })
        .collect();
    for (n, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "child {n} failed");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(&format!("CHILD done p{n}")), "{stdout}");
    }
    let store = open_quietly(tmp.path());
    let got: BTreeSet<String> = store
        .bookmarks(&key())
        .iter()
        .map(|b| b.note.clone())
        .collect();
    let want: BTreeSet<String> = (0..CHILDREN)
        .flat_map(|n| (0..PER_CHILD).map(move |i| format!("p{n}-{i}")))
        .collect();
    assert_eq!(got, want);
    assert_eq!(
        store.bookmarks(&key()).len(),
        CHILDREN * PER_CHILD,
        "no duplicates"
    );
}

#[test]
fn a_bookmark_survives_sigkill_right_after_it_was_added() {
    if let Some((dir, _)) = child_env() {
        run_until_killed(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut child = spawn_child(
        "a_bookmark_survives_sigkill_right_after_it_was_added",
        tmp.path(),
        "kill",
    );
    let stdout = child.stdout.take().unwrap();
    let mut child = KillOnDrop(child);
    let mut lines = BufReader::new(stdout).lines();
    let id = loop {
        let line = lines.next().expect("child ended early").unwrap();
        // The harness prints `test NAME ... ` on the same line first.
        if let Some((_, id)) = line.split_once("CHILD added ") {
            break id.trim().to_string();
        }
    };
    child.0.kill().unwrap();
    let status = child.0.wait().unwrap();
    assert!(!status.success(), "the child was killed, not finished");

    let store = open_quietly(tmp.path());
    let found = store.bookmarks(&key());
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].id.as_str(), found[0].note.as_str()),
        (id.as_str(), "survivor")
    );
    let text = std::fs::read_to_string(tmp.path().join(STATE_FILE)).unwrap();
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok());
}

/// Kills the child if the test fails before it does.
struct KillOnDrop(Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Child: add and save a bookmark, report it, then keep saving position
/// changes (so the kill may land in the middle of a save) until killed.
fn run_until_killed(dir: &Path) {
    let mut store = open_quietly(dir);
    let mark = bookmark("survivor");
    let id = mark.id.clone();
    store.add_bookmark(&key(), mark);
    store.save().expect("child save");
    println!("CHILD added {id}");
    // A safety bound only, so a stray child cannot run forever.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let len = UNITS[1].chars().count();
    let mut n = 0;
    while std::time::Instant::now() < deadline {
        let anchor = make_anchor("a1", &UNITS, 1, n % len);
        store.set_position(&key(), "a1", anchor, Status::InProgress);
        store.save().expect("child position save");
        n += 1;
    }
}

#[test]
fn data_dir_env_overrides_the_default_but_not_the_flag() {
    if let Some((dir, _)) = child_env() {
        let got = bulletin::store::data_dir(None).unwrap();
        assert_eq!(got, Path::new(&dir));
        let flag = Path::new("/elsewhere");
        assert_eq!(bulletin::store::data_dir(Some(flag)).unwrap(), flag);
        println!("CHILD env ok");
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let child = spawn_child(
        "data_dir_env_overrides_the_default_but_not_the_flag",
        tmp.path(),
        "env",
    );
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("CHILD env ok"));
}
