//! Where a line of Chinese (and mixed) text may break: UAX #14 plus the
//! CLREQ basic-level rules of GUIDE §1, and a greedy line filler.
//!
//! Each boundary between two extended grapheme clusters gets three flags:
//!
//! * `UAX`: a break opportunity — UAX #14 (`unicode-linebreak`), plus
//!   before `“`/`‘` after a CJK character and after `”`/`’` before one
//!   (`国务院 / “两会” / 精神`), plus before a space (so a space that does
//!   not fit at the end of a line can start the next one instead).
//! * `CLREQ`: no CLREQ prohibition — the next cluster is not a mark that
//!   may not start a line, the previous one is not a mark that may not end
//!   one, and the boundary is not inside `——`/`……`.
//! * `PAIR`: not inside a run of `—`, `―`, `…` or `⋯` (so `——`/`……` stay whole).
//!
//! [`Breaker::wrap`] fills each line greedily, then breaks at the last
//! boundary that is both `UAX` and `CLREQ` ("pulling characters down" to
//! satisfy a rule). If the line has none (a word or a punctuation run wider
//! than the line), it falls back to the last `CLREQ` boundary, then to the
//! last `PAIR` boundary, then to the fullest fill: it never overflows.
//!
//! Spaces: a space stays at the end of a line when it fits; one that does
//! not fit starts the next line. A line holding only a space is produced
//! only when the alternative is splitting the following word (a word as
//! wide as the whole line).

use crate::text::width::{WidthMode, grapheme_width};
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;

const UAX: u8 = 1;
const CLREQ: u8 = 2;
const PAIR: u8 = 4;

/// Marks that may not start a line (CLREQ basic, `…` from CLREQ strict,
/// ASCII and a few full-width counterparts).
pub fn is_line_start_prohibited(c: char) -> bool {
    matches!(
        c,
        '、' | '，'
            | '。'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '】'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '〕'
            | '”'
            | '’'
            | '·'
            | '…'
            | '⋯'
            | '］'
            | '｝'
            | '〗'
            | '〙'
            | '〛'
            | '・'
            | '‥'
            | '｡'
            | '､'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
    )
}

/// Marks that may not end a line.
pub fn is_line_end_prohibited(c: char) -> bool {
    matches!(
        c,
        '（' | '【'
            | '《'
            | '〈'
            | '「'
            | '『'
            | '〔'
            | '“'
            | '‘'
            | '［'
            | '｛'
            | '〖'
            | '〘'
            | '〚'
            | '('
            | '['
            | '{'
    )
}

/// Whether a break between `a` and `b` would split `——`, `……` (or `⋯⋯`).
pub fn is_unsplittable_pair(a: char, b: char) -> bool {
    a == b && matches!(a, '—' | '―' | '…' | '⋯')
}

/// Han, kana, CJK symbols and punctuation, full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// CLREQ: a break before an opening quote or after a closing quote is
/// allowed when the neighbour on the other side is CJK.
fn quote_break(a: char, b: char) -> bool {
    (matches!(b, '“' | '‘') && is_cjk(a)) || (matches!(a, '”' | '’') && is_cjk(b))
}

#[derive(Debug, Clone, Copy)]
struct Cluster {
    /// Byte offset in the segment.
    start: usize,
    width: usize,
    first: char,
    /// Flags of the boundary *before* this cluster.
    flags: u8,
}

/// A reusable line breaker (keeps its buffer between segments).
#[derive(Debug, Default)]
pub struct Breaker {
    clusters: Vec<Cluster>,
}

impl Breaker {
    pub fn new() -> Self {
        Self::default()
    }

    /// Break `seg` (text without `'\n'`) into lines: the first at most
    /// `first_width` columns, the rest at most `width` (both at least 1).
    /// Calls `emit(start, end)` with the byte range of each line, in order;
    /// the ranges tile `seg` exactly. An empty `seg` gives one empty line.
    pub fn wrap(
        &mut self,
        seg: &str,
        first_width: usize,
        width: usize,
        mode: WidthMode,
        mut emit: impl FnMut(usize, usize),
    ) {
        self.analyse(seg, mode);
        let cl = &self.clusters;
        let n = cl.len();
        if n == 0 {
            emit(0, 0);
            return;
        }
        let mut s = 0;
        let mut limit = first_width.max(1);
        loop {
            let mut col = cl[s].width;
            let mut j = s + 1;
            while j < n && col + cl[j].width <= limit {
                col += cl[j].width;
                j += 1;
            }
            if j == n {
                emit(cl[s].start, seg.len());
                return;
            }
            let b = choose_break(cl, s, j);
            emit(cl[s].start, cl[b].start);
            s = b;
            limit = width.max(1);
        }
    }

    /// Split into clusters and flag every boundary.
    fn analyse(&mut self, seg: &str, mode: WidthMode) {
        let cl = &mut self.clusters;
        cl.clear();
        for (start, g) in seg.grapheme_indices(true) {
            let first = g.chars().next().unwrap_or(' ');
            let width = grapheme_width(g, mode);
            cl.push(Cluster {
                start,
                width,
                first,
                flags: 0,
            });
        }
        let mut k = 1;
        for (off, _) in linebreaks(seg) {
            while k < cl.len() && cl[k].start < off {
                k += 1;
            }
            if k == cl.len() {
                break;
            }
            if cl[k].start == off {
                cl[k].flags = UAX;
            }
        }
        for k in 1..cl.len() {
            let (a, b) = (cl[k - 1].first, cl[k].first);
            let mut f = cl[k].flags;
            if b == ' ' || quote_break(a, b) {
                f |= UAX;
            }
            if !is_unsplittable_pair(a, b) {
                f |= PAIR;
                if !is_line_start_prohibited(b) && !is_line_end_prohibited(a) && !binds(cl, k) {
                    f |= CLREQ;
                }
            }
            cl[k].flags = f;
        }
    }
}

