//! Make untrusted article text safe to print (GUIDE §3).
//!
//! Article text is data, never terminal commands. [`sanitize`] removes, in
//! one left-to-right pass:
//!
//! 1. whole escape sequences: CSI (`ESC [` or 8-bit `0x9B`, parameters,
//!    intermediates, final byte), the string sequences OSC (`ESC ]`,
//!    `0x9D`), DCS (`ESC P`, `0x90`), SOS (`ESC X`, `0x98`), PM (`ESC ^`,
//!    `0x9E`) and APC (`ESC _`, `0x9F`) up to and including their
//!    terminator, and the 7-bit `ESC` + (intermediates) + final forms;
//! 2. every character of [`REMOVED`] ([`is_removed`]): the remaining C0
//!    controls except `'\n'` (so `"\r\n"` becomes `"\n"` and a lone `'\r'`
//!    disappears), DEL, C1 controls, the bidi controls U+202A–202E,
//!    U+2066–2069, U+200E, U+200F, U+061C, and U+200B (zero width space),
//!    U+00AD (soft hyphen), U+FEFF (BOM / ZWNBSP).
//!
//! U+2028 (line separator) and U+2029 (paragraph separator) become `'\n'`,
//! a line break like any other. Tabs become spaces up to the next multiple
//! of four columns within the line (columns as `unicode-width` counts
//! characters). ZWJ (U+200D) and
//! variation selectors are kept: emoji sequences need them.
//!
//! A string sequence (OSC, DCS, …) ends at BEL, at ST (`ESC \` or `0x9C`),
//! at CAN/SUB, before any other `ESC` (which starts a new sequence, as in
//! terminals), or — unlike a terminal — at the end of the line, so a stray
//! `ESC ]` cannot swallow the rest of an article. A CSI ends at its final
//! byte; a character that cannot belong to it ends it and is kept.
//!
//! The output contains no control character but `'\n'`, so sanitising is
//! idempotent.

use std::iter::Peekable;
use std::str::Chars;
use unicode_width::UnicodeWidthChar;

mod plain;

const ESC: char = '\u{1B}';
const BEL: char = '\u{07}';
const CAN: char = '\u{18}';
const SUB: char = '\u{1A}';
/// 8-bit String Terminator.
const ST8: char = '\u{9C}';
const TAB_STOP: usize = 4;
/// U+2028 and U+2029 are line breaks in Unicode; terminals disagree on how
/// wide they are. They become `'\n'` (a space in one-line fields).
const LINE_SEPARATOR: char = '\u{2028}';
const PARAGRAPH_SEPARATOR: char = '\u{2029}';

type It<'a> = Peekable<Chars<'a>>;

/// Remove escape sequences and unsafe or invisible control characters,
/// expand tabs. See the module documentation for the exact rules.
pub fn sanitize(s: &str) -> String {
    if plain::unchanged(s, true) {
        return s.to_owned();
    }
    sanitize_each(s)
}

/// [`sanitize`] character by character (what the quick copy must equal).
fn sanitize_each(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut col = 0usize;
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            ESC => skip_escape(&mut it),
            '\u{9B}' => skip_csi(&mut it),
            '\u{90}' | '\u{98}' | '\u{9D}' | '\u{9E}' | '\u{9F}' => skip_string(&mut it),
            '\n' | LINE_SEPARATOR | PARAGRAPH_SEPARATOR => {
                out.push('\n');
                col = 0;
            }
            '\t' => {
                let n = TAB_STOP - col % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', n));
                col += n;
            }
            c if is_removed(c) => {}
            c => {
                out.push(c);
                col += c.width().unwrap_or(0);
            }
        }
    }
    out
}

/// True when [`sanitize`] and [`sanitize_line`] would return `s` as it is
/// (no character they remove or change): a quick test that saves a copy.
pub fn is_clean(s: &str) -> bool {
    plain::unchanged(s, false)
}

