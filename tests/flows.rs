//! Scripted key flows through the real keymap and `App::update`, with the
//! state store in a temporary directory.

mod common;

use bulletin::app::{App, KeyCode, Lang, Screen, Settings};
use bulletin::store::Store;
use common::{ch, key, press, sample_app, type_str};

fn settings() -> Settings {
    Settings {
        lang: Lang::En,
        ..Settings::default()
    }
}

fn with_store(app: App, dir: &std::path::Path) -> App {
    let (store, notices) = Store::open(dir).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    app.with_store(store)
}

fn open(app: &mut App, filter: &str) {
    type_str(app, filter);
    press(app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Read);
}

#[test]
fn bookmark_with_a_chinese_note_is_saved_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 40, 12), dir.path());
    open(&mut app, "西流湖");
    press(&mut app, &[ch('j'), ch('j'), ch('j'), ch('m')]);
    assert!(app.prompt.is_some(), "m opens the note prompt");
    type_str(&mut app, "物业很重要");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Enter)]);
    assert!(app.prompt.is_none());
    let marks = app.visible_bookmarks();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].note, "物业很重");
    assert_eq!(marks[0].anchor.article, "aab60e0a");
    // Saved at once: a second store on the same directory sees it.
    let (other, _) = Store::open(dir.path()).unwrap();
    let key = bulletin::store::ArchiveKey::new(&app.archive.title, None);
    assert_eq!(other.bookmarks(&key).len(), 1);
}

/// The text at the top of the reader's view.
fn top_text(app: &App) -> String {
    let r = app.reader.as_ref().unwrap();
    let pos = r.layout.pos_of(&r.doc, r.top);
    r.doc.units[pos.unit]
        .text
        .chars()
        .skip(pos.offset)
        .take(12)
        .collect()
}

#[test]
fn reading_position_returns_to_the_same_words_at_another_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 80, 24), dir.path());
    open(&mut app, "须水");
    press(&mut app, &[ch('j'); 9]);
    let words = top_text(&app);
    // Back to the list, clear the filter, quit.
    press(&mut app, &[ch('q'), ch('q'), ch('q')]);
    assert!(app.quit);
    for (w, h) in [(41, 12), (20, 30), (123, 10)] {
        for mode in [
            bulletin::text::WidthMode::Narrow,
            bulletin::text::WidthMode::Wide,
        ] {
            let s = Settings { mode, ..settings() };
            let mut again = with_store(sample_app(s, w, h), dir.path());
            open(&mut again, "须水");
            let top = top_text(&again);
            assert!(
                top.starts_with(&words) || words.starts_with(&top),
                "{w}x{h} {mode:?}: {top} vs {words}"
            );
            press(&mut again, &[ch('q'), ch('q')]);
        }
    }
}

#[test]
fn bookmark_list_jumps_deletes_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 80, 24), dir.path());
    open(&mut app, "棉纺");
    press(
        &mut app,
        &[
            ch('j'),
            ch('j'),
            ch('j'),
            ch('j'),
            ch('m'),
            key(KeyCode::Enter),
        ],
    );
    let words = top_text(&app);
    press(&mut app, &[ch('g'), ch('\'')]);
    assert_eq!(app.screen, Screen::Bookmarks);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen, Screen::Read);
    assert_eq!(top_text(&app), words, "the bookmark lands on its words");
    press(&mut app, &[ch('B'), ch('d')]);
    assert!(app.visible_bookmarks().is_empty());
    press(&mut app, &[ch('u')]);
    assert_eq!(app.visible_bookmarks().len(), 1);
    type_str(&mut app, "nothing-like-this");
    assert!(
        app.visible_bookmarks().is_empty(),
        "the list filters as you type"
    );
}

#[test]
fn the_list_shows_read_and_in_progress_articles() {
    use bulletin::store::Status;
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 40, 12), dir.path());
    open(&mut app, "须水");
    press(&mut app, &[ch('j')]);
    let xushui = app.reader.as_ref().unwrap().article;
    assert_eq!(app.read_status(xushui), Status::InProgress);
    press(&mut app, &[ch('G')]);
    assert_eq!(app.read_status(xushui), Status::Read);
    assert_eq!(app.read_status(0), Status::Unread);
}
