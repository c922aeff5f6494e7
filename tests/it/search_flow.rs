//! In-article search through the keymap and the renderer: incremental
//! matches, the count, n/N with wrap-around, Esc, the remembered query, and
//! highlights on screen (narrow, 40 columns, wide mode).

use crate::common;

use bulletin::app::effect::update_inline;
use bulletin::app::{Action, App, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use common::{buffer_text, ch, key, press, render, sample_app, type_str};
use ratatui::style::Color;

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

fn open_mianfang(app: &mut App) {
    type_str(app, "棉纺");
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
}

fn search(app: &mut App, q: &str) {
    press(app, &[ch('/')]);
    type_str(app, q);
}

/// Cells drawn with the match background (16-colour theme: yellow) and
/// the current-match background (magenta).
fn highlighted(app: &App) -> (String, String) {
    let buf = render(app);
    let (mut all, mut current) = (String::new(), String::new());
    for cell in buf.content() {
        match cell.bg {
            Color::Yellow => all.push_str(cell.symbol()),
            Color::Magenta => current.push_str(cell.symbol()),
            _ => {}
        }
    }
    (all, current)
}

#[test]
fn wuye_in_mianfang_has_fourteen_matches_counted_and_walked() {
    for (w, h, mode) in [
        (80, 24, WidthMode::Narrow),
        (40, 12, WidthMode::Narrow),
        (80, 24, WidthMode::Wide),
    ] {
        let mut app = sample_app(Settings { mode, ..settings() }, w, h);
        open_mianfang(&mut app);
        search(&mut app, "物业");
        let screen = buffer_text(&render(&app));
        assert!(
            screen.lines().last().unwrap().ends_with("1/14"),
            "{w}x{h} {mode:?}:\n{screen}"
        );
        let (_, current) = highlighted(&app);
        assert_eq!(current, "物业", "the current match is distinct");
        press(&mut app, &[key(KeyCode::Enter)]);
        for k in 2..=14 {
            press(&mut app, &[ch('n')]);
            assert_eq!(app.reader().unwrap().search.current, Some(k - 1));
            let (_, current) = highlighted(&app);
            // A match split over two lines is highlighted on both.
            assert_eq!(current, "物业", "match {k} at {w}x{h} {mode:?}");
        }
        press(&mut app, &[ch('n')]);
        assert_eq!(app.reader().unwrap().search.current, Some(0));
        assert!(app.status.as_deref().unwrap().contains("wrapped"));
        press(&mut app, &[ch('N')]);
        assert_eq!(app.reader().unwrap().search.current, Some(13));
    }
}

#[test]
fn every_visible_match_is_highlighted() {
    let mut app = sample_app(settings(), 80, 24);
    open_mianfang(&mut app);
    search(&mut app, "物业");
    let screen = buffer_text(&render(&app));
    let visible = screen
        .lines()
        .skip(1)
        .take(22)
        .map(|l| l.matches("物业").count())
        .sum::<usize>();
    let (all, current) = highlighted(&app);
    assert_eq!(
        all.matches("物业").count() + current.matches("物业").count(),
        visible
    );
}

#[test]
fn esc_returns_to_where_reading_was_and_clears_highlights() {
    let mut app = sample_app(settings(), 40, 12);
    open_mianfang(&mut app);
    press(&mut app, &[ch('j'), ch('j')]);
    let top = app.reader().unwrap().top;
    search(&mut app, "文明");
    assert_ne!(app.reader().unwrap().top, top, "the view follows the match");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.reader().unwrap().top, top);
    assert_eq!(highlighted(&app), (String::new(), String::new()));
}

