//! Changes that are not on disk: the log the store keeps of them, and the
//! fallback copy the reader writes when it exits with some (a full disk, a
//! read-only data directory), so that nothing is dropped silently.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::merge::merge_touched;
use chrono::{DateTime, Utc};

use super::types::StateFile;

/// Every change handed to a save since the last save that reached the
/// disk. A successful save clears it.
#[derive(Debug, Default)]
pub(super) struct Log(StateFile);

impl Log {
    /// Adds changes a save job takes.
    pub(super) fn record(&mut self, changes: &StateFile, now: DateTime<Utc>) {
        if !changes.is_empty() {
            merge_touched(&mut self.0, changes.clone(), now);
        }
    }

    /// A save wrote everything recorded so far.
    pub(super) fn clear(&mut self) {
        self.0 = StateFile::default();
    }

    /// The recorded changes plus `pending` (not yet handed to a save).
    pub(super) fn with(&self, pending: &StateFile, now: DateTime<Utc>) -> StateFile {
        let mut all = self.0.clone();
        merge_touched(&mut all, pending.clone(), now);
        all
    }
}

/// Writes `changes` as a state file (the format of `state.json`, so it can
/// be put in place of one) to a new private file in the first of `dirs`
/// that takes it; returns its path. The name is
/// `unsaved-<UTC time>-<pid>.json`; an existing file is never replaced.
pub fn write_fallback(changes: &StateFile, dirs: &[PathBuf]) -> io::Result<PathBuf> {
    let mut json = serde_json::to_vec_pretty(changes).map_err(io::Error::other)?;
    json.push(b'\n');
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = format!("unsaved-{stamp}-{}.json", std::process::id());
    let mut last = io::Error::new(io::ErrorKind::NotFound, "no directory to write to");
    for dir in dirs {
        match write_new(dir, &name, &json) {
            Ok(path) => return Ok(path),
            Err(e) => last = e,
        }
    }
    Err(last)
}

fn write_new(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(name);
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&path)?;
    let written = file.write_all(bytes).and_then(|()| file.sync_all());
    if let Err(e) = written {
        let _ = std::fs::remove_file(&path);
        return Err(e);
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ArchiveKey, ArchiveState};

    #[test]
    fn the_fallback_goes_to_the_first_directory_that_takes_it() {
        let root = tempfile::tempdir().unwrap();
        let blocked = root.path().join("file");
        std::fs::write(&blocked, b"").unwrap();
        let good = root.path().join("good");
        let mut changes = StateFile::default();
        let key = ArchiveKey::new("t", None);
        changes
            .archives
            .insert(key.clone(), ArchiveState::for_key(&key));
        let path = write_fallback(&changes, &[blocked.join("sub"), good.clone()]).unwrap();
        assert_eq!(path.parent(), Some(good.as_path()));
        let back: StateFile = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(back, changes);
    }
}
