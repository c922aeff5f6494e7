//! The rows of the screen table (`declare_screens!` in `mod.rs` names
//! each one): what each screen binds, shows and says.

use super::*;

pub(super) const fn hint(actions: &'static [Action], label: Msg) -> Hint {
    Hint { actions, label }
}

pub(super) const BROWSE: ScreenInfo = ScreenInfo {
    screen: Screen::Browse,
    context: Context::Browse,
    layer: Layer::View,
    opener: None,
    keys: &[],
    title: Msg::ScreenBrowse,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::NextPane], Msg::HintPane),
        hint(&[Action::StartFilter], Msg::HintFilter),
        hint(&[Action::ToggleHelp], Msg::HintHelp),
        hint(&[Action::Back], Msg::HintQuit),
    ],
    notes: &[Msg::NoteTypeToFilter],
    says: &[
        (Action::Sort, Msg::SaySortList),
        (Action::Undo, Msg::SayUndoMarkAll),
    ],
};

pub(super) const READ: ScreenInfo = ScreenInfo {
    screen: Screen::Read,
    context: Context::Reader,
    layer: Layer::View,
    opener: None,
    keys: &[],
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
    says: &[],
};

pub(super) const BOOKMARKS: ScreenInfo = ScreenInfo {
    screen: Screen::Bookmarks,
    context: Context::Marks,
    layer: Layer::Over(Under::List, App::update_marks),
    opener: Some(Opener {
        action: Action::Bookmarks,
        open: App::open_marks,
    }),
    keys: &[],
    title: Msg::ScreenMarks,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::Delete], Msg::HintDelete),
        hint(&[Action::Undo], Msg::HintUndo),
        hint(&[Action::StartFilter], Msg::HintFilter),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteTypeToFilter],
    says: &[
        (Action::Open, Msg::SayOpenMark),
        (Action::StartFilter, Msg::SayFilterMarks),
    ],
};

pub(super) const RESULTS: ScreenInfo = ScreenInfo {
    screen: Screen::Results,
    context: Context::Results,
    layer: Layer::Over(Under::Kept, App::update_results),
    opener: Some(Opener {
        action: Action::ArchiveSearch,
        open: App::open_finder,
    }),
    keys: &[],
    title: Msg::ScreenResults,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::ArchiveSearch], Msg::HintEditSearch),
        hint(&[Action::Sort], Msg::HintOrder),
        hint(&[Action::CycleYear], Msg::HintYear),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteResults],
    says: &[
        (Action::Sort, Msg::SaySortResults),
        (Action::ArchiveSearch, Msg::SayEditSearch),
    ],
};

pub(super) const FIND: ScreenInfo = ScreenInfo {
    screen: Screen::Find,
    context: Context::Input,
    layer: Layer::Modal,
    opener: None,
    keys: &[],
    title: Msg::ScreenFind,
    hints: &[],
    notes: &[Msg::NoteFind, Msg::NoteFacets],
    says: &[],
};

pub(super) const OUTLINE: ScreenInfo = ScreenInfo {
    screen: Screen::Outline,
    context: Context::Outline,
    layer: Layer::Over(Under::Article, App::update_toc),
    opener: None,
    keys: &[],
    title: Msg::ScreenOutline,
    hints: &[
        hint(&[Action::Open], Msg::HintJump),
        hint(&[Action::StartFilter], Msg::HintFilter),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteOutline],
    says: &[
        (Action::Open, Msg::SayJumpToSection),
        (Action::StartFilter, Msg::SayFilterSections),
        (Action::Outline, Msg::SayCloseOutline),
    ],
};

pub(super) const FILTER: ScreenInfo = ScreenInfo {
    screen: Screen::Filter,
    context: Context::Input,
    layer: Layer::Modal,
    opener: None,
    keys: &[],
    title: Msg::ScreenFilter,
    hints: &[],
    notes: &[Msg::NoteFilter],
    says: &[],
};

pub(super) const SEARCH: ScreenInfo = ScreenInfo {
    screen: Screen::Search,
    context: Context::Input,
    layer: Layer::Modal,
    opener: None,
    keys: &[],
    title: Msg::ScreenSearch,
    hints: &[],
    notes: &[Msg::NoteSearch],
    says: &[],
};

pub(super) const NOTE: ScreenInfo = ScreenInfo {
    screen: Screen::Note,
    context: Context::Input,
    layer: Layer::Modal,
    opener: None,
    keys: &[],
    title: Msg::ScreenNote,
    hints: &[],
    notes: &[Msg::NoteNote],
    says: &[],
};

pub(super) const PROBLEMS: ScreenInfo = ScreenInfo {
    screen: Screen::Problems,
    context: Context::Problems,
    layer: Layer::Over(Under::Kept, App::update_problems),
    opener: Some(Opener {
        action: Action::Problems,
        open: App::open_problems,
    }),
    keys: &[],
    title: Msg::ScreenProblems,
    hints: &[
        hint(&[Action::Open], Msg::HintOpen),
        hint(&[Action::Reload], Msg::HintReload),
        hint(&[Action::Back], Msg::HintBack),
    ],
    notes: &[Msg::NoteProblems],
    says: &[(Action::Open, Msg::SayOpenProblem)],
};

pub(super) const QUIT: ScreenInfo = ScreenInfo {
    screen: Screen::Quit,
    context: Context::Input,
    layer: Layer::Modal,
    opener: None,
    keys: &[],
    title: Msg::ScreenQuit,
    hints: &[],
    notes: &[Msg::NoteQuit],
    says: &[],
};

pub(super) const HELP: ScreenInfo = ScreenInfo {
    screen: Screen::Help,
    context: Context::Help,
    layer: Layer::Modal,
    opener: Some(Opener {
        action: Action::ToggleHelp,
        open: App::open_help,
    }),
    keys: &[],
    title: Msg::ScreenHelp,
    hints: &[
        hint(&[Action::Back], Msg::HintClose),
        hint(&[Action::Down, Action::Up], Msg::HintScroll),
        hint(&[Action::PageDown], Msg::HintPage),
    ],
    notes: &[],
    says: &[],
};
