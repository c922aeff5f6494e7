//! The metadata cache's file layout (little-endian).
//!
//! A header of [`HEADER`] bytes: magic, version, flags (JSON Lines), the
//! archive's length and digest (`meta_cache::digest`), the article count,
//! the byte order mark's length, where the last article ends, where each
//! section starts and ends, a hash of each section and one of the header
//! itself with the archive's path after it. Then the sections:
//!
//! - ids: for each article, the xxh3 of its id and its index (12 bytes),
//!   sorted: `show ID` finds an article without reading the metadata;
//! - places: each article's start, end and the hash of its bytes (the
//!   pass's `model::body` checks a body read against it);
//! - metadata: the archive's own members as JSON (none for JSON Lines),
//!   then each article's id, title, subtitle, district, subdistrict and
//!   date, each a varint length (+1, 0 for none) and its UTF-8;
//! - blocks: a hash of each block of the ids and places sections
//!   (`meta_cache::blocks`), so that `show` reads only the blocks it needs.
//!
//! Every section is checked against its hash before it is used; any
//! mismatch and the file is not used (the next open writes it again).

use serde_json::{Map, Value};
use twox_hash::XxHash3_64;

use crate::model::library::ArticleMeta;

const MAGIC: &[u8; 8] = b"BLTNMETA";
const VERSION: u32 = 2;
/// The fixed header, before the archive's path.
pub(super) const HEADER: usize = 144;

pub(super) fn hash(bytes: &[u8]) -> u64 {
    XxHash3_64::oneshot(bytes)
}

/// Which archive a cache file is of: its length and digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Stamp {
    pub len: u64,
    pub digest: u128,
}

/// What a cache file holds.
pub(super) struct Content {
    pub path: String,
    pub stamp: Stamp,
    pub lines: bool,
    pub bom: usize,
    pub last_end: usize,
    pub members: Option<Map<String, Value>>,
    pub articles: Vec<ArticleMeta>,
    pub starts: Vec<usize>,
    pub ends: Vec<usize>,
    pub hashes: Vec<u64>,
}

/// A cache file's header, checked.
#[derive(Debug, Clone)]
pub(super) struct Header {
    pub path: String,
    pub stamp: Stamp,
    pub lines: bool,
    pub bom: usize,
    pub last_end: usize,
    pub count: usize,
    /// Where each section starts and its hash: ids, places, metadata,
    /// blocks; then where the file ends.
    pub sections: [(u64, u64); 4],
    pub end: u64,
}

pub(super) fn u64_at(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().unwrap())
}

/// Writes `c` as a cache file's bytes.
pub(super) fn encode(c: &Content) -> Vec<u8> {
    let n = c.articles.len();
    let mut out = vec![0u8; HEADER];
    push_str(&mut out, Some(&c.path));
    let ids_at = out.len();
    let mut ids: Vec<(u64, u32)> = (c.articles.iter().enumerate())
        .map(|(i, a)| (id_hash(&a.id), i as u32))
        .collect();
    ids.sort_unstable();
    for (h, i) in ids {
        out.extend_from_slice(&h.to_le_bytes());
        out.extend_from_slice(&i.to_le_bytes());
    }
    let places_at = out.len();
    for v in c.starts.iter().chain(&c.ends) {
        out.extend_from_slice(&(*v as u64).to_le_bytes());
    }
    c.hashes
        .iter()
        .for_each(|h| out.extend_from_slice(&h.to_le_bytes()));
    let metas_at = out.len();
    let members = c
        .members
        .as_ref()
        .map(|m| Value::Object(m.clone()).to_string());
    push_str(&mut out, members.as_deref());
    for a in &c.articles {
        push_str(&mut out, Some(&a.id));
        push_str(&mut out, Some(&a.title));
        push_str(&mut out, a.subtitle.as_deref());
        push_str(&mut out, Some(&a.district));
        push_str(&mut out, a.subdistrict.as_deref());
        push_str(&mut out, a.date.as_deref());
    }
    let blocks_at = out.len();
    let mut table = Vec::with_capacity(super::blocks::len(n));
    super::blocks::encode(
        &out[ids_at..places_at],
        &out[places_at..metas_at],
        &mut table,
    );
    out.extend_from_slice(&table);
    let end = out.len();
    let h = |r: std::ops::Range<usize>| hash(&out[r]);
    let hashes = [
        h(ids_at..places_at),
        h(places_at..metas_at),
        h(metas_at..blocks_at),
        h(blocks_at..end),
    ];
    let mut head = Vec::with_capacity(HEADER);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&VERSION.to_le_bytes());
    head.extend_from_slice(&u32::from(c.lines).to_le_bytes());
    for v in [
        c.stamp.len,
        c.stamp.digest as u64,
        (c.stamp.digest >> 64) as u64,
    ] {
        head.extend_from_slice(&v.to_le_bytes());
    }
    for v in [n as u64, c.bom as u64, c.last_end as u64] {
        head.extend_from_slice(&v.to_le_bytes());
    }
    for (at, h) in [ids_at, places_at, metas_at, blocks_at]
        .into_iter()
        .zip(hashes)
    {
        head.extend_from_slice(&(at as u64).to_le_bytes());
        head.extend_from_slice(&h.to_le_bytes());
    }
    head.extend_from_slice(&(end as u64).to_le_bytes());
    out[..head.len()].copy_from_slice(&head);
    let whole = hash(&out[..ids_at]);
    out[HEADER - 8..HEADER].copy_from_slice(&whole.to_le_bytes());
    out
}

