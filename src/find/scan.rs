//! Running an archive search: over the index when there is one (one pass
//! of `memmem` over the folded text), else article by article with the
//! in-article search itself. Either way an article's count is exactly what
//! the in-article search finds in it: where the folded text alone cannot
//! tell (a case-sensitive query, an article whose folding changes its
//! length), the article is searched itself.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use memchr::memmem;

use super::index::{
    FLAG_EXPANDS_ASCII, FLAG_EXPANDS_OTHER, FLAG_UNREADABLE, FoldIndex, SpanError, ascii_mask,
};
use super::{ArchiveQuery, Corpus};
use crate::text::search::{Query, find_all, fold_key};

/// One article with hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub hits: usize,
}

/// What a search found since the last batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// Articles with hits, in archive order.
    pub hits: Vec<Hit>,
    /// Articles in scope whose body could not be read, and why.
    pub unreadable: Vec<(usize, String)>,
    /// Articles looked at so far, of `total` in scope.
    pub scanned: usize,
    pub total: usize,
    pub done: bool,
    /// The index's text did not hash as written: it is damaged (the
    /// articles it covered were searched themselves, so the counts stand).
    /// Set on the one batch after which it was found.
    pub index_damaged: bool,
}

/// How often a running search reports (the first rows should be on screen
/// well within 100 ms of the keystroke).
const REPORT_EVERY: Duration = Duration::from_millis(30);
/// Folded bytes read and searched at a time, between checks for
/// cancellation and reports. The buffer is the process's own memory:
/// 256 KB instead of 4 MB took the search's anonymous memory from 0.22 to
/// 0.20 of the archive's size, at the same speed (docs/performance.md).
const CHUNK: usize = 256 << 10;

/// Runs `q` over `corpus` (with `index` if given and usable), sending
/// batches to `sink` as it goes; stops early, without a final batch, when
/// `cancel` is set.
pub fn run(
    corpus: &dyn Corpus,
    index: Option<&FoldIndex>,
    q: &ArchiveQuery,
    cancel: &AtomicBool,
    sink: &mut dyn FnMut(Batch),
) {
    let Some(query) = q.query.as_ref() else {
        return sink(Batch {
            done: true,
            ..Batch::default()
        });
    };
    let metas = corpus.metas();
    let scope: Vec<usize> = (0..metas.len())
        .filter(|&i| q.facets.admits(&metas[i]))
        .collect();
    let mut out = Reporter::new(scope.len(), sink);
    // Only the index of this very text: the same fingerprint (a reload
    // may meet a build of the old version) and the same count.
    let stamp = corpus.fingerprint().map(|f| f.content);
    let index = index.filter(|x| x.len() == metas.len() && Some(x.stamp()) == stamp);
    match (index, query.needle()) {
        (Some(index), Some(needle)) => {
            with_index(corpus, index, query, needle, &scope, cancel, &mut out)
        }
        _ => one_by_one(corpus, query, &scope, cancel, &mut out),
    }
    if !cancel.load(Ordering::Relaxed) {
        out.finish();
    }
}

/// Collects results and sends them in timely batches.
struct Reporter<'a> {
    batch: Batch,
    /// When the last batch went out (`None`: none yet; the first goes out
    /// as soon as there is something to show).
    last: Option<Instant>,
    sink: &'a mut dyn FnMut(Batch),
}

