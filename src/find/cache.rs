//! Where search indexes live, and opening the index of an archive file.

use std::path::{Path, PathBuf};

use super::{FoldIndex, INDEX_MIN_BYTES, Identity, index_path};

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
    /// No index for this archive: not a single file, too small to need
    /// one, or no cache directory.
    NotUsed,
    /// None yet, or stale: build it at `path`.
    Missing {
        path: PathBuf,
        identity: Identity,
    },
    Ready(FoldIndex),
}

/// Looks for the index of the archive file `archive` (holding `n`
/// articles) in `cache`.
pub fn lookup(archive: Option<&Path>, cache: Option<&Path>, n: usize) -> Lookup {
    let (Some(archive), Some(cache)) = (archive, cache) else {
        return Lookup::NotUsed;
    };
    let Ok(identity) = Identity::of(archive) else {
        return Lookup::NotUsed;
    };
    if !archive.is_file() || identity.len < INDEX_MIN_BYTES {
        return Lookup::NotUsed;
    }
    let path = index_path(cache, archive);
    match FoldIndex::open(&path, identity, n) {
        Some(index) => Lookup::Ready(index),
        None => Lookup::Missing { path, identity },
    }
}
