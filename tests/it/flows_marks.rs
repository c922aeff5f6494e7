//! Flow tests of issue 23: `A` marks the whole list read and `u` puts the
//! marks back, both kept in the state file (item 10); a view resumed at
//! the end of the text is read by asking for more (item 10); an archive
//! without dates says so for `y` and the date order (item 9).

use crate::common;

use bulletin::app::{App, KeyCode, Lang, Screen};
use bulletin::store::{Status, Store};
use common::{ch, key, press, reports_app, sample_app, type_str};

fn with_store(dir: &std::path::Path) -> App {
    let (store, _) = Store::open(dir).unwrap();
    sample_app(common::settings_in(Lang::En), 80, 24).with_store(store)
}

fn statuses(app: &App) -> Vec<Status> {
    (0..app.archive.articles.len())
        .map(|i| app.read_status(i))
        .collect()
}

fn quit(app: &mut App) {
    while !app.quit {
        press(app, &[key(KeyCode::Esc), ch('q')]);
    }
}

#[test]
fn capital_a_marks_the_list_read_and_u_puts_the_marks_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(dir.path());
    // One article half read first: its place and mark come back on undo.
    type_str(&mut app, "须水");
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Enter), ch('j')],
    );
    press(&mut app, &[ch('q'), key(KeyCode::Esc), ch('g')]);
    let xushui = (0..5)
        .find(|&i| app.read_status(i) == Status::InProgress)
        .unwrap();
    let before = statuses(&app);
    press(&mut app, &[ch('A')]);
    assert_eq!(statuses(&app), vec![Status::Read; 5]);
    assert_eq!(
        app.status.as_deref(),
        Some("Marked 5 articles read, u to undo")
    );
    assert_eq!(app.browse.unread[0], 0);
    press(&mut app, &[ch('u')]);
    assert_eq!(statuses(&app), before);
    assert_eq!(app.read_status(xushui), Status::InProgress);
    assert_eq!(
        app.status.as_deref(),
        Some("Read marks restored as they were")
    );
    quit(&mut app);
    // Both kept in the state file.
    let mut again = with_store(dir.path());
    assert_eq!(statuses(&again), before);
    press(&mut again, &[ch('A')]);
    quit(&mut again);
    let mut third = with_store(dir.path());
    assert_eq!(statuses(&third), vec![Status::Read; 5]);
    press(&mut third, &[ch('A')]);
    assert_eq!(
        third.status.as_deref(),
        Some("Every article here is read already")
    );
    // The undo is the session's that marked them.
    press(&mut third, &[ch('u')]);
    assert_eq!(third.status.as_deref(), Some("Nothing to undo"));
}

#[test]
fn capital_a_marks_only_the_group_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(dir.path());
    type_str(&mut app, "须水");
    press(&mut app, &[key(KeyCode::Enter), ch('A')]);
    let read: Vec<usize> = (0..5)
        .filter(|&i| app.read_status(i) == Status::Read)
        .collect();
    assert_eq!(read.len(), 1, "{:?}", statuses(&app));
    assert_eq!(
        app.status.as_deref(),
        Some("Marked 1 article read, u to undo")
    );
}

#[test]
fn a_view_resumed_at_the_end_is_read_by_scrolling_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(common::settings_in(Lang::En), 80, 24, Some(dir.path()));
    type_str(&mut app, "2024年政府");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let height = app.geo.reader.body_height;
    let last = app.reader().unwrap().max_top(height);
    // Read to a line short of the end, as a taller terminal shows whole.
    type_str(&mut app, &format!("{}j", last - 3));
    let r = app.reader().unwrap();
    assert!(!r.at_end(height));
    let article = r.article;
    assert_eq!(app.read_status(article), Status::InProgress);
    quit(&mut app);
    let mut again = reports_app(common::settings_in(Lang::En), 80, 40, Some(dir.path()));
    type_str(&mut again, "2024年政府");
    press(&mut again, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let height = again.geo.reader.body_height;
    assert!(again.reader().unwrap().at_end(height), "resumed at the end");
    assert_eq!(again.read_status(article), Status::InProgress);
    press(&mut again, &[ch('j')]);
    assert_eq!(again.read_status(article), Status::Read);
    // A jump to the end still is not reading.
    press(&mut again, &[ch('r'), ch('g'), ch('G'), ch('j'), ch(' ')]);
    assert_eq!(again.read_status(article), Status::Unread);
}

#[test]
fn an_archive_without_dates_says_so() {
    for (lang, said) in [
        (Lang::En, "No dates in this archive"),
        (Lang::Zh, "本档案中没有日期"),
    ] {
        let mut app = sample_app(common::settings_in(lang), 80, 24);
        assert!(app.archive.articles.iter().all(|a| a.date.is_none()));
        press(&mut app, &[ch('S'), ch('S')]);
        let status = app.status.clone().unwrap();
        assert!(status.ends_with(said), "{status}");
        press(&mut app, &[ch('s')]);
        type_str(&mut app, "党建");
        press(&mut app, &[key(KeyCode::Enter)]);
        assert_eq!(app.screen(), Screen::Results);
        press(&mut app, &[ch('y')]);
        assert_eq!(app.status.as_deref(), Some(said));
        // Archive order, most hits, then by date: said again.
        press(&mut app, &[ch('S')]);
        assert_eq!(app.status, None);
        press(&mut app, &[ch('S')]);
        assert_eq!(app.status.as_deref(), Some(said));
    }
}
