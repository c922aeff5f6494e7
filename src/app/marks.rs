//! The bookmark list and adding bookmarks: `impl App` for those actions.

use super::effect::{Effect, MarksChecked, MarksJob};
use super::input::TextInput;
use super::loads::Then;
use super::mode::{Modal, PromptKind, View};
use super::persist::locate;
use super::screens::Screen;
use super::{Action, App, Msg};

use crate::store::Bookmark;

/// State of the bookmark list screen.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub selected: usize,
    /// The filter in force (edited in a `Modal::Filter`).
    pub filter: String,
    /// The last deleted bookmark, for undo.
    pub undo: Option<Bookmark>,
    /// Ids of bookmarks whose text is no longer in the archive, worked out
    /// for the bookmarks around the selection as the list moves (a worker
    /// parses each bookmarked article).
    pub detached: std::collections::HashSet<String>,
    /// Ids whose detachment was asked about.
    checked: std::collections::HashSet<String>,
    /// Ids asked about whose answer has not come: their rows say the
    /// snippet is loading.
    pending: std::collections::HashSet<String>,
    /// The ids listed (filtered, newest first), and the store's bookmark
    /// generation and the filter they were worked out for: sorting every
    /// bookmark per key and per frame made a large state file slow.
    shown: Vec<String>,
    shown_for: Option<(u64, String)>,
}

impl App {
    /// The archive's bookmarks, newest first, narrowed by the list's filter
    /// (title, subdistrict, snippet or note).
    pub fn visible_bookmarks(&self) -> Vec<&Bookmark> {
        match self.fresh_shown() {
            Some(ids) => ids.iter().filter_map(|id| self.bookmark(id)).collect(),
            None => self.filtered_bookmarks(),
        }
    }

    /// How many bookmarks the list shows.
    pub fn visible_count(&self) -> usize {
        self.fresh_shown()
            .map_or_else(|| self.filtered_bookmarks().len(), <[String]>::len)
    }

    /// The listed bookmarks `from..from + n`, with their positions.
    pub fn visible_window(&self, from: usize, n: usize) -> Vec<(usize, &Bookmark)> {
        match self.fresh_shown() {
            Some(ids) => (ids.iter().enumerate().skip(from).take(n))
                .filter_map(|(i, id)| Some((i, self.bookmark(id)?)))
                .collect(),
            None => (self.filtered_bookmarks().into_iter().enumerate())
                .skip(from)
                .take(n)
                .collect(),
        }
    }

    /// The listed bookmark at `i`.
    fn visible_at(&self, i: usize) -> Option<&Bookmark> {
        self.visible_window(i, 1).pop().map(|(_, b)| b)
    }

    fn bookmark(&self, id: &str) -> Option<&Bookmark> {
        let p = self.persist.as_ref()?;
        p.store.bookmark(&p.key, id)
    }

    /// The listed ids, if worked out for the store and filter as they are.
    fn fresh_shown(&self) -> Option<&[String]> {
        let p = self.persist.as_ref()?;
        let (generation, filter) = self.marks.shown_for.as_ref()?;
        (*generation == p.store.marks_generation() && *filter == self.marks.filter)
            .then_some(self.marks.shown.as_slice())
    }

