//! Load errors and validation problems, with messages meant for people.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::fault::{Fault, Kind};
use super::syntax_words::SyntaxMessage;
use crate::files::{FileKind, refused_kind};
use crate::lang::Lang;
use crate::text::sanitize::sanitize_line;

/// One schema problem found by validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where in the input: the file name (`a.json`), or `file:line` for a
    /// JSON Lines record. `None` from [`crate::model::validate`], which sees
    /// no files.
    pub location: Option<String>,
    /// The article's id, or `#3` (1-based position in its file, or in the
    /// archive for `validate`) when it has no usable id. Empty for problems
    /// of the archive itself (e.g. its title).
    pub article: String,
    pub message: Fault,
}

impl Problem {
    /// Where an article's problems are: `file`, or `file:line` for an
    /// article of a JSON Lines file (the line it starts on).
    pub(crate) fn place(file: &str, line: Option<usize>) -> String {
        match line {
            Some(line) => format!("{file}:{line}"),
            None => file.to_owned(),
        }
    }
}

impl Problem {
    /// `a.json: article zy-001: missing title`, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        let mut out = String::new();
        if let Some(location) = &self.location {
            out = format!("{location}{}", lang.colon());
        }
        out + &self.what(lang)
    }

    /// The problem without its file: `article zy-001: missing title`.
    pub fn what(&self, lang: Lang) -> String {
        let (colon, message) = (lang.colon(), self.message.text(lang));
        match (self.article.is_empty(), lang) {
            (true, Lang::Zh) => format!("档案{colon}{message}"),
            (true, Lang::En) => format!("archive{colon}{message}"),
            (false, Lang::Zh) => format!("文章 {}{colon}{message}", self.article),
            (false, Lang::En) => format!("article {}{colon}{message}", self.article),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// What stands where the format tag should be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatFound {
    /// A tag, quoted.
    Tag(String),
    /// A value that is not a string.
    Type(Kind),
}

/// Why an archive could not be loaded. Every variant names the file (or
/// directory) it is about.
#[derive(Debug)]
pub enum LoadError {
    /// The file or directory could not be read (missing, permission denied…).
    Io { path: PathBuf, source: io::Error },
    /// A FIFO, a device or a socket where an archive file or directory is
    /// expected: never read (it may never end, or never answer).
    NotRegular { path: PathBuf, kind: FileKind },
    /// The directory holds no `*.json` or `*.jsonl` file.
    NoArchives { path: PathBuf },
    /// The file is empty (or holds only whitespace).
    Empty { path: PathBuf },
    /// The bytes are not UTF-8; `offset` is the first bad byte (0-based).
    NotUtf8 {
        path: PathBuf,
        offset: usize,
        line: usize,
        column: usize,
    },
    /// The text is not JSON of the expected shape. `column` counts
    /// characters from 1; `message` says what was expected.
    Syntax {
        path: PathBuf,
        line: usize,
        column: usize,
        message: SyntaxMessage,
    },
    /// A single-file archive without the right `format` tag. `found` is the
    /// tag quoted, or its JSON type in parentheses; `None` when missing.
    Format {
        path: PathBuf,
        found: Option<FormatFound>,
    },
    /// Schema problems, all of them (see [`Problem`]), in an archive of
    /// `articles` articles.
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
        articles: usize,
    },
}

