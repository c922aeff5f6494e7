//! The archive search's threads: one search at a time (a new one cancels
//! the one in flight) and the index builder. Their results come back to
//! the run loop as events carrying the action to apply.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;

use crate::app::effect::SearchJob;
use crate::app::{Action, App, Event};
use crate::find;
use crate::work::build_index_with;

pub struct Searcher {
    waker: Sender<Event>,
    search: Option<Arc<AtomicBool>>,
    build: Option<Arc<AtomicBool>>,
}

impl Searcher {
    pub fn new(waker: Sender<Event>) -> Searcher {
        Searcher {
            waker,
            search: None,
            build: None,
        }
    }

    /// Starts `job`, cancelling the search in flight.
    pub fn search(&mut self, app: &App, job: SearchJob) {
        self.stop();
        let cancel = Arc::new(AtomicBool::new(false));
        self.search = Some(cancel.clone());
        let (lib, index, tx) = (
            app.archive.clone(),
            app.index.ready().cloned(),
            self.waker.clone(),
        );
        std::thread::spawn(move || {
            find::run(&*lib, index.as_deref(), &job.query, &cancel, &mut |b| {
                let _ = tx.send(Event::Done(Action::Found(job.generation, b)));
            });
        });
    }

    pub fn stop(&mut self) {
        if let Some(c) = self.search.take() {
            c.store(true, Ordering::Relaxed);
        }
    }

    /// Builds the index of the app's archive into `path` in the background.
    pub fn build(&mut self, app: &App, path: PathBuf) {
        let cancel = Arc::new(AtomicBool::new(false));
        self.build = Some(cancel.clone());
        let (lib, tx) = (app.archive.clone(), self.waker.clone());
        std::thread::spawn(move || {
            let progress = tx.clone();
            let mut report = |done, all| {
                let _ = progress.send(Event::Done(Action::IndexProgress(done, all)));
            };
            let result = build_index_with(&*lib, &path, &cancel, &mut report);
            let _ = tx.send(Event::Done(Action::IndexDone(result)));
        });
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        self.stop();
        if let Some(c) = self.build.take() {
            c.store(true, Ordering::Relaxed);
        }
    }
}
