//! A single archive file, memory-mapped: the quick pass over its metadata
//! (`model::lazy`) on opening, and each article parsed from its offset
//! when it is opened.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::Mmap;
use serde_json::{Map, Value};

use super::accept::{Mended, accept_article};
use super::fault::What;
use super::lazy::scan;
use super::library::{ArticleError, Library, Parts};
use super::load::{Header, io_error, read_header, stem};
use super::mend::Strictness;
use super::read::strip_bom;
use super::syntax::{error_offset, not_utf8, syntax_error_at};
use super::{LoadError, Problem};
use crate::text::sanitize::sanitize_line;

#[derive(Debug)]
pub(super) struct Mapped {
    file: File,
    map: Mmap,
    /// Length of the byte order mark the scan skipped.
    bom: usize,
    /// Where each article's object starts, after the BOM.
    starts: Vec<usize>,
    /// The file, for messages.
    path: PathBuf,
    /// Whether the file is JSON Lines (problems then name the line).
    lines: bool,
}

/// Maps and scans a single file; `Ok(None)` when it must be loaded in full
/// instead (a directory, an empty file, anything the quick pass cannot
/// read: the full loader then gives the usual messages).
pub(super) fn open(path: &Path, strictness: Strictness) -> Result<Option<Library>, LoadError> {
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_file() || meta.len() == 0 {
        return Ok(None);
    }
    // Not `File::open`: a FIFO put in the file's place since would block it.
    let (file, _) = crate::files::open_regular(path).map_err(|e| io_error(path, e))?;
    // SAFETY: the map is read-only. Another process changing the file while
    // it is mapped changes what we read (caught: articles are re-checked and
    // their ids compared when opened); cutting it short would fault, which
    // `Mapped::read` guards against by checking the length first.
    let Ok(map) = (unsafe { Mmap::map(&file) }) else {
        return Ok(None);
    };
    let (bom, bytes) = strip_bom(&map);
    let Some(found) = scan(bytes, strictness) else {
        return Ok(None);
    };
    let lines = found.header.is_none();
    let mut problems = Vec::new();
    let Some((title, key)) = title_and_key(path, found.header, strictness, &mut problems) else {
        return Ok(None);
    };
    let mut mapped = Mapped {
        file,
        map,
        bom,
        starts: found.starts,
        path: path.to_path_buf(),
        lines,
    };
    let mut broken = HashMap::new();
    let mut lines = LineCounter::new(&mapped.map[mapped.bom..]);
    for f in found.faults {
        let label = &found.articles[f.index].id;
        let place = mapped.place_with(f.index, &mut lines);
        for fault in &f.faults {
            let problem = mapped.problem(&place, label, fault.clone());
            problems.push((Some(f.index), problem));
        }
        if f.broken {
            broken.insert(f.index, f.faults);
        }
    }
    mapped.starts.shrink_to_fit();
    let parts = Parts {
        title,
        key,
        articles: found.articles,
        ids: found.ids,
        broken,
        problems,
        strictness,
    };
    Ok(Some(Library::mapped(parts, mapped)))
}

/// The title and key of a scanned file (a JSON Lines file is named by its
/// file name). Strict, `None` when its header has a problem, which the
/// full loader then reports; lenient, the problem is kept and a bad title
/// is replaced by the file's name.
fn title_and_key(
    path: &Path,
    header: Option<Map<String, Value>>,
    strictness: Strictness,
    problems: &mut Vec<(Option<usize>, Problem)>,
) -> Option<(String, Option<String>)> {
    let Some(fields) = header else {
        return Some((stem(path), None));
    };
    let mut found = Vec::new();
    let Header { title, key, .. } = read_header(path, fields, &mut found).ok()?;
    if strictness == Strictness::Strict && !found.is_empty() {
        return None;
    }
    let title = title
        .filter(|t| !t.trim().is_empty())
        .unwrap_or_else(|| stem(path));
    problems.extend(found.into_iter().map(|p| (None, p)));
    Some((title, key))
}

