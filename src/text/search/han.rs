//! Simplified and traditional Chinese fold together: each traditional
//! character folds to its simplified form (`發`, `髮` -> `发`; `後` -> `后`),
//! simplified characters stay as they are. Both the text and the query are
//! folded, so either script finds the other. Data: OpenCC's character
//! tables (Apache-2.0), turned into `han_table.rs` by `scripts/gen-han-fold`,
//! which explains the rules.

use super::han_table::HAN_FOLD;

/// Every (traditional, simplified) pair the fold knows, sorted by the
/// traditional character (for converting test texts, and for reference).
pub fn han_pairs() -> &'static [(char, char)] {
    HAN_FOLD
}

/// The block of Han characters most text is in (CJK extension A to the
/// end of the unified ideographs), where a bit set says which ones are
/// traditional before the table is searched.
const BLOCK: std::ops::Range<u32> = 0x3400..0xA000;
const WORDS: usize = ((BLOCK.end - BLOCK.start) / 64) as usize;

/// Bit `c - BLOCK.start` is set when `c` (in [`BLOCK`]) is in [`HAN_FOLD`].
static TRADITIONAL: [u64; WORDS] = traditional_bits();

const fn traditional_bits() -> [u64; WORDS] {
    let mut bits = [0; WORDS];
    let mut i = 0;
    while i < HAN_FOLD.len() {
        let c = HAN_FOLD[i].0 as u32;
        if c >= BLOCK.start && c < BLOCK.end {
            let at = (c - BLOCK.start) as usize;
            bits[at / 64] |= 1 << (at % 64);
        }
        i += 1;
    }
    bits
}

/// The character `c` folds to (itself when it is not traditional).
pub(crate) fn fold_han(c: char) -> char {
    let u = c as u32;
    // Every traditional character is above the CJK radicals.
    if u < 0x2E80 {
        return c;
    }
    if BLOCK.contains(&u) {
        let at = (u - BLOCK.start) as usize;
        if TRADITIONAL[at / 64] & (1 << (at % 64)) == 0 {
            return c;
        }
    }
    match HAN_FOLD.binary_search_by_key(&c, |&(t, _)| t) {
        Ok(i) => HAN_FOLD[i].1,
        Err(_) => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_final() {
        assert!(HAN_FOLD.windows(2).all(|w| w[0].0 < w[1].0));
        for &(t, s) in HAN_FOLD {
            assert_ne!(t, s);
            assert_eq!(fold_han(s), s, "{t} -> {s} folds on");
            assert!(t as u32 >= 0x2E80, "{t}");
        }
    }

    #[test]
    fn the_bit_set_agrees_with_the_table() {
        // Every traditional character is below U+30000.
        assert!(HAN_FOLD.last().is_some_and(|&(t, _)| (t as u32) < 0x30000));
        for c in (0..0x30000).filter_map(char::from_u32) {
            let listed = HAN_FOLD.binary_search_by_key(&c, |&(t, _)| t);
            assert_eq!(fold_han(c), listed.map_or(c, |i| HAN_FOLD[i].1), "{c}");
        }
    }

    #[test]
    fn one_to_many_characters_lose_nothing() {
        let fold = |s: &str| s.chars().map(fold_han).collect::<String>();
        assert_eq!(fold("發髮发"), "发发发");
        assert_eq!(fold("後后"), "后后");
        assert_eq!(fold("五年計劃"), fold("五年计划"));
        assert_eq!(fold("社區"), "社区");
        assert_eq!(
            fold("画划"),
            "画划",
            "distinct simplified characters stay apart"
        );
        assert_eq!(fold("abc，１"), "abc，１");
    }
}
