//! The lean backend against a plain full redraw, on a vt100 emulator.
//!
//! Random sessions — text with Chinese, ambiguous-width characters drawn
//! narrow and `ForcedWidth(2)` ones, scrolls of the body band by ±1..3
//! rows, jumps, edits, highlights, an overlay box drawn and removed,
//! status changes and resizes — are drawn through ratatui's `Terminal`
//! with the lean backend. After every frame the emulator fed with the
//! backend's bytes must show exactly what an emulator shows after a clear
//! and ratatui's stock crossterm backend drawing the same buffer whole:
//! the same text, wide flags, colours and attributes in every cell.
//!
//! vt100 draws every ambiguous character narrow. To stand for a terminal
//! that draws them wide, the characters put in `ForcedWidth(2)` cells are
//! replaced by Han stand-ins in both byte streams before the emulators see
//! them (the streams are UTF-8 and escape sequences are ASCII, so the
//! replacement touches only printed text).

use std::num::NonZeroU16;

use bulletin::term::backend::{LeanBackend, SyncOutput};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};

const HAN: &[char] = &['中', '文', '街', '道', '党', '建', '，', '。'];
const NARROW_AMBIGUOUS: &[char] = &['·', '■', '★', '※'];
/// Put in `ForcedWidth(2)` cells, with the stand-in the emulator sees.
const WIDE_AMBIGUOUS: &[(char, char)] = &[('“', '甲'), ('”', '乙'), ('…', '丙'), ('—', '丁')];

#[derive(Debug, Clone, Copy)]
enum Glyph {
    Ascii(char),
    Han(char),
    Narrow(char),
    Forced(char),
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    glyph: Glyph,
    style: u8,
}

type Line = Vec<Tok>;

#[derive(Debug, Clone)]
enum Step {
    Scroll(i8),
    Jump(u8),
    Edit(u8, Line),
    Highlight(u8, u8, u8),
    Overlay(u8, u8, u8, u8, Line),
    CloseOverlay,
    Resize(u16, u16),
    Cursor(Option<(u8, u8)>),
}

