//! End to end, resizing a running reader: the same words stay at the top,
//! the screen is what a fresh start at the new size shows, and the words
//! come back after a round trip through a width where the view clamps.

use crate::common;
use crate::e2e_reader::{TONGBAI, check_page, open_tongbai};

use common::pty::{Session, Snapshot};
use common::reader::{
    Status, XUSHUI, no_space, open_xushui, prefix, quit_from_filtered_reader, show_lines, start,
    text_width, wait_status,
};

/// True when `anchor` starts inside the first of `rows` (it may run on into
/// the next row: the layout at the new width breaks elsewhere).
fn starts_in_first_row(rows: &[String], anchor: &str) -> bool {
    let first = no_space(&rows[0]);
    let joined = first.clone() + &no_space(&rows[1]);
    joined.match_indices(anchor).any(|(at, _)| at < first.len())
}

#[test]
fn resizing_keeps_the_same_words_at_the_top() {
    let (mut s, _dir) = start(&[], 80, 24);
    open_tongbai(&mut s);
    s.send("jjj");
    wait_status(&s, "three lines down", |st| st.first == 4);
    let before = s.snapshot();
    let lines80 = show_lines(TONGBAI, text_width(80), "narrow");
    check_page(&before, &lines80);
    let anchor = prefix(&before.rows[1], 6);
    assert!(!anchor.is_empty());

    s.resize(41, 24);
    let lines41 = show_lines(TONGBAI, text_width(41), "narrow");
    wait_status(&s, "the layout at 41 columns", |st| {
        st.total == lines41.len()
    });
    let narrow = s.snapshot();
    let (st, _) = check_page(&narrow, &lines41);
    assert!(st.first > 1, "the view went back to the top: {st:?}");
    assert_same_as_fresh(&narrow, open_tongbai, 41, 24, st.first);
    assert!(
        starts_in_first_row(&narrow.rows[1..], &anchor),
        "{anchor:?} should start in the first body row at 41 columns:\n{}",
        narrow.contents
    );

    s.resize(80, 24);
    wait_status(&s, "the layout at 80 columns", |st| {
        st.total == lines80.len()
    });
    // Same place, same screen: nothing left over from the narrow layout.
    s.wait_snapshot("the screen from before the resizes", &before);
    quit_from_filtered_reader(&mut s);
}

/// After a resize the screen is exactly what a fresh start at that size
/// shows, scrolled (with `j`) to the same first line: no stale cells.
#[track_caller]
fn assert_same_as_fresh(
    got: &Snapshot,
    open: fn(&mut Session) -> Status,
    cols: u16,
    rows: u16,
    first: usize,
) {
    let (mut fresh, _dir) = start(&[], cols, rows);
    open(&mut fresh);
    fresh.send(&"j".repeat(first - 1));
    wait_status(&fresh, "the same place", |st| st.first == first);
    if let Some(diff) = fresh.snapshot().difference(got) {
        panic!(
            "after the resize ({diff}):\n{}\n\na fresh start:\n{}",
            got.contents,
            fresh.text()
        );
    }
    quit_from_filtered_reader(&mut fresh);
}

/// From the middle of the article at 41 columns to 80 (where the article is
/// short enough that the view must clamp) and back: the anchor survives the
/// clamp, so the same words return to the top.
#[test]
fn resizing_back_returns_to_the_same_words() {
    let (mut s, _dir) = start(&[], 41, 24);
    open_xushui(&mut s);
    s.send("\x04"); // Ctrl-d
    let mid = wait_status(&s, "half a page down", |st| st.first > 1);
    let lines41 = show_lines(XUSHUI, text_width(41), "narrow");
    let before = s.snapshot();
    check_page(&before, &lines41);
    assert!(mid.last < mid.total, "not in the middle: {mid:?}");

    s.resize(80, 24);
    let lines80 = show_lines(XUSHUI, text_width(80), "narrow");
    let st = wait_status(&s, "the layout at 80 columns", |st| {
        st.total == lines80.len()
    });
    let wide = s.snapshot();
    check_page(&wide, &lines80);
    assert_same_as_fresh(&wide, open_xushui, 80, 24, st.first);

    s.resize(41, 24);
    wait_status(&s, "the layout at 41 columns", |st| {
        st.total == lines41.len()
    });
    s.wait_snapshot("the screen from before the resizes", &before);
    quit_from_filtered_reader(&mut s);
}

/// Every resize is followed by a whole new screen. With the plain
/// (crossterm) backend that must not ask the terminal where its cursor is:
/// the input thread holds crossterm's reader, so the question timed out
/// and ended the reader with a terminal error.
#[test]
fn the_plain_backend_survives_resizes() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("BULLETIN_BACKEND", "plain")];
    let mut s = Session::start(&[], 80, 24, dir.path(), &env);
    s.wait_text("Subdistricts");
    s.resize(100, 30);
    s.wait_for("the list at 100 columns", |t| {
        t.lines().nth(1).is_some_and(|l| l.chars().count() == 100)
    });
    s.resize(60, 20);
    s.wait_text("Subdist");
    s.send("j");
    std::thread::sleep(std::time::Duration::from_millis(2500));
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "{}", s.text());
}
