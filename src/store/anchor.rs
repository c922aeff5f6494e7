//! Anchors: width-free text positions that survive edits to the archive.
//!
//! An anchor names an article, a text unit (title, subtitle, byline, meta
//! line, body block …, in the order the reader lays them out) and a character
//! offset in that unit, plus a *fingerprint*: up to [`BEFORE`] characters
//! before the offset and up to [`AFTER`] after it, from the same unit. The
//! split point inside the fingerprint is `min(offset, BEFORE)`, so it is not
//! stored separately.
//!
//! Offsets count `char`s, never bytes or columns, so an anchor does not depend
//! on the terminal width or the ambiguous-width mode.

use serde::{Deserialize, Serialize};

/// Characters of context kept before the anchor.
pub const BEFORE: usize = 8;
/// Characters of context kept after the anchor.
pub const AFTER: usize = 16;
/// Shortest part of a fingerprint that may be used on its own to re-find text.
const MIN_PARTIAL: usize = 4;

/// A position in an article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The article id.
    pub article: String,
    /// Index of the text unit.
    pub unit: usize,
    /// Character offset in the unit's text.
    pub offset: usize,
    /// Text around the anchor (see the module documentation).
    pub fingerprint: String,
    /// Fields this version does not know, kept as they were.
    #[serde(flatten)]
    pub extra: super::types::Extra,
}

impl Anchor {
    /// The same place in the same text (unknown fields aside).
    pub fn same_place(&self, other: &Anchor) -> bool {
        (&self.article, self.unit, self.offset, &self.fingerprint)
            == (&other.article, other.unit, other.offset, &other.fingerprint)
    }
}

/// Where an anchor points in the current text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolved {
    /// The text around the anchor is unchanged.
    Exact { unit: usize, offset: usize },
    /// The text was found elsewhere (edited around, or moved).
    Moved { unit: usize, offset: usize },
    /// The text is gone; the anchor is kept but points nowhere.
    Detached,
}

impl Resolved {
    /// The (unit, offset) to show, if any.
    pub fn location(self) -> Option<(usize, usize)> {
        match self {
            Resolved::Exact { unit, offset } | Resolved::Moved { unit, offset } => {
                Some((unit, offset))
            }
            Resolved::Detached => None,
        }
    }
}

/// Makes an anchor at `offset` chars into `units[unit]`. Out-of-range values
/// are clamped (to the last unit, to the unit's end); with no units at all the
/// anchor is `(0, 0)` with an empty fingerprint.
pub fn make_anchor(article: &str, units: &[&str], unit: usize, offset: usize) -> Anchor {
    let unit = unit.min(units.len().saturating_sub(1));
    let text = units.get(unit).copied().unwrap_or("");
    let offset = offset.min(text.chars().count());
    Anchor {
        article: article.to_string(),
        unit,
        offset,
        fingerprint: fingerprint_at(text, offset),
        extra: Default::default(),
    }
}

/// A short plain snippet of the text at (unit, offset), for bookmark lists:
/// up to `max` chars from the offset, whitespace runs collapsed to one space.
pub fn snippet(units: &[&str], unit: usize, offset: usize, max: usize) -> String {
    let text = units.get(unit).copied().unwrap_or("");
    let mut out = String::new();
    let mut count = 0;
    let mut in_space = false;
    for c in text.chars().skip(offset) {
        if count == max {
            break;
        }
        if c.is_whitespace() {
            if !in_space && !out.is_empty() {
                out.push(' ');
                count += 1;
            }
            in_space = true;
        } else {
            out.push(c);
            count += 1;
            in_space = false;
        }
    }
    out.trim_end().to_string()
}

/// Finds where `anchor` points in `units` (the article's current text units).
///
/// Exact if the fingerprint still matches at (unit, offset). Otherwise the
/// fingerprint is searched for, whole first, then its after-part, its
/// before-part and the start of its after-part (each at least a few chars);
/// each search looks in the anchor's unit first, then in units ever farther
/// away, and within a unit prefers the match nearest the old offset.
pub fn resolve(anchor: &Anchor, units: &[&str]) -> Resolved {
    if let Some(text) = units.get(anchor.unit) {
        let len = text.chars().count();
        if anchor.offset <= len && fingerprint_at(text, anchor.offset) == anchor.fingerprint {
            return Resolved::Exact {
                unit: anchor.unit,
                offset: anchor.offset,
            };
        }
    }
    for (needle, shift) in needles(anchor) {
        if let Some((unit, offset)) = search(units, anchor.unit, anchor.offset, &needle, shift) {
            return Resolved::Moved { unit, offset };
        }
    }
    Resolved::Detached
}

