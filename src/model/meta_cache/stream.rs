//! The metadata section read a window at a time: the articles' strings
//! are copied out as each window is decoded, so opening from the cache
//! never holds the section (135 MB at 1M articles) whole. Its hash is
//! computed as it is read, and nothing is returned unless it matches.

use std::fs::File;
use std::hash::Hasher;

use twox_hash::XxHash3_64;

use super::format::{Header, Members, read_str};
use crate::files::read_exact_at;
use crate::model::library::ArticleMeta;

/// Bytes read at a time (7 in tests: every string crosses windows).
const WINDOW: usize = if cfg!(test) { 7 } else { 4 << 20 };
/// Strings per article.
const FIELDS: usize = 6;

/// The archive's members and every article's metadata, from the
/// metadata section of the cache file `file` (header `h`).
pub(super) fn metas(file: &File, h: &Header) -> Option<(Members, Vec<ArticleMeta>)> {
    let (mut pos, want) = h.sections[2];
    let end = h.sections[3].0;
    let mut hasher = XxHash3_64::new();
    let mut buf: Vec<u8> = Vec::new();
    let mut members = None;
    let mut articles = Vec::with_capacity(h.count);
    loop {
        let n = usize::try_from((end - pos).min(WINDOW as u64)).ok()?;
        let old = buf.len();
        buf.resize(old + n, 0);
        read_exact_at(file, &mut buf[old..], pos).ok()?;
        hasher.write(&buf[old..]);
        pos += n as u64;
        let mut at = 0;
        if members.is_none() {
            let Some(found) = whole(&buf, &mut at, 1) else {
                if pos == end {
                    return None;
                }
                continue;
            };
            members = Some(match read_str(&buf, &mut 0)? {
                Some(json) => Some(serde_json::from_str(json).ok()?),
                None => None,
            });
            at = found;
        }
        while articles.len() < h.count {
            let Some(next) = whole(&buf, &mut at.clone(), FIELDS) else {
                break;
            };
            articles.push(article(&buf, &mut at)?);
            debug_assert_eq!(at, next);
        }
        buf.drain(..at);
        if pos == end {
            break;
        }
    }
    let done = buf.is_empty() && articles.len() == h.count && hasher.finish() == want;
    done.then_some((members?, articles))
}

/// Where `count` strings from `at` end, if `buf` holds them whole.
fn whole(buf: &[u8], at: &mut usize, count: usize) -> Option<usize> {
    for _ in 0..count {
        let (mut n, mut shift) = (0u64, 0);
        loop {
            let b = *buf.get(*at)?;
            *at += 1;
            n |= u64::from(b & 0x7f).checked_shl(shift)?;
            shift += 7;
            if b & 0x80 == 0 || shift > 63 {
                break;
            }
        }
        *at = at.checked_add(usize::try_from(n.saturating_sub(1)).ok()?)?;
    }
    (*at <= buf.len()).then_some(*at)
}

fn article(buf: &[u8], at: &mut usize) -> Option<ArticleMeta> {
    let mut next = || read_str(buf, at).map(|s| s.map(str::to_owned));
    Some(ArticleMeta {
        id: next()??,
        title: next()??,
        subtitle: next()?,
        district: next()??,
        subdistrict: next()?,
        date: next()?,
    })
}
