//! What the user is in: a view (the list, an article, the bookmark list)
//! and, over it, at most one modal (help, a prompt, a list filter). The
//! two enums are the whole interaction mode; every question about it
//! ("which keys apply?", "is the user typing?") is answered from them.

use super::input::TextInput;
use super::reader::Reader;
use super::screens::Screen;

/// The screen underneath any modal.
#[derive(Debug, Clone)]
pub enum View {
    /// The group pane and article list.
    Browse,
    /// An open article; `back` is where `q` returns.
    Read {
        reader: Box<Reader>,
        back: Box<View>,
    },
    /// The bookmark list; `back` is the view it was opened from (an open
    /// article stays open underneath).
    Bookmarks { back: Box<View> },
    /// The archive search's results (their state is `App::finder`).
    Results { back: Box<View> },
    /// The outline of the article in `back` (a `Read` view), drawn over it.
    Outline { back: Box<View> },
    /// The archive's problems; `back` as for the bookmark list.
    Problems { back: Box<View> },
}

impl View {
    pub fn screen(&self) -> Screen {
        match self {
            View::Browse => Screen::Browse,
            View::Read { .. } => Screen::Read,
            View::Bookmarks { .. } => Screen::Bookmarks,
            View::Results { .. } => Screen::Results,
            View::Outline { .. } => Screen::Outline,
            View::Problems { .. } => Screen::Problems,
        }
    }

    /// The open article: this view's, or the one under the bookmark list.
    pub fn reader(&self) -> Option<&Reader> {
        match self {
            View::Browse => None,
            View::Read { reader, .. } => Some(reader),
            View::Bookmarks { back }
            | View::Results { back }
            | View::Outline { back }
            | View::Problems { back } => back.reader(),
        }
    }

    /// The open article, on screen or under the view on top.
    pub fn reader_mut(&mut self) -> Option<&mut Reader> {
        match self {
            View::Browse => None,
            View::Read { reader, .. } => Some(reader),
            View::Bookmarks { back }
            | View::Results { back }
            | View::Outline { back }
            | View::Problems { back } => back.reader_mut(),
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
