//! The backend's model of the screen: one ratatui [`Cell`] per column and
//! row, read as a row of *glyphs* (a glyph starts at a cell and covers as
//! many columns as the terminal advances when it is printed).
//!
//! Cells covered by a wide glyph are kept blank, so two rows that look the
//! same compare equal.

use std::hash::{DefaultHasher, Hash, Hasher};

use ratatui::buffer::{Cell, CellWidth};
use ratatui::style::{Color, Modifier};

/// A whole screen of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    width: u16,
    height: u16,
    cells: Vec<Cell>,
}

/// One glyph of a row: where it starts, how many columns it covers, the
/// cell that describes it, and the text to print for it.
#[derive(Debug, Clone, Copy)]
pub struct Glyph<'a> {
    pub x: u16,
    pub width: u16,
    pub cell: &'a Cell,
}

impl<'a> Glyph<'a> {
    /// What to print: the cell's symbol, or a space when the symbol cannot
    /// be printed safely (a control character, nothing visible, or a wide
    /// symbol with no room left on the row).
    pub fn text(&self) -> &'a str {
        if printable(self.cell, self.width) {
            self.cell.symbol()
        } else {
            " "
        }
    }

    /// The same glyph as `other`, as far as the terminal can tell.
    pub fn looks_like(&self, other: &Glyph<'_>) -> bool {
        self.width == other.width
            && self.text() == other.text()
            && same_style(self.cell, other.cell)
    }

    /// A blank in the default colours: what erasing leaves behind.
    pub fn is_erased(&self) -> bool {
        self.text() == " " && is_default_style(self.cell)
    }
}

impl Grid {
    /// A blank screen, as after `ESC[2J` in the default colours.
    pub fn blank(width: u16, height: u16) -> Self {
        Self {
            width,
            height,
            cells: vec![Cell::EMPTY; usize::from(width) * usize::from(height)],
        }
    }

    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn height(&self) -> u16 {
        self.height
    }

    pub fn row(&self, y: u16) -> &[Cell] {
        let w = usize::from(self.width);
        let start = usize::from(y) * w;
        &self.cells[start..start + w]
    }

    fn row_mut(&mut self, y: u16) -> &mut [Cell] {
        let w = usize::from(self.width);
        let start = usize::from(y) * w;
        &mut self.cells[start..start + w]
    }

    /// Stores `cell` at (`x`, `y`); positions off the grid are ignored.
    /// Call [`Grid::normalise_row`] once the row's updates are in.
    pub fn set(&mut self, x: u16, y: u16, cell: &Cell) {
        if x < self.width && y < self.height {
            self.row_mut(y)[usize::from(x)] = cell.clone();
        }
    }

    /// Blanks every cell covered by a wide glyph of row `y`.
    pub fn normalise_row(&mut self, y: u16) {
        let width = self.width;
        let row = self.row_mut(y);
        let mut x = 0;
        while x < width {
            let w = glyph_width(&row[usize::from(x)], width - x);
            for covered in x + 1..x + w {
                row[usize::from(covered)] = Cell::EMPTY;
            }
            x += w;
        }
    }

    /// Moves rows `top..=bottom` by `k` rows (positive: up, as the
    /// terminal does when lines are deleted in a scrolling region); the rows
    /// exposed are blank.
    pub fn shift(&mut self, top: u16, bottom: u16, k: i32) {
        let w = usize::from(self.width);
        let (top, bottom) = (usize::from(top), usize::from(bottom));
        let band = &mut self.cells[top * w..(bottom + 1) * w];
        let n = k.unsigned_abs() as usize;
        let n = n.min(bottom + 1 - top);
        if k > 0 {
            band.rotate_left(n * w);
            let len = band.len();
            band[len - n * w..].fill(Cell::EMPTY);
        } else {
            band.rotate_right(n * w);
            band[..n * w].fill(Cell::EMPTY);
        }
    }

    /// Blanks row `y` from column `x` to its end (`ESC[K`); a wide glyph
    /// that `x` falls inside is blanked whole, as terminals do.
    pub fn erase_from(&mut self, x: u16, y: u16) {
        if y < self.height && x < self.width {
            let start = self.glyph_around(x, y).0;
            self.row_mut(y)[usize::from(start)..].fill(Cell::EMPTY);
        }
    }

    /// Blanks row `y` from its start to column `x` included (`ESC[1J` on
    /// the cursor's row), widened to the whole glyph around `x`.
    pub fn erase_to(&mut self, x: u16, y: u16) {
        if y < self.height && x < self.width {
            let (start, w) = self.glyph_around(x, y);
            self.row_mut(y)[..usize::from(start + w)].fill(Cell::EMPTY);
        }
    }

    /// Start and width of the glyph that covers column `x` of row `y`.
    fn glyph_around(&self, x: u16, y: u16) -> (u16, u16) {
        glyphs(self.row(y))
            .find(|g| g.x + g.width > x)
            .map_or((x, 1), |g| (g.x, g.width))
    }

