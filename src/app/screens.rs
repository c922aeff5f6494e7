//! The table of screens: every screen, overlay and prompt, with the
//! bindings that apply there, its help section, its status-line key hints
//! and any help notes. The help screen, the key hints, the settings file's
//! `[keys]` and the docs test all read this table; adding a screen means
//! a row (a `const`) and its line in `declare_screens!`, a state in `mode`,
//! and one draw function.

use super::Action;
use super::i18n::Msg;
use super::keymap::Context;

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

/// One row of the table.
#[derive(Debug)]
pub struct ScreenInfo {
    pub screen: Screen,
    /// The bindings in force there (global ones apply too, except in prompts).
    pub context: Context,
    /// Its help section's heading.
    pub title: Msg,
    /// What its status line offers when there is nothing else to say.
    pub hints: &'static [Hint],
    /// Help lines beyond the list of keys.
    pub notes: &'static [Msg],
}

const fn hint(actions: &'static [Action], label: Msg) -> Hint {
    Hint { actions, label }
}

const BROWSE: ScreenInfo = ScreenInfo {
    screen: Screen::Browse,
    context: Context::Browse,
    title: Msg::ScreenBrowse,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::NextPane], Msg::HintPane),
        hint(&[Action::StartFilter], Msg::HintFilter),
        hint(&[Action::ToggleHelp], Msg::HintHelp),
        hint(&[Action::Back], Msg::HintQuit),
    ],
    notes: &[Msg::NoteTypeToFilter],
};

const READ: ScreenInfo = ScreenInfo {
    screen: Screen::Read,
    context: Context::Reader,
    title: Msg::ScreenReader,
    hints: &[
        hint(&[Action::PageDown], Msg::HintPage),
        hint(
            &[Action::PrevArticle, Action::NextArticle],
            Msg::HintPrevNext,
        ),
        hint(&[Action::Search], Msg::HintSearch),
        hint(&[Action::Outline], Msg::HintOutline),
        hint(&[Action::ToggleHelp], Msg::HintHelp),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteCount, Msg::NoteJumps, Msg::NoteJumpBack],
};

const BOOKMARKS: ScreenInfo = ScreenInfo {
    screen: Screen::Bookmarks,
    context: Context::Marks,
    title: Msg::ScreenMarks,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::Delete], Msg::HintDelete),
        hint(&[Action::Undo], Msg::HintUndo),
        hint(&[Action::StartFilter], Msg::HintFilter),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteTypeToFilter],
};

const RESULTS: ScreenInfo = ScreenInfo {
    screen: Screen::Results,
    context: Context::Results,
    title: Msg::ScreenResults,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::ArchiveSearch], Msg::HintEditSearch),
        hint(&[Action::Sort], Msg::HintOrder),
        hint(&[Action::CycleYear], Msg::HintYear),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteResults],
};

const FIND: ScreenInfo = ScreenInfo {
    screen: Screen::Find,
    context: Context::Input,
    title: Msg::ScreenFind,
    hints: &[],
    notes: &[Msg::NoteFind, Msg::NoteFacets],
};

const OUTLINE: ScreenInfo = ScreenInfo {
    screen: Screen::Outline,
    context: Context::Outline,
    title: Msg::ScreenOutline,
    hints: &[
        hint(&[Action::Open], Msg::HintJump),
        hint(&[Action::StartFilter], Msg::HintFilter),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteOutline],
};

const FILTER: ScreenInfo = ScreenInfo {
    screen: Screen::Filter,
    context: Context::Input,
    title: Msg::ScreenFilter,
    hints: &[],
    notes: &[Msg::NoteFilter],
};

const SEARCH: ScreenInfo = ScreenInfo {
    screen: Screen::Search,
    context: Context::Input,
    title: Msg::ScreenSearch,
    hints: &[],
    notes: &[Msg::NoteSearch],
};

const NOTE: ScreenInfo = ScreenInfo {
    screen: Screen::Note,
    context: Context::Input,
    title: Msg::ScreenNote,
    hints: &[],
    notes: &[Msg::NoteNote],
};

const PROBLEMS: ScreenInfo = ScreenInfo {
    screen: Screen::Problems,
    context: Context::Problems,
    title: Msg::ScreenProblems,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::Reload], Msg::HintReload),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteProblems],
};

const QUIT: ScreenInfo = ScreenInfo {
    screen: Screen::Quit,
    context: Context::Input,
    title: Msg::ScreenQuit,
    hints: &[],
    notes: &[Msg::NoteQuit],
};

const HELP: ScreenInfo = ScreenInfo {
    screen: Screen::Help,
    context: Context::Help,
    title: Msg::ScreenHelp,
    hints: &[],
    notes: &[],
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::keymap::Keymap;

    #[test]
    fn every_screen_has_exactly_one_row() {
        for screen in Screen::ALL {
            let rows = SCREENS.iter().filter(|s| s.screen == screen).count();
            assert_eq!(rows, 1, "{screen:?}");
        }
        assert_eq!(SCREENS.len(), Screen::ALL.len());
    }

    #[test]
    fn every_context_with_bindings_belongs_to_a_screen() {
        let map = Keymap::default();
        for context in Context::ALL {
            let bound = map.bindings_of(context).next().is_some();
            let shown = context == Context::Global || SCREENS.iter().any(|s| s.context == context);
            assert!(!bound || shown, "{context:?} has keys but no screen");
        }
    }

    #[test]
    fn hints_name_actions_bound_on_their_screen() {
        let map = Keymap::default();
        for s in SCREENS {
            for h in s.hints {
                for a in h.actions {
                    assert!(
                        map.first_key(s.context, a).is_some(),
                        "{:?} {a:?}",
                        s.screen
                    );
                }
            }
        }
    }
}