/// A space in copied text, which binds to the mark beside it.
fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}'
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_decimal_point(c: char) -> bool {
    matches!(c, '．' | '.')
}

/// Marks that belong to the number before them.
fn is_number_mark(c: char) -> bool {
    is_decimal_point(c) || matches!(c, '％' | '%' | '‰' | '‱' | '℃')
}

/// Whether the boundary before cluster `k` is inside a unit that looks
/// through spaces: a space next to a mark that may not start (end) a line
/// on the far (near) side, or a number with its punctuation.
fn binds(cl: &[Cluster], k: usize) -> bool {
    let left = cl[..k].iter().rposition(|c| !is_space(c.first));
    let right = (k..cl.len()).find(|&i| !is_space(cl[i].first));
    let spaced = is_space(cl[k - 1].first) || is_space(cl[k].first);
    let a = left.map(|l| cl[l].first);
    let b = right.map(|r| cl[r].first);
    // Spaces only on one side (the text's start or end) bind as well.
    if spaced && (b.is_some_and(is_line_start_prohibited) || a.is_some_and(is_line_end_prohibited))
    {
        return true;
    }
    let (Some(l), Some(a), Some(b)) = (left, a, b) else {
        return false;
    };
    let digit_before = |i: usize| {
        let before = cl[..i].iter().rposition(|c| !is_space(c.first));
        before.is_some_and(|j| is_digit(cl[j].first))
    };
    (is_digit(a) && is_number_mark(b)) || (is_decimal_point(a) && is_digit(b) && digit_before(l))
}

/// Line starts at cluster `s`; cluster `j` is the first that does not fit.
/// Returns the cluster the next line starts at, in `s + 1..=j`.
fn choose_break(cl: &[Cluster], s: usize, j: usize) -> usize {
    let (mut clreq, mut pair) = (None, None);
    for k in (s + 1..=j).rev() {
        let f = cl[k].flags;
        if f & (UAX | CLREQ) == UAX | CLREQ {
            return k;
        }
        if clreq.is_none() && f & CLREQ != 0 {
            clreq = Some(k);
        }
        if pair.is_none() && f & PAIR != 0 {
            pair = Some(k);
        }
    }
    clreq.or(pair).unwrap_or(j)
}

/// Byte offsets in `seg` where both UAX #14 and the Chinese rules allow a
/// line to break: the breaks [`Breaker::wrap`] takes. It falls back to a
/// break only one of them allows, or one inside a word, when a line holds
/// none of these.
pub fn preferred_breaks(seg: &str, mode: WidthMode) -> Vec<usize> {
    let mut b = Breaker::new();
    b.analyse(seg, mode);
    (b.clusters.iter())
        .filter(|c| c.flags & (UAX | CLREQ) == UAX | CLREQ)
        .map(|c| c.start)
        .collect()
}

/// Convenience for tests and one-off use: the lines of `s` (without
/// `'\n'`) at `width`.
pub fn wrap_str(s: &str, width: usize, mode: WidthMode) -> Vec<&str> {
    let mut out = Vec::new();
    Breaker::new().wrap(s, width, width, mode, |a, b| out.push(&s[a..b]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use WidthMode::Narrow;

    #[test]
    fn prohibited_sets_follow_clreq() {
        for c in "、，。．：；！？）】》〉」』〕”’·…,.;:!?)".chars() {
            assert!(is_line_start_prohibited(c), "{c}");
        }
        for c in "（【《〈「『〔“‘(".chars() {
            assert!(is_line_end_prohibited(c), "{c}");
        }
        assert!(!is_line_start_prohibited('—'));
        assert!(!is_line_start_prohibited('中'));
        assert!(!is_line_end_prohibited('）'));
    }

    #[test]
    fn guide_quote_example() {
        assert_eq!(
            wrap_str("国务院“两会”精神", 6, Narrow),
            ["国务院", "“两会”", "精神"]
        );
    }

    #[test]
    fn stray_spaces_bind_to_their_punctuation() {
        let text = "在“种子工程 ”、地膜覆盖";
        for width in 8..20 {
            for line in wrap_str(text, width, Narrow).iter().skip(1) {
                let first = line.trim_start().chars().next().unwrap();
                assert!(!is_line_start_prohibited(first), "{width}: {line:?}");
            }
        }
        assert_eq!(
            wrap_str("增长4 ．5 ％，", 10, Narrow),
            ["增长", "4 ．5 ％，"]
        );
        assert_eq!(wrap_str("增长4．5％", 6, Narrow), ["增长", "4．5％"]);
        assert_eq!(wrap_str("“ 两会 ”", 4, Narrow), ["“ 两", "会 ”"]);
    }

    #[test]
    fn fallback_tiers() {
        // A word wider than the line: CLREQ still keeps the full stop attached.
        assert_eq!(wrap_str("abcdef。", 6, Narrow), ["abcde", "f。"]);
        // A punctuation run wider than the line: break anyway, never overflow.
        assert_eq!(wrap_str("。。。", 2, Narrow), ["。", "。", "。"]);
        assert_eq!(wrap_str("", 5, Narrow), [""]);
    }
}
