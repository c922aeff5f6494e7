//! The table of screens: every screen, overlay and prompt, with the
//! bindings that apply there, its help section, its status-line key hints,
//! any help notes, how it is opened and where its keys go. The help screen,
//! the key hints, the settings file's `[keys]`, `App::update`'s dispatch
//! and the docs test all read this table; adding a screen means a row (a
//! `const` in `rows.rs`) and its line in `declare_screens!` (and, with keys
//! of its own, a line in `declare_contexts!`), its state, and one draw
//! function.

use super::action::Key;
use super::i18n::Msg;
use super::{Action, App};

/// Declares [`Context`] once: each variant with its name in the settings
/// file (`[keys.NAME]`); the enum, `ALL` (in the settings file's order)
/// and `name()` are generated, so a context cannot be left out of `ALL`
/// (its section would silently not be read).
macro_rules! declare_contexts {
    ($( $(#[$a:meta])* $c:ident = $name:literal, )*) => {
        /// A set of bindings: one per screen, one for every text prompt,
        /// and the global ones that apply wherever the screen does not use
        /// the key.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Context {
            $( $(#[$a])* $c, )*
        }

        impl Context {
            /// Every context, in the order the settings file lists them.
            pub const ALL: [Context; [$($name),*].len()] = [$(Context::$c),*];

            /// The name in the settings file: `[keys.NAME]`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Context::$c => $name, )*
                }
            }
        }
    };
}

declare_contexts! {
    Global = "global",
    Browse = "browse",
    Reader = "reader",
    Help = "help",
    /// The bookmark list.
    Marks = "bookmarks",
    /// The archive search's results.
    Results = "results",
    /// The outline (table of contents) over an article.
    Outline = "outline",
    /// Any text prompt or filter has the focus.
    Input = "input",
    /// The list of the archive's problems.
    Problems = "problems",
}

/// Declares [`Screen`] once, each variant with its row: the enum,
/// `Screen::ALL`, [`SCREENS`] (in the order of the help screen) and
/// [`info`] are generated, so a screen cannot lack a row nor a row be left
/// out of the table.
macro_rules! declare_screens {
    ($( $(#[$a:meta])* $s:ident => $row:ident, )*) => {
        /// Every screen, overlay and prompt a user can be in.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Screen {
            $( $(#[$a])* $s, )*
        }

        impl Screen {
            pub const ALL: [Screen; [$(stringify!($s)),*].len()] = [$(Screen::$s),*];
        }

        /// Every screen's row, in the order of the help screen.
        pub const SCREENS: &[ScreenInfo] = &[$($row),*];

        /// The table's row for `screen`.
        pub fn info(screen: Screen) -> &'static ScreenInfo {
            match screen {
                $( Screen::$s => &$row, )*
            }
        }
    };
}

declare_screens! {
    Browse => BROWSE,
    Read => READ,
    Bookmarks => BOOKMARKS,
    /// The archive search's results.
    Results => RESULTS,
    /// Typing an archive-wide search.
    Find => FIND,
    /// The outline (table of contents) over an article.
    Outline => OUTLINE,
    /// Typing a list filter (article list or bookmark list).
    Filter => FILTER,
    /// Typing an in-article search.
    Search => SEARCH,
    /// Typing a bookmark's note.
    Note => NOTE,
    /// The archive's problems.
    Problems => PROBLEMS,
    /// Asked whether to quit although saving failed.
    Quit => QUIT,
    Help => HELP,
}

/// A key hint on the status line: the first key of each action, then the label.
#[derive(Debug)]
pub struct Hint {
    pub actions: &'static [Action],
    pub label: Msg,
}

/// What a screen is to the others.
#[derive(Debug, Clone, Copy)]
pub enum Layer {
    /// The list or an open article (`View::Browse`, `View::Read`).
    View,
    /// Drawn over the view it was opened from (`View::Over`), which `q`
    /// goes back to; its keys go to the function.
    Over(Under, fn(&mut App, Action)),
    /// A modal over the view (help, a prompt, a filter).
    Modal,
}

/// What a screen over another does with the view under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Under {
    /// Not over another view.
    None,
    /// An article opened from it goes back to the list (the bookmark list).
    List,
    /// An article opened from it goes back to it (results, problems).
    Kept,
    /// Only ever over its article: closes with it (the outline).
    Article,
}

/// How a screen opens from anywhere (no modal open): the action, what it
/// does, and the default keys that ask for it, in other screens' contexts.
#[derive(Debug)]
pub struct Opener {
    pub action: Action,
    pub open: fn(&mut App),
}

/// One row of the table.
#[derive(Debug)]
pub struct ScreenInfo {
    pub screen: Screen,
    /// The bindings in force there (global ones apply too, except in prompts).
    pub context: Context,
    /// Where it sits, and where its keys go.
    pub layer: Layer,
    /// The action that opens it wherever the user is, if one does.
    pub opener: Option<Opener>,
    /// Default keys it brings beyond the built-in keymap's
    /// (`keymap::DEFAULTS`), in any context (its own, and the keys that
    /// open it from other screens), in the order the help lists them.
    pub keys: &'static [(Context, &'static [Key], Action)],
    /// Its help section's heading.
    pub title: Msg,
    /// What its status line offers when there is nothing else to say.
    pub hints: &'static [Hint],
    /// Help lines beyond the list of keys.
    pub notes: &'static [Msg],
    /// What an action does here, in the help, where the action's general
    /// description would mislead on this screen.
    pub says: &'static [(Action, Msg)],
}

impl ScreenInfo {
    /// What the screen does with the view under it.
    pub fn under(&self) -> Under {
        match self.layer {
            Layer::Over(under, _) => under,
            Layer::View | Layer::Modal => Under::None,
        }
    }
}

/// The function that opens the screen `action` opens from anywhere.
pub fn opener(action: &Action) -> Option<fn(&mut App)> {
    SCREENS
        .iter()
        .filter_map(|s| s.opener.as_ref())
        .find(|o| &o.action == action)
        .map(|o| o.open)
}

/// The default keys screens bring with their rows, in table order.
pub fn screen_keys() -> impl Iterator<Item = &'static (Context, &'static [Key], Action)> {
    SCREENS.iter().flat_map(|s| s.keys)
}

mod rows;
#[cfg(test)]
mod tests;

use rows::*;
