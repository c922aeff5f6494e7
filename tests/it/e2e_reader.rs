//! End to end: the real `bulletin` binary in a pseudo-terminal, keys typed,
//! the screen read back through a terminal emulator (`vt100`).
//!
//! The expected text comes from outside the reader: the lines of
//! `bulletin show ID --width W` (the plain-text rendering of the same layout
//! engine) and the article's text in the sample archive's JSON. The reader's
//! text column is `min(80, columns - 2)` wide (issue 3: an 80-column maximum,
//! one column of margin on each side).
//!
//! Every wait is for a screen condition (with the harness's long patience),
//! never a sleep, so the tests do not depend on timing.

use crate::common;

use std::path::PathBuf;

use common::pty::{Session, Snapshot};
use common::reader::{
    Status, XUSHUI, assert_rows_fit, no_space, norm, open_xushui, parse_status, prefix,
    quit_from_filtered_reader, show_lines, start, text_width, wait_status,
};

/// 桐柏路街道's report, the longest of the sample.
pub(crate) const TONGBAI: &str = "00a106d7";

/// Never at the start of a line (GUIDE §1).
const CLOSING: &str = "、，。．：；！？）】》〉」』〕”’·…,.;:!?)";

/// The article's text units from the archive JSON, in reading order:
/// title, subtitle, bylines, then each block's text (and caption credit).
fn article_units(id: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/zhongyuan.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let a = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .expect("article in the sample");
    let mut units = vec![a["title"].as_str().unwrap().to_string()];
    units.extend(a["subtitle"].as_str().map(str::to_string));
    for b in a["bylines"].as_array().into_iter().flatten() {
        units.push(format!(
            "{} {}",
            b["role"].as_str().unwrap(),
            b["name"].as_str().unwrap()
        ));
    }
    for b in a["body"].as_array().unwrap() {
        units.push(b["text"].as_str().unwrap().to_string());
        units.extend(b["credit"].as_str().map(str::to_string));
    }
    units
}

/// Opens 桐柏路街道's report: the group pane, its group, then the article.
pub(crate) fn open_tongbai(s: &mut Session) -> Status {
    s.wait_text("桐柏路街道");
    s.send("/桐柏\r\r");
    wait_status(s, "桐柏路街道's report", |st| st.first == 1)
}

/// No body row (between the top bar and the status line) starts with
/// closing punctuation.
#[track_caller]
fn assert_no_closing_at_start(snap: &Snapshot) {
    let body = &snap.rows[1..snap.rows.len() - 1];
    for row in body {
        let text = row.trim_start_matches([' ', '\u{3000}']);
        if let Some(c) = text.chars().next() {
            assert!(!CLOSING.contains(c), "a row starts with {c:?}: {row:?}");
        }
    }
}

/// Checks one reader page against the article's laid-out lines: each body
/// row is the line the status says it is, rows past the end are empty.
/// Returns the status and the lines shown, by index.
#[track_caller]
pub(crate) fn check_page(snap: &Snapshot, lines: &[String]) -> (Status, Vec<(usize, String)>) {
    let st = parse_status(snap.rows.last().unwrap())
        .unwrap_or_else(|| panic!("no status line:\n{}", snap.contents));
    assert_eq!(st.total, lines.len(), "total lines in the status line");
    let body = &snap.rows[1..snap.rows.len() - 1];
    assert!(
        st.first >= 1 && st.first <= st.last && st.last <= st.total,
        "{st:?}"
    );
    assert_eq!(
        st.last - st.first + 1,
        body.len().min(st.total - st.first + 1),
        "the status line counts the rows shown: {st:?}"
    );
    let mut shown = Vec::new();
    for (i, row) in body.iter().enumerate() {
        let line = st.first - 1 + i;
        if line < st.last {
            assert_eq!(
                norm(row),
                norm(&lines[line]),
                "body row {i} should be line {} of the article:\n{}",
                line + 1,
                snap.contents
            );
            shown.push((line, norm(row).to_string()));
        } else {
            assert_eq!(norm(row), "", "row {i} past the end is not empty");
        }
    }
    assert_rows_fit(snap);
    assert_no_closing_at_start(snap);
    (st, shown)
}

