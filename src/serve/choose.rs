//! The chooser a reader opens on when a server serves several archives:
//! one line per archive (its name, title and number of articles), the
//! arrows or `j`/`k` to move, Enter (or the archive's number) to open it,
//! `q` to leave; `q` on a reader's list opened from it comes back to it,
//! that archive selected. A screen of its own, drawn as plain lines: the reader
//! (`App`) starts once an archive is chosen, on the same channel. Every
//! string from an archive is sanitised; lines are cut to the window.

use super::Archive;
use crate::app::{Event, Key, KeyCode};
use crate::lang::Lang;
use crate::term::input::{Parsed, Parser};
use crate::text::sanitize_line;
use crate::text::width::{WidthMode, str_width, truncate_to_width};

/// The alternate screen, entered for the chooser and left when leaving
/// (the reader enters it again itself).
pub const ENTER: &[u8] = b"\x1b[?1049h\x1b[?25l";
pub const LEAVE: &[u8] = b"\x1b[?25h\x1b[?1049l";
/// The chooser wiped before the reader starts: the reader draws on a
/// blank screen (its own entering changes nothing on one entered).
pub const WIPE: &[u8] = b"\x1b[0m\x1b[H\x1b[2J";

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// Still choosing: draw the screen again.
    Stay,
    /// Open archive `i`.
    Open(usize),
    /// The reader wants nothing: the session ends.
    Leave,
}

/// The chooser's state.
pub struct Chooser {
    rows: Vec<Row>,
    selected: usize,
    size: (u16, u16),
    lang: Lang,
    parser: Parser,
}

impl Chooser {
    pub fn new(archives: &[Archive], lang: Lang, size: (u16, u16)) -> Chooser {
        let rows = (archives.iter().enumerate())
            .map(|(i, a)| row(i, a, lang))
            .collect();
        Chooser {
            rows,
            selected: 0,
            size,
            lang,
            parser: Parser::new(),
        }
    }

    /// The chooser with archive `i` selected (the one a reader left).
    pub fn selecting(mut self, i: usize) -> Chooser {
        self.selected = i.min(self.rows.len().saturating_sub(1));
        self
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.size = (cols, rows);
    }

    /// Reads what the client typed; what it did (the last thing, if it
    /// typed several keys at once: an archive opened or leaving ends
    /// the choosing).
    pub fn input(&mut self, bytes: &[u8]) -> Chosen {
        for parsed in self.parser.events(bytes) {
            let Parsed::Event(Event::Key(key)) = parsed else {
                continue;
            };
            match self.key(key) {
                Chosen::Stay => {}
                done => return done,
            }
        }
        Chosen::Stay
    }

    fn key(&mut self, key: Key) -> Chosen {
        let last = self.rows.len().saturating_sub(1);
        match key.code {
            KeyCode::Char('c' | 'd') if key.ctrl => return Chosen::Leave,
            KeyCode::Char('q') | KeyCode::Esc => return Chosen::Leave,
            KeyCode::Enter | KeyCode::Right | KeyCode::Char('l') => {
                return Chosen::Open(self.selected);
            }
            KeyCode::Char(d @ '1'..='9') => {
                let i = d as usize - '1' as usize;
                if i <= last {
                    return Chosen::Open(i);
                }
            }
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.selected = (self.selected + 1).min(last),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            _ => {}
        }
        Chosen::Stay
    }

    /// The whole screen, drawn from its top left corner.
    pub fn frame(&self) -> Vec<u8> {
        let (cols, rows) = (usize::from(self.size.0), usize::from(self.size.1));
        let heading = self
            .lang
            .pick("本服务器上的档案", "Archives on this server");
        let hint = self.lang.pick(
            "↑↓ 选择 · 回车或数字 打开 · q 离开",
            "↑↓ choose · Enter or a number: open · q leave",
        );
        // The rows that fit between the heading and the hint, keeping
        // the selected one in sight.
        let room = rows.saturating_sub(4).max(1);
        let top = (self.selected + 1).saturating_sub(room);
        let mut out = b"\x1b[H\x1b[2J".to_vec();
        let line = |text: &str, selected: bool, out: &mut Vec<u8>| {
            // Ambiguous characters taken as wide: never past the edge.
            let cut = truncate_to_width(text, cols, WidthMode::Wide);
            if selected {
                out.extend_from_slice(b"\x1b[7m");
            }
            out.extend_from_slice(cut.as_bytes());
            out.extend_from_slice(b"\x1b[0m\r\n");
        };
        line(heading, false, &mut out);
        line("", false, &mut out);
        for (i, r) in self.rows.iter().enumerate().skip(top).take(room) {
            line(&r.fitted(cols), i == self.selected, &mut out);
        }
        if rows >= 4 {
            line("", false, &mut out);
            let cut = truncate_to_width(hint, cols, WidthMode::Wide);
            out.extend_from_slice(cut.as_bytes());
        }
        out
    }
}

