//! A `state.lock` held elsewhere (another reader stuck on a slow disk, a
//! crashed NFS client) must not freeze the reader: opening waits briefly
//! and goes on with a notice; saving gives up after a bounded wait, says
//! why, and retries later.

use std::fs::File;
use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use bulletin::store::{ArchiveKey, Bookmark, LOCK_FILE, Notice, Store, make_anchor};

use crate::common::pty::Session;

/// Far longer than any bounded wait; the tests fail if it is reached.
const HELD_FOR: Duration = Duration::from_secs(20);

/// The lock held on a thread, until [`Held::release`] (or the end of the
/// test).
struct Held {
    stop: mpsc::Sender<()>,
    thread: std::thread::JoinHandle<()>,
}

impl Held {
    /// Releases the lock, and returns once it is released.
    fn release(self) {
        drop(self.stop);
        self.thread.join().unwrap();
    }
}

/// Holds the lock on `dir/state.lock` from another open file description
/// (`flock` locks are per description, so this blocks the store as another
/// process would) until released.
fn hold_lock(dir: &Path) -> Held {
    std::fs::create_dir_all(dir).unwrap();
    let file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join(LOCK_FILE))
        .unwrap();
    file.lock().unwrap();
    let (stop, rx) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        let _ = rx.recv_timeout(HELD_FOR);
        drop(file);
    });
    Held { stop, thread }
}

/// Runs `f` on a thread; its result, or `None` after `limit`.
fn within<T: Send + 'static>(limit: Duration, f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(limit).ok()
}

fn key() -> ArchiveKey {
    ArchiveKey::new("lock", None)
}

#[test]
fn opening_goes_on_without_the_lock_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let _held = hold_lock(&data);
    let start = Instant::now();
    let opened = within(Duration::from_secs(10), move || Store::open(&data).unwrap());
    let (_, notices) = opened.expect("Store::open waited for the lock without end");
    assert!(start.elapsed() < Duration::from_secs(5));
    let said: Vec<String> = notices.iter().map(Notice::to_string).collect();
    assert!(
        said.iter()
            .any(|n| n.contains("state.lock") && n.contains("retr")),
        "{said:?}"
    );
}

#[test]
fn saving_gives_up_after_a_bounded_wait_and_a_retry_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_path_buf();
    let (mut store, _) = Store::open(&data).unwrap();
    let mark = Bookmark::new(
        make_anchor("a", &["正文"], 0, 0),
        "kept",
        "",
        "",
        None,
        bulletin::store::Clock::wall().now(),
    );
    store.add_bookmark(&key(), mark);
    let held = hold_lock(&data);
    let (store, result) = within(Duration::from_secs(10), move || {
        let r = store.save();
        (store, r)
    })
    .expect("save waited for the lock without end");
    let err = result.expect_err("saved while the lock was held");
    assert!(err.to_string().contains("state.lock"), "{err}");
    held.release();
    let mut store = store;
    assert!(store.needs_save());
    store.save().unwrap();
    let (again, _) = Store::open(&data).unwrap();
    assert_eq!(again.bookmarks(&key()).len(), 1);
}

#[test]
fn the_reader_starts_with_a_notice_while_the_lock_is_held() {
    let dir = tempfile::tempdir().unwrap();
    let _held = hold_lock(dir.path());
    let start = Instant::now();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("须水街道");
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "the screen stayed blank for {:?}",
        start.elapsed()
    );
    s.wait_text("state.lock");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
