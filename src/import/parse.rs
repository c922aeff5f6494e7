//! Text to articles: bulletins, their lead piece, subdistrict sections,
//! bylines, captions, headings and paragraphs. Pure: no I/O.

use super::build::Chunk;
use super::lines::{self, TITLE_MAX_CHARS, ends_sentence, wants_continuation};
use super::punct::normalize_punctuation;
use super::report::Report;
use super::{ImportError, ImportOptions};
use crate::model::{Article, Byline};
use crate::text::sanitize::sanitize_line;

/// Lines longer than this (in bytes) are always plain text: no pattern
/// matching on them, so a 10 MB line costs one pass.
const MAX_PATTERN_BYTES: usize = 600;
/// A title made from running text keeps at most this many characters.
const DERIVED_TITLE_CHARS: usize = 30;

/// The result of parsing one input text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub report: Report,
    /// The title of the first lead piece (the default archive title).
    pub lead_title: Option<String>,
}

/// What one line is.
#[derive(Debug)]
pub(crate) enum Kind<'a> {
    Blank,
    Section(&'a str, &'a str),
    Bylines(Vec<Byline>),
    Credit(&'a str),
    Caption(&'a str, &'a str),
    Heading,
    Text,
}

pub(crate) fn classify<'a>(line: &'a str, known: &[String]) -> Kind<'a> {
    if line.is_empty() {
        return Kind::Blank;
    }
    if line.len() > MAX_PATTERN_BYTES {
        return Kind::Text;
    }
    if let Some((name, title)) = lines::section_head(line, known) {
        Kind::Section(name, title)
    } else if let Some(b) = lines::bylines(line) {
        Kind::Bylines(b)
    } else if let Some(c) = lines::credit_only(line) {
        Kind::Credit(c)
    } else if let Some((text, credit)) = lines::caption(line) {
        Kind::Caption(text, credit)
    } else if lines::is_heading(line) {
        Kind::Heading
    } else {
        Kind::Text
    }
}

/// Parses a whole input text. `stem` names the bulletin (the file stem).
/// Several bulletins may be separated by marker lines (`===`, or
/// `=== NAME ===`); see `docs/import.md`.
pub fn parse_bulletin(text: &str, stem: &str, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let lines = prepare(text, opts);
    let mut out = Parsed::default();
    let mut district = None;
    for chunk in split_chunks(&lines, stem) {
        district = Chunk::parse(&chunk, opts, district, &mut out)?;
    }
    if out.articles.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(out)
}

/// Splits into lines (`\n`, `\r\n`, `\r`, form feed, U+2028/2029),
/// sanitises, trims, and normalises punctuation if asked.
fn prepare(text: &str, opts: &ImportOptions) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    text.split([
        '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
    ])
    .map(|l| {
        let l = sanitize_line(l);
        let l = l.trim();
        if opts.normalize_punctuation {
            normalize_punctuation(l)
        } else {
            l.to_string()
        }
    })
    .collect()
}

/// One bulletin: its name and its lines (`start` = index of the first).
pub(crate) struct ChunkLines<'a> {
    pub name: String,
    pub start: usize,
    pub lines: &'a [String],
}

fn split_chunks<'a>(lines: &'a [String], stem: &str) -> Vec<ChunkLines<'a>> {
    let mut raw: Vec<(String, usize, &'a [String])> = Vec::new();
    let (mut label, mut start) = (String::new(), 0);
    for (i, l) in lines.iter().enumerate() {
        if let Some(next) = lines::marker_label(l) {
            raw.push((
                std::mem::replace(&mut label, next.to_string()),
                start,
                &lines[start..i],
            ));
            start = i + 1;
        }
    }
    raw.push((label, start, &lines[start..]));
    raw.retain(|(_, _, ls)| ls.iter().any(|l| !l.is_empty()));
    let many = raw.len() > 1;
    raw.into_iter()
        .enumerate()
        .map(|(k, (label, start, lines))| ChunkLines {
            name: match (label.is_empty(), many) {
                (false, _) => label,
                (true, true) => format!("{stem}-{}", k + 1),
                (true, false) => stem.to_string(),
            },
            start,
            lines,
        })
        .collect()
}

/// A title line at the top: short, not a sentence, not continuing.
pub(crate) fn title_like(line: &str) -> bool {
    line.chars().count() <= TITLE_MAX_CHARS && !ends_sentence(line) && !wants_continuation(line)
}

/// A title made from running text: up to the first sentence end, `，` or
/// `；` if that leaves at least 4 characters within [`DERIVED_TITLE_CHARS`],
/// else that many characters and `…`.
pub(crate) fn derive_title(line: &str) -> String {
    let cut: String = line.chars().take(DERIVED_TITLE_CHARS + 1).collect();
    let stop = |c: char| lines::is_sentence_end(c) || matches!(c, '，' | '；' | ',' | ';');
    if let Some(i) = cut.find(stop)
        && cut[..i].chars().count() >= 4
    {
        return cut[..i].to_string();
    }
    if cut.chars().count() > DERIVED_TITLE_CHARS {
        let t: String = cut.chars().take(DERIVED_TITLE_CHARS).collect();
        format!("{t}…")
    } else {
        cut
    }
}

/// `中原区：…` -> `中原区` (2–10 Han characters ending in 区/县/市/旗).
pub(crate) fn infer_district(title: &str) -> Option<String> {
    let (name, _) = title.split_once(['：', ':'])?;
    let n = name.chars().count();
    ((2..=10).contains(&n)
        && name.chars().all(lines::is_han)
        && name.ends_with(['区', '县', '市', '旗']))
    .then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_titles() {
        assert_eq!(
            derive_title("中原区：今年以来，街道开展活动。"),
            "中原区：今年以来"
        );
        assert_eq!(derive_title("短。很长的句子"), "短。很长的句子");
        let long = "一".repeat(50);
        assert_eq!(derive_title(&long), format!("{}…", "一".repeat(30)));
        assert_eq!(derive_title("hello"), "hello");
    }

    #[test]
    fn districts_from_lead_titles() {
        assert_eq!(
            infer_district("中原区：合力攻坚").as_deref(),
            Some("中原区")
        );
        assert_eq!(infer_district("登封市:新闻").as_deref(), Some("登封市"));
        assert_eq!(infer_district("关于加强社区治理的实施意见"), None);
        assert_eq!(infer_district("通知：明天开会"), None);
    }
}
