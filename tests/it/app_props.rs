//! No key sequence, paste, click, terminal size or change of the archive
//! on disk makes the app panic or break its invariants. Random events
//! through the real keymap, `update` with every effect performed in place
//! (saves to a state store in a temporary directory, copies, archive
//! searches, the index build, `R`'s reload), and the renderer.
//!
//! The keys are generated from the keymap itself: every key bound in any
//! context, plus text for the prompts and filters, so a key added to the
//! table is fuzzed without touching this file. The archive is a file the
//! test rewrites between steps (as `bulletin import -o` does), so `R` and
//! the watcher really read a new version, or fail to.

use std::path::PathBuf;

use crate::common;
use crate::common::fuzz_archive::{self, VARIANTS};

use bulletin::app::effect::update_inline;
use bulletin::app::screens;
use bulletin::app::{
    Action, App, ArchiveSource, Context, Event, IndexState, Key, KeyCode, Keymap, Lang, Screen,
    Settings,
};
use bulletin::model::{Strictness, open_path_with};
use bulletin::store::Store;
use bulletin::text::WidthMode;
use bulletin::work::read_again;
use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Typed on top of the bound keys: text for filters and prompts (Chinese,
/// Latin letters no binding uses, digits for counts such as `5j`), and
/// characters the filters must take as plain text.
const TEXT: &str = "物业须水街道xza150\u{3000}\u{200b}\u{202e}";

/// Every key the keymap binds, in any context, and the text keys.
fn alphabet() -> Vec<Key> {
    let map = Keymap::default();
    let bound = map.bindings().iter().flat_map(|b| b.keys.iter().copied());
    distinct(bound.chain(TEXT.chars().map(Key::ch)))
}

/// The keys bound where the focus is: the context's own, and the global
/// ones outside a prompt.
fn bound_here(app: &App) -> Vec<Key> {
    let context = screens::info(app.focus()).context;
    let mut contexts = vec![context];
    if context != Context::Input {
        contexts.push(Context::Global);
    }
    let keys = contexts.into_iter().flat_map(|c| app.keymap.bindings_of(c));
    distinct(keys.flat_map(|b| b.keys.iter().copied()))
}

fn distinct(keys: impl Iterator<Item = Key>) -> Vec<Key> {
    let mut out: Vec<Key> = Vec::new();
    for k in keys {
        if !out.contains(&k) {
            out.push(k);
        }
    }
    out
}

/// One step of a session.
#[derive(Debug, Clone)]
enum Step {
    /// Input from the terminal.
    Input(Event),
    /// One of the keys bound where the focus is (most keys typed anywhere
    /// do nothing there, and a prompt takes all text: a walk over the
    /// whole alphabet spends most of its steps typing into a filter).
    Bound(Index),
    /// Another program replaces the archive with version `n` of
    /// [`VARIANTS`] (nothing is read until `R` or the watcher).
    Rewrite(usize),
    /// The watcher saw the file change: its reading arrives.
    Watch,
    /// The data directory becomes a file (saving fails), or is put back.
    Disk { broken: bool },
}

fn step() -> impl Strategy<Value = Step> {
    let key = select(alphabet()).prop_map(|k| Step::Input(Event::Key(k)));
    prop_oneof![
        20 => any::<Index>().prop_map(Step::Bound),
        4 => key,
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Step::Input(Event::Resize(w, h))),
        1 => "[a-z物业\\n\\x1b]{0,8}".prop_map(|s| Step::Input(Event::Paste(s))),
        1 => (-5i16..5).prop_map(|n| Step::Input(Event::Scroll(n))),
        1 => (0u16..120, 0u16..40).prop_map(|(x, y)| Step::Input(Event::Click(x, y))),
        1 => Just(Step::Input(Event::Tick)),
        1 => (0..VARIANTS).prop_map(Step::Rewrite),
        1 => Just(Step::Watch),
        1 => any::<bool>().prop_map(|broken| Step::Disk { broken }),
    ]
}

/// The archive file, the state store and the index cache of one session,
/// in a temporary directory.
struct World {
    _dir: tempfile::TempDir,
    archive: PathBuf,
    data: PathBuf,
    cache: PathBuf,
    settings: Settings,
}

impl World {
    fn new(first: usize, settings: Settings) -> World {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive.json");
        fuzz_archive::write(&archive, first);
        World {
            data: dir.path().join("data"),
            cache: dir.path().join("cache").join("archive.idx"),
            archive,
            _dir: dir,
            settings,
        }
    }

    fn source(&self) -> ArchiveSource {
        ArchiveSource {
            path: self.archive.clone(),
            strictness: Strictness::Lenient,
            cache_dir: None,
        }
    }

    /// The reader started on the archive as it is now (put right first
    /// when it cannot be read: the command would stop with an error), its
    /// index to be built on the first archive search.
    fn start(&self) -> App {
        let library = open_path_with(&self.archive, Strictness::Lenient).unwrap_or_else(|_| {
            fuzz_archive::write(&self.archive, 0);
            open_path_with(&self.archive, Strictness::Lenient).unwrap()
        });
        self.break_disk(false);
        let (store, _) = Store::open(&self.data).unwrap();
        let index = IndexState::Missing {
            path: self.cache.clone(),
        };
        let mut app = App::new(library, self.settings)
            .with_source(Some(self.source()))
            .with_index(index)
            .with_store(store);
        update_inline(&mut app, Action::Resize(80, 24));
        app
    }

