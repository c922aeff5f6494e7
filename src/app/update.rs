//! `App::update`: the only place the state changes.

use super::browse::{Pane, step};
use super::prompt::PromptKind;
use super::{Action, App, Msg, Reader, Screen};
use crate::text::Pos;

impl App {
    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Tick | Action::Resize(..)) {
            self.status = None;
        }
        match action {
            Action::Quit | Action::Terminate => self.quit = true,
            Action::Resize(w, h) => self.resize(w, h),
            Action::Tick => {}
            Action::WidthMode(mode, source) => {
                self.settings.mode = mode;
                self.settings.width_source = source;
                let (w, h) = self.size;
                self.resize(w, h);
            }
            Action::Notice(text) => self.status = Some(text),
            Action::ToggleHelp if self.prompt.is_none() => {
                self.help = if self.help.is_some() { None } else { Some(0) }
            }
            _ if self.help.is_some() => self.update_help(action),
            _ if self.prompt.is_some() => self.update_prompt(action),
            _ if self.browse.filtering && self.screen == Screen::Browse => {
                self.update_filter(action)
            }
            Action::Bookmarks => self.open_marks(),
            _ => match self.screen {
                Screen::Browse => self.update_browse(action),
                Screen::Read => self.update_reader(action),
                Screen::Bookmarks => self.update_marks(action),
            },
        }
        self.sync_store();
    }

    /// Records the reading position and saves what is due (everything when
    /// quitting).
    fn sync_store(&mut self) {
        let height = self.geometry().body_height;
        let (Some(p), Some(r)) = (self.persist.as_mut(), self.reader.as_ref()) else {
            if let Some(p) = self.persist.as_mut() {
                p.save_if_due(self.quit);
            }
            return;
        };
        let id = &self.archive.articles[r.article].id;
        p.remember(id, &r.doc, r.anchor, r.at_end(height));
        p.save_if_due(self.quit);
    }

    fn update_prompt(&mut self, action: Action) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        let kind = prompt.kind;
        match action {
            Action::Input(c) => prompt.push(c),
            Action::Paste(s) => prompt.paste(&s),
            Action::InputBackspace => prompt.backspace(),
            Action::InputCancel => {
                self.prompt = None;
                if kind == PromptKind::Search {
                    self.search_cancelled();
                }
                return;
            }
            Action::InputAccept => {
                let text = self.prompt.take().map(|p| p.text).unwrap_or_default();
                match kind {
                    PromptKind::Note => self.add_bookmark(&text),
                    PromptKind::Search => self.search_accepted(),
                }
                return;
            }
            _ => return,
        }
        if kind == PromptKind::Search {
            self.search_typed();
        }
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let g = self.geometry();
        let mode = self.settings.mode;
        if let Some(r) = self.reader.as_mut() {
            r.relayout(g.text_width, mode, g.body_height);
        }
    }

    fn update_help(&mut self, action: Action) {
        let scroll = self.help.unwrap_or(0);
        let page = self.size.1.saturating_sub(4).max(1) as i32;
        let delta = match action {
            Action::Down => 1,
            Action::Up => -1,
            Action::PageDown => page,
            Action::PageUp => -page,
            Action::Back | Action::Cancel => return self.help = None,
            _ => 0,
        };
        self.help = Some((i32::from(scroll) + delta).clamp(0, i32::from(u16::MAX)) as u16);
    }

    fn update_filter(&mut self, action: Action) {
        match action {
            Action::Input(c) => self.browse.filter.push(c),
            Action::Paste(text) => self
                .browse
                .filter
                .extend(text.chars().filter(|c| !c.is_control())),
            Action::InputBackspace => super::prompt::pop_grapheme(&mut self.browse.filter),
            Action::InputAccept => self.browse.filtering = false,
            Action::InputCancel => {
                self.browse.filtering = false;
                self.browse.filter.clear();
            }
            _ => return,
        }
        self.browse.selected = 0;
        self.browse.refresh(&self.archive, &self.groups);
    }

    fn list_page(&self) -> isize {
        self.size.1.saturating_sub(4).max(1) as isize
    }

    fn update_browse(&mut self, action: Action) {
        let page = self.list_page();
        match action {
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(page),
            Action::PageUp => self.move_cursor(-page),
            Action::HalfPageDown => self.move_cursor(page / 2),
            Action::HalfPageUp => self.move_cursor(-page / 2),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::NextPane => {
                self.browse.focus = match self.browse.focus {
                    Pane::Groups => Pane::Articles,
                    Pane::Articles => Pane::Groups,
                }
            }
            Action::FocusGroups => self.browse.focus = Pane::Groups,
            Action::FocusArticles => self.browse.focus = Pane::Articles,
            Action::Open => self.open_selected(),
            Action::StartFilter => self.start_filter(None),
            Action::Input(c) => self.start_filter(Some(c)),
            Action::Scroll(n) => self.move_cursor(isize::from(n)),
            Action::Click(x, y) => self.click(x, y),
            Action::Back | Action::Cancel if !self.browse.filter.is_empty() => {
                self.update_filter(Action::InputCancel)
            }
            Action::Back => self.quit = true,
            _ => {}
        }
    }

    /// `/` reopens the filter for editing; typing a character starts a new
    /// filter with it.
    fn start_filter(&mut self, first: Option<char>) {
        self.browse.filtering = true;
        self.browse.focus = Pane::Articles;
        if let Some(c) = first {
            self.browse.filter.clear();
            self.update_filter(super::Action::Input(c));
        }
    }

    fn move_cursor(&mut self, delta: isize) {
        let b = &mut self.browse;
        match b.focus {
            Pane::Groups => {
                let next = step(b.group, delta, b.entries.len());
                if next != b.group {
                    b.group = next;
                    b.selected = 0;
                    b.refresh(&self.archive, &self.groups);
                }
            }
            Pane::Articles => b.selected = step(b.selected, delta, b.visible.len()),
        }
    }

    fn open_selected(&mut self) {
        if self.browse.focus == Pane::Groups {
            self.browse.focus = Pane::Articles;
            return;
        }
        if let Some(i) = self.browse.current() {
            self.open_article(i, self.browse.visible.clone());
        }
    }

    /// Opens an article where reading last stopped.
    fn open_article(&mut self, article: usize, siblings: Vec<usize>) {
        let Some(doc) = self.article_doc(article) else {
            return;
        };
        let id = &self.archive.articles[article].id;
        let resume = self.persist.as_ref().and_then(|p| p.resume(id, &doc));
        self.open_article_at(article, doc, siblings, resume);
    }

    /// Article `article`'s document, parsed from the archive now if need
    /// be; `None` (the reason on the status line) when it cannot be read.
    pub(super) fn article_doc(&mut self, article: usize) -> Option<crate::text::Doc> {
        match self.archive.article(article) {
            Ok(a) => Some(crate::model::article_doc(&a)),
            Err(why) => {
                self.status = Some(why);
                None
            }
        }
    }

    /// Opens an article with `pos` at the top of the view (or the top).
    pub(super) fn open_article_at(
        &mut self,
        article: usize,
        doc: crate::text::Doc,
        siblings: Vec<usize>,
        pos: Option<Pos>,
    ) {
        let g = self.geometry();
        let mut reader = Reader::open(article, doc, siblings, g.text_width, self.settings.mode);
        if let Some(pos) = pos {
            reader.jump_to(pos, g.body_height);
        }
        self.reader = Some(reader);
        self.screen = Screen::Read;
    }

    fn update_reader(&mut self, action: Action) {
        let height = self.geometry().body_height;
        let page = height.saturating_sub(1).max(1) as isize;
        let Some(r) = self.reader.as_mut() else {
            self.screen = Screen::Browse;
            return;
        };
        match action {
            Action::Down => r.scroll_by(1, height),
            Action::Up => r.scroll_by(-1, height),
            Action::PageDown => r.scroll_by(page, height),
            Action::PageUp => r.scroll_by(-page, height),
            Action::HalfPageDown => r.scroll_by(page / 2 + 1, height),
            Action::HalfPageUp => r.scroll_by(-(page / 2 + 1), height),
            Action::Top => r.scroll_to(0, height),
            Action::Bottom => r.scroll_to(usize::MAX, height),
            Action::NextArticle => self.sibling(1),
            Action::PrevArticle => self.sibling(-1),
            Action::Back | Action::Cancel => self.close_reader(),
            Action::AddBookmark => self.start_note(),
            Action::Copy | Action::CopyCitation => self.copy(&action),
            Action::Search => self.start_search(),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            Action::Scroll(n) => r.scroll_by(isize::from(n), height),
            _ => {}
        }
    }

    fn sibling(&mut self, delta: isize) {
        let Some(r) = self.reader.as_ref() else {
            return;
        };
        let siblings = r.siblings.clone();
        let here = siblings.iter().position(|&i| i == r.article).unwrap_or(0);
        let Some(next) = here
            .checked_add_signed(delta)
            .filter(|&n| n < siblings.len())
        else {
            return self.say(if delta < 0 {
                Msg::FirstInGroup
            } else {
                Msg::LastInGroup
            });
        };
        let article = siblings[next];
        if let Some(pos) = self.browse.visible.iter().position(|&i| i == article) {
            self.browse.selected = pos;
        }
        self.open_article(article, siblings);
    }

    fn close_reader(&mut self) {
        self.screen = Screen::Browse;
        self.reader = None;
    }
}