impl<'a> Reporter<'a> {
    fn new(total: usize, sink: &'a mut dyn FnMut(Batch)) -> Reporter<'a> {
        Reporter {
            batch: Batch {
                total,
                ..Batch::default()
            },
            last: None,
            sink,
        }
    }

    fn hit(&mut self, article: usize, hits: usize) {
        if hits > 0 {
            self.batch.hits.push(Hit { article, hits });
        }
    }

    fn scanned(&mut self, n: usize) {
        self.batch.scanned = n;
        let due = match self.last {
            None => !self.batch.hits.is_empty() || !self.batch.unreadable.is_empty(),
            Some(t) => t.elapsed() >= REPORT_EVERY,
        };
        if due {
            self.send(false);
        }
    }

    fn send(&mut self, done: bool) {
        let next = Batch {
            scanned: self.batch.scanned,
            total: self.batch.total,
            ..Batch::default()
        };
        let mut batch = std::mem::replace(&mut self.batch, next);
        batch.done = done;
        (self.sink)(batch);
        self.last = Some(Instant::now());
    }

    fn finish(&mut self) {
        self.batch.scanned = self.batch.total;
        self.send(true);
    }
}

/// The in-article search on each article in turn.
fn one_by_one(
    corpus: &dyn Corpus,
    query: &Query,
    scope: &[usize],
    cancel: &AtomicBool,
    out: &mut Reporter,
) {
    for (n, &i) in scope.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        count_itself(corpus, query, i, out);
        out.scanned(n + 1);
    }
}

/// Counts article `i`'s hits by searching the article itself.
fn count_itself(corpus: &dyn Corpus, query: &Query, i: usize, out: &mut Reporter) {
    match corpus.doc(i) {
        Ok(doc) => out.hit(i, find_all(&doc, query).len()),
        Err(e) => out.batch.unreadable.push((i, e.why)),
    }
}

/// One pass of `memmem` over the folded text, chunk by chunk.
fn with_index(
    corpus: &dyn Corpus,
    index: &FoldIndex,
    query: &Query,
    needle: &str,
    scope: &[usize],
    cancel: &AtomicBool,
    out: &mut Reporter,
) {
    let lower = fold_key(needle);
    let finder = memmem::Finder::new(lower.as_bytes());
    let recheck_all = query.case_sensitive();
    // Articles with a character folding to several characters: hits may
    // merge there when the needle can start or end inside such a folding,
    // that is when its first or last character is in the folding.
    let edges = lower.chars().take(1).chain(lower.chars().next_back());
    let edge_mask = ascii_mask(&edges.collect::<String>());
    let mut in_scope = vec![false; index.len()];
    scope.iter().for_each(|&i| in_scope[i] = true);
    let mut counts = vec![0usize; index.len()];
    let mut first = 0;
    let mut scanned = 0;
    let mut text = Vec::new();
    while first < index.len() {
        if cancel.load(Ordering::Relaxed) {
            return;
        }
        let end = chunk_end(index, first);
        // A file cut short since it was opened, or damaged: these
        // articles are counted by themselves.
        let lost = match index.read_span(first..end, &mut text) {
            Ok(base) => {
                let mut at = first;
                for p in finder.find_iter(&text) {
                    at = index.article_at(base + p, at);
                    counts[at] += 1;
                }
                false
            }
            Err(SpanError::Damaged) => {
                out.batch.index_damaged = true;
                true
            }
            Err(SpanError::Io(_)) => true,
        };
        for i in (first..end).filter(|&i| in_scope[i]) {
            let flags = index.flags(i);
            // The folded text cannot tell: an unreadable body (the article
            // says why), a case-sensitive query or a folding that may merge
            // hits (the hits are counted in the article itself).
            let merging = flags & FLAG_EXPANDS_OTHER != 0
                || flags & FLAG_EXPANDS_ASCII != 0 && index.mask(i) & edge_mask != 0;
            let unsure = counts[i] > 0 && (recheck_all || merging);
            if lost || flags & FLAG_UNREADABLE != 0 || unsure {
                count_itself(corpus, query, i, out);
            } else {
                out.hit(i, counts[i]);
            }
            scanned += 1;
        }
        out.scanned(scanned);
        first = end;
    }
}

/// The end of the chunk of articles starting at `first`: about [`CHUNK`]
/// bytes of folded text, at least one article.
fn chunk_end(index: &FoldIndex, first: usize) -> usize {
    let mut end = first + 1;
    let mut step = 64;
    while end < index.len() {
        let next = (end + step).min(index.len());
        if index.span(first..next).len() > CHUNK {
            break;
        }
        end = next;
        step *= 2;
    }
    end
}
