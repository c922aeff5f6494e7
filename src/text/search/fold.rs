//! Normalised ("folded") text with a map back to the original text.
//!
//! Folding is NFKC, then traditional Chinese to simplified (one character
//! to one character, `super::han`), optionally followed by lowercasing. NFKC is applied to
//! *chunks*: a chunk starts at every character before which NFKC never
//! joins anything (a starter that does not compose backwards, UAX #15
//! "composition boundary"), so folding chunk by chunk gives exactly the
//! NFKC of the whole string, and every folded byte comes from exactly one
//! chunk. A chunk is usually one character; a base letter followed by
//! combining marks (`e` + U+0301) or a Hangul syllable plus a trailing
//! jamo form one chunk.
//!
//! Lowercasing is per character (`char::to_lowercase`, plus final sigma
//! `ς` -> `σ`), never context-dependent, so it commutes with chunking.
//!
//! The map is a list of segments. An *aligned* segment is a run of
//! one-character chunks each folding to one character of the same UTF-8
//! length (Han characters, ASCII, most letters): inside it a folded byte
//! offset maps to the original by a constant shift. Any other chunk
//! (`Ａ` -> `A`, `㎏` -> `kg`, `，` -> `,`) is a segment of its own, and a
//! folded range that starts or ends inside it widens to the whole chunk.

use std::sync::OnceLock;

use unicode_normalization::char::{canonical_combining_class, decompose_compatible};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::han::fold_han;

/// Text folded for matching, with its map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Folded {
    pub text: String,
    segs: Vec<Seg>,
    orig_len: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seg {
    /// Byte offset of the segment in the folded text.
    norm: usize,
    /// Byte offset of the segment in the original text.
    orig: usize,
    aligned: bool,
}

/// Whether `c` is its own NFKC, never combines with what is around it
/// (combining class 0), and has no case: for these the folding is the
/// traditional-to-simplified table alone. The CJK ideographs (extension A,
/// the Yijing hexagrams, the unified block) and the Hangul syllables are
/// tested by range, the rest of the Basic Multilingual Plane (CJK and
/// general punctuation, kana, …) in a bit set made once from the Unicode
/// tables; the exhaustive test `inert_blocks_are_inert` holds the ranges to
/// them.
pub(super) fn inert(c: char) -> bool {
    let u = c as u32;
    matches!(u, 0x3400..=0x9FFF | 0xAC00..=0xD7A3)
        || (u < 0x10000 && inert_bmp()[u as usize / 64] & (1 << (u % 64)) != 0)
}

/// The bit set of [`inert`] over the Basic Multilingual Plane.
fn inert_bmp() -> &'static [u64; 1024] {
    static BITS: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    BITS.get_or_init(|| {
        let mut bits = Box::new([0; 1024]);
        for c in (0..0x10000).filter_map(char::from_u32) {
            let inert = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
                && canonical_combining_class(c) == 0
                && c.to_lowercase().eq([c]);
            if inert {
                bits[c as usize / 64] |= 1 << (c as u32 % 64);
            }
        }
        bits
    })
}

/// NFKC quick-check of one character.
pub(super) fn quick(c: char) -> IsNormalized {
    if c.is_ascii() || inert(c) {
        IsNormalized::Yes
    } else {
        is_nfkc_quick(std::iter::once(c))
    }
}

/// Whether NFKC never combines `c` with the text before it.
pub(super) fn boundary_before(c: char) -> bool {
    classify(c).1
}

/// The full-width forms of ASCII `!`..`~` (U+FF01–FF5E): NFKC takes each
/// to its ASCII character, alone.
pub(super) fn full_width(c: char) -> Option<char> {
    match c as u32 {
        u @ 0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0),
        _ => None,
    }
}

/// [`quick`]`(c)`, and [`boundary_before`]`(c)`.
pub(super) fn classify(c: char) -> (IsNormalized, bool) {
    if c.is_ascii() || inert(c) {
        return (IsNormalized::Yes, true);
    }
    if full_width(c).is_some() {
        return (IsNormalized::No, true);
    }
    let q = is_nfkc_quick(std::iter::once(c));
    if canonical_combining_class(c) != 0 {
        return (q, false);
    }
    let boundary = match q {
        IsNormalized::Yes => true,
        IsNormalized::Maybe => false,
        IsNormalized::No => {
            // Decomposes: a boundary iff its decomposition starts with a
            // starter that does not compose backwards (e.g. `Ａ`, `㎏`).
            let mut first = None;
            decompose_compatible(c, |d| {
                first.get_or_insert(d);
            });
            first.is_some_and(|d| {
                canonical_combining_class(d) == 0 && quick(d) != IsNormalized::Maybe
            })
        }
    };
    (q, boundary)
}

