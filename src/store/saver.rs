//! The disk side of the store: merging with the file under the lock and
//! writing it atomically. [`Saver`] owns everything a save needs, so the
//! reader can run it on a worker thread: a slow disk or a lock held by
//! another instance never freezes the screen.
//!
//! The saver keeps a mirror of the state as the UI knows it. A job brings
//! the changes made since the last job; the saver merges them into the
//! mirror, merges the file into the mirror, writes the mirror, and hands
//! back only what the file contributed (the *delta*), which the UI merges
//! into its own copy. Nothing proportional to the file's size crosses back.

use std::fs;
use std::path::{Path, PathBuf};

use super::clock::Clock;
use super::error::{Notice, StoreError};
use super::file::{self, Loaded};
use super::merge::{merge_into, merge_tracking};
use super::types::{StateFile, VERSION};

/// Whether saving is possible in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    Writable,
    /// Opened with `Store::open_read_only`.
    ReadOnly,
    /// The file on disk has a newer format version.
    Newer(u64),
}

/// Work for the saver: changes to merge, and whether to write the file
/// (`false`: only read what other instances wrote).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveJob {
    pub changes: StateFile,
    pub write: bool,
}

/// What a job did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SaveOutcome {
    /// Why the job failed; `None` when it did what it was asked.
    pub error: Option<String>,
    /// Things the user should be told (a damaged file moved aside).
    pub notices: Vec<Notice>,
    /// What the file held that the UI's copy did not.
    pub delta: StateFile,
    /// The file turned out to be from a newer version (format number).
    pub newer: Option<u64>,
    /// Changes the file still lacks (the job failed, or only read).
    pub unsaved: bool,
    /// The job was a save (`false`: a refresh).
    pub write: bool,
}

/// Saves and refreshes one data directory's state file.
#[derive(Debug)]
pub struct Saver {
    dir: PathBuf,
    mirror: StateFile,
    mode: Mode,
    /// The mirror holds changes the file does not have yet.
    unsaved: bool,
    /// The store's clock.
    clock: Clock,
}

impl Saver {
    pub(super) fn new(dir: &Path, mirror: StateFile, mode: Mode, clock: Clock) -> Saver {
        Saver {
            dir: dir.to_path_buf(),
            mirror,
            mode,
            unsaved: false,
            clock,
        }
    }

    /// Runs a job and reports what happened in plain data.
    pub fn run(&mut self, job: SaveJob) -> SaveOutcome {
        let mut notices = Vec::new();
        let write = job.write;
        let result = if write {
            self.save(job.changes, &mut notices)
        } else {
            self.absorb(job.changes);
            self.refresh()
        };
        let newer = match self.mode {
            Mode::Newer(found) => Some(found),
            _ => None,
        };
        match result {
            Ok(delta) => SaveOutcome {
                error: None,
                notices,
                delta,
                newer,
                unsaved: self.unsaved,
                write,
            },
            Err(e) => SaveOutcome {
                error: Some(e.to_string()),
                notices,
                delta: StateFile::default(),
                newer,
                unsaved: self.unsaved,
                write,
            },
        }
    }

    fn absorb(&mut self, changes: StateFile) {
        if !changes.is_empty() {
            merge_into(&mut self.mirror, changes, self.clock.now());
            self.unsaved = true;
        }
    }