/// [`sanitize`], then every `'\n'` becomes a space: for one-line fields.
pub fn sanitize_line(s: &str) -> String {
    sanitize(s).replace('\n', " ")
}

/// Declares [`REMOVED`] and [`is_removed`] from one list of ranges.
macro_rules! removed {
    ($($lo:literal ..= $hi:literal),* $(,)?) => {
        /// The characters removed from untrusted text (GUIDE §3), as
        /// inclusive ranges: the one definition, used by sanitising, by the
        /// id rule of the archive format and by the schema's id pattern.
        /// Tab and line feed are among the C0 controls: [`sanitize`] turns
        /// them into spaces or keeps line breaks, so neither reaches a
        /// terminal as a control, and an id may hold neither.
        pub const REMOVED: &[(char, char)] = &[$(($lo, $hi)),*];

        /// Whether `c` is one of [`REMOVED`]: sanitised text never holds it
        /// (but for `'\n'` in multi-line text), and no id may.
        pub fn is_removed(c: char) -> bool {
            matches!(c, $($lo..=$hi)|*)
        }
    };
}

removed! {
    '\u{0}'..='\u{1F}',         // C0 controls
    '\u{7F}'..='\u{9F}',        // DEL, C1 controls
    '\u{AD}'..='\u{AD}',        // soft hyphen
    '\u{61C}'..='\u{61C}',      // Arabic letter mark (bidi)
    '\u{200B}'..='\u{200B}',    // zero width space
    '\u{200E}'..='\u{200F}',    // left-to-right and right-to-left marks
    '\u{202A}'..='\u{202E}',    // bidi embeddings and overrides
    '\u{2066}'..='\u{2069}',    // bidi isolates
    '\u{FEFF}'..='\u{FEFF}',    // byte order mark / zero width no-break space
}

/// Characters sanitising keeps in running text that still show nothing on
/// a terminal (or end a line there): line and paragraph separators (they
/// break lines), the word joiner and invisible operators, the Hangul
/// filler, tag characters. With [`REMOVED`] and the noncharacters they are
/// what no id may hold and what JSON output escapes, so no two ids that
/// print alike (`abcd`, `ab\u{2060}cd`, `ab\u{3164}cd` …) can both exist.
pub const UNSEEN: &[(char, char)] = &[
    ('\u{2028}', '\u{2029}'),
    ('\u{2060}', '\u{2064}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{E0000}', '\u{E007F}'),
];

/// Whether `c` cannot be seen as itself on a terminal: [`REMOVED`],
/// [`UNSEEN`] or a noncharacter (U+FDD0–FDEF, and the last two code points
/// of every plane).
pub fn is_unseen(c: char) -> bool {
    let n = c as u32;
    is_removed(c)
        || UNSEEN.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
        || (0xFDD0..=0xFDEF).contains(&n)
        || n & 0xFFFE == 0xFFFE
}

/// The characters of [`is_unseen`] in the Basic Multilingual Plane, as
/// the inside of a regular-expression character class, for the schema's
/// id pattern (a schema's patterns cannot name characters beyond it
/// portably; `bulletin check` refuses those too).
pub fn unseen_class() -> String {
    let bmp = UNSEEN.iter().filter(|&&(_, hi)| hi <= '\u{FFFF}');
    let extra = [('\u{FDD0}', '\u{FDEF}'), ('\u{FFFE}', '\u{FFFF}')];
    class_of(REMOVED.iter().chain(bmp).chain(extra.iter()))
}

/// [`REMOVED`] as the inside of a regular-expression character class
/// (`\u0000-\u001f\u007f-\u009f\u00ad…`), for the schema's id pattern.
pub fn removed_class() -> String {
    class_of(REMOVED.iter())
}

fn class_of<'a>(ranges: impl Iterator<Item = &'a (char, char)>) -> String {
    let code = |c: char| format!("\\u{:04x}", c as u32);
    ranges
        .map(|&(lo, hi)| match lo == hi {
            true => code(lo),
            false => format!("{}-{}", code(lo), code(hi)),
        })
        .collect()
}

