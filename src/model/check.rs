//! `bulletin check`'s reading: every article checked strictly, bodies
//! included, a window at a time. The quick pass (`model::scan`) keeps only
//! where each article is and the hash of its bytes, never its metadata,
//! and each article is then read again by itself and checked by the full
//! loader's per-article check (`model::strict_filter`): memory stays flat
//! in the archive's size (a 2.5 GB archive held as metadata cost 450 MB,
//! as values 6.9 GB). What the pass cannot read goes to the full loader,
//! as every open does (`model::open`).

use std::fs;
use std::path::Path;

use super::body::OnDisk;
use super::header::{stem, title_and_key};
use super::library::Library;
use super::open::{Opening, open, whole};
use super::scan::{Keep, scan_by};
use super::scan_window::WINDOW;
use super::source::ArchiveBytes;
use super::source::io_error;
use super::strict_filter::{Filtered, check_strictly};
use super::{LoadError, group_items};
use crate::files;

/// What `bulletin check` says of an archive with no problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub articles: usize,
    pub districts: usize,
    /// Subdistricts, each counted within its district.
    pub subdistricts: usize,
}

impl Checked {
    /// The counts of a library already opened checked.
    pub fn of(library: &Library) -> Checked {
        let groups = group_items(&library.articles);
        Checked {
            articles: library.articles.len(),
            districts: groups.districts.len(),
            subdistricts: groups.districts.iter().map(|d| d.subdistricts.len()).sum(),
        }
    }
}

/// Checks the archive at `path` (a file or a directory) with every
/// problem an error, bodies included: the same verdict, in the same words,
/// as [`open_path_checked`](super::open_path_checked), without keeping
/// the articles.
pub fn check_path(path: &Path) -> Result<Checked, LoadError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return open(path, Opening::Checked).map(|l| Checked::of(&l));
    }
    let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
    let (bytes, len) = (ArchiveBytes::File(file), meta.len());
    let full = || whole(path, None, Opening::Checked).map(|l| Checked::of(&l));
    let scanned = (len > 0).then(|| scan_by(&bytes, len, WINDOW, Keep::Places));
    let Some(mut found) = scanned.flatten() else {
        return full();
    };
    let header = found.header.take();
    let lines = header.is_none();
    // A header the pass cannot read this way is the full loader's to say.
    if title_and_key(path, header.clone(), &mut Vec::new()).is_none() {
        return full();
    }
    let articles = found.starts.len();
    // No fault and no two ids alike: the ids need not be gathered again.
    let clean = found.faults.is_empty() && !found.missing_body && found.ids_distinct;
    let disk = OnDisk::new(bytes, len, path, lines, &mut found);
    match check_strictly(
        path,
        std::slice::from_ref(&disk),
        vec![header],
        clean,
        &stem(path),
    ) {
        Filtered::Passed(groups) => Ok(Checked {
            articles,
            districts: groups.districts.len(),
            subdistricts: groups.subdistricts.len(),
        }),
        Filtered::Refused(e) => Err(e),
        Filtered::Unread => full(),
    }
}
