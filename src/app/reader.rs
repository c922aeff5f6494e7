//! The reader's state: one article's document, its layout for the current
//! width, and the scroll position as a text anchor.

use crate::text::layout::{Layout, layout};
use crate::text::{Doc, Pos, WidthMode};

/// Where the reader draws, derived from the terminal size alone so the app
/// and the renderer agree without the renderer writing anything back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub text_x: u16,
    pub text_width: u16,
    pub body_y: u16,
    pub body_height: u16,
}

/// Smallest terminal the screens are drawn in; below it a short notice.
pub const MIN_WIDTH: u16 = 16;
pub const MIN_HEIGHT: u16 = 5;

/// True when a `w`x`h` terminal is too small to draw the screens.
pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// The reader's geometry: a top bar, the text column (at most `max_width`
/// wide, centred, one column of margin on each side), and a status line.
pub fn geometry(w: u16, h: u16, max_width: u16) -> Geometry {
    let text_width = max_width.min(w.saturating_sub(2)).max(1);
    Geometry {
        text_x: (w.saturating_sub(text_width)) / 2,
        text_width,
        body_y: 1,
        body_height: h.saturating_sub(2).max(1),
    }
}

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

    /// True when the last line is visible.
    pub fn at_end(&self, height: u16) -> bool {
        self.top >= self.max_top(height)
    }
}
