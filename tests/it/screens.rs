//! Whole-screen snapshots (TestBackend + insta) of every screen at 80x24
//! and 40x12, in wide ambiguous-width mode, and in Chinese; plus style
//! checks that a plain-text snapshot cannot show.

use crate::common;

use bulletin::app::{App, ColorLevel, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use common::{buffer_text, ch, key, press, render, sample_app, snap, type_str};
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

/// Opens 须水街道's report from the browse screen, as a user would: filter
/// by typing its name, then Enter.
fn open_xushui(app: &mut App) {
    type_str(app, "须水");
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
}

#[test]
fn browse_80x24() {
    insta::assert_snapshot!(snap(&sample_app(settings(), 80, 24)));
}

#[test]
fn browse_40x12() {
    insta::assert_snapshot!(snap(&sample_app(settings(), 40, 12)));
}

#[test]
fn browse_filtering_40x12() {
    let mut app = sample_app(settings(), 40, 12);
    type_str(&mut app, "须水");
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn browse_chinese_80x24() {
    let app = sample_app(
        Settings {
            lang: Lang::Zh,
            ..settings()
        },
        80,
        24,
    );
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn read_80x24() {
    let mut app = sample_app(settings(), 80, 24);
    open_xushui(&mut app);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn read_40x12() {
    let mut app = sample_app(settings(), 40, 12);
    open_xushui(&mut app);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn read_40x12_paged() {
    let mut app = sample_app(settings(), 40, 12);
    open_xushui(&mut app);
    press(&mut app, &[ch(' '), ch(' ')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn read_wide_80x24() {
    let mut app = sample_app(wide(), 80, 24);
    open_xushui(&mut app);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn browse_wide_80x24() {
    insta::assert_snapshot!(snap(&sample_app(wide(), 80, 24)));
}

#[test]
fn help_80x24() {
    let mut app = sample_app(settings(), 80, 24);
    open_xushui(&mut app);
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn help_40x12() {
    let mut app = sample_app(settings(), 40, 12);
    press(&mut app, &[ch('?')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn too_small() {
    for (w, h) in [(0, 0), (1, 1), (10, 3), (15, 30), (80, 4), (200, 0)] {
        let mut app = sample_app(settings(), w, h);
        open_xushui(&mut app);
        let text = buffer_text(&render(&app));
        if w > 0 && h > 0 {
            assert!(text.contains("Too") || w < 9, "{w}x{h}: {text:?}");
        }
    }
    insta::assert_snapshot!(snap(&sample_app(settings(), 12, 3)));
}

#[test]
fn no_color_marks_selection_with_reverse_video() {
    let app = sample_app(
        Settings {
            color: ColorLevel::None,
            ..settings()
        },
        80,
        24,
    );
    let buf = render(&app);
    let mut reversed = 0;
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "NO_COLOR: no foreground colour");
        assert_eq!(cell.bg, Color::Reset, "NO_COLOR: no background colour");
        reversed += usize::from(cell.modifier.contains(Modifier::REVERSED));
    }
    assert!(reversed > 0, "the selection is still visible");
}

#[test]
fn sixteen_colour_terminals_get_named_colours_only() {
    let mut app = sample_app(
        Settings {
            color: ColorLevel::Ansi16,
            ..settings()
        },
        80,
        24,
    );
    for buf in [render(&app), {
        open_xushui(&mut app);
        render(&app)
    }] {
        for cell in buf.content() {
            for c in [cell.fg, cell.bg] {
                assert!(!matches!(c, Color::Rgb(..) | Color::Indexed(_)), "{c:?}");
            }
        }
    }
}

fn search_mianfang(app: &mut App) {
    type_str(app, "棉纺");
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter), ch('/')]);
    type_str(app, "物业");
}

#[test]
fn search_prompt_80x24() {
    let mut app = sample_app(settings(), 80, 24);
    search_mianfang(&mut app);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn search_confirmed_40x12() {
    let mut app = sample_app(settings(), 40, 12);
    search_mianfang(&mut app);
    press(&mut app, &[key(KeyCode::Enter), ch('n'), ch('n')]);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn search_prompt_wide_80x24() {
    let mut app = sample_app(wide(), 80, 24);
    search_mianfang(&mut app);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn browse_rows_keep_their_borders() {
    for (w, h) in [(80, 24), (40, 12), (123, 30)] {
        for s in [settings(), wide()] {
            let text = snap(&sample_app(s, w, h));
            for row in text.lines().skip(1).take(usize::from(h) - 2) {
                assert!(row.ends_with(['│', '|', '+', '┐', '┘']), "{w}x{h}: {row:?}");
            }
        }
    }
}
