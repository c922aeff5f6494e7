//! The archive search's state: the query, the results as they arrive,
//! the group pane's hit counts, and how the list is narrowed and ordered.
//! The screen's actions are in `finder_keys.rs`.

use std::collections::HashMap;
use std::sync::Arc;

use super::browse::{Browse, Pane};
use crate::find::{ArchiveQuery, Batch, FoldIndex, Hit, Order, Results, Snippet};
use crate::model::ArticleMeta;

/// A loaded search index, shared with the search threads. Equal when it
/// is the same index.
#[derive(Debug, Clone)]
pub struct IndexHandle(pub Arc<FoldIndex>);

impl PartialEq for IndexHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for IndexHandle {}

/// Where the archive's search index stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum IndexState {
    /// None is used (a small archive, no cache directory): every search
    /// goes article by article.
    #[default]
    Unused,
    /// It can be built (from the archive in hand, whose fingerprint it
    /// is stamped with): where the index goes.
    Missing {
        path: std::path::PathBuf,
    },
    /// Being built: articles done of all.
    Building(usize, usize),
    Ready(IndexHandle),
    /// Building failed; searches go article by article.
    Failed(String),
}

impl IndexState {
    /// The index to search with, if it is ready.
    pub fn ready(&self) -> Option<&Arc<FoldIndex>> {
        match self {
            IndexState::Ready(h) => Some(&h.0),
            _ => None,
        }
    }
}

/// One archive search.
#[derive(Debug, Clone, Default)]
pub struct Finder {
    /// The query as typed.
    pub text: String,
    pub query: Option<ArchiveQuery>,
    /// Why the query cannot run (a bad regular expression, a date facet
    /// that is not a date).
    pub error: Option<String>,
    /// The query has a date facet and no article of the archive has a
    /// date: it can find nothing, and the screen says why.
    pub undated: bool,
    pub results: Results,
    /// The search the results belong to; batches of older ones are dropped.
    pub generation: u64,
    /// The results shown: narrowed by group and year, in `order`.
    pub listed: Vec<Hit>,
    pub selected: usize,
    pub focus: Pane,
    /// The group pane's selected entry (0 is the whole archive).
    pub group: usize,
    /// Hits per group entry (in the year picked, if one is).
    pub group_hits: Vec<usize>,
    /// Hits and articles with hits in the year picked (all of them with
    /// none picked): the totals the status line gives.
    pub shown: (usize, usize),
    pub order: Order,
    pub year: Option<String>,
    /// Snippets of listed articles (`None`: the body cannot be read),
    /// worked out as they come into view.
    pub snippets: HashMap<usize, Option<Snippet>>,
    /// Why listed unreadable articles cannot be read, in the interface
    /// language, worked out as they come into view.
    pub why: HashMap<usize, String>,
    /// Articles whose snippet was asked for (the answer may be on its way).
    pub asked: std::collections::HashSet<usize>,
    /// The prompt was accepted at least once (Esc then keeps the results).
    pub confirmed: bool,
}

/// Whether article `a` is dated in `year` (always, with no year picked).
fn in_year(year: Option<&str>, metas: &[ArticleMeta], a: usize) -> bool {
    year.is_none_or(|y| metas[a].date.as_deref().is_some_and(|d| d.starts_with(y)))
}

impl Finder {
    /// Takes in a batch of `generation`'s results; false when it belongs
    /// to an older search.
    pub fn add(
        &mut self,
        generation: u64,
        batch: Batch,
        browse: &Browse,
        metas: &[ArticleMeta],
    ) -> bool {
        if generation != self.generation {
            return false;
        }
        self.count(&batch.hits, browse, metas);
        self.results.add(batch);
        true
    }

    /// Adds `hits` in the year picked to the group counts and the totals.
    fn count(&mut self, hits: &[Hit], browse: &Browse, metas: &[ArticleMeta]) {
        for h in hits
            .iter()
            .filter(|h| in_year(self.year.as_deref(), metas, h.article))
        {
            for e in browse.entries_holding(h.article) {
                if let Some(n) = self.group_hits.get_mut(e) {
                    *n += h.hits;
                }
            }
            self.shown.0 += h.hits;
            self.shown.1 += 1;
        }
    }

    /// Counts the results again (the year picked changed).
    fn recount(&mut self, browse: &Browse, metas: &[ArticleMeta]) {
        self.group_hits = vec![0; browse.entries.len()];
        self.shown = (0, 0);
        let hits = std::mem::take(&mut self.results.hits);
        self.count(&hits, browse, metas);
        self.results.hits = hits;
    }

    /// Starts over for a new query (the next generation).
    pub fn restart(&mut self, entries: usize) {
        self.generation += 1;
        self.results = Results::default();
        self.listed.clear();
        self.group_hits = vec![0; entries];
        self.shown = (0, 0);
        // Both are by article index, which a reload may change.
        self.snippets.clear();
        self.why.clear();
        self.asked.clear();
        self.selected = 0;
    }

    /// Recomputes `listed` after the results, group, year or order changed.
    pub fn relist(&mut self, metas: &[ArticleMeta], browse: &Browse) {
        let year = self.year.as_deref();
        let group = self.group;
        self.listed = self.results.ordered(self.order, metas, |a| {
            in_year(year, metas, a) && (group == 0 || browse.entries_holding(a).contains(&group))
        });
        self.selected = self.selected.min(self.listed.len().saturating_sub(1));
    }

    /// The next year facet: none, then each year with hits, newest first;
    /// the counts follow it.
    pub fn next_year(&mut self, metas: &[ArticleMeta], browse: &Browse) {
        let years = self.results.years(metas);
        self.year = match &self.year {
            None => years.first().cloned(),
            Some(y) => years
                .iter()
                .position(|x| x == y)
                .and_then(|i| years.get(i + 1).cloned()),
        };
        self.recount(browse, metas);
    }

    /// The result under the cursor.
    pub fn current(&self) -> Option<Hit> {
        self.listed.get(self.selected).copied()
    }

    /// Where article `article` is in the list.
    pub fn position_of(&self, article: usize) -> Option<usize> {
        self.listed.iter().position(|h| h.article == article)
    }

    /// Articles shown, in list order (the reader's previous/next).
    pub fn articles(&self) -> Vec<usize> {
        self.listed.iter().map(|h| h.article).collect()
    }
}
