//! Writing text into the buffer with the reader's own width rules.
//!
//! All text goes through here rather than ratatui's `Paragraph`/`Span`
//! widths: in wide mode an East Asian Ambiguous character is drawn two
//! columns wide by the terminal, so it must take two buffer cells (the
//! first forced to width 2, the second blank) or the rest of the row would shift (GUIDE §1-§2).
//! Text reaching this module is already sanitised; `set_stringn` drops any
//! control character as a second line of defence.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::text::WidthMode;
use crate::text::width::{grapheme_width, str_width};

/// Writes `s` at (`x`, `y`), at most `max` columns; returns the columns used.
/// A grapheme that would not fit whole is not written.
pub fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    s: &str,
    style: Style,
    mode: WidthMode,
) -> u16 {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return 0;
    }
    let limit = max.min(area.right().saturating_sub(x));
    let mut used: u16 = 0;
    for g in s.graphemes(true) {
        let w = grapheme_width(g, mode) as u16;
        if w == 0 {
            continue;
        }
        if used + w > limit {
            break;
        }
        let cx = x + used;
        buf.set_stringn(cx, y, g, usize::from(w), style);
        // An ambiguous-width character in wide mode: the terminal draws it
        // over two cells, so the cell says so (the diff then skips the next
        // cell, as for any wide character) and the covered cell is blank.
        if w > g.width() as u16 {
            if let Some(forced) = NonZeroU16::new(w) {
                buf[(cx, y)].set_diff_option(CellDiffOption::ForcedWidth(forced));
            }
            for extra in 1..w {
                buf[(cx + extra, y)].reset();
            }
        }
        used += w;
    }
    used
}

/// Like [`put`], but a string too wide for `max` ends with an ellipsis
/// (`…` in narrow mode, `..` in wide mode, where `…` is two columns).
pub fn put_truncated(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    s: &str,
    style: Style,
    mode: WidthMode,
) -> u16 {
    if str_width(s, mode) <= usize::from(max) {
        return put(buf, x, y, max, s, style, mode);
    }
    let ellipsis = match mode {
        WidthMode::Narrow => "\u{2026}",
        WidthMode::Wide => "..",
    };
    let ew = str_width(ellipsis, mode) as u16;
    if max <= ew {
        return put(buf, x, y, max, s, style, mode);
    }
    let used = put(buf, x, y, max - ew, s, style, mode);
    used + put(buf, x + used, y, ew, ellipsis, style, mode)
}

/// Fills `width` cells from (`x`, `y`) with spaces in `style`.
pub fn fill(buf: &mut Buffer, x: u16, y: u16, width: u16, style: Style) {
    let area = buf.area;
    if y < area.top() || y >= area.bottom() {
        return;
    }
    for cx in x..x.saturating_add(width).min(area.right()) {
        let cell = &mut buf[(cx, y)];
        cell.reset();
        cell.set_style(style);
    }
}
