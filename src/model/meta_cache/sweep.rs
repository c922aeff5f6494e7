//! Keeping the cache directory in bounds: the caches of archives that no
//! longer exist are removed (metadata and index alike, which share a
//! name), then the oldest files while the total is over the cap.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The metadata caches (`meta/*.meta`) and search indexes
/// (`index/*.idx`) of the cache directory `dir`, with their size and
/// time; other files (temporary ones being written) are left alone.
fn cache_files(dir: &Path) -> Vec<(SystemTime, u64, PathBuf)> {
    let mut found = Vec::new();
    for (sub, ext) in [("meta", "meta"), ("index", "idx")] {
        let Ok(entries) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for path in entries.flatten().map(|e| e.path()) {
            let ours = path.extension().is_some_and(|e| e == ext)
                && !path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            let Ok(meta) = fs::symlink_metadata(&path) else {
                continue;
            };
            if ours && meta.is_file() {
                let time = meta.modified().unwrap_or(SystemTime::UNIX_EPOCH);
                found.push((time, meta.len(), path));
            }
        }
    }
    found
}

/// The index sharing a metadata cache's name.
fn partner(dir: &Path, meta: &Path) -> PathBuf {
    let stem = meta.file_stem().unwrap_or_default().to_string_lossy();
    dir.join("index").join(format!("{stem}.idx"))
}

/// Removes the caches of archives gone, then the oldest cache files
/// until the total is at most `cap`, never `keep` (just written) nor its
/// index.
pub(super) fn sweep(dir: &Path, cap: u64, keep: &Path) {
    for (_, _, path) in cache_files(dir) {
        if path.extension().is_some_and(|e| e == "meta") && path != keep {
            let gone = match super::open_cache(&path) {
                Some((_, h)) => !Path::new(&h.path).exists(),
                None => true,
            };
            if gone {
                let _ = fs::remove_file(partner(dir, &path));
                let _ = fs::remove_file(&path);
            }
        }
    }
    let mut files = cache_files(dir);
    let mut total: u64 = files.iter().map(|f| f.1).sum();
    files.sort();
    let kept = [keep.to_path_buf(), partner(dir, keep)];
    for (_, size, path) in files {
        if total <= cap {
            break;
        }
        if !kept.contains(&path) && fs::remove_file(&path).is_ok() {
            total -= size;
        }
    }
}
