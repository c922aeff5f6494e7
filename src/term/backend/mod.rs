//! A ratatui backend for slow links: it keeps its own model of the screen
//! and sends as few bytes as it can (GUIDE §2, issue 7 "Low bandwidth").
//!
//! - ratatui hands [`Backend::draw`] the cells that changed since *its*
//!   previous buffer; the backend applies them to its model to get the
//!   whole new frame, then sends the cheaper of a plain update and a
//!   scroll of a band of rows (DECSTBM, line feeds or reverse indexes)
//!   followed by the rows the scroll exposed ([`scroll`]). The scrolling
//!   region stays set while the same band keeps scrolling; it is reset by
//!   [`LeanBackend::release`] (on drop), on clears and resizes, and by a
//!   panic hook that [`LeanBackend::new`] installs.
//! - A wide character (or a `ForcedWidth(2)` cell) advances the cursor by
//!   two: no cursor move before the next cell ([`paint`]). Moves and SGR
//!   changes are the shortest available ([`emit`]).
//! - Everything for one frame is sent in one write at [`Backend::flush`],
//!   wrapped, as [`SyncOutput`] says, in synchronized output
//!   (`ESC[?2026h` … `ESC[?2026l`, DEC mode 2026), which terminals
//!   without it ignore.
//!
//! The model must match the screen: nothing else may draw on the terminal
//! while the backend is in use, except sequences that move neither the
//! cursor nor the pen (OSC 52, say). Anything else must be followed by
//! [`LeanBackend::invalidate`] and a `Terminal::clear`.
//! The backend is for full-screen viewports (inline viewports are not
//! modelled).

mod emit;
mod grid;
mod paint;
mod scroll;
mod size;

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

use emit::{Encoder, Pen};
use grid::Grid;
pub use size::SharedSize;

const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
const SYNC_END: &[u8] = b"\x1b[?2026l";

/// Frames at most this long go out unwrapped with [`SyncOutput::Large`]:
/// one write, well under one TCP segment, reaches the terminal in one
/// read, so it cannot tear, and the 16 bytes of the wrapping would be a
/// tenth of a one-line scroll.
pub const SYNC_MIN_BYTES: usize = 1024;

/// When frames are wrapped in synchronized output (DEC mode 2026:
/// `ESC[?2026h` … `ESC[?2026l`, ignored by terminals without it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOutput {
    /// Never.
    Never,
    /// Every frame.
    Always,
    /// Frames longer than [`SYNC_MIN_BYTES`].
    Large,
}

impl SyncOutput {
    fn wraps(self, frame_len: usize) -> bool {
        match self {
            SyncOutput::Never => false,
            SyncOutput::Always => true,
            SyncOutput::Large => frame_len > SYNC_MIN_BYTES,
        }
    }
}

/// Which backend the reader draws with (`BULLETIN_BACKEND`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// `plain`: ratatui's stock crossterm backend, for comparison.
    Plain,
    /// [`LeanBackend`], the default (`lean`, synchronized output for large
    /// frames); `lean-sync` wraps every frame, `lean-nosync` none.
    Lean(SyncOutput),
}

impl Choice {
    /// The choice named by `--backend` (`BULLETIN_BACKEND`); anything else (or nothing)
    /// is the default.
    pub fn named(value: Option<&str>) -> Choice {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            Some("plain") => Choice::Plain,
            Some("lean-sync") => Choice::Lean(SyncOutput::Always),
            Some("lean-nosync") => Choice::Lean(SyncOutput::Never),
            _ => Choice::Lean(SyncOutput::Large),
        }
    }
}

/// Where the screen size comes from.
#[derive(Debug, Clone)]
enum SizeSource {
    /// The session's (it follows resizes).
    Shared(SharedSize),
    /// A fixed size, for tests and recordings.
    Fixed(Size),
}

/// The backend: a writer, the model of the screen, and the terminal state.
#[derive(Debug)]
pub struct LeanBackend<W: Write> {
    writer: W,
    size: SizeSource,
    sync: SyncOutput,
    model: Grid,
    enc: Encoder,
    cursor_visible: Option<bool>,
    /// Bytes of the frame being built; written at `flush`.
    pending: Vec<u8>,
}

