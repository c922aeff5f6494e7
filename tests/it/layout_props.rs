//! Property tests for the layout engine and the sanitiser.
//!
//! Generated text is a sequence of *content items* (a run of Han
//! characters, a Latin word with pinyin/Greek letters, a number, an emoji
//! sequence, a space, a letter with a combining mark, or a rare hard break),
//! each optionally followed by ONE punctuation token of at most two marks
//! (`。`, `”，`, `——`, `……`, `（`, `(` …).
//!
//! Whether a prohibited line start/end was *avoidable* is not bounded by
//! width: spaces bind to the marks beside them and a one-character item
//! sits between two tokens (`（《国……`, `0…… ……` are unbreakable chains of
//! 10 columns in wide mode). So the punctuation property asks its own
//! oracle, [`clean_break_inside`], whether the line held a clean break.
//! `——`/`……` (at most 4 columns) never need splitting at widths >= 4.

use bulletin::text::linebreak::{
    is_line_end_prohibited, is_line_start_prohibited, preferred_breaks,
};
use bulletin::text::{
    Doc, Layout, LineKind, Pos, Unit, UnitKind, WidthMode, layout, sanitize, str_width,
};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_segmentation::UnicodeSegmentation;

const HAN: &[char] = &[
    '中', '国', '人', '民', '的', '发', '展', '会', '议', '区', '街', '道', '〇', '\u{3000}',
];
const LETTERS: &[char] = &['a', 'b', 'e', 'n', 'x', 'Z', 'ī', 'ǎ', 'é', 'α', 'β', 'Я'];
const DIGITS: &[char] = &['0', '1', '2', '3', '9'];
const EMOJI: &[&str] = &["😀", "👍🏽", "👨\u{200d}👩\u{200d}👧", "🇨🇳", "♥\u{fe0f}", "❤"];
const COMBINING: &[&str] = &["e\u{301}", "a\u{30c}", "o\u{308}\u{304}"];
const PUNCT: &[&str] = &[
    "。", "，", "、", "：", "；", "！", "？", "）", "》", "」", "”", "’", "·", "…", "（", "《",
    "「", "“", "‘", "——", "……", "。”", "”，", "）。", "：“", "（《", ",", ".", ";", ":", "!", "?",
    ")", "(", "—", "※", "→",
];

fn chars_of(set: &'static [char], len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(select(set), len).prop_map(|v| v.into_iter().collect())
}

fn content() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => chars_of(HAN, 1..8),
        2 => chars_of(LETTERS, 1..9),
        2 => chars_of(DIGITS, 1..6),
        1 => select(EMOJI).prop_map(String::from),
        2 => Just(" ".to_string()),
        1 => select(COMBINING).prop_map(String::from),
        1 => Just("\n".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    let item = (content(), prop::option::weighted(0.4, select(PUNCT)));
    prop::collection::vec(item, 0..40).prop_map(|items| {
        let mut s = String::new();
        for (c, p) in items {
            s.push_str(&c);
            s.push_str(p.unwrap_or(""));
        }
        s
    })
}

fn kind() -> impl Strategy<Value = UnitKind> {
    use UnitKind::*;
    select(
        &[
            Title, Byline, Heading, Paragraph, Paragraph, Paragraph, Caption, Credit,
        ][..],
    )
}

fn doc() -> impl Strategy<Value = Doc> {
    prop::collection::vec((kind(), text()), 1..5).prop_map(|units| Doc {
        units: units
            .into_iter()
            .enumerate()
            .map(|(i, (k, t))| Unit::new(k, (k != UnitKind::Title).then_some(i), t))
            .collect(),
    })
}

fn mode() -> impl Strategy<Value = WidthMode> {
    select(&[WidthMode::Narrow, WidthMode::Wide][..])
}

fn text_lines(lay: &Layout) -> impl Iterator<Item = (usize, &bulletin::text::Line)> {
    lay.lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind != LineKind::Blank)
}

/// Whether a soft (not '\n') break follows line `i`, inside its unit.
fn soft_break_after(doc: &Doc, lay: &Layout, i: usize) -> bool {
    let l = lay.lines[i];
    lay.lines
        .get(i + 1)
        .is_some_and(|n| n.kind != LineKind::Blank && n.unit == l.unit && n.start == l.end)
        && l.end < doc.units[l.unit].text.len()
}

