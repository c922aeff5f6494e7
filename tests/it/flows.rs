//! Scripted key flows through the real keymap and `App::update`, with the
//! state store in a temporary directory.

use crate::common;

use std::time::Duration;

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
    assert_eq!(app.screen(), Screen::Read);
}

/// Scrolls `lines` down, then bookmarks there with no note.
fn bookmark_after(app: &mut App, lines: usize) {
    for _ in 0..lines {
        press(app, &[ch('j')]);
    }
    press(app, &[ch('m'), key(KeyCode::Enter)]);
}

#[test]
fn bookmark_with_a_chinese_note_is_saved_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 40, 12), dir.path());
    open(&mut app, "西流湖");
    press(&mut app, &[ch('j'), ch('j'), ch('j'), ch('m')]);
    assert!(app.prompt().is_some(), "m opens the note prompt");
    type_str(&mut app, "物业很重要");
    press(&mut app, &[key(KeyCode::Backspace), key(KeyCode::Enter)]);
    assert!(app.prompt().is_none());
    let marks = app.visible_bookmarks();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].note, "物业很重");
    assert_eq!(marks[0].anchor.article, "aab60e0a");
    // Saved at once: a second store on the same directory sees it.
    let (other, _) = Store::open(dir.path()).unwrap();
    let key = bulletin::store::ArchiveKey::new(&app.archive.title, None);
    assert_eq!(other.bookmarks(&key).len(), 1);
}

/// The store's times come from the clock it is built with: a bookmark
/// carries the time set, and one made after the clock moved on (no sleep)
/// is newer and lists first.
#[test]
fn the_store_takes_its_times_from_its_clock() {
    use bulletin::store::Clock;
    use chrono::{DateTime, Duration as Days};
    let dir = tempfile::tempdir().unwrap();
    let at = DateTime::from_timestamp(1_700_000_000, 0).unwrap();
    let clock = Clock::set(at);
    let (store, _) = Store::open_with(dir.path(), clock.clone()).unwrap();
    let mut app = sample_app(settings(), 80, 24).with_store(store);
    open(&mut app, "棉纺");
    bookmark_after(&mut app, 1);
    clock.advance(Days::days(1));
    bookmark_after(&mut app, 3);
    let marks = app.visible_bookmarks();
    let times: Vec<_> = marks.iter().map(|m| m.created).collect();
    assert_eq!(times.len(), 2);
    let within = |t: DateTime<chrono::Utc>, from| t >= from && t < from + Days::seconds(1);
    assert!(within(times[0], at + Days::days(1)), "{times:?}");
    assert!(within(times[1], at), "{times:?}");
}

/// The text at the top of the reader's view.
fn top_text(app: &App) -> String {
    let r = app.reader().unwrap();
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
    bookmark_after(&mut app, 4);
    let words = top_text(&app);
    press(&mut app, &[ch('g'), ch('\'')]);
    assert_eq!(app.screen(), Screen::Bookmarks);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
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
    let xushui = app.reader().unwrap().article;
    assert_eq!(app.read_status(xushui), Status::InProgress);
    // Reading to the end marks it read (a `G` jump would not: issue 13).
    press(&mut app, &[ch(' '); 12]);
    assert_eq!(app.read_status(xushui), Status::Read);
    assert_eq!(app.read_status(0), Status::Unread);
}