impl LoadError {
    /// The file or directory the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NotRegular { path, .. }
            | LoadError::NoArchives { path }
            | LoadError::Empty { path }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::Format { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

impl LoadError {
    /// The whole message in `lang`, naming the file (and line:column).
    pub fn text(&self, lang: Lang) -> String {
        // File names can hold control characters too.
        let path = sanitize_line(&self.path().display().to_string());
        let c = lang.colon();
        let zh = lang == Lang::Zh;
        match self {
            LoadError::Io { source, .. } => format!("{path}{c}{}", io_text(source, lang)),
            LoadError::NotRegular { kind, .. } => lang.pick(
                format!(
                    "{path}{c}不是普通文件（是{}）；档案是 .json 或 .jsonl 文件，或存放这些文件的目录",
                    kind.text(lang)
                ),
                format!(
                    "{path}: not a regular file ({}); an archive is a .json or .jsonl file, \
                     or a directory of them",
                    kind.text(lang)
                ),
            ),
            LoadError::NoArchives { .. } if zh => {
                format!("{path}{c}目录中没有档案文件（应有 *.json 或 *.jsonl 文件）")
            }
            LoadError::NoArchives { .. } => format!(
                "{path}: no archive files in this directory (expected *.json or *.jsonl files)"
            ),
            LoadError::Empty { .. } => {
                format!("{path}{c}{}", lang.pick("文件是空的", "the file is empty"))
            }
            LoadError::NotUtf8 {
                offset,
                line,
                column,
                ..
            } => format!("{path}:{line}:{column}{c}{}", not_utf8_text(*offset, lang)),
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => format!("{path}:{line}:{column}{c}{}", message.text(lang)),
            LoadError::Format { found, .. } => format!("{path}{c}{}", format_text(found, lang)),
            LoadError::Invalid { problems, .. } => {
                let n = problems.len();
                let s = if n == 1 { "" } else { "s" };
                let mut out = lang.pick(
                    format!("{path}{c}档案中有 {n} 个问题"),
                    format!("{path}: {n} problem{s} in the archive"),
                );
                for problem in problems {
                    out += &format!("\n  {}", problem.text(lang));
                }
                out
            }
        }
    }
}

/// A byte that is not UTF-8, and what to do about it.
pub(crate) fn not_utf8_text(offset: usize, lang: Lang) -> String {
    lang.pick(
        format!(
            "不是有效的 UTF-8（偏移 {offset} 处的字节有误）；档案必须是 UTF-8\
             （GBK/GB18030 文件请先转换，如 `iconv -f GB18030 -t UTF-8`）"
        ),
        format!(
            "not valid UTF-8 (bad byte at offset {offset}); archives must be UTF-8 \
             (convert GBK/GB18030 files first, e.g. `iconv -f GB18030 -t UTF-8`)"
        ),
    )
}

fn format_text(found: &Option<FormatFound>, lang: Lang) -> String {
    let tag = crate::model::FORMAT_TAG;
    match found {
        None => lang.pick(
            format!("缺少 \"format\" 字段：单文件档案必须以 `\"format\": \"{tag}\"` 开头"),
            format!(
                "missing \"format\" field: a single-file archive must start with \
                 \"format\": \"{tag}\""
            ),
        ),
        Some(found) => {
            let found = match found {
                FormatFound::Tag(t) => t.clone(),
                FormatFound::Type(k) => lang.pick(
                    format!("（{}）", k.text(lang)),
                    format!("({})", k.text(lang)),
                ),
            };
            lang.pick(
                format!("不支持的格式 {found}：此版本读取 \"{tag}\""),
                format!("unsupported format {found}: this version reads \"{tag}\""),
            )
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Plain words for the usual I/O failures; the system's text otherwise.
pub(crate) fn io_text(err: &io::Error, lang: Lang) -> String {
    if let Some(kind) = refused_kind(err) {
        let zh = format!("不是普通文件（是{}）", kind.text(lang));
        return lang.pick(zh, err.to_string());
    }
    let words = match err.kind() {
        io::ErrorKind::NotFound => lang.pick("没有这个文件或目录", "no such file or directory"),
        io::ErrorKind::PermissionDenied => lang.pick("没有权限", "permission denied"),
        io::ErrorKind::IsADirectory => lang.pick("是一个目录", "is a directory"),
        _ => return lang.pick(format!("无法读取：{err}"), format!("cannot read: {err}")),
    };
    words.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_display_names_location_and_article() {
        let p = Problem {
            location: Some("a.jsonl:7".into()),
            article: "#3".into(),
            message: super::super::fault::What::Missing("id").into(),
        };
        assert_eq!(p.to_string(), "a.jsonl:7: article #3: missing id");
        let q = Problem {
            location: None,
            article: String::new(),
            message: super::super::fault::What::Missing("title").into(),
        };
        assert_eq!(q.to_string(), "archive: missing title");
        assert_eq!(p.text(Lang::Zh), "a.jsonl:7：文章 #3：缺少 id 字段");
    }

    #[test]
    fn invalid_lists_every_problem() {
        let p = |a: &str| Problem {
            location: Some("x.json".into()),
            article: a.into(),
            message: super::super::fault::What::EmptyBody.into(),
        };
        let e = LoadError::Invalid {
            path: "x.json".into(),
            problems: vec![p("a"), p("b")],
            articles: 2,
        };
        assert_eq!(
            e.to_string(),
            "x.json: 2 problems in the archive\n  x.json: article a: empty body: an article \
             needs at least one block\n  x.json: article b: empty body: an article needs at \
             least one block"
        );
    }

    #[test]
    fn io_errors_are_plain() {
        let e = LoadError::Io {
            path: "gone.json".into(),
            source: io::Error::from(io::ErrorKind::NotFound),
        };
        assert_eq!(e.to_string(), "gone.json: no such file or directory");
        let e = LoadError::Io {
            path: "locked.json".into(),
            source: io::Error::from(io::ErrorKind::PermissionDenied),
        };
        assert_eq!(e.to_string(), "locked.json: permission denied");
    }
}
