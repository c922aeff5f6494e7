//! Application state. `App` changes only through [`App::update`], which
//! returns the [`Effect`]s the run loop performs; keys become actions
//! through the app's [`Keymap`]; the renderer reads `&App`.
//!
//! The interaction mode is two enums ([`View`] and [`Modal`], in `mode`);
//! every screen, overlay and prompt has one row in [`screens::SCREENS`],
//! which the help screen, the key hints and the settings file read.

pub mod action;
mod actions;
pub mod browse;
mod copy;
pub mod effect;
pub mod finder;
pub mod finder_keys;
pub mod geometry;
pub mod help;
mod history;
pub mod i18n;
pub mod input;
pub mod jumps;
pub mod keymap;
pub mod list_filter;
pub mod loads;
mod mark_all;
pub mod marks;
pub mod mode;
mod motion;
mod open;
pub mod order;
pub mod persist;
pub mod problems;
mod quit;
pub mod reader;
pub mod reload;
pub mod screens;
pub mod search;
mod title_index;
pub mod toc;
mod unread;
mod update;

pub use action::{Action, Event, Key, KeyCode};
pub use browse::{Browse, GroupEntry, Pane};
pub use effect::Effect;
pub use finder::{Finder, IndexHandle, IndexState};
pub use geometry::{Geometry, ReaderGeometry, Rect, too_small};
pub use i18n::{Lang, Msg};
pub use input::TextInput;
pub use jumps::JumpList;
pub use keymap::{Context, Keymap};
pub use marks::Marks;
pub use mode::{Modal, PromptKind, View};
pub use persist::Persist;
pub use problems::ProblemsView;
pub use reader::Reader;
pub use reload::{ArchiveSource, Fresh, Reloaded};
pub use screens::Screen;
pub use toc::Toc;

use std::sync::Arc;

use crate::model::{Groups, Library, group_items};
use crate::text::WidthMode;

/// How much colour the terminal gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorLevel {
    /// `NO_COLOR`: bold, reverse and underline only.
    None,
    /// The 16 ANSI colours (`TERM=xterm` without `COLORTERM`).
    #[default]
    Ansi16,
    /// The 256-colour palette.
    Ansi256,
}

impl ColorLevel {
    /// Picks the level from `NO_COLOR`, `COLORTERM` and `TERM`.
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> ColorLevel {
        if get("NO_COLOR").is_some_and(|v| !v.is_empty()) {
            return ColorLevel::None;
        }
        let colorterm = get("COLORTERM").unwrap_or_default();
        let term = get("TERM").unwrap_or_default();
        if term == "dumb" {
            ColorLevel::None
        } else if colorterm.contains("truecolor")
            || colorterm.contains("24bit")
            || term.contains("256")
        {
            ColorLevel::Ansi256
        } else {
            ColorLevel::Ansi16
        }
    }
}

/// How the ambiguous-width mode was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidthSource {
    /// By a flag or the config file.
    Forced,
    /// The terminal answered the start-up probe.
    Detected,
    /// The terminal did not answer; narrow was assumed.
    NoAnswer,
}

/// Settings fixed at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub mode: WidthMode,
    /// Where `mode` came from (shown in the help screen).
    pub width_source: WidthSource,
    /// ASCII borders (always on in wide mode: box drawing is ambiguous-width).
    pub ascii: bool,
    pub max_width: u16,
    pub lang: Lang,
    pub color: ColorLevel,
    /// `y`/`Y` copy to the local clipboard (OSC 52); off with `--no-clipboard`.
    pub clipboard: bool,
    /// Wheel scrolling and clicks (`--mouse`); off by default so the
    /// terminal's own text selection keeps working.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            mode: WidthMode::Narrow,
            width_source: WidthSource::Forced,
            ascii: false,
            max_width: crate::config::DEFAULT_WIDTH,
            lang: Lang::En,
            color: ColorLevel::Ansi16,
            clipboard: true,
            mouse: false,
        }
    }
}