/// The place Esc returns to is the text that was at the top, not a line
/// number: after a resize while the prompt is open (the article laid out
/// again), Esc, or a query with no match, puts that text at the top.
/// (The fuzzer found a line of the old layout kept: row 762 of 79.)
#[test]
fn esc_after_a_resize_returns_to_the_same_text() {
    let at_anchor = |app: &App| {
        let r = app.reader().unwrap();
        let line = r
            .layout
            .line_of(&r.doc, r.anchor)
            .min(r.max_top(app.geo.reader.body_height));
        (r.top, line)
    };
    for end in [KeyCode::Esc, KeyCode::Char('无')] {
        let mut app = sample_app(settings(), 20, 10);
        open_mianfang(&mut app);
        press(&mut app, &[ch('j'); 30]);
        let narrow = app.reader().unwrap().top;
        search(&mut app, "文明");
        update_inline(&mut app, Action::Resize(80, 24));
        // Esc, or a query that matches nothing ("文明无").
        press(&mut app, &[key(end)]);
        let (top, line) = at_anchor(&app);
        assert_eq!(
            top, line,
            "{end:?}: the text that was at the top is at the top"
        );
        update_inline(&mut app, Action::Resize(20, 10));
        assert_eq!(app.reader().unwrap().top, narrow, "{end:?}");
    }
}

#[test]
fn no_match_bad_regex_and_backspace_by_grapheme() {
    let mut app = sample_app(settings(), 80, 24);
    open_mianfang(&mut app);
    search(&mut app, "不存在的词");
    assert!(buffer_text(&render(&app)).contains("no match"));
    press(&mut app, &[key(KeyCode::Backspace); 5]);
    type_str(&mut app, "re:(物业");
    let screen = buffer_text(&render(&app));
    assert!(screen.lines().last().unwrap().contains("regex"), "{screen}");
    for _ in 0..6 {
        press(&mut app, &[key(KeyCode::Backspace)]);
    }
    assert_eq!(
        app.prompt().unwrap().1.text(),
        "",
        "each Backspace removed one character"
    );
}

#[test]
fn the_last_query_is_remembered_across_articles_and_survives_resize() {
    let mut app = sample_app(settings(), 80, 24);
    open_mianfang(&mut app);
    search(&mut app, "居民");
    press(&mut app, &[key(KeyCode::Enter), ch('q')]);
    type_str(&mut app, "西流湖");
    press(
        &mut app,
        &[key(KeyCode::Enter), key(KeyCode::Enter), ch('n')],
    );
    let n = app.reader().unwrap().search.matches.len();
    assert!(n > 0, "n searched again for 居民 in the new article");
    bulletin::app::effect::update_inline(&mut app, bulletin::app::Action::Resize(41, 12));
    let (all, current) = highlighted(&app);
    assert_eq!(current, "居民");
    assert!(all.len() % "居民".len() == 0);
}

#[test]
fn full_width_and_case_fold() {
    let mut app = sample_app(settings(), 80, 24);
    open_mianfang(&mut app);
    // The source writes ASCII commas between Chinese; a full-width query finds them.
    search(&mut app, "整合资源，把");
    assert_eq!(app.reader().unwrap().search.matches.len(), 1);
}

#[test]
fn the_prompt_cursor_follows_wide_characters_and_long_queries_scroll() {
    use ratatui::backend::TestBackend;
    let mut app = sample_app(settings(), 40, 12);
    open_mianfang(&mut app);
    search(&mut app, "物业a");
    let mut t = ratatui::Terminal::new(TestBackend::new(40, 12)).unwrap();
    t.draw(|f| bulletin::ui::render(&app, f)).unwrap();
    // `/` then 物 (2) 业 (2) a (1): the cursor stands after them, at column 6.
    t.backend_mut().assert_cursor_position((6, 11));
    // A query longer than the prompt: its end stays in view, the cursor too.
    type_str(&mut app, &"居民".repeat(30));
    t.draw(|f| bulletin::ui::render(&app, f)).unwrap();
    let pos = t.get_cursor_position().unwrap();
    assert!(pos.x < 40 && pos.y == 11, "{pos:?}");
    let last = buffer_text(&render(&app))
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(last.starts_with('/') && last.contains("居民居民"), "{last}");
}
