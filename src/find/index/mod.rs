//! The search index: every article's text folded once (NFKC, traditional
//! to simplified, lowercase: [`fold_key`](crate::text::search::fold_key)),
//! kept in the XDG cache directory, so a search of a large archive is one
//! pass of `memmem` over it, read a few megabytes at a time, instead of
//! parsing every article's JSON.
//!
//! File layout (little-endian): a header (magic, version, the archive's
//! fingerprint, the article count, where the tables are, a hash of the
//! tables and one of the header itself), the folded text (each unit
//! followed by `\x01`, which sanitised text never holds), then the
//! tables: one `u64` start offset per article plus the end, one flag byte
//! per article, one `u128` per article (the ASCII characters found in its
//! multi-character foldings, see [`FLAG_EXPANDS_ASCII`]) and one `u64` per
//! article, the hash of its folded text. The file is written beside its
//! final name and renamed into place, so a reader sees a whole index or
//! none.
//!
//! Trust (issue 20): the index is stamped with the fingerprint of the
//! library its text was folded from ([`Fingerprint`]: a hash of every
//! article's bytes as the archive's pass read them), never with what the
//! archive's path says (a file renamed over it, or edited in place keeping
//! its size and time, would inherit an index of other text). The header and
//! tables are checked when opened, each article's text when read: a damaged
//! span is never counted from (see [`SpanError::Damaged`]).

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use twox_hash::XxHash3_64;

use crate::files::read_exact_at;
use crate::model::Fingerprint;

mod build;
pub use build::{ascii_mask, build};

const MAGIC: &[u8; 8] = b"BLTNFIX1";
const VERSION: u32 = 4;
/// Ends each unit in the folded text.
pub const UNIT_END: u8 = 0x01;
/// Header size before the folded text.
const HEADER: usize = 80;
/// Bytes of the tables per article: offset, flags, mask, text hash.
const PER_ARTICLE: u64 = 8 + 1 + 16 + 8;

/// The hash kept of each article's folded text, of the tables and of the
/// header.
fn hash(bytes: &[u8]) -> u64 {
    XxHash3_64::oneshot(bytes)
}

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

/// Where the index of `archive` is kept in `cache_dir`.
pub fn index_path(cache_dir: &Path, archive: &Path) -> PathBuf {
    let full = fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf());
    let digest = Sha256::digest(full.to_string_lossy().as_bytes());
    let name: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    cache_dir.join("index").join(format!("{name}.idx"))
}

/// An opened index: the per-article tables in memory (33 bytes an
/// article), the folded text read from the file when searched, a span at a
/// time. Never memory-mapped: a mapped file cut short by someone else
/// raises SIGBUS on the next read of a lost page; a read returns an error.
#[derive(Debug)]
pub struct FoldIndex {
    file: File,
    /// Where it is, to build it again when found damaged.
    path: PathBuf,
    /// The fingerprint of the library the text was folded from.
    stamp: u128,
    /// File offset of each article's folded text, then of its end.
    offsets: Vec<u64>,
    flags: Vec<u8>,
    masks: Vec<u128>,
    /// The hash of each article's folded text.
    hashes: Vec<u64>,
}

/// Why a span of folded text cannot be counted from.
#[derive(Debug)]
pub enum SpanError {
    /// The file could not be read (cut short since it was opened).
    Io(io::Error),
    /// The text read is not what was written: the index is damaged.
    Damaged,
}

