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
    GroupsPlain,
    HintOutline,
    HintJump,
    ScreenOutline,
    OutlineTitle,
    NoteOutline,
    NoteCount,
    NoteJumps,
    NoteJumpBack,
    NoSections,
    NoNextSection,
    NoPrevSection,
    NoJumpBack,
    NoJumpForward,
    CountFirst,
    MarkedRead,
    MarkedUnread,
    NoUnread,
    ContinueReading,
    NothingToContinue,
    OneGroupOnly,
    SortGroups,
    SortArchive,
    SortDate,
    SortTitle,
    Paragraph,
}

impl Msg {
    /// `(Chinese, English)`: an exhaustive match, so the compiler refuses a
    /// message without both translations.
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Msg::All => ("全部", "All"),
            Msg::DistrictLevel => ("区级", "district-wide"),
            Msg::Groups => ("街道", "Subdistricts"),
            Msg::Articles => ("文章", "Articles"),
            Msg::NoArticles => ("没有文章", "No articles"),
            Msg::Filter => ("筛选", "Filter"),
            Msg::TooSmall => ("窗口太小", "Too small"),
            Msg::Help => ("帮助", "help"),
            Msg::HelpTitle => ("按键", "Keys"),
            Msg::HelpClose => ("Esc/q/? 关闭", "Esc/q/? close"),
            Msg::Read => ("已读", "read"),
            Msg::Unread => ("未读", "unread"),
            Msg::InProgress => ("在读", "reading"),
            Msg::FirstInGroup => ("已是本组第一篇", "First article in this group"),
            Msg::LastInGroup => ("已是本组最后一篇", "Last article in this group"),
            Msg::ScreenBrowse => ("浏览", "Browse"),
            Msg::ScreenReader => ("阅读", "Reader"),
            Msg::ScreenHelp => ("帮助", "Help"),
            Msg::ScreenGlobal => ("任何时候", "Anywhere"),
            Msg::ScreenFilter => ("筛选输入", "Filter prompt"),
            Msg::HintOpen => ("打开", "open"),
            Msg::HintPane => ("切换", "pane"),
            Msg::HintFilter => ("筛选", "filter"),
            Msg::HintHelp => ("帮助", "help"),
            Msg::HintQuit => ("退出", "quit"),
            Msg::HintPage => ("翻页", "page"),
            Msg::HintPrevNext => ("上/下一篇", "prev/next"),
            Msg::HintSearch => ("搜索", "search"),
            Msg::HintBack => ("返回", "back"),
            Msg::HintDelete => ("删除", "delete"),
            Msg::HintUndo => ("撤销", "undo"),
            Msg::Top => ("顶部", "Top"),
            Msg::End => ("末尾", "End"),
            Msg::NoStore => (
                "书签不可用 (无数据目录)",
                "Bookmarks unavailable (no data directory)",
            ),
            Msg::BookmarkAdded => ("已添加书签", "Bookmark added"),
            Msg::BookmarkDeleted => ("已删除书签, u 撤销", "Bookmark deleted, u to undo"),
            Msg::BookmarkRestored => ("已恢复书签", "Bookmark restored"),
            Msg::BookmarkDetached => (
                "书签原文已不在, 从开头打开",
                "The bookmarked text is gone; opened at the top",
            ),
            Msg::NotePrompt => (
                "书签备注 (Enter 保存, Esc 取消)",
                "Bookmark note (Enter saves, Esc cancels)",
            ),
            Msg::Bookmarks => ("书签", "Bookmarks"),
            Msg::NoBookmarks => (
                "还没有书签 (阅读时按 m 添加)",
                "No bookmarks yet (press m while reading)",
            ),
            Msg::Detached => ("原文已不在", "detached"),
            Msg::SaveFailed => ("保存失败, 将重试", "Saving failed, will retry"),
            Msg::AmbiguousLabel => ("歧义宽度字符", "Ambiguous-width characters"),
            Msg::ModeNarrow => ("单宽", "narrow"),
            Msg::ModeWide => ("双宽", "wide"),
            Msg::SourceForced => ("由选项设定", "set by option"),
            Msg::SourceDetected => ("终端检测结果", "detected from the terminal"),
            Msg::SourceNoAnswer => ("终端未应答, 按单宽", "terminal did not answer; assumed"),
            Msg::NoMatch => ("无匹配", "no match"),
            Msg::NoSearch => (
                "还没有搜索 (按 / 搜索)",
                "No search yet (press / to search)",
            ),
            Msg::WrappedTop => ("已到末尾, 从开头继续", "Search wrapped to the top"),
            Msg::WrappedBottom => ("已到开头, 从末尾继续", "Search wrapped to the bottom"),
            Msg::Copied => (
                "已复制本段到剪贴板",
                "Copied the paragraph to the clipboard",
            ),
            Msg::CopiedCitation => ("已复制引用到剪贴板", "Copied a citation to the clipboard"),
            Msg::ClipboardOff => (
                "剪贴板已关闭 (--no-clipboard)",
                "Clipboard is off (--no-clipboard)",
            ),
            Msg::GroupsPlain => ("分组", "Groups"),
            Msg::HintOutline => ("目录", "outline"),
            Msg::HintJump => ("跳转", "jump"),
            Msg::ScreenOutline => ("目录", "Outline"),
            Msg::OutlineTitle => ("目录", "Outline"),
            Msg::NoteOutline => (
                "> 标出当前所在章节; 直接输入文字筛选 (拼音请先按 /)",
                "> marks the section being read; type to filter (/ first for pinyin)",
            ),
            Msg::NoteCount => (
                "动作前可加数字: 5j 下移5行, 3} 后移3节, 50% 到一半处, 120g 到第120行",
                "A count before a motion: 5j, 3} (sections), 50% (of the text), 120g (line)",
            ),
            Msg::NoteJumps => (
                "跳转 (g G % 章节 目录 搜索 书签) 不算阅读, 不移动保存的阅读位置",
                "Jumps (g G % sections outline search bookmarks) do not count as reading",
            ),
            Msg::NoteJumpBack => (
                "'' (' 两次) 或 ` 回到上次跳转前; Ctrl-o/Ctrl-i 在跳转记录中前后移动",
                "'' or ` go back to before the last jump; Ctrl-o/Ctrl-i walk all the jumps",
            ),
            Msg::NoSections => ("本文没有可识别的章节", "No sections found in this article"),
            Msg::NoNextSection => ("后面没有章节了", "No section after this"),
            Msg::NoPrevSection => ("前面没有章节了", "No section before this"),
            Msg::NoJumpBack => ("没有可返回的位置", "No earlier place to go back to"),
            Msg::NoJumpForward => ("没有更新的位置", "No later place to go forward to"),
            Msg::CountFirst => ("请先输入数字, 如 50%", "Type a number first, as in 50%"),
            Msg::MarkedRead => ("已标为已读", "Marked read"),
            Msg::MarkedUnread => ("已标为未读", "Marked unread"),
            Msg::NoUnread => ("没有未读文章了", "No unread articles left"),
            Msg::ContinueReading => ("按 C 继续阅读", "Press C to continue reading "),
            Msg::NothingToContinue => ("还没有读过的文章", "Nothing read yet"),
            Msg::OneGroupOnly => ("只有一个分组", "There is only one group"),
            Msg::SortGroups => ("按分组", "by group"),
            Msg::SortArchive => ("原顺序", "archive order"),
            Msg::SortDate => ("按日期", "by date"),
            Msg::SortTitle => ("按标题", "by title"),
            Msg::Paragraph => ("段", "paragraph"),
            Msg::ScreenMarks => ("书签列表", "Bookmark list"),
            Msg::ScreenSearch => ("文中搜索输入", "Search prompt"),
            Msg::ScreenNote => ("书签备注输入", "Bookmark note prompt"),
            Msg::NoteTypeToFilter => (
                "直接输入文字即开始新的筛选, / 修改当前筛选",
                "Typing a character starts a new filter; / edits the current one",
            ),
            Msg::NoteFilter => (
                "列表随输入筛选; Enter 保留筛选, Esc 清除",
                "The list narrows as you type; Enter keeps the filter, Esc clears it",
            ),
            Msg::NoteSearch => (
                "随输入查找; re: 开头为正则; Enter 保留结果, Esc 回到原处",
                "Matches as you type; re: starts a regex; Enter keeps them, Esc goes back",
            ),
            Msg::NoteNote => (
                "Enter 保存书签 (备注可空), Esc 不加书签",
                "Enter saves the bookmark (the note may be empty); Esc adds none",
            ),
        }
    }

    /// The message in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = self.pair();
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// What an action does, for the help screen: `(Chinese, English)`.
pub fn describe(action: &super::Action, lang: Lang) -> &'static str {
    use super::Action as A;
    let (zh, en) = match action {
        A::Quit => ("退出", "quit"),
        A::Back => (
            "返回上一层 (最上层时退出)",
            "back out one level (quit at the top)",
        ),
        A::Cancel => ("返回上一层", "back out one level"),
        A::ToggleHelp => ("显示/关闭帮助", "show or close this help"),
        A::Up => ("上移一行", "up one line"),
        A::Down => ("下移一行", "down one line"),
        A::PageUp => ("上一页", "page up"),
        A::PageDown => ("下一页", "page down"),
        A::HalfPageUp => ("上移半页", "half a page up"),
        A::HalfPageDown => ("下移半页", "half a page down"),
        A::Top => ("到开头", "to the top"),
        A::Bottom => ("到末尾", "to the end"),
        A::Open => ("打开文章", "open the article"),
        A::NextPane => ("切换窗格", "switch pane"),
        A::FocusGroups => ("到街道窗格", "to the group pane"),
        A::FocusArticles => ("到文章窗格", "to the article list"),
        A::PrevArticle => ("本组上一篇", "previous article in the group"),
        A::NextArticle => ("本组下一篇", "next article in the group"),
        A::AddBookmark => (
            "在此处添加书签 (可写备注)",
            "bookmark this place (with an optional note)",
        ),
        A::Bookmarks => ("书签列表", "list of bookmarks"),
        A::Delete => ("删除书签", "delete the bookmark"),
        A::Undo => ("撤销删除", "undo the delete"),
        A::StartFilter => (
            "筛选文章 (也可直接输入中文)",
            "filter the list (or just type Chinese)",
        ),
        A::Input(_) | A::Paste(_) => ("输入", "type"),
        A::InputBackspace => ("删除光标前一个字", "delete the character before the cursor"),
        A::InputDelete => ("删除光标处的字", "delete the character under the cursor"),
        A::InputLeft => ("光标左移", "cursor left"),
        A::InputRight => ("光标右移", "cursor right"),
        A::InputHome => ("光标到行首", "cursor to the start"),
        A::InputEnd => ("光标到行尾", "cursor to the end"),
        A::InputDeleteWord => ("删除光标前一个词", "delete the word before the cursor"),
        A::InputClear => ("删除光标前全部文字", "delete everything before the cursor"),
        A::InputAccept => ("确定", "accept"),
        A::InputCancel => ("取消", "cancel"),
        A::Search => (
            "在文中搜索 (re: 开头为正则)",
            "search in the article (re: prefix for a regex)",
        ),
        A::NextMatch => ("下一个匹配", "next match"),
        A::PrevMatch => ("上一个匹配", "previous match"),
        A::Copy => (
            "复制本段到本地剪贴板 (OSC 52)",
            "copy the paragraph to the local clipboard (OSC 52)",
        ),
        A::CopyCitation => (
            "复制引用 (标题, 章节, 段落, 来源, 日期)",
            "copy a citation (title, section, paragraph, place, date)",
        ),
        A::NextSection => ("到下一节 (任意层级)", "to the next section (any level)"),
        A::PrevSection => (
            "到本节开头, 或上一节",
            "to the start of this section, or the one before",
        ),
        A::NextSameLevel => ("到同级的下一节", "to the next section at this level"),
        A::PrevSameLevel => ("到同级的上一节", "to the previous section at this level"),
        A::Outline => ("目录 (章节列表)", "the outline (table of contents)"),
        A::Percent => (
            "数字后: 到全文百分之几处",
            "after a number: that percent into the text",
        ),
        A::JumpBack => (
            "回到上次跳转前的位置",
            "back to where the last jump started",
        ),
        A::JumpOlder => ("跳转记录: 往回", "jump list: back"),
        A::JumpNewer => ("跳转记录: 往前", "jump list: forward"),
        A::ToggleRead => ("标为已读/未读", "mark read or unread"),
        A::NextUnread => ("打开下一篇未读文章", "open the next unread article"),
        A::ContinueReading => ("继续阅读上次读的文章", "continue the article read last"),
        A::Sort => (
            "排序: 原顺序, 日期, 标题",
            "sort the list: archive order, date, title",
        ),
        A::ToggleGroups => ("显示/隐藏分组窗格", "show or hide the group pane"),
        A::Digit(_) => ("数字 (计数)", "digit (count)"),
        A::Scroll(_) | A::Click(..) => ("鼠标", "mouse"),
        A::Resize(..) | A::Tick | A::Terminate | A::WidthMode(..) | A::Notice(_) | A::Saved(_) => {
            ("", "")
        }
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
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
    fn reader_notes_fit_the_help_box_at_80_columns() {
        use crate::text::{WidthMode, str_width};
        for m in [
            Msg::NoteCount,
            Msg::NoteJumps,
            Msg::NoteJumpBack,
            Msg::NoteOutline,
        ] {
            for lang in [Lang::Zh, Lang::En] {
                let t = m.text(lang);
                assert!(str_width(t, WidthMode::Narrow) <= 76, "{t}");
            }
        }
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
