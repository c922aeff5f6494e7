//! Scrolling a band of rows with the terminal's scrolling region instead of
//! drawing them again.
//!
//! The algorithm, for each frame (old screen `M`, new screen `N`, `h` rows):
//! 1. Hash every row of `M` and `N` (glyphs, widths, styles).
//! 2. For every shift `k` in `±1..h` find the runs of rows `r` where
//!    `N[r] == M[r + k]`; a run scores the rows in it that a plain update
//!    would have to draw (`N[r] != M[r]`). Keep the best-scoring run of
//!    each shift, then the few best runs overall.
//! 3. For each such run, the band is the run plus the `|k|` rows its
//!    content comes from. Its cost is the bytes of: the region
//!    (`ESC[top;bottomr`), the scroll (line feeds at the band's bottom row,
//!    reverse indexes at its top row, or deleted/inserted lines), the
//!    region reset (`ESC[r`), then the ordinary update from `M` shifted
//!    (exposed rows blank) to `N` — the exposed rows and whatever else
//!    changed, such as a status line.
//! 4. Send the cheapest of these and of the plain update (`M` to `N`).
//!
//! Correctness does not depend on the guess: whatever is scrolled, the
//! update after it compares real cells and draws every difference.

use super::emit::{Encoder, Pen};
use super::grid::Grid;
use super::paint::paint;

/// Rows `top..=bottom` moved by `k` (positive: up, the text scrolls
/// forward), exposing `|k|` blank rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shift {
    pub top: u16,
    pub bottom: u16,
    pub k: i32,
}

/// How many candidate shifts are costed per frame.
const CANDIDATES: usize = 4;

/// The bytes that turn `old` into `new`, from the terminal state `enc`,
/// with or without a scroll, whichever is shorter; and the state after.
/// A scrolling region left from an earlier frame is kept when that is
/// cheaper (the next scroll of the same band needs no new region).
pub fn plan(enc: &Encoder, old: &Grid, new: &Grid) -> (Vec<u8>, Encoder) {
    let mut best_enc = *enc;
    let mut best = Vec::new();
    paint(&mut best_enc, &mut best, old, new);
    if best.is_empty() {
        return (best, best_enc);
    }
    let mut consider = |out: Vec<u8>, e: Encoder| {
        if out.len() < best.len() {
            best = out;
            best_enc = e;
        }
    };
    if enc.region.is_some() {
        let mut e = *enc;
        let mut out = Vec::new();
        e.end_region(&mut out);
        paint(&mut e, &mut out, old, new);
        consider(out, e);
    }
    for shift in candidates(old, new) {
        let mut e = *enc;
        let mut out = Vec::new();
        emit_shift(&mut e, &mut out, shift, new.height());
        let mut moved = old.clone();
        moved.shift(shift.top, shift.bottom, shift.k);
        paint(&mut e, &mut out, &moved, new);
        consider(out, e);
    }
    (best, best_enc)
}

/// The most promising shifts, best first.
pub fn candidates(old: &Grid, new: &Grid) -> Vec<Shift> {
    let h = old.height();
    if h < 2 || new.height() != h {
        return Vec::new();
    }
    let before: Vec<u64> = (0..h).map(|y| old.row_hash(y)).collect();
    let after: Vec<u64> = (0..h).map(|y| new.row_hash(y)).collect();
    let mut found: Vec<(usize, Shift)> = Vec::new();
    for k in 1..i32::from(h) {
        for k in [k, -k] {
            if let Some(best) = best_run(&before, &after, k) {
                found.push(best);
            }
        }
    }
    found.sort_by_key(|f| std::cmp::Reverse(f.0));
    found.into_iter().take(CANDIDATES).map(|(_, s)| s).collect()
}

/// The run of rows `r` with `after[r] == before[r + k]` that saves the most
/// rows, as a band shift, with its score.
fn best_run(before: &[u64], after: &[u64], k: i32) -> Option<(usize, Shift)> {
    let h = after.len() as i32;
    let mut best: Option<(usize, i32, i32)> = None;
    let mut run: Option<(i32, usize)> = None;
    for r in 0..=h {
        let src = r + k;
        let matches = r < h && (0..h).contains(&src) && after[r as usize] == before[src as usize];
        if matches {
            let saved = usize::from(after[r as usize] != before[r as usize]);
            let (start, score) = run.unwrap_or((r, 0));
            run = Some((start, score + saved));
        } else if let Some((start, score)) = run.take()
            && score > 0
            && best.is_none_or(|b| score > b.0)
        {
            best = Some((score, start, r - 1));
        }
    }
    let (score, a, b) = best?;
    let (top, bottom) = if k > 0 { (a, b + k) } else { (a + k, b) };
    Some((
        score,
        Shift {
            top: top as u16,
            bottom: bottom as u16,
            k,
        },
    ))
}

