//! The table of screens: every screen, overlay and prompt, with the
//! bindings that apply there, its help section, its status-line key hints,
//! any help notes, how it is opened and where its keys go. The help screen,
//! the key hints, the settings file's `[keys]`, `App::update`'s dispatch
//! and the docs test all read this table. The table itself is
//! `table.rs` (one entry per screen, with its strings and the action that
//! opens it); this file holds the types of its rows.

use super::App;
use super::action::Key;

#[macro_use]
mod declare;
pub(super) mod table;

use table::{Action, Msg};
pub use table::{Context, SCREENS, Screen, info};

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

pub(super) const fn hint(actions: &'static [Action], label: Msg) -> Hint {
    Hint { actions, label }
}

#[cfg(test)]
mod tests;
