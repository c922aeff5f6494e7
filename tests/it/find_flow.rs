//! The archive search through the keymap: results as you type, the same
//! counts as inside each article, opening a hit, `n` on into the next
//! article, narrowing, and both scripts.

use crate::common;

use bulletin::app::{Action, App, KeyCode, Lang, Screen, Settings};
use bulletin::model::{Article, Block, Library, load_sample};
use bulletin::text::search::han_pairs;
use common::{ch, key, press, type_str};

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

fn app_of(lib: impl Into<Library>) -> App {
    let mut app = App::new(lib, settings());
    bulletin::app::effect::update_inline(&mut app, Action::Resize(80, 24));
    app
}

/// (subdistrict, hits) of the results shown.
fn listed(app: &App) -> Vec<(String, usize)> {
    let f = app.finder.as_ref().expect("a search");
    f.listed
        .iter()
        .map(|h| {
            let a = &app.archive.articles[h.article];
            (a.subdistrict.clone().unwrap_or_default(), h.hits)
        })
        .collect()
}

fn search(app: &mut App, q: &str) {
    press(app, &[ch('s')]);
    assert_eq!(app.screen(), Screen::Results);
    // The prompt opens with the last query: start afresh.
    press(app, &[key(KeyCode::End), bulletin::app::Key::ctrl('u')]);
    type_str(app, q);
    press(app, &[key(KeyCode::Enter)]);
}

#[test]
fn wuye_across_the_archive_counts_as_inside_each_article() {
    let mut app = app_of(load_sample().unwrap());
    search(&mut app, "物业");
    let found = listed(&app);
    assert!(found.contains(&("棉纺路街道".into(), 14)), "{found:?}");
    let f = app.finder.as_ref().unwrap();
    assert!(f.results.done);
    assert_eq!(
        f.results.total_hits,
        found.iter().map(|(_, n)| n).sum::<usize>()
    );
    // Each count is the in-article search's.
    for (i, (_, hits)) in found.iter().enumerate() {
        app.finder.as_mut().unwrap().selected = i;
        press(&mut app, &[key(KeyCode::Enter)]);
        let r = app.reader().expect("the article opens");
        assert_eq!(r.search.matches.len(), *hits);
        let m = r.search.current.expect("a current hit");
        assert!(
            r.match_on_screen(app.geo.reader.body_height).is_some(),
            "hit {m} in view"
        );
        press(&mut app, &[ch('q')]);
        assert_eq!(app.screen(), Screen::Results, "q goes back to the results");
        assert_eq!(
            app.finder.as_ref().unwrap().selected,
            i,
            "scrolled where they were"
        );
    }
}

#[test]
fn n_past_the_last_hit_goes_on_into_the_next_article() {
    let mut app = app_of(load_sample().unwrap());
    search(&mut app, "物业");
    press(&mut app, &[key(KeyCode::Enter)]);
    let first = app.reader().unwrap().article;
    let hits = app.reader().unwrap().search.matches.len();
    for _ in 0..hits {
        press(&mut app, &[ch('n')]);
    }
    let second = app.reader().unwrap().article;
    assert_ne!(second, first, "on into the next article");
    assert_eq!(app.reader().unwrap().search.current, Some(0));
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .starts_with("Next article with hits")
    );
    press(&mut app, &[ch('N')]);
    assert_eq!(app.reader().unwrap().article, first, "N goes back");
    let r = app.reader().unwrap();
    assert_eq!(
        r.search.current,
        Some(r.search.matches.len() - 1),
        "to its last hit"
    );
}

#[test]
fn typing_again_cancels_the_search_in_flight() {
    let mut app = app_of(load_sample().unwrap());
    press(&mut app, &[ch('s')]);
    type_str(&mut app, "物");
    let old = app.finder.as_ref().unwrap().generation;
    type_str(&mut app, "业");
    let f = app.finder.as_ref().unwrap();
    assert!(f.generation > old);
    let before = f.results.total_hits;
    // A late batch of the old search changes nothing.
    let late = bulletin::find::Batch {
        hits: vec![bulletin::find::Hit {
            article: 0,
            hits: 99,
        }],
        ..Default::default()
    };
    bulletin::app::effect::update_inline(&mut app, Action::Found(old, late));
    assert_eq!(app.finder.as_ref().unwrap().results.total_hits, before);
}

/// The sample in traditional characters (simplified -> a traditional form).
fn traditional_sample() -> bulletin::model::Archive {
    let to_trad = |s: &str| -> String {
        s.chars()
            .map(|c| han_pairs().iter().find(|p| p.1 == c).map_or(c, |p| p.0))
            .collect()
    };
    let mut a = load_sample().unwrap();
    for art in &mut a.articles {
        art.title = to_trad(&art.title);
        for b in &mut art.body {
            if let Block::Paragraph { text } = b {
                *text = to_trad(text);
            }
        }
    }
    a
}

#[test]
fn a_simplified_query_finds_the_traditional_copy_alike() {
    let trad = traditional_sample();
    let changed = trad.articles[4]
        .body
        .iter()
        .any(|b| matches!(b, Block::Paragraph { text } if text.contains('業')));
    assert!(changed, "the copy is in traditional characters");
    let mut simple = app_of(load_sample().unwrap());
    let mut traditional = app_of(trad);
    search(&mut simple, "物业");
    search(&mut traditional, "物业");
    assert_eq!(listed(&simple), listed(&traditional));
    let mut back = app_of(load_sample().unwrap());
    search(&mut back, "物業");
    assert_eq!(listed(&back), listed(&simple), "and the other way round");
}

