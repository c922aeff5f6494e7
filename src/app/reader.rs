//! The reader's state: one article's document, its layout for the current
//! width, its outline, the scroll position as a text anchor, and how far
//! reading got.
//!
//! Reading and jumping are kept apart: the view moves either way, but only
//! reading (moving forward by lines or pages to text not shown since the
//! last jump) moves the reading position that is saved, and only reading
//! to the end marks the article read. See `docs/outline.md`.

use crate::text::layout::{Layout, layout};
use crate::text::outline::Outline;
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
    /// The article's sections.
    pub outline: Outline,
    /// The furthest place read (the top of the view there): the position
    /// that is saved. Jumps do not move it.
    pub reading: Pos,
    /// Reading reached the end (the article counts as read).
    pub finished: bool,
    /// Where the last jump landed (the text at the top, and the top line,
    /// worked out again on a new layout), until reading takes over from
    /// there (the view goes further on).
    pub landed: Option<(Pos, usize)>,
    /// What was last handed to the store (`reading`, `finished`).
    pub remembered: Option<(Pos, bool)>,
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
        let outline = Outline::of(&doc);
        Reader {
            article,
            doc,
            layout,
            top: 0,
            anchor: Pos::default(),
            siblings,
            search: Default::default(),
            index: None,
            outline,
            reading: Pos::default(),
            finished: false,
            landed: None,
            remembered: None,
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
        if let Some((pos, line)) = &mut self.landed {
            *line = self.layout.line_of(&self.doc, *pos);
        }
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

    /// Notes that a jump left the view where it is now (see `read_by`).
    pub fn landed_here(&mut self) {
        self.landed = Some((self.anchor, self.top));
    }

    /// Scrolls by `delta` lines (negative: up).
    pub fn scroll_by(&mut self, delta: isize, height: u16) {
        self.scroll_to(self.top.saturating_add_signed(delta), height);
    }

    /// Scrolls forward by `delta` lines as reading does: it is reading
    /// when it shows text not shown since the last jump, that is when the
    /// view goes past where the jump landed. The jump itself is not, nor
    /// moving back and forth over what it showed (a peek at the end with
    /// `G` and a line or two up and down).
    pub fn read_by(&mut self, delta: isize, height: u16) {
        let before = self.top;
        self.scroll_by(delta, height);
        if self.top <= before {
            // Asking for more at the end of the text reads it to the end
            // (a view resumed where the rest fits on the screen cannot
            // scroll), unless a jump brought the view there.
            if self.at_end(height) && self.landed.is_none() {
                self.reading = self.reading.max(self.anchor);
                self.finished = true;
            }
            return;
        }
        if self.landed.is_some_and(|(_, line)| self.top <= line) {
            return;
        }
        self.landed = None;
        self.reading = self.reading.max(self.anchor);
        self.finished |= self.at_end(height);
    }

    /// The section the top of the view is in.
    pub fn section(&self) -> Option<usize> {
        self.outline.at(self.anchor)
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