#[test]
fn y_copies_the_paragraph_and_capital_y_a_citation_through_the_run_loop() {
    use bulletin::app::Event;
    let mut app = sample_app(settings(), 80, 24);
    open(&mut app, "须水");
    press(&mut app, &[ch('j'), ch('j')]);
    let events = vec![
        Event::Key(ch('y')),
        Event::Key(ch('Y')),
        Event::Key(ch('Y')),
    ];
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let mut out = Vec::new();
    bulletin::term::run(&mut terminal, &mut app, events.into_iter(), &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    let sent: Vec<&str> = out.split('\x07').filter(|s| !s.is_empty()).collect();
    assert_eq!(sent.len(), 3, "one OSC 52 per copy: {out:?}");
    use base64::Engine;
    let decode = |s: &str| {
        let b64 = s.strip_prefix("\x1b]52;c;").expect("OSC 52");
        String::from_utf8(
            base64::engine::general_purpose::STANDARD
                .decode(b64)
                .unwrap(),
        )
        .unwrap()
    };
    assert!(
        decode(sent[0]).starts_with("为扎实推动"),
        "{}",
        decode(sent[0])
    );
    // The citation names the paragraph being read (issue 13's form).
    assert_eq!(
        decode(sent[1]),
        "\u{300a}合力攻坚强推动 按下基层党建发展\u{201c}快进键\u{201d}\u{300b}, paragraph 1 \u{2014} 中原区 \u{203a} 须水街道"
    );
}

#[test]
fn no_clipboard_means_nothing_is_copied() {
    let mut app = sample_app(
        Settings {
            clipboard: false,
            ..settings()
        },
        80,
        24,
    );
    open(&mut app, "须水");
    let y = app.action_for(bulletin::app::Event::Key(ch('y'))).unwrap();
    let copied = bulletin::app::effect::update_inline(&mut app, y);
    assert!(copied.is_empty());
    assert!(app.status.as_deref().unwrap_or("").contains("off"));
}

#[test]
fn a_bookmark_made_on_a_search_match_points_at_the_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 80, 24), dir.path());
    open(&mut app, "棉纺");
    press(&mut app, &[ch('/')]);
    type_str(&mut app, "小马扎");
    press(
        &mut app,
        &[key(KeyCode::Enter), ch('m'), key(KeyCode::Enter)],
    );
    let marks = app.visible_bookmarks();
    assert!(
        marks[0].snippet.starts_with("小马扎"),
        "{}",
        marks[0].snippet
    );
}

#[test]
fn positions_hold_at_every_width_from_20_to_200_in_both_modes() {
    use bulletin::text::WidthMode;
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 80, 12), dir.path());
    open(&mut app, "桐柏");
    press(&mut app, &[ch('j'); 7]);
    let anchor = app.reader().unwrap().anchor;
    // Re-lay out the open article at every width: the anchored text stays
    // on the top line (it may start mid-line when the breaks move).
    for w in 20..=200 {
        for mode in [WidthMode::Narrow, WidthMode::Wide] {
            app.settings.mode = mode;
            bulletin::app::effect::update_inline(&mut app, bulletin::app::Action::Resize(w, 12));
            let r = app.reader().unwrap();
            assert_eq!(r.anchor, anchor, "{w} {mode:?}");
            let line = r.layout.line_of(&r.doc, anchor);
            assert_eq!(
                r.top,
                line.min(r.max_top(app.geo.reader.body_height)),
                "{w} {mode:?}"
            );
        }
    }
}

#[test]
fn mouse_wheel_scrolls_and_clicks_select_then_open() {
    use bulletin::app::Event;
    let mut app = sample_app(
        Settings {
            mouse: true,
            ..settings()
        },
        80,
        12,
    );
    // Rows: bar (0), pane border (1), then list rows from 2. Column 40 is in
    // the article list; column 5 in the group pane.
    let click = |app: &mut App, x, y| {
        let a = app.action_for(Event::Click(x, y)).unwrap();
        bulletin::app::effect::update_inline(app, a);
    };
    click(&mut app, 5, 2 + 5);
    assert_eq!(app.browse.group, 5, "a click selects a group");
    click(&mut app, 5, 2);
    click(&mut app, 40, 2 + 3);
    assert_eq!(app.browse.selected, 3);
    assert_eq!(app.screen(), Screen::Browse, "the first click only selects");
    click(&mut app, 40, 2 + 3);
    assert_eq!(
        app.screen(),
        Screen::Read,
        "a click on the selected article opens it"
    );
    let a = app.action_for(Event::Scroll(3)).unwrap();
    bulletin::app::effect::update_inline(&mut app, a);
    assert_eq!(app.reader().unwrap().top, 3, "the wheel scrolls the text");
}