impl Mapped {
    /// Article `i`, whose id is `id`, as read with `strictness`, or why it
    /// cannot be read.
    pub(super) fn read(
        &self,
        i: usize,
        id: &str,
        strictness: Strictness,
    ) -> Result<Mended, ArticleError> {
        let label = sanitize_line(id);
        let changed = || ArticleError::Changed {
            label: label.clone(),
        };
        // A file cut short under the map would fault on access: look first.
        match self.file.metadata() {
            Ok(now) if now.len() >= self.map.len() as u64 => {}
            _ => return Err(changed()),
        }
        let bytes = &self.map[self.bom..];
        let start = *self.starts.get(i).ok_or(ArticleError::NoSuch(i))?;
        let mut stream = serde_json::Deserializer::from_slice(&bytes[start..]).into_iter::<Value>();
        let value = match stream.next() {
            Some(Ok(value)) => value,
            Some(Err(e)) => {
                let error = Arc::new(self.unread(bytes, start, &e));
                return Err(ArticleError::Unreadable { label, error });
            }
            None => return Err(changed()),
        };
        if value.get("id").and_then(Value::as_str) != Some(id) {
            return Err(changed());
        }
        accept_article(value, strictness).map_err(|faults| {
            let mut faults = faults.into_iter();
            let first = faults
                .next()
                .unwrap_or_else(|| What::Unreadable(String::new()).into());
            ArticleError::Invalid {
                first: Box::new(self.problem(&self.place(i), &label, first)),
                more: faults.collect(),
            }
        })
    }

    /// The problems of a body just read, to keep for the problems view:
    /// the faults it was mended for, or why it cannot be read.
    pub(super) fn problems_of(
        &self,
        i: usize,
        id: &str,
        read: &Result<Mended, ArticleError>,
    ) -> Vec<Problem> {
        let label = sanitize_line(id);
        match read {
            Ok(m) => {
                let place = self.place(i);
                // The head's were seen on opening the archive.
                let faults = m.faults.iter().filter(|f| f.is_body()).cloned();
                faults.map(|f| self.problem(&place, &label, f)).collect()
            }
            Err(ArticleError::Unreadable { error, .. }) => {
                let (line, column, message) = match error.as_ref() {
                    LoadError::NotUtf8 {
                        offset,
                        line,
                        column,
                        ..
                    } => (line, column, What::NotUtf8 { offset: *offset }),
                    LoadError::Syntax {
                        line,
                        column,
                        message,
                        ..
                    } => (line, column, What::Json(message.clone())),
                    _ => return Vec::new(),
                };
                let place = format!("{}:{line}:{column}", self.file_name());
                vec![self.problem(&place, &label, message.into())]
            }
            Err(_) => Vec::new(),
        }
    }

    fn file_name(&self) -> String {
        sanitize_line(&self.path.display().to_string())
    }

    /// Where article `i` is, for messages: the file, and for JSON Lines
    /// the line it starts on.
    fn place(&self, i: usize) -> String {
        self.place_with(i, &mut LineCounter::new(&self.map[self.bom..]))
    }

    /// [`Mapped::place`], counting lines on from where `lines` got to.
    fn place_with(&self, i: usize, lines: &mut LineCounter) -> String {
        let start = self.starts.get(i).copied().unwrap_or(0);
        let line = self.lines.then(|| lines.line_of(start));
        Problem::place(&self.file_name(), line)
    }

    fn problem(&self, place: &str, label: &str, message: super::Fault) -> Problem {
        Problem {
            location: Some(place.to_owned()),
            article: label.to_owned(),
            message,
        }
    }

    /// What `bulletin check` says of an article that does not parse from
    /// `start`: bad UTF-8 (which the quick pass does not check in a body),
    /// or a syntax error it let through (a lone surrogate in a body).
    fn unread(&self, bytes: &[u8], start: usize, e: &serde_json::Error) -> LoadError {
        let at = start + error_offset(&bytes[start..], e);
        let upto = (at + 4).min(bytes.len());
        match std::str::from_utf8(&bytes[start..upto]) {
            Err(bad) if bad.error_len().is_some() && start + bad.valid_up_to() <= at => {
                not_utf8(&self.path, bytes, self.bom, start + bad.valid_up_to())
            }
            _ => syntax_error_at(&self.path, bytes, start, e, None),
        }
    }
}

/// Line numbers of offsets, counted on from the last one asked for (so
/// asking in order reads the file once).
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.bytes.len());
        if offset < self.at {
            (self.at, self.line) = (0, 1);
        }
        self.line += memchr::memchr_iter(b'\n', &self.bytes[self.at..offset]).count();
        self.at = offset;
        self.line
    }
}
