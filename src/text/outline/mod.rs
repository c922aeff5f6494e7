//! An article's sections, for the outline, the section motions, the
//! reader's header and citations. Terminal-free.
//!
//! Sections come from the document's heading units; numbered paragraphs
//! (`（三）深入实施科教兴国战略。…`) add sections beneath them, or make the
//! whole outline when the article has no headings. Paragraph numbering is
//! recognised conservatively: the number must start the paragraph, must
//! not be a quantity (`一、二十个`), and must continue the numbering of its
//! level (`（一）` first, then `（二）` …, restarting under each parent).
//! Levels nest as in official documents (`第一章` > `第一节` > `第一条` >
//! `一、` > `（一）` > `1.` > `（1）`). The rules, with examples, are in
//! `docs/outline.md`.

mod marker;

pub use marker::{Marker, Style, han_value, is_han_numeral, marker};

use crate::text::doc::{Doc, Pos, Unit, UnitKind};

/// Longest title kept from a numbered paragraph, in characters.
const TITLE_CHARS: usize = 40;
/// Where a paragraph's heading sentence ends.
const SENTENCE_END: [char; 5] = ['。', '！', '？', '；', '\n'];

/// One section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The unit it starts with (a heading, or a numbered paragraph).
    pub unit: usize,
    /// Nesting in this outline: 0 for the outermost sections.
    pub depth: usize,
    /// The enclosing section.
    pub parent: Option<usize>,
    /// Its numbering; `None` for a heading without a number.
    pub style: Option<Style>,
    /// The number as written (`五、`, `（三）`, `1．`, `第一章`); empty for a
    /// heading without a number.
    pub marker: String,
    /// The words after the number: a heading's text, or a numbered
    /// paragraph's first sentence (at most 40 characters).
    pub title: String,
    /// From a heading unit (not a numbered paragraph).
    pub heading: bool,
    /// Characters of the unit that are the section's heading (number,
    /// title and the sentence's closing mark).
    pub head_end: usize,
}

impl Section {
    /// Where the section starts.
    pub fn start(&self) -> Pos {
        Pos {
            unit: self.unit,
            offset: 0,
        }
    }

    /// `（三）实施乡村振兴战略`, `第一章 总则`: the number and the title.
    pub fn label(&self) -> String {
        let gap = match self.style {
            Some(s) if s <= Style::Article && !self.title.is_empty() => " ",
            _ => "",
        };
        format!("{}{gap}{}", self.marker, self.title)
    }

    /// The number, or for a heading without one its title: what a
    /// breadcrumb or a citation shows.
    pub fn short(&self) -> &str {
        if self.marker.is_empty() {
            &self.title
        } else {
            &self.marker
        }
    }
}

/// An article's sections in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outline {
    pub sections: Vec<Section>,
}

/// A section still open while the document is read: later numbers nest
/// in it or continue its numbering.
#[derive(Debug, Clone, Copy)]
struct Open {
    rank: u8,
    value: u32,
    heading: bool,
    index: usize,
}

/// Rank of a heading without a number when no heading precedes it.
const TOP: u8 = 0;

fn rank(style: Style) -> u8 {
    1 + style as u8
}

impl Outline {
    /// Finds the sections of `doc`.
    pub fn of(doc: &Doc) -> Outline {
        let has_headings = doc.units.iter().any(|u| u.kind == UnitKind::Heading);
        let mut b = Builder::default();
        for (i, u) in doc.units.iter().enumerate() {
            match u.kind {
                UnitKind::Heading => b.heading(i, u),
                UnitKind::Paragraph => b.paragraph(i, u, has_headings),
                _ => {}
            }
        }
        Outline {
            sections: b.sections,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }

    /// The section `pos` is in: the last one starting at or before it.
    pub fn at(&self, pos: Pos) -> Option<usize> {
        let after = self.sections.partition_point(|s| s.start() <= pos);
        after.checked_sub(1)
    }

    /// Section `i` and its enclosing sections, outermost first.
    pub fn path(&self, i: usize) -> Vec<usize> {
        let mut path = Vec::new();
        let mut at = Some(i).filter(|&i| i < self.sections.len());
        while let Some(i) = at {
            path.push(i);
            at = self.sections[i].parent;
        }
        path.reverse();
        path
    }

    /// Where `pos` is, for a citation: its section's path (outermost
    /// first) and which paragraph of that section (or, with no section,
    /// of the document) it is in, counting from 1; `None` when `pos` is
    /// not in a paragraph (a title, heading or caption).
    pub fn place(&self, doc: &Doc, pos: Pos) -> (Vec<usize>, Option<usize>) {
        let section = self.at(pos);
        let path = section.map_or_else(Vec::new, |i| self.path(i));
        let from = section.map_or(0, |i| self.sections[i].unit);
        let is_para = |u: &Unit| u.kind == UnitKind::Paragraph;
        let paragraph = doc.units.get(pos.unit).filter(|u| is_para(u)).map(|_| {
            let upto = pos.unit.min(doc.units.len() - 1);
            doc.units[from..=upto].iter().filter(|u| is_para(u)).count()
        });
        (path, paragraph)
    }

    /// The first section starting after `pos`, of depth at most
    /// `max_depth` (any depth with `None`).
    pub fn next(&self, pos: Pos, max_depth: Option<usize>) -> Option<usize> {
        let from = self.sections.partition_point(|s| s.start() <= pos);
        (from..self.sections.len()).find(|&i| fits(&self.sections[i], max_depth))
    }

    /// The last section starting before `pos` (so, inside a section, its
    /// own start), of depth at most `max_depth`.
    pub fn prev(&self, pos: Pos, max_depth: Option<usize>) -> Option<usize> {
        let before = self.sections.partition_point(|s| s.start() < pos);
        (0..before)
            .rev()
            .find(|&i| fits(&self.sections[i], max_depth))
    }
}

fn fits(s: &Section, max_depth: Option<usize>) -> bool {
    max_depth.is_none_or(|d| s.depth <= d)
}

#[derive(Default)]
struct Builder {
    sections: Vec<Section>,
    open: Vec<Open>,
    /// Rank of the last heading (a heading without a number takes it).
    heading_rank: Option<u8>,
    /// The last `第…编`, `第…章`, `第…节`, `第…条` number: these run on
    /// through a whole document instead of restarting under each parent.
    ordinals: [Option<u32>; 4],
}

impl Builder {
    fn heading(&mut self, i: usize, u: &Unit) {
        let m = marker(&u.text);
        let rank = m.map_or(self.heading_rank.unwrap_or(TOP), |m| rank(m.style));
        self.heading_rank = Some(rank);
        if let Some(m) = m {
            self.note_ordinal(m);
        }
        while self.open.last().is_some_and(|o| o.rank >= rank) {
            self.open.pop();
        }
        let chars: Vec<char> = u.text.chars().collect();
        let from = m.map_or(0, |m| m.end);
        let title: String = chars[from..].iter().collect();
        let section = Section {
            unit: i,
            depth: 0,
            parent: None,
            style: m.map(|m| m.style),
            marker: marker_text(&chars, m),
            title: one_line(&title),
            heading: true,
            head_end: chars.len(),
        };
        self.push(section, rank, m.map_or(0, |m| m.value), true);
    }

