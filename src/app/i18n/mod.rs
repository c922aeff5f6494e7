//! Every user-interface string, in Chinese and English, in one table.
//!
//! Strings avoid East Asian Ambiguous characters (“ ” … — ·) so the chrome
//! lines up on terminals that draw those two columns wide.

pub use crate::lang::Lang;

mod actions;
mod formats;
mod messages;
mod notices;

pub use super::screens::table::{ALL, Msg};
pub use actions::describe;
pub use formats::{
    article_changed, article_gone, continue_reading, marked_all_read, problems_line,
    problems_short, reload_failed, reloaded,
};
pub(crate) use messages::{declare_msgs, declare_msgs_with};
pub use notices::notice;

/// Every formatted message in `lang` (see `formats`).
pub fn formatted_examples(lang: Lang) -> Vec<String> {
    formats::examples(lang)
}

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

/// `18 hits/3 articles` / `3 篇 18 处`: the totals where room is short.
pub fn hits_in_articles_short(lang: Lang, hits: usize, articles: usize) -> String {
    match lang {
        Lang::Zh => format!("{articles} 篇 {hits} 处"),
        Lang::En => {
            let h = if hits == 1 { "hit" } else { "hits" };
            let a = if articles == 1 { "article" } else { "articles" };
            format!("{hits} {h}/{articles} {a}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
