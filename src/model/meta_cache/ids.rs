//! The metadata cache's id → article table, used as it is read: the xxh3
//! of each id with its article's index, sorted by hash. A library from
//! the cache looks ids up here (a binary search, then the id compared)
//! instead of building a map of a million `String`s.

use super::format::{self, id_hash};
use crate::model::library::ArticleMeta;

/// (hash of the id, article), sorted.
#[derive(Debug, Clone, Default)]
pub struct IdTable(Vec<(u64, u32)>);

impl IdTable {
    /// The table of the ids section `bytes`, checked against `articles`:
    /// every article once, under its own id's hash, in order, no two ids
    /// alike. `None` if not (a table that is not the articles' is not
    /// used, whatever its section's hash says).
    pub(super) fn checked(bytes: &[u8], articles: &[ArticleMeta]) -> Option<IdTable> {
        let n = articles.len();
        // Hashed in archive order (the articles' strings read in turn).
        let mut own: Vec<Option<u64>> = articles.iter().map(|a| Some(id_hash(&a.id))).collect();
        let mut table = Vec::with_capacity(n);
        for entry in bytes.chunks_exact(12) {
            let (h, i) = format::id_entry(entry);
            // Each article once: its hash is taken when its entry is seen.
            if own.get_mut(i as usize)?.take() != Some(h) {
                return None;
            }
            table.push((h, i));
        }
        let sorted = table.windows(2).all(|w| match w[0].0 == w[1].0 {
            true => articles[w[0].1 as usize].id != articles[w[1].1 as usize].id,
            false => w[0].0 < w[1].0,
        });
        (sorted && table.len() == n && bytes.len() == 12 * n).then_some(IdTable(table))
    }

    /// The article whose id is `id`, of `articles` (those it was checked
    /// against).
    pub fn find(&self, id: &str, articles: &[ArticleMeta]) -> Option<usize> {
        let h = id_hash(id);
        let first = self.0.partition_point(|e| e.0 < h);
        (self.0[first..].iter())
            .take_while(|e| e.0 == h)
            .map(|e| e.1 as usize)
            .find(|&i| articles.get(i).is_some_and(|a| a.id == id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str) -> ArticleMeta {
        ArticleMeta {
            id: id.into(),
            title: "t".into(),
            subtitle: None,
            district: "d".into(),
            subdistrict: None,
            date: None,
        }
    }

    fn bytes(entries: &[(u64, u32)]) -> Vec<u8> {
        let mut out = Vec::new();
        for (h, i) in entries {
            out.extend_from_slice(&h.to_le_bytes());
            out.extend_from_slice(&i.to_le_bytes());
        }
        out
    }

    /// Only a table of exactly these articles' ids is taken: one with an
    /// entry wrong, missing, twice, out of order or pointing past the
    /// end is not, whatever hash its section carries.
    #[test]
    fn a_table_is_taken_only_when_it_is_the_articles() {
        let articles: Vec<ArticleMeta> = ["a", "b", "c"].map(meta).into();
        let mut good: Vec<(u64, u32)> = (0..3)
            .map(|i| (id_hash(&articles[i].id), i as u32))
            .collect();
        good.sort_unstable();
        let table = IdTable::checked(&bytes(&good), &articles).unwrap();
        for (i, a) in articles.iter().enumerate() {
            assert_eq!(table.find(&a.id, &articles), Some(i));
        }
        assert_eq!(table.find("d", &articles), None);
        let mut swapped = good.clone();
        (swapped[0].1, swapped[1].1) = (swapped[1].1, swapped[0].1);
        let mut twice = good.clone();
        twice[1] = twice[0];
        let mut past = good.clone();
        past[2].1 = 3;
        let mut unsorted = good.clone();
        unsorted.swap(0, 2);
        for bad in [swapped, twice, past, unsorted, good[..2].to_vec()] {
            assert!(
                IdTable::checked(&bytes(&bad), &articles).is_none(),
                "{bad:?}"
            );
        }
        let alike: Vec<ArticleMeta> = ["a", "a"].map(meta).into();
        let h = id_hash("a");
        assert!(IdTable::checked(&bytes(&[(h, 0), (h, 1)]), &alike).is_none());
    }
}
