//! Pasting (issue 22): the reader turns bracketed paste on, so a paste is
//! one edit of the filter or prompt it lands in (its newlines and other
//! control characters dropped, never taken for keys), and off on the way
//! out; Ctrl-c quits during a long paste the terminal did not bracket,
//! before the keys queued ahead of it.

use std::sync::mpsc;

use bulletin::app::{Event, Key, KeyCode, Settings};

use crate::common::pty::Session;
use crate::common::sample_app;

const PASTE_ON: &[u8] = b"\x1b[?2004h";
const PASTE_OFF: &[u8] = b"\x1b[?2004l";

fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

fn prompt_row(s: &Session, prompt: &str) -> Option<String> {
    let rows = s.rows();
    let row = rows.iter().find(|r| r.starts_with(prompt))?;
    Some(row.trim_end().to_string())
}

fn find_last(raw: &[u8], what: &[u8]) -> Option<usize> {
    raw.windows(what.len()).rposition(|w| w == what)
}

/// Bracketed paste was on while the reader ran, and off after it.
fn paste_was_turned_off(s: &Session) {
    let raw = s.raw_bytes();
    let on = find_last(&raw, PASTE_ON).expect("bracketed paste turned on");
    let off = find_last(&raw, PASTE_OFF).expect("and off");
    assert!(off > on, "turned off after it was turned on");
}

/// Pasted on the list, in its filter and in a prompt: one edit each. A
/// newline typed would accept the filter (and `q` then quit).
#[test]
fn a_bracketed_paste_is_one_edit_of_the_filter_and_of_a_prompt() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("Subdistricts");
    s.wait_raw("bracketed paste on", |raw| {
        raw.windows(PASTE_ON.len()).any(|w| w == PASTE_ON)
    });
    // On the list, a paste starts the filter, as typing does.
    s.send(&bracketed("物业"));
    s.wait_for("the filter with the paste", |_| {
        prompt_row(&s, "Filter:").as_deref() == Some("Filter: 物业")
    });
    s.send(&bracketed("\rqq"));
    s.wait_for("the paste in the filter", |_| {
        prompt_row(&s, "Filter:").as_deref() == Some("Filter: 物业qq")
    });
    s.send("\x1b");
    s.wait_for("the filter closed", |_| prompt_row(&s, "Filter:").is_none());
    s.send("s");
    s.wait_text("Search all:");
    s.send(&bracketed("物业\rq"));
    s.wait_for("the paste in the prompt", |_| {
        prompt_row(&s, "Search all:").is_some_and(|r| r.starts_with("Search all: 物业q"))
    });
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    paste_was_turned_off(&s);
}

/// 300 characters pasted without brackets, Ctrl-c right behind them in
/// the same write: the reader quits and gives the terminal back.
#[test]
fn ctrl_c_during_a_long_raw_paste_quits() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, dir.path(), &[]);
    s.wait_text("Subdistricts");
    let text: String = "须水街道物业xushui ".chars().cycle().take(300).collect();
    s.send(&format!("{text}\x03"));
    assert_eq!(s.wait_exit(), 0);
    paste_was_turned_off(&s);
}

/// Through the run loop: keys already waiting when Ctrl-c comes are not
/// handled first (none reaches the filter).
#[test]
fn ctrl_c_goes_before_the_keys_waiting_ahead_of_it() {
    let mut app = sample_app(Settings::default(), 80, 24);
    let (tx, rx) = mpsc::channel();
    for c in "须水街道物业".chars().cycle().take(300) {
        tx.send(Event::Key(Key::ch(c))).unwrap();
    }
    tx.send(Event::Key(Key::ctrl('c'))).unwrap();
    drop(tx);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    bulletin::term::run(&mut terminal, &mut app, rx, &mut Vec::new()).unwrap();
    assert!(app.quit);
    assert_eq!(app.browse.filter, "", "no key typed ahead was handled");
}

/// Through the run loop: a burst of typing into the filter is taken at
/// once, and the list is the one the whole text gives.
#[test]
fn keys_typed_at_once_leave_the_filter_and_list_of_their_whole_text() {
    let typed = |keys: &str| {
        let mut app = sample_app(Settings::default(), 80, 24);
        let (tx, rx) = mpsc::channel();
        for c in keys.chars() {
            tx.send(Event::Key(Key::ch(c))).unwrap();
        }
        tx.send(Event::Key(Key::plain(KeyCode::Backspace))).unwrap();
        drop(tx);
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
        bulletin::term::run(&mut terminal, &mut app, rx, &mut Vec::new()).unwrap();
        app
    };
    let burst = typed("须水x");
    let mut one_by_one = sample_app(Settings::default(), 80, 24);
    crate::common::type_str(&mut one_by_one, "须水");
    assert_eq!(burst.browse.filter, "须水");
    assert_eq!(burst.browse.visible, one_by_one.browse.visible);
    assert!(!burst.browse.visible.is_empty());
}
