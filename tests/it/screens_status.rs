//! Snapshots of issue 23's status lines and lists, at 80x24 and 40x12 in
//! both languages: the reader's key hints and the results' totals fitted
//! to a narrow terminal (item 6), the start-up offer to continue beside
//! the problems (item 8), subdistricts lined up when only some articles
//! have dates and read groups said plainly (item 11).

use std::path::Path;

use crate::common;

use bulletin::app::{App, KeyCode, Lang};
use bulletin::model::{Strictness, open_path_with};
use bulletin::store::{ArchiveKey, Status, Store, make_anchor};
use common::{ch, key, press, sample_app, snap, type_str};
use serde_json::{Value, json};

const SIZES: [(u16, u16); 2] = [(80, 24), (40, 12)];
const LANGS: [Lang; 2] = [Lang::En, Lang::Zh];

fn resized(mut app: App, w: u16, h: u16) -> App {
    bulletin::app::effect::update_inline(&mut app, bulletin::app::Action::Resize(w, h));
    app
}

/// The sample archive with `edit` applied, written to `dir`.
fn sample_with(dir: &Path, edit: impl FnOnce(&mut Vec<Value>)) -> std::path::PathBuf {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/zhongyuan.json"
    ))
    .unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    edit(v["articles"].as_array_mut().unwrap());
    let path = dir.join("archive.json");
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    path
}

#[test]
fn reader_hints_fit_a_narrow_status_line() {
    for lang in LANGS {
        for (w, h) in SIZES {
            let mut app = sample_app(common::settings_in(lang), w, h);
            type_str(&mut app, "须水");
            press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
            insta::assert_snapshot!(
                format!("reader_{w}x{h}_{}", common::lang_name(lang)),
                snap(&app)
            );
        }
    }
}

#[test]
fn results_totals_fit_a_narrow_status_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_with(dir.path(), |articles| {
        for (i, a) in articles.iter_mut().enumerate() {
            a["date"] = json!(format!("{}-05-12", 2022 + i % 2));
        }
    });
    for lang in LANGS {
        for (w, h) in SIZES {
            let lib = open_path_with(&path, Strictness::Lenient).unwrap();
            let mut app = resized(App::new(lib, common::settings_in(lang)), w, h);
            press(&mut app, &[ch('s')]);
            type_str(&mut app, "党建");
            // Most hits first, then one year.
            press(&mut app, &[key(KeyCode::Enter), ch('S'), ch('y')]);
            let shot = snap(&app);
            let last = shot.lines().last().unwrap();
            assert!(
                !last.contains('\u{2026}') && last.contains("2023"),
                "{last}"
            );
            insta::assert_snapshot!(format!("results_{w}x{h}_{}", common::lang_name(lang)), shot);
        }
    }
}

/// An archive with problems whose article read last has no title.
fn untitled_in_progress(dir: &Path, lang: Lang) -> App {
    let path = sample_with(dir, |articles| {
        // Blank, not missing (a missing title breaks the article).
        articles[1]["title"] = json!(" \u{3000}");
        articles[2]["body"] = json!("not an array");
        articles[3]["date"] = json!("2023-02-30");
    });
    let lib = open_path_with(&path, Strictness::Lenient).unwrap();
    let id = lib.articles[1].id.clone();
    let key = ArchiveKey::new(&lib.title, lib.key.as_deref());
    let (mut store, _) = Store::open(dir).unwrap();
    let anchor = make_anchor(&id, &["x"], 0, 0);
    store.set_position(&key, &id, anchor, Status::InProgress);
    store.save().unwrap();
    let (store, _) = Store::open(dir).unwrap();
    App::new(lib, common::settings_in(lang)).with_store(store)
}

#[test]
fn the_offer_to_continue_names_an_untitled_article_beside_the_problems() {
    for lang in LANGS {
        for (w, h) in SIZES {
            let dir = tempfile::tempdir().unwrap();
            let app = resized(untitled_in_progress(dir.path(), lang), w, h);
            let shot = snap(&app);
            let last = shot.lines().last().unwrap();
            let id = app.archive.articles[1].id.as_str();
            assert!(!last.contains("\u{300a}"), "{last}");
            assert!(last.contains('!') && last.contains('C'), "both: {last}");
            assert!(w < 80 || last.contains(id), "{last}");
            insta::assert_snapshot!(
                format!("continue_{w}x{h}_{}", common::lang_name(lang)),
                shot
            );
        }
    }
}

#[test]
fn subdistricts_line_up_when_only_some_articles_have_dates() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_with(dir.path(), |articles| {
        for (i, a) in articles.iter_mut().enumerate() {
            match i % 2 {
                0 => a["date"] = json!("2023-05-12"),
                _ => {
                    a.as_object_mut().unwrap().remove("date");
                }
            }
        }
    });
    for lang in LANGS {
        for (w, h) in SIZES {
            let lib = open_path_with(&path, Strictness::Lenient).unwrap();
            let app = resized(App::new(lib, common::settings_in(lang)), w, h);
            insta::assert_snapshot!(
                format!("partial_dates_{w}x{h}_{}", common::lang_name(lang)),
                snap(&app)
            );
        }
    }
}

#[test]
fn a_group_read_through_says_so() {
    for lang in LANGS {
        for (w, h) in [(80, 24), (40, 12), (120, 40)] {
            let dir = tempfile::tempdir().unwrap();
            let (store, _) = Store::open(dir.path()).unwrap();
            let mut app = sample_app(common::settings_in(lang), w, h).with_store(store);
            // 桐柏路街道's one article, and one of 中原区's five, read.
            type_str(&mut app, "桐柏");
            press(&mut app, &[key(KeyCode::Enter), ch('r'), key(KeyCode::Esc)]);
            insta::assert_snapshot!(
                format!("group_read_{w}x{h}_{}", common::lang_name(lang)),
                snap(&app)
            );
        }
    }
}
