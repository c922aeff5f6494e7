//! The I/O half of the app: what performs the [`Effect`]s `App::update`
//! asks for. Each function here reads files (the archive, the state file,
//! the search index) and returns the action that answers the effect; the
//! run loop calls them on worker threads (`term`), [`run_inline`] here and
//! now (tests, callers without a run loop). `app` itself reads no file.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::app::effect::{
    ArticleJob, ArticleLoaded, MarksChecked, MarksJob, ReloadJob, ReloadWhat, SnippetJob,
    SnippetsLoaded,
};
use crate::app::persist::locate;
use crate::app::reload::Changes;
use crate::app::{Action, App, ArchiveSource, Effect, Fresh, IndexHandle, IndexState, Reloaded};
use crate::find::{self, FoldIndex, Lookup};
use crate::lang::Lang;
use crate::model::{Library, group_items, mended_doc, open_path_with};
use crate::text::Doc;

/// Reads the archive at `source` again, with its search index.
pub fn read_again(source: &ArchiveSource) -> Reloaded {
    let library = match open_path_with(&source.path, source.strictness) {
        Ok(l) => l,
        Err(e) => return Reloaded(Err(Arc::new(e))),
    };
    let cache = source.cache_dir.as_deref();
    let index = match find::lookup(&library, Some(&source.path), cache) {
        Lookup::NotUsed => IndexState::Unused,
        Lookup::Ready(i) => IndexState::Ready(IndexHandle(Arc::new(i))),
        Lookup::Missing { path } => IndexState::Missing { path },
    };
    let groups = Some(group_items(&library.articles));
    Reloaded(Ok(Fresh {
        library: Arc::new(library),
        index,
        docs: HashMap::new(),
        seq: None,
        groups,
        changes: None,
    }))
}

/// [`ReloadJob`]: the reading, with the documents of its open articles.
pub fn reload(job: ReloadJob) -> Action {
    let reading = match job.what {
        ReloadWhat::Source(source) => read_again(&source),
        ReloadWhat::Reading(fresh) => Reloaded(Ok(*fresh)),
    };
    Action::Reloaded(match reading.0 {
        Ok(mut fresh) => {
            for id in job.open {
                let doc = doc_of_id(&fresh.library, &id, job.lang);
                fresh.docs.insert(id, doc);
            }
            fresh.seq = Some(job.seq);
            fresh.changes = Some(Changes::between(&job.old, &fresh.library));
            Reloaded(Ok(fresh))
        }
        failed => Reloaded(failed),
    })
}

/// The document of the article with id `id` (gone: an empty error, the
/// app says which article is gone).
fn doc_of_id(library: &Library, id: &str, lang: Lang) -> Result<Doc, String> {
    let i = library.index_of(id).ok_or_else(String::new)?;
    let mended = library.open(i).map_err(|e| e.text(lang))?;
    Ok(mended_doc(&mended, lang))
}

/// [`ArticleJob`]: the article's document.
pub fn load_article(job: ArticleJob) -> Action {
    let doc = job
        .library
        .open(job.article)
        .map(|m| mended_doc(&m, job.lang));
    Action::ArticleLoaded(ArticleLoaded {
        seq: job.seq,
        article: job.article,
        doc,
    })
}

/// [`SnippetJob`]: each article's best hit in context.
pub fn load_snippets(job: SnippetJob) -> Action {
    let items = (job.articles.iter())
        .map(|&a| match job.library.open(a) {
            Ok(m) => {
                let doc = mended_doc(&m, job.lang);
                let matches = crate::text::search::find_all(&doc, &job.query);
                let best = find::best_match(&matches);
                (a, best.and_then(|b| find::snippet(&doc, &matches, b)), None)
            }
            Err(e) => (a, None, Some(e.text(job.lang))),
        })
        .collect();
    Action::SnippetsLoaded(SnippetsLoaded {
        epoch: job.epoch,
        generation: job.generation,
        text: job.text,
        items,
    })
}

/// [`MarksJob`]: the bookmarks whose text can no longer be found (each
/// article parsed once).
pub fn check_marks(job: MarksJob) -> Action {
    let mut docs: HashMap<usize, Option<Doc>> = HashMap::new();
    let checked = job.marks.iter().map(|(id, _)| id.clone()).collect();
    let detached = (job.marks.into_iter())
        .filter(|(_, anchor)| {
            let Some(i) = job.library.index_of(&anchor.article) else {
                return true;
            };
            let doc = docs
                .entry(i)
                .or_insert_with(|| (job.library.open(i).ok()).map(|m| mended_doc(&m, job.lang)));
            doc.as_ref().is_none_or(|d| locate(anchor, d).is_none())
        })
        .map(|(id, _)| id)
        .collect();
    Action::MarksChecked(MarksChecked {
        seq: job.seq,
        checked,
        detached,
    })
}

/// Builds the index of `corpus` into `path` and opens it.
pub fn build_index(corpus: &dyn find::Corpus, path: &Path) -> Result<IndexHandle, String> {
    build_index_with(corpus, path, &AtomicBool::new(false), &mut |_, _| {})
}

/// [`build_index`] with cancellation and progress. The index is stamped
/// with the fingerprint of `corpus`, the library its text is read from,
/// and opened again against that same fingerprint.
pub fn build_index_with(
    corpus: &dyn find::Corpus,
    path: &Path,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<IndexHandle, String> {
    let n = corpus.metas().len();
    let stamp = corpus.fingerprint().ok_or("this archive is not indexed")?;
    match find::index::build(corpus, path, cancel, progress) {
        Ok(true) => FoldIndex::open(path, &stamp, n)
            .map(|i| IndexHandle(Arc::new(i)))
            .ok_or_else(|| "the index could not be read back".to_string()),
        Ok(false) => Err("cancelled".to_string()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// The list filter's index of `library`.
pub fn index_titles(library: &Arc<crate::model::Library>) -> Action {
    let index = crate::app::list_filter::TitleIndex::new(library);
    Action::TitlesIndexed(crate::app::list_filter::TitlesHandle(Arc::new(index)))
}

/// Performs `effects` synchronously: saves run on the store's own saver,
/// reads, searches and index builds run to the end, and their outcomes go
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
    let answers = match effect {
        Effect::Save(job) => match app.persist.as_mut() {
            Some(p) => vec![Action::Saved(p.store.run_job(job))],
            None => Vec::new(),
        },
        Effect::Copy(_) | Effect::StopSearch | Effect::Suspend => Vec::new(),
        Effect::Search(job) => {
            let mut batches = Vec::new();
            let index = app.index.ready().cloned();
            let never = AtomicBool::new(false);
            let lib = &*app.archive;
            find::run(lib, index.as_deref(), &job.query, &never, &mut |b| {
                batches.push(Action::Found(job.generation, b));
            });
            batches
        }
        Effect::BuildIndex { path, .. } => {
            vec![Action::IndexDone(build_index(&*app.archive, &path))]
        }
        Effect::LoadArticle(job) => vec![load_article(job)],
        Effect::LoadSnippets(job) => vec![load_snippets(job)],
        Effect::CheckMarks(job) => vec![check_marks(job)],
        Effect::Reload(job) => vec![reload(job)],
        Effect::IndexTitles(library) => vec![index_titles(&library)],
        Effect::Release(library) => {
            drop(library);
            Vec::new()
        }
    };
    answers.into_iter().flat_map(|a| app.update(a)).collect()
}

/// `update` then [`run_inline`]: one action with all its consequences.
pub fn update_inline(app: &mut App, action: Action) -> Vec<String> {
    let effects = app.update(action);
    run_inline(app, effects)
}
