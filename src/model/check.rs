//! `bulletin check`'s reading: every article checked strictly, bodies
//! included, a window at a time, in one reading. The quick pass
//! (`model::scan`) keeps only where each article is and the hash of its
//! bytes, never its metadata, and checks each article whole as it reads
//! it, by the full loader's per-article check (`model::whole_parse`):
//! memory stays flat in the archive's size (a 2.5 GB archive held as
//! metadata cost 450 MB, as values 6.9 GB). What the pass cannot read
//! goes to the full loader, as every open does (`model::open`).

use std::fs;
use std::path::Path;

use super::header::{stem, title_and_key};
use super::library::Library;
use super::open::{Opening, open, whole};
use super::scan::{Check, Keep, Scan, scan_by};
use super::scan_check::FirstIds;
use super::scan_window::WINDOW;
use super::source::io_error;
use super::source::{ArchiveBytes, Source};
use super::whole_load::finish;
use super::whole_parse::Parsed;
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
/// the articles. One reading: the quick pass checks each article whole as
/// it reads it.
pub fn check_path(path: &Path) -> Result<Checked, LoadError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return open(path, Opening::Checked).map(|l| Checked::of(&l));
    }
    let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
    let (bytes, len) = (ArchiveBytes::File(file), meta.len());
    let full = || whole(path, None, Opening::Checked).map(|l| Checked::of(&l));
    let mut ids = FirstIds::default();
    let check = Check::Strictly(Box::new(Parsed::checking(path)), &mut ids);
    let scanned = (len > 0).then(|| scan_by(&bytes, len, WINDOW, Keep::Places, check));
    let Some(mut found) = scanned.flatten() else {
        return full();
    };
    // A header the pass cannot read this way is the full loader's to say.
    if title_and_key(path, found.header.clone(), &mut Vec::new()).is_none() {
        return full();
    }
    let Some(mut parsed) = found.checked.take() else {
        return full();
    };
    parsed.header = found.header.take();
    let mut parsed = [parsed];
    ids.finish(&mut parsed, |_, number| id_at(&bytes, &found, number));
    let [mut parsed] = parsed;
    let articles = found.starts.len();
    let groups = std::mem::take(&mut parsed.groups);
    finish(path, vec![parsed], &stem(path))?;
    Ok(Checked {
        articles,
        districts: groups.districts.len(),
        subdistricts: groups.subdistricts.len(),
    })
}

/// The id of article `number` as the file holds it, read back by itself:
/// the first use of an id used again, which the pass knew only by its
/// hash (`model::scan_check`).
fn id_at(bytes: &ArchiveBytes, found: &Scan, number: usize) -> Option<String> {
    let i = number.checked_sub(1)?;
    let (start, end) = (*found.starts.get(i)?, *found.ends.get(i)?);
    let mut buf = vec![0; end.checked_sub(start)?];
    bytes.read_at(&mut buf, (found.bom + start) as u64).ok()?;
    let value: serde_json::Value = serde_json::from_slice(&buf).ok()?;
    value.get("id")?.as_str().map(str::to_owned)
}

#[cfg(test)]
#[path = "check_tests.rs"]
mod tests;