    /// Merges `changes`, then under the lock re-reads the file, merges it,
    /// writes atomically; returns what the file added. On failure the
    /// changes stay in the mirror, so the next call writes them.
    pub(super) fn save(
        &mut self,
        changes: StateFile,
        notices: &mut Vec<Notice>,
    ) -> Result<StateFile, StoreError> {
        self.absorb(changes);
        let path = self.dir.join(file::STATE_FILE);
        match self.mode {
            Mode::ReadOnly => return Err(StoreError::ReadOnly { path }),
            Mode::Newer(found) => return Err(newer(path, found)),
            Mode::Writable => {}
        }
        fs::create_dir_all(&self.dir).map_err(|e| StoreError::io("create", &self.dir, e))?;
        let _lock = file::lock(&self.dir, file::SAVE_LOCK_WAIT)?;
        let disk = match file::read_state(&path)? {
            Loaded::Missing => StateFile::default(),
            Loaded::Parsed(state, set_aside) => {
                if !set_aside.is_empty() {
                    notices.push(Notice::SetAside {
                        path: path.clone(),
                        set_aside,
                    });
                }
                state
            }
            Loaded::Newer { found, .. } => {
                self.mode = Mode::Newer(found);
                return Err(newer(path, found));
            }
            Loaded::Corrupt(error) => {
                let moved_to = file::move_aside(&path)
                    .map_err(|e| StoreError::io("move aside damaged", &path, e))?;
                notices.push(Notice::CorruptMovedAside {
                    path,
                    moved_to,
                    error,
                });
                StateFile::default()
            }
        };
        let delta = merge_tracking(&mut self.mirror, disk, self.clock.now());
        if self.unsaved {
            file::write_atomic(&self.dir, &self.mirror)?;
        }
        self.unsaved = false;
        Ok(delta)
    }

    /// Reads what other instances saved, without writing. Damaged or newer
    /// files are left to `save`.
    pub(super) fn refresh(&mut self) -> Result<StateFile, StoreError> {
        match file::read_state(&self.dir.join(file::STATE_FILE))? {
            Loaded::Parsed(disk, _) => Ok(merge_tracking(&mut self.mirror, disk, self.clock.now())),
            _ => Ok(StateFile::default()),
        }
    }
}

pub(super) fn newer(path: PathBuf, found: u64) -> StoreError {
    StoreError::NewerVersion {
        path,
        found,
        supported: VERSION,
    }
}

#[cfg(test)]
mod tests {
    use crate::store::{ArchiveKey, Bookmark, Store, make_anchor};

    fn key() -> ArchiveKey {
        ArchiveKey::new("saver", None)
    }

    fn mark(note: &str) -> Bookmark {
        Bookmark::new(
            make_anchor("a", &["text"], 0, 0),
            note,
            "",
            "",
            None,
            crate::store::Clock::wall().now(),
        )
    }

    #[test]
    fn a_job_on_a_moved_saver_writes_and_brings_back_what_others_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ui, _) = Store::open(dir.path()).unwrap();
        let mut worker = ui.take_saver().unwrap();
        let (mut other, _) = Store::open(dir.path()).unwrap();
        other.add_bookmark(&key(), mark("theirs"));
        other.save().unwrap();

        ui.add_bookmark(&key(), mark("mine"));
        assert!(
            ui.needs_save() && ui.save().is_err(),
            "the saver is elsewhere"
        );
        let outcome = worker.run(ui.take_job(true));
        assert_eq!(outcome.error, None);
        assert_eq!(outcome.delta.archives[&key()].bookmarks.len(), 1);
        ui.finish(outcome);
        assert!(!ui.needs_save() && !ui.needs_urgent_save());
        assert_eq!(ui.bookmarks(&key()).len(), 2, "theirs merged in");
        let (disk, _) = Store::open(dir.path()).unwrap();
        assert_eq!(disk.bookmarks(&key()).len(), 2, "both on disk");
    }

    #[test]
    fn a_failed_job_keeps_its_changes_for_the_next_one() {
        let dir = tempfile::tempdir().unwrap();
        let (mut ui, _) = Store::open(dir.path()).unwrap();
        let mut worker = ui.take_saver().unwrap();
        let state = dir.path().join("state.json");
        std::fs::create_dir(&state).unwrap();
        ui.add_bookmark(&key(), mark("kept"));
        let outcome = worker.run(ui.take_job(true));
        assert!(outcome.error.is_some() && outcome.unsaved);
        ui.finish(outcome);
        assert!(ui.needs_save() && ui.needs_urgent_save());
        std::fs::remove_dir(&state).unwrap();
        let retry = worker.run(ui.take_job(true));
        assert_eq!(retry.error, None);
        ui.finish(retry);
        assert!(!ui.needs_save());
        let (disk, _) = Store::open(dir.path()).unwrap();
        assert_eq!(disk.bookmarks(&key()).len(), 1, "the retry wrote it");
    }
}
