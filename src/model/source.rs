//! Where an archive's bytes come from: a file, read a window at a time
//! (`pread`), or bytes already in memory (the bundled sample, an archive
//! handed over whole). The quick pass (`model::scan`), the bodies read
//! when an article is opened (`model::body`) and the line numbers of
//! messages (`model::line_numbers`) all read through [`Source`], so one
//! reader serves both.

use std::cell::Cell;
use std::fs::File;
use std::io;
use std::sync::Arc;

use std::path::Path;

use super::LoadError;
use crate::files::{self, read_exact_at};

/// Something an archive can be read from, at any offset.
pub(super) trait Source {
    /// Fills `buf` from `offset`; `UnexpectedEof` past the end.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()>;
}

impl Source for File {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        count_read(buf.len());
        read_exact_at(self, buf, offset)
    }
}

impl Source for [u8] {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        let from = usize::try_from(offset).unwrap_or(usize::MAX);
        let bytes = self.get(from..).and_then(|rest| rest.get(..buf.len()));
        let bytes = bytes.ok_or(io::ErrorKind::UnexpectedEof)?;
        buf.copy_from_slice(bytes);
        Ok(())
    }
}

/// An archive's bytes, kept for reading its articles when they are
/// opened: an open file (which may change under the reader) or bytes in
/// memory (which cannot).
#[derive(Debug)]
pub(super) enum ArchiveBytes {
    File(File),
    Memory(Arc<[u8]>),
}

impl ArchiveBytes {
    /// How many bytes there are now: a file may have been cut short since
    /// it was read.
    pub(super) fn len_now(&self) -> io::Result<u64> {
        match self {
            ArchiveBytes::File(file) => Ok(file.metadata()?.len()),
            ArchiveBytes::Memory(bytes) => Ok(bytes.len() as u64),
        }
    }
}

impl Source for ArchiveBytes {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        match self {
            ArchiveBytes::File(file) => file.read_at(buf, offset),
            ArchiveBytes::Memory(bytes) => bytes[..].read_at(buf, offset),
        }
    }
}

/// The error of reading `path`: a refused special file says what it is.
pub(super) fn io_error(path: &Path, source: std::io::Error) -> LoadError {
    let path = path.to_path_buf();
    match files::refused_kind(&source) {
        Some(kind) => LoadError::NotRegular { path, kind },
        None => LoadError::Io { path, source },
    }
}

thread_local! {
    /// Bytes of archive files read on this thread (tests: how many times
    /// an open reads the file).
    static READ: Cell<u64> = const { Cell::new(0) };
}

/// Counts `n` bytes read from an archive file on this thread.
pub(super) fn count_read(n: usize) {
    READ.with(|r| r.set(r.get() + n as u64));
}

/// Bytes of archive files read on this thread so far: every read of an
/// archive file goes through [`Source`] or [`count_read`].
#[cfg(test)]
pub(crate) fn bytes_read() -> u64 {
    READ.with(Cell::get)
}
