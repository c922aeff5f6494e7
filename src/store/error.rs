//! Errors and notices of the state store.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::lenient::{Problem, SET_ASIDE};
use crate::text::sanitize_line;

/// Why a store operation failed. The in-memory state is always kept.
#[derive(Debug)]
pub enum StoreError {
    /// A file operation failed (`what` says which, e.g. "write").
    Io {
        what: &'static str,
        path: PathBuf,
        source: io::Error,
    },
    /// The state file was written by a newer version; it is never overwritten.
    NewerVersion {
        path: PathBuf,
        found: u64,
        supported: u64,
    },
    /// Another process held `state.lock` for longer than `wait`.
    Locked {
        path: PathBuf,
        wait: std::time::Duration,
    },
    /// The store was opened read-only (e.g. to list bookmarks).
    ReadOnly { path: PathBuf },
    /// No data directory could be determined (no home directory).
    NoDataDir,
    /// The saver was moved to a worker thread; save through it.
    Elsewhere,
}

impl StoreError {
    pub(crate) fn io(what: &'static str, path: impl Into<PathBuf>, source: io::Error) -> Self {
        StoreError::Io {
            what,
            path: path.into(),
            source,
        }
    }
}

impl StoreError {
    /// Why, without the path: the operating system's reason for an I/O
    /// error, the whole message otherwise.
    pub fn reason(&self) -> String {
        match self {
            StoreError::Io { source, .. } => sanitize_line(&source.to_string()),
            other => other.to_string(),
        }
    }
}

/// Paths and parse errors can hold anything a file name or a state file
/// holds (escape sequences included): every message is sanitised whole.
impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&sanitize_line(&self.raw()))
    }
}

impl StoreError {
    fn raw(&self) -> String {
        let f = &mut String::new();
        let _ = self.write_raw(f);
        std::mem::take(f)
    }

    fn write_raw(&self, f: &mut String) -> fmt::Result {
        use fmt::Write;
        match self {
            StoreError::Io { what, path, source } => {
                write!(f, "cannot {what} {}: {source}", path.display())
            }
            StoreError::NewerVersion {
                path,
                found,
                supported,
            } => write!(
                f,
                "{} was written by a newer bulletin (state format {found}, this one knows \
                 {supported}); it is left untouched and this session's changes are not saved",
                path.display()
            ),
            StoreError::Locked { path, wait } => write!(
                f,
                "{} is held by another process (waited {:.1} s); the save will be retried",
                path.display(),
                wait.as_secs_f64()
            ),
            StoreError::ReadOnly { path } => {
                write!(f, "state {} was opened read-only", path.display())
            }
            StoreError::Elsewhere => f.write_str("this store saves on a worker thread"),
            StoreError::NoDataDir => {
                f.write_str("no data directory: set BULLETIN_DATA_DIR or pass --data-dir")
            }
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Something the user should be told about the state file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The state file did not parse; it was renamed to `moved_to`.
    CorruptMovedAside {
        path: PathBuf,
        moved_to: PathBuf,
        error: String,
    },
    /// The state file did not parse and was left in place (read-only open,
    /// or moving it failed); a later save moves it aside before writing.
    CorruptKept { path: PathBuf, error: String },
    /// The data directory could not be created; saving will retry.
    NoDir { path: PathBuf, error: String },
    /// Another process held `state.lock`: the state was read without it,
    /// changes are kept in memory and saves retry.
    Locked { path: PathBuf },
    /// The state file is from a newer version: read-only for this session.
    NewerVersion { path: PathBuf, found: u64 },
    /// The state file could not be read; starting empty, and saving will
    /// merge with it once it can be read.
    Unreadable { path: PathBuf, error: String },
    /// Entries of the state file that could not be used (a bad time, a
    /// duplicate id) were set aside; the rest was read.
    SetAside {
        path: PathBuf,
        set_aside: Vec<Problem>,
    },
}

/// How many set-aside entries a notice names one by one.
const LISTED: usize = 3;

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut raw = String::new();
        let _ = self.write_raw(&mut raw);
        f.write_str(&sanitize_line(&raw))
    }
}

impl Notice {
    fn write_raw(&self, f: &mut String) -> fmt::Result {
        use fmt::Write;
        match self {
            Notice::CorruptMovedAside {
                path,
                moved_to,
                error,
            } => write!(
                f,
                "state file {} was damaged ({error}); moved it to {} and started with \
                 empty bookmarks",
                path.display(),
                moved_to.display()
            ),
            Notice::CorruptKept { path, error } => write!(
                f,
                "state file {} is damaged ({error}); left it in place and started with \
                 empty bookmarks",
                path.display()
            ),
            Notice::NoDir { path, error } => write!(
                f,
                "cannot create data directory {} ({error}); changes are kept in memory \
                 and saving will be retried",
                path.display()
            ),
            Notice::Locked { path } => write!(
                f,
                "{} is held by another process: read the state without it; changes are \
                 kept in memory and saving will be retried",
                path.display()
            ),
            Notice::NewerVersion { path, found } => write!(
                f,
                "state file {} is from a newer bulletin (format {found}); opened read-only, \
                 changes in this session will not be saved",
                path.display()
            ),
            Notice::SetAside { path, set_aside } => {
                write!(
                    f,
                    "state file {}: set aside {} entr{} it could not use (kept in the file \
                     under \"{SET_ASIDE}\"; the rest was read): ",
                    path.display(),
                    set_aside.len(),
                    if set_aside.len() == 1 { "y" } else { "ies" }
                )?;
                let listed: Vec<String> = (set_aside.iter().take(LISTED))
                    .map(|p| format!("{}: {}", p.place, p.error))
                    .collect();
                f.write_str(&listed.join("; "))?;
                match set_aside.len().saturating_sub(LISTED) {
                    0 => Ok(()),
                    more => write!(f, "; and {more} more"),
                }
            }
            Notice::Unreadable { path, error } => write!(
                f,
                "cannot read state file {} ({error}); will retry when saving",
                path.display()
            ),
        }
    }
}
