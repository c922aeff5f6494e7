//! Snapshots of the archive search's results screen: typing, confirmed,
//! at 80x24 and 40x12, narrow and wide, English and Chinese.

use crate::common;

use bulletin::app::effect::Effect;
use bulletin::app::{App, KeyCode, Lang, Settings};
use bulletin::text::WidthMode;
use bulletin::work::{perform_inline, run_inline};
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

/// Presses `keys`, performing every effect but the reads of snippets and
/// bookmark checks, which are returned unperformed (still on their way).
fn press_holding_reads(app: &mut App, keys: &[bulletin::app::Key]) -> Vec<Effect> {
    let mut held = Vec::new();
    for &k in keys {
        let Some(a) = app.action_for(bulletin::app::Event::Key(k)) else {
            continue;
        };
        let mut queue: std::collections::VecDeque<Effect> = app.update(a).into();
        while let Some(e) = queue.pop_front() {
            match e {
                Effect::LoadSnippets(_) | Effect::CheckMarks(_) => held.push(e),
                e => queue.extend(perform_inline(app, e)),
            }
        }
    }
    held
}

/// Until the snippets come, each result's second row says they are
/// loading (not an empty row); then the snippets replace it.
#[test]
fn results_loading_80x24() {
    for (lang, loading) in [(Lang::En, "loading…"), (Lang::Zh, "正在读取……")] {
        let mut app = sample_app(settings(lang, WidthMode::Narrow), 80, 24);
        press(&mut app, &[ch('s')]);
        let mut keys: Vec<_> = "物业".chars().map(ch).collect();
        keys.push(key(KeyCode::Enter));
        let held = press_holding_reads(&mut app, &keys);
        assert!(!held.is_empty(), "snippets are asked for");
        let text = snap(&app);
        assert!(text.contains(loading), "{text}");
        match lang {
            Lang::En => insta::assert_snapshot!("results_loading_80x24", text),
            Lang::Zh => insta::assert_snapshot!("results_loading_chinese_80x24", text),
        }
        run_inline(&mut app, held);
        let text = snap(&app);
        assert!(!text.contains(loading), "{text}");
        assert!(text.contains("物业"), "{text}");
    }
}

/// A bookmark whose text is being checked says its snippet is loading;
/// the answer puts the snippet back.
#[test]
fn bookmark_snippet_loading() {
    for (lang, loading) in [(Lang::En, "loading…"), (Lang::Zh, "正在读取……")] {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = bulletin::store::Store::open(dir.path()).unwrap();
        let mut app = sample_app(settings(lang, WidthMode::Narrow), 80, 24).with_store(store);
        type_str(&mut app, "须水");
        press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
        press(&mut app, &[ch('j'), ch('m'), key(KeyCode::Enter), ch('q')]);
        let held = press_holding_reads(&mut app, &[ch('B')]);
        assert_eq!(held.len(), 1, "the bookmark's text is checked");
        let snippet = app.visible_bookmarks()[0].snippet.clone();
        let probe: String = snippet.chars().take(4).collect();
        let text = buffer_text(&render(&app));
        assert!(text.contains(loading), "{text}");
        assert!(!text.contains(&probe), "{text}");
        run_inline(&mut app, held);
        let text = buffer_text(&render(&app));
        assert!(!text.contains(loading), "{text}");
        assert!(text.contains(&probe), "{probe}: {text}");
    }
}
