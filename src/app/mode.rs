//! What the user is in: a view (the list, an article, the bookmark list)
//! and, over it, at most one modal (help, a prompt, a list filter). The
//! two enums are the whole interaction mode; every question about it
//! ("which keys apply?", "is the user typing?") is answered from them.

use super::input::TextInput;
use super::reader::Reader;
use super::screens::Screen;

/// The screen underneath any modal: the list, an open article, or a
/// screen over one of those (its own state is kept in the `App`).
#[derive(Debug, Clone)]
pub enum View {
    /// The group pane and article list.
    Browse,
    /// An open article; `back` is where `q` returns.
    Read {
        reader: Box<Reader>,
        back: Box<View>,
    },
    /// A screen over the view it was opened from (the bookmark list, the
    /// search's results, the outline, the problems): `back`, which stays
    /// underneath (an open article stays open) and where `q` returns. Its
    /// row in `screens` says what happens to `back` when an article is
    /// opened from it or the archive is read again.
    Over { screen: Screen, back: Box<View> },
}

impl View {
    pub fn screen(&self) -> Screen {
        match self {
            View::Browse => Screen::Browse,
            View::Read { .. } => Screen::Read,
            View::Over { screen, .. } => *screen,
        }
    }

    /// Whether `screen` is the one on top.
    pub fn is(&self, screen: Screen) -> bool {
        self.screen() == screen
    }

    /// The view under this one, if any.
    pub fn back(&self) -> Option<&View> {
        match self {
            View::Browse => None,
            View::Read { back, .. } | View::Over { back, .. } => Some(back),
        }
    }

    /// The open article: this view's, or the one under the screen on top.
    pub fn reader(&self) -> Option<&Reader> {
        match self {
            View::Browse => None,
            View::Read { reader, .. } => Some(reader),
            View::Over { back, .. } => back.reader(),
        }
    }

    /// The open article, on screen or under the view on top.
    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        match self {
            View::Browse => None,
            View::Read { reader, .. } => Some(reader),
            View::Over { back, .. } => back.reader_mut(),
        }
    }
}

/// What a text prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// The note of a new bookmark.
    Note,
    /// An in-article search query.
    Search,
    /// An archive-wide search query.
    Find,
    /// Quit although changes could not be saved? (y/n)
    Quit,
}

/// An overlay that takes the keys while it is open.
#[derive(Debug, Clone, Default)]
pub enum Modal {
    #[default]
    None,
    /// The key list; `scroll` is its first visible row.
    Help { scroll: usize },
    /// A prompt on the bottom row (reader only).
    Prompt { kind: PromptKind, input: TextInput },
    /// Editing the filter of the list underneath.
    Filter(TextInput),
}

impl Modal {
    /// The screen the modal stands for, if one is open.
    pub fn screen(&self) -> Option<Screen> {
        match self {
            Modal::None => None,
            Modal::Help { .. } => Some(Screen::Help),
            Modal::Prompt {
                kind: PromptKind::Note,
                ..
            } => Some(Screen::Note),
            Modal::Prompt {
                kind: PromptKind::Search,
                ..
            } => Some(Screen::Search),
            Modal::Prompt {
                kind: PromptKind::Find,
                ..
            } => Some(Screen::Find),
            Modal::Prompt {
                kind: PromptKind::Quit,
                ..
            } => Some(Screen::Quit),
            Modal::Filter(_) => Some(Screen::Filter),
        }
    }

    /// The text being typed, if a prompt or filter is open.
    pub fn input(&self) -> Option<&TextInput> {
        match self {
            Modal::Prompt { input, .. } | Modal::Filter(input) => Some(input),
            Modal::None | Modal::Help { .. } => None,
        }
    }
}

impl super::App {
    /// Puts `screen` over the view (unless it is already on top).
    pub(super) fn show_over(&mut self, screen: Screen) {
        if !self.view.is(screen) {
            let back = std::mem::replace(&mut self.view, View::Browse);
            self.view = View::Over {
                screen,
                back: Box::new(back),
            };
        }
    }

    /// Closes `screen` if it is on top: back to the view under it.
    pub(super) fn close_over(&mut self, screen: Screen) {
        if self.view.is(screen)
            && let View::Over { back, .. } = std::mem::replace(&mut self.view, View::Browse)
        {
            self.view = *back;
        }
    }
}