    /// A numbered paragraph is a section when its number continues the
    /// numbering of its level (or starts it at 1 under its parent), and,
    /// in an article with headings, when it nests under a heading.
    fn paragraph(&mut self, i: usize, u: &Unit, has_headings: bool) {
        let Some(m) = marker(&u.text) else {
            return;
        };
        let r = rank(m.style);
        if has_headings {
            let heading = self.open.iter().rev().find(|o| o.heading);
            if heading.is_none_or(|h| h.rank >= r) {
                return;
            }
        }
        let keep = self
            .open
            .iter()
            .rposition(|o| o.rank <= r)
            .map_or(0, |p| p + 1);
        let prev = self.open[..keep].last().copied().filter(|o| o.rank == r);
        let last = match self.ordinals.get(m.style as usize) {
            Some(ordinal) => *ordinal,
            None => prev.map(|o| o.value),
        };
        if !continues(last, m.value) {
            return;
        }
        self.note_ordinal(m);
        self.open.truncate(keep - usize::from(prev.is_some()));
        let chars: Vec<char> = u.text.chars().collect();
        let (title, head_end) = first_sentence(&chars[m.end..]);
        let section = Section {
            unit: i,
            depth: 0,
            parent: None,
            style: Some(m.style),
            marker: marker_text(&chars, Some(m)),
            title,
            heading: false,
            head_end: m.end + head_end,
        };
        self.push(section, r, m.value, false);
    }

    fn note_ordinal(&mut self, m: Marker) {
        if let Some(last) = self.ordinals.get_mut(m.style as usize) {
            *last = Some(m.value);
        }
    }

    fn push(&mut self, mut section: Section, rank: u8, value: u32, heading: bool) {
        section.depth = self.open.len();
        section.parent = self.open.last().map(|o| o.index);
        self.open.push(Open {
            rank,
            value,
            heading,
            index: self.sections.len(),
        });
        self.sections.push(section);
    }
}

/// Whether `value` continues numbering whose last number was `last`:
/// the next number (one may be missing, where a paragraph was merged
/// into another), or 1 to start.
fn continues(last: Option<u32>, value: u32) -> bool {
    match last {
        Some(l) => value > l && value <= l + 2,
        None => value == 1,
    }
}

/// The number as written, without the white space around it.
fn marker_text(chars: &[char], m: Option<Marker>) -> String {
    let Some(m) = m else {
        return String::new();
    };
    chars[m.start..m.end]
        .iter()
        .collect::<String>()
        .trim_end_matches(is_space)
        .to_string()
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A paragraph's heading sentence after its number: up to its closing
/// mark (excluded from the title, counted in the returned length), or
/// the first 40 characters.
fn first_sentence(chars: &[char]) -> (String, usize) {
    let end = chars
        .iter()
        .take(TITLE_CHARS + 1)
        .position(|c| SENTENCE_END.contains(c));
    match end {
        Some(e) => (one_line(&chars[..e].iter().collect::<String>()), e + 1),
        None => {
            let n = chars.len().min(TITLE_CHARS);
            (one_line(&chars[..n].iter().collect::<String>()), n)
        }
    }
}

#[cfg(test)]
mod tests;
