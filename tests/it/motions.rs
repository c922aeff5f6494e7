//! Flow tests for moving around a long document (issue 13): counts,
//! section motions, `NN%` and `NNg`, the outline, and the jump list
//! (`''`, `` ` ``, Ctrl-o, Ctrl-i), including after a resize and across
//! closing and reopening the article. Keys go through the real keymap and
//! `App::update`; the document is the long work report of
//! `tests/fixtures/outline/`.

use crate::common;

use bulletin::app::{Action, App, Key, KeyCode, Lang, Reader, Screen, Settings};
use bulletin::text::Pos;
use common::{ch, key, press, reports_app, type_str};

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

/// Opens the 2024 work report from the list by filtering for it.
fn open_report(app: &mut App) {
    type_str(app, "2024年政府");
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
}

fn report(w: u16, h: u16) -> App {
    let mut app = reports_app(settings(), w, h, None);
    open_report(&mut app);
    app
}

fn reader(app: &App) -> &Reader {
    app.reader().expect("an article is open")
}

/// The label of the section the top of the view is in.
fn section(app: &App) -> String {
    let r = reader(app);
    r.section()
        .map(|i| r.outline.sections[i].label())
        .unwrap_or_default()
}

fn quote_quote(app: &mut App) {
    press(app, &[ch('\''), ch('\'')]);
}

fn height(app: &App) -> usize {
    usize::from(app.geo.reader.body_height)
}

#[test]
fn counts_repeat_lines_and_pages() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('5'), ch('j')]);
    assert_eq!(reader(&app).top, 5);
    press(&mut app, &[ch('3'), ch('k')]);
    assert_eq!(reader(&app).top, 2);
    press(&mut app, &[ch('1'), ch('2')]);
    assert_eq!(app.count, Some(12), "the count waits for its key");
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!((reader(&app).top, app.count), (14, None));
    let page = height(&app) - 1;
    press(&mut app, &[ch('2'), ch(' ')]);
    assert_eq!(reader(&app).top, 14 + 2 * page);
    press(&mut app, &[ch('j')]);
    assert_eq!(reader(&app).top, 15 + 2 * page, "no count: once");
    // Esc drops a count and stays in the article.
    press(&mut app, &[ch('9'), key(KeyCode::Esc), ch('j')]);
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(reader(&app).top, 16 + 2 * page);
}

#[test]
fn braces_go_to_sections_at_any_level() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('}')]);
    assert_eq!(section(&app), "一、过去一年的工作回顾");
    assert_eq!(
        reader(&app).anchor,
        reader(&app).outline.sections[0].start()
    );
    press(&mut app, &[ch('}')]);
    assert_eq!(section(&app), "（一）经济运行稳中有进");
    press(&mut app, &[ch('3'), ch('}')]);
    assert_eq!(section(&app), "2．老旧小区");
    press(&mut app, &[ch('{')]);
    assert_eq!(section(&app), "1．道路交通");
    // Inside a section, `{` goes to its start first.
    press(&mut app, &[ch('j'), ch('j')]);
    assert_eq!(section(&app), "1．道路交通");
    press(&mut app, &[ch('{')]);
    assert_eq!(
        reader(&app).anchor,
        reader(&app).outline.sections[3].start()
    );
    press(&mut app, &[ch('9'), ch('9'), ch('{')]);
    assert_eq!(
        section(&app),
        "一、过去一年的工作回顾",
        "stops at the first"
    );
    press(&mut app, &[ch('{')]);
    assert_eq!(app.status.as_deref(), Some("No section before this"));
}

#[test]
fn parentheses_go_to_sections_at_the_same_level() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('}'), ch('}'), ch(')')]);
    assert_eq!(section(&app), "（二）城市建设提速提质");
    press(&mut app, &[ch(')')]);
    assert_eq!(
        section(&app),
        "（三）民生保障持续加强",
        "skips 1． and 2． inside"
    );
    press(&mut app, &[ch('(')]);
    assert_eq!(section(&app), "（二）城市建设提速提质");
    press(&mut app, &[ch('{'), ch('{'), ch('{'), ch(')')]);
    assert_eq!(section(&app), "二、今年经济社会发展的总体要求和主要目标");
    press(&mut app, &[ch('5'), ch(')')]);
    assert_eq!(section(&app), "七、着力统筹发展和安全，维护社会大局稳定");
}

