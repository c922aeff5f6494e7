//! The public loaders that give an [`Archive`] (`load_path`, `load_bytes`:
//! the checked open of `model::open`, every article read), and the full
//! loader's own reading of a file or a directory whole, for what the quick
//! pass cannot read: the files of a directory, a file's emptiness, UTF-8
//! and syntax checked, its header read, its files merged into one error.

use std::fs;
use std::path::Path;

use super::describe::{not_utf8, syntax_error};
use super::header::stem;
use super::mend::Strictness;
use super::open::{Opening, open, open_bytes};
use super::open_dir::{archive_files, dir_title};
use super::source::{count_read, io_error};
use super::whole_library::merge;
use super::whole_parse::{Parsed, parse_text};
use super::whole_text::strip_bom;
use super::{Archive, FORMAT_TAG, LoadError};
use crate::files;
use crate::text::sanitize::sanitize_line;

/// Loads an archive file (single JSON or JSON Lines) or a directory of
/// them, every article read: the checked open every command reads with
/// (`model::open`). Text is sanitised; any schema problem fails the load
/// with all of them.
pub fn load_path(path: &Path) -> Result<Archive, LoadError> {
    let library = open(path, Opening::Checked)?;
    // Checked, every article was read once already; if the file changed
    // since, the full loader reads what it holds now.
    library.to_archive().or_else(|_| load_whole(path))
}

/// The full loader's strict reading of `path`, whole.
pub(super) fn load_whole(path: &Path) -> Result<Archive, LoadError> {
    let (files, name) = read_path(path, Strictness::Strict)?;
    finish(path, files, &name)
}

/// Every file of `path` (a file, or a directory's archive files) parsed,
/// and the title to use when none has one. Anything but a regular file or
/// a directory is refused unread (`/dev/zero` never ends, a FIFO may
/// never answer).
pub(super) fn read_path(
    path: &Path,
    strictness: Strictness,
) -> Result<(Vec<Parsed>, String), LoadError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if meta.is_dir() {
        return read_dir(path, strictness);
    }
    let (_, bytes) = read_whole(path)?;
    let parsed = parse_file(path, &bytes, strictness)?;
    Ok((vec![parsed], stem(path)))
}

/// Loads one file's content; `name` is the file name used in messages (and
/// the title of a JSON Lines archive, less its extension).
/// Read by the quick pass over the bytes in memory, every body checked,
/// as a file is (`model::open`).
pub fn load_bytes(name: &str, bytes: &[u8]) -> Result<Archive, LoadError> {
    let path = Path::new(name);
    let library = open_bytes(path, bytes.into(), Opening::Checked)?;
    // Checked, every article was read once already: bytes in memory do
    // not change, so this reads them all again.
    library
        .to_archive()
        .or_else(|_| load_file_bytes(path, bytes))
}

/// Loads the content of the file `path` (already read), strictly.
pub(super) fn load_file_bytes(path: &Path, bytes: &[u8]) -> Result<Archive, LoadError> {
    let parsed = parse_file(path, bytes, Strictness::Strict)?;
    finish(path, vec![parsed], &stem(path))
}

/// Checks the content of the file `path` as [`load_file_bytes`] does,
/// keeping no article: the same error, or none.
pub(super) fn check_file_bytes(path: &Path, bytes: &[u8]) -> Result<(), LoadError> {
    let parsed = parse_file_into(path, bytes, Strictness::Strict, false)?;
    finish(path, vec![parsed], &stem(path)).map(drop)
}

/// A regular file read whole, up to its length when opened (counted:
/// `scan_window::bytes_read`), with the file still open.
pub(super) fn read_whole(path: &Path) -> Result<(std::fs::File, Vec<u8>), LoadError> {
    let (file, bytes) = files::read_as_opened(path).map_err(|e| io_error(path, e))?;
    count_read(bytes.len());
    Ok((file, bytes))
}

/// Every `*.json` / `*.jsonl` file directly in `dir`, by file name.
fn read_dir(dir: &Path, strictness: Strictness) -> Result<(Vec<Parsed>, String), LoadError> {
    let files = archive_files(dir)?;
    let mut parsed = Vec::with_capacity(files.len());
    for file in &files {
        let (_, bytes) = read_whole(file)?;
        parsed.push(parse_file(file, &bytes, strictness)?);
    }
    Ok((parsed, dir_title(dir)))
}

/// Bytes to [`Parsed`]: BOM, emptiness, UTF-8 and syntax checks.
pub(super) fn parse_file(
    path: &Path,
    bytes: &[u8],
    strictness: Strictness,
) -> Result<Parsed, LoadError> {
    parse_file_into(path, bytes, strictness, true)
}

/// [`parse_file`], keeping the articles or not.
fn parse_file_into(
    path: &Path,
    bytes: &[u8],
    strictness: Strictness,
    keep: bool,
) -> Result<Parsed, LoadError> {
    let (bom, body) = strip_bom(bytes);
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::Empty {
            path: path.to_path_buf(),
        });
    }
    let text = std::str::from_utf8(body).map_err(|e| not_utf8(path, body, bom, e.valid_up_to()))?;
    let location = sanitize_line(&path.display().to_string());
    let mut parsed = Parsed::new(location, strictness);
    if !keep {
        parsed = parsed.only_checking();
    }
    parse_text(text, &mut parsed).map_err(|f| syntax_error(path, text, &f.error, f.context))?;
    Ok(parsed)
}

/// Merges parsed files into one archive (`model::whole_library`'s merge),
/// or all their problems into one error. Title, key and unknown fields
/// come from the first single-file archive; `fallback_title` is used when
/// there is none.
pub(super) fn finish(
    path: &Path,
    files: Vec<Parsed>,
    fallback_title: &str,
) -> Result<Archive, LoadError> {
    let mut merged = merge(files, Strictness::Strict)?;
    if !merged.problems.is_empty() {
        merged.problems.sort_by_key(|p| (p.file, p.number));
        return Err(LoadError::Invalid {
            path: path.to_path_buf(),
            problems: merged.problems.into_iter().map(|p| p.problem).collect(),
            articles: merged.count,
        });
    }
    let header = merged.header;
    Ok(Archive {
        format: FORMAT_TAG.to_string(),
        title: header.title.unwrap_or_else(|| fallback_title.to_string()),
        key: header.key,
        articles: merged
            .items
            .into_iter()
            .flatten()
            .map(|m| m.article)
            .collect(),
        extra: header.extra,
    })
}