#[test]
fn a_failed_save_is_shown_kept_and_retried() {
    use bulletin::app::Action;
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 80, 24), dir.path());
    // A directory where the state file belongs: every save fails (this
    // works as root too, where permissions would not stop the write).
    let state = dir.path().join("state.json");
    std::fs::create_dir(&state).unwrap();
    open(&mut app, "须水");
    press(&mut app, &[ch('m'), key(KeyCode::Enter)]);
    let screen = common::buffer_text(&common::render(&app));
    assert!(screen.contains("Not saved yet, will retry: "), "{screen}");
    assert_eq!(
        app.visible_bookmarks().len(),
        1,
        "the bookmark is kept in memory"
    );
    assert!(
        app.wake_after().is_some(),
        "the run loop will come back to retry"
    );
    std::fs::remove_dir(&state).unwrap();
    // The app's clock is what the run loop says (no real waiting): not
    // retried before a second has passed, retried once it has.
    let failed_at = app.clock;
    let almost = failed_at + bulletin::app::persist::SAVE_INTERVAL - Duration::from_millis(1);
    bulletin::app::effect::update_inline(&mut app, Action::Tick(almost));
    assert!(app.persist.as_ref().unwrap().error.is_some(), "not yet");
    let later = failed_at + bulletin::app::persist::SAVE_INTERVAL;
    bulletin::app::effect::update_inline(&mut app, Action::Tick(later));
    assert!(app.persist.as_ref().unwrap().error.is_none());
    let (other, _) = Store::open(dir.path()).unwrap();
    let key = bulletin::store::ArchiveKey::new(&app.archive.title, None);
    assert_eq!(other.bookmarks(&key).len(), 1, "the retry wrote it");
}

#[test]
fn a_bookmark_whose_text_is_gone_is_kept_and_shown_detached() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = with_store(sample_app(settings(), 80, 12), dir.path());
    open(&mut app, "棉纺");
    bookmark_after(&mut app, 4);
    // The same archive (same title, so the same bookmarks), with that
    // article's text rewritten.
    let mut archive = bulletin::model::load_sample().unwrap();
    let a = archive
        .articles
        .iter_mut()
        .find(|a| a.id == "97223e74")
        .unwrap();
    for block in &mut a.body {
        *block = bulletin::model::Block::Paragraph {
            text: "全新的内容。".into(),
        };
    }
    let mut again = App::new(archive, settings());
    bulletin::app::effect::update_inline(&mut again, bulletin::app::Action::Resize(80, 24));
    let mut again = with_store(again, dir.path());
    press(&mut again, &[ch('\'')]);
    assert_eq!(again.visible_bookmarks().len(), 1, "kept, never dropped");
    let screen = common::buffer_text(&common::render(&again));
    assert!(screen.contains("[detached]"), "{screen}");
    press(&mut again, &[key(KeyCode::Enter)]);
    assert_eq!(again.screen(), Screen::Read, "it still opens its article");
    assert!(again.status.as_deref().unwrap_or("").contains("gone"));
}

#[test]
fn the_list_filter_finds_names_by_pinyin_and_by_either_script() {
    let titles = |app: &App| -> Vec<String> {
        app.browse
            .visible
            .iter()
            .map(|&i| {
                app.archive.articles[i]
                    .subdistrict
                    .clone()
                    .unwrap_or_default()
            })
            .collect()
    };
    let mut app = sample_app(settings(), 80, 24);
    type_str(&mut app, "mf");
    assert_eq!(titles(&app), ["棉纺路街道"]);
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_str(&mut app, "xushui");
    assert_eq!(titles(&app), ["须水街道"]);
    press(&mut app, &[key(KeyCode::Esc)]);
    type_str(&mut app, "須水");
    assert_eq!(titles(&app), ["须水街道"], "traditional finds simplified");
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_str(&mut app, "ＦＢＥ６６");
    assert_eq!(
        app.browse.visible,
        [0],
        "full-width letters and digits match the id fbe66a44"
    );
}

#[test]
fn quitting_with_q_on_the_list_is_told_from_ctrl_c() {
    // `q` backs out of the article, then quits from the list: a server
    // serving several archives takes that back to its chooser.
    let mut app = sample_app(settings(), 80, 24);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.screen(), Screen::Read);
    press(&mut app, &[ch('q')]);
    assert!(!app.quit);
    press(&mut app, &[ch('q')]);
    assert!(app.quit && app.quit_by_back);
    // Ctrl-C quits from anywhere, and is not `q`.
    for keys in [&[][..], &[key(KeyCode::Enter)]] {
        let mut app = sample_app(settings(), 80, 24);
        press(&mut app, keys);
        press(&mut app, &[bulletin::app::Key::ctrl('c')]);
        assert!(app.quit && !app.quit_by_back);
    }
}