impl<W: Write> LeanBackend<W> {
    /// A backend for the process's own terminal, writing to `writer`, of
    /// the size in `size`; `sync` says which frames are wrapped in
    /// synchronized output. A panic resets the scrolling region on
    /// standard output.
    pub fn new(writer: W, size: SharedSize, sync: SyncOutput) -> Self {
        reset_region_on_panic();
        Self::for_session(writer, size, sync)
    }

    /// A backend for a session's screen (an SSH channel, say): like
    /// [`LeanBackend::new`] but nothing touches standard output.
    pub fn for_session(writer: W, size: SharedSize, sync: SyncOutput) -> Self {
        let now = size.get();
        Self::build(writer, SizeSource::Shared(size), now, sync)
    }

    /// A backend for a screen of a fixed size (tests, recordings).
    pub fn with_size(writer: W, width: u16, height: u16, sync: SyncOutput) -> Self {
        let size = Size::new(width, height);
        Self::build(writer, SizeSource::Fixed(size), size, sync)
    }

    fn build(writer: W, size: SizeSource, now: Size, sync: SyncOutput) -> Self {
        Self {
            writer,
            size,
            sync,
            model: Grid::blank(now.width, now.height),
            enc: Encoder::new(now.width),
            cursor_visible: None,
            pending: Vec::new(),
        }
    }

    /// Changes the size of a fixed-size backend (as a terminal resize would;
    /// ratatui notices at its next draw and clears).
    pub fn set_size(&mut self, width: u16, height: u16) {
        if let SizeSource::Fixed(_) = self.size {
            self.size = SizeSource::Fixed(Size::new(width, height));
        }
    }

    /// Forgets where the cursor is and what the pen is: the next frame
    /// starts with an absolute move and a full SGR; the scrolling region
    /// is reset.
    pub fn invalidate(&mut self) {
        self.pending.extend_from_slice(b"\x1b[r");
        self.enc.region = None;
        self.enc.cursor = None;
        self.enc.pen = Pen {
            modifier: ratatui::style::Modifier::all(),
            ..Pen::DEFAULT
        };
        self.cursor_visible = None;
    }

    pub fn writer(&self) -> &W {
        &self.writer
    }

    pub fn writer_mut(&mut self) -> &mut W {
        &mut self.writer
    }

    fn current_size(&self) -> io::Result<Size> {
        // A huge size (up to 65535x65535) is drawn in its top-left corner
        // (`SharedSize` caps it): the model holds every cell.
        Ok(match &self.size {
            SizeSource::Fixed(s) => *s,
            SizeSource::Shared(s) => s.get(),
        })
    }

    /// A blank model of the current size: after clearing the screen, or
    /// when the size changed under us.
    fn reset_model(&mut self) -> io::Result<()> {
        let size = self.current_size()?;
        self.model = Grid::blank(size.width, size.height);
        self.enc.width = size.width;
        self.enc.cursor = None;
        Ok(())
    }
}

