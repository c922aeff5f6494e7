//! How the quick pass (`model::scan`) reads an archive file: a window of
//! it at a time, in one buffer that is reused. Never the whole file in
//! memory (a copy of a 245 MB file costs the reader a fifth of a second
//! and as much private memory, per reader), and never a memory map (issue
//! 15: when another process cut the file short, touching the lost pages
//! killed the reader with SIGBUS; a read of a file cut short just comes
//! back short, and the pass gives up).
//!
//! Each value is parsed by serde_json where it starts in the window; one
//! that runs past the window's end is parsed again once more of the file
//! is in (the window grows for a value larger than itself). The shape is
//! read by the rules of `model::whole_text`, so the pass accepts what the full
//! loader accepts: a single-file archive object, its members but
//! `articles` kept as values, a known name at most once, `articles` an
//! array of article objects and nothing after the object; or, when the
//! first object has neither `articles` nor `format`, JSON Lines, every
//! value an article object. Anything else stops the pass ([`Stop`]): the
//! full loader then reads the file and says what is wrong.

use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use super::scan_raw::Scanned;
use super::source::Source;
use super::unique_names::refuse_twice;

/// Bytes read at a time: small enough to stay in the processor's cache
/// between the read and the parse.
pub(super) const WINDOW: usize = 256 << 10;

/// The UTF-8 byte order mark, skipped at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why the pass stopped: the file is not read this way (or could not be
/// read whole: it changed), or an article was refused.
#[derive(Debug)]
pub(super) struct Stop;

/// Where the articles go as they are read: each with where it starts and
/// ends (offsets in the text after the byte order mark), the hash of its
/// bytes ([`body_hash`]), and the bytes themselves with the line they
/// start on. `false` stops the pass.
pub(super) trait Take {
    fn take(&mut self, article: Scanned<'_>, at: Range<usize>, hash: u64, whole: Whole<'_>)
    -> bool;
}

/// An article's bytes as read (its object, from `{` to `}`), and, in
/// JSON Lines, the line it starts on (counted as the pass goes: nothing
/// is read again to place it).
pub(super) struct Whole<'w> {
    pub bytes: &'w [u8],
    pub line: Option<usize>,
}

/// The hash of an article's bytes as the pass read them (its object, from
/// `{` to `}`): a body read again later must hash the same, or the file
/// changed in between (same length, same time and all).
pub(crate) fn body_hash(bytes: &[u8]) -> u64 {
    twox_hash::XxHash3_64::oneshot(bytes)
}

/// Reads the first `len` bytes of `file` (its length when opened), every
/// article to `sink`, `window` bytes at a time. `Some(members)`: a
/// single-file archive's members but `articles`; `None`: JSON Lines. The
/// length of the byte order mark, if any, comes with it.
pub(super) fn read_file(
    file: &(impl Source + ?Sized),
    len: u64,
    window: usize,
    sink: &mut impl Take,
) -> Result<(Option<Map<String, Value>>, usize), Stop> {
    // The first window is read once: the byte order mark is looked for
    // in it, and JSON Lines start again from it.
    let mut w = Window {
        file,
        len,
        origin: 0,
        buf: vec![0; window.max(BOM.len())],
        base: 0,
        filled: 0,
        pos: 0,
        lines: false,
        newlines: 0,
    };
    w.more()?;
    let bom = match w.buf[..w.filled].starts_with(BOM) {
        true => BOM.len(),
        false => 0,
    };
    (w.origin, w.pos) = (bom as u64, bom);
    match w.archive(sink)? {
        Some(members) if w.peek()?.is_none() => Ok((Some(members), bom)),
        Some(_) => Err(Stop),
        None => {
            w.rewind()?;
            w.lines(sink)?;
            Ok((None, bom))
        }
    }
}

/// A part of the file in memory: `buf[..filled]` holds the file's bytes
/// from `base` on; `pos` is how far the reading has got.
struct Window<'f, S: ?Sized> {
    file: &'f S,
    /// The file's length when opened: nothing beyond is read.
    len: u64,
    /// Where the text starts, after a byte order mark.
    origin: u64,
    buf: Vec<u8>,
    base: u64,
    filled: usize,
    pos: usize,
    /// Reading JSON Lines, and the newlines read past so far.
    lines: bool,
    newlines: usize,
}

