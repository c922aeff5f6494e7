//! The blocks section of a metadata cache file: a hash of every block of
//! the ids and places sections (and each ids block's first id hash), so
//! that `show ID` reads and checks a few kilobytes of a cache of a
//! million articles instead of its 36 MB of tables.
//!
//! Layout: for each ids block ([`ID_BLOCK`] entries), its first id hash
//! and its hash; then for each places block ([`PLACE_BLOCK`] numbers),
//! its hash (all u64, little-endian).

use std::fs::File;

use super::format::{Header, hash, id_entry, id_hash, u64_at};
use crate::files::read_exact_at;

/// Entries (12 bytes each) per block of the ids section (4 in tests, so
/// that small archives have many blocks).
const ID_BLOCK: usize = if cfg!(test) { 4 } else { 4096 };
/// Numbers (8 bytes each) per block of the places section.
const PLACE_BLOCK: usize = if cfg!(test) { 4 } else { 4096 };

fn blocks(items: usize, per: usize) -> usize {
    items.div_ceil(per)
}

/// The blocks section's length for `n` articles.
pub(super) fn len(n: usize) -> usize {
    16 * blocks(n, ID_BLOCK) + 8 * blocks(3 * n, PLACE_BLOCK)
}

/// The blocks section of the ids and places sections `ids`, `places`.
pub(super) fn encode(ids: &[u8], places: &[u8], out: &mut Vec<u8>) {
    for block in ids.chunks(12 * ID_BLOCK) {
        out.extend_from_slice(&id_entry(block).0.to_le_bytes());
        out.extend_from_slice(&hash(block).to_le_bytes());
    }
    for block in places.chunks(8 * PLACE_BLOCK) {
        out.extend_from_slice(&hash(block).to_le_bytes());
    }
}

/// A cache file's blocks section, read and checked, to read its other
/// sections a block at a time.
pub(super) struct Blocks<'f> {
    file: &'f File,
    h: &'f Header,
    table: Vec<u8>,
}

impl<'f> Blocks<'f> {
    pub(super) fn read(file: &'f File, h: &'f Header) -> Option<Blocks<'f>> {
        let (at, want) = h.sections[3];
        let mut table = vec![0; usize::try_from(h.end.checked_sub(at)?).ok()?];
        read_exact_at(file, &mut table, at).ok()?;
        (table.len() == len(h.count) && hash(&table) == want).then_some(Blocks { file, h, table })
    }

    /// Block `k` of `per` items of `size` bytes of section `section`
    /// (`items` of them), checked against hash `want`.
    fn block(
        &self,
        section: usize,
        k: usize,
        (per, size, items): (usize, usize, usize),
        want: u64,
    ) -> Option<Vec<u8>> {
        let first = k * per;
        let count = per.min(items.checked_sub(first)?);
        let mut bytes = vec![0; count * size];
        let at = self.h.sections[section].0 + (first * size) as u64;
        read_exact_at(self.file, &mut bytes, at).ok()?;
        (hash(&bytes) == want).then_some(bytes)
    }

    /// The articles whose id may be `id` (its hash matches), reading only
    /// the ids blocks that may hold it.
    pub(super) fn candidates(&self, id: &str) -> Option<Vec<usize>> {
        let want = id_hash(id);
        let n = blocks(self.h.count, ID_BLOCK);
        let fence = |k: usize| u64_at(&self.table, 16 * k);
        // The last block starting below the hash, and those starting at it.
        let from = (0..n)
            .take_while(|&k| fence(k) < want)
            .count()
            .saturating_sub(1);
        let mut found = Vec::new();
        for k in (from..n).take_while(|&k| k == from || fence(k) <= want) {
            let shape = (ID_BLOCK, 12, self.h.count);
            let block = self.block(0, k, shape, u64_at(&self.table, 16 * k + 8))?;
            let entries = block.chunks_exact(12).map(id_entry);
            found.extend(entries.filter(|e| e.0 == want).map(|e| e.1 as usize));
        }
        Some(found)
    }

    /// Article `i`'s start, end and hash, from the places section's blocks.
    pub(super) fn place(&self, i: usize) -> Option<(usize, usize, u64)> {
        let n = self.h.count;
        let hashes_at = 16 * blocks(n, ID_BLOCK);
        let number = |j: usize| {
            let k = j / PLACE_BLOCK;
            let want = u64_at(&self.table, hashes_at + 8 * k);
            let block = self.block(1, k, (PLACE_BLOCK, 8, 3 * n), want)?;
            Some(u64_at(&block, 8 * (j % PLACE_BLOCK)))
        };
        let start = usize::try_from(number(i)?).ok()?;
        let end = usize::try_from(number(n + i)?).ok()?;
        Some((start, end, number(2 * n + i)?))
    }
}
