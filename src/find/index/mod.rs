//! The search index: every article's text folded once (NFKC, traditional
//! to simplified, lowercase: [`fold_key`](crate::text::search::fold_key)),
//! kept in the XDG cache directory, so a search of a large archive is one
//! pass of `memmem` over it, read a few megabytes at a time, instead of
//! parsing every article's JSON.
//!
//! File layout (little-endian): a header (magic, version, the archive's
//! identity, the article count and where the tables are), the folded text
//! (each unit followed by `\x01`, which sanitised text never holds), then
//! one `u64` start offset per article plus the end, then one flag byte per
//! article, then one `u128` per article: the ASCII characters found in its
//! multi-character foldings (see [`FLAG_EXPANDS_ASCII`]). The file is
//! written beside its final name and renamed into place, so a reader sees a whole index or none. An index whose identity
//! (path, size, modification time, inode) no longer matches the archive is
//! stale and rebuilt.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::files::read_exact_at;

mod build;
pub use build::{ascii_mask, build};

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

/// An opened index: the per-article tables in memory (25 bytes an
/// article), the folded text read from the file when searched, a span at a
/// time. Never memory-mapped: a mapped file cut short by someone else
/// raises SIGBUS on the next read of a lost page; a read returns an error.
#[derive(Debug)]
pub struct FoldIndex {
    file: File,
    /// File offset of each article's folded text, then of its end.
    offsets: Vec<u64>,
    flags: Vec<u8>,
    masks: Vec<u128>,
}

impl FoldIndex {
    /// Opens the index at `path` if it is whole and belongs to `identity`
    /// with `n` articles; `None` when it is missing, stale or damaged.
    pub fn open(path: &Path, identity: Identity, n: usize) -> Option<FoldIndex> {
        // A regular file only: anything else planted at the path (a FIFO
        // would block the open) counts as missing, and is replaced by the
        // rename of a new build.
        let (file, meta) = crate::files::open_regular(path).ok()?;
        let mut h = [0u8; HEADER];
        read_exact_at(&file, &mut h, 0).ok()?;
        let u64_at = |i: usize| u64::from_le_bytes(h[i..i + 8].try_into().unwrap());
        let ok = &h[..8] == MAGIC
            && u32::from_le_bytes(h[8..12].try_into().unwrap()) == VERSION
            && u64_at(16) == identity.len
            && u64_at(24) == identity.mtime_ns
            && u64_at(32) == identity.inode
            && u64_at(40) == n as u64;
        let (offsets_at, flags_at) = (u64_at(48), u64_at(56));
        let table_len = u64::try_from(n).ok()?.checked_mul(8 + 17)?.checked_add(8)?;
        let whole = offsets_at.checked_add((n as u64 + 1) * 8)? == flags_at
            && offsets_at.checked_add(table_len)? == meta.len();
        // Every offset is checked to be at most `offsets_at` below, so
        // they all fit a `usize` if it does.
        if !(ok && whole) || usize::try_from(offsets_at).is_err() {
            return None;
        }
        let mut tables = vec![0u8; usize::try_from(table_len).ok()?];
        read_exact_at(&file, &mut tables, offsets_at).ok()?;
        let (offsets, rest) = tables.split_at((n + 1) * 8);
        let (flags, masks) = rest.split_at(n);
        let offsets: Vec<u64> = (offsets.chunks_exact(8))
            .map(|b| u64::from_le_bytes(b.try_into().unwrap()))
            .collect();
        let in_order = offsets.first() == Some(&(HEADER as u64))
            && offsets.windows(2).all(|w| w[0] <= w[1])
            && offsets.last() == Some(&offsets_at);
        in_order.then(|| FoldIndex {
            file,
            offsets,
            flags: flags.to_vec(),
            masks: (masks.chunks_exact(16))
                .map(|b| u128::from_le_bytes(b.try_into().unwrap()))
                .collect(),
        })
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
    /// was opened.
    pub fn read_span(&self, range: std::ops::Range<usize>, buf: &mut Vec<u8>) -> io::Result<usize> {
        let span = self.span(range);
        buf.clear();
        buf.resize(span.len(), 0);
        read_exact_at(&self.file, buf, span.start as u64)?;
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
