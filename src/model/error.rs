//! Load errors and validation problems, with messages meant for people.

use std::fmt;
use std::io;
use std::path::PathBuf;

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
    pub message: String,
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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(location) = &self.location {
            write!(f, "{location}: ")?;
        }
        if self.article.is_empty() {
            write!(f, "archive: {}", self.message)
        } else {
            write!(f, "article {}: {}", self.article, self.message)
        }
    }
}

/// Why an archive could not be loaded. Every variant names the file (or
/// directory) it is about.
#[derive(Debug)]
pub enum LoadError {
    /// The file or directory could not be read (missing, permission denied…).
    Io { path: PathBuf, source: io::Error },
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
        message: String,
    },
    /// A single-file archive without the right `format` tag. `found` is the
    /// tag quoted, or its JSON type in parentheses; `None` when missing.
    Format {
        path: PathBuf,
        found: Option<String>,
    },
    /// Schema problems, all of them (see [`Problem`]).
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// The file or directory the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            LoadError::Io { path, .. }
            | LoadError::NoArchives { path }
            | LoadError::Empty { path }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::Format { path, .. }
            | LoadError::Invalid { path, .. } => path,
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // File names can hold control characters too.
        let path = sanitize_line(&self.path().display().to_string());
        match self {
            LoadError::Io { source, .. } => write!(f, "{path}: {}", io_text(source)),
            LoadError::NoArchives { .. } => write!(
                f,
                "{path}: no archive files in this directory (expected *.json or *.jsonl files)"
            ),
            LoadError::Empty { .. } => write!(f, "{path}: the file is empty"),
            LoadError::NotUtf8 {
                offset,
                line,
                column,
                ..
            } => write!(
                f,
                "{path}:{line}:{column}: not valid UTF-8 (bad byte at offset {offset}); \
                 archives must be UTF-8 (convert GBK/GB18030 files first, \
                 e.g. `iconv -f GB18030 -t UTF-8`)"
            ),
            LoadError::Syntax {
                line,
                column,
                message,
                ..
            } => write!(f, "{path}:{line}:{column}: {message}"),
            LoadError::Format { found: None, .. } => write!(
                f,
                "{path}: missing \"format\" field: a single-file archive must start with \
                 \"format\": \"{}\"",
                super::FORMAT_TAG
            ),
            LoadError::Format {
                found: Some(tag), ..
            } => write!(
                f,
                "{path}: unsupported format {tag}: this version reads \"{}\"",
                super::FORMAT_TAG
            ),
            LoadError::Invalid { problems, .. } => {
                let n = problems.len();
                let s = if n == 1 { "" } else { "s" };
                write!(f, "{path}: {n} problem{s} in the archive")?;
                for problem in problems {
                    write!(f, "\n  {problem}")?;
                }
                Ok(())
            }
        }
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

/// Plain words for the usual I/O failures; the OS text otherwise.
fn io_text(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => format!("cannot read: {err}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problem_display_names_location_and_article() {
        let p = Problem {
            location: Some("a.jsonl:7".into()),
            article: "#3".into(),
            message: "missing id".into(),
        };
        assert_eq!(p.to_string(), "a.jsonl:7: article #3: missing id");
        let q = Problem {
            location: None,
            article: String::new(),
            message: "missing title".into(),
        };
        assert_eq!(q.to_string(), "archive: missing title");
    }

    #[test]
    fn invalid_lists_every_problem() {
        let p = |a: &str| Problem {
            location: Some("x.json".into()),
            article: a.into(),
            message: "empty body".into(),
        };
        let e = LoadError::Invalid {
            path: "x.json".into(),
            problems: vec![p("a"), p("b")],
        };
        assert_eq!(
            e.to_string(),
            "x.json: 2 problems in the archive\n  x.json: article a: empty body\n  \
             x.json: article b: empty body"
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
