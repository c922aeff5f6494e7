//! Every [`Msg`], for the tests that walk them all (each in both
//! languages). A test reads the enum's source to make sure none is
//! missing here.

use super::Msg;

/// Every message.
pub const ALL: &[Msg] = &[
    Msg::All,
    Msg::DistrictLevel,
    Msg::Groups,
    Msg::Articles,
    Msg::NoArticles,
    Msg::Filter,
    Msg::TooSmall,
    Msg::Help,
    Msg::HelpTitle,
    Msg::HelpClose,
    Msg::Read,
    Msg::Unread,
    Msg::InProgress,
    Msg::FirstInGroup,
    Msg::LastInGroup,
    Msg::ScreenBrowse,
    Msg::ScreenReader,
    Msg::ScreenHelp,
    Msg::ScreenGlobal,
    Msg::ScreenFilter,
    Msg::HintOpen,
    Msg::HintPane,
    Msg::HintFilter,
    Msg::HintHelp,
    Msg::HintQuit,
    Msg::HintPage,
    Msg::HintPrevNext,
    Msg::HintSearch,
    Msg::HintBack,
    Msg::HintDelete,
    Msg::HintUndo,
    Msg::Top,
    Msg::End,
    Msg::NoStore,
    Msg::BookmarkAdded,
    Msg::BookmarkDeleted,
    Msg::BookmarkRestored,
    Msg::BookmarkDetached,
    Msg::NotePrompt,
    Msg::Bookmarks,
    Msg::NoBookmarks,
    Msg::Detached,
    Msg::SaveFailed,
    Msg::ScreenMarks,
    Msg::ScreenSearch,
    Msg::ScreenNote,
    Msg::NoteTypeToFilter,
    Msg::NoteFilter,
    Msg::NoteSearch,
    Msg::NoteNote,
    Msg::ScreenResults,
    Msg::ScreenFind,
    Msg::HintEditSearch,
    Msg::HintOrder,
    Msg::HintYear,
    Msg::NoteResults,
    Msg::NoteFind,
    Msg::NoteFacets,
    Msg::FindPrompt,
    Msg::Searching,
    Msg::Indexing,
    Msg::IndexFailed,
    Msg::NoHits,
    Msg::Unreadable,
    Msg::OrderArchive,
    Msg::OrderHits,
    Msg::OrderDate,
    Msg::AllYears,
    Msg::NextArticleWithHits,
    Msg::PrevArticleWithHits,
    Msg::LastArticleWithHits,
    Msg::FirstArticleWithHits,
    Msg::GroupsPlain,
    Msg::HintOutline,
    Msg::HintJump,
    Msg::ScreenOutline,
    Msg::OutlineTitle,
    Msg::NoteOutline,
    Msg::NoteCount,
    Msg::NoteJumps,
    Msg::NoteJumpBack,
    Msg::NoSections,
    Msg::NoNextSection,
    Msg::NoPrevSection,
    Msg::NoJumpBack,
    Msg::NoJumpForward,
    Msg::CountFirst,
    Msg::MarkedRead,
    Msg::MarkedUnread,
    Msg::NoUnread,
    Msg::ContinueReading,
    Msg::NothingToContinue,
    Msg::OneGroupOnly,
    Msg::SortGroups,
    Msg::SortArchive,
    Msg::SortDate,
    Msg::SortTitle,
    Msg::Paragraph,
    Msg::Copied,
    Msg::CopiedCitation,
    Msg::NoMatch,
    Msg::NoSearch,
    Msg::AmbiguousLabel,
    Msg::ModeNarrow,
    Msg::ModeWide,
    Msg::SourceForced,
    Msg::SourceDetected,
    Msg::SourceNoAnswer,
    Msg::WrappedTop,
    Msg::WrappedBottom,
    Msg::ClipboardOff,
    Msg::ScreenProblems,
    Msg::HintReload,
    Msg::NoteProblems,
    Msg::NoProblems,
    Msg::ArchiveHeader,
    Msg::Broken,
    Msg::UnknownDistrict,
    Msg::NothingToReload,
    Msg::ReloadFailed,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_variant_of_the_enum() {
        let source = include_str!("mod.rs");
        let start = source.find("pub enum Msg {").unwrap();
        let body = &source[start..];
        let body = &body[body.find('{').unwrap() + 1..body.find("\n}").unwrap()];
        let declared: Vec<&str> = body
            .lines()
            .map(|l| l.trim().trim_end_matches(','))
            .filter(|l| !l.is_empty() && !l.starts_with("//"))
            .collect();
        let listed: Vec<String> = ALL.iter().map(|m| format!("{m:?}")).collect();
        assert_eq!(listed, declared);
    }
}
