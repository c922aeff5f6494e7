//! Where an article's body is decoded: the quick pass over its metadata
//! (`model::scan`) reads an archive file (or bytes in memory:
//! `model::source`) a window at a time, and only each article's offset is
//! kept; its bytes are read again (`pread`) when it is opened, parsed and
//! checked.
//!
//! Not a memory map (issue 15): a process cutting the file short while it
//! was mapped made reading the lost pages kill the reader with SIGBUS,
//! and no check of the length before touching the map closes that window.
//! A read of a file cut short comes back short, which says the file
//! changed.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde_json::Value;

use super::article_error::ArticleError;
use super::convert::{Mended, accept_article};
use super::describe::{Fault, What};
use super::describe::{
    bad_byte_place, error_offset, line_column, not_utf8_placed, syntax_error_placed,
};
use super::library::Fingerprint;
use super::line_numbers::LineCounter;
use super::mend::Strictness;
use super::scan::Scan;
use super::scan_window::body_hash;
use super::source::io_error;
use super::source::{ArchiveBytes, Source};
use super::unique_names::UniqueNames;
use super::{LoadError, Problem};
use crate::text::sanitize::sanitize_line;

#[derive(Debug)]
pub(super) struct OnDisk {
    bytes: ArchiveBytes,
    /// The bytes the pass read (byte order mark included): a file that
    /// holds fewer now was cut short.
    len: u64,
    /// Length of the byte order mark the scan skipped.
    bom: usize,
    /// Where each article's object starts, after the BOM.
    starts: Vec<usize>,
    /// Where each article's object ends.
    ends: Vec<usize>,
    /// The hash of each article's bytes when the pass read them: a body
    /// read since must hash the same (`scan_window::body_hash`), or it is not
    /// the version the metadata came from.
    hashes: Vec<u64>,
    /// The file, for messages.
    path: PathBuf,
    /// Whether the file is JSON Lines (problems then name the line).
    lines: bool,
    /// The line each article starts on, when the pass counted them.
    line_of: Vec<u32>,
    /// Lines counted so far, for messages about bodies.
    counter: Mutex<LineCounter>,
}

impl OnDisk {
    /// `file` (at `path`, `len` bytes when the pass read it; JSON Lines
    /// when `lines`), its articles where the pass `found` them (their
    /// offsets and hashes are taken from it).
    pub(super) fn new(
        bytes: ArchiveBytes,
        len: u64,
        path: &Path,
        lines: bool,
        found: &mut Scan,
    ) -> OnDisk {
        OnDisk {
            bytes,
            len,
            bom: found.bom,
            starts: std::mem::take(&mut found.starts),
            ends: std::mem::take(&mut found.ends),
            hashes: std::mem::take(&mut found.hashes),
            line_of: std::mem::take(&mut found.lines),
            path: path.to_path_buf(),
            lines,
            counter: Mutex::default(),
        }
    }
}

impl OnDisk {
    /// What the pass read: the file's length, and one hash of every
    /// article's bytes in order.
    pub(super) fn fingerprint(&self) -> Fingerprint {
        let mut all = Vec::with_capacity(8 * (self.hashes.len() + 1));
        all.extend_from_slice(&(self.hashes.len() as u64).to_le_bytes());
        self.hashes
            .iter()
            .for_each(|h| all.extend_from_slice(&h.to_le_bytes()));
        Fingerprint {
            len: self.len,
            content: twox_hash::XxHash3_128::oneshot(&all),
        }
    }

