//! The search index: every article's text folded once (NFKC, traditional
//! to simplified, lowercase: [`fold_key`]), kept in the XDG cache directory
//! and memory-mapped, so a search of a large archive is one pass of
//! `memmem` over it instead of parsing every article's JSON.
//!
//! File layout (little-endian): a header (magic, version, the archive's
//! identity, the article count and where the tables are), the folded text
//! (each unit followed by `\x01`, which sanitised text never holds), then
//! one `u64` start offset per article plus the end, then one flag byte per
//! article, then one `u128` per article: the ASCII characters found in its
//! multi-character foldings (see [`FLAG_EXPANDS_ASCII`]). The file is written beside its final name and renamed into
//! place, so a reader sees a whole index or none. An index whose identity
//! (path, size, modification time, inode) no longer matches the archive is
//! stale and rebuilt.

use std::fs;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use memmap2::Mmap;
use sha2::{Digest, Sha256};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

use super::Corpus;
use crate::text::UnitKind;
use crate::text::search::fold_key;

const MAGIC: &[u8; 8] = b"BLTNFIX1";
const VERSION: u32 = 3;
/// Ends each unit in the folded text.
pub const UNIT_END: u8 = 0x01;
/// Header size before the folded text.
const HEADER: usize = 64;

/// Flag: a character of the article folds to several ASCII characters
/// (`…` -> `...`, `㎏` -> `kg`). A query that starts or ends with one of
/// those characters (the article's mask says which) could match inside
/// such a folding, where the in-article search merges overlapping hits:
/// its counts there are taken from the article itself.
pub const FLAG_EXPANDS_ASCII: u8 = 1;
/// Flag: the article's body could not be read; it has no text here.
pub const FLAG_UNREADABLE: u8 = 2;
/// Flag: a character folds to several characters not all ASCII (`㍻` ->
/// `平成`): counts there are always taken from the article itself.
pub const FLAG_EXPANDS_OTHER: u8 = 4;

/// What makes an archive file the same file: the index is only used while
/// all of it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    pub len: u64,
    pub mtime_ns: u64,
    pub inode: u64,
}

impl Identity {
    pub fn of(path: &Path) -> io::Result<Identity> {
        let meta = fs::metadata(path)?;
        let mtime_ns = meta
            .modified()?
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64);
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&meta);
        #[cfg(not(unix))]
        let inode = 0;
        Ok(Identity {
            len: meta.len(),
            mtime_ns,
            inode,
        })
    }
}

/// Where the index of `archive` is kept in `cache_dir`.
pub fn index_path(cache_dir: &Path, archive: &Path) -> PathBuf {
    let full = fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf());
    let digest = Sha256::digest(full.to_string_lossy().as_bytes());
    let name: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    cache_dir.join("index").join(format!("{name}.idx"))
}

/// A loaded (memory-mapped) index.
#[derive(Debug)]
pub struct FoldIndex {
    map: Mmap,
    n: usize,
    offsets_at: usize,
    flags_at: usize,
}

impl FoldIndex {
    /// Opens the index at `path` if it is whole and belongs to `identity`
    /// with `n` articles; `None` when it is missing, stale or damaged.
    pub fn open(path: &Path, identity: Identity, n: usize) -> Option<FoldIndex> {
        // A regular file only: anything else planted at the path (a FIFO
        // would block the open) counts as missing, and is replaced by the
        // rename of a new build.
        let (file, _) = crate::files::open_regular(path).ok()?;
        // SAFETY: index files are only ever replaced by rename, never
        // written in place, so the mapped pages do not change under us.
        let map = unsafe { Mmap::map(&file) }.ok()?;
        let h = map.get(..HEADER)?;
        let u64_at = |i: usize| u64::from_le_bytes(h[i..i + 8].try_into().unwrap());
        let ok = &h[..8] == MAGIC
            && u32::from_le_bytes(h[8..12].try_into().unwrap()) == VERSION
            && u64_at(16) == identity.len
            && u64_at(24) == identity.mtime_ns
            && u64_at(32) == identity.inode
            && u64_at(40) == n as u64;
        let offsets_at = usize::try_from(u64_at(48)).ok()?;
        let flags_at = usize::try_from(u64_at(56)).ok()?;
        let whole = offsets_at.checked_add((n + 1) * 8)? == flags_at
            && flags_at.checked_add(n * 17)? == map.len();
        (ok && whole).then_some(FoldIndex {
            map,
            n,
            offsets_at,
            flags_at,
        })
    }

    /// The number of articles.
    pub fn len(&self) -> usize {
        self.n
    }

    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Byte offset (in the file) where article `i`'s folded text starts.
    fn start(&self, i: usize) -> usize {
        let at = self.offsets_at + i * 8;
        u64::from_le_bytes(self.map[at..at + 8].try_into().unwrap()) as usize
    }

    /// Article `i`'s folded text: its units, each ended by [`UNIT_END`].
    pub fn text(&self, i: usize) -> &[u8] {
        let (s, e) = (self.start(i), self.start(i + 1));
        self.map.get(s..e).unwrap_or_default()
    }

    /// The folded text of articles `range` as one slice, with the file
    /// offset of its first byte.
    pub fn span(&self, range: std::ops::Range<usize>) -> (usize, &[u8]) {
        let (s, e) = (self.start(range.start), self.start(range.end));
        (s, self.map.get(s..e).unwrap_or_default())
    }

    /// The article whose text holds file offset `at` (searching from `from`).
    pub fn article_at(&self, at: usize, from: usize) -> usize {
        let mut i = from;
        while i + 1 < self.n && self.start(i + 1) <= at {
            i += 1;
        }
        i
    }

    pub fn flags(&self, i: usize) -> u8 {
        self.map[self.flags_at + i]
    }

    /// The ASCII characters inside article `i`'s multi-character foldings,
    /// as a bit set (bit `c` for character `c`).
    pub fn mask(&self, i: usize) -> u128 {
        let at = self.flags_at + self.n + i * 16;
        u128::from_le_bytes(self.map[at..at + 16].try_into().unwrap())
    }
}

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
