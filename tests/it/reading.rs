//! Flow tests for what counts as reading (issue 13): the saved position is
//! the furthest place read and jumps do not move it; read marks (`r`, the
//! end of the text), unread counts, the next unread article (`U`),
//! starting on the article read last (`C`), the list's order (`S`), the
//! group pane of a one-district archive (`V`), and citations (`Y`).

use crate::common;

use bulletin::app::{App, Key, KeyCode, Lang, Screen, Settings};
use bulletin::store::Status;
use bulletin::text::Pos;
use common::{ch, key, press, reports_app, sample_app, type_str};

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
fn reading_on_from_a_jump_counts_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    open(&mut app, "2024年政府");
    press(&mut app, &[ch('3'), ch('}')]);
    let landed = app.reader().unwrap().anchor;
    assert_eq!(app.reader().unwrap().reading, Pos::default(), "a jump");
    // Reading after a jump is reading (issue 20).
    press(&mut app, &[ch('j'), ch('j')]);
    let r = app.reader().unwrap();
    assert!(r.reading > landed, "reading on from the jump");
    assert_eq!(r.reading, r.anchor);
    press(&mut app, &[ch(' ')]);
    let r = app.reader().unwrap();
    assert_eq!(r.reading, r.anchor);
    // Scrolling back never takes the position back.
    let furthest = r.reading;
    press(&mut app, &[ch('b'), ch('k')]);
    assert_eq!(app.reader().unwrap().reading, furthest);
    assert_eq!(saved(&app, "hq-2024-report").0, furthest.unit);
}

#[test]
fn reading_to_the_end_marks_read_and_r_toggles_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    open(&mut app, "2024年政府");
    let report = article(&app, "hq-2024-report");
    press(&mut app, &[ch('9'), ch('9'), ch(' ')]);
    assert_eq!(app.read_status(report), Status::Read);
    press(&mut app, &[ch('r')]);
    assert_eq!(app.read_status(report), Status::Unread);
    assert_eq!(app.status.as_deref(), Some("Marked unread"));
    press(&mut app, &[ch('k')]);
    assert_eq!(
        app.read_status(report),
        Status::Unread,
        "the mark stays as set"
    );
    press(&mut app, &[ch('r')]);
    assert_eq!(app.read_status(report), Status::Read);
    // In the list, on an article never opened.
    press(&mut app, &[ch('q'), key(KeyCode::Esc), ch('g')]);
    let first = app.browse.current().unwrap();
    assert_eq!(app.read_status(first), Status::Unread);
    press(&mut app, &[ch('r')]);
    assert_eq!(app.read_status(first), Status::Read);
    press(&mut app, &[ch('r')]);
    assert_eq!(app.read_status(first), Status::Unread);
}

#[test]
fn capital_u_opens_the_next_unread_article() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    // The list (by group: newest first): notice, rules, plan, 2024, 2023.
    let order: Vec<&str> = (app.browse.visible.iter())
        .map(|&i| app.archive.articles[i].id.as_str())
        .collect();
    assert_eq!(
        order[..3],
        ["hq-2024-notice", "hq-2024-rules", "hq-2024-plan"]
    );
    // Mark the rules read; from the notice, U skips them.
    press(&mut app, &[ch('j'), ch('r'), ch('k'), ch('U')]);
    assert_eq!(app.reader().unwrap().article, article(&app, "hq-2024-plan"));
    press(&mut app, &[ch('U')]);
    assert_eq!(
        app.reader().unwrap().article,
        article(&app, "hq-2024-report")
    );
    assert_eq!(app.browse.current(), Some(article(&app, "hq-2024-report")));
    press(&mut app, &[ch('U')]);
    assert_eq!(
        app.reader().unwrap().article,
        article(&app, "hq-2023-report")
    );
    // Round to the top of the list: the notice, which fits on one screen,
    // so opening it read it.
    press(&mut app, &[ch('U')]);
    let notice = article(&app, "hq-2024-notice");
    assert_eq!(app.reader().unwrap().article, notice);
    assert_eq!(app.read_status(notice), Status::Read);
    // Then the plan again: opened, but not read to its end.
    press(&mut app, &[ch('U')]);
    assert_eq!(app.reader().unwrap().article, article(&app, "hq-2024-plan"));
    for id in ["hq-2024-plan", "hq-2024-report", "hq-2023-report"] {
        press(&mut app, &[ch('9'), ch('9'), ch(' ')]);
        assert_eq!(app.reader().unwrap().article, article(&app, id));
        press(&mut app, &[ch('U')]);
    }
    assert_eq!(app.status.as_deref(), Some("No unread articles left"));
}

