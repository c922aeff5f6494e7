//! Why a file cannot be read, found by streaming it a window at a time,
//! never holding it whole: a file that is empty, not UTF-8, not JSON of
//! the archive's shape, or a single-file archive with the wrong format
//! tag. What it says, and where (`file:line:column`), is word for word
//! what the full loader (`model::whole_load`) says of the file in memory:
//! the same checks in the same order (emptiness, UTF-8, the reading of
//! `model::whole_text` over a stream, the header), and the place
//! counted as `describe::syntax` counts it. A syntax error near the end
//! of a 245 MB archive cost a gigabyte held whole; streamed, a few
//! windows. Not a bad number, nor a value the format's reading refuses
//! (a known name given twice, `articles` that is not an array): serde
//! may place those a byte further on in a stream ([`placed_alike`]), so
//! the full loader still reads such a file to place them.

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use serde_json::error::Category;

use super::LoadError;
use super::describe::{not_utf8_placed, syntax_error_placed};
use super::header::read_header;
use super::line_numbers::LineCounter;
use super::source::Source;
use super::whole_parse::Labels;
use super::whole_text::read_by;

/// Bytes read at a time.
const CHUNK: usize = 64 << 10;

/// The UTF-8 byte order mark, skipped at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What streaming a file found.
pub(super) enum Verdict {
    /// Why it cannot be read.
    Refused(LoadError),
    /// Nothing: the full loader can read it.
    Readable,
    /// Something this reading cannot place as the full loader does, or
    /// the file no longer holds what it did.
    Unsaid,
}

/// Why the first `len` bytes of `source` (the file `path`) cannot be
/// read as an archive, if they cannot; whether they can (the full loader
/// then reads what the quick pass could not: the file changed since), or
/// whether it cannot be said this way.
pub(super) fn verdict(path: &Path, source: &(impl Source + ?Sized), len: u64) -> Verdict {
    match described(path, source, len) {
        Some(Some(error)) => Verdict::Refused(error),
        Some(None) => Verdict::Readable,
        None => Verdict::Unsaid,
    }
}

/// Why the file cannot be read: `Some(None)` when it can, `None` when
/// it cannot be said this way.
fn described(path: &Path, source: &(impl Source + ?Sized), len: u64) -> Option<Option<LoadError>> {
    let mut head = vec![0; BOM.len().min(len as usize)];
    source.read_at(&mut head, 0).ok()?;
    let bom = if head == BOM { BOM.len() as u64 } else { 0 };
    let text = Text { source, bom, len };
    if text.all(|chunk| chunk.iter().all(u8::is_ascii_whitespace))? {
        let path = path.to_path_buf();
        return Some(Some(LoadError::Empty { path }));
    }
    if let Some(bad) = text.first_bad_utf8()? {
        let place = LineCounter::default().locate(source, bom, bad)?;
        return Some(Some(not_utf8_placed(path, bom as usize + bad, place)));
    }
    let mut labels = Labels::default();
    let open = || serde_json::de::IoRead::new(BufReader::with_capacity(CHUNK, text.reader()));
    match read_by(open, None, &mut labels) {
        // Placed where serde had read to, which in a stream counts a byte
        // it looked ahead at: the full loader places these.
        Err(e) if !placed_alike(&e.error) => None,
        Err(e) => {
            let place = text.place_of(e.error.line(), e.error.column())?;
            let context = labels.context(e.stage);
            Some(Some(syntax_error_placed(path, place, &e.error, context)))
        }
        Ok(Some(fields)) => Some(read_header(path, fields, &mut Vec::new()).err()),
        Ok(None) => Some(None),
    }
}

/// Whether serde places `error` in a stream where it places it in the
/// text in memory. Reading a stream, serde counts the byte it looked
/// ahead at as read; in memory, not. The errors it places where it looked
/// ahead are placed alike; those it places where it had read to, with a
/// byte looked at beyond (a number ended by what follows it, a value the
/// format's reading refuses: a known name given twice, `articles` that is
/// not an array), are not, and are left to the full loader.
fn placed_alike(error: &serde_json::Error) -> bool {
    let text = error.to_string();
    let number = text.starts_with("invalid number") || text.starts_with("number out of range");
    error.classify() != Category::Data && !number
}

/// A file's text: its bytes after the byte order mark, up to `len`.
struct Text<'s, S: ?Sized> {
    source: &'s S,
    bom: u64,
    len: u64,
}