/// Opens 须水街道's report at `cols`x`rows`, pages to the end with Space,
/// and checks every page and the text collected across the pages.
fn read_xushui_to_end(cols: u16, rows: u16) {
    let (mut s, _dir) = start(&[], cols, rows);
    open_xushui(&mut s);
    let lines = show_lines(XUSHUI, text_width(cols), "narrow");
    let mut seen: Vec<Option<String>> = vec![None; lines.len()];
    let mut pages = 0;
    let mut prev: Option<Status> = None;
    loop {
        let (st, shown) = check_page(&s.snapshot(), &lines);
        if let Some(p) = prev {
            assert!(
                st.first <= p.last + 1,
                "a gap between pages: {p:?} then {st:?}"
            );
        }
        for (i, text) in shown {
            seen[i] = Some(text);
        }
        pages += 1;
        assert!(pages < 100, "Space does not reach the end");
        if st.last == st.total {
            assert_eq!(st.percent, 100);
            break;
        }
        s.send(" ");
        prev = Some(wait_status(&s, "the next page", |n| n.first > st.first));
    }
    if lines.len() > usize::from(rows - 2) {
        assert!(
            pages >= 2,
            "the article should take more than one page at {cols}x{rows}"
        );
    }
    let text: String = seen
        .iter()
        .enumerate()
        .map(|(i, l)| {
            l.clone()
                .unwrap_or_else(|| panic!("line {} never shown", i + 1))
        })
        .collect();
    assert_eq!(
        no_space(&text),
        no_space(&article_units(XUSHUI).concat()),
        "the article's text across the pages at {cols}x{rows}"
    );
    quit_from_filtered_reader(&mut s);
}

#[test]
fn read_xushui_to_the_end_at_80x24() {
    read_xushui_to_end(80, 24);
}

#[test]
fn read_xushui_to_the_end_at_41x24() {
    read_xushui_to_end(41, 24);
}

#[test]
fn read_xushui_to_the_end_at_40x12() {
    read_xushui_to_end(40, 12);
}

#[test]
fn read_xushui_to_the_end_at_120x40_centred() {
    read_xushui_to_end(120, 40);
}

/// Finds the help box: its top-left corner, right column and bottom row.
fn help_box(snap: &Snapshot) -> Option<(usize, usize, usize, usize)> {
    for (r, row) in snap.cells.iter().enumerate() {
        let Some(left) = row.iter().position(|c| c.contents == "┌") else {
            continue;
        };
        let right = row.iter().rposition(|c| c.contents == "┐")?;
        let bottom = (r + 1..snap.cells.len()).find(|&b| snap.cells[b][left].contents == "└")?;
        return Some((r, left, right, bottom));
    }
    None
}

#[test]
fn help_overlay_opens_and_closes_without_a_trace() {
    let (mut s, _dir) = start(&[], 80, 24);
    open_xushui(&mut s);
    s.send("j");
    wait_status(&s, "one line down", |st| st.first == 2);
    let before = s.snapshot();
    check_page(&before, &show_lines(XUSHUI, text_width(80), "narrow"));

    s.send_and_draw("?", 1);
    let help = s.snapshot();
    assert!(
        help.contents.contains("Keys"),
        "no help:\n{}",
        help.contents
    );
    assert_rows_fit(&help);
    let (top, left, right, bottom) = help_box(&help).expect("a bordered help box");
    assert!(bottom > top + 2);
    // The box's edges are whole on every row, also where they cross the
    // middle of a Chinese character of the text beneath (GUIDE §2).
    for r in top + 1..bottom {
        assert_eq!(
            help.cells[r][left].contents, "│",
            "left edge, row {r}:\n{}",
            help.contents
        );
        assert_eq!(
            help.cells[r][right].contents, "│",
            "right edge, row {r}:\n{}",
            help.contents
        );
    }

    s.send("\x1b");
    s.wait_snapshot("the reader as it was before help", &before);
    quit_from_filtered_reader(&mut s);
}

