//! The metadata cache: what the quick pass found in a clean archive file
//! (every article's metadata, where it is and the hash of its bytes, an
//! id → article table), kept in the cache directory beside the search
//! index, so that `list`, `show`, `search` and the reader's first frame
//! cost a lookup instead of a pass over the archive.
//!
//! Never trusted blindly (see `docs/performance.md`, "The metadata
//! cache"): a cache file is of one archive's bytes (its length and the
//! digest of every byte, `digest`), and its own header and sections carry
//! hashes checked before use. What is verified of the archive:
//!
//! - opening a library (`list`, `search`, the reader): the whole file is
//!   hashed again, on several cores, and must give the digest;
//! - one article by id (`show`, `outline`): the file's length, and the
//!   article's own bytes at the cached place hash as the pass saw them
//!   (the same check every body read makes): bytes elsewhere in the file
//!   are not read.
//!
//! Any mismatch and the cache is not used: the pass reads the archive and
//! writes the cache again. Only archives the pass found no problem in are
//! cached (a problem is the full reading's to find and place).

mod blocks;
mod digest;
mod format;
mod ids;
mod stream;
mod sweep;

use std::fs::File;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use blocks::Blocks;
pub(super) use digest::Hashing;
use format::{Content, Header, Stamp};
pub use ids::IdTable;

use super::article_error::ArticleError;
use super::body::OnDisk;
use super::convert::Mended;
use super::mend::Strictness;
use super::scan::Scan;
use super::source::ArchiveBytes;
use crate::files::{self, read_exact_at};

/// Archives smaller than this are not cached: their pass takes a few
/// milliseconds.
pub const META_CACHE_MIN_BYTES: u64 = 4 << 20;
/// The default size cap of the cache directory (metadata and indexes).
pub const CACHE_CAP_BYTES: u64 = 2 << 30;

/// Where an archive's metadata is cached, and how much the cache may hold.
#[derive(Debug, Clone)]
pub struct MetaCache {
    /// The cache directory (the search index's).
    pub dir: PathBuf,
    /// Cache files beyond this total are removed, oldest first.
    pub cap: u64,
    /// Archives smaller than this are not cached.
    pub min: u64,
}

impl MetaCache {
    pub fn new(dir: PathBuf) -> MetaCache {
        MetaCache {
            dir,
            cap: CACHE_CAP_BYTES,
            min: META_CACHE_MIN_BYTES,
        }
    }

    /// Where the cache of `archive` is (named as its index is: the same
    /// stem, `.meta` for `.idx`).
    pub fn path_of(&self, archive: &Path) -> PathBuf {
        self.dir
            .join("meta")
            .join(format!("{}.meta", stem_of(archive)))
    }
}