/// Lowercases one character (final sigma folds to sigma).
pub(super) fn lower(c: char, out: &mut String) {
    if c == 'ς' {
        out.push('σ');
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if inert(c) {
        out.push(c);
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Both foldings of one text, built in one pass.
pub(crate) struct Pair {
    /// NFKC only: for case-sensitive queries.
    pub exact: Folded,
    /// NFKC then lowercase: for case-insensitive queries.
    pub lower: Folded,
}

impl Folded {
    fn new(orig_len: usize) -> Self {
        Folded {
            text: String::new(),
            segs: Vec::new(),
            orig_len,
        }
    }

    /// Appends the folding `out` of the chunk at original byte `orig`.
    /// `single` is the chunk's length when it is one character.
    fn push(&mut self, orig: usize, single: Option<usize>, out: &str) {
        let one_char = out.chars().nth(1).is_none() && !out.is_empty();
        let aligned = one_char && single == Some(out.len());
        if !(aligned && self.segs.last().is_some_and(|s| s.aligned)) {
            self.segs.push(Seg {
                norm: self.text.len(),
                orig,
                aligned,
            });
        }
        self.text.push_str(out);
    }

    /// Original byte range covering the folded byte range `start..end`
    /// (`start < end`, both char boundaries of `self.text`), widened to
    /// whole chunks.
    pub fn to_orig(&self, start: usize, end: usize) -> (usize, usize) {
        let i = self.segs.partition_point(|s| s.norm <= start) - 1;
        let s = self.segs[i];
        let o_start = if s.aligned {
            s.orig + (start - s.norm)
        } else {
            s.orig
        };
        let j = self.segs.partition_point(|s| s.norm < end) - 1;
        let s = self.segs[j];
        let o_end = if s.aligned {
            s.orig + (end - s.norm)
        } else {
            self.segs.get(j + 1).map_or(self.orig_len, |n| n.orig)
        };
        (o_start, o_end)
    }
}

/// Splits `text` into NFKC chunks: `(byte offset, chunk)`.
fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = rest.next()?;
        let mut end = text.len();
        while let Some(&(i, c)) = rest.peek() {
            if boundary_before(c) {
                end = i;
                break;
            }
            rest.next();
        }
        Some((start, &text[start..end]))
    })
}

/// Folds `text` both ways.
pub(crate) fn fold_pair(text: &str) -> Pair {
    let mut exact = Folded::new(text.len());
    let mut low = Folded::new(text.len());
    let mut nfkc = String::new();
    let mut lowered = String::new();
    for (start, chunk) in chunks(text) {
        let mut it = chunk.chars();
        let first = it.next().expect("chunks are non-empty");
        let single = it.next().is_none().then_some(chunk.len());
        nfkc.clear();
        if single.is_some() && quick(first) == IsNormalized::Yes {
            nfkc.push(fold_han(first));
        } else {
            nfkc.extend(chunk.nfkc().map(fold_han));
        }
        lowered.clear();
        nfkc.chars().for_each(|c| lower(c, &mut lowered));
        exact.push(start, single, &nfkc);
        low.push(start, single, &lowered);
    }
    Pair { exact, lower: low }
}

/// The folded form of `text` alone (queries): NFKC, lowercased if `lower`.
pub(crate) fn fold_str(text: &str, lower: bool) -> String {
    let pair = fold_pair(text);
    if lower {
        pair.lower.text
    } else {
        pair.exact.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::search::fold_key;

    fn orig_of<'a>(text: &'a str, f: &Folded, needle: &str) -> Vec<&'a str> {
        f.text
            .match_indices(needle)
            .map(|(s, m)| {
                let (a, b) = f.to_orig(s, s + m.len());
                &text[a..b]
            })
            .collect()
    }

    #[test]
    fn folds_width_and_compatibility_forms() {
        assert_eq!(fold_str("ＡＢＣ１２３，", false), "ABC123,");
        assert_eq!(fold_str("ＡＢＣ", true), "abc");
        assert_eq!(fold_str("㎏①ﬁ", false), "kg1fi");
        assert_eq!(fold_str("物业", true), "物业");
    }

    #[test]
    fn folds_like_whole_string_nfkc() {
        for s in ["e\u{301}x", "가\u{11a8}", "a\u{0f73}b", "Å\u{301}", "ｶﾞ"] {
            let whole: String = s.nfkc().collect();
            assert_eq!(fold_str(s, false), whole, "{s:?}");
        }
    }

    #[test]
    fn maps_back_to_whole_original_chars() {
        let text = "中ＡＢ㎏x，y";
        let p = fold_pair(text);
        assert_eq!(p.lower.text, "中abkgx,y");
        assert_eq!(orig_of(text, &p.lower, "b"), ["Ｂ"]);
        assert_eq!(orig_of(text, &p.lower, "g"), ["㎏"]);
        assert_eq!(orig_of(text, &p.lower, "gx"), ["㎏x"]);
        assert_eq!(orig_of(text, &p.lower, "中a"), ["中Ａ"]);
        assert_eq!(orig_of(text, &p.lower, "x,y"), ["x，y"]);
    }

    #[test]
    fn aligned_runs_shift_by_a_constant() {
        let text = "ＡBc中文d";
        let p = fold_pair(text);
        assert_eq!(orig_of(text, &p.lower, "bc中"), ["Bc中"]);
        assert_eq!(orig_of(text, &p.exact, "文d"), ["文d"]);
        // Only the full-width letter breaks the run.
        assert_eq!(p.lower.segs.len(), 2);
    }

    #[test]
    fn traditional_folds_to_simplified_and_maps_back() {
        let text = "五年計劃，社區發展";
        let p = fold_pair(text);
        assert_eq!(p.exact.text, "五年计划,社区发展");
        assert_eq!(orig_of(text, &p.exact, "计划"), ["計劃"]);
        assert_eq!(orig_of(text, &p.lower, "区发"), ["區發"]);
        assert_eq!(fold_str("計劃", true), "计划");
        assert_eq!(p.exact.segs.len(), 3, "one-for-one characters stay aligned");
    }

    #[test]
    fn fold_key_is_the_lowercase_folding() {
        for s in ["ＡＢＣ１９９８", "社區發展", "Ab中", "ｶﾞ", "ΣΑΣ"] {
            assert_eq!(fold_key(s), fold_str(s, true), "{s}");
        }
    }

    #[test]
    fn combining_sequences_are_one_chunk() {
        let text = "xe\u{301}y";
        let p = fold_pair(text);
        assert_eq!(orig_of(text, &p.exact, "é"), ["e\u{301}"]);
    }
}