/// After an `ESC`: drop the rest of the sequence it starts.
fn skip_escape(it: &mut It) {
    match it.peek().copied() {
        Some('[') => {
            it.next();
            skip_csi(it);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            it.next();
            skip_string(it);
        }
        Some(' '..='/') => {
            // nF: intermediates then a final byte.
            while it.next_if(|c| matches!(c, ' '..='/')).is_some() {}
            it.next_if(|c| matches!(c, '0'..='~'));
        }
        Some('0'..='~') => {
            it.next(); // Fp / Fe / Fs: one final byte
        }
        _ => {} // lone ESC: only the ESC goes
    }
}

/// After a CSI introducer: parameters and intermediates, then the final byte.
fn skip_csi(it: &mut It) {
    while it.next_if(|c| matches!(c, ' '..='?')).is_some() {}
    it.next_if(|c| matches!(c, '@'..='~'));
}

/// After OSC/DCS/SOS/PM/APC: everything up to the terminator.
fn skip_string(it: &mut It) {
    while let Some(&c) = it.peek() {
        match c {
            BEL | ST8 | CAN | SUB => {
                it.next();
                return;
            }
            ESC => {
                it.next();
                if it.next_if_eq(&'\\').is_none() {
                    skip_escape(it); // an ESC that is not ST starts a new sequence
                }
                return;
            }
            '\n' => return,
            _ => {
                it.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_quick_copy_is_what_each_character_gives() {
        for s in [
            "",
            "中原区 “社区” …—\n第二行",
            "a\tb",
            "x\u{1b}[31m",
            "\u{9b}1m",
            "a\u{200b}\u{2028}b",
            "\u{202e}",
        ] {
            assert_eq!(super::sanitize(s), super::sanitize_each(s), "{s:?}");
        }
    }

    #[test]
    fn is_clean_means_unchanged() {
        for s in [
            "",
            "中原区 “社区” …—",
            "a\tb",
            "a\nb",
            "x\u{1b}[31m",
            "\u{9b}1m",
            "a\u{200b}",
        ] {
            let unchanged = super::sanitize(s) == s && super::sanitize_line(s) == s;
            assert_eq!(super::is_clean(s), unchanged, "{s:?}");
        }
    }

    use super::*;

    #[test]
    fn removed_ranges_are_ordered_and_apart() {
        for pair in REMOVED.windows(2) {
            assert!(pair[0].0 <= pair[0].1 && pair[0].1 < pair[1].0, "{pair:?}");
        }
        assert!(
            REMOVED
                .iter()
                .all(|&(lo, hi)| is_removed(lo) && is_removed(hi))
        );
        assert!(!is_removed('\u{200d}') && !is_removed('\u{2028}') && !is_removed('中'));
    }

    #[test]
    fn unseen_is_removed_and_more() {
        for c in [
            '\u{1b}',
            '\u{200f}',
            '\u{2028}',
            '\u{2060}',
            '\u{3164}',
            '\u{e0041}',
            '\u{fdd0}',
            '\u{10ffff}',
        ] {
            assert!(is_unseen(c), "U+{:04X}", c as u32);
        }
        assert!(!is_unseen('中') && !is_unseen('a') && !is_unseen('\u{200d}'));
        let class = unseen_class();
        assert!(class.starts_with(&removed_class()), "{class}");
        assert!(
            class.ends_with(r"\u2028-\u2029\u2060-\u2064\u3164\ufdd0-\ufdef\ufffe-\uffff"),
            "{class}"
        );
    }

    #[test]
    fn removed_class_spells_the_ranges() {
        let class = removed_class();
        assert!(
            class.starts_with(r"\u0000-\u001f\u007f-\u009f\u00ad\u061c"),
            "{class}"
        );
        assert!(class.ends_with(r"\u2066-\u2069\ufeff"), "{class}");
    }

    #[test]
    fn removes_whole_escape_sequences() {
        let cases = [
            ("a\u{1b}[2Jb", "ab"),
            ("\u{1b}[31;1mred\u{1b}[0m", "red"),
            ("\u{1b}[?1049h全屏", "全屏"),
            ("x\u{1b}]0;evil title\u{7}y", "xy"),
            ("x\u{1b}]0;evil title\u{1b}\\y", "xy"),
            ("x\u{1b}]52;c;aGk=\u{9c}y", "xy"),
            ("x\u{9b}31my", "xy"),
            ("x\u{9d}0;t\u{7}y", "xy"),
            ("x\u{1b}P1$r q\u{1b}\\y", "xy"),
            ("x\u{90}qpayload\u{9c}y", "xy"),
            ("x\u{1b}_apc\u{1b}\\y", "xy"),
            ("x\u{1b}^pm\u{7}y", "xy"),
            ("x\u{1b}Xsos\u{9c}y", "xy"),
            ("x\u{1b}(By", "xy"),       // nF: designate G0
            ("x\u{1b}7y\u{1b}8", "xy"), // save / restore cursor
            ("x\u{1b}cy", "xy"),        // RIS
            ("x\u{1b}", "x"),
            ("x\u{1b}中", "x中"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize(input), want, "{input:?}");
        }
    }

    #[test]
    fn unterminated_sequences() {
        // A string sequence stops at the end of the line; text after survives.
        assert_eq!(sanitize("a\u{1b}]0;title\nb"), "a\nb");
        assert_eq!(sanitize("a\u{1b}]0;title"), "a");
        // An ESC inside a string ends it and starts a new sequence.
        assert_eq!(sanitize("a\u{1b}]0;t\u{1b}[31mb"), "ab");
        // A CSI ends at a character that cannot belong to it.
        assert_eq!(sanitize("a\u{1b}[31中b"), "a中b");
    }

    #[test]
    fn removes_controls_and_invisibles() {
        let cases = [
            ("a\u{0}b\u{7}c\u{8}d\u{7f}e", "abcde"),
            ("a\u{85}b\u{9c}c", "abc"),
            ("\u{202e}evil\u{202c}", "evil"),
            ("\u{2066}a\u{2069}\u{200e}\u{200f}\u{61c}", "a"),
            ("中\u{200b}文", "中文"),
            ("soft\u{ad}hyphen", "softhyphen"),
            ("\u{feff}BOM", "BOM"),
            ("a\r\nb\rc", "a\nbc"),
            ("a\u{2028}b\u{2029}c", "a\nb\nc"),
            ("👨\u{200d}👩\u{200d}👧", "👨\u{200d}👩\u{200d}👧"),
            ("♥\u{fe0f}", "♥\u{fe0f}"),
        ];
        for (input, want) in cases {
            assert_eq!(sanitize(input), want, "{input:?}");
        }
    }

    #[test]
    fn expands_tabs_to_multiples_of_four() {
        assert_eq!(sanitize("\tx"), "    x");
        assert_eq!(sanitize("ab\tx"), "ab  x");
        assert_eq!(sanitize("abcd\tx"), "abcd    x");
        assert_eq!(sanitize("中\tx"), "中  x");
        assert_eq!(sanitize("abc\n\tx"), "abc\n    x");
        assert_eq!(sanitize("a\u{1b}[1m\tx"), "a   x");
    }

    #[test]
    fn sanitize_line_joins_lines() {
        assert_eq!(sanitize_line("标题\r\n第二行\n"), "标题 第二行 ");
    }

    #[test]
    fn idempotent_on_cases() {
        for s in [
            "a\u{1b}\u{1b}[31mb",
            "\u{1b}]x\u{1b}\u{1b}\\y",
            "\t\u{9b}\t",
            "x\u{1b} \u{1b}[m",
        ] {
            let once = sanitize(s);
            assert_eq!(sanitize(&once), once, "{s:?}");
        }
    }
}