/// The fingerprint of `text` at char `offset` (which must be in range).
fn fingerprint_at(text: &str, offset: usize) -> String {
    let start = offset.saturating_sub(BEFORE);
    text.chars()
        .skip(start)
        .take(offset - start + AFTER)
        .collect()
}

/// Search strings, best first, each with the distance (in chars) from the
/// start of a match to the anchor point.
fn needles(anchor: &Anchor) -> Vec<(String, usize)> {
    let chars: Vec<char> = anchor.fingerprint.chars().collect();
    let split = anchor.offset.min(BEFORE).min(chars.len());
    let (before, after) = chars.split_at(split);
    let mut out = vec![(anchor.fingerprint.clone(), split)];
    if after.len() >= MIN_PARTIAL && !before.is_empty() {
        out.push((after.iter().collect(), 0));
    }
    if before.len() >= MIN_PARTIAL && !after.is_empty() {
        out.push((before.iter().collect(), before.len()));
    }
    let head = after.len() / 2;
    if head >= MIN_PARTIAL {
        out.push((after[..head].iter().collect(), 0));
    }
    out.retain(|(needle, _)| !needle.is_empty());
    out
}

/// Finds `needle` in the unit nearest `home` that contains it; returns the
/// unit and the anchor offset (match start + `shift`) nearest `near`.
fn search(
    units: &[&str],
    home: usize,
    near: usize,
    needle: &str,
    shift: usize,
) -> Option<(usize, usize)> {
    units_by_distance(units.len(), home).find_map(|unit| {
        match_starts(units[unit], needle)
            .map(|offset| offset + shift)
            .min_by_key(|&offset| offset.abs_diff(near))
            .map(|offset| (unit, offset))
    })
}

/// Char offsets of every (possibly overlapping) occurrence of `needle`.
fn match_starts<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    text.char_indices()
        .enumerate()
        .filter(move |(_, (byte, _))| text[*byte..].starts_with(needle))
        .map(|(chars, _)| chars)
}

/// Unit indices ordered by distance from `home`: home, home-1, home+1, …
/// (`home` may be past the end, then the search starts from the last unit).
fn units_by_distance(len: usize, home: usize) -> impl Iterator<Item = usize> {
    let home = home.min(len.saturating_sub(1));
    (0..len).flat_map(move |d| {
        let below = home.checked_sub(d);
        let above = Some(home + d).filter(|&u| d > 0 && u < len);
        below.into_iter().chain(above)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_takes_chars_around_offset() {
        let a = make_anchor(
            "a1",
            &["零一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"],
            0,
            10,
        );
        assert_eq!(
            a.fingerprint,
            "二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰"
        );
        let b = make_anchor("a1", &["零一二"], 0, 1);
        assert_eq!(b.fingerprint, "零一二");
    }

    #[test]
    fn units_by_distance_visits_each_unit_once() {
        let order: Vec<usize> = units_by_distance(5, 1).collect();
        assert_eq!(order, vec![1, 0, 2, 3, 4]);
        let order: Vec<usize> = units_by_distance(3, 9).collect();
        assert_eq!(order, vec![2, 1, 0]);
        assert_eq!(units_by_distance(0, 0).count(), 0);
    }

    #[test]
    fn matches_may_overlap() {
        let starts: Vec<usize> = match_starts("一一一二一一", "一一").collect();
        assert_eq!(starts, vec![0, 1, 4]);
        assert_eq!(match_starts("abc", "x").count(), 0);
    }

    #[test]
    fn needles_skip_short_parts() {
        let a = make_anchor("a", &["一二三四五六七八九十"], 0, 2);
        let got: Vec<String> = needles(&a).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            got,
            vec![
                "一二三四五六七八九十".to_string(),
                "三四五六七八九十".to_string(),
                "三四五六".to_string()
            ]
        );
    }
}
