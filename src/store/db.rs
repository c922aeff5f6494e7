//! [`Store`]: the in-memory state plus saving under the lock with a merge.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::anchor::Anchor;
use super::error::{Notice, StoreError};
use super::file::{self, Loaded, STATE_FILE};
use super::merge::{merge_into, settle};
use super::types::{ArchiveKey, ArchiveState, Bookmark, Position, StateFile, Status, VERSION, now};

/// Whether saving is possible in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Writable,
    /// Opened with [`Store::open_read_only`].
    ReadOnly,
    /// The file on disk has a newer format version.
    Newer(u64),
}

/// Bookmarks and reading positions of every archive, backed by
/// `state.json` in the data directory. Changes apply in memory at once and
/// reach the file on [`Store::save`].
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    state: StateFile,
    mode: Mode,
    /// Some change is not saved yet.
    dirty: bool,
    /// A bookmark change (not just a position) is not saved yet.
    bookmarks_dirty: bool,
    notices: Vec<Notice>,
}

impl Store {
    /// Opens (creating the directory if needed) the store in `dir`.
    ///
    /// Never fails on a damaged, unreadable or newer state file: the returned
    /// notices say what happened, and the store starts from what it could read.
    /// A corrupt file is moved aside; a newer one makes the store read-only.
    pub fn open(dir: &Path) -> Result<(Store, Vec<Notice>), StoreError> {
        let mut store = Store::empty(dir, Mode::Writable);
        let mut notices = Vec::new();
        if let Err(e) = fs::create_dir_all(dir) {
            notices.push(Notice::NoDir {
                path: dir.to_path_buf(),
                error: e.to_string(),
            });
            return Ok((store, notices));
        }
        // Without the lock (read-only directory) reading is still safe, since
        // writers replace the file atomically; only moving aside is not.
        let lock = file::lock(dir).ok();
        store.load(lock.is_some(), &mut notices);
        Ok((store, notices))
    }

    /// Opens the store for reading only (e.g. to list bookmarks): creates
    /// nothing, moves nothing, takes no lock; [`Store::save`] fails.
    pub fn open_read_only(dir: &Path) -> Result<(Store, Vec<Notice>), StoreError> {
        let mut store = Store::empty(dir, Mode::ReadOnly);
        let mut notices = Vec::new();
        store.load(false, &mut notices);
        Ok((store, notices))
    }

    fn empty(dir: &Path, mode: Mode) -> Store {
        Store {
            dir: dir.to_path_buf(),
            state: StateFile::default(),
            mode,
            dirty: false,
            bookmarks_dirty: false,
            notices: Vec::new(),
        }
    }

