//! Display width of text in the two terminal models the reader supports.
//!
//! * [`WidthMode::Narrow`] counts like `unicode-width`'s `width()`, the
//!   function ratatui itself uses, so laid-out lines match the buffer.
//! * [`WidthMode::Wide`] models wide-ambiguous terminals (xterm
//!   `-cjk_width`, VTE, PuTTY, iTerm2): every East Asian Width = Ambiguous
//!   character that `width()` counts as one column counts two. Unlike
//!   `width_cjk()` this includes ambiguous *letters* (α, ī, é, Cyrillic),
//!   which those terminals draw two columns wide (GUIDE §1).
//!
//! The East_Asian_Width property comes from ICU4X (`icu_properties`), a
//! maintained table of the current Unicode version.

use icu_properties::CodePointMapData;
use icu_properties::props::EastAsianWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How East Asian Ambiguous characters are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum WidthMode {
    /// Ambiguous characters are one column (most terminals' default).
    #[default]
    Narrow,
    /// Ambiguous characters are two columns (wide-ambiguous terminals).
    Wide,
}

/// VARIATION SELECTOR-16: asks for emoji presentation.
const VS16: char = '\u{FE0F}';

/// Whether `c` has East_Asian_Width = Ambiguous (UAX #11).
pub fn is_ambiguous(c: char) -> bool {
    // Nothing below U+00A1 is ambiguous: skip the table for ASCII.
    if (c as u32) < 0xA1 {
        return false;
    }
    CodePointMapData::<EastAsianWidth>::new().get(c) == EastAsianWidth::Ambiguous
}

/// Columns taken by one extended grapheme cluster.
///
/// Narrow: exactly `UnicodeWidthStr::width(g)`. Wide: the same, plus one
/// for every ambiguous character that `width()` counts as one column.
/// Exception: a cluster that asks for emoji presentation (contains U+FE0F)
/// and is already two columns stays two (`♥️` is one emoji, not 3 columns).
pub fn grapheme_width(g: &str, mode: WidthMode) -> usize {
    let mut chars = g.chars();
    let (Some(c), rest) = (chars.next(), chars.as_str()) else {
        return 0;
    };
    if rest.is_empty() {
        return char_width(c, mode);
    }
    let narrow = g.width();
    if mode == WidthMode::Narrow || (narrow >= 2 && g.contains(VS16)) {
        return narrow;
    }
    narrow + g.chars().filter(|&c| ambiguous_narrow(c)).count()
}

/// Width of a cluster made of one character (the common case, kept fast).
fn char_width(c: char, mode: WidthMode) -> usize {
    let u = c as u32;
    if (0x20..0x7F).contains(&u) {
        return 1;
    }
    if (0x3400..=0x9FFF).contains(&u) {
        return 2; // CJK ideographs (Ext. A, URO): always wide
    }
    let mut buf = [0u8; 4];
    let narrow = c.encode_utf8(&mut buf).width();
    if mode == WidthMode::Wide && narrow == 1 && is_ambiguous(c) {
        2
    } else {
        narrow
    }
}

/// An ambiguous character that `width()` counts as one column.
fn ambiguous_narrow(c: char) -> bool {
    is_ambiguous(c) && c.width() == Some(1)
}

/// Columns taken by `s`: the sum over its extended grapheme clusters.
pub fn str_width(s: &str, mode: WidthMode) -> usize {
    if s.bytes().all(|b| (0x20..0x7F).contains(&b)) {
        return s.len();
    }
    s.graphemes(true).map(|g| grapheme_width(g, mode)).sum()
}

/// The longest prefix of `s`, cut at a grapheme boundary, at most `max` columns wide.
pub fn truncate_to_width(s: &str, max: usize, mode: WidthMode) -> &str {
    let mut used = 0;
    for (i, g) in s.grapheme_indices(true) {
        used += grapheme_width(g, mode);
        if used > max {
            return &s[..i];
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use WidthMode::{Narrow, Wide};

    #[test]
    fn ambiguous_property() {
        for c in [
            '“', '”', '‘', '’', '…', '—', '·', '※', '℃', '№', '①', '■', '●', '★',
        ] {
            assert!(is_ambiguous(c), "{c:?} should be ambiguous");
        }
        for c in [
            '→', '×', '°', '§', '─', '│', '┌', 'α', 'ī', 'é', 'ǎ', 'Я', '▽',
        ] {
            assert!(is_ambiguous(c), "{c:?} should be ambiguous");
        }
        for c in [
            'a', '1', ' ', '中', '。', '，', '\u{3000}', '～', '😀', '（',
        ] {
            assert!(!is_ambiguous(c), "{c:?} should not be ambiguous");
        }
    }

    #[test]
    fn narrow_matches_unicode_width() {
        for g in [
            "a",
            "中",
            "“",
            "…",
            "α",
            "é",
            "e\u{301}",
            "👨‍👩‍👧",
            "🇨🇳",
            "♥\u{FE0F}",
            "\u{3000}",
        ] {
            assert_eq!(grapheme_width(g, Narrow), g.width(), "{g:?}");
        }
    }

    #[test]
    fn wide_counts_ambiguous_twice() {
        let cases = [
            ("“", 2),
            ("…", 2),
            ("—", 2),
            ("α", 2),
            ("ī", 2),
            ("é", 2),
            ("e\u{301}", 1), // combining acute is ambiguous but zero-width
            ("a", 1),
            ("中", 2),
            ("。", 2),
            ("😀", 2),
            ("♥\u{FE0F}", 2),
            ("♥", 2),
            ("─", 2),
        ];
        for (g, w) in cases {
            assert_eq!(grapheme_width(g, Wide), w, "{g:?}");
        }
    }

    #[test]
    fn str_width_sums_graphemes() {
        assert_eq!(str_width("国务院“两会”", Narrow), 12);
        assert_eq!(str_width("国务院“两会”", Wide), 14);
        assert_eq!(str_width("ab", Wide), 2);
        assert_eq!(str_width("👨‍👩‍👧x", Narrow), 3);
        assert_eq!(str_width("", Narrow), 0);
    }

    #[test]
    fn truncate_keeps_whole_graphemes() {
        assert_eq!(truncate_to_width("中文字", 5, Narrow), "中文");
        assert_eq!(truncate_to_width("中文字", 6, Narrow), "中文字");
        assert_eq!(truncate_to_width("“a”", 3, Narrow), "“a”");
        assert_eq!(truncate_to_width("“a”", 3, Wide), "“a");
        assert_eq!(truncate_to_width("👨‍👩‍👧", 1, Narrow), "");
        assert_eq!(truncate_to_width("e\u{301}x", 1, Narrow), "e\u{301}");
    }
}
