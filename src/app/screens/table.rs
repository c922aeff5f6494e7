//! The declaration of every screen, overlay and prompt: one entry each,
//! holding all there is to say about it. An entry has
//! - `opens`: the action that opens it from anywhere, if one does, with
//!   its name in the settings file and what it does in both languages
//!   (it becomes a variant of `Action`);
//! - `strings`: the texts only it uses, in both languages (variants of
//!   `Msg`): its help section's title, its key hints, its help notes;
//! - `row`: its [`ScreenInfo`]: the bindings in force there, where it sits
//!   and where its keys go, the keys it brings, its hints and notes.
//!
//! Above the screens, `contexts` names each set of bindings
//! (`[keys.NAME]` in the settings file) with the words `docs/config.md`
//! says about it. `Screen`, `Context`, `SCREENS`, `info()`, and (with the
//! tables in `actions.rs` and `i18n/messages.rs`) `Action` and `Msg` are
//! generated from this file by `declare_screens!` (`declare.rs`).
//!
//! A new screen: an entry here (and a context line, if it has keys of its
//! own), its state and key handling in `app/`, its draw function in
//! `ui/`. The help, the hints, the settings file and the table in
//! `docs/config.md` follow (`BULLETIN_BLESS=1 cargo test --test it docs`
//! rewrites the table).

use super::{Layer, Opener, ScreenInfo, Under, hint};
use crate::app::App;

