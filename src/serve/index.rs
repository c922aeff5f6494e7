//! A served archive's search index, built once however many ask. A
//! local reader builds its index itself the first time it searches; a
//! server's sessions and commands share one loaded archive, so they ask
//! the server ([`crate::term::IndexBuilder`] for a reader, [`Server::index_for`]
//! for a `search` command). The first to ask of an archive whose index is
//! missing starts its build; those asking while it runs wait for it (a
//! reader shows the build's progress and keeps answering keys, a command
//! waits), and every one of them gets its outcome. A built index becomes
//! what new sessions open and commands search with; one asked for once
//! it is built is answered at once.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Sender, channel};
use std::sync::{Arc, Mutex, Weak};

use super::{Archive, Server};
use crate::app::{Action, Event, IndexHandle, IndexState};
use crate::find::FoldIndex;
use crate::model::Library;
use crate::term::{IndexBuilder, IndexJob};
use crate::work;

/// What a build's outcome is: the index opened, or why there is none.
pub type Built = Result<IndexHandle, String>;

/// Who waits for a build.
enum Waiter {
    /// A reader session (by its id), told by events.
    Session(u64),
    /// A command, told on its channel.
    Command(Sender<Built>),
}

/// What asking for an archive's index came to.
enum Joined {
    /// It is ready: the waiter is answered at once.
    Ready(IndexHandle, Waiter),
    /// A build starts, for this waiter and those who join it.
    Starts,
    /// The waiter waits for the build running.
    Waits,
}

/// The builds running, by archive, with who waits for each; and how many
/// were started.
#[derive(Default)]
pub struct Builds {
    waiting: Mutex<HashMap<usize, Vec<Waiter>>>,
    started: AtomicUsize,
}

impl Builds {
    /// Adds `waiter` to archive `i`'s build if one runs; else answers
    /// it with the index `ready` finds, or else it is the first waiter of
    /// a build the caller starts. (One look under the lock: no build can
    /// start and end between the two.)
    fn join(
        &self,
        i: usize,
        waiter: Waiter,
        ready: impl FnOnce() -> Option<IndexHandle>,
    ) -> Joined {
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(others) = waiting.get_mut(&i) {
            others.push(waiter);
            return Joined::Waits;
        }
        if let Some(h) = ready() {
            return Joined::Ready(h, waiter);
        }
        waiting.insert(i, vec![waiter]);
        self.started.fetch_add(1, Ordering::SeqCst);
        Joined::Starts
    }

    /// Archive `i`'s build ended: who waited for it (none run any more).
    fn finish(&self, i: usize) -> Vec<Waiter> {
        let mut waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        waiting.remove(&i).unwrap_or_default()
    }

    /// The reader sessions waiting for archive `i`'s build.
    fn sessions(&self, i: usize) -> Vec<u64> {
        let waiting = self.waiting.lock().unwrap_or_else(|p| p.into_inner());
        let all = waiting.get(&i).map(Vec::as_slice).unwrap_or_default();
        (all.iter())
            .filter_map(|w| match w {
                Waiter::Session(id) => Some(*id),
                Waiter::Command(_) => None,
            })
            .collect()
    }

    /// How many builds were started since the server started.
    pub fn started(&self) -> usize {
        self.started.load(Ordering::SeqCst)
    }
}

/// What reader session `id` on archive `i` calls when its search needs
/// the index. (It holds neither the server nor the session's feed: the
/// session must not keep itself alive.)
pub fn builder(server: &Arc<Server>, i: usize, id: u64) -> IndexBuilder {
    let server = Arc::downgrade(server);
    Arc::new(move |job| {
        if let Some(s) = server.upgrade() {
            ask(&s, i, job, Waiter::Session(id));
        }
    })
}