impl Settings {
    /// Whether borders must be drawn with ASCII characters.
    pub fn ascii_borders(&self) -> bool {
        self.ascii || self.mode == WidthMode::Wide
    }
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The archive: metadata of every article; bodies when opened. Shared
    /// with the search threads.
    pub archive: Arc<Library>,
    pub groups: Groups,
    pub settings: Settings,
    pub keymap: Keymap,
    pub size: (u16, u16),
    /// Every screen's parts for `size`.
    pub geo: Geometry,
    pub view: View,
    pub modal: Modal,
    pub browse: Browse,
    pub marks: Marks,
    /// The outline view's cursor and filter.
    pub toc: Toc,
    /// Each article's jump list, by article id (an index changes when a
    /// reload adds or removes articles), kept for the session.
    pub jumps: std::collections::HashMap<String, JumpList>,
    /// A count being typed before a motion (`5` of `5j`).
    pub count: Option<u32>,
    /// A one-off message for the status line (cleared by the next action).
    pub status: Option<String>,
    /// The last confirmed search query of the session (`n` in a newly
    /// opened article searches for it again).
    pub last_query: Option<String>,
    /// Bookmarks and positions; `None` when no data directory is usable.
    pub persist: Option<Persist>,
    /// The archive search, once started (kept while its results are open).
    pub finder: Option<Finder>,
    /// The archive's search index.
    pub index: IndexState,
    /// Where the archive was read from (`None`: the bundled sample), to
    /// read it again when it changes.
    pub source: Option<ArchiveSource>,
    /// The problems view's state.
    pub problems_view: ProblemsView,
    /// Why the archive could not be read again after it changed (until a
    /// reading succeeds).
    pub reload_failed: Option<Arc<crate::model::LoadError>>,
    pub quit: bool,
    /// The last quit asked for was `q` (Back) on the list, the top level,
    /// not Ctrl-C: a server serving several archives takes the reader
    /// back to its chooser.
    pub quit_by_back: bool,
    /// `q` (Back) on the list goes back to a chooser rather than quitting
    /// (a served reader of several archives, opened from its chooser).
    pub back_to_chooser: bool,
    /// Whether Ctrl-Z can stop the process: on its own terminal, not in a
    /// session served over SSH (there is no shell to go back to).
    pub can_suspend: bool,
    /// The clock: time since the session started, as the last
    /// `Action::Tick` said (the app never reads a clock itself).
    pub clock: std::time::Duration,
    /// Reads of the archive asked for and not answered yet.
    pub loads: loads::Loads,
    /// The problems view's rows, worked out again when the problems
    /// known change (not on every frame).
    pub problem_list: Vec<problems::ProblemItem>,
    /// The prompts' histories when there is no state file to keep them.
    session_history: history::SessionHistory,
    /// Effects asked for during the current `update`.
    effects: Vec<Effect>,
}

impl App {
    pub fn new(archive: impl Into<Library>, settings: Settings) -> App {
        App::over(Arc::new(archive.into()), settings)
    }

    /// An app over a library other apps may read too (one archive, many
    /// sessions): each has its own state, keymap and store.
    pub fn over(archive: Arc<Library>, settings: Settings) -> App {
        let groups = group_items(&archive.articles);
        let browse = Browse::new(&archive, &groups);
        let (w, h) = (80, 24);
        App {
            archive,
            groups,
            geo: Geometry::new(w, h, settings.max_width).with_groups(browse.groups_shown()),
            settings,
            keymap: Keymap::default(),
            size: (w, h),
            view: View::Browse,
            modal: Modal::None,
            browse,
            marks: Marks::default(),
            toc: Toc::default(),
            jumps: Default::default(),
            count: None,
            status: None,
            last_query: None,
            persist: None,
            finder: None,
            index: IndexState::Unused,
            source: None,
            problems_view: ProblemsView::default(),
            reload_failed: None,
            quit: false,
            quit_by_back: false,
            back_to_chooser: false,
            can_suspend: true,
            clock: std::time::Duration::ZERO,
            loads: loads::Loads::default(),
            problem_list: Vec::new(),
            session_history: Default::default(),
            effects: Vec::new(),
        }
        .with_problems()
    }

