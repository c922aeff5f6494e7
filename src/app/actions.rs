//! Every action, declared once: its variant, its name in the settings
//! file and the help, what it does in both languages, and whether a user
//! can bind it to keys. `Action`, `Action::KEYED`, `name()`, `describe()`
//! and `is_machine()` are generated ([`declare_actions`]) from this table
//! and the actions that open a screen, which are declared with their
//! screen in the screen table (`screens/table.rs`, which expands
//! [`declare_actions_with`]; so `Action` is defined there). An action
//! cannot be added without its name and descriptions, and no list of
//! actions is kept by hand elsewhere.

/// Declares [`Action`] from three groups: `keys` (commands without data,
/// each bindable in the settings file's `[keys]`), `typed` (what the user
/// types or clicks, carrying it) and `machine` (what the run loop and the
/// workers report; never bound, never described, and never clearing the
/// status line or a pending count).
macro_rules! declare_actions {
    (
        keys { $( $(#[$ka:meta])* $k:ident = $kname:literal, $kzh:literal, $ken:literal; )* }
        typed { $( $(#[$ta:meta])* $t:ident ( $($tf:ty),* ) = $tname:literal, $tzh:literal, $ten:literal; )* }
        machine { $( $(#[$ma:meta])* $m:ident $( ( $($mf:ty),* ) )? = $mname:literal; )* }
    ) => {
        /// A state change. Commands bound to keys carry no data; the rest
        /// are produced by the event loop.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Action {
            $( $(#[$ka])* $k, )*
            $( $(#[$ta])* $t($($tf),*), )*
            $( $(#[$ma])* $m $( ($($mf),*) )?, )*
        }

        impl Action {
            /// Every action a user can bind, in declaration order.
            pub const KEYED: &'static [Action] = &[$(Action::$k),*];

            /// The stable name used in the help screen and the settings
            /// file.
            pub fn name(&self) -> &'static str {
                match self {
                    $( Action::$k => $kname, )*
                    $( Action::$t { .. } => $tname, )*
                    $( Action::$m { .. } => $mname, )*
                }
            }

            /// What it does, for the help screen and the default settings
            /// file (empty for what the machine does).
            pub fn describe(&self, lang: $crate::lang::Lang) -> &'static str {
                let (zh, en) = match self {
                    $( Action::$k => ($kzh, $ken), )*
                    $( Action::$t { .. } => ($tzh, $ten), )*
                    $( Action::$m { .. } => ("", ""), )*
                };
                match lang {
                    $crate::lang::Lang::Zh => zh,
                    $crate::lang::Lang::En => en,
                }
            }

            /// Whether the machine (the run loop, a worker) sent it, not
            /// the user.
            pub fn is_machine(&self) -> bool {
                matches!(self, $( Action::$m { .. } )|*)
            }
        }
    };
}
pub(crate) use declare_actions;

/// The actions that open no screen, handed to [`declare_actions`] with
/// the screens' own (`$openers`, from the screen table,
/// `screens/table.rs`), so `Action` is one enum declared in two places
/// that each hold what belongs to them.
macro_rules! declare_actions_with {
    ($($openers:tt)*) => { $crate::app::actions::declare_actions! {
    keys {
        Quit = "quit", "退出", "quit";
        /// Stop as Ctrl-Z does in a shell: the terminal goes back to the
        /// shell until `fg` (not in a session served over SSH).
        Suspend = "suspend", "暂停，回到 shell（用 fg 回来）", "suspend to the shell (fg comes back)";
        /// Back out one level; at the top, quit.
        Back = "back", "返回上一层（最上层时退出）", "back out one level (quit at the top)";
        /// Back out one level; at the top, nothing.
        Cancel = "cancel", "返回上一层", "back out one level";
        Up = "up", "上移一行", "up one line";
        Down = "down", "下移一行", "down one line";
        PageUp = "page-up", "上一页", "page up";
        PageDown = "page-down", "下一页", "page down";
        HalfPageUp = "half-page-up", "上移半页", "half a page up";
        HalfPageDown = "half-page-down", "下移半页", "half a page down";
        Top = "top", "到开头", "to the top";
        Bottom = "bottom", "到末尾", "to the end";
        Open = "open", "打开文章", "open the article";
        NextPane = "next-pane", "切换窗格", "switch pane";
        FocusGroups = "focus-groups", "到街道窗格", "to the group pane";
        FocusArticles = "focus-articles", "到文章窗格", "to the article list";
        PrevArticle = "prev-article", "本组上一篇", "previous article in the group";
        NextArticle = "next-article", "本组下一篇", "next article in the group";
        StartFilter = "filter", "筛选文章（也可直接输入中文）", "filter the list (or just type Chinese)";
        /// Bookmark the top of the view (asks for an optional note).
        AddBookmark = "add-bookmark", "在此处添加书签（可写备注）", "bookmark this place (with an optional note)";
        Delete = "delete", "删除书签", "delete the bookmark";
        Undo = "undo", "撤销删除", "undo the delete";
        /// Open the in-article search prompt.
        Search = "search", "在文中搜索（以 re: 开头为正则）", "search in the article (re: prefix for a regex)";
        /// Results: the next year facet (all, then each year with hits).
        CycleYear = "year", "按年份筛选（逐年切换）", "narrow to one year (cycles)";
        NextMatch = "next-match", "下一个匹配（全文搜索时接到下一篇）", "next match (on into the next article from a search)";
        PrevMatch = "prev-match", "上一个匹配", "previous match";
        /// Copy the current paragraph to the local clipboard.
        Copy = "copy", "复制本段到本地剪贴板（OSC 52）", "copy the paragraph to the local clipboard (OSC 52)";
        /// Copy a citation: title, section, paragraph, place and date.
        CopyCitation = "copy-citation", "复制引用（标题、章节、段落、来源、日期）", "copy a citation (title, section, paragraph, place, date)";
        /// The next section start (any level); a count repeats it.
        NextSection = "next-section", "到下一节（任意层级）", "to the next section (any level)";
        /// The start of the section the view is in, or of the one before.
        PrevSection = "prev-section", "到本节开头，或上一节", "to the start of this section, or the one before";
        /// The next section at the current section's level (or higher).
        NextSameLevel = "next-same-level", "到同级的下一节", "to the next section at this level";
        /// The previous section at the current section's level (or higher).
        PrevSameLevel = "prev-same-level", "到同级的上一节", "to the previous section at this level";
        /// The article's outline (table of contents).
        Outline = "outline", "目录（章节列表）", "the outline (table of contents)";
        /// `NN%`: a count percent of the way into the article.
        Percent = "percent", "数字后：到全文百分之几处", "after a number: that percent into the text";
        /// `''`: back to where the last jump started (again: back again).
        JumpBack = "jump-back", "回到上次跳转前的位置", "back to where the last jump started";
        /// Ctrl-o: to the place before, in the article's jump list.
        JumpOlder = "jump-older", "跳转记录：往回", "jump list: back";
        /// Ctrl-i: forward again in the article's jump list.
        JumpNewer = "jump-newer", "跳转记录：往前", "jump list: forward";
        /// Toggle an article's read mark.
        ToggleRead = "toggle-read", "标为已读/未读", "mark read or unread";
        /// Mark every article of the list shown (the group, filtered) read.
        MarkAllRead = "mark-all-read", "本列表的文章全部标为已读（可撤销）", "mark every article in the list read (undoable)";
        /// Open the next article not yet read.
        NextUnread = "next-unread", "打开下一篇未读文章", "open the next unread article";
        /// Open the article read last, where reading stopped.
        ContinueReading = "continue-reading", "继续阅读上次读的文章", "continue the article read last";
        /// Cycle the article list's order: archive, date, title.
        Sort = "sort", "排序（列表：原顺序、日期、标题；搜索结果：原顺序、命中数、日期）", "sort (lists: archive, date, title; search results: archive, hits, date)";
        /// Hide or show the group pane.
        ToggleGroups = "toggle-groups", "显示/隐藏分组窗格", "show or hide the group pane";
        InputBackspace = "input-backspace", "删除光标前一个字", "delete the character before the cursor";
        InputDelete = "input-delete", "删除光标处的字", "delete the character under the cursor";
        InputLeft = "input-left", "光标左移", "cursor left";
        InputRight = "input-right", "光标右移", "cursor right";
        InputHome = "input-home", "光标到行首", "cursor to the start";
        InputEnd = "input-end", "光标到行尾", "cursor to the end";
        /// Delete the word before the cursor.
        InputDeleteWord = "input-delete-word", "删除光标前一个词", "delete the word before the cursor";
        /// Delete everything before the cursor.
        InputClear = "input-clear", "删除光标前全部文字", "delete everything before the cursor";
        /// Recall the prompt's previous entry (its history, kept in the state file).
        InputOlder = "input-older", "上一条输入记录", "older entry of the prompt's history";
        /// Recall the next entry, back to what was being typed.
        InputNewer = "input-newer", "下一条输入记录", "newer entry of the prompt's history";
        InputAccept = "input-accept", "确定", "accept";
        InputCancel = "input-cancel", "取消", "cancel";
        /// Read the archive file again now.
        Reload = "reload", "重新读入档案文件（文件改变时也会自动读入）", "read the archive file again (done by itself when it changes)";
        $($openers)*
    }
    typed {
        /// A digit of a count typed before a motion (`5j`, `50%`).
        Digit(u8) = "count", "数字（计数）", "digit (count)";
        /// Mouse wheel: lines to scroll (negative: up).
        Scroll(i16) = "scroll", "鼠标", "mouse";
        /// Mouse click at a screen cell.
        Click(u16, u16) = "click", "鼠标", "mouse";
        /// Text input: type a character.
        Input(char) = "input", "输入", "type";
        Paste(String) = "paste", "输入", "type";
    }
    machine {
        Resize(u16, u16) = "resize";
        /// The clock: time since the session started, as the run loop read
        /// it (before each event, and when nothing came in time while a save
        /// is pending). `update` never reads a clock of its own.
        Tick(std::time::Duration) = "tick";
        /// The ambiguous-width mode, as the start-up probe found it.
        WidthMode($crate::text::WidthMode, $crate::app::WidthSource) = "width-mode";
        /// A message for the status line (e.g. a state-file notice at start-up).
        Notice(String) = "notice";
        /// A save (or refresh) the app asked for has finished.
        Saved($crate::store::SaveOutcome) = "saved";
        /// Results of archive search number `.0`.
        Found(u64, $crate::find::Batch) = "found";
        /// The search index is being built: articles done, of all.
        IndexProgress(usize, usize) = "index-progress";
        /// The search index is ready (or could not be built: why).
        IndexDone(Result<$crate::app::finder::IndexHandle, String>) = "index-done";
        Terminate = "terminate";
        /// The archive was read again (the file changed, or `Reload`).
        Reloaded($crate::app::reload::Reloaded) = "reloaded";
        /// An article's body, read as asked (`Effect::LoadArticle`).
        ArticleLoaded($crate::app::effect::ArticleLoaded) = "article-loaded";
        /// Snippets of search results (`Effect::LoadSnippets`).
        SnippetsLoaded($crate::app::effect::SnippetsLoaded) = "snippets-loaded";
        /// Which bookmarks lost their text (`Effect::CheckMarks`).
        MarksChecked($crate::app::effect::MarksChecked) = "marks-checked";
        /// The list filter's index (`Effect::IndexTitles`).
        TitlesIndexed($crate::app::list_filter::TitlesHandle) = "titles-indexed";
    }
    } };
}
pub(crate) use declare_actions_with;
