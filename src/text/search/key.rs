//! The key folding: NFKC, traditional to simplified, lowercase, without a
//! map back (names, titles, the archive index's text). The same folding as
//! [`super::fold`]'s lower side, done without the normaliser wherever it
//! would change nothing.
//!
//! The text is cut into the same NFKC chunks as there (a chunk starts at
//! each character NFKC never joins to the one before). A chunk of one
//! character is folded on its own: itself when the NFKC quick-check says
//! it is normalised (most text: ASCII, Han, Hangul, CJK punctuation), else
//! its compatibility decomposition when that is one character (full-width
//! forms: `，` -> `,`). Only longer chunks (a letter with combining marks)
//! and characters that decompose into several go through the normaliser.
//! The unit tests hold the result to `text.nfkc()` on arbitrary text.

use unicode_normalization::char::decompose_compatible;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

use super::fold::{classify, full_width, lower, quick};
use super::han::fold_han;

/// `text` folded for comparing without regard to form: NFKC, traditional
/// to simplified, lowercase. Cheaper than the in-article folding (no map
/// back); for matching names and titles, and the archive index.
pub fn fold_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_key_into(text, &mut out, |_| {});
    out
}

/// Appends [`fold_key`]`(text)` to `out`, calling `changed` with each
/// character whose folding alone may be several characters (`…`, `㎏`,
/// `㍻`): every one that is, and none the NFKC quick-check passes; in any
/// order.
pub fn fold_key_into(text: &str, out: &mut String, mut changed: impl FnMut(char)) {
    if text.is_ascii() {
        let at = out.len();
        out.push_str(text);
        out[at..].make_ascii_lowercase();
        return;
    }
    let mut chars = text.char_indices();
    let mut next = chars.next().map(|(i, c)| (i, c, quick(c)));
    while let Some((start, first, q)) = next.take() {
        let mut end = text.len();
        let mut single = true;
        for (i, c) in chars.by_ref() {
            let (qc, boundary) = classify(c);
            if boundary {
                (end, next) = (i, Some((i, c, qc)));
                break;
            }
            if qc != IsNormalized::Yes {
                changed(c);
            }
            single = false;
        }
        if single {
            fold_char(first, q, out, &mut changed);
        } else {
            if q != IsNormalized::Yes {
                changed(first);
            }
            text[start..end]
                .nfkc()
                .for_each(|c| lower(fold_han(c), out));
        }
    }
}

/// Appends the key folding of `c` alone, whose quick-check is `q`; calls
/// `changed` with it unless it folds to one character.
fn fold_char(c: char, q: IsNormalized, out: &mut String, changed: &mut impl FnMut(char)) {
    if q == IsNormalized::Yes {
        return lower(fold_han(c), out);
    }
    if let Some(a) = full_width(c) {
        return out.push(a.to_ascii_lowercase());
    }
    let (mut n, mut one) = (0, c);
    decompose_compatible(c, |d| {
        n += 1;
        one = d;
    });
    if n == 1 {
        // Composing one character leaves it as it is.
        lower(fold_han(one), out);
    } else {
        changed(c);
        c.nfkc().for_each(|c| lower(fold_han(c), out));
    }
}

#[cfg(test)]
mod tests;
