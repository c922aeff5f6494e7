//! Where each screen's parts are, computed once per terminal size in the
//! app, so drawing and mouse hit-testing read the same rectangles.

/// A rectangle of terminal cells (the app's own, free of terminal crates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: u16,
    pub y: u16,
    pub width: u16,
    pub height: u16,
}

impl Rect {
    pub const fn new(x: u16, y: u16, width: u16, height: u16) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The inside of a one-cell border.
    pub fn inner(self) -> Rect {
        Rect::new(
            self.x.saturating_add(1),
            self.y.saturating_add(1),
            self.width.saturating_sub(2),
            self.height.saturating_sub(2),
        )
    }

    pub fn right(self) -> u16 {
        self.x.saturating_add(self.width)
    }

    pub fn bottom(self) -> u16 {
        self.y.saturating_add(self.height)
    }

    /// The row of `(x, y)` inside the rectangle, if it is inside.
    pub fn row_at(self, x: u16, y: u16) -> Option<usize> {
        let inside = (self.x..self.right()).contains(&x) && (self.y..self.bottom()).contains(&y);
        inside.then(|| usize::from(y - self.y))
    }
}

/// Smallest terminal the screens are drawn in; below it a short notice.
pub const MIN_WIDTH: u16 = 16;
pub const MIN_HEIGHT: u16 = 5;
/// Widest help box.
const HELP_MAX_WIDTH: u16 = 100;

/// True when a `w`x`h` terminal is too small to draw the screens.
pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// The reader's text column: at most `max_width` wide, centred, one column
/// of margin on each side, between the top bar and the status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderGeometry {
    pub text_x: u16,
    pub text_width: u16,
    pub body_y: u16,
    pub body_height: u16,
}

/// Every screen's parts for one terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub screen: Rect,
    /// Between the top bar and the status line.
    pub body: Rect,
    /// The browse screen's group pane and article list (with borders).
    pub groups: Rect,
    pub articles: Rect,
    /// The bookmark list (with border).
    pub marks: Rect,
    /// The help box (with border).
    pub help: Rect,
    pub reader: ReaderGeometry,
}

impl Geometry {
    pub fn new(w: u16, h: u16, max_width: u16) -> Geometry {
        let body = Rect::new(0, 1, w, h.saturating_sub(2));
        let left = group_pane_width(w).min(w);
        let text_width = max_width.min(w.saturating_sub(2)).max(1);
        let help_w = w.min(HELP_MAX_WIDTH);
        Geometry {
            screen: Rect::new(0, 0, w, h),
            body,
            groups: Rect {
                width: left,
                ..body
            },
            articles: Rect {
                x: left,
                width: w - left,
                ..body
            },
            marks: body,
            help: Rect::new((w - help_w) / 2, 1, help_w, h.saturating_sub(2)),
            reader: ReaderGeometry {
                text_x: w.saturating_sub(text_width) / 2,
                text_width,
                body_y: 1,
                body_height: h.saturating_sub(2).max(1),
            },
        }
    }

    /// The same with the group pane hidden when `shown` is false: the
    /// article list takes the whole width.
    pub fn with_groups(mut self, shown: bool) -> Geometry {
        if !shown {
            self.groups.width = 0;
            self.articles = self.body;
        }
        self
    }

    /// Rows in a list page (the article list's inside).
    pub fn list_page(&self) -> usize {
        usize::from(self.articles.inner().height.max(1))
    }
}

/// Width of the group pane on a `w`-column screen.
fn group_pane_width(w: u16) -> u16 {
    (w / 3).clamp(12, 30)
}

/// First visible row of a list so that `selected` stays on screen.
pub fn scroll_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        selected.saturating_sub(rows - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_split_the_body_and_the_text_column_is_centred() {
        let g = Geometry::new(80, 24, 80);
        assert_eq!(g.groups, Rect::new(0, 1, 26, 22));
        assert_eq!(g.articles, Rect::new(26, 1, 54, 22));
        assert_eq!(g.reader.text_width, 78);
        assert_eq!(g.reader.text_x, 1);
        let wide = Geometry::new(200, 50, 80);
        assert_eq!((wide.reader.text_x, wide.help.width), (60, 100));
    }

    #[test]
    fn without_the_group_pane_the_list_is_the_whole_body() {
        let g = Geometry::new(80, 24, 80).with_groups(false);
        assert_eq!(g.groups.width, 0);
        assert_eq!(g.articles, Rect::new(0, 1, 80, 22));
        assert_eq!(
            Geometry::new(80, 24, 80).with_groups(true),
            Geometry::new(80, 24, 80)
        );
    }

    #[test]
    fn tiny_and_huge_sizes_do_not_overflow() {
        for (w, h) in [(0, 0), (1, 1), (12, 3), (u16::MAX, u16::MAX)] {
            let g = Geometry::new(w, h, 80);
            assert!(g.articles.right() <= w.max(g.groups.width));
            assert!(g.help.right() <= w.max(1));
        }
    }

    #[test]
    fn row_at_hits_only_inside() {
        let r = Rect::new(2, 3, 4, 2);
        assert_eq!(r.row_at(2, 3), Some(0));
        assert_eq!(r.row_at(5, 4), Some(1));
        assert_eq!(r.row_at(6, 4), None);
        assert_eq!(r.row_at(2, 5), None);
    }
}
