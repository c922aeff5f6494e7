//! The help screen (issue 23, item 5): wrapped to the terminal's width,
//! never cut with `…`; each screen's section in that screen's words; the
//! status line showing the help's own keys. Snapshots at 80x24, 40x12 and
//! 120x40 in both languages.

use crate::common;

use bulletin::app::help::{HelpLine, lines};
use bulletin::app::{App, KeyCode, Lang, Screen};
use common::{buffer_text, ch, key, press, render, reports_app, sample_app, snap, type_str};

const SIZES: [(u16, u16); 3] = [(80, 24), (40, 12), (120, 40)];

/// The help's box rows as drawn (without the status line).
fn box_rows(app: &App) -> Vec<String> {
    let text = buffer_text(&render(app));
    let rows: Vec<String> = text.lines().map(str::to_string).collect();
    rows[1..rows.len() - 1].to_vec()
}

#[test]
fn no_help_line_is_cut_at_any_size_in_either_language() {
    for lang in [Lang::En, Lang::Zh] {
        for (w, h) in SIZES {
            let mut app = sample_app(common::settings_in(lang), w, h);
            press(&mut app, &[ch('?'), ch('g')]);
            let total = lines(&app, app.geo.help.inner().width).len();
            let page = usize::from(app.geo.help.inner().height);
            let mut seen = 0;
            while seen < total {
                for row in box_rows(&app) {
                    assert!(!row.contains('\u{2026}'), "{w}x{h} {lang:?}: {row}");
                }
                press(&mut app, &[key(KeyCode::PageDown)]);
                seen += page;
            }
        }
    }
}

/// The help lines of `screen`'s section (up to the next blank line).
fn section(app: &App, title: &str) -> Vec<HelpLine> {
    let all = lines(app, 200);
    let at = all
        .iter()
        .position(|l| matches!(l, HelpLine::Heading(h) if h == title))
        .unwrap_or_else(|| panic!("no section {title}"));
    all[at..]
        .iter()
        .take_while(|l| **l != HelpLine::Blank)
        .cloned()
        .collect()
}

fn says(section: &[HelpLine], keys: &str) -> String {
    section
        .iter()
        .find_map(|l| match l {
            HelpLine::Binding { keys: k, what } if k == keys => Some(what.clone()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no {keys} in {section:?}"))
}

#[test]
fn each_section_says_what_its_keys_do_there() {
    let app = sample_app(common::settings_in(Lang::En), 80, 24);
    let outline = section(&app, "Outline");
    assert_eq!(says(&outline, "Enter"), "jump to the section");
    assert_eq!(
        says(&outline, "/"),
        "filter the sections (or just type Chinese)"
    );
    let browse = section(&app, "Browse");
    assert!(says(&browse, "S").contains("by group"), "{browse:?}");
    let results = section(&app, "Archive search results");
    assert!(says(&results, "S o").contains("most hits"));
    assert_eq!(says(&results, "s /"), "edit the search");
    let zh = sample_app(common::settings_in(Lang::Zh), 80, 24);
    let marks = section(&zh, "书签列表");
    assert_eq!(says(&marks, "/"), "筛选书签（也可直接输入中文）");
}

#[test]
fn the_status_line_shows_the_help_keys_while_help_is_open() {
    for lang in [Lang::En, Lang::Zh] {
        let mut app = sample_app(common::settings_in(lang), 80, 24);
        press(&mut app, &[ch('?')]);
        let text = buffer_text(&render(&app));
        let last = text.lines().last().unwrap().to_string();
        let (close, open) = match lang {
            Lang::En => ("q close", "Enter open"),
            Lang::Zh => ("q 关闭", "Enter 打开"),
        };
        assert!(last.contains(close) && !last.contains(open), "{last}");
    }
}

#[test]
fn help_over_the_list() {
    for lang in [Lang::En, Lang::Zh] {
        for (w, h) in SIZES {
            let mut app = sample_app(common::settings_in(lang), w, h);
            press(&mut app, &[ch('?')]);
            let shot = format!("help_list_{w}x{h}_{}", common::lang_name(lang));
            insta::assert_snapshot!(shot, snap(&app));
        }
    }
}

#[test]
fn help_over_the_outline() {
    for lang in [Lang::En, Lang::Zh] {
        for (w, h) in SIZES {
            let mut app = reports_app(common::settings_in(lang), w, h, None);
            type_str(&mut app, "2024年政府");
            press(
                &mut app,
                &[key(KeyCode::Enter), key(KeyCode::Enter), ch('o')],
            );
            assert_eq!(app.screen(), Screen::Outline);
            press(&mut app, &[ch('?')]);
            let shot = format!("help_outline_{w}x{h}_{}", common::lang_name(lang));
            insta::assert_snapshot!(shot, snap(&app));
        }
    }
}

#[test]
fn help_over_the_bookmarks() {
    for lang in [Lang::En, Lang::Zh] {
        for (w, h) in SIZES {
            let mut app = sample_app(common::settings_in(lang), w, h);
            press(&mut app, &[ch('B')]);
            assert_eq!(app.screen(), Screen::Bookmarks);
            press(&mut app, &[ch('?')]);
            let shot = format!("help_bookmarks_{w}x{h}_{}", common::lang_name(lang));
            insta::assert_snapshot!(shot, snap(&app));
        }
    }
}
