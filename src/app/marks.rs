//! The bookmark list and adding bookmarks: `impl App` for those actions.

use super::persist::locate;
use super::prompt::{Prompt, PromptKind};
use super::{Action, App, Msg, Screen};
use crate::store::Bookmark;

/// State of the bookmark list screen.
#[derive(Debug, Clone, Default)]
pub struct Marks {
    pub selected: usize,
    pub filter: String,
    pub filtering: bool,
    /// The last deleted bookmark, for undo.
    pub undo: Option<Bookmark>,
    /// The screen to go back to.
    pub back: Option<Screen>,
    /// Ids of bookmarks whose text is no longer in the archive, worked out
    /// when the list opens (it parses each bookmarked article once).
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
        let found = (self.archive.articles.iter()).position(|a| a.id == b.anchor.article);
        match found.map(|i| self.archive.article(i)) {
            Some(Ok(a)) => locate(&b.anchor, &crate::model::article_doc(&a)).is_none(),
            Some(Err(_)) | None => true,
        }
    }

    pub(super) fn open_marks(&mut self) {
        if self.persist.is_none() {
            return self.say(Msg::NoStore);
        }
        if self.screen != Screen::Bookmarks {
            self.marks.back = Some(self.screen);
        }
        self.marks.selected = 0;
        self.screen = Screen::Bookmarks;
        if let Some(p) = self.persist.as_mut() {
            // Show what other instances added since.
            let _ = p.store.refresh();
        }
        let gone = match self.persist.as_ref() {
            Some(p) => p
                .store
                .bookmarks(&p.key)
                .into_iter()
                .filter(|b| self.find_detached(b))
                .map(|b| b.id.clone())
                .collect(),
            None => Default::default(),
        };
        self.marks.detached = gone;
    }

    pub(super) fn start_note(&mut self) {
        if self.persist.is_none() {
            return self.say(Msg::NoStore);
        }
        self.prompt = Some(Prompt::new(PromptKind::Note));
    }

    /// Adds a bookmark at the top of the view with the prompt's note.
    /// Adds a bookmark with the prompt's note: at the current search match
    /// when there is one, else at the top of the view.
    pub(super) fn add_bookmark(&mut self, note: &str) {
        let (Some(r), Some(p)) = (self.reader.as_ref(), self.persist.as_mut()) else {
            return;
        };
        let article = &self.archive.articles[r.article];
        let at_match = r.search.current.and_then(|i| r.search.matches.get(i));
        let pos = at_match.map_or(r.anchor, |m| crate::text::search::match_pos(&r.doc, m));
        p.add_bookmark(article, &r.doc, pos, note.trim());
        self.say(Msg::BookmarkAdded);
    }

    pub(super) fn update_marks(&mut self, action: Action) {
        if self.marks.filtering {
            return self.update_marks_filter(action);
        }
        let len = self.visible_bookmarks().len();
        let m = &mut self.marks;
        match action {
            Action::Down => m.selected = super::browse::step(m.selected, 1, len),
            Action::Up => m.selected = super::browse::step(m.selected, -1, len),
            Action::Top => m.selected = 0,
            Action::Bottom => m.selected = len.saturating_sub(1),
            Action::StartFilter => m.filtering = true,
            Action::Input(c) => {
                m.filtering = true;
                m.filter.push(c);
            }
            Action::Delete => self.delete_bookmark(),
            Action::Undo => self.undo_delete(),
            Action::Open => self.jump_to_bookmark(),
            Action::Back | Action::Cancel if !m.filter.is_empty() => m.filter.clear(),
            Action::Back | Action::Cancel => {
                self.screen = self.marks.back.take().unwrap_or(Screen::Browse)
            }
            _ => {}
        }
    }

    fn update_marks_filter(&mut self, action: Action) {
        let m = &mut self.marks;
        match action {
            Action::Input(c) => m.filter.push(c),
            Action::Paste(s) => m.filter.extend(s.chars().filter(|c| !c.is_control())),
            Action::InputBackspace => super::prompt::pop_grapheme(&mut m.filter),
            Action::InputAccept => m.filtering = false,
            Action::InputCancel => {
                m.filtering = false;
                m.filter.clear();
            }
            _ => {}
        }
        m.selected = 0;
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
        let Some(article) = self
            .archive
            .articles
            .iter()
            .position(|a| a.id == b.anchor.article)
        else {
            return self.say(Msg::BookmarkDetached);
        };
        let Some(doc) = self.article_doc(article) else {
            return;
        };
        let pos = locate(&b.anchor, &doc);
        let siblings = if self.browse.visible.contains(&article) {
            self.browse.visible.clone()
        } else {
            vec![article]
        };
        self.open_article_at(article, doc, siblings, pos);
        if pos.is_none() {
            self.say(Msg::BookmarkDetached);
        }
    }
}
