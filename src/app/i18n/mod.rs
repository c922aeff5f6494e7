//! Every user-interface string, in Chinese and English, in one table.
//!
//! Strings avoid East Asian Ambiguous characters (“ ” … — ·) so the chrome
//! lines up on terminals that draw those two columns wide.

/// User-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// Chinese when the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` starts
    /// with `zh`, English otherwise (POSIX precedence).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.is_empty());
        match value {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }
}

/// A user-interface message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    All,
    DistrictLevel,
    Groups,
    Articles,
    NoArticles,
    Filter,
    TooSmall,
    Help,
    HelpTitle,
    HelpClose,
    Read,
    Unread,
    InProgress,
    FirstInGroup,
    LastInGroup,
    ScreenBrowse,
    ScreenReader,
    ScreenHelp,
    ScreenGlobal,
    ScreenFilter,
    HintOpen,
    HintPane,
    HintFilter,
    HintHelp,
    HintQuit,
    HintPage,
    HintPrevNext,
    HintSearch,
    HintBack,
    HintDelete,
    HintUndo,
    Top,
    End,
    NoStore,
    BookmarkAdded,
    BookmarkDeleted,
    BookmarkRestored,
    BookmarkDetached,
    NotePrompt,
    Bookmarks,
    NoBookmarks,
    Detached,
    SaveFailed,
    ScreenMarks,
    ScreenSearch,
    ScreenNote,
    NoteTypeToFilter,
    NoteFilter,
    NoteSearch,
    NoteNote,
    ScreenResults,
    ScreenFind,
    HintEditSearch,
    HintOrder,
    HintYear,
    NoteResults,
    NoteFind,
    NoteFacets,
    FindPrompt,
    Searching,
    Indexing,
    IndexFailed,
    NoHits,
    Unreadable,
    OrderArchive,
    OrderHits,
    OrderDate,
    AllYears,
    NextArticleWithHits,
    PrevArticleWithHits,
    LastArticleWithHits,
    FirstArticleWithHits,
    Copied,
    CopiedCitation,
    NoMatch,
    NoSearch,
    AmbiguousLabel,
    ModeNarrow,
    ModeWide,
    SourceForced,
    SourceDetected,
    SourceNoAnswer,
    WrappedTop,
    WrappedBottom,
    ClipboardOff,
    QuitPrompt,
    ScreenQuit,
    NoteQuit,
}

mod actions;
mod messages;

pub use actions::describe;

/// The status line after `y` cut a paragraph too long for the clipboard.
pub fn copied_part(lang: Lang, copied: usize, all: usize) -> String {
    match lang {
        Lang::Zh => format!("只复制了前 {copied} 字 (共 {all} 字): 剪贴板最多 56 KB"),
        Lang::En => format!(
            "Copied the first {copied} of {all} characters: the clipboard takes at most 56 KB"
        ),
    }
}

/// `18 hits in 3 articles` / `3 篇文章中共 18 处`.
pub fn hits_in_articles(lang: Lang, hits: usize, articles: usize) -> String {
    match lang {
        Lang::Zh => format!("{articles} 篇文章中共 {hits} 处"),
        Lang::En => {
            let h = if hits == 1 { "hit" } else { "hits" };
            let a = if articles == 1 { "article" } else { "articles" };
            format!("{hits} {h} in {articles} {a}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_chinese_only_for_zh() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        let both = env(&[("LC_ALL", "C"), ("LANG", "zh_TW.UTF-8")]);
        assert_eq!(Lang::from_env(both), Lang::En, "LC_ALL wins over LANG");
        let empty_all = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN")]);
        assert_eq!(
            Lang::from_env(empty_all),
            Lang::Zh,
            "an empty LC_ALL is unset"
        );
    }

    #[test]
    fn chrome_strings_avoid_ambiguous_punctuation() {
        for m in [
            Msg::HintPrevNext,
            Msg::HintBack,
            Msg::HelpClose,
            Msg::TooSmall,
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let t = m.text(lang);
                assert!(
                    !t.chars()
                        .any(|c| "\u{201c}\u{201d}\u{2026}\u{2014}\u{b7}\u{203a}".contains(c)),
                    "{t}"
                );
            }
        }
    }
}
