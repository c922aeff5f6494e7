//! Opening a directory of archive files: each file read by the quick
//! pass as a single file is (`model::scan`), and one library built of
//! them all (`model::build`); what the pass cannot read is said by
//! streaming the files (`model::unreadable`), or left to the full loader.

use std::path::{Path, PathBuf};

use super::LoadError;
use super::build::{Found, build, check_ids};
use super::library::Library;
use super::open::Opening;
use super::scan::scan;
use super::source::ArchiveBytes;
use super::strict_filter::Filtered;
use super::unreadable::{Verdict, verdict};
use super::whole_library;
use super::whole_load::{archive_files, dir_title, io_error};
use crate::files;

/// A directory's archive files, each read by the quick pass as a single
/// file is, and built into one library (`model::build`). Strict, every
/// article is checked, bodies included, as a directory always was;
/// lenient, every body is read now, so that their problems are known
/// from the start (they were, when a directory was read whole). A file
/// the pass cannot read, or a header it cannot take, leaves the directory
/// to the full loader, which says why.
pub(super) fn open_dir(dir: &Path, how: Opening) -> Result<Library, LoadError> {
    let paths = archive_files(dir)?;
    let mut files = Vec::with_capacity(paths.len());
    for path in &paths {
        let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
        let (bytes, len) = (ArchiveBytes::File(file), meta.len());
        let Some(scan) = (len > 0).then(|| scan(&bytes, len)).flatten() else {
            return whole_dir(dir, &paths, how);
        };
        let path = path.clone();
        files.push(Found {
            path,
            bytes,
            len,
            scan,
        });
    }
    let ids = check_ids(&mut files);
    let clean = files.iter().all(Found::clean);
    let headers: Vec<_> = files.iter().map(|f| f.scan.header.clone()).collect();
    let strict = how != Opening::Lenient;
    if strict {
        files.iter_mut().for_each(|f| f.scan.faults.clear());
    }
    let name = dir_title(dir);
    let Some(library) = build(files, ids, name.clone(), how.strictness()) else {
        return whole_dir(dir, &paths, how);
    };
    if !strict {
        library.check_bodies();
        return Ok(library);
    }
    match library.check_strictly(dir, headers, clean, &name) {
        Filtered::Passed(_) => Ok(library),
        Filtered::Refused(e) => Err(e),
        Filtered::Unread => whole_dir(dir, &paths, how),
    }
}

/// What the pass could not read of a directory (its files, `paths`):
/// why it cannot be read, found by streaming each file in turn as the
/// full loader reads them (the first file that is not JSON of the
/// archive's shape, else the first with the wrong format tag); else the
/// full loader, for what only it reads.
fn whole_dir(dir: &Path, paths: &[PathBuf], how: Opening) -> Result<Library, LoadError> {
    let mut format = None;
    for path in paths {
        let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
        match verdict(path, &file, meta.len()) {
            Verdict::Refused(e @ LoadError::Format { .. }) => drop(format.get_or_insert(e)),
            Verdict::Refused(e) => return Err(e),
            Verdict::Readable => {}
            Verdict::Unsaid => return whole_library::load(dir, how.strictness()),
        }
    }
    match format {
        Some(e) => Err(e),
        None => whole_library::load(dir, how.strictness()),
    }
}
