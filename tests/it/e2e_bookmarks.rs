//! End to end, in a pseudo-terminal: bookmark a passage at 80 columns,
//! quit, reopen at 41 columns, jump from the bookmark list, and find the
//! same words at the top of the view. Also: a reader killed with SIGKILL
//! right after a bookmark keeps it.

use crate::common;

use common::pty::Session;

/// The first non-blank body row of the reader (row 0 is the breadcrumb
/// bar; a blank separator line at the top anchors to the text below it).
fn top_row(s: &Session) -> String {
    let rows = s.rows();
    rows[1..]
        .iter()
        .map(|r| r.trim())
        .find(|r| !r.is_empty())
        .unwrap_or("")
        .to_string()
}

/// The first few characters of `row` without the paragraph indent.
fn words(row: &str) -> String {
    row.trim_start_matches(['\u{3000}', ' '])
        .chars()
        .take(6)
        .collect()
}

#[test]
fn bookmark_at_80_columns_lands_on_the_same_words_at_41() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("Subdistricts");
    // Each step waited for on its own: this test once timed out with the
    // unfiltered list on screen, and the old single wait (for a row the
    // unfiltered list shows too) could not tell which key went missing.
    s.send("西流湖");
    s.wait_text("Filter: 西流湖");
    s.send("\r\r");
    s.wait_text("中原区 \u{203a} 西流湖街道");
    s.resize(80, 10);
    s.wait_text("1-8/17");
    s.send("jjjjj");
    s.wait_for("scrolled", |t| t.contains("6-"));
    let before = words(&top_row(&s));
    s.send("m");
    s.wait_text("Bookmark note");
    s.send("环境整治");
    s.send("\r");
    s.wait_text("Bookmark added");
    s.send("qqq");
    assert_eq!(s.wait_exit(), 0);

    // Short enough that the passage can be at the top (the view never
    // scrolls past the end of the text).
    let mut s = Session::start(&[], 41, 12, dir.path(), &[]);
    s.wait_text("Articles");
    s.send("'");
    s.wait_text("在社区环境整治");
    s.send("\r");
    s.wait_text("中原区 \u{203a} 西流湖街道");
    let after = words(&top_row(&s));
    assert_eq!(after, before, "same words at the top:\n{}", s.text());
    s.send("qqq");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bookmark_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("Subdistricts");
    s.send("须水\r\r");
    s.wait_text("须水街道 ");
    s.send("jjm");
    s.wait_text("Bookmark note");
    s.send("kill test\r");
    s.wait_text("Bookmark added");
    let pid = s.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    s.wait_exit();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["bookmarks", "--json", "--data-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    let listing = String::from_utf8(out.stdout).unwrap();
    assert!(listing.contains("kill test"), "{listing}");
}

#[test]
fn a_damaged_state_file_is_moved_aside_and_the_user_told_where() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), "{ not json").unwrap();
    let mut s = Session::start(&[], 120, 24, dir.path(), &[]);
    s.wait_text("was damaged");
    s.wait_text("moved it to");
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("state.json.corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    let aside = std::fs::read_to_string(dir.path().join(&kept[0])).unwrap();
    assert_eq!(aside, "{ not json", "the damaged file is kept as it was");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