    /// Article `i`, whose id is `id`, as read with `strictness`, or why it
    /// cannot be read.
    pub(super) fn read(
        &self,
        i: usize,
        id: &str,
        strictness: Strictness,
    ) -> Result<Mended, ArticleError> {
        let label = sanitize_line(id);
        let value = self.value(i, &label)?;
        if value.get("id").and_then(Value::as_str) != Some(id) {
            return Err(self.changed(&label));
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

    /// Article `i`'s JSON (`label`, for messages), read from the file now.
    fn value(&self, i: usize, label: &str) -> Result<Value, ArticleError> {
        let start = *self.starts.get(i).ok_or(ArticleError::NoSuch(i))?;
        let end = self.ends[i];
        let unreadable = |error| ArticleError::Unreadable {
            label: label.to_owned(),
            error: Arc::new(error),
        };
        let bytes = match self.bytes(start, end) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Err(self.changed(label)),
            Err(e) => return Err(unreadable(io_error(&self.path, e))),
        };
        // Rewritten in place since the pass (same length, time and all):
        // never a body of one version under the metadata of another.
        if body_hash(&bytes) != self.hashes[i] {
            return Err(self.changed(label));
        }
        // As the full loader reads it: a known name given twice is an error.
        let mut values = serde_json::Deserializer::from_slice(&bytes).into_iter::<UniqueNames>();
        match values.next() {
            Some(Ok(UniqueNames(value))) => Ok(value),
            // The object ended inside these bytes when the file was opened.
            Some(Err(e)) if !e.is_eof() => match self.unread(&bytes, start, &e) {
                Some(error) => Err(unreadable(error)),
                None => Err(self.changed(label)),
            },
            _ => Err(self.changed(label)),
        }
    }

    /// Article `i`'s JSON, read from the file now, if it is still what the
    /// pass read (its hash the same); `None` otherwise ([`OnDisk::read`]
    /// says why).
    pub(super) fn bytes_of(&self, i: usize) -> Option<Vec<u8>> {
        let (start, end) = (*self.starts.get(i)?, self.ends[i]);
        let bytes = self.bytes(start, end).ok()?;
        (body_hash(&bytes) == self.hashes[i]).then_some(bytes)
    }

    /// The error for an article whose file changed since it was opened.
    fn changed(&self, label: &str) -> ArticleError {
        ArticleError::Changed {
            label: label.to_owned(),
            file: self.file_name(),
        }
    }

    /// The file's bytes `start..end` (offsets in the text after the BOM),
    /// read now. `UnexpectedEof` when the file holds fewer bytes than when
    /// it was opened: it was cut short.
    fn bytes(&self, start: usize, end: usize) -> io::Result<Vec<u8>> {
        if self.bytes.len_now()? < self.len {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let mut bytes = vec![0; end.saturating_sub(start)];
        self.bytes.read_at(&mut bytes, (self.bom + start) as u64)?;
        Ok(bytes)
    }

    /// How many articles the pass found.
    pub(super) fn count(&self) -> usize {
        self.starts.len()
    }

    /// Article `i`'s body `faults` (its id `id`) as problems, placed.
    pub(super) fn body_problems<'f>(
        &self,
        i: usize,
        id: &str,
        faults: impl Iterator<Item = &'f Fault>,
    ) -> Vec<Problem> {
        let mut faults = faults.peekable();
        if faults.peek().is_none() {
            // No problem to place: no line counting through the file.
            return Vec::new();
        }
        let (place, label) = (self.place(i), sanitize_line(id));
        faults
            .map(|f| self.problem(&place, &label, f.clone()))
            .collect()
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
            // The head's were seen on opening the archive.
            Ok(m) => self.body_problems(i, id, m.faults.iter().filter(|f| f.is_body())),
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

    pub(super) fn file_name(&self) -> String {
        sanitize_line(&self.path.display().to_string())
    }

    /// Where article `i` is, for messages: the file, and for JSON Lines
    /// the line it starts on (counted in the file).
    pub(super) fn place(&self, i: usize) -> String {
        let start = self.starts.get(i).copied().unwrap_or(0);
        let line = match (self.lines, self.line_of.get(i)) {
            (true, Some(&line)) => Some(line as usize),
            (true, None) => self.start_of(start).map(|(line, _)| line),
            (false, _) => None,
        };
        Problem::place(&self.file_name(), line)
    }

    /// Line and column of byte `start` of the text, counted in the file;
    /// `None` if the file no longer reaches it.
    fn start_of(&self, start: usize) -> Option<(usize, usize)> {
        let mut counter = self.counter.lock().unwrap_or_else(PoisonError::into_inner);
        counter.locate(&self.bytes, self.bom as u64, start)
    }

    fn problem(&self, place: &str, label: &str, message: Fault) -> Problem {
        Problem {
            location: Some(place.to_owned()),
            article: label.to_owned(),
            message,
        }
    }

    /// What `bulletin check` says of an article whose `bytes`, read from
    /// `start`, do not parse: bad UTF-8 (which the quick pass does not
    /// check in a body), or a syntax error it let through (a lone
    /// surrogate, or a known name given twice, in a body). `None` if the
    /// file no longer reaches it.
    fn unread(&self, bytes: &[u8], start: usize, e: &serde_json::Error) -> Option<LoadError> {
        let at = error_offset(bytes, e);
        let upto = (at + 4).min(bytes.len());
        let bad_utf8 = match std::str::from_utf8(&bytes[..upto]) {
            Err(bad) if bad.error_len().is_some() && bad.valid_up_to() <= at => {
                Some(bad.valid_up_to())
            }
            _ => None,
        };
        let (line, column) = self.start_of(start)?;
        let (l, c) = match bad_utf8 {
            Some(bad) => bad_byte_place(bytes, bad),
            None => line_column(bytes, at),
        };
        // On the article's first line, columns count on from its start.
        let place = if l == 1 {
            (line, column + c - 1)
        } else {
            (line + l - 1, c)
        };
        Some(match bad_utf8 {
            Some(bad) => not_utf8_placed(&self.path, self.bom + start + bad, place),
            None => syntax_error_placed(&self.path, place, e, None),
        })
    }
}
