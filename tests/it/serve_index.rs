//! `bulletin serve` (issue 24): one search index serves every session
//! and command. An archive whose index is missing has it built once,
//! however many readers and `search` commands ask for it meanwhile;
//! everyone then searches with that one. A damaged one is built again,
//! not handed back.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use bulletin::app::{IndexHandle, IndexState};
use bulletin::find::FoldIndex;

use crate::common::ssh::{self, Term};

/// The sample served with its index missing (to be built at `path`).
fn unindexed(path: &std::path::Path) -> Vec<bulletin::serve::Archive> {
    vec![ssh::sample(IndexState::Missing {
        path: path.to_path_buf(),
    })]
}

/// Opens the archive search (the width probe answered, so no key is
/// taken for a late answer).
async fn open_search(t: &mut Term) {
    t.answer_probe = true;
    t.wait_text("Subdistricts").await;
    t.send("s").await;
    t.wait_text("Search all:").await;
}

async fn quit(t: &mut Term) {
    t.send("\x03").await;
    assert_eq!(t.wait_closed().await, Some(0));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readers_searching_at_once_share_one_build() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (running, log, _state) =
        ssh::server_on(ssh::two_readers(), ssh::quick(), unindexed(&path)).await;
    let (alice, bob) = (
        ssh::connect(&running, Some(1)).await,
        ssh::connect(&running, Some(2)).await,
    );
    let mut a = ssh::reader(&alice, 80, 24, &[]).await;
    let mut b = ssh::reader(&bob, 80, 24, &[]).await;
    open_search(&mut a).await;
    open_search(&mut b).await;
    // Both ask before either is answered: however the build and the
    // second question fall, one build answers both.
    a.send("物业").await;
    b.send("物业").await;
    a.wait_text("18 hits in 3 articles").await;
    b.wait_text("18 hits in 3 articles").await;
    assert_eq!(running.server.index_builds(), 1);
    assert!(path.exists());
    // A reader who comes later searches with it: no build.
    let mut c = ssh::reader(&alice, 80, 24, &[]).await;
    open_search(&mut c).await;
    c.send("物业").await;
    c.wait_text("18 hits in 3 articles").await;
    assert_eq!(running.server.index_builds(), 1);
    for t in [&mut a, &mut b, &mut c] {
        quit(t).await;
    }
    let log = log.text();
    assert_eq!(log.matches("event=index result=built").count(), 1, "{log}");
    running.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_command_builds_the_index_once_for_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (running, _log, _state) =
        ssh::server_on(ssh::two_readers(), ssh::quick(), unindexed(&path)).await;
    let h = ssh::connect(&running, Some(1)).await;
    // Told to use none: none built.
    let (code, scanned, _) = ssh::exec(&h, "search 物业 --json --no-index").await;
    assert_eq!(code, Some(0));
    assert_eq!(running.server.index_builds(), 0);
    assert!(!path.exists());
    // The first search builds it (and finds the same), the next uses it.
    for _ in 0..2 {
        let (code, out, err) = ssh::exec(&h, "search 物业 --json").await;
        assert_eq!((code, &out), (Some(0), &scanned), "{err}");
        assert_eq!(running.server.index_builds(), 1);
    }
    assert!(path.exists());
    // A reader then searches with it.
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    open_search(&mut t).await;
    t.send("物业").await;
    t.wait_text("18 hits in 3 articles").await;
    assert_eq!(running.server.index_builds(), 1);
    quit(&mut t).await;
    running.stop().await;
}

/// The sample served with an index at `path` damaged inside its folded
/// text (the first 物业 made 粤业): it opens, and a search finds it out.
fn damaged(path: &std::path::Path) -> Vec<bulletin::serve::Archive> {
    let mut a = ssh::sample(IndexState::Unused);
    let never = AtomicBool::new(false);
    assert!(bulletin::find::index::build(&*a.library, path, &never, &mut |_, _| {}).unwrap());
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes
        .windows(6)
        .position(|w| w == "物业".as_bytes())
        .unwrap();
    bytes[at..at + 3].copy_from_slice("粤".as_bytes());
    std::fs::write(path, &bytes).unwrap();
    let lib = &a.library;
    let index = FoldIndex::open(path, &lib.fingerprint(), lib.articles.len()).unwrap();
    a.index = IndexState::Ready(IndexHandle(Arc::new(index)));
    vec![a]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_damaged_index_is_built_again_not_handed_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index");
    let (running, log, _state) =
        ssh::server_on(ssh::two_readers(), ssh::quick(), damaged(&path)).await;
    let h = ssh::connect(&running, Some(1)).await;
    let mut t = ssh::reader(&h, 80, 24, &[]).await;
    open_search(&mut t).await;
    t.send("物业\r").await;
    // Said (while it is built again, the summary says so), then the
    // search runs again with the new one: every hit.
    t.wait_text("index was damaged").await;
    t.send("j").await;
    t.wait_text("18 hits in 3 articles").await;
    assert_eq!(running.server.index_builds(), 1);
    assert_eq!(log.text().matches("event=index result=built").count(), 1);
    // What later sessions and commands use is the new one.
    let served = running.server.archives().remove(0);
    let index = served.index.ready().expect("an index");
    let q = bulletin::find::ArchiveQuery::parse("物业").unwrap();
    let mut damage = false;
    bulletin::find::run(
        &*served.library,
        Some(index),
        &q,
        &AtomicBool::new(false),
        &mut |b| damage |= b.index_damaged,
    );
    assert!(!damage);
    quit(&mut t).await;
    running.stop().await;
}
