//! The fast key folding against the normaliser run on the whole text.

use std::collections::BTreeSet;

use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::is_nfkc_quick;

use super::*;
use crate::text::search::fold::inert;
use crate::text::search::han_pairs;

/// What `fold_key` computed before it had a fast path: NFKC of the whole
/// text, each character then folded to simplified (by a plain search of
/// the table) and lowercased (final sigma to sigma).
fn reference(text: &str) -> String {
    let han = |c: char| match han_pairs().binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => han_pairs()[i].1,
        Err(_) => c,
    };
    let mut out = String::new();
    for c in text.nfkc().map(han) {
        if c == 'ς' {
            out.push('σ');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// The characters whose NFKC alone is several characters (which
/// `changed` must be called with), and those the quick-check does not
/// pass (the only ones it may be called with), by the library alone.
fn reference_changed(text: &str) -> (BTreeSet<char>, BTreeSet<char>) {
    let several = |c: &char| c.nfkc().count() > 1;
    let not_yes = |c: &char| is_nfkc_quick(std::iter::once(*c)) != IsNormalized::Yes;
    (
        text.chars().filter(several).collect(),
        text.chars().filter(not_yes).collect(),
    )
}

fn fast(text: &str) -> (String, BTreeSet<char>) {
    let mut out = String::from("kept");
    let mut changed = BTreeSet::new();
    fold_key_into(text, &mut out, |c| {
        changed.insert(c);
    });
    assert!(out.starts_with("kept"), "appends");
    (out["kept".len()..].to_string(), changed)
}

/// Characters where chunking, composing or folding could go wrong:
/// combining marks (in and out of canonical order), Hangul jamo, kana
/// voicing marks, full-width and compatibility forms, composition
/// exclusions, many-character expansions, case oddities, both scripts of
/// Han (in and beyond the BMP).
const TRICKY: &[&str] = &[
    "e",
    "E",
    "\u{301}",
    "\u{327}",
    "\u{308}",
    "\u{323}",
    "\u{344}",
    "\u{340}",
    "\u{f73}",
    "\u{f71}",
    "\u{f72}",
    "가",
    "각",
    "\u{1100}",
    "\u{1161}",
    "\u{11a8}",
    "ㄱ",
    "ｶ",
    "ﾞ",
    "\u{3099}",
    "\u{309b}",
    "か",
    "Ａ",
    "ａ",
    "，",
    "。",
    "、",
    "㎏",
    "…",
    "ﬁ",
    "①",
    "⑩",
    "㍻",
    "\u{1e9b}",
    "ς",
    "Σ",
    "İ",
    "ǅ",
    "Ω",
    "K",
    "Å",
    "Å",
    "\u{958}",
    "\u{fb2c}",
    "\u{fdfa}",
    "\u{2000}",
    "發",
    "髮",
    "后",
    "後",
    "社",
    "區",
    "𫝈",
    "㑮",
    "\u{f900}",
    "\u{2f800}",
    "物",
    "a",
    " ",
    "1",
    "１",
    "\u{1f1e8}",
];

fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => select(TRICKY).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn folds_as_the_normaliser_does(s in text()) {
        let (folded, changed) = fast(&s);
        prop_assert_eq!(folded, reference(&s));
        let (must, may) = reference_changed(&s);
        prop_assert!(must.is_subset(&changed) && changed.is_subset(&may), "{:?}", changed);
    }
}

#[test]
fn every_character_alone_and_after_a_letter_folds_as_before() {
    // Planes 0-2 and the tags and variation selectors: planes 3-13 and
    // 15-16 hold only ideographs NFKC and lowercasing leave alone, private
    // use and unassigned code points (the property test draws from them);
    // inert characters have their own test.
    let planes = (0..0x30000).chain(0xE0000..0xE1000);
    for c in planes.filter_map(char::from_u32).filter(|&c| !inert(c)) {
        let alone = c.to_string();
        assert_eq!(fast(&alone).0, reference(&alone), "{:04X}", c as u32);
        if !c.is_ascii() && quick(c) != IsNormalized::Yes {
            let after = format!("a{c}");
            assert_eq!(fast(&after).0, reference(&after), "a + {:04X}", c as u32);
        }
    }
}

#[test]
fn inert_blocks_are_inert() {
    for c in (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|&c| inert(c))
    {
        assert_eq!(is_nfkc_quick(std::iter::once(c)), IsNormalized::Yes);
        assert_eq!(canonical_combining_class(c), 0, "{c}");
        assert!(c.to_lowercase().eq([c]), "{c}");
    }
}

#[test]
fn ascii_and_appending() {
    assert_eq!(fast("AbC 1").0, "abc 1");
    assert_eq!(fast("ＡＢＣ１９９８，社區").0, "abc1998,社区");
    assert_eq!(fold_key("Ab中"), "ab中");
}
