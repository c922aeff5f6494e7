//! No typed key waits or is lost (issue 20): keys typed while the window
//! is resized are read at once, and keys typed right after the start-up
//! probe was answered are keys. A reader that loses keys typed ahead is a
//! real problem over SSH, where typing ahead of the screen is normal; the
//! first once made a pty test time out with its keys unread.

use crate::common::pty::Session;

/// The filter prompt's row, as shown.
fn filter_row(s: &Session) -> Option<String> {
    let rows = s.rows();
    let row = rows.iter().find(|r| r.starts_with("Filter:"))?;
    Some(row.trim_end().to_string())
}

/// A resize and a key at once, many times over: crossterm's edge-triggered
/// source returned the resize and left the key in the terminal, unread
/// until the next key (here: never, so the wait would time out). Before
/// the fix this stalled within 25 rounds in each of five runs; 100 rounds
/// keep four times that margin.
#[test]
fn keys_typed_while_the_window_is_resized_are_read_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("Subdistricts");
    s.send("/");
    s.wait_text("Filter:");
    for round in 0..100u16 {
        s.resize(80, 20 + round % 4);
        let (key, shown) = match round % 2 {
            0 => ("x", "Filter: x"),
            _ => ("\x7f", "Filter:"),
        };
        s.send(key);
        let what = format!("round {round}: {shown:?}");
        s.wait_for(&what, |_| filter_row(&s).as_deref() == Some(shown));
    }
    // Esc alone: with the q after it, it would read as Alt-q.
    s.send("\x1b");
    s.wait_for("the filter closed", |_| filter_row(&s).is_none());
    s.send("qq");
    assert_eq!(s.wait_exit(), 0);
}

/// Once the probe has its answer no late reply can come, so nothing typed
/// after it is taken for a piece of one: `?` (like a count's digits or
/// Esc) was dropped for half a second after every start.
#[test]
fn keys_typed_right_after_the_probe_is_answered_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let auto = [("BULLETIN_AMBIGUOUS_WIDTH", "auto")];
    let mut s = Session::start(&[], 80, 24, dir.path(), &auto);
    s.wait_raw("the probe", |raw| raw.windows(4).any(|w| w == b"\x1b[6n"));
    // The cursor one column on: a narrow terminal.
    s.send("\x1b[1;2R");
    s.wait_text("Subdistricts");
    s.send("?");
    s.wait_text("Keys (Esc/q/? close)");
    s.send("q");
    s.wait_text("Subdistricts");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
