//! Reading the archive again while the reader is open (issue 14), in
//! process: `R` (the watcher sends the same `Action::Reloaded`). The open
//! article stays at the same words, the list keeps its group and
//! selection, bookmarks keep their place, a new article shows, a gone
//! one says so, and a file that cannot be read changes nothing.

use std::path::{Path, PathBuf};

use bulletin::app::effect::update_inline;
use bulletin::app::{Action, App, ArchiveSource, Lang, Screen, Settings};
use bulletin::model::{SAMPLE_JSON, Strictness, open_path_with};
use bulletin::store::Store;
use serde_json::{Value, json};

/// 桐柏路街道's report, the longest of the sample.
const TONGBAI: &str = "00a106d7";

fn sample() -> Value {
    serde_json::from_str(SAMPLE_JSON).unwrap()
}

/// Writes `archive` the way `bulletin import -o` does: a new file renamed
/// over the old one.
fn replace(path: &Path, archive: &Value) {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, serde_json::to_string_pretty(archive).unwrap()).unwrap();
    std::fs::rename(&tmp, path).unwrap();
}

struct Setup {
    _dir: tempfile::TempDir,
    path: PathBuf,
    app: App,
}

fn setup(lang: Lang) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.json");
    replace(&path, &sample());
    let library = open_path_with(&path, Strictness::Lenient).unwrap();
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let source = ArchiveSource {
        path: path.clone(),
        strictness: Strictness::Lenient,
        cache_dir: None,
    };
    let data = dir.path().join("data");
    let (store, _) = Store::open(&data).unwrap();
    let mut app = App::new(library, settings)
        .with_source(Some(source))
        .with_store(store);
    update_inline(&mut app, Action::Resize(60, 16));
    Setup {
        _dir: dir,
        path,
        app,
    }
}

fn open(app: &mut App, id: &str) {
    let i = app.archive.index_of(id).unwrap();
    app.browse.selected = app.browse.visible.iter().position(|&v| v == i).unwrap();
    update_inline(app, Action::Open);
    assert_eq!(app.screen(), Screen::Read);
}

/// The text of the reader's top line.
fn top_line(app: &App) -> String {
    let r = app.reader().unwrap();
    r.layout.line_text(&r.doc, r.top).to_string()
}

fn current_id(app: &App) -> String {
    let r = app.reader().unwrap();
    app.archive.articles[r.article].id.clone()
}

fn new_article() -> Value {
    json!({"id": "new-1", "title": "新来的文章", "district": "中原区",
           "subdistrict": "须水街道",
           "body": [{"type": "paragraph", "text": "刚导入的一篇。"}]})
}

#[test]
fn a_new_version_keeps_the_reader_on_the_same_words() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::Zh);
    open(&mut app, TONGBAI);
    for _ in 0..7 {
        update_inline(&mut app, Action::Down);
    }
    update_inline(&mut app, Action::AddBookmark);
    update_inline(&mut app, Action::InputAccept);
    let before = top_line(&app);
    // A new article first (every index shifts), and a paragraph added
    // before the one on screen.
    replace(&path, &shifted());
    update_inline(&mut app, Action::Reload);
    assert_eq!(current_id(&app), TONGBAI);
    assert_eq!(top_line(&app), before, "the same words at the top");
    assert_eq!(
        app.status.as_deref(),
        Some("已重新读入档案：新增 1 篇，移除 0 篇")
    );
    update_inline(&mut app, Action::Back);
    let selected = app.browse.current().unwrap();
    assert_eq!(
        app.archive.articles[selected].id, TONGBAI,
        "the same selection"
    );
    assert!(
        app.browse
            .visible
            .iter()
            .any(|&i| app.archive.articles[i].id == "new-1")
    );
    update_inline(&mut app, Action::Bookmarks);
    let marks = app.visible_bookmarks();
    assert_eq!(marks.len(), 1);
    assert!(
        !app.bookmark_detached(marks[0]),
        "the bookmark still finds its text"
    );
}

#[test]
fn an_article_that_went_away_says_so() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::En);
    open(&mut app, TONGBAI);
    let mut v = sample();
    v["articles"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["id"] != TONGBAI);
    replace(&path, &v);
    update_inline(&mut app, Action::Reload);
    assert_eq!(app.screen(), Screen::Browse);
    let status = app.status.clone().unwrap();
    assert!(
        status.starts_with("The article [支部联建聚合力"),
        "{status}"
    );
    assert!(status.ends_with("is no longer in the archive"), "{status}");
}

#[test]
fn a_file_that_cannot_be_read_changes_nothing() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::Zh);
    open(&mut app, TONGBAI);
    update_inline(&mut app, Action::PageDown);
    let before = top_line(&app);
    let count = app.archive.articles.len();
    // Half of the file, as a writer that stopped half-way leaves it.
    std::fs::write(&path, &SAMPLE_JSON.as_bytes()[..SAMPLE_JSON.len() / 2]).unwrap();
    update_inline(&mut app, Action::Reload);
    let status = app.status.clone().unwrap();
    assert_eq!(
        status,
        "档案已改变但还读不出，仍显示原来的内容（按 ! 看原因）"
    );
    // Why, in the problems view (which counts it).
    let problems = app.problems();
    assert!(problems[0].place.contains("文件是否不完整"), "{problems:?}");
    assert_eq!(app.problem_count(), 1);
    assert_eq!(top_line(&app), before);
    assert_eq!(app.archive.articles.len(), count);
    // Paging on reads nothing of the old file (it is shorter now).
    update_inline(&mut app, Action::PageDown);
    update_inline(&mut app, Action::NextArticle);
    // Whole again, with one more article: read.
    let mut v = sample();
    v["articles"].as_array_mut().unwrap().push(new_article());
    replace(&path, &v);
    update_inline(&mut app, Action::Reload);
    assert_eq!(app.archive.articles.len(), count + 1);
    assert_eq!(app.problem_count(), 0, "read again: the failure is gone");
}

