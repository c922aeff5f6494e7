//! Bugs found in the interaction core, each checked the way a user meets
//! it: the real binary in a pseudo-terminal, the screen read back through
//! a terminal emulator.

use crate::common;

use common::pty::Session;

fn start(args: &[&str], cols: u16, rows: u16, lang: &str) -> (Session, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let s = Session::start(args, cols, rows, dir.path(), &[("LANG", lang)]);
    (s, dir)
}

/// Opens 棉纺路街道's report (the one with 14 matches of 物业).
fn open_mianfang(s: &mut Session) {
    s.wait_for("the list", |t| {
        t.contains("Subdistricts") || t.contains("街道 ")
    });
    s.send("棉纺");
    s.send("\r\r");
    s.wait_for("the article", |t| t.contains("中原区 \u{203a} 棉纺路街道"));
}

/// The character just before `needle` on the bottom row.
fn before_on_status(s: &Session, needle: &str) -> char {
    let rows = s.rows();
    let status = rows.last().unwrap();
    let at = status
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {status:?}"));
    status[..at].chars().next_back().unwrap_or(' ')
}

#[test]
fn the_search_count_never_shows_leftovers_of_the_status_line() {
    for (cols, lang) in [
        (80, "en_US.UTF-8"),
        (80, "zh_CN.UTF-8"),
        (40, "en_US.UTF-8"),
    ] {
        let (mut s, _dir) = start(&[], cols, 24, lang);
        open_mianfang(&mut s);
        s.send("/物业");
        s.wait_for("the count", |t| t.lines().last().unwrap().contains("1/14"));
        assert_eq!(
            before_on_status(&s, "1/14"),
            ' ',
            "{cols} {lang}:\n{}",
            s.text()
        );
        s.send("zzz");
        let none = if lang.starts_with("zh") {
            "无匹配"
        } else {
            "no match"
        };
        s.wait_for("no match", |t| t.lines().last().unwrap().contains(none));
        assert_eq!(
            before_on_status(&s, none),
            ' ',
            "{cols} {lang}:\n{}",
            s.text()
        );
        s.send("\x1b");
        s.send("q");
    }
}

#[test]
fn a_bookmark_goes_where_the_reader_looks_not_to_an_old_match() {
    // Short, so the match and the end of the text are pages apart.
    let (mut s, _dir) = start(&[], 80, 8, "en_US.UTF-8");
    open_mianfang(&mut s);
    s.send("/小马扎\r");
    s.wait_for("the match", |t| t.lines().last().unwrap().contains("1/"));
    s.send("G");
    s.wait_for("the end", |t| t.lines().last().unwrap().contains("100%"));
    let view = s.text();
    s.send("m");
    s.wait_text("Bookmark note");
    s.send("\r");
    s.wait_text("Bookmark added");
    s.send("'");
    s.wait_text("Bookmarks");
    // The row says "loading…" until the check of its text comes back.
    s.wait_for("the bookmark's snippet", |t| !t.contains("loading…"));
    let rows = s.rows();
    let snippet: String = rows[3]
        .trim_matches(|c: char| c == '\u{2502}' || c.is_whitespace())
        .chars()
        .take(8)
        .collect();
    assert!(
        !snippet.starts_with("小马扎"),
        "bookmarked the old match:\n{}",
        s.text()
    );
    assert!(
        view.replace([' ', '\u{3000}'], "")
            .contains(&snippet.replace(' ', "")),
        "{snippet:?} is not on the screen the reader showed:\n{view}"
    );
}

#[test]
fn the_bookmark_list_shows_the_note_before_the_snippet() {
    let (mut s, _dir) = start(&[], 80, 24, "en_US.UTF-8");
    open_mianfang(&mut s);
    s.send("jjjm");
    s.wait_text("Bookmark note");
    s.send("记得回看这一段\r");
    s.wait_text("Bookmark added");
    s.send("'");
    s.wait_text("Bookmarks");
    let row = s.rows()[3].clone();
    let note = row.find("记得回看这一段");
    assert!(note.is_some(), "the note is cut off or missing: {row:?}");
    assert!(note.unwrap() < 8, "the note comes first: {row:?}");
}

#[test]
fn mouse_mode_asks_for_clicks_and_drags_not_every_motion() {
    let (mut s, _dir) = start(&["--mouse"], 80, 24, "en_US.UTF-8");
    s.wait_text("Subdistricts");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&s.raw_bytes()).to_string();
    assert!(
        raw.contains("\x1b[?1000h") && raw.contains("\x1b[?1006h"),
        "{raw:?}"
    );
    assert!(!raw.contains("\x1b[?1003h"), "any-motion tracking is on");
    assert!(
        raw.contains("\x1b[?1000l"),
        "mouse reporting is turned off at exit"
    );
}
