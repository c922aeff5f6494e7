//! Snapshots of the archive search's results screen: typing, confirmed,
//! at 80x24 and 40x12, narrow and wide, English and Chinese.

use crate::common;

use bulletin::app::{App, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use common::{buffer_text, ch, key, press, render, sample_app, snap, type_str};

fn settings(lang: Lang, mode: WidthMode) -> Settings {
    Settings {
        lang,
        mode,
        ..Settings::default()
    }
}

fn searched(s: Settings, w: u16, h: u16, accept: bool) -> App {
    let mut app = sample_app(s, w, h);
    press(&mut app, &[ch('s')]);
    type_str(&mut app, "物业");
    if accept {
        press(&mut app, &[key(KeyCode::Enter)]);
    }
    app
}

#[test]
fn results_typing_80x24() {
    let app = searched(settings(Lang::En, WidthMode::Narrow), 80, 24, false);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn results_80x24() {
    let app = searched(settings(Lang::En, WidthMode::Narrow), 80, 24, true);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn results_40x12() {
    let app = searched(settings(Lang::En, WidthMode::Narrow), 40, 12, true);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn results_wide_80x24() {
    let app = searched(settings(Lang::En, WidthMode::Wide), 80, 24, true);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn results_wide_40x12() {
    let app = searched(settings(Lang::En, WidthMode::Wide), 40, 12, true);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn results_chinese_80x24() {
    let app = searched(settings(Lang::Zh, WidthMode::Narrow), 80, 24, true);
    insta::assert_snapshot!(snap(&app));
}

#[test]
fn the_hit_in_each_snippet_is_highlighted() {
    let app = searched(settings(Lang::En, WidthMode::Narrow), 80, 24, true);
    let buf = render(&app);
    let theme = bulletin::ui::theme::Theme::new(app.settings.color);
    let text = buffer_text(&buf);
    let row = text
        .lines()
        .position(|l| l.contains("物业及居民"))
        .expect("a snippet row");
    let at = |x: u16| buf[(x, row as u16)].symbol().to_string();
    let col = (0..buf.area.width - 4)
        .find(|&x| at(x) == "物" && at(x + 2) == "业" && at(x + 4) == "及")
        .expect("the hit on the row");
    let cell = &buf[(col, row as u16)];
    let hl = |x: u16| Some(buf[(x, row as u16)].bg) == theme.current_match.bg;
    assert!(!hl(col + 4), "only the hit");
    assert_eq!(cell.symbol(), "物");
    assert!(hl(col) && hl(col + 2), "the hit is drawn as a match");
}