impl<W: Write> Backend for LeanBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let size = self.current_size()?;
        if size.width != self.model.width() || size.height != self.model.height() {
            // ratatui clears on every resize before drawing; if it did
            // not, the screen's content is unknown: start from blank.
            self.enc.end_region(&mut self.pending);
            self.enc.set_pen(&mut self.pending, Pen::DEFAULT);
            self.pending.extend_from_slice(b"\x1b[2J");
            self.reset_model()?;
        }
        let mut next = self.model.clone();
        let mut touched = vec![false; usize::from(next.height())];
        for (x, y, cell) in content {
            next.set(x, y, cell);
            if let Some(t) = touched.get_mut(usize::from(y)) {
                *t = true;
            }
        }
        for (y, t) in touched.iter().enumerate() {
            if *t {
                next.normalise_row(y as u16);
            }
        }
        let (bytes, enc) = scroll::plan(&self.enc, &self.model, &next);
        self.pending.extend_from_slice(&bytes);
        self.enc = enc;
        self.model = next;
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(false) {
            self.pending.extend_from_slice(b"\x1b[?25l");
            self.cursor_visible = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor_visible != Some(true) {
            self.pending.extend_from_slice(b"\x1b[?25h");
            self.cursor_visible = Some(true);
        }
        Ok(())
    }

    /// The position the backend put the cursor at; the terminal is never
    /// asked (a query's answer could be read as typed keys).
    fn get_cursor_position(&mut self) -> io::Result<Position> {
        Ok(self
            .enc
            .cursor
            .map_or(Position::ORIGIN, |(x, y)| Position { x, y }))
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        self.enc.move_to(&mut self.pending, x, y);
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        // Erasing fills with the current background colour: reset it first.
        self.enc.set_pen(&mut self.pending, Pen::DEFAULT);
        match clear_type {
            ClearType::All => {
                self.enc.end_region(&mut self.pending);
                self.pending.extend_from_slice(b"\x1b[2J");
                return self.reset_model();
            }
            ClearType::AfterCursor => self.pending.extend_from_slice(b"\x1b[J"),
            ClearType::BeforeCursor => self.pending.extend_from_slice(b"\x1b[1J"),
            ClearType::CurrentLine => self.pending.extend_from_slice(b"\x1b[2K"),
            ClearType::UntilNewLine => self.pending.extend_from_slice(b"\x1b[K"),
        }
        self.erase_in_model(clear_type);
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        // Only used by inline viewports, which the model does not follow.
        for _ in 0..n {
            self.pending.push(b'\n');
        }
        self.enc.cursor = None;
        self.flush()
    }

    fn size(&self) -> io::Result<Size> {
        self.current_size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        Ok(WindowSize {
            columns_rows: self.current_size()?,
            pixels: Size::new(0, 0),
        })
    }

    /// Sends the frame: one write, in synchronized output when enabled,
    /// with the pen back to the default so nothing leaks past the frame.
    fn flush(&mut self) -> io::Result<()> {
        // `Always` wraps every frame, even an empty one, so the end of each
        // frame shows in the byte stream (the pty tests count frames so).
        if !self.pending.is_empty() || self.sync == SyncOutput::Always {
            self.enc.set_pen(&mut self.pending, Pen::DEFAULT);
            let wrap = self.sync.wraps(self.pending.len());
            let mut frame = Vec::with_capacity(self.pending.len() + 16);
            if wrap {
                frame.extend_from_slice(SYNC_BEGIN);
            }
            frame.append(&mut self.pending);
            if wrap {
                frame.extend_from_slice(SYNC_END);
            }
            self.writer.write_all(&frame)?;
        }
        self.writer.flush()
    }
}

impl<W: Write> LeanBackend<W> {
    /// Mirrors a partial erase in the model; when the cursor is not known
    /// the screen is not either, so the model is cleared as a precaution
    /// and ratatui is expected to redraw (it does after its own clears).
    fn erase_in_model(&mut self, clear_type: ClearType) {
        let Some((x, y)) = self.enc.cursor else {
            let (w, h) = (self.model.width(), self.model.height());
            self.model = Grid::blank(w, h);
            self.pending.extend_from_slice(b"\x1b[2J");
            return;
        };
        let h = self.model.height();
        match clear_type {
            ClearType::AfterCursor => {
                self.model.erase_from(x, y);
                (y + 1..h).for_each(|r| self.model.erase_from(0, r));
            }
            ClearType::BeforeCursor => {
                (0..y).for_each(|r| self.model.erase_from(0, r));
                self.model.erase_to(x, y);
            }
            ClearType::CurrentLine => self.model.erase_from(0, y),
            ClearType::UntilNewLine => self.model.erase_from(x, y),
            ClearType::All => {}
        }
    }
}

impl<W: Write> LeanBackend<W> {
    /// Leaves the terminal as a shell expects it: no scrolling region, the
    /// default pen, everything pending sent. Call it before handing the
    /// terminal to anything else (`ratatui::restore`, a subprocess); the
    /// backend does it when dropped.
    pub fn release(&mut self) -> io::Result<()> {
        self.enc.end_region(&mut self.pending);
        self.flush()
    }
}

impl<W: Write> Drop for LeanBackend<W> {
    fn drop(&mut self) {
        let _ = self.release();
    }
}

/// On a panic, resets the scrolling region before the hooks installed
/// earlier (ratatui's restores the terminal) run: a region left set would
/// stay in force in the shell. Installed once.
fn reset_region_on_panic() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let mut out = io::stdout();
            let _ = out.write_all(b"\x1b[r\x1b[m");
            let _ = out.flush();
            previous(info);
        }));
    });
}
