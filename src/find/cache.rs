//! Where search indexes live, and opening the index of an archive file.

use std::path::{Path, PathBuf};

use super::{Corpus, FoldIndex, INDEX_MIN_BYTES, index_path};

/// Environment variable that overrides the cache directory.
pub const CACHE_DIR_ENV: &str = "BULLETIN_CACHE_DIR";

/// The cache directory: `flag` (`--cache-dir`), else `$BULLETIN_CACHE_DIR`
/// (if non-empty), else the platform cache directory
/// (`$XDG_CACHE_HOME/bulletin`, usually `~/.cache/bulletin`).
pub fn cache_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = flag {
        return Some(dir.to_path_buf());
    }
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => {
            directories::ProjectDirs::from("", "", "bulletin").map(|d| d.cache_dir().to_path_buf())
        }
    }
}

/// What an archive's index looks like before a search.
#[derive(Debug)]
pub enum Lookup {
    /// No index for this archive: not a single file read lazily, too
    /// small to need one, or no cache directory.
    NotUsed,
    /// None yet, or stale, or damaged: build it at `path`.
    Missing {
        path: PathBuf,
    },
    Ready(FoldIndex),
}

/// Looks in `cache` for the index of `lib`, read from the archive file
/// `archive`: one built from this very text (the library's fingerprint,
/// not what the path says now).
pub fn lookup(lib: &dyn Corpus, archive: Option<&Path>, cache: Option<&Path>) -> Lookup {
    let (Some(archive), Some(cache), Some(stamp)) = (archive, cache, lib.fingerprint()) else {
        return Lookup::NotUsed;
    };
    if stamp.len < INDEX_MIN_BYTES {
        return Lookup::NotUsed;
    }
    let path = index_path(cache, archive);
    match FoldIndex::open(&path, &stamp, lib.metas().len()) {
        Some(index) => Lookup::Ready(index),
        None => Lookup::Missing { path },
    }
}