impl<S: Source + ?Sized> Text<'_, S> {
    /// Whether `each` holds for every chunk of the text; `None` when it
    /// cannot be read.
    fn all(&self, mut each: impl FnMut(&[u8]) -> bool) -> Option<bool> {
        let mut chunks = self.reader();
        let mut buf = vec![0; CHUNK];
        loop {
            match chunks.read(&mut buf).ok()? {
                0 => return Some(true),
                n if !each(&buf[..n]) => return Some(false),
                _ => {}
            }
        }
    }

    /// The offset in the text of the first byte that is not UTF-8, if
    /// any (a character cut by the end of the file counts as one).
    fn first_bad_utf8(&self) -> Option<Option<usize>> {
        let (mut at, mut carry, mut bad) = (0, Vec::new(), None);
        let whole = self.all(|chunk| {
            carry.extend_from_slice(chunk);
            match std::str::from_utf8(&carry) {
                Ok(_) => {
                    at += carry.len();
                    carry.clear();
                    true
                }
                // Cut by the chunk's end: the rest comes with the next.
                Err(e) if e.error_len().is_none() => {
                    let good = e.valid_up_to();
                    at += good;
                    carry.drain(..good);
                    true
                }
                Err(e) => {
                    bad = Some(at + e.valid_up_to());
                    false
                }
            }
        })?;
        Some(match (whole, carry.is_empty()) {
            (true, true) => None,
            (true, false) => Some(at),
            (false, _) => bad,
        })
    }

    /// Line and character column of serde_json's `line` and (byte)
    /// `column` in the text, as `describe::syntax` places them in the
    /// text in memory: the byte at fault, within its line, counted as
    /// the character it is part of.
    fn place_of(&self, line: usize, column: usize) -> Option<(usize, usize)> {
        let mut reader = BufReader::with_capacity(CHUNK, self.reader());
        // To the start of the line (or of the last one).
        let mut lines = 1;
        while lines < line {
            let buf = reader.fill_buf().ok()?;
            if buf.is_empty() {
                // Fewer lines than serde said: the last one, read again.
                return self.place_of(lines, column);
            }
            let n = match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    lines += 1;
                    i + 1
                }
                None => buf.len(),
            };
            reader.consume(n);
        }
        // Up to the byte at fault, not past the line's end.
        let (mut want, mut read, mut chars) = (column.saturating_sub(1), 0, 0);
        let mut ended = false;
        while want > 0 && !ended {
            let buf = reader.fill_buf().ok()?;
            let part = &buf[..buf.len().min(want)];
            let part = match memchr::memchr(b'\n', part) {
                Some(i) => &part[..i],
                None => part,
            };
            ended = buf.is_empty() || part.len() < buf.len().min(want);
            chars += part.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            let n = part.len();
            reader.consume(n);
            (want, read) = (want - n, read + n);
        }
        // Inside a character: the character's column.
        let next = reader.fill_buf().ok()?.first().copied();
        let inside = !ended && read > 0 && next.is_some_and(|b| b & 0xC0 == 0x80);
        Some((lines, if inside { chars } else { chars + 1 }))
    }

    /// The text, read from its start.
    fn reader(&self) -> Reader<'_, S> {
        Reader {
            source: self.source,
            at: self.bom,
            len: self.len,
        }
    }
}

/// The text as an [`io::Read`], read through [`Source`] (counted).
struct Reader<'s, S: ?Sized> {
    source: &'s S,
    at: u64,
    len: u64,
}

impl<S: Source + ?Sized> Read for Reader<'_, S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let left = usize::try_from(self.len.saturating_sub(self.at)).unwrap_or(usize::MAX);
        let n = buf.len().min(left);
        self.source.read_at(&mut buf[..n], self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::path::Path;

    use super::{Verdict, verdict};
    use crate::model::SAMPLE_JSON;
    use crate::model::whole_load::load_file_bytes;

    /// Numbers below `n`, picked by a fixed sequence from `seed` (a
    /// linear congruential generator: the same damage on every run).
    pub(in crate::model) fn picks(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |n| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        }
    }

    /// The sample's articles eight times over, pretty, as one line and as
    /// JSON Lines, each
    /// with and without a byte order mark: past a chunk's end, so that
    /// characters and lines are cut by chunks.
    fn texts() -> Vec<(&'static str, Vec<u8>)> {
        let mut value: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
        let one = value["articles"].as_array().unwrap().clone();
        let articles = value["articles"].as_array_mut().unwrap();
        for n in 1..8 {
            for mut a in one.clone() {
                a["id"] = format!("{}-{n}", a["id"].as_str().unwrap()).into();
                articles.push(a);
            }
        }
        let lines: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
        let mut out = Vec::new();
        for (name, text) in [
            ("a.json", serde_json::to_string_pretty(&value).unwrap()),
            ("a.json", value.to_string()),
            ("a.jsonl", lines.join("\n") + "\n"),
        ] {
            assert!(text.len() > super::CHUNK, "{}", text.len());
            out.push((name, text.clone().into_bytes()));
            out.push((name, [b"\xEF\xBB\xBF", text.as_bytes()].concat()));
        }
        out
    }

    /// Streamed, what is wrong with a damaged file is said word for word
    /// as the full loader says it with the file in memory; it is said for
    /// most damage, and the rest is left to the full loader.
    #[test]
    fn streaming_says_what_the_full_loader_says() {
        let mut said = 0;
        let mut next = picks(11);
        for (name, text) in texts() {
            let path = Path::new(name);
            for k in 0..120 {
                let mut b = text.clone();
                let at = next(b.len());
                match k % 3 {
                    0 => b[at] = b"\",}] x\n\xff:{[\x80\\"[next(13)],
                    1 => b.truncate(at),
                    _ => drop(b.remove(at)),
                }
                let Verdict::Refused(streamed) = verdict(path, &b[..], b.len() as u64) else {
                    continue;
                };
                let whole = load_file_bytes(path, &b).map(drop).unwrap_err();
                assert_eq!(
                    streamed.to_string(),
                    whole.to_string(),
                    "{name} {k} at {at}"
                );
                said += 1;
            }
        }
        assert!(said > 450, "most damage is said streaming: {said} of 720");
        let empty = verdict(Path::new("e.json"), &b"\xEF\xBB\xBF \n\x0C"[..], 6);
        let empty = matches!(
            empty,
            Verdict::Refused(crate::model::LoadError::Empty { .. })
        );
        assert!(empty);
    }
}
