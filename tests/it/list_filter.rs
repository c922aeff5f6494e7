//! The article list's filter through its index (`TitleIndex`), narrowing
//! from the last query's candidates, gives exactly the list a full pass
//! without the index gives: for random titles, places and dates, any
//! group and order, and any edits (typing, deleting, which must widen the
//! list again, pasting, moving the cursor), one at a time or taken
//! together (`App::update_edits`).

use std::sync::Arc;

use bulletin::app::effect::update_inline;
use bulletin::app::list_filter::{TitleIndex, TitlesHandle};
use bulletin::app::order::SortKey;
use bulletin::app::{Action, App, Settings};
use bulletin::model::{Archive, Article, FORMAT_TAG, Library};
use proptest::prelude::*;
use proptest::sample::select;

/// Pinyin of every kind (heteronyms, ü, retroflex initials), both scripts,
/// full width, case, Latin and digits.
const CHARS: &[&str] = &[
    "须", "水", "街", "道", "长", "江", "中", "山", "路", "女", "略", "社", "区", "區", "发", "發",
    "s", "S", "q", "x", "u", "h", "i", "a", "ｓ", "Ｑ", "1", "2", "-", " ",
];
const PLACES: &[&str] = &["须水街道", "中山路街道", "長江镇", "sq乡", "区"];
/// What is typed: single characters and short runs (pasted).
const TYPED: &[&str] = &[
    "s", "q", "x", "u", "h", "i", "a", "S", "1", "-", " ", "须", "水", "區", "ｓ", "xushui", "sq",
    "长江", "zh",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(select(CHARS), 1..10).prop_map(|v| v.concat())
}

fn article(i: usize, title: String, place: (usize, Option<usize>), date: Option<u8>) -> Article {
    let title = if title.trim().is_empty() {
        "t".into()
    } else {
        title
    };
    let district = ["中原区", "长江区"][place.0 % 2];
    let mut a = serde_json::json!({
        "id": format!("a{i}"),
        "title": title,
        "district": district,
        "body": [],
    });
    if let Some(s) = place.1 {
        a["subdistrict"] = PLACES[s].into();
    }
    if let Some(d) = date {
        a["date"] = format!("2024-0{}-1{}", 1 + d % 9, d % 10).into();
    }
    serde_json::from_value(a).unwrap()
}

fn library() -> impl Strategy<Value = Arc<Library>> {
    let one = (
        text(),
        (0..2usize, prop::option::of(0..PLACES.len())),
        prop::option::of(any::<u8>()),
    );
    prop::collection::vec(one, 1..30).prop_map(|arts| {
        let articles = (arts.into_iter().enumerate())
            .map(|(i, (t, p, d))| article(i, t, p, d))
            .collect();
        let a: Archive = serde_json::from_value(serde_json::json!({
            "format": FORMAT_TAG, "title": "filter", "articles": []
        }))
        .unwrap();
        Arc::new(Library::from(Archive { articles, ..a }))
    })
}

#[derive(Debug, Clone)]
enum Edit {
    Type(&'static str),
    Paste(&'static str),
    Backspace,
    Home,
    End,
    DeleteWord,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => select(TYPED).prop_map(Edit::Type),
        1 => select(TYPED).prop_map(Edit::Paste),
        3 => Just(Edit::Backspace),
        1 => Just(Edit::Home),
        1 => Just(Edit::End),
        1 => Just(Edit::DeleteWord),
    ]
}

fn actions(e: &Edit) -> Vec<Action> {
    match e {
        Edit::Type(s) => s.chars().map(Action::Input).collect(),
        Edit::Paste(s) => vec![Action::Paste(s.to_string())],
        Edit::Backspace => vec![Action::InputBackspace],
        Edit::Home => vec![Action::InputHome],
        Edit::End => vec![Action::InputEnd],
        Edit::DeleteWord => vec![Action::InputDeleteWord],
    }
}

/// The app on `lib`, its list in `group` and `sort` order, the filter
/// open; with the index when `indexed`.
fn app(lib: &Arc<Library>, indexed: bool, group: usize, sort: SortKey) -> App {
    let mut app = App::over(lib.clone(), Settings::default());
    update_inline(&mut app, Action::Resize(100, 30));
    if indexed {
        let index = TitleIndex::new(&app.archive);
        update_inline(
            &mut app,
            Action::TitlesIndexed(TitlesHandle(Arc::new(index))),
        );
    }
    app.browse.group = group.min(app.browse.entries.len() - 1);
    app.browse.sort = sort;
    app.browse.refresh(&app.archive.clone());
    update_inline(&mut app, Action::StartFilter);
    app
}

const SORTS: [SortKey; 4] = [
    SortKey::Groups,
    SortKey::Archive,
    SortKey::Date,
    SortKey::Title,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn narrowing_gives_the_list_a_full_pass_gives(
        lib in library(),
        edits in prop::collection::vec(edit(), 1..16),
        group in 0..6usize,
        sort in select(SORTS.to_vec()),
    ) {
        let mut plain = app(&lib, false, group, sort);
        let mut indexed = app(&lib, true, group, sort);
        let mut batched = app(&lib, true, group, sort);
        let mut all = Vec::new();
        for e in &edits {
            for a in actions(e) {
                update_inline(&mut plain, a.clone());
                update_inline(&mut indexed, a.clone());
                all.push(a);
            }
            prop_assert_eq!(&indexed.browse.filter, &plain.browse.filter);
            prop_assert_eq!(
                &indexed.browse.visible, &plain.browse.visible,
                "filter {:?}", plain.browse.filter
            );
        }
        let effects = batched.update_edits(all);
        bulletin::app::effect::run_inline(&mut batched, effects);
        prop_assert_eq!(&batched.browse.filter, &plain.browse.filter);
        prop_assert_eq!(&batched.browse.visible, &plain.browse.visible);
    }
}

fn titles(names: &[&str]) -> Arc<Library> {
    let articles = (names.iter().enumerate())
        .map(|(i, t)| article(i, t.to_string(), (0, None), None))
        .collect();
    let a: Archive = serde_json::from_value(serde_json::json!({
        "format": FORMAT_TAG, "title": "filter", "articles": []
    }))
    .unwrap();
    Arc::new(Library::from(Archive { articles, ..a }))
}

fn shown(app: &App) -> Vec<String> {
    (app.browse.visible.iter())
        .map(|&i| app.archive.articles[i].title.clone())
        .collect()
}

/// A pinyin query cut inside a syllable matches nothing, and its next
/// letter matches again: narrowing keeps what a longer query may match.
#[test]
fn a_syllable_cut_short_comes_back_with_its_next_letter() {
    let mut app = app(
        &titles(&["须水街道通知", "物业公告"]),
        true,
        0,
        SortKey::Groups,
    );
    for c in "xushu".chars() {
        update_inline(&mut app, Action::Input(c));
    }
    assert!(shown(&app).is_empty());
    update_inline(&mut app, Action::Input('i'));
    assert_eq!(shown(&app), ["须水街道通知"]);
    for _ in 0.."xushui".len() {
        update_inline(&mut app, Action::InputBackspace);
    }
    assert_eq!(shown(&app).len(), 2, "deleting widens the list again");
}
