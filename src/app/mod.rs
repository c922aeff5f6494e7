//! Application state. `App` changes only through [`App::update`]; keys
//! become actions in [`keymap`]; the renderer reads `&App`.

pub mod action;
pub mod browse;
pub mod copy;
pub mod i18n;
pub mod keymap;
pub mod marks;
mod mouse;
pub mod persist;
pub mod prompt;
pub mod reader;
pub mod search;
mod update;

pub use action::{Action, Event, Key, KeyCode};
pub use browse::{Browse, GroupEntry, Pane};
pub use copy::Copy;
pub use i18n::{Lang, Msg};
pub use keymap::Context;
pub use marks::Marks;
pub use persist::Persist;
pub use prompt::{Prompt, PromptKind};
pub use reader::{Geometry, Reader, geometry, too_small};

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
            max_width: 80,
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

/// Which screen is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Browse,
    Read,
    Bookmarks,
}

/// The whole application state.
#[derive(Debug)]
pub struct App {
    /// The archive: metadata of every article; bodies when opened.
    pub archive: Library,
    pub groups: Groups,
    pub settings: Settings,
    pub size: (u16, u16),
    pub screen: Screen,
    pub browse: Browse,
    pub reader: Option<Reader>,
    pub help: Option<u16>,
    /// A one-off message for the status line (cleared by the next action).
    pub status: Option<String>,
    /// The open text prompt (bookmark note, search), if any.
    pub prompt: Option<Prompt>,
    pub marks: Marks,
    /// The last confirmed search query of the session (`n` in a newly
    /// opened article searches for it again).
    pub last_query: Option<String>,
    /// The latest copy request for the terminal's clipboard (OSC 52); the
    /// run loop writes each sequence number once.
    pub clipboard: Option<Copy>,
    /// Bookmarks and positions; `None` when no data directory is usable.
    pub persist: Option<Persist>,
    pub quit: bool,
}

impl App {
    pub fn new(archive: impl Into<Library>, settings: Settings) -> App {
        let archive = archive.into();
        let groups = group_items(&archive.articles);
        let browse = Browse::new(&archive, &groups);
        App {
            archive,
            groups,
            settings,
            size: (80, 24),
            screen: Screen::Browse,
            browse,
            reader: None,
            help: None,
            status: None,
            prompt: None,
            marks: Marks::default(),
            last_query: None,
            clipboard: None,
            persist: None,
            quit: false,
        }
    }

    /// Attaches the state store: positions are remembered and bookmarks
    /// work from now on.
    pub fn with_store(mut self, store: crate::store::Store) -> App {
        let key = crate::store::ArchiveKey::new(&self.archive.title, self.archive.key.as_deref());
        self.persist = Some(Persist::new(store, key));
        self
    }

    /// Shows `msg` on the status line until the next action.
    pub fn say(&mut self, msg: Msg) {
        self.status = Some(msg.text(self.settings.lang).to_string());
    }

    /// How long the run loop may wait for input before sending `Tick`
    /// (`None`: wait for ever; nothing is pending).
    pub fn wake_after(&self) -> Option<std::time::Duration> {
        self.persist.as_ref().and_then(Persist::wake_after)
    }

    /// Reading status of article `i` (unread when nothing is stored).
    pub fn read_status(&self, i: usize) -> crate::store::Status {
        match self.persist.as_ref() {
            Some(p) => p.status(&self.archive.articles[i].id),
            None => crate::store::Status::Unread,
        }
    }

    /// The keymap context of what is on screen.
    pub fn context(&self) -> Context {
        match (self.help.is_some(), self.screen) {
            (true, _) => Context::Help,
            (false, Screen::Browse) => Context::Browse,
            (false, Screen::Read) => Context::Reader,
            (false, Screen::Bookmarks) => Context::Marks,
        }
    }

    /// True while typed characters go to a text field.
    pub fn typing(&self) -> bool {
        self.help.is_none()
            && (self.prompt.is_some()
                || self.screen == Screen::Browse && self.browse.filtering
                || self.screen == Screen::Bookmarks && self.marks.filtering)
    }

    /// Turns an input event into the action it means here, if any.
    pub fn action_for(&self, event: Event) -> Option<Action> {
        match event {
            Event::Key(key) if self.typing() => keymap::input_action(key),
            Event::Key(key) => keymap::action_for(self.context(), key),
            Event::Resize(w, h) => Some(Action::Resize(w, h)),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Tick => Some(Action::Tick),
            Event::Scroll(n) => Some(Action::Scroll(n)),
            Event::Click(x, y) => Some(Action::Click(x, y)),
            Event::Terminate => Some(Action::Terminate),
        }
    }

    /// The reader's geometry for the current terminal size.
    pub fn geometry(&self) -> Geometry {
        geometry(self.size.0, self.size.1, self.settings.max_width)
    }
}
