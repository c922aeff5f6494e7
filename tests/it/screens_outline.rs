//! Snapshots (TestBackend + insta) of issue 13's screens: the outline over
//! a long report, and the reader's header with the section path, at 80x24,
//! 40x12 and in wide ambiguous-width mode; the list of a one-district
//! archive (no group pane, dates shown).

use crate::common;

use bulletin::app::{App, ColorLevel, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use common::{buffer_text, ch, key, press, render, reports_app, row_width, type_str};
use ratatui::style::{Color, Modifier};

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

fn wide() -> Settings {
    Settings {
        mode: WidthMode::Wide,
        ..settings()
    }
}

fn snap(app: &App) -> String {
    let text = buffer_text(&render(app));
    for (i, row) in text.lines().enumerate() {
        let w = row_width(row, app.settings.mode);
        assert!(
            w <= usize::from(app.size.0),
            "row {i} is {w} columns wide: {row}"
        );
        if app.settings.mode == WidthMode::Wide {
            assert!(
                !row.contains(['\u{203a}', '\u{2026}', '\u{2502}']),
                "ambiguous: {row}"
            );
        }
    }
    text
}

/// The 2024 report, at its `n`th section (0: the top).
fn report_at(s: Settings, w: u16, h: u16, sections: usize) -> App {
    let mut app = reports_app(s, w, h, None);
    type_str(&mut app, "2024年政府");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    for _ in 0..sections {
        press(&mut app, &[ch('}')]);
    }
    app
}

/// The report at 五、（三）, reached through the outline's filter.
fn at_five_three(s: Settings, w: u16, h: u16) -> App {
    let mut app = report_at(s, w, h, 0);
    press(&mut app, &[ch('o'), ch('/')]);
    type_str(&mut app, "生态环境治理");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    app
}

#[test]
fn outline_80x24() {
    let mut app = report_at(settings(), 80, 24, 12);
    press(&mut app, &[ch('o')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn outline_40x12() {
    let mut app = report_at(settings(), 40, 12, 12);
    press(&mut app, &[ch('o')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn outline_wide_80x24() {
    let mut app = report_at(wide(), 80, 24, 12);
    press(&mut app, &[ch('o')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn outline_filtered_chinese_40x12() {
    let s = Settings {
        lang: Lang::Zh,
        ..settings()
    };
    let mut app = report_at(s, 40, 12, 0);
    press(&mut app, &[ch('t'), ch('/')]);
    type_str(&mut app, "城市");
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn header_with_sections_80x24() {
    insta::assert_snapshot!(snap(&at_five_three(settings(), 80, 24)));
}

#[test]
fn header_with_sections_40x12() {
    insta::assert_snapshot!(snap(&at_five_three(settings(), 40, 12)));
}

#[test]
fn header_with_sections_wide_80x24() {
    insta::assert_snapshot!(snap(&at_five_three(wide(), 80, 24)));
}

#[test]
fn header_with_a_count_being_typed_40x12() {
    let mut app = at_five_three(settings(), 40, 12);
    press(&mut app, &[ch('1'), ch('2')]);
    let text = snap(&app);
    assert!(
        text.lines().last().unwrap().trim_end().ends_with("12"),
        "{text}"
    );
}

#[test]
fn browse_one_district_80x24() {
    insta::assert_snapshot!(snap(&reports_app(settings(), 80, 24, None)));
}

#[test]
fn browse_one_district_by_title_40x12() {
    let mut app = reports_app(settings(), 40, 12, None);
    press(&mut app, &[ch('S'), ch('S'), ch('S')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn the_outline_marks_the_cursor_and_keeps_no_colour_under_no_color() {
    let s = Settings {
        color: ColorLevel::None,
        ..settings()
    };
    let mut app = report_at(s, 80, 24, 3);
    press(&mut app, &[ch('o')]);
    let buf = render(&app);
    let mut reversed_rows = std::collections::BTreeSet::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
            if cell.modifier.contains(Modifier::REVERSED) && y > 0 && y < 23 {
                reversed_rows.insert(y);
            }
        }
    }
    assert_eq!(reversed_rows.len(), 1, "one row: the cursor's");
    let text = buffer_text(&buf);
    let row = text
        .lines()
        .nth(usize::from(*reversed_rows.first().unwrap()))
        .unwrap();
    assert!(
        row.contains(">   （二）城市建设提速提质"),
        "the cursor is on the current section: {row}"
    );
}
