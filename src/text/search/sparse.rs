//! The matches of a query in a document, each unit folded only when its
//! matches are asked for: `bulletin search` shows three snippets of an
//! article, and most of its paragraphs hold none of them.
//!
//! A literal query is looked for first in a cheap folding of each unit:
//! lowercase, built character by character without a map back to the
//! original, for text where every character is a chunk of its own in the
//! full folding (`fold.rs`: ASCII, Han, full-width forms, `…`; not a
//! combining mark, nor what one could combine with). There it is the very
//! text the full folding gives, so a unit where the needle is not found
//! holds no match, and for a case-insensitive query the matches found
//! there are the unit's count (unless the needle holds a character that
//! one folding to several gave: a hit may then begin or end inside it, and
//! the full search merges hits that overlap in the original). Any other
//! unit is folded in full to be counted.

use unicode_normalization::{IsNormalized, UnicodeNormalization};

use memchr::memmem;

use super::Match;
use super::fold::{boundary_before, lower, quick};
use super::han::fold_han;
use super::index::find_in_unit;
use super::query::{Kind, Query};
use crate::text::doc::{Doc, UnitKind};

/// Every match of `query` in `doc`: exactly what [`super::find_all`]
/// gives, but folding in full only the units that need it.
pub fn find_all_sparse(doc: &Doc, query: &Query) -> Vec<Match> {
    UnitHits::new(doc, query)
        .units
        .into_iter()
        .flat_map(|(_, m)| m)
        .collect()
}

/// The units of a document that hold matches of a query, and the matches.
pub struct UnitHits {
    /// (unit, its matches), in document order.
    units: Vec<(usize, Vec<Match>)>,
}

impl UnitHits {
    /// Finds the matches of `query` in each unit of `doc`.
    pub fn new(doc: &Doc, query: &Query) -> UnitHits {
        let found = |u: usize| {
            let mut m = Vec::new();
            find_in_unit(&doc.units[u], u, query, &mut m);
            m
        };
        let Kind::Literal(needle) = &query.kind else {
            let all = (0..doc.units.len()).map(|u| (u, found(u)));
            let units = all.filter(|(_, m)| !m.is_empty()).collect();
            return UnitHits { units };
        };
        // A case-sensitive needle is matched in the unlowered folding:
        // its lowercase holds the needle's lowercase wherever it holds it.
        let mut key = String::with_capacity(needle.len());
        needle.chars().for_each(|c| lower(c, &mut key));
        let key = if query.case_sensitive() { &key } else { needle };
        let finder = memmem::Finder::new(key.as_bytes());
        let (mut folded, mut expanded) = (String::new(), String::new());
        let mut units = Vec::new();
        for (i, u) in doc.units.iter().enumerate() {
            // Placeholders are not searched (their folded text is empty).
            if u.kind == UnitKind::Note {
                continue;
            }
            let matches = if !quick_lower(&u.text, &mut folded, &mut expanded) {
                found(i)
            } else if finder.find(folded.as_bytes()).is_none() {
                continue;
            } else if query.case_sensitive() || key.chars().any(|c| expanded.contains(c)) {
                // The needle's case matters, or a match may begin or end
                // inside a character folding to several (`..` in `…`),
                // where the full search merges the hits.
                found(i)
            } else {
                let spans = finder
                    .find_iter(folded.as_bytes())
                    .map(|s| (s, s + key.len()));
                locate(&u.text, i, spans)
            };
            if !matches.is_empty() {
                units.push((i, matches));
            }
        }
        UnitHits { units }
    }

    /// `(unit, matches)` for each unit with matches, in document order.
    pub fn counts(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.units.iter().map(|(u, m)| (*u, m.len()))
    }

    /// The matches in `unit` (none when it holds none).
    pub fn matches(&self, unit: usize) -> &[Match] {
        self.units
            .iter()
            .find(|e| e.0 == unit)
            .map_or(&[], |e| e.1.as_slice())
    }
}

/// The matches in unit `unit`, whose text is `text`, of the byte ranges
/// `spans` (in order, not overlapping) of its quick folding, where every
/// character of a span is the folding of one character of `text`: each
/// widened to the whole characters folded (as `Folded::to_orig` does).
fn locate(text: &str, unit: usize, spans: impl Iterator<Item = (usize, usize)>) -> Vec<Match> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut at = 0; // folded bytes before the next character
    let mut one = String::new();
    SEEN.with_borrow_mut(|seen| {
        for (s, e) in spans {
            let mut start = None;
            while let Some(&(i, c)) = chars.peek() {
                if at >= e {
                    break;
                }
                if at >= s && start.is_none() {
                    start = Some(i);
                }
                at += folded_len(seen, c, &mut one);
                chars.next();
            }
            let end = chars.peek().map_or(text.len(), |&(i, _)| i);
            out.push(Match {
                unit,
                start: start.unwrap_or(end),
                end,
            });
        }
    });
    out
}

/// How many bytes `c` folds to in the quick folding.
fn folded_len(seen: &mut Seen, c: char, scratch: &mut String) -> usize {
    if c.is_ascii() {
        return 1;
    }
    match seen.fold(c) {
        MANY => {
            scratch.clear();
            fold_chunk(c, scratch);
            scratch.len()
        }
        f => char::from_u32(f).map_or(0, char::len_utf8),
    }
}

