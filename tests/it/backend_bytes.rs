//! The lean backend's bytes: what it sends for the cases that matter on a
//! slow link, measured against ratatui's stock crossterm backend.

use std::num::NonZeroU16;

use bulletin::term::backend::{Choice, LeanBackend, SYNC_MIN_BYTES, SyncOutput};
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};

type Lean = Terminal<LeanBackend<Vec<u8>>>;

fn lean(w: u16, h: u16, sync: SyncOutput) -> Lean {
    Terminal::new(LeanBackend::with_size(Vec::new(), w, h, sync)).unwrap()
}

/// Draws a frame and returns the bytes it sent.
fn frame(t: &mut Lean, render: impl FnOnce(&mut Buffer)) -> Vec<u8> {
    t.draw(|f| render(f.buffer_mut())).unwrap();
    std::mem::take(t.backend_mut().writer_mut())
}

/// What the stock backend sends for the change from `prev` to `next`.
fn stock(prev: &Buffer, next: &Buffer) -> Vec<u8> {
    let mut bytes = Vec::new();
    CrosstermBackend::new(&mut bytes)
        .draw(prev.diff(next).into_iter())
        .unwrap();
    bytes
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Cursor positioning sequences (`ESC[…H`, `ESC[…C`, `ESC[…G`) in `bytes`.
fn moves(bytes: &[u8]) -> usize {
    let s = String::from_utf8_lossy(bytes);
    s.split('\x1b')
        .skip(1)
        .filter(|seq| {
            let body = seq.strip_prefix('[').unwrap_or("");
            let end = body.find(|c: char| !c.is_ascii_digit() && c != ';');
            matches!(end.map(|i| &body[i..i + 1]), Some("H" | "C" | "G"))
        })
        .count()
}

/// `中文“字abc` on row 0, the quote forced two columns wide as the reader
/// does in wide mode.
fn wide_row(buf: &mut Buffer) {
    buf.set_string(0, 0, "中文", Style::default());
    buf.set_string(4, 0, "“", Style::default());
    buf[(4, 0)].set_diff_option(CellDiffOption::ForcedWidth(NonZeroU16::new(2).unwrap()));
    buf[(5, 0)].reset();
    buf.set_string(6, 0, "字abc", Style::default());
}

#[test]
fn consecutive_wide_characters_need_no_cursor_moves() {
    let mut t = lean(20, 2, SyncOutput::Never);
    let bytes = frame(&mut t, wide_row);
    // After the forced-width quote the cursor is re-placed (column 7), so a
    // terminal that draws it narrow after all does not shift the row.
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        "\x1b[H中文“\x1b[1;7H字abc\x1b[?25l"
    );
    let area = Rect::new(0, 0, 20, 2);
    let mut next = Buffer::empty(area);
    wide_row(&mut next);
    let plain = stock(&Buffer::empty(area), &next);
    // The start, and the re-placing after the forced-width quote; none
    // between Han characters, where the stock backend moves every time.
    assert_eq!(moves(&bytes), 2);
    assert!(moves(&plain) >= 4, "{}", String::from_utf8_lossy(&plain));
}

const HAN: &str = "党建引领基层治理社区网格支部联建共驻共建单位优势开展惠民活动居民普及法律知识";

/// A reader-like screen at 80x24: a bar, 22 rows of text from line `top`
/// on, a status line.
fn reader(top: usize) -> impl FnOnce(&mut Buffer) {
    move |buf: &mut Buffer| {
        let bar = Style::default().bg(Color::Blue).fg(Color::White);
        let area = buf.area;
        buf.set_style(Rect::new(0, 0, area.width, 1), bar);
        buf.set_string(1, 0, "中原区 › 桐柏路街道", bar);
        for row in 0..area.height - 2 {
            let line = top + usize::from(row);
            let text: String = HAN.chars().cycle().skip(line * 7).take(38).collect();
            buf.set_string(1, row + 1, format!("{line:02}{text}"), Style::default());
        }
        let status = Rect::new(0, area.height - 1, area.width, 1);
        buf.set_style(status, bar);
        buf.set_string(1, status.y, format!("{}-{}/120", top + 1, top + 22), bar);
    }
}

fn screen(top: usize) -> Buffer {
    let mut b = Buffer::empty(Rect::new(0, 0, 80, 24));
    reader(top)(&mut b);
    b
}

