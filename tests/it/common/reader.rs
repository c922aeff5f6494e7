//! Helpers for tests of the reader screen: starting the binary, the
//! expected lines (`bulletin show`), the status line, common key sequences,
//! and the row-fit check every screen must pass.

#![allow(dead_code)]

use std::process::Command;

use bulletin::text::{WidthMode, str_width};
use tempfile::TempDir;

use super::pty::{Session, Snapshot};

pub const BIN: &str = env!("CARGO_BIN_EXE_bulletin");
/// 须水街道's report.
pub const XUSHUI: &str = "b2a50316";

pub fn start(args: &[&str], cols: u16, rows: u16) -> (Session, TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(args, cols, rows, dir.path(), &[]);
    (s, dir)
}

/// Width of the reader's text column in a terminal `cols` wide.
pub fn text_width(cols: u16) -> u16 {
    80.min(cols - 2)
}

/// `bulletin show ID --width W --ambiguous-width MODE`, one string per line.
pub fn show_lines(id: &str, width: u16, mode: &str) -> Vec<String> {
    let out = Command::new(BIN)
        .args(["show", "--sample", id, "--width", &width.to_string()])
        .args(["--ambiguous-width", mode])
        .output()
        .unwrap();
    assert!(out.status.success(), "bulletin show {id} failed");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

pub fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A row without its margins (ASCII spaces); the U+3000 indent stays.
pub fn norm(row: &str) -> &str {
    row.trim_matches(' ')
}

/// The reader's status line: `first-last/total NN%`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Status {
    pub first: usize,
    pub last: usize,
    pub total: usize,
    pub percent: usize,
}

pub fn parse_status(row: &str) -> Option<Status> {
    let mut tokens = row.split_whitespace();
    while let Some(tok) = tokens.next() {
        let Some((range, total)) = tok.split_once('/') else {
            continue;
        };
        let Some((first, last)) = range.split_once('-') else {
            continue;
        };
        let percent = tokens.next()?.strip_suffix('%')?;
        return Some(Status {
            first: first.parse().ok()?,
            last: last.parse().ok()?,
            total: total.parse().ok()?,
            percent: percent.parse().ok()?,
        });
    }
    None
}

pub fn status_of(text: &str) -> Option<Status> {
    text.lines().last().and_then(parse_status)
}

/// Waits until the status line shows a position satisfying `pred`.
pub fn wait_status(s: &Session, what: &str, pred: impl Fn(Status) -> bool) -> Status {
    s.wait_for(what, |t| status_of(t).is_some_and(&pred));
    status_of(&s.text()).unwrap()
}

/// Types 须水 (which starts the filter), accepts it and opens the one match.
pub fn open_xushui(s: &mut Session) -> Status {
    s.wait_text("须水街道");
    s.send("须水");
    // The filter prompt on the bottom line, and 桐柏路街道's report gone.
    s.wait_for("the list filtered to 须水", |t| {
        t.lines().last().unwrap().contains("须水") && !t.contains("支部联建")
    });
    s.send("\r\r");
    wait_status(s, "须水街道's report", |st| st.first == 1)
}

/// From the reader opened through a filter: `q` back to the list, `Esc`
/// clears the filter, `q` quits with status 0.
pub fn quit_from_filtered_reader(s: &mut Session) {
    s.send("q");
    s.wait_for("the list", |t| {
        t.contains("Articles") && status_of(t).is_none()
    });
    s.send("\x1b");
    s.wait_for("the whole list", |t| {
        t.contains("支部联建") && t.contains("深化党建")
    });
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// Every row fits: the emulator wrapped none, its width (wide characters
/// two columns) is at most the terminal's, and no wide character is cut in
/// half (every wide cell is followed by its continuation and vice versa).
#[track_caller]
pub fn assert_rows_fit(snap: &Snapshot) {
    let cols = usize::from(snap.cols);
    for (r, row) in snap.rows.iter().enumerate() {
        assert!(
            !snap.wrapped[r],
            "row {r} wrapped: {row:?}\n{}",
            snap.contents
        );
        let w = str_width(row, WidthMode::Narrow);
        assert!(
            w <= cols,
            "row {r} is {w} columns wide, more than {cols}: {row:?}"
        );
        let cells = &snap.cells[r];
        for (c, cell) in cells.iter().enumerate() {
            if cell.wide {
                assert!(
                    cells.get(c + 1).is_some_and(|n| n.continuation),
                    "row {r} col {c}: wide {:?} without its second half",
                    cell.contents
                );
            }
            if cell.continuation {
                assert!(
                    c > 0 && cells[c - 1].wide,
                    "row {r} col {c}: the second half of nothing"
                );
            }
        }
    }
}

/// The first few characters of `row`'s text (margins and indent dropped).
pub fn prefix(row: &str, n: usize) -> String {
    no_space(row).chars().take(n).collect()
}
