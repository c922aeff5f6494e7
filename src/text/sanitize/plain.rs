//! The common case of sanitising: text with nothing to remove or change,
//! found by a scan of its bytes. Only the lead bytes of the characters
//! sanitising touches (U+0080–U+00BF, U+0600–U+063F, U+2000–U+2FFF,
//! U+F000–U+FFFF) make it look at a whole character; everything else
//! (ASCII, Han, kana, Hangul, the rest) passes on its first byte.

use super::{LINE_SEPARATOR, PARAGRAPH_SEPARATOR, is_removed};

/// Whether `s` holds no character [`super::sanitize`] removes or changes
/// (no control character, tab or line separator), `'\n'` excepted when
/// `newline`: then sanitising gives `s` back as it is.
pub(super) fn unchanged(s: &str, newline: bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    loop {
        match bytes[i..].iter().position(|&b| SUSPECT[b as usize]) {
            None => return true,
            Some(k) => i += k,
        }
        let next = bytes.get(i + 1).copied();
        let ok = match bytes[i] {
            b'\n' => newline,
            // U+2080-2FFF, U+F000-FEBF and U+FF00-FFFF (full-width `，：`)
            // hold nothing sanitising touches.
            0xE2 if !matches!(next, Some(0x80 | 0x81)) => true,
            0xEF if next != Some(0xBB) => true,
            // A character's first byte (never a continuation byte).
            0xC2 | 0xD8 | 0xE2 | 0xEF => s[i..].chars().next().is_some_and(kept),
            _ => false,
        };
        if !ok {
            return false;
        }
        i += 1;
    }
}

/// The bytes [`unchanged`] looks at: C0 controls, DEL, and the first bytes
/// of the other characters sanitising may touch.
static SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[0x7F] = true;
    t[0xC2] = true;
    t[0xD8] = true;
    t[0xE2] = true;
    t[0xEF] = true;
    t
};

/// Whether sanitising keeps `c` as it is (`'\n'` aside).
fn kept(c: char) -> bool {
    !(is_removed(c) || c == LINE_SEPARATOR || c == PARAGRAPH_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The definition, a character at a time.
    fn reference(s: &str, newline: bool) -> bool {
        s.chars().all(|c| (newline && c == '\n') || kept(c))
    }

    #[test]
    fn every_character_alone_and_between_letters() {
        // Four-byte characters all pass on their first byte: a sample.
        let some = (0..0x10000).chain((0x10000..=0x10FFFF).step_by(97));
        for c in some.filter_map(char::from_u32) {
            for s in [c.to_string(), format!("a{c}中")] {
                for newline in [false, true] {
                    assert_eq!(unchanged(&s, newline), reference(&s, newline), "{s:?}");
                }
            }
        }
    }

    /// Characters around the ones sanitising touches, and any others.
    fn text() -> impl Strategy<Value = String> {
        let near = "\n\t\u{1b}[\u{9b}\u{9c}\u{a0}\u{ad}\u{61c}\u{200b}\u{200d}\u{2028}\u{2029}\u{202e}\u{2066}\u{feff}\u{fffd}，中\u{7f}";
        let chars: Vec<char> = near.chars().collect();
        let c = prop_oneof![proptest::sample::select(chars), any::<char>()];
        prop::collection::vec(c, 0..24).prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn agrees_with_the_definition(s in text(), newline in any::<bool>()) {
            prop_assert_eq!(unchanged(&s, newline), reference(&s, newline));
            if unchanged(&s, true) {
                prop_assert_eq!(super::super::sanitize(&s), s);
            }
        }
    }
}
