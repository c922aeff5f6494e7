//! Following the archive file on disk while the reader is open.
//!
//! The operating system tells us when something in the archive's
//! directory changes (`notify`: inotify on Linux, FSEvents/kqueue
//! elsewhere): nothing runs and nothing is polled while the file is left
//! alone, so an idle reader stays at zero CPU. The directory is watched,
//! not the file, because tools replace a file by renaming a new one over
//! it (`bulletin import -o` does).
//!
//! After a change the watcher waits for the file to settle (no change for
//! [`SETTLE`]) before reading it, so a file being written is not read
//! half-way; if it is read half-way anyway (a writer that pauses), the
//! reading fails, the reader keeps what it has and says so, and the next
//! change is read again. A new reading goes to the run loop as
//! `Action::Reloaded`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant, SystemTime};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::app::{Action, ArchiveSource, Event};
use crate::work::read_again;

/// How long a changed file must stay unchanged before it is read.
pub const SETTLE: Duration = Duration::from_millis(300);

/// A running watcher; it stops when dropped.
pub struct Watch {
    _watcher: RecommendedWatcher,
}

/// Starts following `source`; new readings are sent to `waker`. `None`
/// when the system cannot watch it (the reader then works as before, and
/// `R` still reads it again).
pub fn start(source: &ArchiveSource, waker: Sender<Event>) -> Option<Watch> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |e: notify::Result<notify::Event>| {
        if let Ok(e) = e {
            let _ = tx.send(e);
        }
    })
    .ok()?;
    let target = Target::of(&source.path);
    watcher
        .watch(&target.dir, RecursiveMode::NonRecursive)
        .ok()?;
    let source = source.clone();
    std::thread::spawn(move || follow(&rx, &source, &target, &waker));
    Some(Watch { _watcher: watcher })
}

/// What to watch: the directory, and which of its entries matter.
struct Target {
    dir: PathBuf,
    /// The archive file's name; `None` when the archive is the directory
    /// (then every archive file in it matters).
    file: Option<std::ffi::OsString>,
}

impl Target {
    fn of(path: &Path) -> Target {
        if path.is_dir() {
            return Target {
                dir: path.to_path_buf(),
                file: None,
            };
        }
        let dir = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        Target {
            dir,
            file: path.file_name().map(ToOwned::to_owned),
        }
    }

    /// Whether `event` is about the archive.
    fn concerns(&self, event: &notify::Event) -> bool {
        if event.kind.is_access() {
            return false;
        }
        event.paths.iter().any(|p| match &self.file {
            Some(name) => p.file_name() == Some(name.as_os_str()),
            None => is_archive_file(p),
        })
    }
}

fn is_archive_file(p: &Path) -> bool {
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    let ext = p.extension().unwrap_or_default().to_string_lossy();
    !name.starts_with('.')
        && (ext.eq_ignore_ascii_case("json") || ext.eq_ignore_ascii_case("jsonl"))
}

/// Length, modification time and inode of each archive file: what tells
/// that the archive changed.
type Stamp = Vec<(PathBuf, u64, Option<SystemTime>, u64)>;

fn stamp(path: &Path) -> Stamp {
    let files = match std::fs::read_dir(path) {
        Ok(entries) => {
            let mut files: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| is_archive_file(p))
                .collect();
            files.sort();
            files
        }
        Err(_) => vec![path.to_path_buf()],
    };
    files
        .into_iter()
        .filter_map(|f| {
            let m = std::fs::metadata(&f).ok()?;
            #[cfg(unix)]
            let inode = std::os::unix::fs::MetadataExt::ino(&m);
            #[cfg(not(unix))]
            let inode = 0;
            Some((f, m.len(), m.modified().ok(), inode))
        })
        .collect()
}

/// The watcher's thread: wait for a change, let it settle, read the
/// archive again if it really changed, hand the reading over; until the
/// reader goes away.
fn follow(
    rx: &Receiver<notify::Event>,
    source: &ArchiveSource,
    target: &Target,
    waker: &Sender<Event>,
) {
    let mut last = stamp(&source.path);
    loop {
        let Some(first) = wait_for_change(rx, target) else {
            return;
        };
        let Some(later) = settle(rx, target) else {
            return;
        };
        let now = stamp(&source.path);
        // Touched but not written (same size, time and inode, and only
        // its attributes changed), or gone (for now): nothing to read. A
        // write that keeps size, time and inode (`cp --preserve`, `rsync
        // --inplace -t`) is still read: the stamp cannot tell it.
        let written = first || later;
        if now.is_empty() || (now == last && !written) {
            continue;
        }
        last = now;
        let reading = read_again(source);
        if waker.send(Event::Done(Action::Reloaded(reading))).is_err() {
            return;
        }
    }
}

/// Blocks until an event about the archive: whether it may have changed
/// its content (see [`writes`]); `None` when the watcher is gone.
fn wait_for_change(rx: &Receiver<notify::Event>, target: &Target) -> Option<bool> {
    loop {
        match rx.recv() {
            Ok(e) if target.concerns(&e) => return Some(writes(&e)),
            Ok(_) => {}
            Err(_) => return None,
        }
    }
}

/// Waits until the archive has had no event for [`SETTLE`]: whether any
/// of those events may have changed its content; `None` when the watcher
/// is gone.
fn settle(rx: &Receiver<notify::Event>, target: &Target) -> Option<bool> {
    let mut quiet_from = Instant::now();
    let mut written = false;
    loop {
        let left = SETTLE.saturating_sub(quiet_from.elapsed());
        match rx.recv_timeout(left) {
            Ok(e) if target.concerns(&e) => {
                written |= writes(&e);
                quiet_from = Instant::now();
            }
            Ok(_) => {}
            Err(RecvTimeoutError::Timeout) => return Some(written),
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
}

/// Whether `event` may have changed a file's content: anything but a
/// change of its attributes alone (`touch`, `chmod`).
fn writes(event: &notify::Event) -> bool {
    use notify::event::{EventKind, ModifyKind};
    !matches!(event.kind, EventKind::Modify(ModifyKind::Metadata(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_watched_through_its_directory() {
        let t = Target::of(Path::new("archive.json"));
        assert_eq!(t.dir, PathBuf::from("."));
        let t = Target::of(Path::new("/tmp/x/a.json"));
        assert_eq!(t.dir, PathBuf::from("/tmp/x"));
        let event = |p: &str| notify::Event::new(notify::EventKind::Any).add_path(p.into());
        assert!(t.concerns(&event("/tmp/x/a.json")));
        assert!(!t.concerns(&event("/tmp/x/b.json")));
        assert!(!t.concerns(&event("/tmp/x/.a.json.tmp")));
    }

    #[test]
    fn archive_files_are_json_not_hidden() {
        assert!(is_archive_file(Path::new("d/a.JSONL")));
        assert!(!is_archive_file(Path::new("d/.a.json")));
        assert!(!is_archive_file(Path::new("d/readme.txt")));
    }
}
