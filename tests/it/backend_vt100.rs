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

use crate::backend_scene as scene;

use std::num::NonZeroU16;

use bulletin::term::backend::{LeanBackend, SyncOutput};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use scene::{Line, Scene, Step, WIDE_AMBIGUOUS, line, step, text};

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
