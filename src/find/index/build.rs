//! Writing an index: every article folded, two threads at a time, into a
//! temporary file renamed into place when whole.

use std::fs;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_compatible;

use super::{
    FLAG_EXPANDS_ASCII, FLAG_EXPANDS_OTHER, FLAG_UNREADABLE, HEADER, MAGIC, UNIT_END, VERSION, hash,
};
use crate::find::Corpus;
use crate::text::UnitKind;
use crate::text::search::fold_key_into;

/// Builds the index of `corpus` into `path`, stamped with the corpus's
/// own fingerprint, reporting `(done, total)` to `progress`; gives up
/// (`Ok(false)`) when `cancel` is set. The file appears whole under `path`
/// or not at all. Fails when the corpus has no fingerprint, or when an
/// article's body no longer matches it (the file changed under it: the
/// text would not be the text stamped).
pub fn build(
    corpus: &dyn Corpus,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> io::Result<bool> {
    let stamp = corpus
        .fingerprint()
        .ok_or_else(|| io::Error::other("this archive is not indexed"))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = tempfile::NamedTempFile::new_in(dir)?;
    let mut out = BufWriter::new(tmp.as_file());
    out.write_all(&[0; HEADER])?;
    let n = corpus.metas().len();
    let mut offsets = Vec::with_capacity(n + 1);
    let mut flags = Vec::with_capacity(n);
    let mut masks = Vec::with_capacity(n);
    let mut hashes = Vec::with_capacity(n);
    let mut at = HEADER as u64;
    for start in (0..n).step_by(BUILD_CHUNK) {
        if cancel.load(Ordering::Relaxed) {
            return Ok(false);
        }
        let end = (start + BUILD_CHUNK).min(n);
        for folded in fold_range(corpus, start..end)? {
            let (text, flag, mask) = folded.ok_or_else(changed)?;
            offsets.push(at);
            hashes.push(hash(&text));
            out.write_all(&text)?;
            at += text.len() as u64;
            flags.push(flag);
            masks.push(mask);
        }
        progress(end, n);
    }
    offsets.push(at);
    let tables = tables(&offsets, &flags, &masks, &hashes);
    out.write_all(&tables)?;
    let flags_at = at + (offsets.len() as u64) * 8;
    out.seek(SeekFrom::Start(0))?;
    out.write_all(&header(stamp.content, n, (at, flags_at), hash(&tables)))?;
    out.flush()?;
    drop(out);
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(true)
}

/// Articles folded between two writes (and progress reports).
const BUILD_CHUNK: usize = 512;

/// One article's folded text, flags and mask; `None` when its body no
/// longer matches the corpus.
type Folded = Option<(Vec<u8>, u8, u128)>;

fn changed() -> io::Error {
    io::Error::other("the archive changed while it was indexed")
}

/// The tables that follow the text, as written.
fn tables(offsets: &[u64], flags: &[u8], masks: &[u128], hashes: &[u64]) -> Vec<u8> {
    let mut t = Vec::with_capacity(offsets.len() * 8 + flags.len() * 25);
    offsets
        .iter()
        .for_each(|o| t.extend_from_slice(&o.to_le_bytes()));
    t.extend_from_slice(flags);
    masks
        .iter()
        .for_each(|m| t.extend_from_slice(&m.to_le_bytes()));
    hashes
        .iter()
        .for_each(|h| t.extend_from_slice(&h.to_le_bytes()));
    t
}

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
    let doc = match corpus.doc(i) {
        Ok(doc) => doc,
        Err(e) if e.changed => return None,
        Err(_) => return Some((Vec::new(), FLAG_UNREADABLE, 0)),
    };
    // Placeholders for what could not be read are not text (as in the
    // in-article search).
    let units = doc.units.iter().filter(|u| u.kind != UnitKind::Note);
    let mut out = String::with_capacity(units.clone().map(|u| u.text.len() + 1).sum());
    let (mut flag, mut mask) = (0, 0);
    for unit in units {
        let (f, m) = fold_unit(&unit.text, &mut out);
        flag |= f;
        mask |= m;
        out.push(UNIT_END as char);
    }
    Some((out.into_bytes(), flag, mask))
}

/// Appends the folding of `text` to `out`; returns its expansion flags
/// (characters whose folding is several characters) and the set of ASCII
/// characters in those foldings (lowercased, as the index folds). One
/// pass: only the characters NFKC may change are looked at again.
fn fold_unit(text: &str, out: &mut String) -> (u8, u128) {
    let (mut flag, mut mask) = (0, 0u128);
    fold_key_into(text, out, |c| {
        let (f, m) = expansion(c);
        flag |= f;
        mask |= m;
    });
    (flag, mask)
}

/// The expansion flag and ASCII mask of `c` alone, one NFKC may change.
fn expansion(c: char) -> (u8, u128) {
    let mut n = 0;
    decompose_compatible(c, |_| n += 1);
    // Composing one character leaves one (`，` -> `,`).
    if n < 2 {
        return (0, 0);
    }
    let (mut n, mut mask, mut all_ascii) = (0, 0u128, true);
    for d in c.nfkc() {
        n += 1;
        // ASCII folds to its lowercase alone.
        match u8::try_from(d) {
            Ok(b) if b.is_ascii() => mask |= 1 << b.to_ascii_lowercase(),
            _ => all_ascii = false,
        }
    }
    match (n, all_ascii) {
        (0..2, _) => (0, 0),
        (_, true) => (FLAG_EXPANDS_ASCII, mask),
        (_, false) => (FLAG_EXPANDS_OTHER, 0),
    }
}

/// The bit set of the ASCII characters of `s`.
pub fn ascii_mask(s: &str) -> u128 {
    s.bytes()
        .filter(u8::is_ascii)
        .fold(0, |m, b| m | (1u128 << b))
}

/// The header: what the text was folded from (`stamp`, `n` articles),
/// where the tables are (`at`: offsets, flags), their hash, and its own.
fn header(stamp: u128, n: usize, at: (u64, u64), tables: u64) -> [u8; HEADER] {
    let mut h = [0u8; HEADER];
    h[..8].copy_from_slice(MAGIC);
    h[8..12].copy_from_slice(&VERSION.to_le_bytes());
    h[16..32].copy_from_slice(&stamp.to_le_bytes());
    for (i, v) in [(32, n as u64), (40, at.0), (48, at.1), (56, tables)] {
        h[i..i + 8].copy_from_slice(&v.to_le_bytes());
    }
    let own = hash(&h[..64]);
    h[64..72].copy_from_slice(&own.to_le_bytes());
    h
}

#[cfg(test)]
mod tests;
