//! Saving fails (the data directory cannot be made, `state.json` is a
//! directory): a bookmark must not vanish at quit. The reader asks before
//! quitting, and on the way out says on stderr what was not saved, writes
//! a copy to a fallback file, and exits with status 4.

use std::path::{Path, PathBuf};

use bulletin::app::{Action, Modal, PromptKind};
use bulletin::store::Store;

use crate::common::pty::Session;
use crate::common::{ch, press, sample_app};

/// Exit status when changes could not be saved (README, `--help`).
const EXIT_UNSAVED: u32 = 4;

/// Two ways to make every save fail, as root too: the data directory's
/// path runs through a regular file, or `state.json` is a directory.
fn broken_data_dirs(root: &Path) -> Vec<PathBuf> {
    let file = root.join("a-file");
    std::fs::write(&file, b"").unwrap();
    let with_dir = root.join("state-is-a-dir");
    std::fs::create_dir_all(with_dir.join("state.json")).unwrap();
    vec![file.join("data"), with_dir]
}

fn fallback_files(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("unsaved-"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// Opens 须水街道's report and bookmarks its top with `note`.
fn bookmark(s: &mut Session, note: &str) {
    s.wait_text("Subdistricts");
    s.send("须水\r\r");
    s.wait_text("须水街道 ");
    s.send("jm");
    s.wait_text("Bookmark note");
    s.send(note);
    s.send("\r");
    // What was done, then that it is not on disk yet.
    s.wait_text("Bookmark added; not saved yet, will retry: ");
}

#[test]
fn quitting_with_a_failing_save_asks_then_reports_and_keeps_a_copy() {
    let root = tempfile::tempdir().unwrap();
    for data in broken_data_dirs(root.path()) {
        let cache = root.path().join("cache");
        let home = tempfile::tempdir().unwrap();
        let env = [
            ("BULLETIN_DATA_DIR", data.to_str().unwrap()),
            ("BULLETIN_CACHE_DIR", cache.to_str().unwrap()),
        ];
        let mut s = Session::start(&[], 80, 24, home.path(), &env);
        bookmark(&mut s, "专班的做法");
        s.send("qq");
        s.wait_text("西流湖街道");
        s.send("q");
        s.wait_text("Quit anyway");
        s.send("n");
        s.wait_for("the prompt closed", |t| !t.contains("Quit anyway"));
        s.send("q");
        s.wait_text("Quit anyway");
        s.send("y");
        assert_eq!(s.wait_exit(), EXIT_UNSAVED, "{data:?}");
        let files = fallback_files(&cache);
        assert_eq!(files.len(), 1, "one fallback file in {cache:?}");
        let copy = std::fs::read_to_string(&files[0]).unwrap();
        assert!(copy.contains("专班的做法"), "{copy}");
        let said = String::from_utf8_lossy(&s.raw_bytes()).into_owned();
        let tail = &said[said.rfind("\x1b[?1049l").unwrap()..];
        assert!(tail.contains("专班的做法"), "the note is listed: {tail:?}");
        assert!(
            tail.contains(&files[0].display().to_string()),
            "where the copy is: {tail:?}"
        );
        // The copy is a state file: dropped into a working data directory,
        // it gives the bookmark back.
        let fresh = root.path().join("fresh");
        std::fs::create_dir_all(&fresh).unwrap();
        std::fs::copy(&files[0], fresh.join("state.json")).unwrap();
        let (store, notices) = Store::open(&fresh).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        let keys = store.archive_keys();
        let marks = store.bookmarks(keys[0]);
        assert_eq!(marks[0].note, "专班的做法");
        std::fs::remove_dir_all(&cache).unwrap();
    }
}

#[test]
fn without_a_cache_directory_the_copy_goes_to_the_temporary_directory() {
    let root = tempfile::tempdir().unwrap();
    let data = broken_data_dirs(root.path()).remove(0);
    let tmp = root.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let env = [
        ("BULLETIN_DATA_DIR", data.to_str().unwrap()),
        ("BULLETIN_CACHE_DIR", data.to_str().unwrap()),
        ("TMPDIR", tmp.to_str().unwrap()),
    ];
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, home.path(), &env);
    bookmark(&mut s, "临时");
    // Ctrl-c asks too; a second one quits anyway.
    s.send("\x03");
    s.wait_text("Quit anyway");
    s.send("\x03");
    assert_eq!(s.wait_exit(), EXIT_UNSAVED);
    let files = fallback_files(&tmp);
    assert_eq!(
        files.len(),
        1,
        "{:?}",
        std::fs::read_dir(&tmp).unwrap().count()
    );
    assert!(std::fs::read_to_string(&files[0]).unwrap().contains("临时"));
}

/// A signal or a lost terminal does not ask (nobody could answer), but
/// still reports and keeps the copy.
#[test]
fn sigterm_with_a_failing_save_keeps_a_copy_without_asking() {
    let root = tempfile::tempdir().unwrap();
    let data = broken_data_dirs(root.path()).remove(1);
    let cache = root.path().join("cache");
    let env = [
        ("BULLETIN_DATA_DIR", data.to_str().unwrap()),
        ("BULLETIN_CACHE_DIR", cache.to_str().unwrap()),
    ];
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, home.path(), &env);
    bookmark(&mut s, "信号");
    s.signal("TERM");
    let code = s.wait_exit();
    assert_ne!(code, 0);
    let files = fallback_files(&cache);
    assert_eq!(files.len(), 1);
    assert!(std::fs::read_to_string(&files[0]).unwrap().contains("信号"));
}

