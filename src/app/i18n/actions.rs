//! What each action does, in both languages, for the help screen and the
//! default settings file.

use super::Lang;

/// What an action does, for the help screen: `(Chinese, English)`.
pub fn describe(action: &crate::app::Action, lang: Lang) -> &'static str {
    use crate::app::Action as A;
    let (zh, en) = match action {
        A::Quit => ("退出", "quit"),
        A::Back => (
            "返回上一层（最上层时退出）",
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
            "在此处添加书签（可写备注）",
            "bookmark this place (with an optional note)",
        ),
        A::Bookmarks => ("书签列表", "list of bookmarks"),
        A::Delete => ("删除书签", "delete the bookmark"),
        A::Undo => ("撤销删除", "undo the delete"),
        A::StartFilter => (
            "筛选文章（也可直接输入中文）",
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
            "在文中搜索（以 re: 开头为正则）",
            "search in the article (re: prefix for a regex)",
        ),
        A::ArchiveSearch => ("在全部文章中搜索", "search every article of the archive"),
        A::CycleYear => ("按年份筛选（逐年切换）", "narrow to one year (cycles)"),
        A::NextMatch => (
            "下一个匹配（全文搜索时接到下一篇）",
            "next match (on into the next article from a search)",
        ),
        A::PrevMatch => ("上一个匹配", "previous match"),
        A::Copy => (
            "复制本段到本地剪贴板（OSC 52）",
            "copy the paragraph to the local clipboard (OSC 52)",
        ),
        A::CopyCitation => (
            "复制引用（标题、章节、段落、来源、日期）",
            "copy a citation (title, section, paragraph, place, date)",
        ),
        A::NextSection => ("到下一节（任意层级）", "to the next section (any level)"),
        A::PrevSection => (
            "到本节开头，或上一节",
            "to the start of this section, or the one before",
        ),
        A::NextSameLevel => ("到同级的下一节", "to the next section at this level"),
        A::PrevSameLevel => ("到同级的上一节", "to the previous section at this level"),
        A::Outline => ("目录（章节列表）", "the outline (table of contents)"),
        A::Percent => (
            "数字后：到全文百分之几处",
            "after a number: that percent into the text",
        ),
        A::JumpBack => (
            "回到上次跳转前的位置",
            "back to where the last jump started",
        ),
        A::JumpOlder => ("跳转记录：往回", "jump list: back"),
        A::JumpNewer => ("跳转记录：往前", "jump list: forward"),
        A::ToggleRead => ("标为已读/未读", "mark read or unread"),
        A::NextUnread => ("打开下一篇未读文章", "open the next unread article"),
        A::ContinueReading => ("继续阅读上次读的文章", "continue the article read last"),
        A::Sort => (
            "排序（列表：原顺序、日期、标题；搜索结果：原顺序、命中数、日期）",
            "sort (lists: archive, date, title; search results: archive, hits, date)",
        ),
        A::ToggleGroups => ("显示/隐藏分组窗格", "show or hide the group pane"),
        A::Digit(_) => ("数字（计数）", "digit (count)"),
        A::Scroll(_) | A::Click(..) => ("鼠标", "mouse"),
        A::Problems => ("列出档案中的问题", "list the archive's problems"),
        A::Reload => (
            "重新读入档案文件（文件改变时也会自动读入）",
            "read the archive file again (done by itself when it changes)",
        ),
        A::Resize(..)
        | A::Tick(_)
        | A::Terminate
        | A::WidthMode(..)
        | A::Notice(_)
        | A::Saved(_)
        | A::Found(..)
        | A::IndexProgress(..)
        | A::IndexDone(_)
        | A::Reloaded(_)
        | A::ArticleLoaded(_)
        | A::SnippetsLoaded(_)
        | A::MarksChecked(_) => ("", ""),
    };
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}