impl FoldIndex {
    /// Opens the index at `path` if it is whole and was built from the
    /// library whose fingerprint is `stamp`, with `n` articles; `None`
    /// when it is missing, stale or damaged.
    pub fn open(path: &Path, stamp: &Fingerprint, n: usize) -> Option<FoldIndex> {
        // A regular file only: anything else planted at the path (a FIFO
        // would block the open) counts as missing, and is replaced by the
        // rename of a new build.
        let (file, meta) = crate::files::open_regular(path).ok()?;
        let mut h = [0u8; HEADER];
        read_exact_at(&file, &mut h, 0).ok()?;
        let u64_at = |i: usize| u64::from_le_bytes(h[i..i + 8].try_into().unwrap());
        let ok = &h[..8] == MAGIC
            && u32::from_le_bytes(h[8..12].try_into().unwrap()) == VERSION
            && u128::from_le_bytes(h[16..32].try_into().unwrap()) == stamp.content
            && u64_at(32) == n as u64
            && u64_at(64) == hash(&h[..64]);
        let (offsets_at, flags_at) = (u64_at(40), u64_at(48));
        let table_len = u64::try_from(n)
            .ok()?
            .checked_mul(PER_ARTICLE)?
            .checked_add(8)?;
        let whole = offsets_at.checked_add((n as u64 + 1) * 8)? == flags_at
            && offsets_at.checked_add(table_len)? == meta.len();
        // Every offset is checked to be at most `offsets_at` below, so
        // they all fit a `usize` if it does.
        if !(ok && whole) || usize::try_from(offsets_at).is_err() {
            return None;
        }
        let mut tables = vec![0u8; usize::try_from(table_len).ok()?];
        read_exact_at(&file, &mut tables, offsets_at).ok()?;
        if hash(&tables) != u64_at(56) {
            return None;
        }
        let index = Self::from_tables(file, stamp.content, &tables, n, offsets_at)?;
        Some(FoldIndex {
            path: path.to_path_buf(),
            ..index
        })
    }

    /// The index of `file` from its tables (`n` articles, the text ending
    /// at `offsets_at`); `None` if the offsets are out of order.
    fn from_tables(
        file: File,
        stamp: u128,
        tables: &[u8],
        n: usize,
        offsets_at: u64,
    ) -> Option<FoldIndex> {
        let (offsets, rest) = tables.split_at((n + 1) * 8);
        let (flags, rest) = rest.split_at(n);
        let (masks, hashes) = rest.split_at(n * 16);
        let u64s = |b: &[u8]| -> Vec<u64> {
            (b.chunks_exact(8))
                .map(|b| u64::from_le_bytes(b.try_into().unwrap()))
                .collect()
        };
        let offsets = u64s(offsets);
        let in_order = offsets.first() == Some(&(HEADER as u64))
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.last() == Some(&offsets_at);
        in_order.then(|| FoldIndex {
            file,
            path: PathBuf::new(),
            stamp,
            offsets,
            flags: flags.to_vec(),
            masks: (masks.chunks_exact(16))
                .map(|b| u128::from_le_bytes(b.try_into().unwrap()))
                .collect(),
            hashes: u64s(hashes),
        })
    }

    /// The fingerprint of the library the index was built from: it is
    /// used only for a library with the same one.
    pub fn stamp(&self) -> u128 {
        self.stamp
    }

    /// Where the index is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The number of articles.
    pub fn len(&self) -> usize {
        self.flags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.flags.is_empty()
    }

    /// Byte offset (in the file) where article `i`'s folded text starts.
    fn start(&self, i: usize) -> usize {
        self.offsets[i] as usize
    }

    /// Where the folded text of articles `range` is in the file, as a
    /// range of file offsets.
    pub fn span(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        self.start(range.start)..self.start(range.end)
    }

    /// Reads the folded text of articles `range` (their units, each ended
    /// by [`UNIT_END`]) into `buf`, replacing what it held; returns the file
    /// offset of its first byte. Fails if the file was cut short since it
    /// was opened, or if any article's text does not hash as written.
    pub fn read_span(
        &self,
        range: std::ops::Range<usize>,
        buf: &mut Vec<u8>,
    ) -> Result<usize, SpanError> {
        let span = self.span(range.clone());
        buf.clear();
        buf.resize(span.len(), 0);
        read_exact_at(&self.file, buf, span.start as u64).map_err(SpanError::Io)?;
        for i in range {
            let at = self.span(i..i + 1);
            if hash(&buf[at.start - span.start..at.end - span.start]) != self.hashes[i] {
                return Err(SpanError::Damaged);
            }
        }
        Ok(span.start)
    }

    /// The article whose text holds file offset `at` (searching from `from`).
    pub fn article_at(&self, at: usize, from: usize) -> usize {
        let mut i = from;
        while i + 1 < self.len() && self.start(i + 1) <= at {
            i += 1;
        }
        i
    }

    pub fn flags(&self, i: usize) -> u8 {
        self.flags[i]
    }

    /// The ASCII characters inside article `i`'s multi-character foldings,
    /// as a bit set (bit `c` for character `c`).
    pub fn mask(&self, i: usize) -> u128 {
        self.masks[i]
    }
}
