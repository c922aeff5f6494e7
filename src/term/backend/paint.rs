//! Turning one screen into another, row by row, glyph by glyph.
//!
//! A glyph of the new row is drawn when the old row has no identical glyph
//! (same text, width and style) starting at the same column. Drawing goes
//! left to right, so when a new glyph overwrites half of an old wide one
//! (the terminal then blanks the other half) the blanked column is itself
//! a changed glyph and is drawn afterwards. The cursor is moved only when
//! it is not already where the next glyph starts: it advances by the
//! glyph's width, two for a wide character or a `ForcedWidth(2)` cell.

use super::emit::{Encoder, Pen};
use super::grid::{Glyph, Grid, glyphs};

/// Appends to `out` what turns `old` into `new` (same size).
pub fn paint(enc: &mut Encoder, out: &mut Vec<u8>, old: &Grid, new: &Grid) {
    for y in 0..new.height() {
        if old.row(y) != new.row(y) {
            paint_row(enc, out, y, old, new);
        }
    }
}

/// Appends what turns row `y` of `old` into row `y` of `new`.
pub fn paint_row(enc: &mut Encoder, out: &mut Vec<u8>, y: u16, old: &Grid, new: &Grid) {
    let before = starts(old, y);
    let after: Vec<Glyph<'_>> = glyphs(new.row(y)).collect();
    let changed: Vec<bool> = after
        .iter()
        .map(|g| !before[usize::from(g.x)].is_some_and(|o| o.looks_like(g)))
        .collect();
    let erase_at = erase_point(&after, &changed);
    let mut i = 0;
    while i < after.len() {
        if !changed[i] {
            i += 1;
            continue;
        }
        let g = after[i];
        if Some(i) == erase_at {
            enc.move_to(out, g.x, y);
            enc.erase_line(out);
            return;
        }
        go_to(enc, out, y, &after, i);
        enc.set_pen(out, Pen::of(g.cell));
        enc.print(out, g.text(), g.width);
        i += 1;
    }
}

/// The glyph of each column that starts one (`None` for covered columns).
fn starts(grid: &Grid, y: u16) -> Vec<Option<Glyph<'_>>> {
    let mut v = vec![None; usize::from(grid.width())];
    for g in glyphs(grid.row(y)) {
        v[usize::from(g.x)] = Some(g);
    }
    v
}

/// Where `ESC[K` can replace the rest of the row: the first changed glyph
/// of the row's blank tail, when that tail holds enough changed glyphs to
/// make erasing cheaper than printing spaces.
fn erase_point(after: &[Glyph<'_>], changed: &[bool]) -> Option<usize> {
    let tail = after
        .iter()
        .rposition(|g| !g.is_erased())
        .map_or(0, |last| last + 1);
    let first = (tail..after.len()).find(|&i| changed[i])?;
    let count = (first..after.len()).filter(|&i| changed[i]).count();
    (count > 3).then_some(first)
}

/// Puts the cursor at glyph `i`: a cursor move, or, when shorter, printing
/// again the unchanged glyphs in between (they are already on the screen,
/// so printing them changes nothing) in the current pen.
fn go_to(enc: &mut Encoder, out: &mut Vec<u8>, y: u16, after: &[Glyph<'_>], i: usize) {
    let target = after[i].x;
    if let Some((cx, cy)) = enc.cursor
        && cy == y
        && cx < target
    {
        let from = after.partition_point(|g| g.x < cx);
        let gap = &after[from..i];
        let aligned = gap.first().is_some_and(|g| g.x == cx);
        let same_pen = gap.iter().all(|g| Pen::of(g.cell) == enc.pen);
        let bytes: usize = gap.iter().map(|g| g.text().len()).sum();
        if aligned && same_pen && bytes < enc.move_cost(target, y) {
            for g in gap {
                enc.print(out, g.text(), g.width);
            }
            return;
        }
    }
    enc.move_to(out, target, y);
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Cell;
    use ratatui::style::Color;

    use super::*;

    const W: u16 = 10;

    fn grid(width: u16, rows: &[&str]) -> Grid {
        let mut g = Grid::blank(width, rows.len() as u16);
        for (y, r) in rows.iter().enumerate() {
            let mut x = 0;
            for ch in r.chars() {
                g.set(x, y as u16, Cell::new("").set_char(ch));
                x += unicode_width::UnicodeWidthChar::width(ch).unwrap_or(1) as u16;
            }
            g.normalise_row(y as u16);
        }
        g
    }

    fn painted(old: &Grid, new: &Grid, enc: &mut Encoder) -> String {
        let mut out = Vec::new();
        paint(enc, &mut out, old, new);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn consecutive_wide_glyphs_need_no_cursor_moves() {
        let old = grid(W, &["          "]);
        let new = grid(W, &["中文字幕x "]);
        let mut enc = Encoder::new(old.width());
        assert_eq!(painted(&old, &new, &mut enc), "\x1b[H中文字幕x");
        assert_eq!(enc.cursor, Some((9, 0)));
    }

    #[test]
    fn an_unchanged_glyph_in_between_is_printed_again_when_cheaper() {
        let old = grid(W, &["abcdef"]);
        let new = grid(W, &["aXcYef"]);
        let mut enc = Encoder::new(old.width());
        enc.cursor = Some((0, 0));
        // `a` (1 byte) is cheaper than `ESC[C` (3 bytes); so is `c`.
        assert_eq!(painted(&old, &new, &mut enc), "aXcY");
    }

    #[test]
    fn a_cursor_inside_a_wide_glyph_is_moved_not_walked() {
        // The cursor was put on the right half of 中 (a shown cursor can
        // be anywhere): printing `a` from there would land one column off.
        let old = grid(W, &["中ab"]);
        let new = grid(W, &["中aX"]);
        let mut enc = Encoder::new(old.width());
        enc.cursor = Some((1, 0));
        assert_eq!(painted(&old, &new, &mut enc), "\x1b[2CX");
    }

    #[test]
    fn a_narrow_glyph_over_half_a_wide_one_redraws_the_other_half() {
        let old = grid(W, &["中"]);
        let new = grid(W, &["ab"]);
        let mut enc = Encoder::new(old.width());
        assert_eq!(painted(&old, &new, &mut enc), "\x1b[Hab");
    }

    #[test]
    fn a_blank_tail_is_erased_in_the_default_colours() {
        let old = grid(W, &["abcdefgh"]);
        let new = grid(W, &["ab"]);
        let mut enc = Encoder::new(old.width());
        enc.pen = Pen {
            fg: Color::Red,
            ..Pen::DEFAULT
        };
        assert_eq!(painted(&old, &new, &mut enc), "\x1b[1;3H\x1b[m\x1b[K");
        assert_eq!(enc.pen, Pen::DEFAULT);
    }

    #[test]
    fn identical_screens_cost_nothing() {
        let old = grid(W, &["中文", "ab"]);
        let mut enc = Encoder::new(old.width());
        assert_eq!(painted(&old, &old.clone(), &mut enc), "");
    }
}
