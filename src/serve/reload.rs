//! `R` in a served reader: the archive read again, once for every
//! session. A local reader reads its file itself; a server's sessions
//! share one loaded archive and one watcher, so `R` asks the server
//! ([`crate::term::Reloader`]). The server reads the file once however
//! many ask meanwhile (those asking while a reading runs get that
//! reading), then:
//!
//! - a new version (its content differs from the one served) goes to
//!   every session on the archive, as the watcher's readings do, and
//!   becomes what new sessions open and commands run on;
//! - the same version goes back to those who asked only: their reader
//!   says it was read again and stays where it was;
//! - a file that cannot be read is said to those who asked only; the
//!   others keep reading the version in hand.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use super::Server;
use crate::app::effect::{ReloadJob, ReloadWhat};
use crate::app::{Action, Event, Fresh, Reloaded};
use crate::model::group_items;
use crate::term::Reloader;
use crate::work;

/// The sessions waiting for a reading, by archive; an archive with an
/// entry has a reading running.
#[derive(Default)]
pub struct Reloads(Mutex<HashMap<usize, Vec<(u64, ReloadJob)>>>);

/// What reader session `id` on archive `i` calls on `R`. (It holds
/// neither the server nor the session's feed: the session must not keep
/// itself alive.)
pub fn reloader(server: &Arc<Server>, i: usize, id: u64) -> Reloader {
    let server = Arc::downgrade(server);
    Arc::new(move |job| ask(&server, i, id, job))
}

fn ask(server: &Weak<Server>, i: usize, id: u64, job: ReloadJob) {
    let Some(s) = server.upgrade() else {
        return;
    };
    let mut waiting = s.reloads.0.lock().unwrap_or_else(|p| p.into_inner());
    let running = waiting.contains_key(&i);
    waiting.entry(i).or_default().push((id, job));
    if running {
        return;
    }
    let server = server.clone();
    std::thread::spawn(move || {
        if let Some(s) = server.upgrade() {
            read(&s, i);
        }
    });
}

/// Reads archive `i` again and answers every session that asked.
fn read(server: &Server, i: usize) {
    let reading = (server.setup.archives[i].source.as_ref()).map(work::read_again);
    let asked = (server.reloads.0.lock().unwrap_or_else(|p| p.into_inner()))
        .remove(&i)
        .unwrap_or_default();
    let Some(reading) = reading else {
        return;
    };
    let current = server.current(i);
    match reading.0 {
        Ok(fresh) if fresh.library.fingerprint() != current.library.fingerprint() => {
            server.reloaded(i, Event::Done(Action::Reloaded(Reloaded(Ok(fresh)))));
        }
        Ok(_) => {
            let name = current.name.as_str();
            let fields = [
                ("event", "archive"),
                ("result", "unchanged"),
                ("archive", name),
            ];
            server.setup.log.event(None, &fields);
            let groups = Some(group_items(&current.library.articles));
            for (id, job) in asked {
                let same = Fresh {
                    library: current.library.clone(),
                    index: current.index.clone(),
                    docs: HashMap::new(),
                    seq: None,
                    groups: groups.clone(),
                    changes: None,
                };
                let what = ReloadWhat::Reading(Box::new(same));
                server.tell(id, Event::Done(work::reload(ReloadJob { what, ..job })));
            }
        }
        Err(e) => {
            for (id, _) in asked {
                let failed = Reloaded(Err(e.clone()));
                server.tell(id, Event::Done(Action::Reloaded(failed)));
            }
        }
    }
}
