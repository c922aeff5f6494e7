//! [`Store`]: the in-memory state the UI reads and changes, and the
//! changes waiting to be saved. Saving itself is the [`Saver`]'s job, which
//! the store owns until the caller moves it to a worker thread
//! ([`Store::take_saver`]); then saves travel as [`SaveJob`]s and come back
//! as [`SaveOutcome`]s ([`Store::take_job`], [`Store::finish`]).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::anchor::Anchor;
use super::clock::Clock;
use super::error::{Notice, StoreError};
use super::file::{self, Loaded, STATE_FILE};
use super::merge::merge_touched;
use super::saver::{Mode, SaveJob, SaveOutcome, Saver, newer};
use super::types::{ArchiveKey, ArchiveState, Position, StateFile, Status, VERSION};
use super::unsaved::Log;

mod history;
mod marks;

/// Bookmarks and reading positions of every archive, backed by
/// `state.json` in the data directory. Changes apply in memory at once and
/// reach the file when saved.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    state: StateFile,
    mode: Mode,
    /// Changes not yet handed to the saver.
    pending: StateFile,
    /// The last save failed: its changes wait in the saver for a retry.
    failed: bool,
    /// A bookmark change (not just a position) is not saved yet.
    urgent: bool,
    notices: Vec<Notice>,
    /// `None` once moved to a worker thread.
    saver: Option<Saver>,
    /// Changes handed to saves that have not reached the disk.
    log: Log,
    /// Counts changes to bookmarks (not positions), so lists of them are
    /// worked out again only when one changed.
    marks_generation: u64,
    /// Where its times come from (shared with the saver).
    clock: Clock,
}

impl Store {
    /// Opens (creating the directory if needed) the store in `dir`.
    ///
    /// Never fails on a damaged, unreadable or newer state file: the returned
    /// notices say what happened, and the store starts from what it could read.
    /// A corrupt file is moved aside; a newer one makes the store read-only.
    pub fn open(dir: &Path) -> Result<(Store, Vec<Notice>), StoreError> {
        Store::open_with(dir, Clock::wall())
    }

    /// [`Store::open`] with the times of `clock` (a test's, set by hand).
    pub fn open_with(dir: &Path, clock: Clock) -> Result<(Store, Vec<Notice>), StoreError> {
        let mut store = Store::empty(dir, Mode::Writable, clock);
        let mut notices = Vec::new();
        if let Err(e) = fs::create_dir_all(dir) {
            notices.push(Notice::NoDir {
                path: dir.to_path_buf(),
                error: e.to_string(),
            });
            return Ok((store.with_saver(), notices));
        }
        // Without the lock (read-only directory) reading is still safe, since
        // writers replace the file atomically; only moving aside is not.
        let lock = match file::lock(dir, file::OPEN_LOCK_WAIT) {
            Ok(lock) => Some(lock),
            Err(StoreError::Locked { path, .. }) => {
                notices.push(Notice::Locked { path });
                None
            }
            Err(_) => None,
        };
        store.load(lock.is_some(), &mut notices);
        Ok((store.with_saver(), notices))
    }

    /// Opens the store for reading only (e.g. to list bookmarks): creates
    /// nothing, moves nothing, takes no lock; [`Store::save`] fails.
    pub fn open_read_only(dir: &Path) -> Result<(Store, Vec<Notice>), StoreError> {
        let mut store = Store::empty(dir, Mode::ReadOnly, Clock::wall());
        let mut notices = Vec::new();
        store.load(false, &mut notices);
        Ok((store.with_saver(), notices))
    }

    fn empty(dir: &Path, mode: Mode, clock: Clock) -> Store {
        Store {
            dir: dir.to_path_buf(),
            state: StateFile::default(),
            mode,
            pending: StateFile::default(),
            failed: false,
            urgent: false,
            notices: Vec::new(),
            saver: None,
            log: Log::default(),
            marks_generation: 0,
            clock,
        }
    }

    fn with_saver(mut self) -> Store {
        self.saver = Some(Saver::new(
            &self.dir,
            self.state.clone(),
            self.mode,
            self.clock.clone(),
        ));
        self
    }

