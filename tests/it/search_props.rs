//! Property tests for the search: every occurrence is found, highlights
//! cover whole original characters, and nothing panics.

use bulletin::text::search::{Match, Query, find_all};
use bulletin::text::{Doc, Unit, UnitKind};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::UnicodeNormalization;

/// Characters that NFKC folds one by one (no combining marks): plain,
/// full-width, and expanding compatibility forms (`㎏` -> `kg`, `ﬁ` -> `fi`).
const SIMPLE: &[char] = &[
    '物', '业', '中', 'a', 'b', 'A', 'B', 'k', 'g', '1', ' ', ',', 'Ａ', 'ｂ', '１', '，', '㎏',
    'ﬁ', 'f', 'i', '①', 'İ',
];
/// Characters whose folding is exactly one character.
const ONE_TO_ONE: &[char] = &[
    '物', '业', 'a', 'b', 'A', 'B', '1', ',', 'Ａ', 'ｂ', '１', '，',
];
/// Pieces that NFKC joins with their neighbours.
const JOINING: &[&str] = &["e\u{301}", "\u{301}", "é", "가\u{11a8}", "\u{11a8}", "E"];

fn text_of(set: &'static [char], len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(select(set), len).prop_map(|v| v.into_iter().collect())
}

fn mixed_text(len: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        select(SIMPLE).prop_map(String::from),
        select(JOINING).prop_map(String::from),
    ];
    prop::collection::vec(piece, len).prop_map(|v| v.concat())
}

fn para(text: &str) -> Doc {
    Doc {
        units: vec![Unit::new(UnitKind::Paragraph, Some(0), text)],
    }
}

/// Smart case on the NFKC of the query.
fn sensitive(q: &str) -> bool {
    q.nfkc().any(char::is_uppercase)
}

fn fold(s: &str, sensitive: bool) -> String {
    let n: String = s.nfkc().collect();
    if sensitive {
        n
    } else {
        n.chars().flat_map(char::to_lowercase).collect()
    }
}

/// Reference search for text made of [`SIMPLE`] characters: fold each
/// character alone, find occurrences in the folded string, widen each to
/// whole original characters, merge the ones that then overlap.
fn oracle(text: &str, q: &str) -> Vec<Match> {
    let cs = sensitive(q);
    let needle = fold(q, cs);
    let mut folded = String::new();
    let mut owner = Vec::new(); // per folded byte: (orig start, orig end)
    for (i, c) in text.char_indices() {
        let f = fold(&c.to_string(), cs);
        owner.extend(std::iter::repeat_n((i, i + c.len_utf8()), f.len()));
        folded.push_str(&f);
    }
    let mut out: Vec<Match> = Vec::new();
    for (s, m) in folded.match_indices(&needle) {
        let (start, end) = (owner[s].0, owner[s + m.len() - 1].1);
        match out.last_mut() {
            Some(prev) if start < prev.end => prev.end = prev.end.max(end),
            _ => out.push(Match {
                unit: 0,
                start,
                end,
            }),
        }
    }
    out
}

/// A non-empty substring of `text` at char indices picked from `a`, `b`.
fn substring(text: &str, a: usize, b: usize) -> (usize, &str) {
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let n = bounds.len() - 1;
    let i = a % n;
    let j = i + 1 + b % (n - i);
    (bounds[i], &text[bounds[i]..bounds[j]])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn finds_every_substring(text in text_of(SIMPLE, 1..40), a in 0usize..64, b in 0usize..64) {
        let (at, sub) = substring(&text, a, b);
        prop_assume!(!sub.trim().is_empty());
        let q = Query::parse(sub).unwrap().unwrap();
        let ms = find_all(&para(&text), &q);
        // The occurrence at `at` is found, or lies inside an earlier match
        // (non-overlapping search: `aa` in `aaa` at 1).
        prop_assert!(ms.iter().any(|m| m.start <= at && at < m.end), "{text:?} {sub:?} {ms:?}");
        prop_assert_eq!(ms, oracle(&text, sub));
    }

    #[test]
    fn match_text_folds_to_the_query(text in text_of(ONE_TO_ONE, 1..40), a in 0usize..64, b in 0usize..64) {
        let (_, sub) = substring(&text, a, b);
        prop_assume!(!sub.trim().is_empty());
        let cs = sensitive(sub);
        for m in find_all(&para(&text), &Query::parse(sub).unwrap().unwrap()) {
            prop_assert_eq!(fold(&text[m.start..m.end], cs), fold(sub, cs));
        }
    }

    #[test]
    fn match_text_contains_the_folded_query(text in mixed_text(0..30), q in mixed_text(1..4)) {
        prop_assume!(!q.trim().is_empty());
        let cs = sensitive(&q);
        let needle = fold(&q, cs);
        let ms = find_all(&para(&text), &Query::parse(&q).unwrap().unwrap());
        // Found iff the whole-string NFKC (+ lowercase) of the text has it.
        prop_assert_eq!(!ms.is_empty(), fold(&text, cs).contains(&needle), "{:?} {:?}", text, q);
        for m in ms {
            let shown = &text[m.start..m.end];
            prop_assert!(fold(shown, cs).contains(&needle), "{text:?} {q:?} {shown:?}");
        }
        // A query cut from the text is found there.
        if !text.trim().is_empty() {
            let found = find_all(&para(&text), &Query::parse(&text).unwrap().unwrap());
            prop_assert_eq!(found, vec![Match { unit: 0, start: 0, end: text.len() }]);
        }
    }

    #[test]
    fn never_panics_and_matches_are_sane(text in any::<String>(), q in any::<String>(), re in any::<bool>()) {
        let input = if re { format!("re:{q}") } else { q };
        let Ok(Some(query)) = Query::parse(&input) else { return Ok(()) };
        let ms = find_all(&para(&text), &query);
        for w in ms.windows(2) {
            prop_assert!(w[0].end <= w[1].start);
        }
        for m in &ms {
            prop_assert!(m.start < m.end);
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}