/// The prompt at the app level: it only comes when a save has failed.
#[test]
fn the_quit_prompt_only_comes_after_a_failed_save() {
    let root = tempfile::tempdir().unwrap();
    let data = broken_data_dirs(root.path()).remove(0);
    let (store, _) = Store::open(&data).unwrap();
    let mut app = sample_app(Default::default(), 80, 24).with_store(store);
    press(&mut app, &[ch('q')]);
    assert!(app.quit, "nothing unsaved: quits at once");

    let (store, _) = Store::open(&data).unwrap();
    let mut app = sample_app(Default::default(), 80, 24).with_store(store);
    bulletin::app::effect::update_inline(&mut app, Action::Open);
    bulletin::app::effect::update_inline(&mut app, Action::Open);
    press(&mut app, &[ch('m')]);
    bulletin::app::effect::update_inline(&mut app, Action::InputAccept);
    assert!(
        app.persist.as_ref().unwrap().error.is_some(),
        "the save failed"
    );
    press(&mut app, &[ch('q'), ch('q')]);
    assert!(!app.quit);
    assert!(
        matches!(
            app.modal,
            Modal::Prompt {
                kind: PromptKind::Quit,
                ..
            }
        ),
        "{:?}",
        app.modal
    );
    press(&mut app, &[ch('y')]);
    assert!(app.quit);
}

/// The quit prompt is read whole on a 40-column terminal, in both
/// languages: its keys are at its end, and a cut prompt hid them.
#[test]
fn the_quit_prompt_fits_forty_columns() {
    use bulletin::lang::Lang;
    let root = tempfile::tempdir().unwrap();
    let data = broken_data_dirs(root.path()).remove(0);
    for lang in [Lang::Zh, Lang::En] {
        let (store, _) = Store::open(&data).unwrap();
        let settings = bulletin::app::Settings {
            lang,
            ..Default::default()
        };
        let mut app = sample_app(settings, 40, 12).with_store(store);
        bulletin::app::effect::update_inline(&mut app, Action::Open);
        bulletin::app::effect::update_inline(&mut app, Action::Open);
        press(&mut app, &[ch('m')]);
        bulletin::app::effect::update_inline(&mut app, Action::InputAccept);
        press(&mut app, &[ch('q'), ch('q')]);
        let text = crate::common::buffer_text(&crate::common::render(&app));
        let last = text.lines().last().unwrap_or_default().to_string();
        assert!(
            last.contains("y/n") && !last.contains('…'),
            "{lang:?}: {last:?}"
        );
    }
}
