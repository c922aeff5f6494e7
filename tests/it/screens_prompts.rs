//! The prompts' bottom row (issue 23, item 2): at any width the cursor
//! and the query's end stay in view, and the count is drawn only beside
//! the whole query, never over it. Snapshots at 80x24 and 40x12 in both
//! languages.

use crate::common;

use bulletin::app::{Action, App, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use bulletin::text::width::str_width;
use common::{buffer_text, ch, key, press, render, sample_app, snap, type_str};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// A query longer than a 40-column row leaves for it.
const LONG: &str = "物业服务中心与社区居民共同商议老旧小区改造";

fn app(lang: Lang, w: u16, h: u16) -> App {
    let settings = Settings {
        lang,
        mode: WidthMode::Narrow,
        ..Settings::default()
    };
    sample_app(settings, w, h)
}

/// The archive search's prompt with `q` typed.
fn finding(lang: Lang, w: u16, h: u16, q: &str) -> App {
    let mut app = app(lang, w, h);
    press(&mut app, &[ch('s')]);
    type_str(&mut app, q);
    app
}

/// The bottom row, and where the cursor is drawn.
fn bottom(app: &App) -> (String, u16) {
    let (w, h) = app.size;
    let mut buf = Buffer::empty(Rect::new(0, 0, w, h));
    let (x, y) = bulletin::ui::draw(app, buf.area, &mut buf).expect("a cursor");
    assert_eq!(y, h - 1, "on the bottom row");
    let text = buffer_text(&buf);
    (text.lines().last().unwrap_or("").to_string(), x)
}

#[test]
fn find_prompt_long_query_80x24() {
    insta::assert_snapshot!(snap(&finding(Lang::En, 80, 24, LONG)));
}

#[test]
fn find_prompt_long_query_40x12() {
    insta::assert_snapshot!(snap(&finding(Lang::En, 40, 12, LONG)));
}

#[test]
fn find_prompt_long_query_chinese_80x24() {
    insta::assert_snapshot!(snap(&finding(Lang::Zh, 80, 24, LONG)));
}

#[test]
fn find_prompt_long_query_chinese_40x12() {
    insta::assert_snapshot!(snap(&finding(Lang::Zh, 40, 12, LONG)));
}

#[test]
fn find_prompt_with_its_count_40x12() {
    for lang in [Lang::En, Lang::Zh] {
        let app = finding(lang, 40, 12, "物业");
        let name = format!("find_prompt_count_40x12_{lang:?}");
        insta::assert_snapshot!(name, snap(&app));
    }
}

/// At every width from 40 to 80 columns, in both languages, the end of
/// the query and the cursor after it are on the row, and the count is
/// either beside the whole query or not drawn. Each query is typed once,
/// at 40 columns (the snapshots above type it at 80 too), and the window
/// widened a column at a time: typing it again at each width cost 246
/// searches of the archive for the same answer.
#[test]
fn the_query_end_and_the_cursor_stay_in_view_at_any_width() {
    for lang in [Lang::En, Lang::Zh] {
        for q in [LONG, "物业", "社区物业服务"] {
            let mut app = finding(lang, 40, 12, q);
            for w in 40..=80 {
                bulletin::app::effect::update_inline(&mut app, Action::Resize(w, 12));
                let (row, x) = bottom(&app);
                let row = row.trim_end();
                let shown = row.replace(' ', "");
                let tail: String = q
                    .chars()
                    .rev()
                    .take(4)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                assert!(shown.contains(&tail), "{lang:?} {w}: {row}");
                let end = row.find(&tail).unwrap() + tail.len();
                let before = &row[..end];
                assert_eq!(
                    usize::from(x),
                    str_width(before, WidthMode::Narrow),
                    "{lang:?} {w}: the cursor right after the query: {row}"
                );
                assert!(x < w, "{lang:?} {w}: the cursor on screen");
                if row.len() > end {
                    assert!(row[end..].starts_with("  "), "{lang:?} {w}: {row}");
                }
            }
        }
    }
}

/// The cursor moved into a long query: it stays in view, and the end
/// with it whenever what follows the cursor fits.
#[test]
fn a_cursor_inside_a_long_query_shows_the_end_too() {
    for lang in [Lang::En, Lang::Zh] {
        let mut app = finding(lang, 40, 12, LONG);
        press(&mut app, &[key(KeyCode::Home)]);
        let (row, x) = bottom(&app);
        assert!(row.contains("物业服务"), "the start: {row}");
        assert!(usize::from(x) < 40);
        for _ in 0..10 {
            press(&mut app, &[key(KeyCode::Right)]);
        }
        let (row, x) = bottom(&app);
        assert!(row.trim_end().ends_with("小区改造"), "the end: {row}");
        let at = row.find("共同").expect("the text after the cursor");
        assert_eq!(
            usize::from(x),
            str_width(&row[..at], WidthMode::Narrow) - 2,
            "{row}"
        );
    }
}

#[test]
fn the_filter_offers_its_text_selected_at_40x12() {
    let mut app = app(Lang::Zh, 40, 12);
    type_str(&mut app, "须水");
    press(&mut app, &[key(KeyCode::Enter), ch('/')]);
    assert!(app.modal.input().unwrap().is_selected());
    let buf = render(&app);
    let (row, _) = bottom(&app);
    let x = row
        .find("须水")
        .map(|i| str_width(&row[..i], WidthMode::Narrow))
        .unwrap();
    let cell = &buf[(x as u16, 11)];
    assert!(
        cell.modifier.contains(ratatui::style::Modifier::REVERSED),
        "the offered text is drawn selected"
    );
    insta::assert_snapshot!(snap(&app));
}

/// Issue 23, item 1: on the list letters are keys (`s` opens the
/// archive search), so pinyin goes after `/`; the empty filter says it
/// takes pinyin, and there every letter is text.
#[test]
fn pinyin_filters_after_slash_and_the_filter_says_so() {
    for (lang, hint) in [(Lang::En, "Chinese or pinyin"), (Lang::Zh, "汉字或拼音")] {
        for (w, h) in [(80, 24), (40, 12)] {
            let mut app = app(lang, w, h);
            press(&mut app, &[ch('/')]);
            let (row, _) = bottom(&app);
            assert!(row.contains(hint), "{row}");
            insta::assert_snapshot!(format!("filter_empty_{w}x{h}_{lang:?}"), snap(&app));
            type_str(&mut app, "xushui");
            assert_eq!(app.browse.visible.len(), 1, "every letter is text");
            let (row, _) = bottom(&app);
            assert!(!row.contains(hint), "{row}");
        }
    }
    // Typed on the list, the `s` of `shequ` is a key.
    let mut app = app(Lang::En, 80, 24);
    type_str(&mut app, "shequ");
    assert_eq!(app.screen(), bulletin::app::Screen::Results);
}
