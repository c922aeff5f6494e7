//! `bulletin import`: plain-text bulletins into archives. Terminal-free.
//!
//! The pipeline is pure except at its ends:
//! [`decode`] (bytes -> text) -> [`parse_bulletin`] (text -> articles and a
//! recognition [`Report`]) -> [`merge`] (into a new or existing archive, ids
//! unique and stable) -> [`write_archive_atomic`]. [`run`] is the command.
//! The recognition rules are documented in `docs/import.md`.

mod build;
mod cli;
mod date;
mod decode;
pub mod front;
pub mod lines;
mod merge;
mod para;
mod parse;
mod punct;
mod report;
mod say;
pub mod speech;
mod write;

use std::fmt;
use std::path::PathBuf;

use crate::lang::Lang;

pub use cli::{ImportArgs, run, run_with};
pub use decode::{Decoded, decode};
pub use merge::{MergeOptions, MergeReport, article_id, merge};
pub use parse::{Parsed, parse_bulletin};
pub use punct::normalize_punctuation;
pub use report::{ArticleReport, Event, Front, Report, Warning};
pub use say::message_examples;
pub use write::{to_json, write_archive_atomic};

/// What the parser needs to know besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// The district (区) of every article; when absent it is taken from a
    /// lead title such as `中原区：…`, else parsing fails.
    pub district: Option<String>,
    /// ISO date (`YYYY-MM-DD`) given to every article.
    pub date: Option<String>,
    /// Source given to every article.
    pub source: Option<String>,
    /// Extra subdistrict names recognised at the start of section heads.
    pub subdistricts: Vec<String>,
    /// ASCII `, ; : ( )` between Chinese characters -> full-width.
    pub normalize_punctuation: bool,
}

/// Everything that can stop an import. Displayed as one clear sentence.
#[derive(Debug)]
pub enum ImportError {
    /// Reading a file or writing the archive failed.
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `--encoding` named no encoding we know.
    UnknownEncoding(String),
    /// A NUL byte in input that is neither UTF-8 nor has a UTF-16 BOM.
    Binary { offset: usize },
    /// Bytes that are not valid in the encoding.
    Malformed {
        encoding: &'static str,
        offset: usize,
    },
    /// The input is too large to decode.
    TooLarge,
    /// The encoding is not clearly a Chinese one (`guess`: the detector's
    /// best guess, such as `Shift_JIS`): the user must say.
    Unclear { guess: String },
    /// No text at all (empty, or only whitespace and control characters).
    Empty,
    /// No `--district` and none found in a lead title.
    NoDistrict,
    /// The existing output archive could not be read as an archive.
    BadArchive { path: PathBuf, message: String },
    /// An error in one input file.
    InFile {
        path: PathBuf,
        error: Box<ImportError>,
    },
}

impl ImportError {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            Self::Io { path, source } => {
                format!("{}：{}", shown(path), crate::model::io_text(source, lang))
            }
            Self::UnknownEncoding(l) => {
                format!("未知的编码 {l:?}（可用 utf-8、gb18030、gbk、utf-16le、utf-16be、big5）")
            }
            Self::Binary { offset } => {
                format!("看来是二进制文件（偏移 {offset} 处有 NUL 字节）；一定要导入请加 --lossy")
            }
            Self::Malformed { encoding, offset } => format!(
                "偏移 {offset} 处的字节不是有效的 {encoding}；可用 --encoding 指定其他编码，或用 --lossy 替换这些字节"
            ),
            Self::TooLarge => "输入太大，无法解码".to_string(),
            Self::Unclear { guess } => {
                let looks = match guess.as_str() {
                    "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" => format!("{guess}（日文）"),
                    "EUC-KR" => format!("{guess}（韩文）"),
                    "gb18030" | "GBK" | "Big5" => format!("{guess}，但解码后几乎没有汉字"),
                    other => format!("{other}，不是中文编码"),
                };
                format!(
                    "无法确定编码：文字看来是 {looks}；如果确是如此，请用 --encoding 指定（gb18030、big5、shift_jis、euc-kr、windows-1252 等）"
                )
            }
            Self::Empty => "没有可导入的文字（文件是空的，或只有标题、署名和分隔行）".to_string(),
            Self::NoDistrict => {
                "没有区名：请用 --district 名称 指定（导语标题中也没有，如 `中原区：…`）"
                    .to_string()
            }
            Self::BadArchive { path, message } => {
                format!("{} 不是可读的档案，不会覆盖它：{message}", shown(path))
            }
            Self::InFile { path, error } => format!("{}：{}", shown(path), error.text(lang)),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Io { path, source } => write!(f, "{}: {source}", shown(path)),
            Self::UnknownEncoding(l) => write!(
                f,
                "unknown encoding {l:?} (try utf-8, gb18030, gbk, utf-16le, utf-16be, big5)"
            ),
            Self::Binary { offset } => write!(
                f,
                "looks like a binary file (NUL byte at offset {offset}); use --lossy to import it anyway"
            ),
            Self::Malformed { encoding, offset } => write!(
                f,
                "bytes not valid {encoding} at byte offset {offset}; use --encoding to choose another encoding or --lossy to replace them"
            ),
            Self::TooLarge => write!(f, "input too large to decode"),
            Self::Unclear { guess } => {
                let looks = match guess.as_str() {
                    "Shift_JIS" | "EUC-JP" | "ISO-2022-JP" => format!("{guess} (Japanese)"),
                    "EUC-KR" => format!("{guess} (Korean)"),
                    "gb18030" | "GBK" | "Big5" => {
                        format!("{guess}, but it decodes to little Chinese")
                    }
                    other => format!("{other}, not a Chinese encoding"),
                };
                write!(
                    f,
                    "cannot tell the encoding for sure: the text looks like {looks}; if it is \
                     right, import with --encoding (gb18030, big5, shift_jis, euc-kr, \
                     windows-1252 …)"
                )
            }
            Self::Empty => write!(
                f,
                "no text to import (the file is empty, blank, or holds nothing but titles, bylines and markers)"
            ),
            Self::NoDistrict => write!(
                f,
                "no district: pass --district NAME (none found in a lead title such as `中原区：…`)"
            ),
            Self::BadArchive { path, message } => write!(
                f,
                "refusing to overwrite {}, which is not a readable archive: {message}",
                path.display()
            ),
            Self::InFile { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for ImportError {}

/// A path as shown in messages: sanitised, since file names are untrusted.
fn shown(path: &std::path::Path) -> String {
    crate::text::sanitize::sanitize_line(&path.display().to_string())
}
