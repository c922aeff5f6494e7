//! Random reader-like screens for the backend tests: a document of lines
//! (ASCII, Han, ambiguous characters drawn narrow, `ForcedWidth(2)` ones in
//! random styles), a view on it, highlights, an overlay box, a cursor.
//! Buffers are kept well formed as the reader's UI keeps them (a wide glyph
//! cut by a new cell is blanked, the cells a wide glyph covers are blank).
//!
//! Used as a module by `backend_vt100.rs`; its own test checks that.

#![allow(dead_code)]

use std::num::NonZeroU16;

use proptest::prelude::*;
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

const HAN: &[char] = &['中', '文', '街', '道', '党', '建', '，', '。'];
pub const NARROW_AMBIGUOUS: &[char] = &['·', '■', '★', '※'];
/// Put in `ForcedWidth(2)` cells, with the stand-in the emulator sees.
pub const WIDE_AMBIGUOUS: &[(char, char)] = &[('“', '甲'), ('”', '乙'), ('…', '丙'), ('—', '丁')];

#[derive(Debug, Clone, Copy)]
pub enum Glyph {
    Ascii(char),
    Han(char),
    Narrow(char),
    Forced(char),
}

#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub glyph: Glyph,
    pub style: u8,
}

pub type Line = Vec<Tok>;

#[derive(Debug, Clone)]
pub enum Step {
    Scroll(i8),
    Jump(u8),
    Edit(u8, Line),
    Highlight(u8, u8, u8),
    Overlay(u8, u8, u8, u8, Line),
    CloseOverlay,
    Resize(u16, u16),
    Cursor(Option<(u8, u8)>),
}

pub fn style(i: u8) -> Style {
    match i % 6 {
        0 => Style::default(),
        1 => Style::default().fg(Color::Red),
        2 => Style::default()
            .bg(Color::Blue)
            .add_modifier(Modifier::BOLD),
        3 => Style::default().add_modifier(Modifier::REVERSED),
        4 => Style::default()
            .fg(Color::Indexed(200))
            .add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
        _ => Style::default()
            .bg(Color::Rgb(10, 20, 30))
            .add_modifier(Modifier::DIM),
    }
}

pub fn tok() -> impl Strategy<Value = Tok> {
    let glyph = prop_oneof![
        4 => proptest::char::range('a', 'z').prop_map(Glyph::Ascii),
        2 => Just(Glyph::Ascii(' ')),
        5 => proptest::sample::select(HAN).prop_map(Glyph::Han),
        1 => proptest::sample::select(NARROW_AMBIGUOUS).prop_map(Glyph::Narrow),
        1 => proptest::sample::select(WIDE_AMBIGUOUS).prop_map(|(c, _)| Glyph::Forced(c)),
    ];
    let style = prop_oneof![6 => Just(0u8), 1 => 1u8..6];
    (glyph, style).prop_map(|(glyph, style)| Tok { glyph, style })
}

pub fn line() -> impl Strategy<Value = Line> {
    prop::collection::vec(tok(), 0..30)
}

pub fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        6 => prop_oneof![-3i8..=-1, 1i8..=3].prop_map(Step::Scroll),
        1 => any::<u8>().prop_map(Step::Jump),
        2 => (any::<u8>(), line()).prop_map(|(i, l)| Step::Edit(i, l)),
        2 => (any::<u8>(), any::<u8>(), 1u8..12).prop_map(|(i, s, n)| Step::Highlight(i, s, n)),
        2 => (any::<u8>(), any::<u8>(), 3u8..16, 3u8..8, line())
            .prop_map(|(x, y, w, h, l)| Step::Overlay(x, y, w, h, l)),
        2 => Just(Step::CloseOverlay),
        1 => (6u16..=32, 3u16..=12).prop_map(|(w, h)| Step::Resize(w, h)),
        1 => proptest::option::of(any::<(u8, u8)>()).prop_map(Step::Cursor),
    ]
}

/// What the screen shows: a document, a view on it, and decorations.
#[derive(Debug, Clone, Default)]
pub struct Scene {
    pub doc: Vec<Line>,
    pub top: usize,
    pub highlight: Option<(usize, usize, usize)>,
    pub overlay: Option<(u16, u16, u16, u16, Line)>,
    pub cursor: Option<(u8, u8)>,
}

impl Scene {
    pub fn apply(&mut self, step: &Step, area: Rect) {
        let n = self.doc.len().max(1);
        match step {
            Step::Scroll(d) => {
                self.top = self.top.saturating_add_signed(isize::from(*d)).min(n - 1)
            }
            Step::Jump(i) => self.top = usize::from(*i) % n,
            Step::Edit(i, l) => self.doc[usize::from(*i) % n] = l.clone(),
            Step::Highlight(i, s, len) => {
                self.highlight =
                    Some((usize::from(*i) % n, usize::from(*s) % 20, usize::from(*len)))
            }
            Step::Overlay(x, y, w, h, l) => {
                let x = u16::from(*x) % area.width.max(1);
                let y = u16::from(*y) % area.height.max(1);
                self.overlay = Some((x, y, u16::from(*w), u16::from(*h), l.clone()));
            }
            Step::CloseOverlay => self.overlay = None,
            Step::Cursor(c) => self.cursor = *c,
            Step::Resize(..) => {}
        }
    }

    /// Where the cursor shows (as a prompt would put it), if anywhere.
    pub fn cursor_at(&self, area: Rect) -> Option<(u16, u16)> {
        self.cursor
            .map(|(x, y)| (u16::from(x) % area.width, u16::from(y) % area.height))
    }

