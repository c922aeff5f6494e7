//! What `App::update` asks the outside world to do. The run loop performs
//! effects (saves on a worker thread, clipboard sequences on the terminal)
//! and reports results back as actions; [`run_inline`] performs them here
//! and now, for tests and for callers without a run loop.

use std::collections::VecDeque;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use super::finder::IndexHandle;
use super::{Action, App};
use crate::find::{self, ArchiveQuery, FoldIndex};
use crate::store::SaveJob;

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
    /// [`Action::IndexDone`].
    BuildIndex { path: PathBuf },
    /// Read the archive again; the outcome comes back as
    /// [`Action::Reloaded`].
    Reload(super::ArchiveSource),
}

/// One archive search.
#[derive(Debug, Clone)]
pub struct SearchJob {
    pub generation: u64,
    pub query: ArchiveQuery,
}

/// Performs `effects` synchronously: saves run on the store's own saver,
/// searches and index builds run to the end, and their outcomes go
/// straight back through `update`. Returns the text of every copy
/// request, in order.
pub fn run_inline(app: &mut App, effects: Vec<Effect>) -> Vec<String> {
    let mut queue: VecDeque<Effect> = effects.into();
    let mut copies = Vec::new();
    while let Some(effect) = queue.pop_front() {
        if let Effect::Copy(text) = effect {
            copies.push(text);
        } else {
            queue.extend(perform_inline(app, effect));
        }
    }
    copies
}

/// Performs one effect here and now (a copy is dropped: there is no
/// terminal); returns the effects its outcome asks for.
pub fn perform_inline(app: &mut App, effect: Effect) -> Vec<Effect> {
    match effect {
        Effect::Save(job) => match app.persist.as_mut() {
            Some(p) => {
                let outcome = p.store.run_job(job);
                app.update(Action::Saved(outcome))
            }
            None => Vec::new(),
        },
        Effect::Copy(_) | Effect::StopSearch => Vec::new(),
        Effect::Search(job) => {
            let mut batches = Vec::new();
            let index = app.index.ready().cloned();
            let never = AtomicBool::new(false);
            find::run(
                &*app.archive,
                index.as_deref(),
                &job.query,
                &never,
                &mut |b| batches.push(b),
            );
            let mut more = Vec::new();
            for b in batches {
                more.extend(app.update(Action::Found(job.generation, b)));
            }
            more
        }
        Effect::BuildIndex { path } => {
            let done = build_index(&*app.archive, &path);
            app.update(Action::IndexDone(done))
        }
        Effect::Reload(source) => app.update(Action::Reloaded(super::read_again(&source))),
    }
}

/// Builds the index of the app's archive into `path` and opens it.
pub fn build_index(
    corpus: &dyn find::Corpus,
    path: &std::path::Path,
) -> Result<IndexHandle, String> {
    build_index_with(corpus, path, &AtomicBool::new(false), &mut |_, _| {})
}

/// [`build_index`] with cancellation and progress. The index is stamped
/// with the fingerprint of `corpus`, the library its text is read from,
/// and opened again against that same fingerprint.
pub fn build_index_with(
    corpus: &dyn find::Corpus,
    path: &std::path::Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<IndexHandle, String> {
    let n = corpus.metas().len();
    let stamp = corpus.fingerprint().ok_or("this archive is not indexed")?;
    match find::index::build(corpus, path, cancel, progress) {
        Ok(true) => FoldIndex::open(path, &stamp, n)
            .map(|i| IndexHandle(std::sync::Arc::new(i)))
            .ok_or_else(|| "the index could not be read back".to_string()),
        Ok(false) => Err("cancelled".to_string()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// `update` then [`run_inline`]: one action with all its consequences.
pub fn update_inline(app: &mut App, action: Action) -> Vec<String> {
    let effects = app.update(action);
    run_inline(app, effects)
}
