//! Every prompt behaves like a shell's (issue 23, item 2): it opens with
//! its previous entry selected (typing replaces it, Right or End keeps
//! it), Up and Down walk its own history, and the history is kept in the
//! state file, for the next session and for other instances.

use crate::common;

use bulletin::app::{Action, App, Key, KeyCode, Lang, Screen, Settings};
use bulletin::store::Store;
use common::{ch, key, press, sample_app, type_str};

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

fn with_store(dir: &std::path::Path) -> App {
    let (store, notices) = Store::open(dir).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    sample_app(settings(), 80, 24).with_store(store)
}

/// The text of the prompt or filter being typed.
fn typed(app: &App) -> String {
    app.modal.input().expect("a prompt").text().to_string()
}

/// Runs an archive search from the list and goes back to the list.
fn find(app: &mut App, q: &str) {
    press(app, &[ch('s')]);
    type_str(app, q);
    press(app, &[key(KeyCode::Enter), ch('q')]);
    assert_eq!(app.screen(), Screen::Browse);
}

fn up() -> Key {
    key(KeyCode::Up)
}

fn down() -> Key {
    key(KeyCode::Down)
}

#[test]
fn the_archive_search_offers_its_last_query_and_typing_replaces_it() {
    let mut app = sample_app(settings(), 80, 24);
    find(&mut app, "养老服务");
    press(&mut app, &[ch('s')]);
    assert_eq!(typed(&app), "养老服务", "offered");
    assert!(app.modal.input().unwrap().is_selected());
    type_str(&mut app, "防汛");
    assert_eq!(typed(&app), "防汛", "replaced, not appended");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.finder.as_ref().unwrap().text, "防汛");
    // Right (or End) keeps it to edit.
    press(&mut app, &[ch('s'), key(KeyCode::Right)]);
    type_str(&mut app, "演练");
    assert_eq!(typed(&app), "防汛演练");
}

#[test]
fn up_and_down_walk_each_prompts_own_history() {
    let mut app = sample_app(settings(), 80, 24);
    find(&mut app, "社区");
    find(&mut app, "物业");
    // The list filter has a history of its own.
    press(&mut app, &[ch('/')]);
    type_str(&mut app, "xushui");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Esc)]);
    assert!(app.browse.filter.is_empty());
    press(&mut app, &[ch('s')]);
    assert_eq!(typed(&app), "物业");
    press(&mut app, &[up()]);
    assert_eq!(typed(&app), "社区", "the entry offered is passed over");
    assert_eq!(
        app.finder.as_ref().unwrap().text,
        "社区",
        "the results follow"
    );
    press(&mut app, &[up()]);
    assert_eq!(typed(&app), "社区", "nothing older");
    press(&mut app, &[down()]);
    assert_eq!(typed(&app), "物业");
    press(&mut app, &[key(KeyCode::Esc), key(KeyCode::Esc)]);
    // The filter: opened empty, it offers its last entry.
    assert_eq!(app.screen(), Screen::Browse);
    press(&mut app, &[ch('/')]);
    assert_eq!(typed(&app), "xushui");
    assert_eq!(app.browse.visible.len(), 1, "the list follows");
    type_str(&mut app, "mf");
    press(&mut app, &[up()]);
    assert_eq!(typed(&app), "xushui");
    press(&mut app, &[down()]);
    assert_eq!(typed(&app), "mf", "back to what was typed");
}

#[test]
fn the_in_article_search_offers_the_last_query() {
    let mut app = sample_app(settings(), 80, 24);
    type_str(&mut app, "棉纺");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    press(&mut app, &[ch('/')]);
    assert_eq!(typed(&app), "", "nothing searched yet");
    type_str(&mut app, "物业");
    press(&mut app, &[key(KeyCode::Enter), ch('/')]);
    assert_eq!(typed(&app), "物业");
    let r = app.reader().unwrap();
    assert_eq!(r.search.matches.len(), 14, "its matches shown");
    press(&mut app, &[key(KeyCode::Enter), ch('n')]);
    assert_eq!(app.reader().unwrap().search.current, Some(1));
}

#[test]
fn the_history_is_kept_in_the_state_file_for_the_next_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(dir.path());
    find(&mut app, "社区");
    find(&mut app, "物业");
    press(&mut app, &[Key::ctrl('c')]);
    assert!(app.quit);
    let json = std::fs::read_to_string(dir.path().join("state.json")).unwrap();
    assert!(json.contains("\"history\""), "{json}");

    let mut next = with_store(dir.path());
    press(&mut next, &[ch('s')]);
    assert_eq!(typed(&next), "物业", "the last query of the last session");
    press(&mut next, &[up()]);
    assert_eq!(typed(&next), "社区");
}

#[test]
fn two_sessions_saving_keep_both_histories() {
    let dir = tempfile::tempdir().unwrap();
    let mut one = with_store(dir.path());
    let mut two = with_store(dir.path());
    find(&mut one, "社区");
    find(&mut two, "物业");
    press(&mut one, &[Key::ctrl('c')]);
    press(&mut two, &[Key::ctrl('c')]);
    let (store, _) = Store::open(dir.path()).unwrap();
    let mut got = store.history("find");
    got.sort();
    assert_eq!(got, ["物业", "社区"]);
}

#[test]
fn an_unsaved_history_alone_does_not_ask_before_quitting() {
    let mut app = sample_app(settings(), 80, 24);
    let (store, _) = Store::open_read_only(std::path::Path::new("/nonexistent/h")).unwrap();
    app = app.with_store(store);
    find(&mut app, "社区");
    bulletin::app::effect::update_inline(&mut app, Action::Tick(std::time::Duration::from_secs(5)));
    find(&mut app, "物业");
    press(&mut app, &[ch('q')]);
    assert!(app.quit, "quits at once: only the history was not saved");
}

/// The bookmark note opens empty: `m` Enter is a bookmark without a note,
/// never one with the previous note again; Up recalls it.
#[test]
fn the_note_opens_empty_and_up_recalls_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(dir.path());
    type_str(&mut app, "西流湖");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    press(&mut app, &[ch('m')]);
    type_str(&mut app, "第一条");
    press(&mut app, &[key(KeyCode::Enter), ch('j'), ch('j'), ch('m')]);
    assert_eq!(typed(&app), "", "opens empty");
    press(&mut app, &[up()]);
    assert_eq!(typed(&app), "第一条", "Up recalls the last note");
    press(
        &mut app,
        &[key(KeyCode::Esc), ch('j'), ch('m'), key(KeyCode::Enter)],
    );
    let notes: Vec<String> = app
        .visible_bookmarks()
        .iter()
        .map(|m| m.note.clone())
        .collect();
    assert!(
        notes.contains(&String::new()),
        "m Enter: no note; {notes:?}"
    );
}