#[test]
fn percent_and_line_numbers_work_like_less() {
    let mut app = report(80, 24);
    let lines = reader(&app).layout.lines.len();
    let max_top = reader(&app).max_top(app.geo.reader.body_height);
    press(&mut app, &[ch('5'), ch('0'), ch('%')]);
    assert_eq!(reader(&app).top, lines / 2);
    press(&mut app, &[ch('1'), ch('0'), ch('0'), ch('%')]);
    assert_eq!(reader(&app).top, max_top);
    press(&mut app, &[ch('0'), ch('%')]);
    assert_eq!(reader(&app).top, 0);
    press(&mut app, &[ch('1'), ch('2'), ch('0'), ch('g')]);
    assert_eq!(reader(&app).top, 119);
    press(&mut app, &[ch('3'), ch('0'), ch('G')]);
    assert_eq!(reader(&app).top, 29);
    press(&mut app, &[ch('G')]);
    assert_eq!(reader(&app).top, max_top);
    press(&mut app, &[ch('g')]);
    assert_eq!(reader(&app).top, 0);
    // `%` alone says what it wants and does not move.
    press(&mut app, &[ch('j'), ch('%')]);
    assert_eq!(reader(&app).top, 1);
    assert!(app.status.as_deref().unwrap().contains("50%"));
}

#[test]
fn quote_quote_goes_back_and_forth_and_backtick_too() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('7'), ch('j')]);
    let here = reader(&app).anchor;
    press(&mut app, &[ch('G')]);
    let end = reader(&app).anchor;
    quote_quote(&mut app);
    assert_eq!(app.screen(), Screen::Read, "the bookmark list closed again");
    assert_eq!(reader(&app).anchor, here);
    quote_quote(&mut app);
    assert_eq!(reader(&app).anchor, end);
    press(&mut app, &[ch('`')]);
    assert_eq!(reader(&app).anchor, here);
    // A single `'` still lists the bookmarks.
    press(&mut app, &[ch('\'')]);
    assert_eq!(app.screen(), Screen::Bookmarks);
}

#[test]
fn with_no_jump_quote_quote_says_so() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('j')]);
    quote_quote(&mut app);
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(reader(&app).top, 1);
    assert_eq!(
        app.status.as_deref(),
        Some("No earlier place to go back to")
    );
}

#[test]
fn ctrl_o_and_ctrl_i_walk_the_jump_list() {
    let mut app = report(80, 24);
    let start = reader(&app).anchor;
    press(&mut app, &[ch('}')]);
    let a = reader(&app).anchor;
    press(&mut app, &[ch('}')]);
    let b = reader(&app).anchor;
    press(&mut app, &[ch('5'), ch('0'), ch('%')]);
    let c = reader(&app).anchor;
    press(&mut app, &[Key::ctrl('o')]);
    assert_eq!(reader(&app).anchor, b);
    press(&mut app, &[ch('2'), Key::ctrl('o')]);
    assert_eq!(reader(&app).anchor, start);
    press(&mut app, &[Key::ctrl('o')]);
    assert_eq!(
        app.status.as_deref(),
        Some("No earlier place to go back to")
    );
    press(&mut app, &[Key::ctrl('i')]);
    assert_eq!(reader(&app).anchor, a);
    // Tab is what terminals send for Ctrl-i.
    press(&mut app, &[key(KeyCode::Tab), key(KeyCode::Tab)]);
    assert_eq!(reader(&app).anchor, c);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(
        app.status.as_deref(),
        Some("No later place to go forward to")
    );
}

#[test]
fn the_outline_lists_filters_and_jumps() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('}'), ch('}'), ch('o')]);
    assert_eq!(app.screen(), Screen::Outline);
    let rows = app.toc_rows();
    assert_eq!(rows.len(), 42);
    assert_eq!(
        app.toc.selected, 1,
        "the cursor starts on the current section"
    );
    // Typing filters, folded like the search: traditional characters too.
    type_str(&mut app, "生態");
    let rows = app.toc_rows();
    let labels: Vec<String> = (rows.iter())
        .map(|&i| reader(&app).outline.sections[i].label())
        .collect();
    assert_eq!(labels, ["（三）推进生态环境治理"]);
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(section(&app), "（三）推进生态环境治理");
    let r = reader(&app);
    let path: Vec<String> = (r.outline.path(r.section().unwrap()).iter())
        .map(|&i| r.outline.sections[i].marker.clone())
        .collect();
    assert_eq!(path, ["五、", "（三）"]);
    quote_quote(&mut app);
    assert_eq!(section(&app), "（一）经济运行稳中有进", "'' returns");
    // Esc clears a filter first, then closes.
    press(&mut app, &[ch('t'), ch('/')]);
    type_str(&mut app, "xczx");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.toc_rows().len(), 0, "not a title of this report");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.toc_rows().len(), 42);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.screen(), Screen::Read);
}