/// The name both caches of `archive` have: a hash of its full path.
pub fn stem_of(archive: &Path) -> String {
    let full = canonical(archive);
    let digest = Sha256::digest(full.to_string_lossy().as_bytes());
    digest[..12].iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical(archive: &Path) -> PathBuf {
    std::fs::canonicalize(archive).unwrap_or_else(|_| archive.to_path_buf())
}

/// Opens the archive at `path` as [`open_path_with`](super::open_path_with)
/// does, through `cache`: its metadata read from the cache when the
/// cache is whole and of this very file (hashed now), else read by the
/// pass, which writes the cache when it finds no problem.
pub fn open_path_cached(
    path: &Path,
    strictness: Strictness,
    cache: &MetaCache,
) -> Result<super::Library, super::LoadError> {
    let how = match strictness {
        Strictness::Lenient => super::open::Opening::Lenient,
        Strictness::Strict => super::open::Opening::Strict,
    };
    super::open::open_with(path, how, Some(cache))
}

/// Article `id` of the archive at `path`, read at the place the cache
/// gives when its bytes are the ones cached (only they, and the file's
/// length, are checked: see the module's notes); `None` when the cache
/// cannot say, and the archive is to be opened.
pub fn open_article_cached(
    path: &Path,
    id: &str,
    strictness: Strictness,
    cache: &MetaCache,
) -> Option<Mended> {
    article(cache, path, id, strictness)
}

/// The cache file's header, and the file.
fn open_cache(path: &Path) -> Option<(File, Header)> {
    let (file, meta) = files::open_regular(path).ok()?;
    let n = usize::try_from(meta.len()).ok()?.min(format::HEADER + 8192);
    let mut head = vec![0; n];
    read_exact_at(&file, &mut head, 0).ok()?;
    let header = format::header(&head)?;
    (header.end == meta.len()).then_some((file, header))
}

/// What the pass would find in the archive `file` (`len` bytes, at
/// `archive`), from its cache, with the cache's id table: `None` unless
/// the cache is whole and the file hashes to its digest now. The file is
/// hashed on other threads while the cache is read; nothing read is
/// returned before the digest is known to match.
pub(super) fn load(
    cache: &MetaCache,
    archive: &Path,
    file: &File,
    len: u64,
) -> Option<(Scan, IdTable)> {
    if len < cache.min {
        return None;
    }
    let (cfile, h) = open_cache(&cache.path_of(archive))?;
    if h.stamp.len != len {
        return None;
    }
    std::thread::scope(|s| {
        let digest = s.spawn(|| digest::digest_of(file, len));
        let read = decode(&cfile, &h);
        let same = digest.join().ok().flatten() == Some(h.stamp.digest);
        read.filter(|_| same)
    })
}

/// The cache file's sections (header `h`), each checked against its hash,
/// as the pass's findings. The metadata is read a window at a time.
fn decode(cfile: &File, h: &Header) -> Option<(Scan, IdTable)> {
    let [(from, _), _, (metas_at, _), _] = h.sections;
    let mut bytes = vec![0; usize::try_from(metas_at - from).ok()?];
    read_exact_at(cfile, &mut bytes, from).ok()?;
    let ids = format::section(h, 0, &bytes, from)?;
    let places = format::section(h, 1, &bytes, from)?;
    let (starts, ends, hashes) = format::places(places, h.count)?;
    // Not needed here (`show` reads it), but a file is whole or not used.
    Blocks::read(cfile, h)?;
    let (header, articles) = stream::metas(cfile, h)?;
    if header.is_some() == h.lines {
        return None;
    }
    // Ids are each used once in a clean archive (the table checks).
    let table = IdTable::checked(ids, &articles)?;
    let scan = Scan {
        header,
        bom: h.bom,
        articles,
        starts,
        ends,
        hashes,
        last_end: h.last_end,
        ids: Default::default(),
        faults: Vec::new(),
        bodiless: Vec::new(),
        lines: Vec::new(),
        checked: None,
        bodies: Default::default(),
    };
    Some((scan, table))
}

/// Writes the cache of the archive at `archive` (`len` bytes, the pass
/// having hashed them to `digest`), from what the pass found in it, and
/// removes what the cap and the archives gone say. Best effort: a cache
/// that cannot be written is no cache.
pub(super) fn store(cache: &MetaCache, archive: &Path, len: u64, digest: u128, found: &Scan) {
    if len < cache.min {
        return;
    }
    let content = Content {
        path: canonical(archive).to_string_lossy().into_owned(),
        stamp: Stamp { len, digest },
        lines: found.header.is_none(),
        bom: found.bom,
        last_end: found.last_end,
        members: found.header.clone(),
        articles: found.articles.clone(),
        starts: found.starts.clone(),
        ends: found.ends.clone(),
        hashes: found.hashes.clone(),
    };
    let path = cache.path_of(archive);
    let written = path
        .parent()
        .is_some_and(|d| std::fs::create_dir_all(d).is_ok())
        && files::replace_atomic(&path, &format::encode(&content), files::Mode::Private).is_ok();
    if written {
        sweep::sweep(&cache.dir, cache.cap, &path);
    }
}

/// Article `id` of the archive at `archive`, read by its cached place:
/// `None` when the cache cannot say (no cache, damaged, not this file's
/// length, no such id, or the article's bytes are not the ones cached),
/// and the caller reads the archive. Only the blocks of the cache's
/// tables that hold the id and the article's place are read (and
/// checked against their hashes).
fn article(cache: &MetaCache, archive: &Path, id: &str, strictness: Strictness) -> Option<Mended> {
    let (file, meta) = files::open_regular(archive).ok()?;
    let len = meta.len();
    if len < cache.min {
        return None;
    }
    let (cfile, h) = open_cache(&cache.path_of(archive))?;
    if h.stamp.len != len {
        return None;
    }
    let blocks = Blocks::read(&cfile, &h)?;
    let n = h.count;
    // Every other article's place stays zero (never read: pages of zeros
    // the system gives untouched).
    let mut scan = Scan {
        header: None,
        bom: h.bom,
        articles: Vec::new(),
        starts: vec![0; n],
        ends: vec![0; n],
        hashes: vec![0; n],
        last_end: h.last_end,
        ids: Default::default(),
        faults: Vec::new(),
        bodiless: Vec::new(),
        lines: Vec::new(),
        checked: None,
        bodies: Default::default(),
    };
    let candidates = blocks.candidates(id)?;
    for &i in &candidates {
        (scan.starts[i], scan.ends[i], scan.hashes[i]) = blocks.place(i)?;
    }
    let disk = OnDisk::new(ArchiveBytes::File(file), len, archive, h.lines, &mut scan);
    for i in candidates {
        // The body's id and bytes are checked (`ArticleError::Changed`).
        match disk.read(i, id, strictness) {
            Ok(m) => return Some(m),
            Err(ArticleError::Changed { .. }) => continue,
            Err(_) => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests;