    /// A hash of what row `y` looks like (glyphs, widths, styles).
    pub fn row_hash(&self, y: u16) -> u64 {
        let mut h = DefaultHasher::new();
        for g in glyphs(self.row(y)) {
            g.width.hash(&mut h);
            g.text().hash(&mut h);
            style_key(g.cell).hash(&mut h);
        }
        h.finish()
    }
}

/// The glyphs of a row, left to right.
pub fn glyphs(row: &[Cell]) -> impl Iterator<Item = Glyph<'_>> {
    let width = row.len() as u16;
    let mut x: u16 = 0;
    std::iter::from_fn(move || {
        if x >= width {
            return None;
        }
        let cell = &row[usize::from(x)];
        let w = glyph_width(cell, width - x);
        let g = Glyph { x, width: w, cell };
        x += w;
        Some(g)
    })
}

/// Columns the terminal advances when the cell is printed with `room`
/// columns left on the row: the cell's width (a `ForcedWidth` counts), or
/// one when the cell is printed as a space instead.
pub fn glyph_width(cell: &Cell, room: u16) -> u16 {
    if !safe_symbol(cell.symbol()) {
        return 1;
    }
    let w = cell.cell_width();
    if w == 0 || w > room { 1 } else { w }
}

fn printable(cell: &Cell, width: u16) -> bool {
    safe_symbol(cell.symbol()) && cell.cell_width() == width
}

/// No control characters: article text is sanitised before it reaches the
/// buffer, this is the last line of defence for the byte stream.
fn safe_symbol(s: &str) -> bool {
    !s.is_empty() && !s.chars().any(char::is_control)
}

/// The parts of a cell's style the terminal shows.
pub fn style_key(cell: &Cell) -> (Color, Color, Color, Modifier) {
    (cell.fg, cell.bg, cell.underline_color, cell.modifier)
}

fn same_style(a: &Cell, b: &Cell) -> bool {
    style_key(a) == style_key(b)
}

fn is_default_style(cell: &Cell) -> bool {
    style_key(cell) == style_key(&Cell::EMPTY)
}

#[cfg(test)]
mod tests {
    use std::num::NonZeroU16;

    use ratatui::buffer::CellDiffOption;

    use super::*;

    fn row_text(g: &Grid, y: u16) -> String {
        glyphs(g.row(y)).map(|g| g.text().to_string()).collect()
    }

    fn put(g: &mut Grid, x: u16, y: u16, s: &str) {
        g.set(x, y, Cell::new("").set_symbol(s));
    }

    #[test]
    fn wide_glyphs_cover_two_columns_and_blank_what_they_cover() {
        let mut g = Grid::blank(5, 1);
        put(&mut g, 0, 0, "a");
        put(&mut g, 1, 0, "b");
        put(&mut g, 2, 0, "c");
        put(&mut g, 1, 0, "中");
        g.normalise_row(0);
        let xs: Vec<(u16, u16)> = glyphs(g.row(0)).map(|g| (g.x, g.width)).collect();
        assert_eq!(xs, [(0, 1), (1, 2), (3, 1), (4, 1)]);
        assert_eq!(g.row(0)[2].symbol(), " ");
        assert_eq!(row_text(&g, 0), "a中  ");
    }

    #[test]
    fn forced_width_counts_and_a_wide_glyph_at_the_edge_becomes_a_space() {
        let mut g = Grid::blank(4, 1);
        let mut quote = Cell::new("“");
        quote.set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap()));
        g.set(0, 0, &quote);
        put(&mut g, 3, 0, "中");
        g.normalise_row(0);
        let xs: Vec<(u16, u16, &str)> =
            glyphs(g.row(0)).map(|g| (g.x, g.width, g.text())).collect();
        assert_eq!(xs, [(0, 2, "“"), (2, 1, " "), (3, 1, " ")]);
    }

    #[test]
    fn control_characters_are_never_printed() {
        let mut g = Grid::blank(3, 1);
        put(&mut g, 0, 0, "\u{1b}");
        assert_eq!(row_text(&g, 0), "   ");
    }

    #[test]
    fn shift_moves_a_band_and_blanks_the_exposed_rows() {
        let mut g = Grid::blank(1, 5);
        for (y, s) in ["0", "1", "2", "3", "4"].iter().enumerate() {
            put(&mut g, 0, y as u16, s);
        }
        g.shift(1, 3, 1);
        let col: String = (0..5).map(|y| row_text(&g, y)).collect();
        assert_eq!(col, "023 4");
        g.shift(0, 4, -2);
        let col: String = (0..5).map(|y| row_text(&g, y)).collect();
        assert_eq!(col, "  023");
    }

    #[test]
    fn row_hash_sees_styles_but_not_covered_cells() {
        let mut a = Grid::blank(3, 2);
        put(&mut a, 0, 0, "中");
        put(&mut a, 0, 1, "中");
        put(&mut a, 1, 1, "x");
        assert_eq!(a.row_hash(0), a.row_hash(1));
        a.set(2, 1, Cell::new("").set_symbol(" ").set_fg(Color::Red));
        assert_ne!(a.row_hash(0), a.row_hash(1));
    }
}