    fn with_problems(mut self) -> App {
        self.refresh_problems();
        self
    }

    /// Uses the search index in `state` (see [`IndexState`]).
    pub fn with_index(mut self, state: IndexState) -> App {
        self.index = state;
        self
    }

    /// Reads the archive again from `source` when it changes (and on `R`).
    pub fn with_source(mut self, source: Option<ArchiveSource>) -> App {
        self.source = source;
        self
    }

    /// Uses `keymap` (the settings file's) instead of the built-in one.
    pub fn with_keymap(mut self, keymap: Keymap) -> App {
        self.keymap = keymap;
        self
    }

    /// Attaches the state store: positions are remembered and bookmarks
    /// work from now on. The list starts on the article read last.
    pub fn with_store(mut self, store: crate::store::Store) -> App {
        let key = crate::store::ArchiveKey::new(&self.archive.title, self.archive.key.as_deref());
        self.persist = Some(Persist::new(store, key));
        self.refresh_unread();
        self.start_on_last_read();
        self
    }

    /// Shows `msg` on the status line until the next action.
    pub fn say(&mut self, msg: Msg) {
        self.status = Some(msg.text(self.settings.lang).to_string());
    }

    /// Adds `msg` to what the status line says already.
    pub(crate) fn say_too(&mut self, msg: Msg) {
        let lang = self.settings.lang;
        self.status = Some(match self.status.take() {
            Some(said) => format!("{said}{}{}", lang.semicolon(), msg.text(lang)),
            None => msg.text(lang).to_string(),
        });
    }

    /// Work worth starting as the session begins, before anything asks
    /// for it: the list filter's index, which the run loop makes off the
    /// UI thread (until it is there, the filter folds as it goes).
    pub fn ahead(&self) -> Vec<Effect> {
        vec![Effect::IndexTitles(self.archive.clone())]
    }

    /// How long after the app's clock the run loop may wait for input
    /// before sending `Tick` (`None`: wait for ever; nothing is pending).
    pub fn wake_after(&self) -> Option<std::time::Duration> {
        (self.persist.as_ref()).and_then(|p| p.wake_after(self.clock))
    }

    /// Reading status of article `i` (unread when nothing is stored).
    pub fn read_status(&self, i: usize) -> crate::store::Status {
        match self.persist.as_ref() {
            Some(p) => p.status(&self.archive.articles[i].id),
            None => crate::store::Status::Unread,
        }
    }

    /// The view's screen (under any modal).
    pub fn screen(&self) -> Screen {
        self.view.screen()
    }

    /// What has the keys: the modal on top, else the view.
    pub fn focus(&self) -> Screen {
        self.modal.screen().unwrap_or_else(|| self.screen())
    }

    /// The open article (on screen, or under the bookmark list).
    pub fn reader(&self) -> Option<&Reader> {
        self.view.reader()
    }

    /// The open prompt: what it is for and its text.
    pub fn prompt(&self) -> Option<(PromptKind, &TextInput)> {
        match &self.modal {
            Modal::Prompt { kind, input } => Some((*kind, input)),
            _ => None,
        }
    }

    /// Turns an input event into the action it means here, if any.
    pub fn action_for(&self, event: Event) -> Option<Action> {
        match event {
            Event::Key(key) => {
                let context = screens::info(self.focus()).context;
                self.keymap.action_for(context, key)
            }
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Paste(text) => Some(Action::Paste(text)),
            // The run loop sends the clock itself, before every event.
            Event::Tick => None,
            Event::Wake => None,
            Event::Done(action) => Some(action),
            Event::Scroll(n) => Some(Action::Scroll(n)),
            Event::Click(x, y) => Some(Action::Click(x, y)),
            Event::Terminate => Some(Action::Terminate),
        }
    }
}
