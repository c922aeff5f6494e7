//! Why an article cannot be read when it is opened, in words.

use std::fmt;
use std::sync::Arc;

use super::describe::Fault;
use super::{LoadError, Problem};
use crate::lang::Lang;

/// Why an article cannot be read.
#[derive(Debug, Clone)]
pub enum ArticleError {
    /// There is no article with this index.
    NoSuch(usize),
    /// Its id, title or district cannot be used (lenient reading).
    Broken { label: String, faults: Vec<Fault> },
    /// The file `file` (sanitised) is not what it was when it was opened:
    /// cut short, or rewritten in place.
    Changed { label: String, file: String },
    /// Its body is not UTF-8, or not JSON after all.
    Unreadable {
        label: String,
        error: Arc<LoadError>,
    },
    /// Strict reading: its problems, the first one placed.
    Invalid {
        first: Box<Problem>,
        more: Vec<Fault>,
    },
}

impl ArticleError {
    /// One line, for the status line, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let c = lang.colon();
        match self {
            ArticleError::NoSuch(i) => lang.pick(
                format!("没有第 {} 篇文章", i + 1),
                format!("no article #{}", i + 1),
            ),
            ArticleError::Broken { label, faults } => {
                let why: Vec<String> = faults.iter().map(|f| f.text(lang)).collect();
                let why = why.join(lang.semicolon());
                lang.pick(
                    format!("文章 {label} 无法打开{c}{why}"),
                    format!("article {label} cannot be opened: {why}"),
                )
            }
            ArticleError::Changed { label, file } => lang.pick(
                format!("文章 {label}{c}档案文件 {file} 在打开后已改变"),
                format!("article {label}: the archive file {file} changed since it was opened"),
            ),
            ArticleError::Unreadable { label, error } => {
                let what = lang.pick("文章", "article");
                format!("{what} {label}{c}{}", error.text(lang))
            }
            ArticleError::Invalid { first, more } => {
                let mut all = vec![first.text(lang)];
                all.extend(more.iter().map(|f| f.text(lang)));
                all.join(lang.semicolon())
            }
        }
    }
}

impl fmt::Display for ArticleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