/// One archive's line: its number and name, its title, and its size.
struct Row {
    head: String,
    title: String,
    tail: String,
}

impl Row {
    /// The line in `cols` columns: a title too long is cut with `…`, so
    /// the size stays in view (when the number and name leave room for
    /// a few characters of the title).
    fn fitted(&self, cols: usize) -> String {
        let whole = format!("{}{}{}", self.head, self.title, self.tail);
        let width = |s: &str| str_width(s, WidthMode::Wide);
        if width(&whole) <= cols {
            return whole;
        }
        let room = cols.saturating_sub(width(&self.head) + width(&self.tail) + width("…"));
        if room < 4 {
            return whole;
        }
        let title = truncate_to_width(&self.title, room, WidthMode::Wide);
        format!("{}{title}…{}", self.head, self.tail)
    }
}

fn row(i: usize, a: &Archive, lang: Lang) -> Row {
    let number = match i {
        0..9 => format!("{}", i + 1),
        _ => " ".to_string(),
    };
    let name = sanitize_line(&a.name);
    let n = a.library.articles.len();
    let count = lang.pick(format!("{n} 篇"), format!("{n} articles"));
    Row {
        head: format!(" {number}  {name}  "),
        title: sanitize_line(&a.library.title),
        tail: format!("  ({count})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn archives(names: &[&str]) -> Vec<Archive> {
        let lib = Arc::new(crate::model::Library::from(
            crate::model::load_sample().unwrap(),
        ));
        (names.iter())
            .map(|n| Archive {
                name: (*n).into(),
                library: lib.clone(),
                index: crate::app::IndexState::Unused,
                source: None,
            })
            .collect()
    }

    #[test]
    fn keys_move_open_and_leave() {
        let mut c = Chooser::new(&archives(&["a", "b", "c"]), Lang::En, (80, 24));
        assert_eq!(c.input(b"j"), Chosen::Stay);
        assert_eq!(c.input(b"\r"), Chosen::Open(1));
        assert_eq!(c.input(b"jjjjk"), Chosen::Stay);
        assert_eq!(c.input(b"\x1b[B\r"), Chosen::Open(2));
        assert_eq!(c.input(b"3"), Chosen::Open(2));
        assert_eq!(c.input(b"9"), Chosen::Stay);
        assert_eq!(c.input(b"q"), Chosen::Leave);
    }

    #[test]
    fn the_frame_names_every_archive_within_the_window() {
        let hostile = "x\x1b]52;c;aGk=\x07y";
        let c = Chooser::new(&archives(&["zhongyuan", hostile]), Lang::En, (20, 10));
        let frame = String::from_utf8(c.frame()).unwrap();
        assert!(frame.contains("zhongyuan"), "{frame}");
        assert!(!frame.contains("\x1b]52"), "{frame:?}");
        let parsed = {
            let nz = |n| std::num::NonZeroU16::new(n).unwrap();
            let mut p = vt100::Parser::new(nz(10), nz(20), 0);
            p.process(frame.as_bytes());
            p.screen().contents()
        };
        assert!(parsed.contains(" 1  zhongyuan"), "{parsed}");
        assert!(parsed.lines().all(|l| l.chars().count() <= 20), "{parsed}");
    }

    /// A title too long for the window is cut, not the archive's size.
    #[test]
    fn a_long_title_is_cut_and_the_size_stays() {
        let a = archives(&["zhongyuan"]);
        let title = sanitize_line(&a[0].library.title);
        let wide = Chooser::new(&a, Lang::En, (200, 10)).rows[0].fitted(200);
        assert!(wide.contains(&title), "{wide}");
        for cols in 36..=60 {
            let line = Chooser::new(&a, Lang::En, (cols, 10)).rows[0].fitted(usize::from(cols));
            assert!(line.ends_with("(5 articles)"), "{cols}: {line}");
            assert!(line.contains('…'), "{cols}: {line}");
            assert!(
                str_width(&line, WidthMode::Wide) <= usize::from(cols),
                "{cols}: {line}"
            );
        }
    }
}
