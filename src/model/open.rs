//! Opening an archive into a [`Library`]: which reader reads it, and what
//! strictness changes.
//!
//! A single file, or bytes in memory, is read once by the quick pass
//! (`model::scan`) for its metadata, offsets and hashes, leniently
//! whatever the strictness; bodies are read when opened (`model::body`).
//! Strictness is a filter over what that one reading found:
//!
//! - Lenient (the default): every problem is kept.
//! - Strict (the reader's `--strict`): a problem the pass found (in the
//!   archive's own fields or an article's, a missing body, an id used
//!   twice) refuses the archive, every one of them in `bulletin check`'s
//!   words; a problem inside a body is found when its article is opened.
//! - Checked (`bulletin check`, `--strict` on the command line): the pass
//!   also checks each article whole as it reads it (`model::scan_check`),
//!   bodies included, and every problem refuses the archive.
//!
//! A directory's files are each read by the same pass and built into one
//! library by the one builder (`model::build`), with one duplicate-id
//! check over all of them.
//!
//! What the pass cannot read is said by streaming the file
//! (`model::unreadable`): an empty file, one not UTF-8, one that is not
//! JSON of the archive's shape (where and why). Only what that cannot
//! place as the full loader does is left to the full loader
//! (`model::whole_load`).

use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::LoadError;
use super::build::{Found, build, check_ids};
use super::header::{stem, title_and_key};
use super::library::Library;
use super::mend::Strictness;
use super::meta_cache::{self, Hashing, MetaCache};
use super::scan::{Check, Keep, Scan, scan_by};
use super::scan_check::FirstIds;
use super::scan_window::WINDOW;
use super::source::ArchiveBytes;
use super::source::io_error;
use super::unreadable::{Verdict, verdict};
use super::whole_load::{check_file_bytes, finish, load_file_bytes, read_whole};
use super::whole_parse::Parsed;
use crate::files;

/// How an archive is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Opening {
    /// What can be read is read; every problem is kept.
    Lenient,
    /// A problem in an article's metadata or the archive's own fields is
    /// an error; one in a body is found when the article is opened.
    Strict,
    /// Every problem is an error, bodies included (`bulletin check`,
    /// `--strict` on the command line).
    Checked,
}

impl Opening {
    /// How the quick pass reads: strict unless lenient.
    pub(super) fn strictness(self) -> Strictness {
        match self {
            Opening::Lenient => Strictness::Lenient,
            Opening::Strict | Opening::Checked => Strictness::Strict,
        }
    }
}

/// Opens the archive at `path` (a file or a directory). A FIFO or a
/// device is refused unread.
pub(super) fn open(path: &Path, how: Opening) -> Result<Library, LoadError> {
    open_with(path, how, None)
}

/// [`open`], through the metadata cache `cache` when there is one
/// (`model::meta_cache`: used when it is this very file's, written when
/// the pass finds no problem). A checked open reads every article
/// anyway, and never uses it.
pub(super) fn open_with(
    path: &Path,
    how: Opening,
    cache: Option<&MetaCache>,
) -> Result<Library, LoadError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return super::open_dir::open_dir(path, how);
    }
    let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
    // The length when opened: a file that keeps growing is read that far.
    let len = meta.len();
    let cache = cache.filter(|_| how != Opening::Checked);
    if let Some((found, ids)) = cache.and_then(|c| meta_cache::load(c, path, &file, len)) {
        let again = file.try_clone().map_err(|e| io_error(path, e))?;
        let bytes = ArchiveBytes::File(again);
        let cached =
            library(path, bytes, len, found, how.strictness()).map(|l| l.with_id_table(ids));
        if let Some(library) = cached.filter(|l| l.problem_count() == 0) {
            return Ok(library);
        }
    }
    read(path, ArchiveBytes::File(file), len, how, cache)
}

/// Opens an archive whose bytes are in memory; `name` stands for its file
/// in messages (and, less its extension, is the title of JSON Lines).
pub(super) fn open_bytes(
    name: &Path,
    bytes: Arc<[u8]>,
    how: Opening,
) -> Result<Library, LoadError> {
    let len = bytes.len() as u64;
    read(name, ArchiveBytes::Memory(bytes), len, how, None)
}