impl Server {
    /// The index a `search` command on archive `a` uses: the one ready,
    /// or the one built for it (waiting for the build running, or
    /// starting one); `None` when the archive has none or it cannot be
    /// built (the command then searches article by article).
    pub fn index_for(self: &Arc<Server>, a: &Archive) -> Option<Arc<FoldIndex>> {
        let path = match &a.index {
            IndexState::Ready(h) => return Some(h.0.clone()),
            IndexState::Missing { path } => path.clone(),
            _ => return None,
        };
        let i = super::archives::find(&self.setup.archives, &a.name)?;
        let (tx, rx) = channel();
        let job = IndexJob {
            library: a.library.clone(),
            path,
            damaged: None,
        };
        ask(self, i, job, Waiter::Command(tx));
        rx.recv().ok()?.ok().map(|h| h.0)
    }

    /// How many index builds the server has started.
    pub fn index_builds(&self) -> usize {
        self.builds.started()
    }
}

/// `waiter` wants the index `job` says (of archive `i`): it waits for
/// the build running, is answered at once if the index is ready (and is
/// not the one it found damaged), or a build starts.
fn ask(server: &Arc<Server>, i: usize, job: IndexJob, waiter: Waiter) {
    let IndexJob {
        library,
        path,
        damaged,
    } = job;
    let stamp = library.fingerprint().content;
    let ready = || match server.current(i).index {
        IndexState::Ready(h) if h.0.stamp() == stamp && Some(&h) != damaged.as_ref() => Some(h),
        _ => None,
    };
    match server.builds.join(i, waiter, ready) {
        Joined::Ready(h, waiter) => answer(server, vec![waiter], &Ok(h)),
        Joined::Starts => {
            let server = Arc::downgrade(server);
            std::thread::spawn(move || build(&server, i, &library, &path));
        }
        Joined::Waits => {}
    }
}

/// Builds archive `i`'s index, telling the sessions waiting how far it
/// is, then answers everyone who waits. Given up if the server goes.
fn build(server: &Weak<Server>, i: usize, library: &Library, path: &std::path::Path) {
    let cancel = AtomicBool::new(false);
    let mut progress = |done, all| match server.upgrade() {
        Some(s) if !s.stopping() => {
            for id in s.builds.sessions(i) {
                s.tell(id, Event::Done(Action::IndexProgress(done, all)));
            }
        }
        _ => cancel.store(true, Ordering::Relaxed),
    };
    let built = work::build_index_with(library, path, &cancel, &mut progress);
    let Some(server) = server.upgrade() else {
        return;
    };
    if let Ok(h) = &built {
        server.index_built(i, h);
    }
    let name = server.setup.archives[i].name.as_str();
    let result = match &built {
        Ok(_) => "built".to_string(),
        Err(e) => format!("not built: {e}"),
    };
    let fields = [("event", "index"), ("result", &result), ("archive", name)];
    server.setup.log.event(None, &fields);
    let waiters = server.builds.finish(i);
    answer(&server, waiters, &built);
}

fn answer(server: &Server, waiters: Vec<Waiter>, built: &Built) {
    for w in waiters {
        match w {
            Waiter::Session(id) => server.tell(id, Event::Done(Action::IndexDone(built.clone()))),
            Waiter::Command(tx) => drop(tx.send(built.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_build_runs_per_archive_and_answers_all_who_waited() {
        let builds = Builds::default();
        let join = |i, w| builds.join(i, w, || None);
        assert!(matches!(join(0, Waiter::Session(1)), Joined::Starts));
        assert!(matches!(join(0, Waiter::Session(2)), Joined::Waits));
        let (tx, _rx) = channel();
        assert!(matches!(join(0, Waiter::Command(tx)), Joined::Waits));
        assert!(matches!(join(1, Waiter::Session(3)), Joined::Starts));
        assert_eq!(builds.sessions(0), [1, 2]);
        assert_eq!(builds.finish(0).len(), 3);
        assert!(builds.sessions(0).is_empty());
        // Asked again once it ended: a build of its own, unless the
        // index is ready by then.
        assert!(matches!(join(0, Waiter::Session(4)), Joined::Starts));
        builds.finish(0);
        let lib = crate::model::Library::from(crate::model::load_sample().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let h = work::build_index(&lib, &path).unwrap();
        let ready = builds.join(0, Waiter::Session(5), || Some(h));
        assert!(matches!(ready, Joined::Ready(_, Waiter::Session(5))));
        assert_eq!(builds.started(), 3);
    }
}
