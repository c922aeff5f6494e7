//! End to end, in a pseudo-terminal (issue 13): open a long report, read
//! a little, quit; start again on it, jump through the outline to
//! 五、（三）, come back with `''`, peek at the end with `G` and come back,
//! go to 50%; after quitting, the saved reading position and the read mark
//! are what reading left, not where the jumps went.

use crate::common;

use common::REPORTS;
use common::pty::Session;
use common::reader::{status_of, wait_status};

const REPORT: &str = "hq-2024-report";

/// The report's saved position in `state.json`: unit, offset, status.
fn saved(dir: &std::path::Path) -> (u64, u64, String) {
    let text = std::fs::read_to_string(dir.join("state.json")).expect("state.json");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let archives = v["archives"].as_object().unwrap();
    let (_, archive) = archives.iter().next().expect("one archive");
    let p = &archive["positions"][REPORT];
    (
        p["anchor"]["unit"].as_u64().unwrap(),
        p["anchor"]["offset"].as_u64().unwrap(),
        p["status"].as_str().unwrap().to_string(),
    )
}

/// From the reader: back to the list, clear its filter if it has one,
/// quit.
fn quit(s: &mut Session) {
    s.send("q");
    s.wait_for("the list", |t| {
        t.contains("Articles") && status_of(t).is_none()
    });
    if s.text().contains("Articles (Filter") {
        s.send("\x1b");
        s.wait_for("the whole list", |t| t.contains("河清区物业管理办法"));
    }
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn outline_jump_quote_quote_and_peeks_leave_the_saved_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[REPORTS], 80, 24, dir.path(), &[]);
    s.wait_text("Articles");
    s.send("2024年政府\r\r");
    wait_status(&s, "the report", |st| st.first == 1 && st.total > 250);
    s.send("jjj");
    let reading = wait_status(&s, "three lines read", |st| st.first == 4);
    quit(&mut s);
    let before = saved(dir.path());
    assert_eq!(before.2, "in_progress");

    let mut s = Session::start(&[REPORTS], 80, 24, dir.path(), &[]);
    s.wait_text("Press C to continue reading");
    s.send("\r");
    wait_status(&s, "where reading stopped", |st| st == reading);
    // The outline, filtered to 五、（三）; Enter jumps there.
    s.send("o");
    s.wait_text("Outline 42");
    s.send("/生态环境治理\r");
    s.wait_text("Outline (Filter: 生态环境治理) 1/42");
    s.send("\r");
    s.wait_for("the section in the header", |t| {
        t.lines()
            .next()
            .unwrap()
            .contains("\u{203a} 五、 \u{203a} （三）")
            && t.contains("（三）推进生态环境治理。")
    });
    s.send("''");
    wait_status(&s, "back with ''", |st| st == reading);
    s.send("G");
    wait_status(&s, "the end", |st| st.percent == 100);
    s.send("''");
    wait_status(&s, "back again", |st| st == reading);
    s.send("50%");
    let half = wait_status(&s, "half way", |st| st.first > reading.first);
    assert_eq!(half.first - 1, half.total / 2);
    s.send("`");
    wait_status(&s, "back once more", |st| st == reading);
    quit(&mut s);
    assert_eq!(
        saved(dir.path()),
        before,
        "the jumps left the saved position"
    );
}
