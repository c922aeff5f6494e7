//! What performs the app's effects in the run loop: saves on the save
//! worker, searches and index builds on the search threads, reads of the
//! archive (article bodies, snippets, bookmark checks, reloads) on
//! threads of their own whose answers come back as `Event::Done`, and
//! clipboard sequences on the terminal.

use std::collections::VecDeque;
use std::io::Write;
use std::sync::mpsc::Sender;

use super::{SaveWorker, clipboard, find};
use crate::app::effect::ArticleLoaded;
use crate::app::{Action, App, Effect, Event};
use crate::model::ArticleError;
use crate::work;
use std::panic::AssertUnwindSafe;

/// What performs the app's effects.
pub(super) struct Runtime<'a> {
    /// Saves run here; without one (no store) they run in place.
    pub(super) worker: Option<SaveWorker>,
    /// Searches and index builds run here; without one (scripted events,
    /// no way to wake the loop) they run in place.
    pub(super) searcher: Option<find::Searcher>,
    /// Reads of the archive (bodies, snippets, bookmarks, reloads) run on
    /// threads that answer here; without it (scripted events) in place.
    pub(super) reads: Option<Sender<Event>>,
    /// Who reads the archive again on `R` and builds its index, if not
    /// this session (a server's sessions share one of each).
    pub(super) shared: super::Shared,
    /// The terminal, for clipboard sequences.
    pub(super) out: &'a mut dyn Write,
    /// The process was stopped and continued since the loop last looked:
    /// the terminal must be drawn again whole.
    pub(super) suspended: bool,
}

impl Runtime<'_> {
    pub(super) fn perform(&mut self, app: &mut App, effects: Vec<Effect>) -> std::io::Result<()> {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Copy(text) => clipboard::send(self.out, &text)?,
                Effect::Save(job) if self.worker.is_some() => {
                    if let Some(w) = self.worker.as_mut() {
                        w.submit(job);
                    }
                }
                Effect::Search(job) if self.searcher.is_some() => {
                    if let Some(s) = self.searcher.as_mut() {
                        s.search(app, job);
                    }
                }
                Effect::StopSearch => {
                    if let Some(s) = self.searcher.as_mut() {
                        s.stop();
                    }
                }
                Effect::BuildIndex { path, damaged } if self.shared.index_builder.is_some() => {
                    if let Some(build) = &self.shared.index_builder {
                        let library = app.archive.clone();
                        build(super::IndexJob {
                            library,
                            path,
                            damaged,
                        });
                    }
                }
                Effect::BuildIndex { path, .. } if self.searcher.is_some() => {
                    if let Some(s) = self.searcher.as_mut() {
                        s.build(app, path);
                    }
                }
                Effect::LoadArticle(job) if self.reads.is_some() => {
                    // Input waits for this answer: it must come, even if
                    // reading panicked.
                    let (seq, article) = (job.seq, job.article);
                    let failed = Action::ArticleLoaded(ArticleLoaded {
                        seq,
                        article,
                        doc: Err(ArticleError::NoSuch(article)),
                    });
                    self.read(move || {
                        let read = AssertUnwindSafe(move || work::load_article(job));
                        std::panic::catch_unwind(read).unwrap_or(failed)
                    });
                }
                Effect::LoadSnippets(job) if self.reads.is_some() => {
                    self.read(move || work::load_snippets(job));
                }
                Effect::CheckMarks(job) if self.reads.is_some() => {
                    self.read(move || work::check_marks(job));
                }
                Effect::Reload(job) if asked_of(&job) && self.shared.reloader.is_some() => {
                    if let Some(reload) = &self.shared.reloader {
                        reload(job);
                    }
                }
                Effect::Reload(job) if self.reads.is_some() => {
                    self.read(move || work::reload(job));
                }
                Effect::IndexTitles(library) if self.reads.is_some() => {
                    self.read(move || work::index_titles(&library));
                }
                Effect::Release(library) => {
                    std::thread::spawn(move || drop(library));
                }
                Effect::Suspend => {
                    if let Some(suspend) = &self.shared.suspend {
                        suspend();
                        self.suspended = true;
                    }
                }
                effect => queue.extend(work::perform_inline(app, effect)),
            }
        }
        Ok(())
    }

    /// Runs `read` on a thread of its own; its answer comes back as an
    /// event (`Event::Done`), so the loop keeps answering keys meanwhile.
    fn read(&self, read: impl FnOnce() -> Action + Send + 'static) {
        if let Some(tx) = self.reads.clone() {
            std::thread::spawn(move || {
                let _ = tx.send(Event::Done(read()));
            });
        }
    }

    /// Hands the outcomes that arrived to the app.
    pub(super) fn collect(&mut self, app: &mut App, wait: bool) -> std::io::Result<bool> {
        let outcomes = match self.worker.as_mut() {
            Some(w) if wait => w.wait(),
            Some(w) => w.poll(),
            None => Vec::new(),
        };
        let any = !outcomes.is_empty();
        for o in outcomes {
            let effects = app.update(Action::Saved(o));
            self.perform(app, effects)?;
        }
        Ok(any)
    }
}

/// A reading of the archive's file asked for (`R`), not the documents of
/// a reading in hand.
fn asked_of(job: &crate::app::effect::ReloadJob) -> bool {
    matches!(job.what, crate::app::effect::ReloadWhat::Source(_))
}
