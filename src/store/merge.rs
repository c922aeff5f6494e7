//! Merging two copies of the state (this instance's and the file's).
//!
//! Rules, per archive:
//! - positions: per article, the newer `updated` wins (ties keep ours);
//! - bookmarks: union by id; for one id in both, the copy alive since later
//!   (restored by an undo) wins;
//! - tombstones: union, keeping the later delete time;
//! - then a bookmark and a tombstone with the same id: the later event wins
//!   (a bookmark restored after the delete lives, otherwise it is removed);
//! - tombstones older than [`TOMBSTONE_DAYS`] are dropped;
//!
//! and the prompts' histories as `history.rs` says.
//!
//! The merge is commutative in everything but ties, and idempotent.

use chrono::{DateTime, Duration, Utc};

use super::history::merge_histories;
use super::lenient::merge_extra;
use super::types::{ArchiveState, StateFile};

/// Tombstones are kept this long, so an instance that loaded a bookmark
/// before it was deleted elsewhere cannot bring it back within that time.
pub const TOMBSTONE_DAYS: i64 = 30;

/// Merges `theirs` into `ours`, then settles tombstones as of `now`.
pub fn merge_into(ours: &mut StateFile, theirs: StateFile, now: DateTime<Utc>) {
    merge_tracking(ours, theirs, now);
}

/// [`merge_into`], but settling only the archives `theirs` holds: the UI's
/// merges of small deltas stay proportional to the delta, not to every
/// tombstone of every archive (old ones are pruned by the saver's merges,
/// which see the whole file).
pub fn merge_touched(ours: &mut StateFile, theirs: StateFile, now: DateTime<Utc>) {
    let keys: Vec<_> = theirs.archives.keys().cloned().collect();
    merge_archives(ours, theirs);
    for key in keys {
        if let Some(a) = ours.archives.get_mut(&key) {
            settle(a, now);
        }
    }
}

/// [`merge_into`], returning what `theirs` changed in `ours`: the entries
/// taken from it (positions, bookmarks, later tombstones). Merging that
/// delta into a copy that equalled `ours` before brings it to the same
/// state, so a worker that saves can tell the UI what other instances
/// wrote without handing back the whole file.
pub fn merge_tracking(ours: &mut StateFile, theirs: StateFile, now: DateTime<Utc>) -> StateFile {
    let delta = merge_archives(ours, theirs);
    for archive in ours.archives.values_mut() {
        settle(archive, now);
    }
    delta
}

/// Merges without settling; returns what was taken from `theirs`.
fn merge_archives(ours: &mut StateFile, theirs: StateFile) -> StateFile {
    let mut delta = StateFile::default();
    merge_extra(&mut ours.extra, theirs.extra);
    delta.history = merge_histories(&mut ours.history, theirs.history);
    for (key, archive) in theirs.archives {
        let mine = ours
            .archives
            .entry(key.clone())
            .or_insert_with(|| ArchiveState::for_key(&key));
        let mut taken = ArchiveState::for_key(&key);
        merge_archive(mine, archive, &mut taken);
        if !taken.is_empty() {
            delta.archives.insert(key, taken);
        }
    }
    delta
}

fn merge_archive(ours: &mut ArchiveState, theirs: ArchiveState, taken: &mut ArchiveState) {
    if ours.title.is_empty() {
        ours.title = theirs.title;
        ours.key = theirs.key;
    }
    merge_extra(&mut ours.extra, theirs.extra);
    for (article, pos) in theirs.positions {
        match ours.positions.get(&article) {
            Some(mine) if mine.updated >= pos.updated => {}
            _ => {
                taken.positions.insert(article.clone(), pos.clone());
                ours.positions.insert(article, pos);
            }
        }
    }
    for (id, bookmark) in theirs.bookmarks {
        match ours.bookmarks.get(&id) {
            Some(mine) if mine.alive_since() >= bookmark.alive_since() => {}
            _ => {
                taken.bookmarks.insert(id.clone(), bookmark.clone());
                ours.bookmarks.insert(id, bookmark);
            }
        }
    }
    for (id, deleted) in theirs.deleted {
        match ours.deleted.get(&id) {
            Some(mine) if *mine >= deleted => {}
            _ => {
                taken.deleted.insert(id.clone(), deleted);
                ours.deleted.insert(id, deleted);
            }
        }
    }
}

