//! The reader's state: one article's document, its layout for the current
//! width, and the scroll position as a text anchor.

use crate::text::layout::{Layout, layout};
use crate::text::{Doc, Pos, WidthMode};

/// An open article.
#[derive(Debug, Clone)]
pub struct Reader {
    pub article: usize,
    pub doc: Doc,
    pub layout: Layout,
    /// First visible layout line.
    pub top: usize,
    /// The text at the top of the view; survives re-layout.
    pub anchor: Pos,
    /// The article list the reader was opened from, for previous/next.
    pub siblings: Vec<usize>,
    /// In-article search; the index is built on the first search.
    pub search: super::search::Search,
    pub index: Option<crate::text::search::SearchIndex>,
}

impl Reader {
    /// Opens article `article`, whose document is `doc`, laid out `width`
    /// columns wide.
    pub fn open(
        article: usize,
        doc: Doc,
        siblings: Vec<usize>,
        width: u16,
        mode: WidthMode,
    ) -> Reader {
        let layout = layout(&doc, width, mode);
        Reader {
            article,
            doc,
            layout,
            top: 0,
            anchor: Pos::default(),
            siblings,
            search: Default::default(),
            index: None,
        }
    }

    /// Lays the text out again for a new width or mode, keeping the same
    /// words at the top of the view.
    pub fn relayout(&mut self, width: u16, mode: WidthMode, height: u16) {
        if self.layout.width == width && self.layout.mode == mode {
            self.clamp(height);
            return;
        }
        self.layout = layout(&self.doc, width, mode);
        self.top = self.layout.line_of(&self.doc, self.anchor);
        self.clamp(height);
    }

    /// The largest sensible top line: the last line at the bottom of the view.
    pub fn max_top(&self, height: u16) -> usize {
        self.layout
            .lines
            .len()
            .saturating_sub(usize::from(height.max(1)))
    }

    /// Scrolls so that line `line` is at the top (clamped).
    pub fn scroll_to(&mut self, line: usize, height: u16) {
        self.top = line.min(self.max_top(height));
        self.anchor = self.layout.pos_of(&self.doc, self.top);
    }

    /// Puts the text at `pos` at the top of the view (as near as the end of
    /// the text allows); `pos` stays the anchor.
    pub fn jump_to(&mut self, pos: Pos, height: u16) {
        self.top = self
            .layout
            .line_of(&self.doc, pos)
            .min(self.max_top(height));
        self.anchor = pos;
    }

    /// Scrolls by `delta` lines (negative: up).
    pub fn scroll_by(&mut self, delta: isize, height: u16) {
        self.scroll_to(self.top.saturating_add_signed(delta), height);
    }

    /// Keeps the top line in range after the view grew or the layout changed.
    /// The anchor stays: shrinking the view again brings the same words back
    /// to the top.
    fn clamp(&mut self, height: u16) {
        self.top = self.top.min(self.max_top(height));
    }

    /// Reading progress in percent: how much of the text has been on screen.
    pub fn percent(&self, height: u16) -> usize {
        let total = self.layout.lines.len().max(1);
        let seen = (self.top + usize::from(height)).min(total);
        seen * 100 / total
    }

    /// Where the current search match is, when its line is on screen.
    pub fn match_on_screen(&self, height: u16) -> Option<Pos> {
        let m = self.search.matches.get(self.search.current?)?;
        let pos = crate::text::search::match_pos(&self.doc, m);
        let line = self.layout.line_of(&self.doc, pos);
        let visible = self.top..self.top + usize::from(height);
        visible.contains(&line).then_some(pos)
    }

    /// True when the last line is visible.
    pub fn at_end(&self, height: u16) -> bool {
        self.top >= self.max_top(height)
    }
}

use super::mode::View;
use super::{Action, App, Msg};

impl App {
    pub(super) fn update_reader(&mut self, action: Action) {
        let height = self.geo.reader.body_height;
        let page = height.saturating_sub(1).max(1) as isize;
        let Some(r) = self.reader_mut() else {
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
            Action::Scroll(n) => r.scroll_by(isize::from(n), height),
            Action::NextArticle => self.sibling(1),
            Action::PrevArticle => self.sibling(-1),
            Action::Back | Action::Cancel => self.close_reader(),
            Action::AddBookmark => self.start_note(),
            Action::Copy | Action::CopyCitation => self.copy(&action),
            Action::Search => self.start_search(),
            Action::NextMatch => self.next_match(true),
            Action::PrevMatch => self.next_match(false),
            _ => {}
        }
    }

    /// Opens an article where reading last stopped.
    pub(super) fn open_article(&mut self, article: usize, siblings: Vec<usize>) {
        let Some(doc) = self.article_doc(article) else {
            return;
        };
        let id = &self.archive.articles[article].id;
        let resume = self.persist.as_ref().and_then(|p| p.resume(id, &doc));
        self.open_article_at(article, doc, siblings, resume);
    }

    /// Article `article`'s document, parsed from the archive now if need
    /// be; `None` (the reason on the status line) when it cannot be read.
    pub(super) fn article_doc(&mut self, article: usize) -> Option<Doc> {
        let lang = self.settings.lang;
        match self.archive.open(article) {
            Ok(m) => Some(crate::model::mended_doc(&m, lang)),
            Err(why) => {
                self.status = Some(why.text(lang));
                None
            }
        }
    }

    /// Opens an article with `pos` at the top of the view (or the top). The
    /// reader goes back to the search results it was opened from, else to
    /// where the article it replaces would have gone back to, else the list.
    pub(super) fn open_article_at(
        &mut self,
        article: usize,
        doc: Doc,
        siblings: Vec<usize>,
        pos: Option<Pos>,
    ) {
        let g = self.geo.reader;
        let mut reader = Reader::open(article, doc, siblings, g.text_width, self.settings.mode);
        if let Some(pos) = pos {
            reader.jump_to(pos, g.body_height);
        }
        let back = match std::mem::replace(&mut self.view, View::Browse) {
            View::Read { back, .. } => back,
            from @ (View::Results { .. } | View::Problems { .. }) => Box::new(from),
            _ => Box::new(View::Browse),
        };
        self.view = View::Read {
            reader: Box::new(reader),
            back,
        };
    }

    fn sibling(&mut self, delta: isize) {
        let Some(r) = self.reader_mut() else {
            return;
        };
        let siblings = std::mem::take(&mut r.siblings);
        r.siblings.clone_from(&siblings);
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
        if let View::Read { back, .. } = std::mem::replace(&mut self.view, View::Browse) {
            self.view = *back;
        }
    }
}
