//! File operations: reading and classifying the state file, moving a corrupt
//! one aside, atomic writes and the advisory lock.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::error::StoreError;
use super::lenient::{self, Problem};
use super::types::{StateFile, VERSION};
use crate::files;

pub const STATE_FILE: &str = "state.json";
pub const LOCK_FILE: &str = "state.lock";

/// A state file larger than this is not read (it would be several times
/// larger in memory); the store then starts empty and does not save over it.
pub const MAX_STATE_BYTES: u64 = 512 << 20;

/// What was found at the state file's path.
#[derive(Debug)]
pub enum Loaded {
    Missing,
    /// The state, and the entries set aside because they could not be used.
    Parsed(StateFile, Vec<Problem>),
    /// A newer format; `state` is what this version could make of it.
    Newer {
        found: u64,
        state: Option<StateFile>,
    },
    Corrupt(String),
}

/// Reads and classifies the state file. I/O errors other than "not found"
/// are errors; parse failures are `Corrupt`.
pub fn read_state(path: &Path) -> Result<Loaded, StoreError> {
    let bytes = match files::read_regular(path, MAX_STATE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Loaded::Missing),
        Err(e) => return Err(StoreError::io("read", path, e)),
    };
    Ok(classify(&bytes))
}

fn classify(bytes: &[u8]) -> Loaded {
    // A byte order mark (an editor's) is no reason to call the file damaged.
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let value: Value = match serde_json::from_slice(bytes) {
        Ok(value) => value,
        Err(e) => return Loaded::Corrupt(e.to_string()),
    };
    let Some(version) = value.get("version").and_then(Value::as_u64) else {
        return Loaded::Corrupt("no format version".to_string());
    };
    if version > VERSION {
        let state = lenient::from_value(value).ok().map(|(state, _)| state);
        return Loaded::Newer {
            found: version,
            state,
        };
    }
    if version < VERSION {
        return Loaded::Corrupt(format!("unknown format version {version}"));
    }
    match lenient::from_value(value) {
        Ok((state, set_aside)) => Loaded::Parsed(state, set_aside),
        Err(e) => Loaded::Corrupt(e),
    }
}

/// Renames a corrupt state file to `state.json.corrupt-<UTC time>` (with a
/// `-N` suffix if that name is taken) and returns the new path. A symlinked
/// state file has its real file moved (beside it), so the link still leads
/// to where the next version is written.
pub fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let real = files::resolve_links(path)?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let base = format!("{}.corrupt-{stamp}", real.display());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.symlink_metadata().is_ok() {
        n += 1;
        target = PathBuf::from(format!("{base}-{n}"));
    }
    fs::rename(&real, &target)?;
    sync_dir(files::parent_dir(&real))?;
    Ok(target)
}

/// Writes `state` to `dir/state.json` atomically
/// ([`files::replace_atomic`]): a temporary file created exclusively under
/// a random name beside the real file (a symlinked `state.json` is written
/// through and stays a link), fsync, rename over the file, fsync of the
/// directory. The file is private (0600).
pub fn write_atomic(dir: &Path, state: &StateFile) -> Result<(), StoreError> {
    let path = dir.join(STATE_FILE);
    let mut json = serde_json::to_vec_pretty(state)
        .map_err(|e| StoreError::io("serialise", &path, io::Error::other(e)))?;
    json.push(b'\n');
    files::replace_atomic(&path, &json, files::Mode::Private)
        .map(|_| ())
        .map_err(|e| StoreError::io("write", &path, e))
}

/// How long opening the store waits for the lock before going on without
/// it (reading is safe without it; only moving a damaged file aside is not).
pub const OPEN_LOCK_WAIT: Duration = Duration::from_millis(1000);
/// How long a save waits for the lock before it fails (and is retried).
pub const SAVE_LOCK_WAIT: Duration = Duration::from_millis(2000);
/// How often the lock is tried while waiting.
const LOCK_POLL: Duration = Duration::from_millis(25);

/// Takes the exclusive advisory lock on `dir/state.lock`, waiting at most
/// `wait` for another holder to let go ([`StoreError::Locked`] then). It
/// is released when the returned file is dropped.
pub fn lock(dir: &Path, wait: Duration) -> Result<File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let file = private_options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| StoreError::io("open lock file", &path, e))?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(LOCK_POLL);
            }
            Err(TryLockError::WouldBlock) => return Err(StoreError::Locked { path, wait }),
            Err(TryLockError::Error(e)) => return Err(StoreError::io("lock", &path, e)),
        }
    }
}

fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_tells_the_cases_apart() {
        assert!(matches!(classify(b"{"), Loaded::Corrupt(_)));
        assert!(matches!(classify(b"[]"), Loaded::Corrupt(_)));
        assert!(matches!(classify(br#"{"version":0}"#), Loaded::Corrupt(_)));
        assert!(matches!(
            classify(br#"{"version":1,"archives":7}"#),
            Loaded::Corrupt(_)
        ));
        assert!(matches!(
            classify(br#"{"version":1,"archives":{}}"#),
            Loaded::Parsed(..)
        ));
        assert!(matches!(
            classify(br#"{"version":9,"archives":{},"new":1}"#),
            Loaded::Newer {
                found: 9,
                state: Some(_)
            }
        ));
    }
}