/// The top bar's `n/m`: which article of its group is open.
fn group_position(snap: &Snapshot) -> Option<(usize, usize)> {
    let tok = snap.rows[0].split_whitespace().last()?;
    let (n, m) = tok.split_once('/')?;
    Some((n.parse().ok()?, m.parse().ok()?))
}

/// Sends `keys`, and returns the first frame drawn after them whose top
/// bar says `want`. Under load the first frame counted after a key can be
/// one drawn for an event before it (such as a save finishing);
/// the key's own comes next.
fn draw_at(s: &mut Session, keys: &str, want: (usize, usize)) -> Snapshot {
    s.send_and_draw(keys, 1);
    let mut snap = s.snapshot();
    for _ in 0..2 {
        if group_position(&snap) == Some(want) {
            break;
        }
        s.send_and_draw("", 1);
        snap = s.snapshot();
    }
    assert_eq!(group_position(&snap), Some(want), "{}", snap.contents);
    snap
}

#[test]
fn brackets_go_to_the_next_and_previous_article_of_the_group() {
    let (mut s, _dir) = start(&[], 80, 24);
    // The "All" group is selected at start: five articles, in list order.
    // The hints on the bottom row: the whole list has been drawn.
    s.wait_for("the list", |t| {
        t.contains("棉纺路街道") && t.contains("q quit")
    });
    let list = s.snapshot();
    let first = draw_at(&mut s, "\r", (1, 5));
    let first_title = prefix(&first.rows[1], 6);

    let second = draw_at(&mut s, "]", (2, 5));
    let second_title = prefix(&second.rows[1], 6);
    assert_ne!(first_title, second_title);
    // The second article is the list's second entry.
    let titles: Vec<&String> = list
        .rows
        .iter()
        .filter(|r| no_space(r).contains(&second_title))
        .collect();
    assert!(
        !titles.is_empty(),
        "{second_title:?} is not in the list:\n{}",
        list.contents
    );
    let lines = show_lines_for_title(&second_title);
    check_page(&second, &lines);

    s.send_and_draw("[", 1);
    s.wait_snapshot("the first article as it was", &first);

    s.send("[");
    s.wait_text("First article in this group");
    s.send("qq");
    assert_eq!(s.wait_exit(), 0);
}

/// The `show` lines (at 78 columns) of the sample article whose title starts
/// with `title_prefix`.
fn show_lines_for_title(title_prefix: &str) -> Vec<String> {
    for id in ["fbe66a44", "00a106d7", "aab60e0a", XUSHUI, "97223e74"] {
        let lines = show_lines(id, text_width(80), "narrow");
        if no_space(&lines[0]).starts_with(title_prefix) {
            return lines;
        }
    }
    panic!("no sample article titled {title_prefix:?}");
}

#[test]
fn last_article_of_a_one_article_group_says_so() {
    let (mut s, _dir) = start(&[], 80, 24);
    s.wait_text("须水街道 (1)");
    // The group pane, down to 须水街道, then its one article.
    s.send("h");
    for _ in 0..5 {
        s.send("j");
    }
    s.wait_for("须水街道's group", |t| {
        t.contains("Articles") && t.contains("合力攻坚强推动") && !t.contains("支部联建聚合力")
    });
    s.send("\r\r");
    wait_status(&s, "须水街道's report", |st| st.first == 1);
    assert_eq!(group_position(&s.snapshot()), Some((1, 1)));
    s.send("]");
    s.wait_text("Last article in this group");
    s.send("qq");
    assert_eq!(s.wait_exit(), 0);
}
