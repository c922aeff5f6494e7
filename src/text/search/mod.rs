//! In-article search: pure, terminal-free.
//!
//! * [`Query::parse`] turns the prompt's text into a query (once per
//!   keystroke): a literal, or a regex with the `re:` prefix.
//! * [`SearchIndex::new`] folds a document once per opened article;
//!   [`SearchIndex::find_all`] then finds every match (per keystroke).
//!   [`find_all`] does both in one call.
//! * A [`Match`] is a byte range in one unit's ORIGINAL text, so it is
//!   independent of the layout and survives a resize; [`line_spans`] cuts
//!   it into per-display-line pieces for highlighting, [`match_pos`] gives
//!   its [`Pos`] for scrolling, [`first_from`] picks the match to jump to.
//!
//! Literal matching folds both the text and the query with NFKC
//! (full-width `ＡＢＣ１２３，` = `ABC123,`, `㎏` = `kg`, `①` = `1`),
//! traditional Chinese to simplified (`社區` = `社区`, `發` = `髮` = `发`;
//! see `han`), then smart case: case-insensitive unless the folded query has an uppercase
//! letter. A match that starts or ends inside the folding of one original
//! character (`g` in `㎏`) covers that whole character. Matches never span
//! units (a title, a paragraph, …) but may span display lines.
//!
//! Regex matching (`re:`) runs on the original text, unfolded, with smart
//! case (see [`Query::parse`]); empty matches (`re:a*` between letters)
//! are skipped.

mod fold;
mod han;
pub use han::han_pairs;
mod han_table;
mod index;
mod key;
mod query;
mod sparse;

pub use index::SearchIndex;
pub use key::{fold_key, fold_key_into};
pub use query::{Query, QueryError, REGEX_PREFIX};
pub use sparse::{UnitHits, find_all_sparse};

use crate::text::doc::{Doc, Pos};
use crate::text::layout::{Layout, Line, LineKind};

/// One match: the byte range `start..end` of `doc.units[unit].text`,
/// covering exactly the original characters matched (never empty).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Match {
    pub unit: usize,
    pub start: usize,
    pub end: usize,
}

/// Every match of `query` in `doc`, in document order, non-overlapping.
/// Folds the document each call: when searching as the user types, build
/// a [`SearchIndex`] once instead; to search a document once,
/// [`find_all_sparse`] folds only the units that may hold a match.
pub fn find_all(doc: &Doc, query: &Query) -> Vec<Match> {
    match &query.kind {
        query::Kind::Regex(re) => {
            let mut out = Vec::new();
            let text = doc.units.iter().enumerate();
            for (i, u) in text.filter(|(_, u)| u.kind != crate::text::UnitKind::Note) {
                index::regex_in_unit(i, &u.text, re, &mut out);
            }
            out
        }
        query::Kind::Literal(_) => SearchIndex::new(doc).find_all(query),
    }
}

/// The position (unit, character offset) where `m` starts.
pub fn match_pos(doc: &Doc, m: &Match) -> Pos {
    let text = &doc.units[m.unit].text;
    Pos {
        unit: m.unit,
        offset: text[..m.start].chars().count(),
    }
}

/// The pieces of `m` on each display line it touches:
/// `(line index, byte start, byte end)` with the byte range relative to
/// that line's text (`layout.line_text(doc, line)`). A match over a soft
/// break gives one piece per line; a `'\n'` (hard break) inside a regex
/// match belongs to no line and is left out. Empty for a match outside
/// the layout.
pub fn line_spans(layout: &Layout, _doc: &Doc, m: &Match) -> Vec<(usize, usize, usize)> {
    let key = |l: &Line| (l.unit, l.start, l.kind != LineKind::Blank);
    let first = layout
        .lines
        .partition_point(|l| key(l) <= (m.unit, m.start, true))
        .saturating_sub(1);
    let mut out = Vec::new();
    for (i, l) in layout.lines.iter().enumerate().skip(first) {
        if l.kind == LineKind::Blank || l.unit < m.unit {
            continue;
        }
        if l.unit > m.unit || l.start >= m.end {
            break;
        }
        let (s, e) = (m.start.max(l.start), m.end.min(l.end));
        if s < e {
            out.push((i, s - l.start, e - l.start));
        }
    }
    out
}

/// Index of the first match at or after `from`, wrapping around to the
/// first match when none follows; `None` when there are no matches. Use
/// it to pick the current match when the query changes.
pub fn first_from(doc: &Doc, matches: &[Match], from: Pos) -> Option<usize> {
    if matches.is_empty() {
        return None;
    }
    let byte = doc.byte_offset(from).unwrap_or(usize::MAX);
    let i = matches.partition_point(|m| (m.unit, m.start) < (from.unit, byte));
    Some(if i == matches.len() { 0 } else { i })
}