    fn load(&mut self, may_move: bool, notices: &mut Vec<Notice>) {
        let path = self.state_path();
        match file::read_state(&path) {
            Ok(Loaded::Missing) => {}
            Ok(Loaded::Parsed(state, set_aside)) => {
                self.state = state;
                if !set_aside.is_empty() {
                    notices.push(Notice::SetAside { path, set_aside });
                }
            }
            Ok(Loaded::Newer { found, state }) => {
                self.state = state.unwrap_or_default();
                self.state.version = VERSION;
                if self.mode == Mode::Writable {
                    self.mode = Mode::Newer(found);
                }
                notices.push(Notice::NewerVersion { path, found });
            }
            Ok(Loaded::Corrupt(error)) => notices.push(corrupt_notice(path, error, may_move)),
            Err(e) => notices.push(Notice::Unreadable {
                path,
                error: e.reason(),
            }),
        }
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file's path.
    pub fn state_path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// True when this session cannot save (read-only open or newer file).
    pub fn is_read_only(&self) -> bool {
        self.mode != Mode::Writable
    }

    /// Some change is not saved yet (cheap).
    pub fn needs_save(&self) -> bool {
        self.failed || !self.pending.is_empty()
    }

    /// A bookmark change is not saved yet: save now rather than throttle.
    pub fn needs_urgent_save(&self) -> bool {
        self.urgent
    }

    /// Notices that came up while saving (e.g. a file that became corrupt
    /// was moved aside). Drains them.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Moves the saver out, to run jobs on another thread. From then on
    /// [`Store::save`] and [`Store::refresh`] fail; use
    /// [`Store::take_job`] and [`Store::finish`].
    pub fn take_saver(&mut self) -> Option<Saver> {
        self.saver.take()
    }

    /// The pending changes as a job for the saver (`write: false` only
    /// reads what other instances saved).
    pub fn take_job(&mut self, write: bool) -> SaveJob {
        self.log.record(&self.pending, self.clock.now());
        SaveJob {
            changes: std::mem::take(&mut self.pending),
            write,
        }
    }

    /// Every change not known to be on disk: those of failed or unfinished
    /// saves and those not handed to a save yet. Empty once a save succeeds
    /// and nothing changed since.
    pub fn unsaved_changes(&self) -> StateFile {
        self.log.with(&self.pending, self.clock.now())
    }

    /// Bookmarks or reading positions are not known to be on disk (the
    /// prompts' histories are not worth asking before quitting for).
    pub fn loses_changes(&self) -> bool {
        !self.unsaved_changes().without_history().is_empty()
    }

    /// Takes in the outcome of a job: what other instances wrote, whether
    /// the changes are on disk, and any notices (kept for
    /// [`Store::take_notices`]).
    pub fn finish(&mut self, outcome: SaveOutcome) {
        self.absorb(outcome.delta);
        if let Some(found) = outcome.newer {
            self.mode = Mode::Newer(found);
        }
        self.failed = outcome.unsaved;
        if outcome.error.is_none() && !outcome.unsaved {
            self.urgent = has_bookmark_changes(&self.pending);
            if outcome.write {
                self.log.clear();
            }
        }
        self.notices.extend(outcome.notices);
    }

    /// Runs a job on the store's own saver, here and now.
    pub fn run_job(&mut self, job: SaveJob) -> SaveOutcome {
        match self.saver.as_mut() {
            Some(saver) => saver.run(job),
            None => SaveOutcome {
                error: Some(StoreError::Elsewhere.to_string()),
                unsaved: true,
                write: job.write,
                ..SaveOutcome::default()
            },
        }
    }

    /// Saves pending changes, here and now: under the lock, re-reads the
    /// file, merges, writes atomically. On failure the changes are kept and
    /// [`Store::needs_save`] stays true, so a later call retries.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let path = self.state_path();
        match self.mode {
            Mode::ReadOnly => return Err(StoreError::ReadOnly { path }),
            Mode::Newer(found) => return Err(newer(path, found)),
            Mode::Writable if !self.needs_save() => return Ok(()),
            Mode::Writable => {}
        }
        let saver = self.saver.as_mut().ok_or(StoreError::Elsewhere)?;
        self.log.record(&self.pending, self.clock.now());
        let changes = std::mem::take(&mut self.pending);
        let mut notices = Vec::new();
        let result = saver.save(changes, &mut notices);
        self.notices.extend(notices);
        match result {
            Ok(delta) => {
                self.absorb(delta);
                self.failed = false;
                self.urgent = false;
                self.log.clear();
                Ok(())
            }
            Err(e) => {
                if let StoreError::NewerVersion { found, .. } = e {
                    self.mode = Mode::Newer(found);
                }
                self.failed = true;
                Err(e)
            }
        }
    }

