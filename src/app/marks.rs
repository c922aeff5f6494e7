//! The bookmark list and adding bookmarks: `impl App` for those actions.

use super::effect::Effect;
use super::input::TextInput;
use super::mode::{Modal, PromptKind, View};
use super::persist::locate;
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
    /// when the list opens or changes (it parses each bookmarked article).
    pub detached: std::collections::HashSet<String>,
}

impl App {
    /// The archive's bookmarks, newest first, narrowed by the list's filter
    /// (title, subdistrict, snippet or note).
    pub fn visible_bookmarks(&self) -> Vec<&Bookmark> {
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

    /// Whether a bookmark's text is gone from the archive (as found when
    /// the list was opened).
    pub fn bookmark_detached(&self, b: &Bookmark) -> bool {
        self.marks.detached.contains(&b.id)
    }

    /// Works out whether a bookmark's text can still be found.
    fn find_detached(&self, b: &Bookmark) -> bool {
        let found = self.archive.index_of(&b.anchor.article);
        let lang = self.settings.lang;
        match found.map(|i| self.archive.open(i)) {
            Some(Ok(m)) => locate(&b.anchor, &crate::model::mended_doc(&m, lang)).is_none(),
            Some(Err(_)) | None => true,
        }
    }

    /// Works out which of the bookmarks are detached.
    pub(super) fn check_detached(&mut self) {
        let gone = match self.persist.as_ref() {
            Some(p) => p
                .store
                .bookmarks(&p.key)
                .into_iter()
                .filter(|b| !self.marks.detached.contains(&b.id) && self.find_detached(b))
                .map(|b| b.id.clone())
                .collect::<Vec<_>>(),
            None => Vec::new(),
        };
        self.marks.detached.extend(gone);
    }

    /// Opens the bookmark list (empty, saying why, without a data
    /// directory: `''` goes through it all the same).
    pub(super) fn open_marks(&mut self) {
        match self.persist.as_ref() {
            // Show what other instances added since (it arrives as `Saved`).
            Some(p) => self.effects.push(Effect::Save(p.refresh_job())),
            None => self.say(Msg::NoStore),
        }
        if !matches!(self.view, View::Bookmarks { .. }) {
            let back = std::mem::replace(&mut self.view, View::Browse);
            self.view = View::Bookmarks {
                back: Box::new(back),
            };
        }
        self.marks.selected = 0;
        self.marks.detached.clear();
        self.check_detached();
    }

    pub(super) fn start_note(&mut self) {
        if self.persist.is_none() {
            return self.say(Msg::NoStore);
        }
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
        let len = self.visible_bookmarks().len();
        let m = &mut self.marks;
        match action {
            Action::Down => m.selected = super::browse::step(m.selected, 1, len),
            Action::Up => m.selected = super::browse::step(m.selected, -1, len),
            Action::Top => m.selected = 0,
            Action::Bottom => m.selected = len.saturating_sub(1),
            Action::StartFilter => self.start_filter(None),
            Action::Input(c) => self.start_filter(Some(c)),
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
        if let View::Bookmarks { back } = std::mem::replace(&mut self.view, View::Browse) {
            self.view = *back;
        }
    }

    fn delete_bookmark(&mut self) {
        let Some(id) = self
            .visible_bookmarks()
            .get(self.marks.selected)
            .map(|b| b.id.clone())
        else {
            return;
        };
        let Some(p) = self.persist.as_mut() else {
            return;
        };
        self.marks.undo = p.store.delete_bookmark(&p.key, &id);
        let len = self.visible_bookmarks().len();
        self.marks.selected = self.marks.selected.min(len.saturating_sub(1));
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
        let Some(b) = self
            .visible_bookmarks()
            .get(self.marks.selected)
            .map(|b| (*b).clone())
        else {
            return;
        };
        let Some(article) = self.archive.index_of(&b.anchor.article) else {
            return self.say(Msg::BookmarkDetached);
        };
        let Some(doc) = self.article_doc(article) else {
            return;
        };
        let pos = locate(&b.anchor, &doc);
        // The bookmark's article is open under the list: jump in it.
        if self.reader().is_some_and(|r| r.article == article) {
            self.close_marks();
        } else {
            let siblings = if self.browse.visible.contains(&article) {
                self.browse.visible.clone()
            } else {
                vec![article]
            };
            let id = &self.archive.articles[article].id;
            let resume = self.persist.as_ref().and_then(|p| p.resume(id, &doc));
            self.open_article_at(article, doc, siblings, resume);
        }
        // A jump: `''` returns to where reading was.
        self.jump(pos.unwrap_or_default());
        if pos.is_none() {
            self.say(Msg::BookmarkDetached);
        }
    }
}
