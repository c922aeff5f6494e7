//! The results of an archive search as they come in: articles with their
//! hit counts, totals, unreadable articles, and orderings.

use super::scan::{Batch, Hit};
use crate::model::ArticleMeta;

/// How the result list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Order {
    /// As in the archive.
    #[default]
    Archive,
    /// Most hits first (ties in archive order).
    Hits,
    /// Newest first (undated last, ties in archive order).
    Date,
}

impl Order {
    /// The next ordering (the key cycles through them).
    pub fn next(self) -> Order {
        match self {
            Order::Archive => Order::Hits,
            Order::Hits => Order::Date,
            Order::Date => Order::Archive,
        }
    }
}

/// Everything found so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Results {
    /// In archive order.
    pub hits: Vec<Hit>,
    pub unreadable: Vec<(usize, String)>,
    pub total_hits: usize,
    pub scanned: usize,
    pub in_scope: usize,
    pub done: bool,
}

impl Results {
    pub fn add(&mut self, batch: Batch) {
        self.total_hits += batch.hits.iter().map(|h| h.hits).sum::<usize>();
        self.hits.extend(batch.hits);
        self.unreadable.extend(batch.unreadable);
        self.scanned = batch.scanned;
        self.in_scope = batch.total;
        self.done = batch.done;
    }

    /// The hits in `order`, restricted to articles `keep` admits, then the
    /// unreadable articles (as hits of 0).
    pub fn ordered(
        &self,
        order: Order,
        metas: &[ArticleMeta],
        keep: impl Fn(usize) -> bool,
    ) -> Vec<Hit> {
        let mut list: Vec<Hit> = self
            .hits
            .iter()
            .copied()
            .filter(|h| keep(h.article))
            .collect();
        match order {
            Order::Archive => {}
            Order::Hits => list.sort_by_key(|h| std::cmp::Reverse(h.hits)),
            Order::Date => list.sort_by(|a, b| {
                let date = |h: &Hit| metas[h.article].date.clone();
                match (date(a), date(b)) {
                    (Some(x), Some(y)) => y.cmp(&x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
        }
        let unreadable = self
            .unreadable
            .iter()
            .map(|&(article, _)| Hit { article, hits: 0 });
        list.extend(unreadable.filter(|h| keep(h.article)));
        list
    }

    /// Why article `article`'s body could not be searched, if it could not.
    pub fn unreadable(&self, article: usize) -> Option<&str> {
        self.unreadable
            .iter()
            .find(|(a, _)| *a == article)
            .map(|(_, why)| why.as_str())
    }

    /// Articles with hits.
    pub fn articles(&self) -> usize {
        self.hits.len()
    }

    /// The years of the articles with hits, newest first.
    pub fn years(&self, metas: &[ArticleMeta]) -> Vec<String> {
        let mut years: Vec<String> = self
            .hits
            .iter()
            .filter_map(|h| {
                metas[h.article]
                    .date
                    .as_deref()?
                    .get(..4)
                    .map(str::to_string)
            })
            .collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        years
    }
}
