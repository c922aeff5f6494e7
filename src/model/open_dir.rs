//! Opening a directory of archive files: each file read by the quick
//! pass as a single file is (`model::scan`), and one library built of
//! them all (`model::build`); what the pass cannot read is said by
//! streaming the files (`model::unreadable`), or left to the full loader.

use std::fs;
use std::path::{Path, PathBuf};

use super::LoadError;
use super::build::{Found, build, check_ids};
use super::header::stem;
use super::library::Library;
use super::open::Opening;
use super::scan::{Check, Keep, scan_by};
use super::scan_check::FirstIds;
use super::scan_window::WINDOW;
use super::source::ArchiveBytes;
use super::source::io_error;
use super::unreadable::{Verdict, verdict};
use super::whole_load::{finish, load_whole};
use super::whole_parse::Parsed;
use crate::files;

/// A directory's archive files, each read by the quick pass as a single
/// file is, and built into one library (`model::build`). Checked, every
/// article is checked as it is read, bodies included; strict, the
/// problems the pass found (a body's are found when it is opened);
/// lenient, every body is checked as the pass reads it, so that their
/// problems are known from the start (they were, when a directory was
/// read whole), with no second reading. A file
/// the pass cannot read, or a header it cannot take, leaves the directory
/// to the full loader, which says why.
pub(super) fn open_dir(dir: &Path, how: Opening) -> Result<Library, LoadError> {
    let paths = archive_files(dir)?;
    let mut files = Vec::with_capacity(paths.len());
    let (mut checked, mut first_ids) = (Vec::new(), FirstIds::default());
    for path in &paths {
        let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
        let (bytes, len) = (ArchiveBytes::File(file), meta.len());
        let check = match how {
            Opening::Checked => Check::Strictly(Box::new(Parsed::checking(path)), &mut first_ids),
            Opening::Lenient => Check::Bodies,
            Opening::Strict => Check::Metadata,
        };
        let scanned = (len > 0).then(|| scan_by(&bytes, len, WINDOW, Keep::Metadata, check));
        let Some(mut scan) = scanned.flatten() else {
            return whole_dir(dir, &paths);
        };
        if let Some(mut parsed) = scan.checked.take() {
            parsed.header = scan.header.clone();
            checked.push(parsed);
        }
        let path = path.clone();
        files.push(Found {
            path,
            bytes,
            len,
            scan,
        });
    }
    let id_of = |file: usize, number: usize| {
        let articles = &files.get(file)?.scan.articles;
        Some(articles.get(number.checked_sub(1)?)?.id.clone())
    };
    first_ids.finish(&mut checked, id_of);
    let strict = how == Opening::Strict;
    if strict {
        files.iter_mut().for_each(Found::mark_bodiless);
    }
    let ids = check_ids(&mut files, strict);
    if how == Opening::Checked {
        // The checked reading says every problem, in its own words.
        files.iter_mut().for_each(|f| f.scan.faults.clear());
    }
    let name = dir_title(dir);
    let Some(library) = build(files, ids, name.clone(), how.strictness()) else {
        return whole_dir(dir, &paths);
    };
    match how {
        // Every body checked as it was read (`model::build`).
        Opening::Lenient => Ok(library),
        Opening::Checked => finish(dir, checked, &name).map(|_| library),
        // The problems the pass found, the archive's own fields' too.
        Opening::Strict if library.problem_count() > 0 => Err(library.refused(dir)),
        Opening::Strict => Ok(library),
    }
}

/// What the pass could not read of a directory (its files, `paths`):
/// why it cannot be read, found by streaming each file in turn as the
/// full loader reads them (the first file that is not JSON of the
/// archive's shape, else the first with the wrong format tag); else the
/// full loader, for what only it reads.
fn whole_dir(dir: &Path, paths: &[PathBuf]) -> Result<Library, LoadError> {
    let mut format = None;
    for path in paths {
        let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
        match verdict(path, &file, meta.len()) {
            Verdict::Refused(e @ LoadError::Format { .. }) => drop(format.get_or_insert(e)),
            Verdict::Refused(e) => return Err(e),
            Verdict::Readable => {}
            Verdict::Unsaid => return full(dir),
        }
    }
    match format {
        Some(e) => Err(e),
        None => full(dir),
    }
}

/// The full loader's reading of a directory: its error (a file's fault
/// that only it places), or, when every file reads now (one changed since
/// the pass), the archive it reads.
fn full(dir: &Path) -> Result<Library, LoadError> {
    load_whole(dir).map(Library::from)
}

/// A directory's name, the title of its archive when no file gives one.
pub(super) fn dir_title(dir: &Path) -> String {
    match dir.canonicalize() {
        Ok(full) => stem(&full),
        Err(_) => stem(dir),
    }
}

/// The archive files of a directory: files named `*.json` or `*.jsonl`
/// (any case), not hidden, sorted by name. A subdirectory or a dangling
/// link of that name is passed over; a FIFO or a device is kept, so that
/// reading it refuses it by name rather than leaving it out unsaid. None
/// at all is an error.
pub(super) fn archive_files(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).map_err(|e| io_error(dir, e))? {
        let path = entry.map_err(|e| io_error(dir, e))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let ext = path.extension().unwrap_or_default().to_string_lossy();
        let wanted = ext.eq_ignore_ascii_case("json") || ext.eq_ignore_ascii_case("jsonl");
        // `metadata` follows links and never opens: a FIFO cannot block it.
        let file = path.metadata().is_ok_and(|m| !m.is_dir());
        if wanted && !name.starts_with('.') && file {
            found.push(path);
        }
    }
    found.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    if found.is_empty() {
        return Err(LoadError::NoArchives {
            path: dir.to_path_buf(),
        });
    }
    Ok(found)
}