/// The oracle for CLREQ breaks, written from the rules rather than the
/// engine: whether `text` has a grapheme boundary strictly inside
/// `start..end` where a line may break. Not inside a `——`/`……` pair; the
/// nearest non-space characters on either side may end and start a line
/// (spaces bind to the marks beside them); not inside a decimal number.
fn clean_break_inside(text: &str, start: usize, end: usize) -> bool {
    let spacey = |c: char| c == ' ' || c == '\u{a0}';
    let digit = |c: char| c.is_ascii_digit();
    let clean = |b: usize| {
        let (left, right) = (&text[..b], &text[b..]);
        let (a, z) = (left.chars().last().unwrap(), right.chars().next().unwrap());
        if a == z && matches!(a, '—' | '…') {
            return false;
        }
        let mut before = left.chars().rev().filter(|&c| !spacey(c));
        let a = before.next();
        let z = right.chars().find(|&c| !spacey(c));
        let number = a == Some('.') && z.is_some_and(digit) && before.next().is_some_and(digit);
        !number
            && !a.is_some_and(is_line_end_prohibited)
            && !z.is_some_and(is_line_start_prohibited)
    };
    text[start..end]
        .grapheme_indices(true)
        .skip(1)
        .any(|(b, _)| clean(start + b))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn lines_give_back_the_text(doc in doc(), width in 1u16..200, mode in mode()) {
        let lay = layout(&doc, width, mode);
        for (u, unit) in doc.units.iter().enumerate() {
            let mine: Vec<_> = lay.lines.iter().filter(|l| l.unit == u && l.kind != LineKind::Blank).collect();
            prop_assert!(!mine.is_empty());
            prop_assert_eq!(mine[0].start, 0);
            prop_assert_eq!(mine.last().unwrap().end, unit.text.len());
            let mut joined = String::new();
            for (k, l) in mine.iter().enumerate() {
                if k > 0 {
                    let gap = &unit.text[mine[k - 1].end..l.start];
                    prop_assert!(gap.is_empty() || gap == "\n", "gap {:?}", gap);
                    joined.push_str(gap);
                }
                joined.push_str(&unit.text[l.start..l.end]);
            }
            prop_assert_eq!(&joined, &unit.text);
        }
    }

    #[test]
    fn no_line_too_wide_and_no_split_grapheme(doc in doc(), width in 1u16..200, mode in mode()) {
        let lay = layout(&doc, width, mode);
        for (i, l) in text_lines(&lay) {
            let text = lay.line_text(&doc, i);
            let n = text.graphemes(true).count();
            prop_assert!(lay.line_width(&doc, i) <= usize::from(width) || n == 1,
                "line {:?} is {} wide at {}", text, lay.line_width(&doc, i), width);
            prop_assert_eq!(str_width(text, mode) + usize::from(l.indent), lay.line_width(&doc, i));
            let full = &doc.units[l.unit].text;
            let bounds: Vec<usize> = full.grapheme_indices(true).map(|(b, _)| b).collect();
            prop_assert!(l.start == full.len() || bounds.binary_search(&l.start).is_ok());
            // Only an empty hard-line segment gives an empty line.
            if text.is_empty() {
                prop_assert!(l.start == 0 || full.as_bytes()[l.start - 1] == b'\n');
                prop_assert!(l.end == full.len() || full.as_bytes()[l.end] == b'\n');
            }
        }
    }

    #[test]
    fn punctuation_rules_hold_when_avoidable(doc in doc(), width in 1u16..200, mode in mode()) {
        let lay = layout(&doc, width, mode);
        for (i, l) in text_lines(&lay) {
            if !soft_break_after(&doc, &lay, i) {
                continue;
            }
            let this = lay.line_text(&doc, i);
            let next = lay.line_text(&doc, i + 1);
            let (last, first) = (this.chars().last().unwrap(), next.chars().next().unwrap());
            if is_line_start_prohibited(first) || is_line_end_prohibited(last) {
                let text = &doc.units[l.unit].text;
                prop_assert!(!clean_break_inside(text, l.start, l.end),
                    "{:?} / {:?} but a clean break was free", this, next);
            }
        }
    }

    #[test]
    fn dash_and_ellipsis_pairs_never_split(doc in doc(), width in 4u16..200, mode in mode()) {
        let lay = layout(&doc, width, mode);
        for (i, _) in text_lines(&lay) {
            if !soft_break_after(&doc, &lay, i) {
                continue;
            }
            let (this, next) = (lay.line_text(&doc, i), lay.line_text(&doc, i + 1));
            let pair = |a: char, b: char| a == b && matches!(a, '—' | '…');
            prop_assert!(!pair(this.chars().last().unwrap(), next.chars().next().unwrap()),
                "{:?} / {:?}", this, next);
        }
    }

    #[test]
    fn positions_round_trip(doc in doc(), width in 1u16..200, mode in mode()) {
        let lay = layout(&doc, width, mode);
        for i in 0..lay.lines.len() {
            let back = lay.line_of(&doc, lay.pos_of(&doc, i));
            let want = if lay.lines[i].kind == LineKind::Blank { i + 1 } else { i };
            prop_assert_eq!(back, want);
        }
        for (u, unit) in doc.units.iter().enumerate() {
            let chars: Vec<(usize, char)> = unit.text.char_indices().collect();
            for offset in 0..=chars.len() {
                let byte = chars.get(offset).map_or(unit.text.len(), |c| c.0);
                let line = lay.line_of(&doc, Pos { unit: u, offset });
                let l = lay.lines[line];
                prop_assert_eq!(l.unit, u);
                prop_assert!(l.kind != LineKind::Blank);
                prop_assert!(lay.pos_of(&doc, line).offset <= offset);
                // The position is on this line (its end counts when a hard
                // break or the unit's end follows).
                prop_assert!(l.start <= byte && byte <= l.end);
                if byte == l.end && byte < unit.text.len() && unit.text.as_bytes()[byte] != b'\n' {
                    prop_assert!(false, "soft-break end {} should map to the next line", byte);
                }
            }
        }
    }
}

