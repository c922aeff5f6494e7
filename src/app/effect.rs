//! What `App::update` asks the outside world to do. The run loop performs
//! effects (saves on a worker thread, reads of the archive and searches on
//! threads of their own, clipboard sequences on the terminal) and reports
//! results back as actions; `crate::work` holds what performs them, and
//! [`run_inline`] performs them here and now, for tests and for callers
//! without a run loop. Nothing in `app` reads a file.

use std::path::PathBuf;
use std::sync::Arc;

use super::{ArchiveSource, Fresh, Lang};
use crate::find::ArchiveQuery;
use crate::model::{ArticleError, Library};
use crate::store::{Anchor, SaveJob};
use crate::text::Doc;
pub use crate::work::{perform_inline, run_inline, update_inline};

#[derive(Debug, Clone)]
pub enum Effect {
    /// Save (or, with `write: false`, re-read) the state file; the outcome
    /// comes back as [`Action::Saved`].
    Save(SaveJob),
    /// Put text on the user's clipboard (already sanitised).
    Copy(String),
    /// Search the archive (cancelling any search in flight); results come
    /// back as [`Action::Found`] batches.
    Search(SearchJob),
    /// Cancel the search in flight.
    StopSearch,
    /// Build the search index of the archive in hand into `path`;
    /// progress comes back as [`Action::IndexProgress`], the end as
    /// [`Action::IndexDone`]. `damaged`: the index in use was found
    /// damaged, and is not to be handed back (a server keeps the one it
    /// loaded for every session).
    BuildIndex {
        path: PathBuf,
        damaged: Option<super::IndexHandle>,
    },
    /// Read an article's body and make its document; it comes back as
    /// [`Action::ArticleLoaded`].
    LoadArticle(ArticleJob),
    /// Work out the snippets of some results; they come back as
    /// [`Action::SnippetsLoaded`].
    LoadSnippets(SnippetJob),
    /// Find out which bookmarks' text is gone; the answer comes back as
    /// [`Action::MarksChecked`].
    CheckMarks(MarksJob),
    /// Read the archive again (or, for a reading already made, the
    /// articles open in it); the outcome comes back as
    /// [`Action::Reloaded`].
    Reload(ReloadJob),
    /// Work out the list filter's index of this version of the archive
    /// (longer than a frame on a large one); it comes back as
    /// [`Action::TitlesIndexed`].
    IndexTitles(Arc<Library>),
    /// Let go of a version of the archive no longer shown (freeing a
    /// large one takes longer than a frame; nothing comes back).
    Release(Arc<Library>),
    /// Stop the process as Ctrl-Z does in a shell, the terminal given
    /// back until it is continued (`fg`), then drawn again whole. Only
    /// on the process's own terminal (`App::can_suspend`); a served
    /// session has no shell to go back to, and says so instead.
    Suspend,
}

/// One archive search.
#[derive(Debug, Clone)]
pub struct SearchJob {
    pub generation: u64,
    pub query: ArchiveQuery,
}

/// Reading article `article` of `library` (the answer carries `seq`, the
/// request it answers).
#[derive(Debug, Clone)]
pub struct ArticleJob {
    pub seq: u64,
    pub library: Arc<Library>,
    pub article: usize,
    pub lang: Lang,
}

/// An article's document, or why it cannot be read, for request `seq`.
#[derive(Debug, Clone)]
pub struct ArticleLoaded {
    pub seq: u64,
    pub article: usize,
    pub doc: Result<Doc, ArticleError>,
}

/// Equal when they answer the same request.
impl PartialEq for ArticleLoaded {
    fn eq(&self, other: &Self) -> bool {
        (self.seq, self.article) == (other.seq, other.article)
    }
}

impl Eq for ArticleLoaded {}

/// The snippets of `articles` for the results of search `generation`
/// (query `text`) over `library`, read at `epoch`.
#[derive(Debug, Clone)]
pub struct SnippetJob {
    pub epoch: u64,
    pub generation: u64,
    pub text: String,
    pub query: crate::text::search::Query,
    pub library: Arc<Library>,
    pub articles: Vec<usize>,
    pub lang: Lang,
}

/// What [`SnippetJob`] found: for each article its snippet (`None`: no
/// hit to show) or why its body cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetsLoaded {
    pub epoch: u64,
    pub generation: u64,
    pub text: String,
    pub items: Vec<(usize, Option<crate::find::Snippet>, Option<String>)>,
}

/// Bookmarks (id, anchor) to check against `library`, for check `seq`.
#[derive(Debug, Clone)]
pub struct MarksJob {
    pub seq: u64,
    pub library: Arc<Library>,
    pub marks: Vec<(String, Anchor)>,
    pub lang: Lang,
}

/// The bookmarks of check `seq` whose text is gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarksChecked {
    pub seq: u64,
    /// Every bookmark the job checked.
    pub checked: Vec<String>,
    pub detached: Vec<String>,
}

/// What to read: the archive at `source`, or the articles of a reading
/// already made; then the documents of the articles with ids `open` (so
/// the open readers carry over without touching the file on the UI
/// thread), in `lang`, and what changed against `old`.
#[derive(Debug, Clone)]
pub struct ReloadJob {
    pub seq: u64,
    pub what: ReloadWhat,
    pub open: Vec<String>,
    pub lang: Lang,
    /// The version in hand, to say what changed against it.
    pub old: Arc<Library>,
}

#[derive(Debug, Clone)]
pub enum ReloadWhat {
    Source(ArchiveSource),
    Reading(Box<Fresh>),
}
