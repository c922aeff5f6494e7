//! Errors in the config file, each located by line and column.

use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

use crate::lang::Lang;

/// One thing wrong in the file, at a 1-based line and column (columns count
/// characters, not bytes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Why the settings could not be loaded.
#[derive(Debug)]
pub enum ConfigError {
    /// The file could not be read (an explicitly named file that does not
    /// exist included; a missing file at the default place is no error).
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file was read but is not a valid config: every problem found,
    /// in file order.
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
}

impl ConfigError {
    /// The problems of an invalid file (empty for a read error).
    pub fn problems(&self) -> &[Problem] {
        match self {
            ConfigError::Read { .. } => &[],
            ConfigError::Invalid { problems, .. } => problems,
        }
    }
}

impl ConfigError {
    /// The error in `lang` (the problems are in the language they were
    /// found in: see `Config::parse_in`).
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ConfigError::Read { path, source }, Lang::Zh) => {
                let why = crate::model::io_text(source, lang);
                format!("无法读取设置文件 {}：{why}", path.display())
            }
            _ => self.to_string(),
        }
    }
}

impl fmt::Display for ConfigError {
    /// `PATH:LINE:COLUMN: message`, one line per problem.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Read { path, source } => {
                write!(
                    f,
                    "cannot read the config file {}: {source}",
                    path.display()
                )
            }
            ConfigError::Invalid { path, problems } => {
                for (i, p) in problems.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(
                        f,
                        "{}:{}:{}: {}",
                        path.display(),
                        p.line,
                        p.column,
                        p.message
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ConfigError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ConfigError::Read { source, .. } => Some(source),
            ConfigError::Invalid { .. } => None,
        }
    }
}

/// The 1-based line and character column of byte `offset` in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Turns located messages into problems: sorted by position, one per
/// position (the first said), lines and columns counted in `text`.
pub fn problems(text: &str, mut found: Vec<(Range<usize>, String)>) -> Vec<Problem> {
    found.sort_by_key(|(span, _)| span.start);
    found.dedup_by_key(|(span, _)| span.start);
    found
        .into_iter()
        .map(|(span, message)| {
            let (line, column) = line_column(text, span.start);
            Problem {
                line,
                column,
                message,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let text = "a = 1\n# 注释\nb = 2";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 4), (1, 5));
        assert_eq!(line_column(text, 6), (2, 1));
        let b = text.find('b').unwrap();
        assert_eq!(line_column(text, b), (3, 1));
        let zhu = text.find('注').unwrap();
        assert_eq!(
            line_column(text, zhu + 3),
            (2, 4),
            "one column per character"
        );
        assert_eq!(line_column(text, zhu + 1), (2, 3), "inside a character");
        assert_eq!(line_column(text, 999), (3, 6), "past the end");
    }

    #[test]
    fn display_names_file_line_and_column() {
        let e = ConfigError::Invalid {
            path: "/x/config.toml".into(),
            problems: problems("\n\nab", vec![(3..4, "bad".into()), (0..1, "worse".into())]),
        };
        assert_eq!(
            e.to_string(),
            "/x/config.toml:1:1: worse\n/x/config.toml:3:2: bad"
        );
    }
}
