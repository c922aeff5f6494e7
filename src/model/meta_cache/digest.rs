//! The archive's identity as the metadata cache keeps it: its length and
//! a digest of every byte, in chunks, so the pass computes it as it reads
//! (nothing read twice) and an open checks it on several cores at the
//! speed of the disk (xxh3 is far faster than the JSON pass).
//!
//! The digest is a 128-bit xxh3 of the length and each chunk's 64-bit
//! xxh3: a file that differs anywhere, whatever its size and time say,
//! differs here.

use std::cell::RefCell;
use std::fs::File;
use std::hash::Hasher;
use std::io;

use twox_hash::{XxHash3_64, XxHash3_128};

use crate::files::read_exact_at;
use crate::model::source::Source;

/// Bytes per chunk.
const CHUNK: u64 = 16 << 20;
/// Bytes read at a time when checking.
const READ: usize = 1 << 20;

/// A [`Source`] that hashes what is read through it, as long as it is
/// read in order from the start, each byte once (as the pass does); a
/// read anywhere else leaves it with no digest.
pub(in crate::model) struct Hashing<'a, S: ?Sized> {
    inner: &'a S,
    feed: RefCell<Feed>,
}

struct Feed {
    next: u64,
    chunk: XxHash3_64,
    chunks: Vec<u64>,
    broken: bool,
}

impl<'a, S: Source + ?Sized> Hashing<'a, S> {
    pub(in crate::model) fn new(inner: &'a S) -> Self {
        let feed = Feed {
            next: 0,
            chunk: XxHash3_64::new(),
            chunks: Vec::new(),
            broken: false,
        };
        Hashing {
            inner,
            feed: RefCell::new(feed),
        }
    }

    /// The digest of the `len` bytes read, if they were read in order,
    /// every one of them, once.
    pub(in crate::model) fn digest(self, len: u64) -> Option<u128> {
        let mut feed = self.feed.into_inner();
        if feed.broken || feed.next != len || len == 0 {
            return None;
        }
        if !len.is_multiple_of(CHUNK) {
            feed.chunks.push(feed.chunk.finish());
        }
        Some(combine(len, &feed.chunks))
    }
}

impl<S: Source + ?Sized> Source for Hashing<'_, S> {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<()> {
        self.inner.read_at(buf, offset)?;
        self.feed.borrow_mut().take(buf, offset);
        Ok(())
    }
}

impl Feed {
    fn take(&mut self, mut buf: &[u8], offset: u64) {
        if self.broken || offset != self.next {
            self.broken = true;
            return;
        }
        while !buf.is_empty() {
            let room = (CHUNK - self.next % CHUNK) as usize;
            let (now, rest) = buf.split_at(room.min(buf.len()));
            self.chunk.write(now);
            self.next += now.len() as u64;
            buf = rest;
            if self.next.is_multiple_of(CHUNK) {
                let done = std::mem::replace(&mut self.chunk, XxHash3_64::new());
                self.chunks.push(done.finish());
            }
        }
    }
}

fn combine(len: u64, chunks: &[u64]) -> u128 {
    let mut all = Vec::with_capacity(8 * (chunks.len() + 1));
    all.extend_from_slice(&len.to_le_bytes());
    chunks
        .iter()
        .for_each(|h| all.extend_from_slice(&h.to_le_bytes()));
    XxHash3_128::oneshot(&all)
}

/// The digest of the first `len` bytes of `file`, read now on up to four
/// threads; `None` if it cannot be read that far.
pub(in crate::model) fn digest_of(file: &File, len: u64) -> Option<u128> {
    if len == 0 {
        return None;
    }
    let count = len.div_ceil(CHUNK) as usize;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
    let mut chunks = vec![0u64; count];
    let ok = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                s.spawn(move || {
                    let mut buf = vec![0u8; READ];
                    let mut mine = Vec::new();
                    for i in (t..count).step_by(threads) {
                        mine.push((i, hash_chunk(file, i as u64, len, &mut buf)?));
                    }
                    Some(mine)
                })
            })
            .collect();
        for w in workers {
            for (i, h) in w.join().ok()?? {
                chunks[i] = h;
            }
        }
        Some(())
    });
    ok.map(|()| combine(len, &chunks))
}

/// The hash of chunk `i` of the first `len` bytes of `file`.
fn hash_chunk(file: &File, i: u64, len: u64, buf: &mut [u8]) -> Option<u64> {
    let mut hasher = XxHash3_64::new();
    let (mut at, end) = (i * CHUNK, ((i + 1) * CHUNK).min(len));
    while at < end {
        let n = ((end - at) as usize).min(buf.len());
        read_exact_at(file, &mut buf[..n], at).ok()?;
        crate::model::source::count_read(n);
        hasher.write(&buf[..n]);
        at += n as u64;
    }
    Some(hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// The pass's digest (read in windows of any size) is the one an open
    /// computes from the file.
    #[test]
    fn the_digest_read_in_order_is_the_files() {
        let mut f = tempfile::tempfile().unwrap();
        let bytes: Vec<u8> = (0..(CHUNK as usize * 2 + 12345))
            .map(|i| (i * 7) as u8)
            .collect();
        f.write_all(&bytes).unwrap();
        let len = bytes.len() as u64;
        for step in [4096usize, 1 << 20, 3 << 20] {
            let hashing = Hashing::new(&bytes[..]);
            let mut at = 0;
            while at < bytes.len() {
                let n = step.min(bytes.len() - at);
                hashing.read_at(&mut vec![0; n], at as u64).unwrap();
                at += n;
            }
            assert_eq!(hashing.digest(len), digest_of(&f, len));
        }
        let hashing = Hashing::new(&bytes[..]);
        hashing.read_at(&mut [0; 10], 5).unwrap();
        assert_eq!(hashing.digest(len), None, "not read in order");
    }
}
