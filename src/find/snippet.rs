//! The snippet shown under an archive-search result: the hit with some
//! context either side, on one line.

use crate::text::Doc;
use crate::text::sanitize_line;
use crate::text::search::{Match, Query, UnitHits};

/// A hit in context: `before`, the hit itself, `after` (sanitised, one
/// line; the caller fits them to its width, keeping the hit in view).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Snippet {
    pub before: String,
    pub hit: String,
    pub after: String,
    /// Which match of the article this is (its index in `matches`).
    pub index: usize,
}

/// Characters of context kept either side.
const CONTEXT: usize = 40;

/// The best match to show: the first match of the unit with the most
/// matches (ties: the earlier unit). `None` without matches.
pub fn best_match(matches: &[Match]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None; // (count, first index)
    let mut i = 0;
    while i < matches.len() {
        let unit = matches[i].unit;
        let n = matches[i..].iter().take_while(|m| m.unit == unit).count();
        if best.is_none_or(|(c, _)| n > c) {
            best = Some((n, i));
        }
        i += n;
    }
    best.map(|(_, i)| i)
}

/// The snippets of `doc`'s matches of `query`, at most `n`: the best
/// match's first ([`best_match`]), then the others in document order.
/// Only the units that cannot be searched otherwise are folded in full
/// ([`UnitHits`]).
pub fn best_snippets(doc: &Doc, query: &Query, n: usize) -> Vec<Snippet> {
    let hits = UnitHits::new(doc, query);
    let counts: Vec<(usize, usize)> = hits.counts().collect();
    // The first unit with the most matches (ties: the earlier).
    let Some(&(best, _)) = counts.iter().rev().max_by_key(|&&(_, count)| count) else {
        return Vec::new();
    };
    // (unit, match in it, match in the article) of the snippets shown.
    let mut shown = Vec::new();
    let mut first = 0;
    for &(unit, count) in &counts {
        if unit == best {
            shown.insert(0, (unit, 0, first));
        }
        let others = (0..count).filter(|&k| unit != best || k > 0);
        shown.extend(others.map(|k| (unit, k, first + k)));
        first += count;
    }
    shown.truncate(n);
    shown
        .into_iter()
        .filter_map(|(unit, k, index)| {
            let s = snippet(doc, hits.matches(unit), k)?;
            Some(Snippet { index, ..s })
        })
        .collect()
}

/// The snippet of match `index` of `matches` in `doc`.
pub fn snippet(doc: &Doc, matches: &[Match], index: usize) -> Option<Snippet> {
    let m = matches.get(index)?;
    let text = &doc.units.get(m.unit)?.text;
    let mut before: String = {
        let mut chars: Vec<char> = text[..m.start].chars().rev().take(CONTEXT).collect();
        chars.reverse();
        chars.into_iter().collect()
    };
    if before.len() < m.start {
        before.insert(0, '\u{2026}');
    }
    let mut after: String = text[m.end..].chars().take(CONTEXT).collect();
    if m.end + after.len() < text.len() {
        after.push('\u{2026}');
    }
    Some(Snippet {
        before: sanitize_line(&before),
        hit: sanitize_line(&text[m.start..m.end]),
        after: sanitize_line(&after),
        index,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::search::{Query, find_all};
    use crate::text::{Unit, UnitKind};

    fn doc(units: &[&str]) -> Doc {
        Doc {
            units: units
                .iter()
                .map(|t| Unit::new(UnitKind::Paragraph, None, t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn the_best_match_is_in_the_unit_with_most_hits() {
        let d = doc(&["物业一", "物业二物业三物业", "物业四物业"]);
        let q = Query::parse("物业").unwrap().unwrap();
        let m = find_all(&d, &q);
        let best = best_match(&m).unwrap();
        assert_eq!(m[best].unit, 1);
        let s = snippet(&d, &m, best).unwrap();
        assert_eq!((s.before.as_str(), s.hit.as_str()), ("", "物业"));
        assert_eq!(s.after, "二物业三物业");
        assert_eq!(best_match(&[]), None);
    }

    #[test]
    fn context_is_cut_and_kept_on_one_line() {
        let long = format!("{}关键词\n下一行", "前".repeat(60));
        let d = doc(&[&long]);
        let q = Query::parse("关键词").unwrap().unwrap();
        let m = find_all(&d, &q);
        let s = snippet(&d, &m, 0).unwrap();
        assert_eq!(s.before.chars().count(), CONTEXT + 1, "with an ellipsis");
        assert!(s.before.starts_with('\u{2026}'));
        assert!(!s.after.contains('\n'), "{:?}", s.after);
    }
}