/// One archive file's bytes (`len` of them), read by the quick pass a
/// window at a time, leniently whatever the strictness, so memory stays
/// flat in the archive's size (holding a 2.5 GB archive whole to read it
/// once cost 2.5 GB). Strictness is then a filter over what it found:
/// strict, its problems refuse the archive; checked, so do those of each
/// article checked whole as it was read. Only what the pass cannot read
/// (or put in words) goes to the full loader.
fn read(
    path: &Path,
    bytes: ArchiveBytes,
    len: u64,
    how: Opening,
    cache: Option<&MetaCache>,
) -> Result<Library, LoadError> {
    let again = match &bytes {
        ArchiveBytes::Memory(held) => Some(held.clone()),
        ArchiveBytes::File(_) => None,
    };
    let hashing = Hashing::new(&bytes);
    let mut first_ids = FirstIds::default();
    let check = match how {
        Opening::Checked => Check::Strictly(Box::new(Parsed::checking(path)), &mut first_ids),
        Opening::Lenient | Opening::Strict => Check::Metadata,
    };
    let scanned = (len > 0).then(|| scan_by(&hashing, len, WINDOW, Keep::Metadata, check));
    let Some(mut found) = scanned.flatten() else {
        return whole(path, again, how);
    };
    let checked = found.checked.take().map(|parsed| {
        let mut parsed = [parsed];
        let id_of = |_, number: usize| Some(found.articles.get(number - 1)?.id.clone());
        first_ids.finish(&mut parsed, id_of);
        let [parsed] = parsed;
        parsed
    });
    let digest = hashing.digest(len);
    let mut files = [Found {
        path: path.to_path_buf(),
        bytes,
        len,
        scan: found,
    }];
    let strict = how == Opening::Strict;
    if strict {
        files.iter_mut().for_each(Found::mark_bodiless);
    }
    let ids = check_ids(&mut files, strict);
    let [mut file] = files;
    file.scan.ids = ids;
    let header = file.scan.header.clone();
    let articles_clean = file.clean();
    if let (Some(cache), Some(digest), true) = (cache, digest, articles_clean) {
        // Only an archive with no problem at all, its own fields included.
        let mut problems = Vec::new();
        if title_and_key(path, header.clone(), &mut problems).is_some() && problems.is_empty() {
            meta_cache::store(cache, path, len, digest, &file.scan);
        }
    }
    if checked.is_some() {
        // The checked reading says every problem, in its own words.
        file.scan.faults.clear();
    }
    let Some(library) = library(path, file.bytes, len, file.scan, how.strictness()) else {
        return whole(path, again, how);
    };
    if let Some(mut checked) = checked {
        checked.header = header;
        return finish(path, vec![checked], &stem(path)).map(|_| library);
    }
    // Strict: the problems the pass found, the archive's own fields' too.
    match library.problem_count() {
        n if n > 0 && strict => Err(library.refused(path)),
        _ => Ok(library),
    }
}

/// What the pass could not read: why the file cannot be read at all,
/// found by streaming it (`model::unreadable`); else the full loader over
/// the whole of the bytes (those in memory, or the file read again), for
/// what that cannot place (a bad number, a known name given twice) and
/// every problem in words. A file the pass could not read that reads now
/// changed since: lenient, its new reading is read by the pass (once: its
/// bytes are held).
pub(super) fn whole(
    path: &Path,
    held: Option<Arc<[u8]>>,
    how: Opening,
) -> Result<Library, LoadError> {
    let found = match &held {
        Some(held) => verdict(path, &held[..], held.len() as u64),
        None => {
            let (file, meta) = files::open_regular(path).map_err(|e| io_error(path, e))?;
            verdict(path, &file, meta.len())
        }
    };
    let read_now = |path| read_whole(path).map(|(_, bytes)| Arc::<[u8]>::from(bytes));
    let bytes = match (found, held) {
        (Verdict::Refused(error), _) => return Err(error),
        (Verdict::Readable, None) if how == Opening::Lenient => {
            let bytes = read_now(path)?;
            let len = bytes.len() as u64;
            return read(path, ArchiveBytes::Memory(bytes), len, how, None);
        }
        (_, Some(held)) => held,
        (_, None) => read_now(path)?,
    };
    match how {
        Opening::Lenient | Opening::Strict => load_file_bytes(path, &bytes).map(Library::from),
        Opening::Checked => {
            check_file_bytes(path, &bytes)?;
            load_file_bytes(path, &bytes).map(Library::from)
        }
    }
}

