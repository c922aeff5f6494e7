//! Listening: the accept loop (a place per connection within the
//! limits), the SSH configuration, one connection's life (authenticated in
//! time, or closed), the idle sweep, and the one watcher of the archive.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;

use super::conn::Conn;
use super::{Admitted, Server, Setup, Who};
use crate::app::ArchiveSource;
use russh::{MethodKind, MethodSet};

/// A server listening: its address, the server, and how to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub server: Arc<Server>,
    /// The one watcher of each archive (dropped: they stop).
    _watch: Vec<crate::watch::Watch>,
    stop: Arc<Notify>,
    task: tokio::task::JoinHandle<()>,
}

impl Running {
    /// Stops listening, ends every session (their state saved) and waits
    /// for them.
    pub async fn stop(self) {
        self.stop.notify_one();
        let _ = self.task.await;
        self.server.close_all(Duration::from_secs(10)).await;
    }
}

/// Listens on `addr` (port 0: any free one) and serves connections until
/// stopped; an idle sweep runs every few seconds.
pub async fn start(setup: Setup, addr: SocketAddr) -> std::io::Result<Running> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let server = Server::new(setup);
    let config = Arc::new(config(&server));
    let stop = Arc::new(Notify::new());
    let task = tokio::spawn(listen(listener, server.clone(), config, stop.clone()));
    let watch = (server.setup.archives.iter().enumerate())
        .filter_map(|(i, a)| follow(&server, i, a.source.as_ref()?))
        .collect();
    let sweeper = Arc::downgrade(&server);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(5));
        loop {
            tick.tick().await;
            match sweeper.upgrade() {
                Some(s) if !s.stopping() => s.sweep(Instant::now()),
                _ => return,
            }
        }
    });
    Ok(Running {
        addr,
        server,
        _watch: watch,
        stop,
        task,
    })
}

/// One watcher of archive `i` for every session: its readings go to all
/// of those reading it.
fn follow(server: &Arc<Server>, i: usize, source: &ArchiveSource) -> Option<crate::watch::Watch> {
    let (tx, rx) = std::sync::mpsc::channel();
    let watch = crate::watch::start(source, tx)?;
    let server = Arc::downgrade(server);
    std::thread::spawn(move || {
        for event in rx {
            match server.upgrade() {
                Some(s) => s.reloaded(i, event),
                None => return,
            }
        }
    });
    Some(watch)
}

async fn listen(
    listener: TcpListener,
    server: Arc<Server>,
    config: Arc<russh::server::Config>,
    stop: Arc<Notify>,
) {
    loop {
        let (socket, peer) = tokio::select! {
            _ = stop.notified() => return,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                // Out of descriptors, say: wait a little, go on.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let Some(admitted) = server.admit(peer.ip()) else {
            server.setup.log.event(
                Some(peer),
                &[
                    ("event", "connect"),
                    ("result", "refused: too many connections"),
                ],
            );
            drop(socket);
            continue;
        };
        let _ = socket.set_nodelay(true);
        tokio::spawn(serve(
            server.clone(),
            config.clone(),
            socket,
            peer,
            admitted,
        ));
    }
}

/// The SSH configuration: the host key, public keys only (and `none` for
/// anonymous servers), refusals taking a constant time, few attempts.
pub fn config(server: &Server) -> russh::server::Config {
    let limits = server.limits();
    let mut methods = MethodSet::empty();
    if matches!(server.setup.who, Who::Anonymous) {
        methods.push(MethodKind::None);
    }
    methods.push(MethodKind::PublicKey);
    russh::server::Config {
        server_id: russh::SshId::Standard("SSH-2.0-bulletin".into()),
        methods,
        auth_rejection_time: limits.auth_rejection,
        auth_rejection_time_initial: Some(Duration::ZERO),
        keys: vec![server.setup.host_key.clone()],
        max_auth_attempts: 6,
        inactivity_timeout: limits.idle_timeout.map(|d| d + Duration::from_secs(120)),
        keepalive_interval: Some(Duration::from_secs(60)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    }
}

/// Runs one connection to its end (or until it fails to authenticate in
/// time), then gives its place back.
pub async fn serve(
    server: Arc<Server>,
    config: Arc<russh::server::Config>,
    socket: TcpStream,
    peer: SocketAddr,
    admitted: Admitted,
) {
    let started = Instant::now();
    let authed = Arc::new(AtomicBool::new(false));
    let conn = Conn::new(server.clone(), peer, authed.clone());
    let timeout = server.limits().auth_timeout;
    let log = |result: &str| {
        let secs = format!("{:.1}", started.elapsed().as_secs_f64());
        let fields = [
            ("event", "disconnect"),
            ("result", result),
            ("duration", &secs),
        ];
        server.setup.log.event(Some(peer), &fields);
    };
    let mut session = match tokio::time::timeout(
        timeout,
        russh::server::run_stream(config, socket, conn),
    )
    .await
    {
        Ok(Ok(s)) => s,
        Ok(Err(e)) => return log(&format!("handshake failed: {e}")),
        Err(_) => return log("no handshake in time"),
    };
    let handle = session.handle();
    let deadline = async {
        tokio::time::sleep(timeout).await;
        if authed.load(Ordering::SeqCst) {
            std::future::pending::<()>().await;
        }
    };
    tokio::select! {
        ended = &mut session => match ended {
            Ok(()) => log("closed"),
            Err(e) => log(&format!("error: {e}")),
        },
        _ = deadline => {
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, "authentication timed out".into(), "".into())
                .await;
            log("authentication timed out");
        }
        // After every reader has had its exit status: what was queued
        // is sent before the connection goes.
        _ = server.disconnecting() => {
            let _ = handle
                .disconnect(russh::Disconnect::ByApplication, "server shutting down".into(), "".into())
                .await;
            let _ = tokio::time::timeout(Duration::from_secs(2), session).await;
            log("closed: server stopping");
        }
    }
    drop(admitted);
}
