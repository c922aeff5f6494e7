//! Messages with numbers or names in them, in both languages. Like the
//! tables in `messages.rs` and `screens/table.rs`, free of East Asian
//! Ambiguous punctuation so the status line lines up in wide mode.

use super::Lang;

/// `3 problems - press ! to see`: the status line's note of problems.
pub fn problems_line(lang: Lang, count: usize, key: &str) -> String {
    match lang {
        Lang::Zh => format!("{count} 个问题，按 {key} 查看"),
        Lang::En => {
            let s = if count == 1 { "" } else { "s" };
            format!("{count} problem{s} - press {key} to see")
        }
    }
}

/// `3 problems (!)`: the note of problems where room is short.
pub fn problems_short(lang: Lang, count: usize, key: &str) -> String {
    match lang {
        Lang::Zh => format!("{count} 个问题（{key}）"),
        Lang::En => {
            let s = if count == 1 { "" } else { "s" };
            format!("{count} problem{s} ({key})")
        }
    }
}

/// After the archive was read again: how many articles came and went.
pub fn reloaded(lang: Lang, added: usize, removed: usize) -> String {
    match lang {
        Lang::Zh => format!("已重新读入档案：新增 {added} 篇，移除 {removed} 篇"),
        Lang::En => format!("Archive read again: {added} new, {removed} gone"),
    }
}

/// The open article is no longer in the archive.
pub fn article_gone(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("文章《{title}》已不在档案中"),
        Lang::En => format!("The article [{title}] is no longer in the archive"),
    }
}

/// The status line when the archive changed but cannot be read (the
/// problems view says why).
pub fn reload_failed(lang: Lang, key: &str) -> String {
    match lang {
        Lang::Zh => format!("档案已改变但还读不出，仍显示原来的内容（按 {key} 看原因）"),
        Lang::En => format!(
            "The archive changed but cannot be read yet; the old version stays ({key}: why)"
        ),
    }
}

/// Article `label`'s bytes are no longer those its listing was read
/// from: `key` reads the archive again. Short: it must fit a status line.
pub fn article_changed(lang: Lang, label: &str, key: &str) -> String {
    match lang {
        Lang::Zh => format!("文章 {label} 在档案读入后已改变，按 {key} 重新读取"),
        Lang::En => format!("Article {label} changed on disk; {key} reads it again"),
    }
}

/// At start-up, the article read last was left unfinished: `key`
/// continues it. Named by its title, or by its id when it has none.
pub fn continue_reading(lang: Lang, key: &str, title: &str, id: &str) -> String {
    match (lang, title.trim().is_empty()) {
        (Lang::Zh, false) => format!("按 {key} 继续阅读《{title}》"),
        (Lang::Zh, true) => format!("按 {key} 继续阅读文章 {id}"),
        (Lang::En, false) => format!("Press {key} to continue reading 《{title}》"),
        (Lang::En, true) => format!("Press {key} to continue reading article {id}"),
    }
}

/// Every article of a list marked read at once: how many, and the key
/// that undoes it.
pub fn marked_all_read(lang: Lang, count: usize, key: &str) -> String {
    match lang {
        Lang::Zh => format!("已将 {count} 篇文章标为已读，按 {key} 撤销"),
        Lang::En => {
            let s = if count == 1 { "" } else { "s" };
            format!("Marked {count} article{s} read, {key} to undo")
        }
    }
}

/// Every formatted message, for the test that walks them all.
pub fn examples(lang: Lang) -> Vec<String> {
    vec![
        problems_line(lang, 1, "!"),
        problems_line(lang, 3, "!"),
        problems_short(lang, 3, "!"),
        reloaded(lang, 1, 0),
        article_changed(lang, "a1", "R"),
        article_gone(lang, "T"),
        reload_failed(lang, "!"),
        continue_reading(lang, "C", "T", "a1"),
        continue_reading(lang, "C", "", "a1"),
        marked_all_read(lang, 3, "u"),
        super::hits_in_articles(lang, 18, 3),
    ]
}
