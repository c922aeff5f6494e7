//! `bulletin serve`: the archive over SSH (issue 24). One loaded
//! [`Library`] serves every connection; each reader session is an `App`
//! over it, run by `term::session` on a thread of its own, its input fed
//! from the channel and its frames sent back through an [`outbox`] that
//! never grows without bound. SSH itself is russh's.
//!
//! - `mod.rs`: the server (its setup, the listening loop, limits, idle
//!   sessions, stopping)
//! - `listen`: the accept loop, the SSH configuration, a connection's
//!   life, the idle sweep, the one watcher
//! - `conn`: one connection: authentication and the channel requests
//! - `reader`: a reader session on a channel
//! - `outlet`: a channel's output otherwise (commands, refusals)
//! - `exec`: the commands a client may run
//! - `archives`: what is served, each archive by its name
//! - `choose`: the chooser a reader opens on when several are served
//! - `reload`: `R` in a reader: the archive read again for everyone
//! - `index`: an archive's search index, built once for everyone
//! - `keys`, `log`, `outbox`

pub mod archives;
mod choose;
mod conn;
pub mod exec;
mod index;
pub mod keys;
mod limits;
mod listen;
pub mod log;
pub mod outbox;
mod outlet;
mod reader;
mod reload;
mod run;

use std::collections::HashMap;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use russh::keys::PrivateKey;
use tokio::sync::Notify;

use crate::app::{Action, Event};
use crate::lang::Lang;
use crate::term::Feed;
pub use archives::Archive;
pub use limits::Limits;
pub use listen::{Running, start};
pub use run::run;

/// How long before closing an idle session the reader is told.
pub const IDLE_NOTICE: Duration = Duration::from_secs(60);

/// Who may connect.
#[derive(Debug, Clone)]
pub enum Who {
    /// Keys of an `authorized_keys` file, each naming its reader.
    Keys(Vec<keys::Allowed>),
    /// Anyone; state lasts for the session only.
    Anonymous,
}

/// Everything a server is made of.
pub struct Setup {
    /// What is served (at least one archive), each by its name.
    pub archives: Vec<Archive>,
    pub who: Who,
    pub host_key: PrivateKey,
    /// Where each reader's bookmarks and positions are kept (one directory
    /// per key fingerprint); `None`: kept for the session only.
    pub readers_dir: Option<PathBuf>,
    /// Where an anonymous session keeps its state while it lasts (a
    /// directory of its own, deleted when it ends).
    pub scratch_dir: PathBuf,
    pub limits: Limits,
    pub log: log::Log,
}

/// Why a reader session ended, to tell the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closing {
    Idle,
    Stopping,
}

/// A reader session running: what the server needs to reach it.
struct Live {
    feed: Feed,
    outbox: Arc<outbox::Outbox>,
    last: Instant,
    warned: bool,
    lang: Lang,
    closing: Option<Closing>,
    /// Which archive it reads (its place in [`Setup::archives`]).
    archive: usize,
}

/// A running server, shared by its connections.
pub struct Server {
    pub setup: Setup,
    /// The archives as last read, with their indexes: what a new session
    /// opens and a command runs on.
    current: Mutex<Vec<Archive>>,
    /// `R` pressed: the readings asked for and running.
    reloads: reload::Reloads,
    /// Search indexes being built, and who waits for them.
    builds: index::Builds,
    conns: Mutex<Conns>,
    live: Mutex<HashMap<u64, Live>>,
    next: AtomicU64,
    stopping: AtomicBool,
    /// Sessions or connections ended.
    changed: Notify,
    /// Set once every reader session has ended on stopping: connections
    /// are then closed.
    disconnect: tokio::sync::watch::Sender<bool>,
}

#[derive(Default)]
struct Conns {
    total: usize,
    by_addr: HashMap<IpAddr, usize>,
}

impl Server {
    pub fn new(setup: Setup) -> Arc<Server> {
        let current = Mutex::new(setup.archives.clone());
        Arc::new(Server {
            setup,
            current,
            reloads: reload::Reloads::default(),
            builds: index::Builds::default(),
            conns: Mutex::default(),
            live: Mutex::default(),
            next: AtomicU64::new(1),
            stopping: AtomicBool::new(false),
            changed: Notify::new(),
            disconnect: tokio::sync::watch::Sender::new(false),
        })
    }

    pub fn limits(&self) -> &Limits {
        &self.setup.limits
    }

    /// Takes a place for a connection from `ip`, if within the limits; it
    /// is given back when the [`Admitted`] is dropped.
    fn admit(self: &Arc<Server>, ip: IpAddr) -> Option<Admitted> {
        let mut c = self.conns.lock().unwrap_or_else(|p| p.into_inner());
        let here = c.by_addr.get(&ip).copied().unwrap_or(0);
        let limits = self.limits();
        if c.total >= limits.max_sessions || here >= limits.max_per_address {
            return None;
        }
        c.total += 1;
        c.by_addr.insert(ip, here + 1);
        Some(Admitted {
            server: self.clone(),
            ip,
        })
    }

    /// Connections open now.
    pub fn connections(&self) -> usize {
        self.conns.lock().map(|c| c.total).unwrap_or(0)
    }

    /// Reader sessions running now.
    pub fn sessions(&self) -> usize {
        self.live.lock().map(|l| l.len()).unwrap_or(0)
    }

    fn add_live(&self, feed: Feed, outbox: Arc<outbox::Outbox>, lang: Lang, archive: usize) -> u64 {
        let id = self.next.fetch_add(1, Ordering::SeqCst);
        let live = Live {
            feed,
            outbox,
            last: Instant::now(),
            warned: false,
            lang,
            closing: None,
            archive,
        };
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(id, live);
        id
    }