/// The library of what the pass found in `bytes` (`len` of them), its
/// ids indexed; `None` when the header keeps it from being read this way.
pub(super) fn library(
    path: &Path,
    bytes: ArchiveBytes,
    len: u64,
    mut found: Scan,
    strictness: Strictness,
) -> Option<Library> {
    let ids = std::mem::take(&mut found.ids);
    let file = Found {
        path: path.to_path_buf(),
        bytes,
        len,
        scan: found,
    };
    build(vec![file], ids, stem(path), strictness)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bytes_read;

    const GOOD: &str = r#"{"id": "a", "title": "t", "district": "d", "body": [{"type": "paragraph", "text": "x"}]}"#;
    /// A problem in the metadata (no title) and one in a body.
    const BAD_HEAD: &str =
        r#"{"id": "b", "district": "d", "body": [{"type": "paragraph", "text": "x"}]}"#;
    const BAD_BODY: &str =
        r#"{"id": "c", "title": "t", "district": "d", "body": [{"type": "image"}]}"#;

    fn file(lines: &[&str]) -> (tempfile::TempDir, std::path::PathBuf, u64) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.jsonl");
        let text = lines.join("\n") + "\n";
        fs::write(&path, &text).unwrap();
        (dir, path, text.len() as u64)
    }

    /// Bytes of the archive read by `f` on this thread.
    fn reads<T>(f: impl FnOnce() -> T) -> (T, u64) {
        let before = bytes_read();
        let out = f();
        (out, bytes_read() - before)
    }

    /// Strictness is a filter: the pass reads the file once, and a strict
    /// open refuses it with the problems the pass found (a body's are
    /// found when its article is opened), in the full loader's words.
    #[test]
    fn a_strict_open_of_a_file_with_problems_reads_it_once() {
        let (_dir, path, len) = file(&[GOOD, BAD_HEAD, BAD_BODY]);
        let (opened, read) = reads(|| open(&path, Opening::Strict));
        let error = opened.unwrap_err();
        let full = super::super::whole_load::load_whole(&path).unwrap_err();
        assert_eq!(Some(error.to_string()), strict_tests::strictly(&full));
        assert!(error.to_string().contains("1 problem"), "{error}");
        assert!(
            error
                .to_string()
                .contains("a.jsonl:2: article b: missing title")
        );
        assert_eq!(read, len, "one reading");
        // A problem only in a body: it opens, and says so when opened.
        let (_dir, path, _) = file(&[GOOD, BAD_BODY]);
        let library = open(&path, Opening::Strict).unwrap();
        let said = library.open(1).unwrap_err().to_string();
        assert!(said.contains("unknown type \"image\""), "{said}");
    }

    /// `check` and `--strict` on the command line: one reading, each
    /// article checked whole as the pass reads it (memory flat in the
    /// archive's size), problems or not, in the full loader's words.
    #[test]
    fn a_checked_open_reads_the_file_once() {
        let (_dir, path, len) = file(&[GOOD, GOOD.replace("\"a\"", "\"b\"").as_str()]);
        let (opened, read) = reads(|| open(&path, Opening::Checked));
        assert!(opened.is_ok());
        assert_eq!(read, len, "one reading");
        let (_dir, path, len) = file(&[GOOD, BAD_HEAD, BAD_BODY, GOOD]);
        let (opened, read) = reads(|| open(&path, Opening::Checked));
        let error = opened.unwrap_err().to_string();
        assert_eq!(
            error,
            super::super::whole_load::load_whole(&path)
                .unwrap_err()
                .to_string()
        );
        // JSON Lines places, counted by the pass as it reads.
        assert!(
            error.contains("a.jsonl:2: article b: missing title"),
            "{error}"
        );
        assert!(error.contains("a.jsonl:3: article c: block 1"), "{error}");
        assert!(error.contains("duplicate id"), "{error}");
        assert_eq!(read, len, "one reading");
    }

    #[test]
    fn a_strict_open_reads_a_good_file_once_and_keeps_it_lazy() {
        let (_dir, path, len) = file(&[GOOD]);
        let (opened, read) = reads(|| open(&path, Opening::Strict));
        let library = opened.unwrap();
        assert!(library.is_lazy());
        assert_eq!(read, len, "read once");
    }

    #[test]
    fn a_lenient_open_reads_the_file_once() {
        let (_dir, path, len) = file(&[GOOD, GOOD.replace("\"a\"", "\"b\"").as_str()]);
        let (opened, read) = reads(|| open(&path, Opening::Lenient));
        assert_eq!(opened.unwrap().articles.len(), 2);
        assert_eq!(read, len, "JSON Lines: the first window is not read twice");

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let text = format!(
            r#"{{"format": "bulletin-archive/1", "title": "t", "articles": [{GOOD}, {BAD_HEAD}, {BAD_BODY}]}}"#
        );
        fs::write(&path, &text).unwrap();
        let (opened, read) = reads(|| open(&path, Opening::Lenient));
        assert_eq!(
            opened.unwrap().problem_count(),
            1,
            "bodies are read when opened"
        );
        assert_eq!(read, text.len() as u64);

        // JSON Lines problems are placed by the lines the pass counted,
        // not by counting through the file again.
        let (_dir, path, len) = file(&[GOOD, BAD_HEAD, GOOD.replace("\"a\"", "\"c\"").as_str()]);
        let (opened, read) = reads(|| open(&path, Opening::Lenient));
        let problems = opened.unwrap().problems();
        assert_eq!(
            problems[0].1.location.as_deref(),
            Some(&*format!("{}:2", path.display()))
        );
        assert_eq!(read, len, "placed without reading again");
    }

    /// A file that changed after the pass gave up on it, and reads now:
    /// lenient, its new reading is read by the pass, problems and all.
    #[test]
    fn a_file_that_reads_now_is_read_by_the_pass_again() {
        let (_dir, path, _) = file(&[GOOD, BAD_HEAD]);
        let library = whole(&path, None, Opening::Lenient).unwrap();
        assert!(library.is_lazy());
        assert_eq!(library.problem_count(), 1, "{:?}", library.problems());
        let strict = whole(&path, None, Opening::Strict).unwrap_err();
        assert!(strict.to_string().contains("1 problem"), "{strict}");
    }
}

#[cfg(test)]
#[path = "strict_tests.rs"]
pub(crate) mod strict_tests;