    /// Merges in what other instances saved, without writing (e.g. when the
    /// bookmark list opens). Damaged or newer files are left to `save`.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let saver = self.saver.as_mut().ok_or(StoreError::Elsewhere)?;
        let delta = saver.refresh()?;
        self.absorb(delta);
        Ok(())
    }

    /// Merges in what other instances wrote.
    fn absorb(&mut self, delta: StateFile) {
        if has_bookmark_changes(&delta) {
            self.marks_generation += 1;
        }
        merge_touched(&mut self.state, delta, self.clock.now());
    }

    /// The time now by the store's clock (a new bookmark's).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Keys of all archives with any state, sorted.
    pub fn archive_keys(&self) -> Vec<&ArchiveKey> {
        self.state.archives.keys().collect()
    }

    /// The remembered position in an article.
    pub fn position(&self, key: &ArchiveKey, article: &str) -> Option<&Position> {
        self.state.archives.get(key)?.positions.get(article)
    }

    /// Remembers a position. Unchanged anchor and status: no-op (so callers
    /// may call it on every scroll without causing saves).
    pub fn set_position(
        &mut self,
        key: &ArchiveKey,
        article: &str,
        anchor: Anchor,
        status: Status,
    ) {
        if let Some(p) = self.position(key, article)
            && p.anchor.same_place(&anchor)
            && p.status == status
        {
            return;
        }
        let position = Position {
            anchor,
            status,
            updated: self.clock.now(),
            extra: Default::default(),
        };
        archive_in(&mut self.pending, key)
            .positions
            .insert(article.to_string(), position.clone());
        self.archive_mut(key)
            .positions
            .insert(article.to_string(), position);
    }

    /// Of the positions `keep` accepts, the one that changed last.
    pub fn last_position(
        &self,
        key: &ArchiveKey,
        keep: impl Fn(&Position) -> bool,
    ) -> Option<(&str, &Position)> {
        let positions = &self.state.archives.get(key)?.positions;
        positions
            .iter()
            .filter(|(_, p)| keep(p))
            .max_by_key(|(_, p)| p.updated)
            .map(|(id, p)| (id.as_str(), p))
    }

    /// Article id -> status, for articles with a remembered position.
    pub fn statuses(&self, key: &ArchiveKey) -> BTreeMap<String, Status> {
        self.state
            .archives
            .get(key)
            .map(|a| {
                a.positions
                    .iter()
                    .map(|(id, p)| (id.clone(), p.status))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub(super) fn archive_mut(&mut self, key: &ArchiveKey) -> &mut ArchiveState {
        archive_in(&mut self.state, key)
    }
}

/// `key`'s archive in `file`, created empty if need be.
pub(super) fn archive_in<'a>(file: &'a mut StateFile, key: &ArchiveKey) -> &'a mut ArchiveState {
    file.archives
        .entry(key.clone())
        .or_insert_with(|| ArchiveState::for_key(key))
}

fn has_bookmark_changes(pending: &StateFile) -> bool {
    pending
        .archives
        .values()
        .any(|a| !a.bookmarks.is_empty() || !a.deleted.is_empty())
}

fn corrupt_notice(path: PathBuf, error: String, may_move: bool) -> Notice {
    if !may_move {
        return Notice::CorruptKept { path, error };
    }
    match file::move_aside(&path) {
        Ok(moved_to) => Notice::CorruptMovedAside {
            path,
            moved_to,
            error,
        },
        Err(e) => Notice::CorruptKept {
            path,
            error: format!("{error}; moving it failed: {e}"),
        },
    }
}