fn noisy() -> impl Strategy<Value = String> {
    let piece = select(
        &[
            "a", "中", "\u{1b}", "[", "]", "0;", "31m", "\u{7}", "\\", "\u{9b}", "\u{9d}",
            "\u{90}", "\u{9c}", "P", "\t", "\r", "\n", "\u{202e}", "\u{2066}", "\u{200b}",
            "\u{ad}", "\u{feff}", "\u{200d}", "\u{fe0f}", "\u{0}", "\u{7f}", "\u{85}", " ",
        ][..],
    );
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn sanitize_is_idempotent_and_clean(s in noisy()) {
        let once = sanitize(&s);
        prop_assert_eq!(sanitize(&once), once.clone());
        for c in once.chars() {
            let bad = (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                    | '\u{200b}' | '\u{ad}' | '\u{feff}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
            prop_assert!(!bad, "{:?} left in {:?}", c, once);
        }
        // Without sequence introducers, no printable text is lost.
        if !s.contains(['\u{1b}', '\u{9b}', '\u{9d}', '\u{90}']) {
            let han = |t: &str| t.matches('中').count();
            prop_assert_eq!(han(&once), han(&s));
        }
    }

    #[test]
    fn sanitize_keeps_clean_text(s in text()) {
        prop_assert_eq!(sanitize(&s), s);
    }
}

// Stray spaces (issue 14): copied text puts spaces next to punctuation
// (`在“种子工程 ”、地膜覆盖`) and inside numbers (`增长4 ．5 ％`). A space
// binds to the mark beside it, and a number with full-width punctuation
// stays whole, in both width modes; the text is kept as given.

/// Every mark that may not start a line, and every one that may not end one.
const NO_START: &str = "、，。．：；！？）】》〉」』〕”’·…⋯］｝〗〙〛・‥｡､,.;:!?)]}";
const NO_END: &str = "（【《〈「『〔“‘［｛〖〘〚([{";

fn spaces() -> impl Strategy<Value = String> {
    prop_oneof![3 => Just(String::new()), 2 => Just(" ".to_string()), 1 => Just("  ".to_string())]
}

fn mark() -> impl Strategy<Value = char> {
    let all: Vec<char> = NO_START.chars().chain(NO_END.chars()).collect();
    select(all)
}

/// `4 ．5 ％`: digits, a decimal point and a percent sign, spaces or not.
fn number() -> impl Strategy<Value = String> {
    (
        chars_of(DIGITS, 1..4),
        spaces(),
        select(&["．", "."][..]),
        spaces(),
        chars_of(DIGITS, 1..3),
        spaces(),
        select(&["％", "%", ""][..]),
    )
        .prop_map(|(a, s1, p, s2, b, s3, pc)| {
            let tail = if pc.is_empty() {
                String::new()
            } else {
                format!("{s3}{pc}")
            };
            format!("{a}{s1}{p}{s2}{b}{tail}")
        })
}

/// Text of words and numbers with a spaced mark after each, and where
/// each number is (byte ranges).
fn spaced_text() -> impl Strategy<Value = (String, Vec<std::ops::Range<usize>>)> {
    let word = prop_oneof![
        4 => chars_of(HAN, 1..8),
        1 => chars_of(LETTERS, 1..6),
    ];
    let item = (
        prop::bool::weighted(0.25),
        word,
        number(),
        spaces(),
        mark(),
        spaces(),
    );
    prop::collection::vec(item, 1..30).prop_map(|items| {
        let (mut s, mut numbers) = (String::new(), Vec::new());
        for (is_number, word, num, before, mark, after) in items {
            if is_number {
                let at = s.len();
                s.push_str(&num);
                numbers.push(at..s.len());
            } else {
                s.push_str(&word);
            }
            s.push_str(&before);
            s.push(mark);
            s.push_str(&after);
        }
        (s, numbers)
    })
}

fn paragraph(text: &str) -> Doc {
    Doc {
        units: vec![Unit::new(UnitKind::Paragraph, Some(0), text.to_string())],
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn stray_spaces_bind_to_the_marks_beside_them(
        (text, _) in spaced_text(), width in 40u16..160, mode in mode()
    ) {
        let doc = paragraph(&text);
        let lay = layout(&doc, width, mode);
        for (i, _) in text_lines(&lay) {
            if !soft_break_after(&doc, &lay, i) {
                continue;
            }
            let (this, next) = (lay.line_text(&doc, i), lay.line_text(&doc, i + 1));
            if let Some(first) = next.trim_start_matches(' ').chars().next() {
                prop_assert!(!is_line_start_prohibited(first), "{:?} / {:?}", this, next);
            }
            if let Some(last) = this.trim_end_matches(' ').chars().last() {
                prop_assert!(!is_line_end_prohibited(last), "{:?} / {:?}", this, next);
            }
        }
    }

    /// Unless the line holds no allowed break at all (then it is broken
    /// where it is full, as any word would be).
    #[test]
    fn numbers_with_their_punctuation_are_never_split(
        (text, numbers) in spaced_text(), width in 40u16..160, mode in mode()
    ) {
        let doc = paragraph(&text);
        let lay = layout(&doc, width, mode);
        let allowed = preferred_breaks(&text, mode);
        for (i, l) in text_lines(&lay) {
            if !soft_break_after(&doc, &lay, i) {
                continue;
            }
            if !allowed.iter().any(|&b| l.start < b && b <= l.end) {
                continue;
            }
            for n in &numbers {
                prop_assert!(!(n.start < l.end && l.end < n.end),
                    "{:?} split after {:?}", &text[n.clone()], lay.line_text(&doc, i));
            }
        }
    }

    #[test]
    fn spaced_text_is_laid_out_as_given(
        (text, _) in spaced_text(), width in 1u16..160, mode in mode()
    ) {
        let doc = paragraph(&text);
        let lay = layout(&doc, width, mode);
        let joined: String = text_lines(&lay).map(|(i, _)| lay.line_text(&doc, i)).collect();
        prop_assert_eq!(joined, text);
    }
}

#[test]
fn the_oracle_knows_an_unbreakable_chain_from_a_free_break() {
    for chain in ["0…… ……", "（《国……", "（ 国……", "1.5……"] {
        assert!(!clean_break_inside(chain, 0, chain.len()), "{chain}");
    }
    for free in ["中国……", "国…… 中", "1.5 中"] {
        assert!(clean_break_inside(free, 0, free.len()), "{free}");
    }
}
