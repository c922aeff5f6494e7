//! Archive-wide search: which articles hold a query, how often, and where.
//! Terminal-free; the reader's results screen and `bulletin search` both
//! use it.
//!
//! Matching is the in-article search's own ([`crate::text::search`]):
//! smart case, NFKC, traditional and simplified folded together, `re:`
//! regular expressions. An article's count here is the count the reader
//! shows inside it.
//!
//! Large archives are searched through an index of their folded text kept
//! in the cache directory ([`index`]); without one (a small archive, or
//! while it is being built) each article is searched in turn. Searches run
//! in batches, so the first results show before the whole archive is
//! searched, and stop when cancelled.

mod cache;
mod date;
pub mod index;
mod query;
mod results;
mod scan;
mod snippet;

pub use cache::{CACHE_DIR_ENV, CACHE_MAX_ENV, Lookup, cache_dir, lookup, meta_cache};
pub use date::DateError;
pub use index::{FoldIndex, SpanError, index_path};
pub use query::{ArchiveQuery, ArchiveQueryError, FACETS, Facets, facet_date};
pub use results::{Order, Results};
pub use scan::{Batch, Hit, run};
pub use snippet::{Snippet, best_match, best_snippets, snippet};

use crate::model::{ArticleError, ArticleMeta, Fingerprint, Library, mended_doc};
use crate::text::Doc;

/// What a search reads: the articles' metadata and, one at a time, their
/// documents (the same the reader lays out).
pub trait Corpus: Sync {
    fn metas(&self) -> &[ArticleMeta];
    /// Article `i`'s document, or why its body cannot be read.
    fn doc(&self, i: usize) -> Result<Doc, Unread>;
    /// What the archive held when read (an index is used only for the
    /// same); `None`: no index for this corpus.
    fn fingerprint(&self) -> Option<Fingerprint>;
}

/// Why an article's body cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unread {
    /// In English, for reports.
    pub why: String,
    /// The archive file changed since the corpus was read: nothing of this
    /// article can be trusted to belong to the version in hand.
    pub changed: bool,
}

impl Corpus for Library {
    fn metas(&self) -> &[ArticleMeta] {
        &self.articles
    }

    /// The document the reader lays out (placeholders included: the
    /// search skips them, so their language does not matter).
    fn doc(&self, i: usize) -> Result<Doc, Unread> {
        match self.open(i) {
            Ok(m) => Ok(mended_doc(&m, crate::lang::Lang::En)),
            Err(e) => Err(Unread {
                why: e.to_string(),
                changed: matches!(e, ArticleError::Changed { .. }),
            }),
        }
    }

    fn fingerprint(&self) -> Option<Fingerprint> {
        Some(Library::fingerprint(self))
    }
}

/// Archives smaller than this are searched article by article; an index
/// would not pay for itself.
pub const INDEX_MIN_BYTES: u64 = 4 << 20;