    /// Makes the data directory a file (`broken`), or puts it back.
    fn break_disk(&self, broken: bool) {
        let aside = self.data.with_extension("aside");
        if broken && !aside.exists() {
            std::fs::create_dir_all(&self.data).unwrap();
            std::fs::rename(&self.data, &aside).unwrap();
            std::fs::write(&self.data, "not a directory").unwrap();
        } else if !broken && aside.exists() {
            std::fs::remove_file(&self.data).unwrap();
            std::fs::rename(&aside, &self.data).unwrap();
        }
    }

    /// Performs one step; returns the text of every copy it asked for.
    fn perform(&self, app: &mut App, step: Step) -> Vec<String> {
        let action = match step {
            Step::Input(e) => app.action_for(e),
            Step::Bound(pick) => {
                let keys = bound_here(app);
                app.action_for(Event::Key(*pick.get(&keys)))
            }
            Step::Rewrite(n) => {
                fuzz_archive::write(&self.archive, n);
                None
            }
            Step::Watch => {
                app.action_for(Event::Done(Action::Reloaded(read_again(&self.source()))))
            }
            Step::Disk { broken } => {
                self.break_disk(broken);
                None
            }
        };
        match action {
            Some(a) => update_inline(app, a),
            None => Vec::new(),
        }
    }
}

/// What must hold after every step: each list's cursor on a row of its
/// list, the open article in the archive, its top line in its layout.
fn check_invariants(app: &App) {
    let n = app.archive.articles.len();
    let within = |i: usize, len: usize, what: &str| {
        assert!(i < len.max(1), "{what}: row {i} of {len}");
    };
    within(
        app.browse.selected,
        app.browse.visible.len(),
        "article list",
    );
    assert!(app.browse.visible.iter().all(|&i| i < n));
    if let Some(r) = app.reader() {
        assert!(r.article < n, "article {} of {n}", r.article);
        assert!(r.siblings.iter().all(|&i| i < n), "{:?}", r.siblings);
        within(r.top, r.layout.lines.len(), "reader top");
    }
    if let Some(f) = &app.finder {
        within(f.selected, f.listed.len(), "results");
    }
    match app.screen() {
        Screen::Outline => within(app.toc.selected, app.toc_rows().len(), "outline"),
        Screen::Problems => within(app.problems_view.selected, app.problems().len(), "problems"),
        Screen::Bookmarks => within(app.marks.selected, app.visible_bookmarks().len(), "marks"),
        _ => {}
    }
}

/// Text put on the clipboard is sanitised like every other output.
fn check_copies(copies: &[String]) {
    for text in copies {
        assert!(
            text.lines().all(bulletin::text::sanitize::is_clean),
            "unsanitised copy: {text:?}"
        );
    }
}

/// The screen fits the terminal (no row wider than it), and drawing it
/// again draws the same: rendering takes `&App`, and nothing it caches
/// may change what is drawn.
fn check_render(app: &App) {
    let first = common::render(app);
    let text = common::buffer_text(&first);
    for (i, row) in text.lines().enumerate() {
        let w = common::row_width(row, app.settings.mode);
        assert!(w <= usize::from(app.size.0), "row {i} is {w} wide: {row}");
    }
    assert_eq!(first, common::render(app), "drawing twice drew differently");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn no_session_panics_or_breaks_an_invariant(
        steps in prop::collection::vec(step(), 1..64),
        // The reports (with sections, for the outline) more often.
        first in prop_oneof![1 => Just(1), 1 => 0..VARIANTS - 1],
        // The session starts in the list, or with its `n`th article open.
        opened in prop::option::of(0usize..5),
        zh in any::<bool>(),
        wide in any::<bool>(),
        mouse in any::<bool>(),
    ) {
        let settings = Settings {
            lang: if zh { Lang::Zh } else { Lang::En },
            mode: if wide { WidthMode::Wide } else { WidthMode::Narrow },
            mouse,
            ..Settings::default()
        };
        let world = World::new(first, settings);
        let mut app = world.start();
        if let Some(n) = opened {
            common::press(&mut app, &vec![common::ch('j'); n]);
            common::press(&mut app, &[common::key(KeyCode::Enter)]);
        }
        let last = steps.len() - 1;
        for (i, step) in steps.into_iter().enumerate() {
            let copies = world.perform(&mut app, step);
            check_copies(&copies);
            check_invariants(&app);
            if i == last {
                check_render(&app);
            } else {
                let _ = common::render(&app);
            }
            // The session ends; the user starts the reader again.
            if app.quit {
                drop(app);
                app = world.start();
            }
        }
    }
}

#[test]
fn huge_and_tiny_sizes_lay_out_without_panicking() {
    let mut app = common::sample_app(Settings::default(), 80, 24);
    common::type_str(&mut app, "须水");
    common::press(
        &mut app,
        &[common::key(KeyCode::Enter), common::key(KeyCode::Enter)],
    );
    for (w, h) in [
        (0, 0),
        (1, 1),
        (u16::MAX, u16::MAX),
        (u16::MAX, 1),
        (1, u16::MAX),
        (80, 24),
    ] {
        update_inline(&mut app, Action::Resize(w, h));
    }
    let _ = common::render(&app);
}
