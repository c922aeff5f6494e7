//! Line and column numbers of articles' starts in an archive file, for
//! messages (`file:line` of a JSON Lines article, `file:line:column` of
//! a syntax error in a body). Counted in the file itself, where only the
//! articles' offsets are kept (`model::body`), on from the last offset
//! asked for, so that asking in order reads the file once.

use super::source::Source;

/// Bytes read from the file at a time when counting.
const CHUNK: usize = 64 << 10;

/// Where counting got to: byte `at` of the text, on line `line`, in
/// column `column` (both 1-based; columns count characters).
#[derive(Debug, Clone)]
pub(super) struct LineCounter {
    at: usize,
    line: usize,
    column: usize,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter {
            at: 0,
            line: 1,
            column: 1,
        }
    }
}

impl LineCounter {
    /// Line and column of byte `offset` (the start of a character: an
    /// article's `{`) in the text of `file` that starts at byte `base`
    /// (after a byte order mark); `None` when the file no longer reaches
    /// `offset` (it changed).
    pub(super) fn locate(
        &mut self,
        file: &(impl Source + ?Sized),
        base: u64,
        offset: usize,
    ) -> Option<(usize, usize)> {
        self.rewind_past(offset);
        let mut buf = vec![0; CHUNK.min(offset - self.at)];
        while self.at < offset {
            let n = CHUNK.min(offset - self.at);
            file.read_at(&mut buf[..n], base + self.at as u64).ok()?;
            self.count(&buf[..n]);
        }
        Some((self.line, self.column))
    }

    /// Starts again from the top when `offset` is behind.
    fn rewind_past(&mut self, offset: usize) {
        if offset < self.at {
            *self = LineCounter::default();
        }
    }

    /// Counts `bytes`, the text from `self.at` on.
    fn count(&mut self, bytes: &[u8]) {
        match memchr::memrchr(b'\n', bytes) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 1 + chars(&bytes[last + 1..]);
            }
            None => self.column += chars(bytes),
        }
        self.at += bytes.len();
    }
}

/// Characters in UTF-8 `bytes`: the bytes that do not continue one.
fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::describe::line_column;
    use std::fs::File;

    #[test]
    fn counts_as_line_column_does() {
        let text = "{\"a\":1}\n  {\"中文\":\n\"二\"} {\"b\":2}\n{}".as_bytes();
        let starts: Vec<usize> = (0..text.len()).filter(|&i| text[i] == b'{').collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(text);
        std::fs::write(&path, with_bom).unwrap();
        let file = File::open(&path).unwrap();
        let mut disk = LineCounter::default();
        // In order, then backwards (counting starts again).
        for &at in starts.iter().chain(starts.iter().rev()) {
            let want = line_column(text, at);
            assert_eq!(disk.locate(&file, 3, at), Some(want), "at {at}");
        }
        assert_eq!(disk.locate(&file, 3, text.len() + 1), None);
    }
}