#[test]
fn a_one_row_scroll_of_a_22_row_band_sends_one_row() {
    let mut t = lean(80, 24, SyncOutput::Never);
    let first = frame(&mut t, reader(0));
    let bytes = frame(&mut t, reader(1));
    let text = String::from_utf8(bytes.clone()).unwrap();
    // The band between the bar and the status line moves up one row...
    assert!(text.starts_with("\x1b[2;23r\x1b[23H\n"), "{text:?}");
    // The region stays for the next scroll of the same band.
    assert_eq!(count(&bytes, b"\x1b[r"), 0);
    assert!(text.ends_with("\x1b[m"), "{text:?}");
    // ...and only the row it exposed is drawn, plus the status change.
    let new_line: String = HAN.chars().cycle().skip(22 * 7).take(38).collect();
    assert_eq!(count(&bytes, format!("22{new_line}").as_bytes()), 1);
    let han_chars = text.chars().filter(|c| HAN.contains(*c)).count();
    assert_eq!(han_chars, 38);
    let mut vt = vt100::Parser::new(
        NonZeroU16::new(24).unwrap(),
        NonZeroU16::new(80).unwrap(),
        0,
    );
    vt.process(&first);
    vt.process(&bytes);
    let rows: Vec<String> = vt.screen().rows(0, 80).collect();
    assert!(rows[23].starts_with(" 2-23/120"), "{:?}", rows[23]);
    assert!(
        rows[22].starts_with(&format!(" 22{new_line}")),
        "{:?}",
        rows[22]
    );
    let plain = stock(&screen(0), &screen(1));
    assert!(
        bytes.len() * 10 < first.len(),
        "{} vs {}",
        bytes.len(),
        first.len()
    );
    assert!(
        bytes.len() * 10 < plain.len(),
        "{} vs {}",
        bytes.len(),
        plain.len()
    );

    // Three rows on, and back: the region is already there.
    let bytes = frame(&mut t, reader(4));
    let back = frame(&mut t, reader(1));
    assert!(String::from_utf8_lossy(&bytes).starts_with("\x1b[23H\n\n\n"));
    assert!(String::from_utf8_lossy(&back).starts_with("\x1b[2H\x1b[3L"));
    // Released (as on drop), the terminal has no region left.
    t.backend_mut().release().unwrap();
    assert_eq!(std::mem::take(t.backend_mut().writer_mut()), b"\x1b[r");
}

#[test]
fn an_unchanged_frame_sends_nothing() {
    let mut t = lean(80, 24, SyncOutput::Large);
    assert!(!frame(&mut t, reader(3)).is_empty());
    assert!(frame(&mut t, reader(3)).is_empty());
    // `Always` marks even an empty frame, and nothing else.
    let mut t = lean(80, 24, SyncOutput::Always);
    assert!(!frame(&mut t, reader(3)).is_empty());
    assert_eq!(frame(&mut t, reader(3)), b"\x1b[?2026h\x1b[?2026l");
}

#[test]
fn frames_are_wrapped_in_synchronized_output_when_asked() {
    let mut on = lean(20, 2, SyncOutput::Always);
    let bytes = frame(&mut on, wide_row);
    assert!(bytes.starts_with(b"\x1b[?2026h"));
    assert!(bytes.ends_with(b"\x1b[?2026l"));
    assert_eq!(count(&bytes, b"\x1b[?2026"), 2);
    let mut off = lean(20, 2, SyncOutput::Never);
    assert_eq!(count(&frame(&mut off, wide_row), b"\x1b[?2026"), 0);
}

#[test]
fn a_resize_clears_the_screen_and_draws_everything_again() {
    let mut t = lean(80, 24, SyncOutput::Never);
    frame(&mut t, reader(0));
    t.backend_mut().set_size(60, 20);
    let bytes = frame(&mut t, reader(0));
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.starts_with("\x1b[2J"), "{text:?}");
    assert!(text.contains("中原区"));
    assert!(text.contains("1-22/120"));
}

#[test]
fn styles_change_only_where_they_differ_and_end_reset() {
    let mut t = lean(20, 1, SyncOutput::Never);
    let red = Style::default().fg(Color::Red);
    let bytes = frame(&mut t, |b| {
        b.set_string(0, 0, "ab", red);
        b.set_string(2, 0, "cd", red);
        b.set_string(4, 0, "ef", Style::default());
    });
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        "\x1b[H\x1b[31mabcd\x1b[mef\x1b[?25l"
    );
}

#[test]
fn the_cursor_is_hidden_once_and_moved_only_when_needed() {
    let mut t = lean(20, 2, SyncOutput::Never);
    frame(&mut t, wide_row);
    t.draw(|f| {
        wide_row(f.buffer_mut());
        f.set_cursor_position((3, 1));
    })
    .unwrap();
    let shown = std::mem::take(t.backend_mut().writer_mut());
    assert_eq!(String::from_utf8(shown).unwrap(), "\x1b[?25h\x1b[2;4H");
    t.draw(|f| {
        wide_row(f.buffer_mut());
        f.set_cursor_position((3, 1));
    })
    .unwrap();
    assert!(t.backend_mut().writer_mut().is_empty());
}

#[test]
fn large_frames_only_are_wrapped_by_default() {
    let mut t = lean(80, 24, SyncOutput::Large);
    let first = frame(&mut t, reader(0));
    assert!(first.len() > SYNC_MIN_BYTES);
    assert!(first.starts_with(b"\x1b[?2026h") && first.ends_with(b"\x1b[?2026l"));
    let scroll = frame(&mut t, reader(1));
    assert!(scroll.len() <= SYNC_MIN_BYTES);
    assert_eq!(count(&scroll, b"\x1b[?2026"), 0);
}

#[test]
fn the_backend_is_chosen_by_bulletin_backend() {
    let lean = Choice::Lean(SyncOutput::Large);
    assert_eq!(Choice::named(None), lean);
    assert_eq!(Choice::named(Some("lean")), lean);
    assert_eq!(Choice::named(Some("plain")), Choice::Plain);
    assert_eq!(Choice::named(Some(" PLAIN ")), Choice::Plain);
    assert_eq!(
        Choice::named(Some("lean-sync")),
        Choice::Lean(SyncOutput::Always)
    );
    assert_eq!(
        Choice::named(Some("lean-nosync")),
        Choice::Lean(SyncOutput::Never)
    );
    assert_eq!(Choice::named(Some("other")), lean);
}
