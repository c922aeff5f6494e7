//! `App::update` reads no file: an article's body, the snippets of search
//! results, the check of bookmarks and a new reading of the archive are
//! asked for as effects and come back as actions. The screen stays as it
//! was until the answer comes, and an answer that no longer fits (the
//! user left, a newer request, a newer version of the archive) is
//! dropped.

use std::sync::Arc;

use bulletin::app::effect::{Effect, run_inline, update_inline};
use bulletin::app::{Action, App, Fresh, IndexState, Reloaded, Screen, Settings};
use bulletin::model::load_sample;

use crate::common::sample_app;

fn app() -> App {
    let mut app = sample_app(Settings::default(), 80, 24);
    update_inline(&mut app, Action::FocusArticles);
    app
}

fn kinds(effects: &[Effect]) -> Vec<&'static str> {
    (effects.iter())
        .map(|e| match e {
            Effect::LoadArticle(_) => "article",
            Effect::LoadSnippets(_) => "snippets",
            Effect::CheckMarks(_) => "marks",
            Effect::Reload(_) => "reload",
            Effect::Save(_) => "save",
            _ => "other",
        })
        .collect()
}

#[test]
fn opening_an_article_asks_for_its_body_and_the_answer_opens_it() {
    let mut app = app();
    let effects = app.update(Action::Open);
    assert_eq!(kinds(&effects), ["article"]);
    assert_eq!(
        app.screen(),
        Screen::Browse,
        "the list, until the body comes"
    );
    run_inline(&mut app, effects);
    assert_eq!(app.screen(), Screen::Read);
}

#[test]
fn a_body_for_a_screen_left_meanwhile_is_dropped() {
    let mut app = app();
    let effects = app.update(Action::Open);
    update_inline(&mut app, Action::Bookmarks);
    assert_eq!(app.screen(), Screen::Bookmarks);
    run_inline(&mut app, effects);
    assert_eq!(
        app.screen(),
        Screen::Bookmarks,
        "not opened over the list left"
    );
}

#[test]
fn a_body_asked_for_again_answers_once() {
    let mut app = app();
    let first = app.update(Action::Open);
    update_inline(&mut app, Action::Down);
    let second = app.update(Action::Open);
    run_inline(&mut app, first);
    assert_eq!(app.screen(), Screen::Browse, "the older request is dropped");
    run_inline(&mut app, second);
    let second_article = app.browse.visible[1];
    assert_eq!(app.reader().map(|r| r.article), Some(second_article));
}

#[test]
fn a_body_of_an_older_version_of_the_archive_is_dropped() {
    let mut app = app();
    let effects = app.update(Action::Open);
    let fresh = Fresh {
        library: Arc::new(load_sample().unwrap().into()),
        index: IndexState::Unused,
        docs: Default::default(),
        seq: None,
        groups: None,
        changes: None,
    };
    update_inline(&mut app, Action::Reloaded(Reloaded(Ok(fresh))));
    run_inline(&mut app, effects);
    assert_eq!(app.screen(), Screen::Browse);
}

#[test]
fn a_new_reading_waits_for_the_open_articles_bodies() {
    let mut app = app();
    // 桐柏路街道's report, the longest of the sample.
    let long = (app.browse.visible.iter())
        .position(|&i| app.archive.articles[i].id == "00a106d7")
        .unwrap();
    app.browse.selected = long;
    update_inline(&mut app, Action::Open);
    let before = app.reader().unwrap().article;
    let fresh = Fresh {
        library: Arc::new(load_sample().unwrap().into()),
        index: IndexState::Unused,
        docs: Default::default(),
        seq: None,
        groups: None,
        changes: None,
    };
    let library = fresh.library.clone();
    let effects = app.update(Action::Reloaded(Reloaded(Ok(fresh))));
    assert_eq!(kinds(&effects), ["reload"], "the open article's body first");
    assert!(
        !Arc::ptr_eq(&app.archive, &library),
        "the old version meanwhile"
    );
    // Keys still work on the version in hand.
    update_inline(&mut app, Action::Down);
    assert_eq!(app.reader().unwrap().top, 1);
    let anchor = app.reader().unwrap().anchor;
    run_inline(&mut app, effects);
    assert!(Arc::ptr_eq(&app.archive, &library));
    assert_eq!(app.reader().unwrap().article, before);
    assert_eq!(app.reader().unwrap().anchor, anchor, "at the same words");
}

/// The sample in a file of its own, followed (`R` reads it again).
fn app_on_file(dir: &std::path::Path) -> App {
    use bulletin::app::ArchiveSource;
    use bulletin::model::{SAMPLE_JSON, Strictness, open_path_with};
    let path = dir.join("archive.json");
    std::fs::write(&path, SAMPLE_JSON).unwrap();
    let library = open_path_with(&path, Strictness::Lenient).unwrap();
    let source = ArchiveSource {
        path,
        strictness: Strictness::Lenient,
        cache_dir: None,
    };
    let mut app = App::new(library, Settings::default()).with_source(Some(source));
    update_inline(&mut app, Action::Resize(80, 24));
    update_inline(&mut app, Action::FocusArticles);
    app
}

