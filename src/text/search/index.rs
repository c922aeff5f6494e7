//! A document's folded text, built once per opened article, so that each
//! keystroke only runs the search itself.

use super::Match;
use super::fold::{Folded, fold_pair};
use super::query::{Kind, Query};
use crate::text::doc::{Doc, Unit, UnitKind};

/// Per-document search data: each unit's original text and its two
/// foldings (NFKC, NFKC + lowercase) with maps back to the original.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    units: Vec<UnitIndex>,
}

#[derive(Debug, Clone)]
struct UnitIndex {
    orig: String,
    exact: Folded,
    /// `None` when lowercasing changes nothing (then `exact` serves both).
    lower: Option<Folded>,
}

impl SearchIndex {
    /// Folds every unit of `doc`. Cost is linear in the text (about the
    /// time of one NFKC pass); do it once per opened article.
    pub fn new(doc: &Doc) -> Self {
        let units = doc.units.iter().map(UnitIndex::of).collect();
        SearchIndex { units }
    }

    /// Every match of `query`, in document order, non-overlapping, none
    /// empty. See [`super::find_all`].
    pub fn find_all(&self, query: &Query) -> Vec<Match> {
        let mut out = Vec::new();
        for (i, u) in self.units.iter().enumerate() {
            u.find(i, query, &mut out);
        }
        out
    }
}

impl UnitIndex {
    /// One unit folded both ways.
    fn of(u: &Unit) -> UnitIndex {
        // Placeholders for what could not be read are not text.
        let text = if u.kind == UnitKind::Note {
            ""
        } else {
            &u.text
        };
        let pair = fold_pair(text);
        let lower = (pair.lower.text != pair.exact.text).then_some(pair.lower);
        UnitIndex {
            orig: text.to_string(),
            exact: pair.exact,
            lower,
        }
    }

    /// Appends the matches of `query` in this unit (unit `i` of its
    /// document) to `out`.
    fn find(&self, i: usize, query: &Query, out: &mut Vec<Match>) {
        match &query.kind {
            Kind::Literal(needle) => {
                let folded = match (&self.lower, query.case_sensitive()) {
                    (Some(lower), false) => lower,
                    _ => &self.exact,
                };
                literal_in_unit(i, folded, needle, out);
            }
            Kind::Regex(re) => regex_in_unit(i, &self.orig, re, out),
        }
    }
}

/// Appends the matches of `query` in `unit`, unit `i` of its document,
/// to `out`: what [`SearchIndex::find_all`] finds there, folding this one
/// unit only.
pub(super) fn find_in_unit(unit: &Unit, i: usize, query: &Query, out: &mut Vec<Match>) {
    UnitIndex::of(unit).find(i, query, out);
}

/// Appends the occurrences of `needle` in one unit's folded text, mapped
/// to original byte ranges. Two occurrences that widen into the same
/// original character (`g㎏k` searched for `gk`) merge into one match.
fn literal_in_unit(unit: usize, folded: &Folded, needle: &str, out: &mut Vec<Match>) {
    let first = out.len();
    for (s, m) in folded.text.match_indices(needle) {
        let (start, end) = folded.to_orig(s, s + m.len());
        let in_unit = out.len() > first;
        match out.last_mut() {
            Some(prev) if in_unit && start < prev.end => prev.end = prev.end.max(end),
            _ => out.push(Match { unit, start, end }),
        }
    }
}

/// Appends the non-empty matches of `re` in one unit's original text.
pub(super) fn regex_in_unit(unit: usize, text: &str, re: &regex::Regex, out: &mut Vec<Match>) {
    out.extend(re.find_iter(text).filter(|m| !m.is_empty()).map(|m| Match {
        unit,
        start: m.start(),
        end: m.end(),
    }));
}