#[test]
fn capital_u_on_the_only_unread_article_opens_it_or_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    // The list: notice, rules, plan, 2024, 2023. All read but the plan.
    press(&mut app, &[ch('r'), ch('j'), ch('r'), ch('j'), ch('j')]);
    press(&mut app, &[ch('r'), ch('j'), ch('r'), ch('k'), ch('k')]);
    let plan = article(&app, "hq-2024-plan");
    assert_eq!(app.browse.current(), Some(plan));
    // Under the cursor, not open yet: U opens it (wrapping round to it).
    press(&mut app, &[ch('U')]);
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(app.reader().unwrap().article, plan);
    // Open, and the only one left: U says so, and stays.
    press(&mut app, &[ch('U')]);
    assert_eq!(
        app.status.as_deref(),
        Some("This is the last unread article")
    );
    assert_eq!(app.reader().unwrap().article, plan);
    // A list with nothing unread while the archive has some.
    press(&mut app, &[ch('q')]);
    type_str(&mut app, "2024年政府");
    press(&mut app, &[key(KeyCode::Enter), ch('U')]);
    assert_eq!(app.screen(), Screen::Browse);
    assert_eq!(
        app.status.as_deref(),
        Some("No other unread articles in this list; there are some elsewhere")
    );
}

#[test]
fn the_list_starts_on_the_article_read_last_and_c_continues_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = reports_app(settings(), 80, 24, Some(dir.path()));
    open(&mut app, "老旧小区");
    press(&mut app, &[ch('5'), ch('j')]);
    let place = app.reader().unwrap().anchor;
    quit(&mut app);
    let mut again = reports_app(settings(), 80, 24, Some(dir.path()));
    let plan = article(&again, "hq-2024-plan");
    assert_eq!(again.browse.current(), Some(plan));
    let status = again.status.clone().unwrap();
    assert!(
        status.contains("\u{300a}关于推进老旧小区改造的实施方案\u{300b}"),
        "{status}"
    );
    press(&mut again, &[ch('g'), ch('C')]);
    assert_eq!(again.reader().unwrap().article, plan);
    assert_eq!(again.reader().unwrap().anchor, place);
}

#[test]
fn capital_s_cycles_the_order_of_the_list() {
    let mut app = reports_app(settings(), 80, 24, None);
    let ids = |app: &App| -> Vec<String> {
        (app.browse.visible.iter())
            .map(|&i| app.archive.articles[i].id.clone())
            .collect()
    };
    let by_group = ids(&app);
    press(&mut app, &[ch('S')]);
    assert_eq!(app.status.as_deref(), Some("archive order"));
    assert_eq!(
        ids(&app),
        [
            "hq-2024-report",
            "hq-2024-plan",
            "hq-2024-rules",
            "hq-2024-notice",
            "hq-2023-report"
        ]
    );
    press(&mut app, &[ch('S')]);
    assert_eq!(
        ids(&app),
        [
            "hq-2024-notice",
            "hq-2024-rules",
            "hq-2024-plan",
            "hq-2024-report",
            "hq-2023-report"
        ]
    );
    press(&mut app, &[ch('S')]);
    assert_eq!(app.status.as_deref(), Some("by title"));
    // Pinyin: guan, he qing qu 2023, he qing qu 2024, he qing qu wu ye.
    assert_eq!(
        ids(&app),
        [
            "hq-2024-plan",
            "hq-2024-notice",
            "hq-2023-report",
            "hq-2024-report",
            "hq-2024-rules"
        ]
    );
    press(&mut app, &[ch('S')]);
    assert_eq!(ids(&app), by_group);
    // The cursor stays on its article.
    press(&mut app, &[ch('j'), ch('j')]);
    let on = app.browse.current();
    press(&mut app, &[ch('S')]);
    assert_eq!(app.browse.current(), on);
}

#[test]
fn a_one_district_archive_has_no_group_pane_and_v_hides_it_elsewhere() {
    let mut app = reports_app(settings(), 80, 24, None);
    assert_eq!(app.browse.entries.len(), 1);
    assert_eq!((app.geo.groups.width, app.geo.articles.width), (0, 80));
    press(&mut app, &[ch('V')]);
    assert_eq!(app.status.as_deref(), Some("There is only one group"));
    press(&mut app, &[key(KeyCode::Tab), ch('h')]);
    assert_eq!(app.browse.focus, bulletin::app::Pane::Articles);
    let mut sample = sample_app(settings(), 80, 24);
    assert!(sample.geo.groups.width > 0);
    press(&mut sample, &[key(KeyCode::Tab), ch('V')]);
    assert_eq!(
        (sample.geo.groups.width, sample.geo.articles.width),
        (0, 80)
    );
    assert_eq!(sample.browse.focus, bulletin::app::Pane::Articles);
    press(&mut sample, &[ch('V')]);
    assert!(sample.geo.groups.width > 0);
}

#[test]
fn the_group_pane_counts_unread_articles() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = bulletin::store::Store::open(dir.path()).unwrap();
    let mut app = sample_app(settings(), 80, 24).with_store(store);
    let entry = |app: &App, name: &str| {
        (0..app.browse.entries.len())
            .find(|&e| match app.browse.entries[e] {
                bulletin::app::GroupEntry::Sub(d, s) => {
                    app.groups.districts[d].subdistricts[s].name == name
                }
                _ => false,
            })
            .unwrap()
    };
    let xushui = entry(&app, "须水街道");
    assert_eq!((app.browse.unread[0], app.browse.unread[xushui]), (5, 1));
    open(&mut app, "须水");
    press(&mut app, &[ch('9'), ch(' ')]);
    assert_eq!((app.browse.unread[0], app.browse.unread[xushui]), (4, 0));
    press(&mut app, &[ch('r')]);
    assert_eq!(app.browse.unread[0], 5);
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