#[test]
fn r_asks_for_a_reading_and_the_list_answers_keys_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_file(dir.path());
    let old = app.archive.clone();
    let effects = app.update(Action::Reload);
    assert_eq!(kinds(&effects), ["reload"]);
    assert!(Arc::ptr_eq(&app.archive, &old), "not read in update");
    update_inline(&mut app, Action::Down);
    assert_eq!(app.browse.selected, 1);
    run_inline(&mut app, effects);
    assert!(!Arc::ptr_eq(&app.archive, &old), "the new reading is taken");
    assert_eq!(app.browse.selected, 1, "the list kept its place");
}

#[test]
fn a_reading_asked_for_again_is_taken_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app_on_file(dir.path());
    let old = app.archive.clone();
    let first = app.update(Action::Reload);
    let second = app.update(Action::Reload);
    run_inline(&mut app, first);
    assert!(
        Arc::ptr_eq(&app.archive, &old),
        "the older request is dropped"
    );
    run_inline(&mut app, second);
    assert!(!Arc::ptr_eq(&app.archive, &old));
}

#[test]
fn what_changed_is_worked_out_off_the_ui_thread_and_the_old_version_let_go_there() {
    let mut app = app();
    let old = app.archive.clone();
    let fresh = Fresh {
        library: Arc::new(load_sample().unwrap().into()),
        index: IndexState::Unused,
        docs: Default::default(),
        seq: None,
        groups: None,
        changes: None,
    };
    // The watcher's reading: nothing open, but every id to compare.
    let effects = app.update(Action::Reloaded(Reloaded(Ok(fresh))));
    assert_eq!(kinds(&effects), ["reload"]);
    assert!(Arc::ptr_eq(&app.archive, &old));
    let Effect::Reload(job) = &effects[0] else {
        unreachable!()
    };
    let answer = bulletin::work::reload(job.clone());
    drop(effects);
    let effects = app.update(answer);
    assert!(!Arc::ptr_eq(&app.archive, &old), "taken");
    let released: Vec<_> = (effects.iter())
        .filter_map(|e| match e {
            Effect::Release(lib) => Some(lib.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(released.len(), 1, "the old version goes to the run loop");
    assert!(Arc::ptr_eq(&released[0], &old));
    assert_eq!(
        app.status.as_deref(),
        Some("Archive read again: 0 new, 0 gone")
    );
}

#[test]
fn snippets_for_another_search_or_version_are_dropped() {
    use bulletin::app::effect::SnippetsLoaded;
    use bulletin::find::Snippet;
    let mut app = app();
    update_inline(&mut app, Action::ArchiveSearch);
    crate::common::type_str(&mut app, "物业");
    let f = app.finder.as_ref().unwrap();
    let article = f.listed[0].article;
    let shown = f.snippets.get(&article).cloned();
    assert!(
        matches!(shown, Some(Some(_))),
        "the first result has its snippet"
    );
    let odd = Snippet {
        hit: "odd".into(),
        ..Snippet::default()
    };
    let answer = |epoch, generation, text: &str| {
        Action::SnippetsLoaded(SnippetsLoaded {
            epoch,
            generation,
            text: text.into(),
            items: vec![(article, Some(odd.clone()), None)],
        })
    };
    let (epoch, generation) = (app.loads.epoch, f.generation);
    for late in [
        answer(epoch, generation - 1, "物业"),
        answer(epoch, generation, "物"),
        answer(epoch + 1, generation, "物业"),
    ] {
        update_inline(&mut app, late);
        let f = app.finder.as_ref().unwrap();
        assert_eq!(f.snippets.get(&article).cloned(), shown);
    }
}

#[test]
fn a_bookmark_check_started_again_drops_the_older_answer() {
    use bulletin::app::effect::MarksChecked;
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = bulletin::store::Store::open(dir.path()).unwrap();
    let mut app = app().with_store(store);
    update_inline(&mut app, Action::Open);
    update_inline(&mut app, Action::AddBookmark);
    update_inline(&mut app, Action::InputAccept);
    let fx = app.update(Action::Bookmarks);
    assert!(kinds(&fx).contains(&"marks"), "{:?}", kinds(&fx));
    let id = app.visible_bookmarks()[0].id.clone();
    let late = MarksChecked {
        seq: app.loads.marks - 1,
        checked: vec![id.clone()],
        detached: vec![id.clone()],
    };
    update_inline(&mut app, Action::MarksChecked(late));
    run_inline(&mut app, fx);
    let b = app.visible_bookmarks()[0].clone();
    assert!(!app.bookmark_detached(&b), "the older check is dropped");
    let now = MarksChecked {
        seq: app.loads.marks,
        checked: vec![id.clone()],
        detached: vec![id],
    };
    update_inline(&mut app, Action::MarksChecked(now));
    assert!(app.bookmark_detached(&b), "the current one counts");
}