/// Scrolls the band on the terminal with what every terminal since the
/// VT100 understands: the region (unless it is the whole screen), then
/// line feeds at its bottom margin (up) or reverse indexes (`ESC M`) at
/// its top margin (down); for longer moves, delete (`ESC[kM`) or insert
/// (`ESC[kL`) lines at its top. (`ESC[kS`/`ESC[kT` are missing on the
/// Linux console and some emulators.) The pen is reset first: terminals
/// fill the new lines with the current background colour. The region
/// stays set afterwards (see [`Encoder::region`]).
pub fn emit_shift(enc: &mut Encoder, out: &mut Vec<u8>, shift: Shift, height: u16) {
    enc.set_pen(out, Pen::DEFAULT);
    let band = (shift.top, shift.bottom);
    if shift.top == 0 && shift.bottom + 1 == height {
        enc.end_region(out);
    } else if enc.region != Some(band) {
        out.extend_from_slice(format!("\x1b[{};{}r", shift.top + 1, shift.bottom + 1).as_bytes());
        // Setting the region homes the cursor on most terminals, not all.
        enc.region = Some(band);
        enc.cursor = None;
    }
    let n = shift.k.unsigned_abs() as usize;
    if shift.k > 0 && n <= 4 {
        // The column stays 0 even where the tty turns `\n` into `\r\n`.
        enc.move_to(out, 0, shift.bottom);
        out.extend(std::iter::repeat_n(b'\n', n));
    } else if shift.k < 0 && n <= 2 {
        enc.move_to(out, 0, shift.top);
        out.extend(std::iter::repeat_n(*b"\x1bM", n).flatten());
    } else {
        enc.move_to(out, 0, shift.top);
        let op = if shift.k > 0 { 'M' } else { 'L' };
        out.extend_from_slice(format!("\x1b[{n}{op}").as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Cell;

    use super::*;

    fn column(rows: &str) -> Grid {
        let mut g = Grid::blank(1, rows.len() as u16);
        for (y, ch) in rows.chars().enumerate() {
            g.set(0, y as u16, Cell::new("").set_char(ch));
        }
        g
    }

    #[test]
    fn finds_a_band_moved_up_by_one_between_fixed_rows() {
        let old = column("Tabcdefs");
        let new = column("TbcdefgS");
        let best = candidates(&old, &new)[0];
        assert_eq!(
            best,
            Shift {
                top: 1,
                bottom: 6,
                k: 1
            }
        );
    }

    #[test]
    fn finds_a_band_moved_down_by_three() {
        let old = column("Tabcdefghs");
        let new = column("TxyzabcdeS");
        let best = candidates(&old, &new)[0];
        assert_eq!(
            best,
            Shift {
                top: 1,
                bottom: 8,
                k: -3
            }
        );
    }

    #[test]
    fn the_pen_is_reset_before_scrolling_and_the_region_is_reused() {
        // Terminals fill the new lines with the current background.
        let mut enc = Encoder::new(4);
        enc.pen = Pen {
            bg: ratatui::style::Color::Blue,
            ..Pen::DEFAULT
        };
        let mut out = Vec::new();
        let shift = Shift {
            top: 1,
            bottom: 6,
            k: 1,
        };
        emit_shift(&mut enc, &mut out, shift, 8);
        assert_eq!(out, b"\x1b[m\x1b[2;7r\x1b[7H\n");
        out.clear();
        emit_shift(&mut enc, &mut out, Shift { k: -1, ..shift }, 8);
        assert_eq!(out, b"\x1b[2H\x1bM");
        out.clear();
        emit_shift(
            &mut enc,
            &mut out,
            Shift {
                top: 0,
                bottom: 7,
                k: 3,
            },
            8,
        );
        assert_eq!(out, b"\x1b[r\x1b[8H\n\n\n");
    }

    #[test]
    fn unrelated_screens_have_no_candidates() {
        assert!(candidates(&column("abcd"), &column("wxyz")).is_empty());
    }

    fn plain(old: &Grid, new: &Grid) -> Vec<u8> {
        let mut out = Vec::new();
        paint(&mut Encoder::new(old.width()), &mut out, old, new);
        out
    }

    #[test]
    fn a_short_band_of_short_rows_is_drawn_rather_than_scrolled() {
        let old = column("Tabs");
        let new = column("TbcS");
        let (bytes, _) = plan(&Encoder::new(1), &old, &new);
        assert_eq!(bytes, plain(&old, &new));
    }

    #[test]
    fn a_long_band_of_long_rows_is_scrolled() {
        let rows = |first: usize| -> Grid {
            let mut g = Grid::blank(20, 12);
            for y in 0..12u16 {
                let line = first + usize::from(y);
                for x in 0..20u16 {
                    let ch = char::from(b'a' + ((line * 7 + usize::from(x) * 3) % 26) as u8);
                    g.set(x, y, Cell::new("").set_char(ch));
                }
            }
            g
        };
        let (old, new) = (rows(0), rows(1));
        let (bytes, _) = plan(&Encoder::new(20), &old, &new);
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(text.starts_with("\x1b[12H\n"), "{text:?}");
        assert!(bytes.len() * 5 < plain(&old, &new).len());
    }
}
