//! The public loaders that give an [`Archive`] (`load_path`, `load_bytes`:
//! the checked open of `model::open`, every article read), and the full
//! loader's own reading of a file or a directory whole, for what the quick
//! pass cannot read: the files of a directory, a file's emptiness, UTF-8
//! and syntax checked, its header read, its files merged into one error.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::describe::FormatFound;
use super::describe::{Kind, What};
use super::describe::{not_utf8, syntax_error};
use super::mend::Strictness;
use super::open::{Opening, open, open_bytes};
use super::rules::{blank_problem, quote};
use super::source::count_read;
use super::whole_library::merge;
use super::whole_parse::{Parsed, parse_text};
use super::whole_text::strip_bom;
use super::{Archive, FORMAT_TAG, LoadError, Problem};
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

/// The error of reading `path`: a refused special file says what it is.
pub(super) fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    let path = path.to_path_buf();
    match files::refused_kind(&source) {
        Some(kind) => LoadError::NotRegular { path, kind },
        None => LoadError::Io { path, source },
    }
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

/// A file name without its extension, sanitised: the title of JSON Lines.
pub(super) fn stem(path: &Path) -> String {
    let stem = path.file_stem().unwrap_or(path.as_os_str());
    sanitize_line(&stem.to_string_lossy())
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

/// The archive's own fields, from a single-file header.
pub(super) struct Header {
    pub(super) title: Option<String>,
    pub(super) key: Option<String>,
    pub(super) extra: Map<String, Value>,
}

/// Checks a header's `format`, `title` and `key`; problems go to `problems`.
pub(super) fn read_header(
    path: &Path,
    mut fields: Map<String, Value>,
    problems: &mut Vec<Problem>,
) -> Result<Header, LoadError> {
    match fields.shift_remove("format") {
        Some(Value::String(tag)) if tag == FORMAT_TAG => {}
        found => {
            return Err(LoadError::Format {
                path: path.to_path_buf(),
                found: found.map(|v| match v {
                    Value::String(tag) => FormatFound::Tag(quote(&tag)),
                    other => FormatFound::Type(Kind::of(&other)),
                }),
            });
        }
    }
    let mut problem = |message: What| {
        let message = message.into();
        problems.push(Problem {
            location: Some(path.display().to_string()),
            article: String::new(),
            message,
        })
    };
    let title = match fields.shift_remove("title") {
        Some(Value::String(t)) => {
            let t = sanitize_line(&t);
            if let Some(why) = blank_problem("title", &t) {
                problem(why);
            }
            Some(t)
        }
        None | Some(Value::Null) => {
            problem(What::Missing("title"));
            None
        }
        Some(v) => {
            problem(What::NotString("title", Kind::of(&v)));
            None
        }
    };
    let key = match fields.shift_remove("key") {
        None | Some(Value::Null) => None,
        Some(Value::String(k)) => Some(k),
        Some(v) => {
            problem(What::NotString("key", Kind::of(&v)));
            None
        }
    };
    Ok(Header {
        title,
        key,
        extra: fields,
    })
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