    pub fn render(&self, buf: &mut Buffer) {
        let area = buf.area;
        let bar = style(3);
        write_line(
            buf,
            0,
            0,
            area.width,
            &text(&format!("T{} 中文", self.top), 3),
            bar,
        );
        let body = area.height.saturating_sub(2);
        for row in 0..body {
            let i = self.top + usize::from(row);
            let Some(l) = self.doc.get(i) else { break };
            let mut l = l.clone();
            if let Some((hl, s, n)) = self.highlight
                && hl == i
            {
                l.iter_mut().skip(s).take(n).for_each(|t| t.style = 4);
            }
            write_line(buf, 1, 1 + row, area.width - 1, &l, Style::default());
        }
        if area.height >= 2 {
            let status = text(&format!("{}/{} ok", self.top, self.doc.len()), 0);
            write_line(buf, 0, area.height - 1, area.width, &status, bar);
        }
        if let Some((x, y, w, h, l)) = &self.overlay {
            overlay(buf, Rect::new(*x, *y, *w, *h).intersection(area), l);
        }
    }
}

pub fn text(s: &str, style: u8) -> Line {
    s.chars()
        .map(|c| {
            let glyph = if c.is_ascii() {
                Glyph::Ascii(c)
            } else if WIDE_AMBIGUOUS.iter().any(|(a, _)| *a == c) {
                Glyph::Forced(c)
            } else {
                Glyph::Han(c)
            };
            Tok { glyph, style }
        })
        .collect()
}

/// Fills the row from `x` with `bg`, then writes the tokens that fit.
pub fn write_line(buf: &mut Buffer, x: u16, y: u16, room: u16, line: &Line, bg: Style) {
    for cx in x..x + room {
        let mut c = Cell::EMPTY;
        c.set_style(bg);
        put(buf, cx, y, c);
    }
    let mut cx = x;
    for t in line {
        let (cell, w) = cell_of(t);
        if cx + w > x + room {
            break;
        }
        let mut cell = cell;
        cell.set_style(bg.patch(style(t.style)));
        put(buf, cx, y, cell);
        cx += w;
    }
}

pub fn cell_of(t: &Tok) -> (Cell, u16) {
    let mut cell = Cell::EMPTY;
    match t.glyph {
        Glyph::Ascii(c) | Glyph::Narrow(c) => {
            cell.set_char(c);
            (cell, 1)
        }
        Glyph::Han(c) => {
            cell.set_char(c);
            (cell, 2)
        }
        Glyph::Forced(c) => {
            cell.set_char(c);
            cell.set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap()));
            (cell, 2)
        }
    }
}

/// Writes a cell keeping the buffer well formed, as the reader's UI does:
/// a wide glyph cut by the new cell is blanked, the cells a wide glyph
/// covers are blank.
pub fn put(buf: &mut Buffer, x: u16, y: u16, cell: Cell) {
    let area = buf.area;
    if x >= area.right() || y >= area.bottom() {
        return;
    }
    let w = match cell.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        _ => ratatui::buffer::CellWidth::cell_width(&cell),
    };
    if w > area.right() - x {
        return;
    }
    if x > 0 && width_at(buf, x - 1, y) > 1 {
        buf[(x - 1, y)].reset();
    }
    buf[(x, y)] = cell;
    for covered in 1..w {
        buf[(x + covered, y)].reset();
    }
}

pub fn width_at(buf: &Buffer, x: u16, y: u16) -> u16 {
    let c = &buf[(x, y)];
    match c.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        _ => ratatui::buffer::CellWidth::cell_width(c),
    }
}

pub fn overlay(buf: &mut Buffer, r: Rect, l: &Line) {
    if r.width < 2 || r.height < 2 {
        return;
    }
    let border = style(2);
    for y in r.top()..r.bottom() {
        for x in r.left()..r.right() {
            let edge_y = y == r.top() || y + 1 == r.bottom();
            let edge_x = x == r.left() || x + 1 == r.right();
            let ch = match (edge_x, edge_y) {
                (true, true) => '+',
                (false, true) => '-',
                (true, false) => '|',
                _ => ' ',
            };
            let mut c = Cell::EMPTY;
            c.set_char(ch).set_style(border);
            put(buf, x, y, c);
        }
    }
    if r.height > 2 && r.width > 2 {
        write_line(buf, r.x + 1, r.y + 1, r.width - 2, l, border);
    }
}

/// Columns the glyph at (`x`, `y`) covers.
fn covered(buf: &Buffer, x: u16, y: u16) -> u16 {
    width_at(buf, x, y).max(1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// No wide glyph is followed by a non-blank cell it covers: the
    /// assumption ratatui's diff and the backend both make.
    #[test]
    fn scenes_render_well_formed_buffers(
        doc in prop::collection::vec(line(), 1..20),
        steps in prop::collection::vec(step(), 0..12),
        (w, h) in (6u16..=32, 3u16..=12),
    ) {
        let area = Rect::new(0, 0, w, h);
        let mut scene = Scene { doc, ..Scene::default() };
        for s in &steps {
            scene.apply(s, area);
        }
        let mut buf = Buffer::empty(area);
        scene.render(&mut buf);
        for y in 0..h {
            let mut x = 0;
            while x < w {
                let cw = covered(&buf, x, y);
                prop_assert!(x + cw <= w, "glyph past the edge at {x},{y}");
                for c in 1..cw {
                    prop_assert_eq!(buf[(x + c, y)].symbol(), " ", "covered cell at {},{}", x + c, y);
                }
                x += cw;
            }
        }
    }
}