declare_screens! {
    contexts {
        Global = "global", "";
        Browse = "browse", "the article list";
        Reader = "reader", "an open article";
        Help = "help", "the help overlay";
        /// The bookmark list.
        Marks = "bookmarks", "the bookmark list";
        /// The archive search's results.
        Results = "results", "the archive search's results";
        /// The outline (table of contents) over an article.
        Outline = "outline", "the outline over an article";
        /// Any text prompt or filter has the focus.
        Input = "input", "while typing in any prompt: a list filter, the search, a bookmark note";
        /// The list of the archive's problems.
        Problems = "problems", "the list of the archive's problems, `!`";
    }
    screens {
        Browse {
            strings {
                ScreenBrowse = "浏览", "Browse";
                HintPane = "切换", "pane";
                HintQuit = "退出", "quit";
                HintChooser = "档案列表", "archives";
                SaySortList = "排序（轮换：按分组、原顺序、日期、标题）", "sort the list (in turn: by group, archive order, date, title)";
                SayUndoMarkAll = "撤销刚才的全部标为已读", "undo marking the whole list read";
            }
            row {
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
            }
        }
        Read {
            strings {
                ScreenReader = "阅读", "Reader";
                HintPrevNext = "上/下一篇", "prev/next";
                HintSearch = "搜索", "search";
                HintOutline = "目录", "outline";
                NoteCount = "动作前可加数字：5j 下移5行，3} 后移3节，50% 到一半处，120g 到第120行", "A count before a motion: 5j, 3} (sections), 50% (of the text), 120g (line)";
                NoteJumps = "跳转（g G % 章节 目录 搜索 书签）不算阅读，不移动保存的阅读位置", "Jumps (g G % sections outline search bookmarks) do not count as reading";
                NoteJumpBack = "''（' 两次）或 ` 回到上次跳转前；Ctrl-o/Ctrl-i 在跳转记录中前后移动", "'' or ` go back to before the last jump; Ctrl-o/Ctrl-i walk all the jumps";
            }
            row {
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
            }
        }
        Bookmarks {
            opens {
                /// The list of every bookmark in the archive.
                Bookmarks = "bookmarks", "书签列表", "list of bookmarks";
            }
            strings {
                ScreenMarks = "书签列表", "Bookmark list";
                HintDelete = "删除", "delete";
                HintUndo = "撤销", "undo";
                SayOpenMark = "打开文章，到书签处", "open the article at the bookmark";
                SayFilterMarks = "筛选书签（也可直接输入中文）", "filter the bookmarks (or just type Chinese)";
            }
            row {
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
            }
        }
        /// The archive search's results.
        Results {
            opens {
                /// Search the whole archive (opens the results with their prompt).
                ArchiveSearch = "archive-search", "在全部文章中搜索", "search every article of the archive";
            }
            strings {
                ScreenResults = "全文搜索结果", "Archive search results";
                HintEditSearch = "改搜索词", "edit search";
                HintOrder = "排序", "order";
                HintYear = "年份", "year";
                NoteResults = "左栏选街道可缩小范围；每条结果下为最佳片段", "Pick a subdistrict on the left to narrow; each result shows its best snippet";
                SaySortResults = "排序（轮换：原顺序、命中数、日期）", "sort the results (in turn: archive order, most hits, date)";
                SayEditSearch = "修改搜索词", "edit the search";
            }
            row {
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
            }
        }
        /// Typing an archive-wide search.
        Find {
            strings {
                ScreenFind = "全文搜索输入", "Archive search prompt";
                NoteFind = "在全部文章中随输入查找，与文中搜索同样匹配（简繁、全半角、re: 正则）", "Searches every article as you type, matching as the in-article search does (both scripts, full and half width, re:)";
                NoteFacets = "限定：subdistrict:名称 district:名称 after:2020-01-01 before:2021", "Narrow with subdistrict:NAME district:NAME after:2020-01-01 before:2021";
            }
            row {
                context: Context::Input,
                layer: Layer::Modal,
                opener: None,
                keys: &[],
                title: Msg::ScreenFind,
                hints: &[],
                notes: &[Msg::NoteFind, Msg::NoteFacets],
                says: &[],
            }
        }
        /// The outline (table of contents) over an article.
        Outline {
            strings {
                ScreenOutline = "目录", "Outline";
                HintJump = "跳转", "jump";
                NoteOutline = "> 标出当前所在章节；直接输入文字筛选（拼音请先按 /）", "> marks the section being read; type to filter (/ first for pinyin)";
                SayJumpToSection = "跳到该节", "jump to the section";
                SayFilterSections = "筛选章节（也可直接输入中文）", "filter the sections (or just type Chinese)";
                SayCloseOutline = "关闭目录", "close the outline";
            }
            row {
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
            }
        }
        /// Typing a list filter (article list or bookmark list).
        Filter {
            strings {
                ScreenFilter = "筛选输入", "Filter prompt";
                NoteFilter = "列表随输入筛选；Enter 保留筛选，Esc 清除", "The list narrows as you type; Enter keeps the filter, Esc clears it";
            }
            row {
                context: Context::Input,
                layer: Layer::Modal,
                opener: None,
                keys: &[],
                title: Msg::ScreenFilter,
                hints: &[],
                notes: &[Msg::NoteFilter],
                says: &[],
            }
        }
        /// Typing an in-article search.
        Search {
            strings {
                ScreenSearch = "文中搜索输入", "Search prompt";
                NoteSearch = "随输入查找；以 re: 开头为正则；Enter 保留结果，Esc 回到原处", "Matches as you type; re: starts a regex; Enter keeps them, Esc goes back";
            }
            row {
                context: Context::Input,
                layer: Layer::Modal,
                opener: None,
                keys: &[],
                title: Msg::ScreenSearch,
                hints: &[],
                notes: &[Msg::NoteSearch],
                says: &[],
            }
        }
        /// Typing a bookmark's note.
        Note {
            strings {
                ScreenNote = "书签备注输入", "Bookmark note prompt";
                NoteNote = "Enter 保存书签（备注可空），Esc 不加书签", "Enter saves the bookmark (the note may be empty); Esc adds none";
            }
            row {
                context: Context::Input,
                layer: Layer::Modal,
                opener: None,
                keys: &[],
                title: Msg::ScreenNote,
                hints: &[],
                notes: &[Msg::NoteNote],
                says: &[],
            }
        }
        /// The archive's problems.
        Problems {
            opens {
                /// The list of the archive's problems.
                Problems = "problems", "列出档案中的问题", "list the archive's problems";
            }
            strings {
                ScreenProblems = "档案中的问题", "Problems in the archive";
                HintReload = "重新读入", "reload";
                NoteProblems = "能读的部分照常显示：空白的块略去，读不出的块以方括号标出；坏了的文章列出但打不开。Enter 打开问题所在的文章", "What can be read is shown: blank blocks are left out, unreadable ones marked in brackets; broken articles are listed but cannot be opened. Enter opens the article of a problem";
                SayOpenProblem = "打开问题所在的文章", "open the article with the problem";
            }
            row {
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
            }
        }
        /// Asked whether to quit although saving failed.
        Quit {
            strings {
                ScreenQuit = "未保存时退出", "Quitting with unsaved changes";
                NoteQuit = "退出时会列出未保存的内容，并把副本写入缓存或临时目录", "On the way out, what was not saved is listed and a copy is written to the cache or temporary directory";
            }
            row {
                context: Context::Input,
                layer: Layer::Modal,
                opener: None,
                keys: &[],
                title: Msg::ScreenQuit,
                hints: &[],
                notes: &[Msg::NoteQuit],
                says: &[],
            }
        }
        Help {
            opens {
                ToggleHelp = "help", "显示/关闭帮助", "show or close this help";
            }
            strings {
                ScreenHelp = "帮助", "Help";
                HintClose = "关闭", "close";
                HintScroll = "滚动", "scroll";
            }
            row {
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
            }
        }
    }
}