/// Writes the lowercase folding of `text` to `buf` when every character
/// of `text` is a chunk of its own, and to `expanded` the characters that
/// those folding to several characters gave (`…` gives `...`); `false`
/// (the buffers cut short) when one is not, and the unit must be folded
/// in full.
fn quick_lower(text: &str, buf: &mut String, expanded: &mut String) -> bool {
    buf.clear();
    expanded.clear();
    SEEN.with_borrow_mut(|seen| {
        for c in text.chars() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
                continue;
            }
            match seen.fold(c) {
                ALONE => return false,
                MANY => {
                    let from = buf.len();
                    fold_chunk(c, buf);
                    expanded.push_str(&buf[from..]);
                }
                f => buf.push(char::from_u32(f).unwrap_or(c)),
            }
        }
        true
    })
}

/// [`Seen::fold`]: the character is not a chunk of its own.
const ALONE: u32 = u32::MAX;
/// [`Seen::fold`]: it folds to several characters (`…`, `İ`).
const MANY: u32 = u32::MAX - 1;
/// Characters remembered (a power of two).
const SLOTS: usize = 4096;

thread_local! {
    /// The foldings of the characters met lately, on this thread: the
    /// full check costs lookups in three tables (combining class, NFKC
    /// quick-check, traditional to simplified), and an article's text is
    /// a few hundred characters used again and again.
    static SEEN: std::cell::RefCell<Seen> = std::cell::RefCell::new(Seen {
        keys: vec![0; SLOTS].into_boxed_slice(),
        folds: vec![0; SLOTS].into_boxed_slice(),
    });
}

/// A direct-mapped cache of non-ASCII characters' foldings (a key of 0
/// is an empty slot: NUL is ASCII, never looked up).
struct Seen {
    keys: Box<[u32]>,
    folds: Box<[u32]>,
}

impl Seen {
    /// What `c` (not ASCII) folds to as a chunk of its own, lowercased:
    /// one character, [`MANY`], or [`ALONE`] when it may not be a chunk of
    /// its own.
    fn fold(&mut self, c: char) -> u32 {
        let key = c as u32;
        let slot = (key.wrapping_mul(0x9E37_79B1) >> 20) as usize & (SLOTS - 1);
        if self.keys[slot] != key {
            self.keys[slot] = key;
            self.folds[slot] = fold_alone(c);
        }
        self.folds[slot]
    }
}

/// [`Seen::fold`] worked out. A character is a chunk of its own when
/// nothing before it combines with it and nothing after it combines with
/// it: the first is [`boundary_before`]; the second holds for a unit where
/// every character passes the first.
fn fold_alone(c: char) -> u32 {
    if !boundary_before(c) {
        return ALONE;
    }
    let mut s = String::new();
    fold_chunk(c, &mut s);
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (Some(one), None) => one as u32,
        _ => MANY,
    }
}

/// Appends the lowercase folding of the one-character chunk `c`, as
/// `fold::fold_pair` folds it.
fn fold_chunk(c: char, out: &mut String) {
    if quick(c) == IsNormalized::Yes {
        lower(fold_han(c), out);
    } else {
        std::iter::once(c)
            .nfkc()
            .for_each(|d| lower(fold_han(d), out));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Unit;
    use crate::text::search::find_all;

    fn doc(units: &[&str]) -> Doc {
        Doc {
            units: units
                .iter()
                .map(|t| Unit::new(UnitKind::Paragraph, None, t.to_string()))
                .collect(),
        }
    }

    #[test]
    fn finds_what_find_all_finds() {
        let d = doc(&[
            "社區發展ＡＢＣ",
            "没有",
            "abc社区……",
            "g㎏k e\u{301} ①",
            "ΣΑΣ σας",
            "a…..b",
        ]);
        let queries = [
            "社区", "abc", "ABC", "gk", "kg", "é", "1", "σας", "ΣΑΣ", "re:社.", "..", ".", "…",
        ];
        for q in queries {
            let q = Query::parse(q).unwrap().unwrap();
            assert_eq!(find_all_sparse(&d, &q), find_all(&d, &q), "{q:?}");
            let counts: Vec<(usize, usize)> = UnitHits::new(&d, &q).counts().collect();
            let mut want = Vec::new();
            for m in find_all(&d, &q) {
                match want.last_mut() {
                    Some((u, n)) if *u == m.unit => *n += 1,
                    _ => want.push((m.unit, 1)),
                }
            }
            assert_eq!(counts, want, "{q:?}");
        }
    }

    #[test]
    fn the_quick_folding_is_the_full_lowercase_folding() {
        let (mut buf, mut expanded) = (String::new(), String::new());
        for s in ["社區發展ＡＢＣ，。…", "Straße Ωμέγα İ", "가나 ｶﾀ"] {
            if quick_lower(s, &mut buf, &mut expanded) {
                assert_eq!(buf, super::super::fold::fold_str(s, true), "{s}");
            }
        }
        assert!(quick_lower("社區發展ＡＢＣ，。", &mut buf, &mut expanded));
        assert_eq!(expanded, "");
        assert!(quick_lower("社区…", &mut buf, &mut expanded));
        assert_eq!((buf.as_str(), expanded.as_str()), ("社区...", "..."));
        assert!(!quick_lower("e\u{301}", &mut buf, &mut expanded));
    }
}
