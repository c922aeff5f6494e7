//! The largest screen the reader draws. A terminal may report any size up
//! to 65535x65535; ratatui allocates a buffer of every cell (twice), so a
//! size like that aborted on allocation. Larger terminals are drawn in
//! their top-left [`MAX_COLS`]x[`MAX_ROWS`] cells.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// Columns drawn at most (an 8K display with a small font has about 1200;
/// a reading column is 80).
pub const MAX_COLS: u16 = 1000;
/// Rows drawn at most.
pub const MAX_ROWS: u16 = 500;

/// `(width, height)` within the caps.
pub fn cap(width: u16, height: u16) -> (u16, u16) {
    (width.min(MAX_COLS), height.min(MAX_ROWS))
}

/// A backend whose size is capped (for ratatui's stock crossterm backend;
/// the lean backend caps itself).
#[derive(Debug)]
pub struct Capped<B>(pub B);

impl<B: Backend> Backend for Capped<B> {
    type Error = B::Error;

    fn draw<'a, I>(&mut self, content: I) -> Result<(), Self::Error>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.0.draw(content)
    }

    fn append_lines(&mut self, n: u16) -> Result<(), Self::Error> {
        self.0.append_lines(n)
    }

    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.hide_cursor()
    }

    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.0.show_cursor()
    }

    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.0.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.0.set_cursor_position(position)
    }

    fn clear(&mut self) -> Result<(), Self::Error> {
        self.0.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.0.clear_region(clear_type)
    }

    fn size(&self) -> Result<Size, Self::Error> {
        let s = self.0.size()?;
        let (width, height) = cap(s.width, s.height);
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        let mut ws = self.0.window_size()?;
        let (width, height) = cap(ws.columns_rows.width, ws.columns_rows.height);
        ws.columns_rows = Size { width, height };
        Ok(ws)
    }

    fn flush(&mut self) -> Result<(), Self::Error> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    #[test]
    fn sizes_are_capped_and_small_ones_kept() {
        assert_eq!(cap(65535, 65535), (MAX_COLS, MAX_ROWS));
        assert_eq!(cap(80, 24), (80, 24));
        let b = Capped(TestBackend::new(80, 24));
        assert_eq!(b.size().unwrap(), Size::new(80, 24));
    }
}