/// The header of a cache file from its first bytes (`head`: the fixed
/// header and at least the path after it), checked; `None` if it is not
/// one of this version or its hash does not match.
pub(super) fn header(head: &[u8]) -> Option<Header> {
    if head.len() < HEADER || &head[..8] != MAGIC {
        return None;
    }
    let version = u32::from_le_bytes(head[8..12].try_into().unwrap());
    let flags = u32::from_le_bytes(head[12..16].try_into().unwrap());
    let mut at = HEADER;
    let path = read_str(head, &mut at)?.unwrap_or_default();
    let whole = u64_at(head, HEADER - 8);
    let mut check = head[..at].to_vec();
    check[HEADER - 8..HEADER].fill(0);
    if version != VERSION || flags > 1 || hash(&check) != whole {
        return None;
    }
    let digest = u128::from(u64_at(head, 24)) | (u128::from(u64_at(head, 32)) << 64);
    let section = |i: usize| (u64_at(head, 64 + 16 * i), u64_at(head, 72 + 16 * i));
    let header = Header {
        path: path.to_owned(),
        stamp: Stamp {
            len: u64_at(head, 16),
            digest,
        },
        lines: flags == 1,
        bom: usize::try_from(u64_at(head, 48)).ok()?,
        count: usize::try_from(u64_at(head, 40)).ok()?,
        last_end: usize::try_from(u64_at(head, 56)).ok()?,
        sections: [section(0), section(1), section(2), section(3)],
        end: u64_at(head, 128),
    };
    let n = header.count as u64;
    let [(ids, _), (places, _), (metas, _), (blocks, _)] = header.sections;
    let laid_out = ids == at as u64
        && places == ids.checked_add(n.checked_mul(12)?)?
        && metas == places.checked_add(n.checked_mul(24)?)?
        && metas <= blocks
        && blocks <= header.end
        && u32::try_from(header.count).is_ok();
    laid_out.then_some(header)
}

/// The bytes of section `i` (of `file`, the whole cache file or the part
/// from the section's start), checked against its hash.
pub(super) fn section<'b>(h: &Header, i: usize, bytes: &'b [u8], from: u64) -> Option<&'b [u8]> {
    let start = h.sections[i].0;
    let end = h.sections.get(i + 1).map_or(h.end, |s| s.0);
    let (a, b) = (start.checked_sub(from)?, end.checked_sub(from)?);
    let got = bytes.get(usize::try_from(a).ok()?..usize::try_from(b).ok()?)?;
    (hash(got) == h.sections[i].1).then_some(got)
}

/// An entry of the ids section (12 bytes): the id's hash and its article.
pub(super) fn id_entry(entry: &[u8]) -> (u64, u32) {
    let i = u32::from_le_bytes(entry[8..12].try_into().unwrap());
    (u64_at(entry, 0), i)
}

/// The starts, ends and hashes of the places section.
pub(super) fn places(bytes: &[u8], n: usize) -> Option<(Vec<usize>, Vec<usize>, Vec<u64>)> {
    let u64s = |k: usize| (0..n).map(move |i| u64_at(bytes, 8 * (k * n + i)));
    let usizes = |k| {
        u64s(k)
            .map(usize::try_from)
            .collect::<Result<Vec<_>, _>>()
            .ok()
    };
    Some((usizes(0)?, usizes(1)?, u64s(2).collect()))
}

/// An archive's own members (none for JSON Lines).
pub(super) type Members = Option<Map<String, Value>>;

pub(super) fn id_hash(id: &str) -> u64 {
    hash(id.as_bytes())
}

fn push_str(out: &mut Vec<u8>, s: Option<&str>) {
    let mut n = s.map_or(0, |s| s.len() as u64 + 1);
    loop {
        let more = n >= 0x80;
        out.push((n as u8 & 0x7f) | if more { 0x80 } else { 0 });
        n >>= 7;
        if !more {
            break;
        }
    }
    out.extend_from_slice(s.unwrap_or_default().as_bytes());
}

/// A string written by [`push_str`] at `at` (moved past it): `Some(None)`
/// for none, `None` if the bytes are not one.
pub(super) fn read_str<'b>(bytes: &'b [u8], at: &mut usize) -> Option<Option<&'b str>> {
    let (mut n, mut shift) = (0u64, 0);
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7f).checked_shl(shift)?;
        shift += 7;
        if b & 0x80 == 0 || shift > 63 {
            break;
        }
    }
    let Some(len) = n.checked_sub(1) else {
        return Some(None);
    };
    let end = at.checked_add(usize::try_from(len).ok()?)?;
    let s = std::str::from_utf8(bytes.get(*at..end)?).ok()?;
    *at = end;
    Some(Some(s))
}
