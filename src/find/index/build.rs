//! Writing an index: every article folded, two threads at a time, into a
//! temporary file renamed into place when whole.

use std::fs;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::{
    FLAG_EXPANDS_ASCII, FLAG_EXPANDS_OTHER, FLAG_UNREADABLE, HEADER, Identity, MAGIC, UNIT_END,
    VERSION,
};
use crate::find::Corpus;
use crate::text::UnitKind;
use crate::text::search::fold_key;

/// Builds the index of `corpus` (the archive at `identity`) into `path`,
/// reporting `(done, total)` to `progress`; gives up (`Ok(false)`) when
/// `cancel` is set. The file appears whole under `path` or not at all.
pub fn build(
    corpus: &dyn Corpus,
    identity: Identity,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<bool> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = BufWriter::new(tmp.as_file());
    out.write_all(&[0; HEADER])?;
    let n = corpus.metas().len();
    let mut offsets = Vec::with_capacity(n + 1);
    let mut flags = Vec::with_capacity(n);
    let mut masks = Vec::with_capacity(n);
    let mut at = HEADER as u64;
    for start in (0..n).step_by(BUILD_CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let end = (start + BUILD_CHUNK).min(n);
        for (text, flag, mask) in fold_range(corpus, start..end)? {
            offsets.push(at);
            out.write_all(&text)?;
            at += text.len() as u64;
            flags.push(flag);
            masks.push(mask);
        }
        progress(end, n);
    }
    offsets.push(at);
    for o in &offsets {
        out.write_all(&o.to_le_bytes())?;
    }
    out.write_all(&flags)?;
    for m in &masks {
        out.write_all(&m.to_le_bytes())?;
    }
    let flags_at = at + (offsets.len() as u64) * 8;
    out.seek(SeekFrom::Start(0))?;
    out.write_all(&header(identity, n, at, flags_at))?;
    out.flush()?;
    drop(out);
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Articles folded between two writes (and progress reports).
const BUILD_CHUNK: usize = 512;

/// One article's folded text, flags and mask.
type Folded = (Vec<u8>, u8, u128);

/// Folds articles `range`, the two halves on two threads (the work is
/// parsing and folding, and machines have more than one core).
fn fold_range(corpus: &dyn Corpus, range: std::ops::Range<usize>) -> io::Result<Vec<Folded>> {
    let mid = range.start + range.len() / 2;
    let fold = |r: std::ops::Range<usize>| r.map(|i| fold_article(corpus, i)).collect::<Vec<_>>();
    std::thread::scope(|s| {
        let first = s.spawn(|| fold(range.start..mid));
        let second = fold(mid..range.end);
        let mut all = first
            .join()
            .map_err(|_| io::Error::other("an indexing thread failed"))?;
        all.extend(second);
        Ok(all)
    })
}

/// Article `i`'s folded units, each ended by [`UNIT_END`], its flags and
/// its mask.
fn fold_article(corpus: &dyn Corpus, i: usize) -> Folded {
    let Ok(doc) = corpus.doc(i) else {
        return (Vec::new(), FLAG_UNREADABLE, 0);
    };
    let (mut out, mut flag, mut mask) = (Vec::new(), 0, 0);
    // Placeholders for what could not be read are not text (as in the
    // in-article search).
    for unit in doc.units.iter().filter(|u| u.kind != UnitKind::Note) {
        let folded = fold_key(&unit.text);
        let (f, m) = expansions(&unit.text);
        flag |= f;
        mask |= m;
        out.extend_from_slice(folded.as_bytes());
        out.push(UNIT_END);
    }
    (out, flag, mask)
}

/// The expansion flags of `text` (characters whose folding is several
/// characters), and the set of ASCII characters in those foldings
/// (lowercased, as the index folds).
fn expansions(text: &str) -> (u8, u128) {
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
    (flag, mask)
}

/// The bit set of the ASCII characters of `s`.
pub fn ascii_mask(s: &str) -> u128 {
    s.bytes()
        .filter(u8::is_ascii)
        .fold(0, |m, b| m | (1u128 << b))
}

fn header(id: Identity, n: usize, offsets_at: u64, flags_at: u64) -> [u8; HEADER] {
    let mut h = [0u8; HEADER];
    h[..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    for (at, v) in [
        (16, id.len),
        (24, id.mtime_ns),
        (32, id.inode),
        (40, n as u64),
        (48, offsets_at),
        (56, flags_at),
    ] {
        h[at..at + 8].copy_from_slice(&v.to_le_bytes());
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expansions_are_told_apart() {
        assert_eq!(expansions("物业，ＡＢＣ①"), (0, 0), "one character each");
        assert_eq!(expansions("等等……"), (FLAG_EXPANDS_ASCII, ascii_mask(".")));
        assert_eq!(expansions("5㎏"), (FLAG_EXPANDS_ASCII, ascii_mask("kg")));
        assert_eq!(expansions("㍻").0, FLAG_EXPANDS_OTHER);
        assert_eq!(expansions("e\u{301}"), (0, 0), "composing is not expanding");
    }
}
