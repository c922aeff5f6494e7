//! Reading after a jump is reading (issue 20, finding 6): whatever the
//! jump (the outline, `}`, `)`, `NN%`, `NNg`, `''`, Ctrl-o, a search hit,
//! `n`, a bookmark), the next move that shows new text (`j`, `Space`,
//! `Ctrl-d`, `PgDn`, the wheel) moves the saved position to the top of the
//! view; the jump alone does not, and `G` to peek at the end is still not
//! reading the article to its end.

use crate::common;

use bulletin::app::effect::update_inline;
use bulletin::app::{Action, App, Key, KeyCode, Lang, Screen, Settings};
use bulletin::store::Status;
use bulletin::text::Pos;
use common::{ch, key, press, reports_app, type_str};

const REPORT: &str = "hq-2024-report";

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

/// The 2024 work report, open at its start, with a state store in `dir`.
fn report(dir: &std::path::Path) -> App {
    let mut app = reports_app(settings(), 80, 24, Some(dir));
    type_str(&mut app, "2024年政府");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    app
}

fn anchor(app: &App) -> Pos {
    app.reader().expect("an article is open").anchor
}

fn top(app: &App) -> usize {
    app.reader().expect("an article is open").top
}

/// The saved position of the report, as the store has it.
fn saved(app: &App) -> (Pos, Status) {
    let p = app.persist.as_ref().unwrap();
    let pos = p.store.position(&p.key, REPORT).expect("a saved position");
    let at = Pos {
        unit: pos.anchor.unit,
        offset: pos.anchor.offset,
    };
    (at, pos.status)
}

#[test]
fn an_outline_jump_then_five_j_is_where_the_article_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = report(dir.path());
    press(&mut app, &[ch('o'), ch('j'), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    let landed = anchor(&app);
    assert_ne!(landed, Pos::default(), "the outline jumped");
    press(&mut app, &[ch('j'); 5]);
    let read_to = anchor(&app);
    assert!(read_to > landed);
    assert_eq!(saved(&app), (read_to, Status::InProgress));
    press(&mut app, &[ch('q'), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(anchor(&app), read_to, "reopened where reading stopped");
    // And after starting again.
    press(&mut app, &[ch('q')]);
    while !app.quit {
        press(&mut app, &[key(KeyCode::Esc), ch('q')]);
    }
    let again = report(dir.path());
    assert_eq!(anchor(&again), read_to);
}

/// Every kind of jump, from the start of the report (with a bookmark
/// half way made beforehand for the last one).
fn jumps() -> Vec<(&'static str, Vec<Key>)> {
    let enter = key(KeyCode::Enter);
    vec![
        ("outline", vec![ch('o'), ch('j'), ch('j'), enter]),
        ("}", vec![ch('3'), ch('}')]),
        (")", vec![ch('}'), ch(')')]),
        ("NN%", vec![ch('4'), ch('0'), ch('%')]),
        ("NNg", vec![ch('1'), ch('2'), ch('0'), ch('g')]),
        (
            "''",
            vec![ch('}'), ch('}'), ch('}'), ch('}'), ch('\''), ch('\'')],
        ),
        ("Ctrl-o", vec![ch('}'), ch('}'), ch('}'), Key::ctrl('o')]),
        (
            "search",
            vec![ch('/'), ch('营'), ch('商'), ch('环'), ch('境'), enter],
        ),
        (
            "n",
            vec![
                ch('/'),
                ch('营'),
                ch('商'),
                ch('环'),
                ch('境'),
                enter,
                ch('n'),
            ],
        ),
        ("bookmark", vec![ch('\''), enter]),
    ]
}

/// Each way of reading on, as keys or a wheel turn.
fn reads() -> Vec<(&'static str, Action)> {
    vec![
        ("j", Action::Down),
        ("Space", Action::PageDown),
        ("Ctrl-d", Action::HalfPageDown),
        ("wheel", Action::Scroll(3)),
    ]
}

#[test]
fn one_move_on_after_any_jump_is_reading() {
    for (jump, keys) in jumps() {
        for (how, read) in reads() {
            let dir = tempfile::tempdir().unwrap();
            let mut app = report(dir.path());
            if jump == "bookmark" {
                press(&mut app, &[ch('5'), ch('0'), ch('%'), ch('m')]);
                press(&mut app, &[key(KeyCode::Enter), ch('g')]);
            }
            press(&mut app, &keys);
            assert_eq!(app.screen(), Screen::Read, "{jump}");
            assert_ne!(anchor(&app), Pos::default(), "{jump} jumped");
            let was = top(&app);
            assert_eq!(saved(&app).0, Pos::default(), "{jump} alone is not reading");
            update_inline(&mut app, read);
            let now = anchor(&app);
            assert!(top(&app) > was, "{jump} then {how} moved on");
            assert_eq!(app.reader().unwrap().reading, now, "{jump} then {how}");
            assert_eq!(saved(&app).0, now, "{jump} then {how} is saved");
        }
    }
}

#[test]
fn ctrl_d_and_space_after_a_section_jump_are_kept_on_reopening() {
    for keys in [[ch(' ')], [Key::ctrl('d')]] {
        let dir = tempfile::tempdir().unwrap();
        let mut app = report(dir.path());
        press(&mut app, &[ch('}'), ch('}'), ch('}')]);
        press(&mut app, &keys);
        let read_to = anchor(&app);
        press(&mut app, &[ch('q'), key(KeyCode::Enter)]);
        assert_eq!(anchor(&app), read_to, "{keys:?}");
    }
}

#[test]
fn a_peek_at_the_end_is_still_not_reading() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = report(dir.path());
    press(&mut app, &[ch('G')]);
    let end = anchor(&app);
    // Up and down again shows nothing new since the jump.
    press(&mut app, &[ch('k'), ch('k'), ch('j'), ch('j'), ch(' ')]);
    assert_eq!(anchor(&app), end);
    press(&mut app, &[ch('q')]);
    assert_eq!(saved(&app), (Pos::default(), Status::InProgress));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(anchor(&app), Pos::default(), "reopened at the start");
    // Going back from a jump and reading on there is reading again.
    press(
        &mut app,
        &[ch('5'), ch('0'), ch('%'), ch('3'), ch('k'), ch('j')],
    );
    assert_eq!(saved(&app).0, Pos::default(), "back over seen text");
    press(&mut app, &[ch('5'), ch('j')]);
    assert_eq!(saved(&app).0, anchor(&app), "new text");
}
