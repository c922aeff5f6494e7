//! The app's link to the state store: reading positions and bookmarks are
//! recorded as the user reads, and saving is asked for soon after every
//! change (an [`Effect::Save`](super::effect::Effect) the run loop hands to
//! a worker thread; the outcome comes back as `Action::Saved`).
//!
//! Bookmark changes are saved at once; position changes at most once a
//! second (the run loop wakes for that only while something is unsaved, so
//! an idle reader stays idle). A failed save is kept, shown, and retried.
//! Time is the app's clock (`Action::Tick`), never read here.

use std::time::Duration;

use super::Msg;
use crate::store::{
    self, Anchor, ArchiveKey, Bookmark, Notice, Resolved, SaveJob, SaveOutcome, Status, Store,
};
use crate::text::{Doc, Pos};

/// How often position changes reach the disk, and failed saves are retried.
pub const SAVE_INTERVAL: Duration = Duration::from_secs(1);

/// The store plus this archive's identity and the state of saving.
#[derive(Debug)]
pub struct Persist {
    pub store: Store,
    pub key: ArchiveKey,
    /// The last save's error, shown until a save succeeds.
    pub error: Option<String>,
    /// When the last save was asked for, by the app's clock.
    last_save: Option<Duration>,
    /// A save job is out; the next waits for its outcome.
    in_flight: bool,
    /// The save at quitting was asked for (it is not repeated).
    final_sent: bool,
    /// Goes up whenever a read mark may have changed (here or, merged in
    /// from a save, in another instance), so counts can be redone.
    pub generation: u64,
    /// What to tell the user once the next save is done (`Bookmark
    /// added`: only when it is on disk, or the save said why not), and the
    /// same for the save out now.
    pub confirm: Option<Msg>,
    confirm_out: Option<Msg>,
    /// What marking a whole list read changed, for undoing it.
    pub marked_all: Option<super::mark_all::MarkedAll>,
}

impl Persist {
    pub fn new(store: Store, key: ArchiveKey) -> Persist {
        Persist {
            store,
            key,
            error: None,
            last_save: None,
            in_flight: false,
            confirm: None,
            confirm_out: None,
            final_sent: false,
            generation: 0,
            marked_all: None,
        }
    }

    /// A save job if one is due at `now`: a bookmark changed, or positions
    /// changed and the last attempt is a second old, or the app is
    /// quitting (once).
    pub fn due_job(&mut self, quitting: bool, now: Duration) -> Option<SaveJob> {
        if self.in_flight || !self.store.needs_save() {
            return None;
        }
        let second_passed = self
            .last_save
            .is_none_or(|t| now.saturating_sub(t) >= SAVE_INTERVAL);
        // After a failure, retry on the timer rather than on every key.
        let urgent = self.store.needs_urgent_save() && self.error.is_none();
        let last_chance = quitting && !self.final_sent;
        if !(last_chance || urgent || second_passed) {
            return None;
        }
        self.final_sent |= quitting;
        self.last_save = Some(now);
        self.in_flight = true;
        self.confirm_out = self.confirm.take().or(self.confirm_out.take());
        Some(self.store.take_job(true))
    }

    /// A job that only reads what other instances saved.
    pub fn refresh_job(&self) -> SaveJob {
        SaveJob {
            changes: Default::default(),
            write: false,
        }
    }

    /// Takes in a job's outcome; returns the notices to show.
    pub fn finished(&mut self, outcome: SaveOutcome) -> (Vec<Notice>, Option<Msg>) {
        let mut confirmed = None;
        if outcome.write {
            self.in_flight = false;
            self.error.clone_from(&outcome.error);
            confirmed = self.confirm_out.take();
        }
        self.store.finish(outcome);
        self.generation += 1;
        (self.store.take_notices(), confirmed)
    }

    /// True while bookmarks or positions are not on disk (pending, out,
    /// or failed; a prompt's history alone does not count).
    pub fn unsaved(&self) -> bool {
        (self.in_flight || self.store.needs_save()) && self.store.loses_changes()
    }

    /// How long after `now` the run loop may sleep before a save is due
    /// (`None`: no timer needed; an outcome on its way wakes it anyway).
    pub fn wake_after(&self, now: Duration) -> Option<Duration> {
        if self.in_flight || !self.store.needs_save() || self.store.is_read_only() {
            return None;
        }
        let since = self
            .last_save
            .map_or(SAVE_INTERVAL, |t| now.saturating_sub(t));
        Some(SAVE_INTERVAL.saturating_sub(since))
    }

    /// Records the reading position `pos` in `article`: read when
    /// `finished` (reading reached the end) or already read, else in
    /// progress.
    pub fn remember(&mut self, article: &str, doc: &Doc, pos: Pos, finished: bool) {
        let units = units(doc);
        let anchor = store::make_anchor(article, &units, pos.unit, pos.offset);
        let was = self.status(article);
        let status = if finished || was == Status::Read {
            Status::Read
        } else {
            Status::InProgress
        };
        self.generation += u64::from(status != was);
        self.store.set_position(&self.key, article, anchor, status);
    }

    /// Sets `article`'s read mark, keeping its position (or, with none
    /// yet, at the start of `doc`).
    pub fn set_status(&mut self, article: &str, doc: Option<&Doc>, status: Status) {
        let anchor = match (self.store.position(&self.key, article), doc) {
            (Some(p), _) => p.anchor.clone(),
            (None, Some(doc)) => store::make_anchor(article, &units(doc), 0, 0),
            (None, None) => return,
        };
        self.generation += 1;
        self.store.set_position(&self.key, article, anchor, status);
    }

    /// The id of the article read last: the one in progress whose
    /// position moved last, else the last one whose position or mark
    /// changed.
    pub fn last_read(&self) -> Option<&str> {
        let store = &self.store;
        store
            .last_position(&self.key, |p| p.status == Status::InProgress)
            .or_else(|| store.last_position(&self.key, |_| true))
            .map(|(id, _)| id)
    }

    /// Where reading stopped in `article`, if it was opened before.
    pub fn resume(&self, article: &str, doc: &Doc) -> Option<Pos> {
        let p = self.store.position(&self.key, article)?;
        locate(&p.anchor, doc)
    }

    pub fn status(&self, article: &str) -> Status {
        self.store
            .position(&self.key, article)
            .map_or(Status::Unread, |p| p.status)
    }

    /// Adds a bookmark at `pos` with `note`.
    pub fn add_bookmark(
        &mut self,
        article: &crate::model::ArticleMeta,
        doc: &Doc,
        pos: Pos,
        note: &str,
    ) {
        let units = units(doc);
        let anchor = store::make_anchor(&article.id, &units, pos.unit, pos.offset);
        let snippet = store::snippet(&units, pos.unit, pos.offset, 40);
        let b = Bookmark::new(
            anchor,
            note,
            &snippet,
            &article.title,
            article.subdistrict.as_deref(),
            self.store.now(),
        );
        self.store.add_bookmark(&self.key, b);
    }
}

/// The document's unit texts, the shape anchors are made over.
pub fn units(doc: &Doc) -> Vec<&str> {
    doc.units.iter().map(|u| u.text.as_str()).collect()
}

/// Where an anchor's text is now, or `None` when it is gone (detached).
pub fn locate(anchor: &Anchor, doc: &Doc) -> Option<Pos> {
    match store::resolve(anchor, &units(doc)) {
        Resolved::Exact { unit, offset } | Resolved::Moved { unit, offset } => {
            Some(Pos { unit, offset })
        }
        Resolved::Detached => None,
    }
}