#[test]
fn an_article_without_sections_says_so() {
    let mut app = reports_app(settings(), 80, 24, None);
    type_str(&mut app, "防汛工作会议");
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Enter), ch('o')],
    );
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(
        app.status.as_deref(),
        Some("No sections found in this article")
    );
    press(&mut app, &[ch('}')]);
    assert_eq!(
        app.status.as_deref(),
        Some("No sections found in this article")
    );
}

#[test]
fn accepting_a_search_and_n_are_jumps() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('3'), ch('j')]);
    let here = reader(&app).anchor;
    press(&mut app, &[ch('/')]);
    type_str(&mut app, "营商环境");
    press(&mut app, &[key(KeyCode::Enter)]);
    let first = reader(&app).anchor;
    assert_ne!(first, here);
    press(&mut app, &[ch('n')]);
    let second = reader(&app).anchor;
    assert_ne!(second, first);
    press(&mut app, &[Key::ctrl('o')]);
    assert_eq!(reader(&app).anchor, first, "back from n");
    press(&mut app, &[Key::ctrl('o')]);
    assert_eq!(reader(&app).anchor, here, "back from the search");
    // Esc in the prompt is not a jump: nothing recorded.
    press(&mut app, &[ch('/')]);
    type_str(&mut app, "防汛");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(reader(&app).anchor, here);
}

#[test]
fn the_jump_list_survives_a_resize() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('4'), ch('0'), ch('j')]);
    let here = reader(&app).anchor;
    press(&mut app, &[ch('7'), ch('0'), ch('%')]);
    let there = reader(&app).anchor;
    for (w, h) in [(40, 12), (123, 30), (41, 9)] {
        bulletin::app::effect::update_inline(&mut app, Action::Resize(w, h));
        quote_quote(&mut app);
        assert_eq!(reader(&app).anchor, here, "{w}x{h}");
        // The words of the place are on the top line.
        let r = reader(&app);
        let (first, next) = (
            r.layout.pos_of(&r.doc, r.top),
            r.layout.pos_of(&r.doc, r.top + 1),
        );
        assert!(
            first <= here && here < next,
            "{w}x{h}: {first:?} {here:?} {next:?}"
        );
        quote_quote(&mut app);
        assert_eq!(reader(&app).anchor, there, "{w}x{h}");
    }
}

#[test]
fn the_jump_list_survives_closing_and_reopening() {
    let mut app = report(80, 24);
    press(&mut app, &[ch('}'), ch('}')]);
    let b = reader(&app).anchor;
    press(&mut app, &[ch('G'), ch('q')]);
    assert_eq!(app.screen(), Screen::Browse);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    quote_quote(&mut app);
    assert_eq!(reader(&app).anchor, b);
    // `''` itself went into the list: Ctrl-o goes back through it.
    press(&mut app, &[Key::ctrl('o')]);
    assert_eq!(reader(&app).anchor, Pos::default());
    press(&mut app, &[Key::ctrl('o')]);
    let a = reader(&app).outline.sections[0].start();
    assert_eq!(reader(&app).anchor, a);
}

#[test]
fn open_and_jump_records_the_resumed_place() {
    // What the archive-wide search does when it opens an article at a hit.
    let mut app = reports_app(settings(), 80, 24, None);
    let report = app
        .archive
        .articles
        .iter()
        .position(|a| a.id == "hq-2024-report")
        .unwrap();
    let hit = Pos {
        unit: 40,
        offset: 3,
    };
    let reads = app.open_and_jump(report, vec![report], hit);
    bulletin::app::effect::run_inline(&mut app, reads);
    assert_eq!(reader(&app).anchor, hit);
    quote_quote(&mut app);
    assert_eq!(reader(&app).anchor, Pos::default());
    assert_eq!(
        reader(&app).reading,
        Pos::default(),
        "a jump is not reading"
    );
}
