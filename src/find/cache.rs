//! Where search indexes live, and opening the index of an archive file.

use std::path::{Path, PathBuf};

use super::{Corpus, FoldIndex, INDEX_MIN_BYTES, index_path};
use crate::model::MetaCache;

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

/// Environment variable that sets the cache directory's size cap: bytes,
/// or a number with `K`, `M` or `G` (`500M`); default 2 GB.
pub const CACHE_MAX_ENV: &str = "BULLETIN_CACHE_MAX";

/// The metadata cache in the cache directory ([`cache_dir`]), with the
/// cap of [`CACHE_MAX_ENV`] (a value that is not a size is ignored).
pub fn meta_cache(flag: Option<&Path>) -> Option<MetaCache> {
    let mut cache = MetaCache::new(cache_dir(flag)?);
    if let Some(cap) = std::env::var(CACHE_MAX_ENV)
        .ok()
        .and_then(|v| parse_size(&v))
    {
        cache.cap = cap;
    }
    Some(cache)
}

/// `123`, `500K`, `500M`, `2G` (powers of 1024) as bytes.
fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last()? {
        (i, c) if c.is_ascii_alphabetic() => (&text[..i], c.to_ascii_uppercase()),
        _ => (text, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return None,
    };
    digits.trim().parse::<u64>().ok()?.checked_mul(1 << shift)
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

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_with_their_unit() {
        assert_eq!(super::parse_size("2G"), Some(2 << 30));
        assert_eq!(super::parse_size("500m"), Some(500 << 20));
        assert_eq!(super::parse_size("1234"), Some(1234));
        assert_eq!(super::parse_size("lots"), None);
        assert_eq!(super::parse_size("2T"), None);
    }
}