impl<S: Source + ?Sized> Window<'_, S> {
    /// Whether the window holds the rest of the file.
    fn holds_the_rest(&self) -> bool {
        self.base + self.filled as u64 >= self.len
    }

    /// Where the reading is, in the text after the byte order mark.
    fn offset(&self) -> usize {
        (self.base + self.pos as u64 - self.origin) as usize
    }

    /// Reads more of the file: what is left unread moves to the front
    /// (the buffer doubles when it is all unread), then the rest fills.
    fn more(&mut self) -> Result<(), Stop> {
        if self.holds_the_rest() {
            return Err(Stop);
        }
        self.buf.copy_within(self.pos..self.filled, 0);
        self.base += self.pos as u64;
        self.filled -= self.pos;
        self.pos = 0;
        if self.filled == self.buf.len() {
            self.buf.resize(self.buf.len() * 2, 0);
        }
        let left = self.len - self.base - self.filled as u64;
        let n = (self.buf.len() - self.filled).min(usize::try_from(left).unwrap_or(usize::MAX));
        let at = self.base + self.filled as u64;
        // Short: the file was cut since it was opened.
        (self.file)
            .read_at(&mut self.buf[self.filled..self.filled + n], at)
            .map_err(|_| Stop)?;
        self.filled += n;
        Ok(())
    }

    /// Back to the start of the text: read again only if the window has
    /// moved on from it.
    fn rewind(&mut self) -> Result<(), Stop> {
        if self.base == 0 && self.filled > 0 {
            self.pos = self.origin as usize;
            return Ok(());
        }
        (self.base, self.filled, self.pos) = (self.origin, 0, 0);
        self.more()
    }

    /// The next byte that is not JSON white space, not taken; `None` at
    /// the end of the file.
    fn peek(&mut self) -> Result<Option<u8>, Stop> {
        loop {
            let rest = &self.buf[self.pos..self.filled];
            let skip = rest.iter().position(|b| !b" \t\r\n".contains(b));
            if self.lines {
                let skipped = &rest[..skip.unwrap_or(rest.len())];
                self.newlines += memchr::memchr_iter(b'\n', skipped).count();
            }
            match skip {
                Some(i) => {
                    self.pos += i;
                    return Ok(Some(self.buf[self.pos]));
                }
                None if self.holds_the_rest() => return Ok(None),
                None => {
                    self.pos = self.filled;
                    self.more()?;
                }
            }
        }
    }

    /// Takes the next byte that is not white space, which must be `want`.
    fn expect(&mut self, want: &[u8]) -> Result<u8, Stop> {
        match self.peek()? {
            Some(b) if want.contains(&b) => {
                self.pos += 1;
                Ok(b)
            }
            _ => Err(Stop),
        }
    }

    /// One value that borrows nothing from the window, parsed where the
    /// reading is.
    fn owned<T: DeserializeOwned>(&mut self) -> Result<T, Stop> {
        self.peek()?;
        loop {
            let whole = self.holds_the_rest();
            let rest = &self.buf[self.pos..self.filled];
            let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<T>();
            match values.next() {
                // A number (or `true`…) that ends with the window may go on.
                Some(Ok(value)) if whole || values.byte_offset() < rest.len() => {
                    self.pos += values.byte_offset();
                    return Ok(value);
                }
                Some(Ok(_)) => self.more()?,
                Some(Err(e)) if e.is_eof() && !whole => self.more()?,
                _ => return Err(Stop),
            }
        }
    }

    /// One article to `sink`.
    fn article(&mut self, sink: &mut impl Take) -> Result<(), Stop> {
        self.peek()?;
        loop {
            let whole = self.holds_the_rest();
            let rest = &self.buf[self.pos..self.filled];
            let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<Scanned>();
            match values.next() {
                // A number that ends with the window may go on.
                Some(Ok(article)) if whole || values.byte_offset() < rest.len() => {
                    let end = values.byte_offset();
                    let start = self.offset();
                    let bytes = &rest[..end];
                    let hash = body_hash(bytes);
                    let line = self.lines.then_some(1 + self.newlines);
                    let taken = sink.take(article, start..start + end, hash, Whole { bytes, line });
                    if self.lines {
                        self.newlines += memchr::memchr_iter(b'\n', bytes).count();
                    }
                    self.pos += end;
                    return if taken { Ok(()) } else { Err(Stop) };
                }
                Some(Ok(_)) => self.more()?,
                Some(Err(e)) if e.is_eof() && !whole => self.more()?,
                _ => return Err(Stop),
            }
        }
    }

    /// The first object: `Some` of its members but `articles` (which go to
    /// `sink`) when it is an archive, `None` when it is an article (the
    /// file is JSON Lines).
    fn archive(&mut self, sink: &mut impl Take) -> Result<Option<Map<String, Value>>, Stop> {
        self.expect(b"{")?;
        let mut members = Map::new();
        let mut articles = false;
        if self.peek()? == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                let key: String = self.owned()?;
                self.expect(b":")?;
                if key == "articles" {
                    if articles {
                        return Err(Stop);
                    }
                    articles = true;
                    self.articles(sink)?;
                } else {
                    refuse_twice::<serde_json::Error>(&members, &key).map_err(|_| Stop)?;
                    let value = self.owned()?;
                    members.insert(key, value);
                }
                if self.expect(b",}")? == b'}' {
                    break;
                }
            }
        }
        match (articles, members.contains_key("format")) {
            (true, _) => Ok(Some(members)),
            (false, true) => Err(Stop),
            (false, false) => Ok(None),
        }
    }

    /// An archive's `articles`: an array of articles.
    fn articles(&mut self, sink: &mut impl Take) -> Result<(), Stop> {
        self.expect(b"[")?;
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.article(sink)?;
            if self.expect(b",]")? == b']' {
                return Ok(());
            }
        }
    }

    /// JSON Lines: every value to the end of the file is an article.
    fn lines(&mut self, sink: &mut impl Take) -> Result<(), Stop> {
        (self.lines, self.newlines) = (true, 0);
        while self.peek()?.is_some() {
            self.article(sink)?;
        }
        Ok(())
    }
}