/// Resolves bookmark/tombstone pairs and prunes old tombstones.
pub fn settle(archive: &mut ArchiveState, now: DateTime<Utc>) {
    let bookmarks = &mut archive.bookmarks;
    archive
        .deleted
        .retain(|id, deleted| match bookmarks.get(id) {
            Some(b) if b.alive_since() > *deleted => false,
            Some(_) => {
                bookmarks.remove(id);
                true
            }
            None => true,
        });
    let horizon = now - Duration::days(TOMBSTONE_DAYS);
    archive.deleted.retain(|_, deleted| *deleted >= horizon);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::anchor::make_anchor;
    use crate::store::types::{ArchiveKey, Bookmark, Position, Status};
    use chrono::Utc;

    fn now() -> chrono::DateTime<Utc> {
        crate::store::Clock::wall().now()
    }

    fn key() -> ArchiveKey {
        ArchiveKey::new("t", None)
    }

    fn state_with(f: impl FnOnce(&mut ArchiveState)) -> StateFile {
        let mut s = StateFile::default();
        let mut a = ArchiveState::for_key(&key());
        f(&mut a);
        s.archives.insert(key(), a);
        s
    }

    fn bookmark(note: &str) -> Bookmark {
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
    fn bookmarks_union_and_tombstones_win_over_older_copies() {
        let (b1, b2) = (bookmark("1"), bookmark("2"));
        let gone = bookmark("gone");
        let deleted_at = gone.created + Duration::seconds(1);
        let mut ours = state_with(|a| {
            a.bookmarks.insert(b1.id.clone(), b1.clone());
            a.deleted.insert(gone.id.clone(), deleted_at);
        });
        let theirs = state_with(|a| {
            a.bookmarks.insert(b2.id.clone(), b2.clone());
            a.bookmarks.insert(gone.id.clone(), gone.clone());
        });
        merge_into(&mut ours, theirs, deleted_at);
        let a = &ours.archives[&key()];
        let ids: Vec<&String> = a.bookmarks.keys().collect();
        let mut want = vec![&b1.id, &b2.id];
        want.sort();
        assert_eq!(ids, want);
        assert!(a.deleted.contains_key(&gone.id));
    }

    #[test]
    fn a_restore_outranks_an_older_tombstone() {
        let mut b = bookmark("x");
        let deleted_at = b.created + Duration::seconds(1);
        b.restored = Some(deleted_at + Duration::seconds(1));
        let mut ours = state_with(|a| {
            a.deleted.insert(b.id.clone(), deleted_at);
        });
        let theirs = state_with(|a| {
            a.bookmarks.insert(b.id.clone(), b.clone());
        });
        merge_into(&mut ours, theirs, deleted_at);
        let a = &ours.archives[&key()];
        assert!(a.bookmarks.contains_key(&b.id));
        assert!(a.deleted.is_empty());
    }

    #[test]
    fn newest_position_wins_either_way() {
        let t = now();
        let pos = |secs, status| Position {
            anchor: make_anchor("a", &["text"], 0, 0),
            status,
            updated: t + Duration::seconds(secs),
            extra: Default::default(),
        };
        for (mine, theirs, want) in [
            (
                pos(1, Status::Read),
                pos(0, Status::InProgress),
                Status::Read,
            ),
            (
                pos(0, Status::InProgress),
                pos(1, Status::Read),
                Status::Read,
            ),
        ] {
            let mut ours = state_with(|a| {
                a.positions.insert("a".into(), mine);
            });
            let other = state_with(|a| {
                a.positions.insert("a".into(), theirs);
            });
            merge_into(&mut ours, other, t);
            assert_eq!(ours.archives[&key()].positions["a"].status, want);
        }
    }

    #[test]
    fn old_tombstones_are_pruned() {
        let t = now();
        let mut ours = state_with(|a| {
            a.deleted
                .insert("old".into(), t - Duration::days(TOMBSTONE_DAYS + 1));
            a.deleted.insert("new".into(), t - Duration::days(1));
        });
        merge_into(&mut ours, StateFile::default(), t);
        let ids: Vec<&String> = ours.archives[&key()].deleted.keys().collect();
        assert_eq!(ids, vec!["new"]);
    }
}
