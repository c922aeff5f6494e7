//! Persistent state: bookmarks and reading positions. Terminal-free.
//!
//! One versioned JSON file (`state.json`) in the data directory holds the
//! state of every archive, keyed by [`ArchiveKey`]. Positions and bookmarks
//! point into article text through width-free [`Anchor`]s. Saving merges with
//! whatever other instances wrote, under an advisory lock, and replaces the
//! file atomically. See `docs/state.md`.

mod anchor;
mod clock;
mod db;
mod error;
mod file;
mod history;
mod lenient;
mod listing;
mod merge;
mod saver;
mod types;
mod unsaved;

use std::path::{Path, PathBuf};

pub use anchor::{AFTER, Anchor, BEFORE, Resolved, make_anchor, resolve, snippet};
pub use clock::Clock;
pub use db::Store;
pub use error::{Notice, StoreError};
pub use file::{LOCK_FILE, MAX_STATE_BYTES, STATE_FILE};
pub use history::HISTORY_CAP;
pub use lenient::{Problem, SET_ASIDE};
pub use listing::{bookmark_lines, bookmarks_json};
pub use merge::TOMBSTONE_DAYS;
pub use saver::{SaveJob, SaveOutcome, Saver};
pub use types::{
    ArchiveKey, ArchiveState, Bookmark, HistoryEntry, Position, StateFile, Status, VERSION,
};
pub use unsaved::write_fallback;

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "BULLETIN_DATA_DIR";

/// The data directory: `flag` (`--data-dir`), else `$BULLETIN_DATA_DIR`
/// (if non-empty), else the platform data directory
/// (`$XDG_DATA_HOME/bulletin`, usually `~/.local/share/bulletin`).
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    match std::env::var_os(DATA_DIR_ENV) {
        Some(dir) if !dir.is_empty() => Ok(PathBuf::from(dir)),
        _ => directories::ProjectDirs::from("", "", "bulletin")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or(StoreError::NoDataDir),
    }
}
