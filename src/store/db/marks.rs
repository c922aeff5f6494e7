//! The store's bookmarks: listing, adding, deleting and undoing a delete.
//! Every change bumps [`Store::marks_generation`], so lists built from the
//! bookmarks are rebuilt only when one changed.

use super::{Store, archive_in};
use crate::store::merge::settle;
use crate::store::types::{ArchiveKey, Bookmark};

impl Store {
    /// Changes whenever a bookmark is added, deleted or restored, here or
    /// (as found by a save) by another instance.
    pub fn marks_generation(&self) -> u64 {
        self.marks_generation
    }

    /// One bookmark of the archive, by id.
    pub fn bookmark(&self, key: &ArchiveKey, id: &str) -> Option<&Bookmark> {
        self.state.archives.get(key)?.bookmarks.get(id)
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
        let state = archive_in(&mut self.state, key);
        for archive in [state, archive_in(&mut self.pending, key)] {
            archive.deleted.remove(&bookmark.id);
            archive
                .bookmarks
                .insert(bookmark.id.clone(), bookmark.clone());
        }
        self.urgent = true;
        self.marks_generation += 1;
    }

    /// Deletes a bookmark, leaving a tombstone; returns it for undo.
    pub fn delete_bookmark(&mut self, key: &ArchiveKey, id: &str) -> Option<Bookmark> {
        let archive = self.state.archives.get_mut(key)?;
        let bookmark = archive.bookmarks.remove(id)?;
        let at = self
            .clock
            .now()
            .max(bookmark.alive_since() + chrono::Duration::milliseconds(1));
        archive.deleted.insert(id.to_string(), at);
        let pending = archive_in(&mut self.pending, key);
        pending.bookmarks.remove(id);
        pending.deleted.insert(id.to_string(), at);
        self.urgent = true;
        self.marks_generation += 1;
        Some(bookmark)
    }

    /// Undoes a delete: brings the bookmark back, marked as restored after
    /// its tombstone so merges with copies that saw the delete keep it.
    pub fn restore_bookmark(&mut self, key: &ArchiveKey, mut bookmark: Bookmark) {
        let (now, later) = (self.clock.now(), self.clock.now());
        let archive = self.archive_mut(key);
        let deleted = archive.deleted.remove(&bookmark.id);
        let floor = deleted.map(|t| t + chrono::Duration::milliseconds(1));
        bookmark.restored = Some(floor.map_or(now, |f| now.max(f)));
        archive
            .bookmarks
            .insert(bookmark.id.clone(), bookmark.clone());
        settle(archive, later);
        let pending = archive_in(&mut self.pending, key);
        pending.deleted.remove(&bookmark.id);
        pending.bookmarks.insert(bookmark.id.clone(), bookmark);
        self.urgent = true;
        self.marks_generation += 1;
    }
}