    /// Every bookmark through the filter, newest first (sorts them all).
    fn filtered_bookmarks(&self) -> Vec<&Bookmark> {
        let Some(p) = self.persist.as_ref() else {
            return Vec::new();
        };
        let needle = self.marks.filter.to_lowercase();
        p.store
            .bookmarks(&p.key)
            .into_iter()
            .filter(|b| {
                needle.is_empty()
                    || [
                        b.article_title.as_str(),
                        b.subdistrict.as_deref().unwrap_or(""),
                        &b.snippet,
                        &b.note,
                    ]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle))
            })
            .collect()
    }

    /// Works the list out again if a bookmark or the filter changed, keeps
    /// the selection in range, and checks the bookmarks around it for
    /// detachment. Called after every update while the list is open.
    pub(super) fn sync_marks(&mut self) {
        if !self.view.is(Screen::Bookmarks) {
            return;
        }
        if self.fresh_shown().is_none() {
            let ids = (self.filtered_bookmarks().iter())
                .map(|b| b.id.clone())
                .collect();
            let generation = self.persist.as_ref().map(|p| p.store.marks_generation());
            self.marks.shown = ids;
            self.marks.shown_for = generation.map(|g| (g, self.marks.filter.clone()));
        }
        let len = self.marks.shown.len();
        self.marks.selected = self.marks.selected.min(len.saturating_sub(1));
        self.check_detached();
    }

    /// Whether a bookmark's text is gone from the archive (as found when
    /// it came into view).
    pub fn bookmark_detached(&self, b: &Bookmark) -> bool {
        self.marks.detached.contains(&b.id)
    }

    /// Whether the check of a bookmark's text is on its way (its row says
    /// its snippet is loading).
    pub fn bookmark_loading(&self, b: &Bookmark) -> bool {
        self.marks.pending.contains(&b.id)
    }

    /// Asks which of the bookmarks within a page of the selection that
    /// were not checked yet have lost their text (the answer is
    /// [`Action::MarksChecked`]).
    fn check_detached(&mut self) {
        let page = usize::from(self.geo.marks.height / 2 + 1);
        let from = self.marks.selected.saturating_sub(page);
        let ids: Vec<String> = (self.marks.shown.iter().skip(from).take(page * 2 + 1))
            .filter(|id| !self.marks.checked.contains(*id))
            .cloned()
            .collect();
        let marks: Vec<(String, crate::store::Anchor)> = (ids.iter())
            .filter_map(|id| Some((id.clone(), self.bookmark(id)?.anchor.clone())))
            .collect();
        self.marks.checked.extend(ids);
        if marks.is_empty() {
            return;
        }
        (self.marks.pending).extend(marks.iter().map(|(id, _)| id.clone()));
        let job = MarksJob {
            seq: self.loads.marks,
            library: self.archive.clone(),
            marks,
            lang: self.settings.lang,
        };
        self.effects.push(Effect::CheckMarks(job));
    }

    /// Bookmarks found to have lost their text (answers to a check since
    /// started again are dropped).
    pub(super) fn marks_checked(&mut self, answer: MarksChecked) {
        if answer.seq == self.loads.marks {
            for id in &answer.checked {
                self.marks.pending.remove(id);
            }
            self.marks.detached.extend(answer.detached);
        }
    }

    /// Opens the bookmark list (empty, saying why, without a data
    /// directory: `''` goes through it all the same).
    pub(super) fn open_marks(&mut self) {
        match self.persist.as_ref() {
            // Show what other instances added since (it arrives as `Saved`).
            Some(p) => self.effects.push(Effect::Save(p.refresh_job())),
            None => self.say(Msg::NoStore),
        }
        self.show_over(Screen::Bookmarks);
        self.marks.selected = 0;
        self.recheck_marks();
    }

    /// Forgets which bookmarks were found detached: they are checked again
    /// as they come into view (after a reload, or when the list opens).
    pub(super) fn recheck_marks(&mut self) {
        self.loads.marks = self.loads.next_seq();
        self.marks.detached.clear();
        self.marks.checked.clear();
        self.marks.pending.clear();
    }

    pub(super) fn start_note(&mut self) {
        if self.persist.is_none() {
            return self.say(Msg::NoStore);
        }
        // Empty, unlike the other prompts: `m` Enter is a bookmark
        // without a note, never one with the last note again. Up recalls
        // earlier notes.
        self.modal = Modal::Prompt {
            kind: PromptKind::Note,
            input: TextInput::default(),
        };
    }

    /// Adds a bookmark with the prompt's note where the reader is looking:
    /// at the current search match when it is on screen, else at the top
    /// of the view.
    pub(super) fn add_bookmark(&mut self, note: &str) {
        let height = self.geo.reader.body_height;
        let (View::Read { reader: r, .. }, Some(p)) = (&self.view, self.persist.as_mut()) else {
            return;
        };
        let article = &self.archive.articles[r.article];
        let pos = r.match_on_screen(height).unwrap_or(r.anchor);
        p.add_bookmark(article, &r.doc, pos, note.trim());
        // Said when the save is done, so "added" means "on disk".
        p.confirm = Some(Msg::BookmarkAdded);
    }

    pub(super) fn update_marks(&mut self, action: Action) {
        let len = self.visible_count();
        let m = &mut self.marks;
        match action {
            Action::Down => m.selected = super::browse::step(m.selected, 1, len),
            Action::Up => m.selected = super::browse::step(m.selected, -1, len),
            Action::Top => m.selected = 0,
            Action::Bottom => m.selected = len.saturating_sub(1),
            Action::StartFilter => self.start_filter(None),
            Action::Input(c) => self.start_filter(Some(c.to_string())),
            Action::Paste(text) => self.start_filter(Some(text)),
            Action::Delete => self.delete_bookmark(),
            Action::Undo => self.undo_delete(),
            Action::Open => self.jump_to_bookmark(),
            Action::JumpBack => self.jump_back_from_marks(),
            Action::Back | Action::Cancel if !m.filter.is_empty() => self.set_filter(""),
            Action::Back | Action::Cancel => self.close_marks(),
            _ => {}
        }
    }

    fn close_marks(&mut self) {
        self.close_over(Screen::Bookmarks);
    }

    fn delete_bookmark(&mut self) {
        let Some(id) = self.visible_at(self.marks.selected).map(|b| b.id.clone()) else {
            return;
        };
        let Some(p) = self.persist.as_mut() else {
            return;
        };
        self.marks.undo = p.store.delete_bookmark(&p.key, &id);
        self.say(Msg::BookmarkDeleted);
    }

    fn undo_delete(&mut self) {
        let (Some(b), Some(p)) = (self.marks.undo.take(), self.persist.as_mut()) else {
            return;
        };
        p.store.restore_bookmark(&p.key, b);
        self.say(Msg::BookmarkRestored);
    }

    fn jump_to_bookmark(&mut self) {
        let Some(b) = self.visible_at(self.marks.selected).cloned() else {
            return;
        };
        let Some(article) = self.archive.index_of(&b.anchor.article) else {
            return self.say(Msg::BookmarkDetached);
        };
        // The bookmark's article is open under the list: jump in it.
        if let Some(r) = self.reader().filter(|r| r.article == article) {
            let pos = locate(&b.anchor, &r.doc);
            self.close_marks();
            return self.at_bookmark(pos);
        }
        let siblings = if self.browse.visible.contains(&article) {
            self.browse.visible.clone()
        } else {
            vec![article]
        };
        let then = Then::Bookmark {
            anchor: b.anchor,
            siblings,
        };
        self.load_then(article, then);
    }
}