fn dated(id: &str, sub: &str, date: &str, text: &str) -> Article {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": format!("{sub}报告"), "district": "中原区",
        "subdistrict": sub, "date": date,
        "body": [{"type": "paragraph", "text": text}],
    }))
    .unwrap()
}

#[test]
fn facets_groups_years_and_order_narrow_and_sort() {
    let mut a = load_sample().unwrap();
    a.articles = vec![
        dated("a1", "须水街道", "2019-05-01", "人工智能"),
        dated("a2", "棉纺路街道", "2020-06-01", "人工智能 人工智能"),
        dated(
            "a3",
            "棉纺路街道",
            "2021-01-01",
            "人工智能 人工智能 人工智能",
        ),
    ];
    let mut app = app_of(a);
    search(&mut app, "人工智能 after:2020 before:2021-01-01");
    assert_eq!(listed(&app), [("棉纺路街道".into(), 2)]);
    press(&mut app, &[ch('s')]);
    press(&mut app, &[key(KeyCode::Home), key(KeyCode::Delete)]);
    for _ in 0.."人工智能 after:2020 before:2021-01-01".chars().count() {
        press(&mut app, &[key(KeyCode::Delete)]);
    }
    type_str(&mut app, "人工智能");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(listed(&app).len(), 3);
    press(&mut app, &[ch('o')]);
    assert_eq!(listed(&app)[0].1, 3, "most hits first");
    press(&mut app, &[ch('o')]);
    assert_eq!(listed(&app)[0].0, "棉纺路街道", "newest first");
    press(&mut app, &[ch('y')]);
    assert_eq!(
        listed(&app),
        [("棉纺路街道".into(), 3)],
        "the newest year, 2021"
    );
    press(&mut app, &[ch('y'), ch('y'), ch('y')]);
    assert_eq!(listed(&app).len(), 3, "cycled back to all years");
    // The group pane: hits per subdistrict, and picking one narrows.
    let f = app.finder.as_ref().unwrap();
    let mianfang = app.browse.entries.iter().position(|e| matches!(e, bulletin::app::GroupEntry::Sub(_, s) if app.groups.districts[0].subdistricts[*s].name == "棉纺路街道")).unwrap();
    assert_eq!(f.group_hits[mianfang], 5);
    press(&mut app, &[ch('h')]);
    for _ in 0..mianfang {
        press(&mut app, &[ch('j')]);
    }
    assert!(listed(&app).iter().all(|(s, _)| s == "棉纺路街道"));
}

#[test]
fn an_unreadable_body_is_reported_and_the_rest_still_searched() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/search/broken_body.json"
    );
    let lib = bulletin::model::open_path(std::path::Path::new(path)).unwrap();
    let mut app = app_of(lib);
    search(&mut app, "物业");
    let f = app.finder.as_ref().unwrap();
    assert_eq!(f.results.unreadable.len(), 1, "{:?}", f.results);
    assert_eq!(
        f.results.articles(),
        1,
        "the good article is still searched"
    );
    let screen = common::buffer_text(&common::render(&app));
    assert!(screen.contains("[unreadable"), "{screen}");
}

#[test]
fn the_first_search_builds_the_index_and_then_uses_it() {
    let sample = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sample-data/zhongyuan.json"
    ));
    let cache = tempfile::tempdir().unwrap();
    let path = cache.path().join("index").join("sample.idx");
    let lib = bulletin::model::open_path(sample).unwrap();
    let mut app = app_of(lib).with_index(bulletin::app::IndexState::Missing { path: path.clone() });
    search(&mut app, "物业");
    assert!(
        matches!(app.index, bulletin::app::IndexState::Ready(_)),
        "{:?}",
        app.index
    );
    assert!(path.exists(), "the index is in the cache");
    let with_index = listed(&app);
    let mut plain = app_of(load_sample().unwrap());
    search(&mut plain, "物业");
    assert_eq!(with_index, listed(&plain));
}

#[test]
fn placeholders_for_unreadable_blocks_are_not_searched_either_way() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lenient/mixed.json"
    );
    for lang in [Lang::En, Lang::Zh] {
        let lenient = bulletin::model::Strictness::Lenient;
        let lib = bulletin::model::open_path_with(std::path::Path::new(path), lenient).unwrap();
        let mut app = App::new(lib, Settings { lang, ..settings() });
        bulletin::app::effect::update_inline(&mut app, Action::Resize(80, 24));
        // The placeholder of the image block says "unreadable" (无法读取) and
        // "image"; the text around it says 文字.
        for q in ["image", "unreadable", "无法读取", "文字"] {
            search(&mut app, q);
            let found = listed(&app);
            for (i, (_, hits)) in found.iter().enumerate() {
                app.finder.as_mut().unwrap().selected = i;
                press(&mut app, &[key(KeyCode::Enter)]);
                if let Some(r) = app.reader() {
                    assert_eq!(r.search.matches.len(), *hits, "{q} in {lang:?}");
                }
                press(&mut app, &[ch('q')]);
            }
            let words = found.iter().map(|(_, n)| n).sum::<usize>();
            assert_eq!(words > 0, q == "文字", "{q}: {found:?}");
            press(&mut app, &[ch('q')]);
        }
    }
}
