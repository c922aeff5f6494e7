//! Lay a [`Doc`] out into display lines at a given width.
//!
//! Shape: the header units (title, subtitle, bylines, meta) one per line
//! group, a blank line, then the body blocks separated by one blank line
//! each (a caption and its credit form one block). A paragraph's first line
//! is indented by two U+3000 (4 columns in both width modes) unless the
//! width is below 8.
//!
//! Each [`Line`] is a byte range of its unit's text. Within a unit the
//! ranges are in order and tile the text except for hard breaks: for two
//! consecutive lines `a`, `b` of one unit, `text[a.end..b.start]` is either
//! empty (a soft break) or exactly `"\n"` (a hard break, whose `'\n'`
//! belongs to no line). The first line starts at 0 and the last ends at
//! `text.len()`, so joining the line texts, with `"\n"` wherever
//! `b.start > a.end`, gives back the unit text.

use crate::text::doc::{Doc, Pos, UnitKind};
use crate::text::linebreak::Breaker;
use crate::text::width::{WidthMode, str_width};

/// Columns of a paragraph's first-line indent (two U+3000).
pub const PARAGRAPH_INDENT: u16 = 4;
/// Below this width paragraphs get no indent, so text still fits.
pub const MIN_INDENT_WIDTH: u16 = 8;
const IDEOGRAPHIC_SPACE: char = '\u{3000}';

/// What a display line shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Text(UnitKind),
    Blank,
}

/// One display line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub kind: LineKind,
    /// The unit shown; for a blank line, the unit that follows it.
    pub unit: usize,
    /// Byte range in `units[unit].text` (`0..0` for a blank line).
    pub start: usize,
    pub end: usize,
    /// Columns of leading indent, drawn as U+3000 characters.
    pub indent: u16,
}

/// A document laid out at one width in one width mode.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub width: u16,
    pub mode: WidthMode,
    pub lines: Vec<Line>,
    /// Character offset of each line's start in its unit (0 for blanks).
    char_starts: Vec<usize>,
}

/// Lay `doc` out at `width` columns (0 is treated as 1).
pub fn layout(doc: &Doc, width: u16, mode: WidthMode) -> Layout {
    let mut out = Layout {
        width,
        mode,
        lines: Vec::new(),
        char_starts: Vec::new(),
    };
    let mut breaker = Breaker::new();
    for u in 0..doc.units.len() {
        if blank_before(doc, u) {
            out.push(
                Line {
                    kind: LineKind::Blank,
                    unit: u,
                    start: 0,
                    end: 0,
                    indent: 0,
                },
                0,
            );
        }
        out.lay_unit(doc, u, &mut breaker);
    }
    out
}

/// A blank line goes before each body block (after the header, or
/// between two blocks).
fn blank_before(doc: &Doc, u: usize) -> bool {
    let block = doc.units[u].block;
    u > 0 && block.is_some() && doc.units[u - 1].block != block
}

impl Layout {
    fn push(&mut self, line: Line, char_start: usize) {
        self.lines.push(line);
        self.char_starts.push(char_start);
    }

    fn lay_unit(&mut self, doc: &Doc, u: usize, breaker: &mut Breaker) {
        let unit = &doc.units[u];
        let text = unit.text.as_str();
        let width = usize::from(self.width.max(1));
        let kind = LineKind::Text(unit.kind);
        let mut indent = if unit.kind == UnitKind::Paragraph && self.width >= MIN_INDENT_WIDTH {
            PARAGRAPH_INDENT
        } else {
            0
        };
        // Running (byte, char) position, to count chars incrementally.
        let (mut byte, mut chars) = (0usize, 0usize);
        let mut base = 0;
        for seg in text.split('\n') {
            let first_width = width - usize::from(indent);
            breaker.wrap(seg, first_width, width, self.mode, |a, b| {
                let (start, end) = (base + a, base + b);
                chars += count_chars(&text[byte..start]);
                byte = start;
                self.push(
                    Line {
                        kind,
                        unit: u,
                        start,
                        end,
                        indent,
                    },
                    chars,
                );
                indent = 0;
            });
            base += seg.len() + 1;
        }
    }

    /// The text shown on line `i` (without its indent).
    pub fn line_text<'a>(&self, doc: &'a Doc, i: usize) -> &'a str {
        let l = &self.lines[i];
        match l.kind {
            LineKind::Blank => "",
            LineKind::Text(_) => &doc.units[l.unit].text[l.start..l.end],
        }
    }

    /// Columns taken by line `i`, indent included.
    pub fn line_width(&self, doc: &Doc, i: usize) -> usize {
        usize::from(self.lines[i].indent) + str_width(self.line_text(doc, i), self.mode)
    }

    /// The line containing `pos`: the last line starting at or before it.
    /// A position at a unit's end maps to the unit's last line; a position
    /// past the document maps to the last line. 0 for an empty layout.
    pub fn line_of(&self, _doc: &Doc, pos: Pos) -> usize {
        let key = |i: usize| {
            let l = &self.lines[i];
            (l.unit, self.char_starts[i], l.kind != LineKind::Blank)
        };
        let target = (pos.unit, pos.offset, true);
        let (mut lo, mut hi) = (0, self.lines.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if key(mid) <= target {
                lo = mid + 1
            } else {
                hi = mid
            }
        }
        lo.saturating_sub(1)
    }

    /// The first position on line `i` (for a blank line: the start of the
    /// unit that follows).
    pub fn pos_of(&self, _doc: &Doc, i: usize) -> Pos {
        Pos {
            unit: self.lines[i].unit,
            offset: self.char_starts[i],
        }
    }
}

fn count_chars(s: &str) -> usize {
    s.bytes().filter(|b| b & 0xC0 != 0x80).count()
}

/// Plain-text rendering: one `'\n'`-terminated output line per layout
/// line, the indent drawn as U+3000 characters (used by `bulletin show`).
pub fn render_plain(doc: &Doc, layout: &Layout) -> String {
    let mut out = String::new();
    for (i, l) in layout.lines.iter().enumerate() {
        for _ in 0..l.indent / 2 {
            out.push(IDEOGRAPHIC_SPACE);
        }
        out.push_str(layout.line_text(doc, i));
        out.push('\n');
    }
    out
}
