//! Every user-interface message, declared once with its text in both
//! languages: the enum, `ALL` and the texts are generated
//! ([`declare_msgs`]) from this table and the screens' own strings, which
//! are declared with their screen in the screen table
//! (`screens/table.rs`, which expands [`declare_msgs_with`]; so `Msg` is
//! defined there). A message cannot exist without both translations and
//! no list of messages is kept by hand.

use super::{Lang, Msg};

macro_rules! declare_msgs {
    ($( $(#[$a:meta])* $m:ident = $zh:literal, $en:literal; )*) => {
        /// A user-interface message.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $( $(#[$a])* $m, )*
        }

        /// Every message, for the tests that walk them all (each in both
        /// languages).
        pub const ALL: &[Msg] = &[$(Msg::$m),*];

        impl Msg {
            /// `(Chinese, English)`.
            pub(crate) fn pair(self) -> (&'static str, &'static str) {
                match self {
                    $( Msg::$m => ($zh, $en), )*
                }
            }
        }
    };
}
pub(crate) use declare_msgs;

/// The messages shared by several screens or used outside the screen
/// table, handed to [`declare_msgs`] with the screens' own (`$screens`).
macro_rules! declare_msgs_with {
    ($($screens:tt)*) => { $crate::app::i18n::declare_msgs! {
    All = "全部", "All";
    DistrictLevel = "区级", "district-wide";
    Groups = "街道", "Subdistricts";
    Articles = "文章", "Articles";
    NoArticles = "没有文章", "No articles";
    Filter = "筛选", "Filter";
    TooSmall = "窗口太小", "Too small";
    Help = "帮助", "help";
    HelpTitle = "按键", "Keys";
    HelpClose = "Esc/q/? 关闭", "Esc/q/? close";
    Read = "已读", "read";
    Unread = "未读", "unread";
    InProgress = "在读", "reading";
    FirstInGroup = "已是本组第一篇", "First article in this group";
    LastInGroup = "已是本组最后一篇", "Last article in this group";
    NoShellHere = "这里没有可回去的 shell（q 或 Ctrl-C 离开）", "No shell to go back to here (q or Ctrl-C leaves)";
    ScreenGlobal = "任何时候", "Anywhere";
    HintOpen = "打开", "open";
    HintFilter = "筛选", "filter";
    HintHelp = "帮助", "help";
    HintPage = "翻页", "page";
    HintBack = "返回", "back";
    Top = "顶部", "Top";
    End = "末尾", "End";
    NoStore = "书签不可用（无数据目录）", "Bookmarks unavailable (no data directory)";
    BookmarkAdded = "已添加书签", "Bookmark added";
    BookmarkDeleted = "已删除书签，按 u 撤销", "Bookmark deleted, u to undo";
    BookmarkRestored = "已恢复书签", "Bookmark restored";
    BookmarkDetached = "书签原文已不在，从开头打开", "The bookmarked text is gone; opened at the top";
    NotePrompt = "书签备注（Enter 保存，Esc 取消）", "Bookmark note (Enter saves, Esc cancels)";
    Bookmarks = "书签", "Bookmarks";
    NoBookmarks = "还没有书签（阅读时按 m 添加）", "No bookmarks yet (press m while reading)";
    Detached = "原文已不在", "detached";
    SaveFailed = "尚未保存，将重试", "Not saved yet, will retry";
    NoteTypeToFilter = "输入汉字即开始新的筛选；字母是按键，拼音要先按 / 再输入（/ 也用来修改当前筛选）", "Typing Chinese starts a new filter; letters are keys, so press / first for pinyin (/ also edits the current filter)";
    FilterPlaceholder = "汉字或拼音", "Chinese or pinyin";
    FindPrompt = "全文搜索", "Search all";
    Searching = "搜索中", "searching";
    Indexing = "建立索引", "indexing";
    IndexFailed = "索引建立失败，逐篇搜索", "Index failed; searching article by article";
    IndexDamaged = "搜索索引已损坏：受影响的文章已逐篇搜索，索引正在重建", "The search index was damaged: those articles were searched one by one; rebuilding it";
    NoHits = "没有结果", "No hits";
    NoDates = "档案中的文章都没有日期，after:/before: 找不到文章", "No article here has a date: after:/before: find none";
    Unreadable = "无法读取", "unreadable";
    /// A snippet (of a result or a bookmark) still being read.
    Loading = "正在读取……", "loading…";
    OrderArchive = "按文档顺序", "archive order";
    OrderHits = "按命中数", "most hits first";
    OrderDate = "按日期", "newest first";
    OrderHitsShort = "按命中数", "by hits";
    OrderDateShort = "按日期", "by date";
    AllYears = "全部年份", "all years";
    NextArticleWithHits = "下一篇有结果的文章", "Next article with hits";
    PrevArticleWithHits = "上一篇有结果的文章", "Previous article with hits";
    LastArticleWithHits = "已是最后一篇有结果的文章", "This is the last article with hits";
    FirstArticleWithHits = "已是第一篇有结果的文章", "This is the first article with hits";
    GroupsPlain = "分组", "Groups";
    OutlineTitle = "目录", "Outline";
    NoSections = "本文没有可识别的章节", "No sections found in this article";
    NoNextSection = "后面没有章节了", "No section after this";
    NoPrevSection = "前面没有章节了", "No section before this";
    NoJumpBack = "没有可返回的位置", "No earlier place to go back to";
    NoJumpForward = "没有更新的位置", "No later place to go forward to";
    CountFirst = "请先输入数字，如 50%", "Type a number first, as in 50%";
    MarkedRead = "已标为已读", "Marked read";
    MarkedUnread = "已标为未读", "Marked unread";
    NoUnread = "没有未读文章了", "No unread articles left";
    LastUnread = "这是最后一篇未读文章", "This is the last unread article";
    NoUnreadHere = "这个列表里没有其他未读文章了，别处还有", "No other unread articles in this list; there are some elsewhere";
    NothingToContinue = "还没有读过的文章", "Nothing read yet";
    OneGroupOnly = "只有一个分组", "There is only one group";
    SortGroups = "按分组", "by group";
    SortArchive = "原顺序", "archive order";
    SortDate = "按日期", "by date";
    SortTitle = "按标题", "by title";
    Paragraph = "段", "paragraph";
    Copied = "已复制本段到剪贴板", "Copied the paragraph to the clipboard";
    CopiedCitation = "已复制引用到剪贴板", "Copied a citation to the clipboard";
    NoMatch = "无匹配", "no match";
    NoSearch = "还没有搜索（按 / 搜索）", "No search yet (press / to search)";
    AmbiguousLabel = "歧义宽度字符", "Ambiguous-width characters";
    ModeNarrow = "单宽", "narrow";
    ModeWide = "双宽", "wide";
    SourceForced = "由选项设定", "set by option";
    SourceDetected = "终端检测结果", "detected from the terminal";
    SourceNoAnswer = "终端未应答，按单宽", "terminal did not answer; assumed";
    WrappedTop = "已到末尾，从开头继续", "Search wrapped to the top";
    WrappedBottom = "已到开头，从末尾继续", "Search wrapped to the bottom";
    ClipboardOff = "剪贴板已关闭（--no-clipboard）", "Clipboard is off (--no-clipboard)";
    NoProblems = "没有发现问题", "No problems found";
    ArchiveHeader = "档案本身", "the archive itself";
    Broken = "无法打开", "broken";
    UnknownDistrict = "（无区名）", "(no district)";
    NothingToReload = "内置的示例档案不会改变，无须重新读入", "The bundled sample does not change; nothing to reload";
    Reloading = "正在重新读入档案……", "Reading the archive again…";
    ReloadFailed = "档案文件改变了，但读不出（可能正在写入），仍显示原来的内容", "The archive file changed but cannot be read (still being written?); the old version stays";
    /// Short: it must fit a 40-column status line whole.
    QuitPrompt = "改动未能保存，仍要退出？（y/n）", "Not saved. Quit anyway? (y/n)";
    /// `y` or the date order on an archive whose articles have no dates.
    NoDatesInArchive = "本档案中没有日期", "No dates in this archive";
    NothingToMarkRead = "这里的文章都已读", "Every article here is read already";
    NothingToUndo = "没有可撤销的操作", "Nothing to undo";
    ReadMarksRestored = "已恢复原来的已读标记", "Read marks restored as they were";
    $($screens)*
    } };
}
pub(crate) use declare_msgs_with;

impl Msg {
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = self.pair();
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
