//! Flow tests for what counts as reading (issue 13): the saved position is
//! the furthest place read and jumps do not move it; and citations (`Y`).

use crate::common;

use bulletin::app::{App, Key, KeyCode, Lang, Screen, Settings};
use bulletin::store::Status;
use bulletin::text::Pos;
use common::{ch, key, press, reports_app, type_str};

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

fn open(app: &mut App, filter: &str) {
    type_str(app, filter);
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
}

fn article(app: &App, id: &str) -> usize {
    app.archive
        .articles
        .iter()
        .position(|a| a.id == id)
        .unwrap()
}

/// The saved position of `id`, as the store has it.
fn saved(app: &App, id: &str) -> (usize, usize, Status) {
    let p = app.persist.as_ref().unwrap();
    let pos = p.store.position(&p.key, id).expect("a saved position");
    (pos.anchor.unit, pos.anchor.offset, pos.status)
}

fn quit(app: &mut App) {
    while !app.quit {
        press(app, &[ch('q')]);
        if app.screen() == Screen::Browse && !app.browse.filter.is_empty() {
            press(app, &[key(KeyCode::Esc)]);
        }
    }
}

#[test]
fn jumps_do_not_move_the_saved_position_or_mark_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    open(&mut app, "2024年政府");
    press(&mut app, &[ch('9'), ch('j')]);
    let read_to = app.reader().unwrap().anchor;
    let before = saved(&app, "hq-2024-report");
    assert_eq!((before.0, before.1), (read_to.unit, read_to.offset));
    assert_eq!(before.2, Status::InProgress);
    // Peek at the end, go to sections, half way, the outline: all jumps.
    press(&mut app, &[ch('G')]);
    assert!(app.reader().unwrap().at_end(app.geo.reader.body_height));
    press(&mut app, &[ch('k'), ch('k'), ch('j')]);
    press(
        &mut app,
        &[ch('5'), ch('0'), ch('%'), ch('}'), ch('}'), ch('o')],
    );
    press(&mut app, &[ch('j'), key(KeyCode::Enter)]);
    assert_eq!(saved(&app, "hq-2024-report"), before);
    press(&mut app, &[ch('\''), ch('\'')]);
    assert_eq!(saved(&app, "hq-2024-report"), before);
    // Across a restart: it opens where reading stopped, still unread.
    quit(&mut app);
    let mut again = reports_app(settings(), 80, 24, Some(dir.path()));
    assert_eq!(
        again.read_status(article(&again, "hq-2024-report")),
        Status::InProgress
    );
    open(&mut again, "2024年政府");
    assert_eq!(again.reader().unwrap().anchor, read_to);
}

#[test]
fn reading_on_from_a_jump_counts_after_a_screenful() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    open(&mut app, "2024年政府");
    press(&mut app, &[ch('3'), ch('}')]);
    let landed = app.reader().unwrap().anchor;
    press(&mut app, &[ch('j'), ch('j')]);
    assert_eq!(app.reader().unwrap().reading, Pos::default(), "a glance");
    press(&mut app, &[ch(' ')]);
    let r = app.reader().unwrap();
    assert!(r.reading > landed, "a page on from the jump is reading");
    assert_eq!(r.reading, r.anchor);
    // Scrolling back never takes the position back.
    let furthest = r.reading;
    press(&mut app, &[ch('b'), ch('k')]);
    assert_eq!(app.reader().unwrap().reading, furthest);
    assert_eq!(saved(&app, "hq-2024-report").0, furthest.unit);
}

#[test]
fn capital_y_cites_section_and_paragraph_in_both_languages() {
    // Cites after `keys`, then `paragraphs` paragraphs further on.
    let cite = |lang: Lang, keys: &[Key], paragraphs: usize| {
        let mut app = reports_app(Settings { lang, ..settings() }, 80, 24, None);
        open(&mut app, "2024年政府");
        press(&mut app, &[ch('o'), ch('/')]);
        type_str(&mut app, "生态环境治理");
        press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
        press(&mut app, keys);
        let start = app.reader().unwrap().anchor.unit;
        while app.reader().unwrap().anchor.unit < start + paragraphs {
            press(&mut app, &[ch('j')]);
        }
        let y = bulletin::app::effect::update_inline(&mut app, bulletin::app::Action::Copy);
        let cited =
            bulletin::app::effect::update_inline(&mut app, bulletin::app::Action::CopyCitation);
        (y[0].clone(), cited[0].clone(), app)
    };
    let (_, zh, _) = cite(Lang::Zh, &[], 0);
    assert_eq!(
        zh,
        "\u{300a}河清区2024年政府工作报告\u{300b}五、（三）第1段 \u{2014} 河清区人民政府, 2024-03-05"
    );
    let (para, en, app) = cite(Lang::En, &[key(KeyCode::Down)], 0);
    assert_eq!(
        en,
        "\u{300a}河清区2024年政府工作报告\u{300b}, 五、（三）, paragraph 1 \u{2014} 河清区人民政府, 2024-03-05"
    );
    // `y` copies the paragraph under the top of the view, unchanged.
    let r = app.reader().unwrap();
    assert_eq!(para, r.doc.units[r.anchor.unit].text);
    assert!(para.starts_with("（三）推进生态环境治理。"));
    let (_, next, _) = cite(Lang::Zh, &[], 1);
    assert!(next.contains("\u{300b}五、（三）第2段 "), "{next}");
    // At the heading of 五、: the section, no paragraph.
    let (_, heading, _) = cite(Lang::Zh, &[ch('{'), ch('{'), ch('{')], 0);
    assert!(
        heading.starts_with("\u{300a}河清区2024年政府工作报告\u{300b}五、 \u{2014}"),
        "{heading}"
    );
}