    fn load(&mut self, may_move: bool, notices: &mut Vec<Notice>) {
        let path = self.state_path();
        match file::read_state(&path) {
            Ok(Loaded::Missing) => {}
            Ok(Loaded::Parsed(state)) => self.state = state,
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
                error: e.to_string(),
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

    /// Some change is not saved yet (cheap: a flag).
    pub fn needs_save(&self) -> bool {
        self.dirty
    }

    /// A bookmark change is not saved yet: save now rather than throttle.
    pub fn needs_urgent_save(&self) -> bool {
        self.bookmarks_dirty
    }

    /// Notices that came up while saving (e.g. a file that became corrupt
    /// was moved aside). Drains them.
    pub fn take_notices(&mut self) -> Vec<Notice> {
        std::mem::take(&mut self.notices)
    }

    /// Saves pending changes: under the lock, re-reads the file, merges,
    /// writes atomically. On failure the changes stay in memory and
    /// [`Store::needs_save`] stays true, so a later call retries.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let path = self.state_path();
        match self.mode {
            Mode::ReadOnly => return Err(StoreError::ReadOnly { path }),
            Mode::Newer(found) => return Err(newer(path, found)),
            Mode::Writable if !self.dirty => return Ok(()),
            Mode::Writable => {}
        }
        fs::create_dir_all(&self.dir).map_err(|e| StoreError::io("create", &self.dir, e))?;
        let _lock = file::lock(&self.dir)?;
        let disk = match file::read_state(&path)? {
            Loaded::Missing => StateFile::default(),
            Loaded::Parsed(state) => state,
            Loaded::Newer { found, .. } => {
                self.mode = Mode::Newer(found);
                return Err(newer(path, found));
            }
            Loaded::Corrupt(error) => {
                let moved_to = file::move_aside(&path)
                    .map_err(|e| StoreError::io("move aside damaged", &path, e))?;
                self.notices.push(Notice::CorruptMovedAside {
                    path,
                    moved_to,
                    error,
                });
                StateFile::default()
            }
        };
        merge_into(&mut self.state, disk, now());
        file::write_atomic(&self.dir, &self.state)?;
        self.dirty = false;
        self.bookmarks_dirty = false;
        Ok(())
    }

    /// Merges in what other instances saved, without writing (e.g. when the
    /// bookmark list opens). Damaged or newer files are left to `save`.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        if let Loaded::Parsed(disk) = file::read_state(&self.state_path())? {
            merge_into(&mut self.state, disk, now());
        }
        Ok(())
    }

    /// Keys of all archives with any state, sorted.
    pub fn archive_keys(&self) -> Vec<&ArchiveKey> {
        self.state.archives.keys().collect()
    }

    /// The archive's bookmarks, newest first.
    pub fn bookmarks(&self, key: &ArchiveKey) -> Vec<&Bookmark> {
        let mut list: Vec<&Bookmark> = self
            .state
            .archives
            .get(key)
            .map(|a| a.bookmarks.values().collect())
            .unwrap_or_default();
        list.sort_by(|a, b| (b.created, &b.id).cmp(&(a.created, &a.id)));
        list
    }

    /// Adds (or replaces, by id) a bookmark.
    pub fn add_bookmark(&mut self, key: &ArchiveKey, bookmark: Bookmark) {
        let archive = self.archive_mut(key);
        archive.deleted.remove(&bookmark.id);
        archive.bookmarks.insert(bookmark.id.clone(), bookmark);
        self.touch(true);
    }

    /// Deletes a bookmark, leaving a tombstone; returns it for undo.
    pub fn delete_bookmark(&mut self, key: &ArchiveKey, id: &str) -> Option<Bookmark> {
        let archive = self.state.archives.get_mut(key)?;
        let bookmark = archive.bookmarks.remove(id)?;
        let at = now().max(bookmark.alive_since() + chrono::Duration::milliseconds(1));
        archive.deleted.insert(id.to_string(), at);
        self.touch(true);
        Some(bookmark)
    }

    /// Undoes a delete: brings the bookmark back, marked as restored after
    /// its tombstone so merges with copies that saw the delete keep it.
    pub fn restore_bookmark(&mut self, key: &ArchiveKey, mut bookmark: Bookmark) {
        let archive = self.archive_mut(key);
        let deleted = archive.deleted.remove(&bookmark.id);
        let floor = deleted.map(|t| t + chrono::Duration::milliseconds(1));
        bookmark.restored = Some(floor.map_or(now(), |f| now().max(f)));
        archive.bookmarks.insert(bookmark.id.clone(), bookmark);
        settle(archive, now());
        self.touch(true);
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
            && p.anchor == anchor
            && p.status == status
        {
            return;
        }
        let position = Position {
            anchor,
            status,
            updated: now(),
        };
        self.archive_mut(key)
            .positions
            .insert(article.to_string(), position);
        self.touch(false);
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

    fn archive_mut(&mut self, key: &ArchiveKey) -> &mut ArchiveState {
        self.state
            .archives
            .entry(key.clone())
            .or_insert_with(|| ArchiveState::for_key(key))
    }

    fn touch(&mut self, bookmark: bool) {
        self.dirty = true;
        self.bookmarks_dirty |= bookmark;
    }
}

fn newer(path: PathBuf, found: u64) -> StoreError {
    StoreError::NewerVersion {
        path,
        found,
        supported: VERSION,
    }
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
