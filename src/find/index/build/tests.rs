use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::{IsNormalized, is_nfkc_quick};

use super::*;
use crate::text::search::fold_key;

/// What the build computed before folding and flagging were one pass:
/// the folded text, and the flags of every character looked at alone.
fn reference(text: &str) -> (String, u8, u128) {
    let (mut flag, mut mask) = (0, 0u128);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes {
            continue;
        }
        if c.nfkc().take(2).count() < 2 {
            continue;
        }
        if c.nfkc().all(|d| d.is_ascii()) {
            flag |= FLAG_EXPANDS_ASCII;
            mask |= ascii_mask(&fold_key(&c.to_string()));
        } else {
            flag |= FLAG_EXPANDS_OTHER;
        }
    }
    (fold_key(text), flag, mask)
}

fn fast(text: &str) -> (String, u8, u128) {
    let mut out = String::new();
    let (flag, mask) = fold_unit(text, &mut out);
    (out, flag, mask)
}

#[test]
fn expansions_are_told_apart() {
    let flags = |s| {
        let (_, f, m) = fast(s);
        (f, m)
    };
    assert_eq!(flags("物业，ＡＢＣ①"), (0, 0), "one character each");
    assert_eq!(flags("等等……"), (FLAG_EXPANDS_ASCII, ascii_mask(".")));
    assert_eq!(flags("5㎏"), (FLAG_EXPANDS_ASCII, ascii_mask("kg")));
    assert_eq!(flags("㍻").0, FLAG_EXPANDS_OTHER);
    assert_eq!(flags("e\u{301}"), (0, 0), "composing is not expanding");
    assert_eq!(
        flags("\u{1e9b}"),
        (0, 0),
        "decomposes to two, composes to one"
    );
}

#[test]
fn every_character_flags_as_before() {
    // Those NFKC may change (all in planes 0-2); the others flag nothing,
    // before and after, and their folding has its own tests
    // (text::search::key).
    let changes = |c: &char| is_nfkc_quick(std::iter::once(*c)) != IsNormalized::Yes;
    for c in (0x80..0x30000).filter_map(char::from_u32).filter(changes) {
        let s = c.to_string();
        assert_eq!(fast(&s), reference(&s), "{:04X}", c as u32);
    }
}

const TRICKY: &[&str] = &[
    "e", "\u{301}", "\u{344}", "가", "\u{11a8}", "ｶ", "ﾞ", "，", "…", "㎏", "ﬁ", "①", "㍻",
    "\u{1e9b}", "\u{fdfa}", "\u{309b}", "發", "物", "A", "Ａ", " ",
];

proptest! {
    #[test]
    fn folds_and_flags_as_before(v in prop::collection::vec(
        prop_oneof![3 => select(TRICKY).prop_map(String::from), 1 => any::<char>().prop_map(String::from)],
        0..16,
    )) {
        let s = v.concat();
        prop_assert_eq!(fast(&s), reference(&s));
    }
}