    /// Why the server ends session `id`, if it does.
    fn closing_of(&self, id: u64) -> Option<Closing> {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.get(&id).and_then(|l| l.closing)
    }

    /// The session ended, its channel closed.
    fn remove_live(&self, id: u64) {
        (self.live.lock().unwrap_or_else(|p| p.into_inner())).remove(&id);
        self.changed.notify_waiters();
    }

    /// Every archive as last read: what a command runs on.
    pub fn archives(&self) -> Vec<Archive> {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        current.iter_mut().for_each(Archive::refresh_index);
        current.clone()
    }

    /// Archive `i` as last read: what a new session opens.
    fn current(&self, i: usize) -> Archive {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        current[i].refresh_index();
        current[i].clone()
    }

    /// Archive `i`'s index was built: what new sessions open and
    /// commands search with, if it is of the version in hand.
    fn index_built(&self, i: usize, h: &crate::app::IndexHandle) {
        let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
        if h.0.stamp() == current[i].library.fingerprint().content {
            current[i].index = crate::app::IndexState::Ready(h.clone());
        }
    }

    /// A new reading of archive `i` (from its watcher, or asked for with
    /// `R`): kept for new sessions and handed to every running one on
    /// it, which takes it keeping its place as a local reader does.
    fn reloaded(&self, i: usize, event: Event) {
        if let Event::Done(Action::Reloaded(crate::app::Reloaded(Ok(fresh)))) = &event {
            let mut current = self.current.lock().unwrap_or_else(|p| p.into_inner());
            current[i].library = fresh.library.clone();
            current[i].index = fresh.index.clone();
        }
        let ok = matches!(&event, Event::Done(Action::Reloaded(r)) if r.0.is_ok());
        let result = if ok { "read again" } else { "unreadable" };
        let name = self.setup.archives[i].name.as_str();
        self.setup.log.event(
            None,
            &[("event", "archive"), ("result", result), ("archive", name)],
        );
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        for l in live.values().filter(|l| l.archive == i) {
            l.feed.event(event.clone());
        }
    }

    /// Bytes of frames waiting for their clients, and frames dropped
    /// (coalesced) so far, over every reader session.
    pub fn buffered(&self) -> (usize, u64) {
        let live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let waiting = live.values().map(|l| l.outbox.waiting()).sum();
        let dropped = live.values().map(|l| l.outbox.counts().1).sum();
        (waiting, dropped)
    }

    /// An event for reader session `id`, if it still runs.
    fn tell(&self, id: u64, event: Event) {
        if let Some(l) = self.live.lock().unwrap_or_else(|p| p.into_inner()).get(&id) {
            l.feed.event(event);
        }
    }

    /// The reader typed something.
    fn touch(&self, id: u64) {
        if let Some(l) = self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get_mut(&id)
        {
            l.last = Instant::now();
            l.warned = false;
        }
    }

    /// Tells sessions about to be closed for idleness, and closes those
    /// idle for the whole timeout, as of `now` (the clock is passed in:
    /// tests move it on).
    pub fn sweep(&self, now: Instant) {
        let Some(idle) = self.limits().idle_timeout else {
            return;
        };
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        for l in live.values_mut().filter(|l| l.closing.is_none()) {
            let quiet = now.saturating_duration_since(l.last);
            if quiet >= idle {
                l.closing = Some(Closing::Idle);
                l.feed.close();
            } else if quiet + IDLE_NOTICE >= idle && !l.warned {
                l.warned = true;
                let text = idle_notice(l.lang, idle - quiet);
                l.feed.event(Event::Done(Action::Notice(text)));
            }
        }
    }

    /// Ends every reader session (each saves its state, then its channel
    /// is closed with its exit status) and waits for them, then for the
    /// clients to close their connections (`clients_leave`), then
    /// closes the others and waits for them; at most `wait` each.
    pub async fn close_all(&self, wait: Duration) {
        self.stopping.store(true, Ordering::SeqCst);
        for l in self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .values_mut()
        {
            l.closing = Some(Closing::Stopping);
            l.feed.close();
        }
        self.wait_until(wait, || self.sessions() == 0).await;
        // Clients close a connection once its last channel is closed;
        // the others are then disconnected.
        let leave = self.limits().clients_leave;
        self.wait_until(leave, || self.connections() == 0).await;
        self.disconnect.send_replace(true);
        self.wait_until(wait, || self.connections() == 0).await;
    }

    /// Waits until `done` holds (checked when sessions or connections
    /// end), at most `wait`.
    async fn wait_until(&self, wait: Duration, done: impl Fn() -> bool) {
        let _ = tokio::time::timeout(wait, async {
            loop {
                let changed = self.changed.notified();
                if done() {
                    return;
                }
                changed.await;
            }
        })
        .await;
    }

    /// Resolves once connections are to be closed (the server stopping).
    async fn disconnecting(&self) {
        let _ = self.disconnect.subscribe().wait_for(|d| *d).await;
    }

    pub fn stopping(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }
}

fn idle_notice(lang: Lang, left: Duration) -> String {
    let secs = left.as_secs().max(1);
    lang.pick(
        format!("{secs} 秒内不按键，本次连接将关闭。"),
        format!("No key for a while: this session closes in {secs} s unless a key is pressed."),
    )
}

/// A place taken by a connection.
struct Admitted {
    server: Arc<Server>,
    ip: IpAddr,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        let mut c = self.server.conns.lock().unwrap_or_else(|p| p.into_inner());
        c.total = c.total.saturating_sub(1);
        if let Some(n) = c.by_addr.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                c.by_addr.remove(&self.ip);
            }
        }
        drop(c);
        self.server.changed.notify_waiters();
    }
}