fn style(i: u8) -> Style {
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

fn tok() -> impl Strategy<Value = Tok> {
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

fn line() -> impl Strategy<Value = Line> {
    prop::collection::vec(tok(), 0..30)
}

fn step() -> impl Strategy<Value = Step> {
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
struct Scene {
    doc: Vec<Line>,
    top: usize,
    highlight: Option<(usize, usize, usize)>,
    overlay: Option<(u16, u16, u16, u16, Line)>,
    cursor: Option<(u8, u8)>,
}

impl Scene {
    fn apply(&mut self, step: &Step, area: Rect) {
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
    fn cursor_at(&self, area: Rect) -> Option<(u16, u16)> {
        self.cursor
            .map(|(x, y)| (u16::from(x) % area.width, u16::from(y) % area.height))
    }

    fn render(&self, buf: &mut Buffer) {
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

fn text(s: &str, style: u8) -> Line {
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
fn write_line(buf: &mut Buffer, x: u16, y: u16, room: u16, line: &Line, bg: Style) {
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

fn cell_of(t: &Tok) -> (Cell, u16) {
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
fn put(buf: &mut Buffer, x: u16, y: u16, cell: Cell) {
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

fn width_at(buf: &Buffer, x: u16, y: u16) -> u16 {
    let c = &buf[(x, y)];
    match c.diff_option {
        CellDiffOption::ForcedWidth(w) => w.get(),
        _ => ratatui::buffer::CellWidth::cell_width(c),
    }
}

fn overlay(buf: &mut Buffer, r: Rect, l: &Line) {
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

/// The bytes as a terminal drawing `WIDE_AMBIGUOUS` wide would take them.
fn as_wide_terminal(bytes: &[u8]) -> Vec<u8> {
    let s = String::from_utf8(bytes.to_vec()).expect("frames are UTF-8");
    s.chars()
        .map(|c| {
            WIDE_AMBIGUOUS
                .iter()
                .find(|(a, _)| *a == c)
                .map_or(c, |(_, w)| *w)
        })
        .collect::<String>()
        .into_bytes()
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).unwrap()
}

fn parser(w: u16, h: u16) -> vt100::Parser {
    vt100::Parser::new(nz(h), nz(w), 0)
}

/// A clear and a full redraw of `buf` by ratatui's stock backend.
fn full_redraw(buf: &Buffer) -> vt100::Parser {
    let mut bytes = Vec::new();
    let mut stock = CrosstermBackend::new(&mut bytes);
    stock.clear().unwrap();
    let blank = Buffer::empty(buf.area);
    stock.draw(blank.diff(buf).into_iter()).unwrap();
    let mut p = parser(buf.area.width, buf.area.height);
    p.process(&as_wide_terminal(&bytes));
    p
}

type CellView = (String, bool, bool, vt100::Color, vt100::Color, [bool; 5]);

fn view(p: &vt100::Parser) -> Vec<Vec<CellView>> {
    let s = p.screen();
    let (rows, cols) = s.size();
    (0..rows.get())
        .map(|r| {
            (0..cols.get())
                .map(|c| {
                    let cell = s.cell(r, c).unwrap();
                    let text = if cell.has_contents() {
                        cell.contents()
                    } else {
                        " "
                    };
                    let attrs = [
                        cell.bold(),
                        cell.dim(),
                        cell.italic(),
                        cell.underline(),
                        cell.inverse(),
                    ];
                    let wide = (cell.is_wide(), cell.is_wide_continuation());
                    (
                        text.to_string(),
                        wide.0,
                        wide.1,
                        cell.fgcolor(),
                        cell.bgcolor(),
                        attrs,
                    )
                })
                .collect()
        })
        .collect()
}

fn first_difference(a: &[Vec<CellView>], b: &[Vec<CellView>]) -> (usize, usize) {
    for (r, (ra, rb)) in a.iter().zip(b).enumerate() {
        if let Some(c) = ra.iter().zip(rb).position(|(x, y)| x != y) {
            return (r, c);
        }
    }
    (0, 0)
}

fn run_session(doc: Vec<Line>, steps: Vec<Step>, sync: SyncOutput) -> Result<(), TestCaseError> {
    let (mut w, mut h) = (24u16, 10u16);
    let backend = LeanBackend::with_size(Vec::new(), w, h, sync);
    let mut terminal = Terminal::new(backend).unwrap();
    let mut screen = parser(w, h);
    let mut scene = Scene {
        doc,
        ..Scene::default()
    };
    for (n, step) in std::iter::once(None)
        .chain(steps.iter().map(Some))
        .enumerate()
    {
        if let Some(Step::Resize(nw, nh)) = step {
            (w, h) = (*nw, *nh);
            terminal.backend_mut().set_size(w, h);
            screen.screen_mut().set_size(nz(h), nz(w));
        }
        if let Some(step) = step {
            scene.apply(step, Rect::new(0, 0, w, h));
        }
        let area = Rect::new(0, 0, w, h);
        let frame = terminal
            .draw(|f| {
                scene.render(f.buffer_mut());
                if let Some(p) = scene.cursor_at(area) {
                    f.set_cursor_position(p);
                }
            })
            .unwrap();
        let expected = full_redraw(frame.buffer);
        let bytes = std::mem::take(terminal.backend_mut().writer_mut());
        screen.process(&as_wide_terminal(&bytes));
        let (got, want) = (view(&screen), view(&expected));
        if got != want {
            let at = first_difference(&got, &want);
            return Err(TestCaseError::fail(format!(
                "frame {n} after {step:?}: first difference at (row, col) {at:?}: {:?} vs {:?}\n\
                 lean:\n{}\nfull redraw:\n{}\nbytes: {:?}",
                got[at.0][at.1],
                want[at.0][at.1],
                screen.screen().contents(),
                expected.screen().contents(),
                String::from_utf8_lossy(&bytes),
            )));
        }
        let s = screen.screen();
        match scene.cursor_at(area) {
            Some((x, y)) => {
                prop_assert!(!s.hide_cursor(), "frame {}: cursor hidden", n);
                prop_assert_eq!(s.cursor_position(), (y, x), "frame {}: cursor", n);
            }
            None => prop_assert!(s.hide_cursor(), "frame {}: cursor shown", n),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_screen_equals_a_full_redraw_after_every_frame(
        doc in prop::collection::vec(line(), 1..40),
        steps in prop::collection::vec(step(), 1..24),
        sync in prop_oneof![Just(SyncOutput::Never), Just(SyncOutput::Always), Just(SyncOutput::Large)],
    ) {
        run_session(doc, steps, sync)?;
    }
}

#[test]
fn a_long_session_of_scrolls_stays_identical() {
    let doc: Vec<Line> = (0..60)
        .map(|i| {
            text(
                &format!("{i}中文街道，党建。“{}", "街".repeat(i % 13)),
                (i % 6) as u8,
            )
        })
        .collect();
    let mut steps = Vec::new();
    for i in 0..80 {
        steps.push(Step::Scroll([1, 1, 2, -1, 3, -3, 1][i % 7]));
        if i % 9 == 0 {
            steps.push(Step::Overlay(3, 2, 10, 5, text("弹出 box", 2)));
        }
        if i % 9 == 4 {
            steps.push(Step::CloseOverlay);
        }
    }
    run_session(doc, steps, SyncOutput::Large).unwrap();
}