#[test]
fn the_sample_has_nothing_to_reload() {
    let mut app = App::new(bulletin::model::load_sample().unwrap(), Settings::default());
    update_inline(&mut app, Action::Reload);
    let status = app.status.clone().unwrap();
    assert!(status.contains("nothing to reload"), "{status}");
}

/// The sample with a new article first (every index shifts by one) and a
/// paragraph added at the start of 桐柏路街道's report.
fn shifted() -> Value {
    let mut v = sample();
    let articles = v["articles"].as_array_mut().unwrap();
    let tongbai = articles.iter_mut().find(|a| a["id"] == TONGBAI).unwrap();
    let body = tongbai["body"].as_array_mut().unwrap();
    body.insert(
        0,
        json!({"type": "paragraph", "text": "编者按：新加的一段。"}),
    );
    articles.insert(0, new_article());
    v
}

#[test]
fn the_jump_list_follows_its_article_and_words_through_a_reload() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::En);
    let old_index = app.archive.index_of(TONGBAI).unwrap();
    open(&mut app, TONGBAI);
    for _ in 0..7 {
        update_inline(&mut app, Action::Down);
    }
    let place = top_line(&app);
    update_inline(&mut app, Action::Bottom);
    assert_ne!(top_line(&app), place);
    replace(&path, &shifted());
    update_inline(&mut app, Action::Reload);
    assert_eq!(current_id(&app), TONGBAI);
    update_inline(&mut app, Action::JumpBack);
    assert_eq!(top_line(&app), place, "'' goes back to the same words");
    // The article now where 桐柏路街道's report was has no jumps of its.
    update_inline(&mut app, Action::Back);
    let other = app.archive.articles[old_index].id.clone();
    assert_ne!(other, TONGBAI);
    open(&mut app, &other);
    let start = top_line(&app);
    update_inline(&mut app, Action::JumpBack);
    assert_eq!(
        app.status.as_deref(),
        Some("No earlier place to go back to")
    );
    assert_eq!(top_line(&app), start);
}

#[test]
fn the_reading_position_survives_a_reload() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::Zh);
    open(&mut app, TONGBAI);
    for _ in 0..7 {
        update_inline(&mut app, Action::Down);
    }
    let place = top_line(&app);
    replace(&path, &shifted());
    update_inline(&mut app, Action::Reload);
    update_inline(&mut app, Action::Back);
    open(&mut app, TONGBAI);
    assert_eq!(top_line(&app), place, "reopened where reading stopped");
}

/// Selects the group `name` in the group pane, through its keys.
fn select_group(app: &mut App, name: &str) {
    update_inline(app, Action::FocusGroups);
    update_inline(app, Action::Top);
    for _ in 0..app.browse.entries.len() {
        let entry = app.browse.entries[app.browse.group];
        if let bulletin::app::GroupEntry::Sub(d, s) = entry
            && app.groups.districts[d].subdistricts[s].name == name
        {
            update_inline(app, Action::FocusArticles);
            return;
        }
        update_inline(app, Action::Down);
    }
    panic!("no group {name}");
}

#[test]
fn the_place_in_the_group_counts_an_article_a_reload_adds() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::En);
    select_group(&mut app, "须水街道");
    assert_eq!(app.browse.visible.len(), 1);
    update_inline(&mut app, Action::Open);
    let header = |app: &App| crate::common::buffer_text(&crate::common::render(app));
    assert!(header(&app).contains(" 1/1\n"), "{}", header(&app));
    let mut v = sample();
    v["articles"].as_array_mut().unwrap().push(new_article());
    replace(&path, &v);
    update_inline(&mut app, Action::Reload);
    assert_eq!(app.browse.visible.len(), 2, "the list has it");
    let r = app.reader().unwrap();
    assert_eq!(r.siblings, app.browse.visible, "and so has the reader");
    assert!(header(&app).contains(" 1/2\n"), "{}", header(&app));
    update_inline(&mut app, Action::NextArticle);
    assert_eq!(current_id(&app), "new-1");
}

/// `tests/fixtures/lenient/mixed.json`: six articles, five with a problem.
fn mixed() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lenient/mixed.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Found by the app fuzz: with the cursor on the last problem, a new
/// version with fewer problems left it below the list (no row marked,
/// Enter did nothing).
#[test]
fn the_problems_cursor_stays_on_the_list_when_a_reload_shortens_it() {
    let Setup {
        _dir,
        path,
        mut app,
    } = setup(Lang::En);
    replace(&path, &mixed());
    update_inline(&mut app, Action::Reload);
    update_inline(&mut app, Action::Problems);
    update_inline(&mut app, Action::Bottom);
    // On `notitle`, the second problem found on opening (after
    // `baddate`'s; the others are found as bodies are read).
    assert_eq!(app.problems_view.selected, 1);
    // Only `good` and `baddate` are left.
    let mut v = mixed();
    v["articles"]
        .as_array_mut()
        .unwrap()
        .retain(|a| a["id"] == "good" || a["id"] == "baddate");
    replace(&path, &v);
    update_inline(&mut app, Action::Reload);
    assert_eq!(app.problem_count(), 1);
    assert_eq!(app.problems_view.selected, 0);
    update_inline(&mut app, Action::Open);
    assert_eq!(app.screen(), Screen::Read);
    assert_eq!(current_id(&app), "baddate");
}
