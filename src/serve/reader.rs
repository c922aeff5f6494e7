//! A session channel's work: the reader (with a pty), a command (exec),
//! or the line that says to connect with `ssh -t`. The reader runs on a
//! thread of its own (`term::session::run`); a task sends its frames as
//! the client's window allows (`outbox`).

use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use russh::ChannelWriteHalf;
use russh::server::Msg;
use tokio::sync::watch;

use super::conn::{Conn, Reader};
use super::outbox::{FrameWriter, Next, Outbox};
use super::{Closing, Server, Who, exec};
use crate::app::effect::update_inline;
use crate::app::{Action, App};
use crate::cli::{ReaderArgs, settings_from};
use crate::config::{Config, Language};
use crate::lang::Lang;
use crate::term::{self, Feed, Session, backend::Choice};

/// The pty a client asked for: its terminal type and size.
#[derive(Debug, Clone)]
pub struct Pty {
    pub term: String,
    pub cols: u16,
    pub rows: u16,
}

impl Pty {
    pub fn new(term: &str, cols: u32, rows: u32, max: (u16, u16)) -> Pty {
        let (cols, rows) = clamp(cols, rows, max);
        let term: String = crate::text::sanitize_line(term).chars().take(64).collect();
        Pty { term, cols, rows }
    }
}

/// A window size within `max` (0 is taken as 80x24's part: a client that
/// does not say).
pub fn clamp(cols: u32, rows: u32, max: (u16, u16)) -> (u16, u16) {
    let fit = |v: u32, default: u16, max: u16| match v {
        0 => default.min(max),
        v => u16::try_from(v).unwrap_or(u16::MAX).min(max),
    };
    (fit(cols, 80, max.0), fit(rows, 24, max.1))
}

/// The client's locale variables (the only ones taken).
#[derive(Debug, Clone, Default)]
pub struct Env {
    vars: Vec<(String, String)>,
}

impl Env {
    pub const TAKEN: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

    pub fn set(&mut self, name: &str, value: &str) {
        if !Env::TAKEN.contains(&name) || value.len() > 64 {
            return;
        }
        self.vars.retain(|(n, _)| n != name);
        self.vars.push((name.to_string(), value.to_string()));
    }

    pub fn get(&self, name: &str) -> Option<String> {
        let found = self.vars.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.clone())
    }

    pub fn lang(&self) -> Lang {
        Language::Auto.resolve(|k| self.get(k))
    }
}

/// A reader running on a channel, as its connection reaches it.
pub struct Running {
    pub feed: Feed,
    id: u64,
    server: Arc<Server>,
    size: Arc<Mutex<(u16, u16)>>,
}

impl Running {
    /// Bytes the client typed.
    pub fn input(&self, data: &[u8]) {
        self.server.touch(self.id);
        self.feed.bytes(data);
    }

    pub fn resize(&self, w: u16, h: u16) {
        *self.size.lock().unwrap_or_else(|p| p.into_inner()) = (w, h);
        self.feed.resize(w, h);
    }
}

/// The reader's app for this client: the shared library, settings from
/// the client's terminal and locale, the reader's own state store (for an
/// anonymous reader, in a directory deleted when the session ends: the
/// second value).
fn app_for(conn: &Conn, pty: &Pty, env: &Env, reader: &Reader) -> (App, Option<tempfile::TempDir>) {
    let server = &conn.server;
    let vars = |k: &str| match k {
        "TERM" => Some(pty.term.clone()),
        k => env.get(k),
    };
    let (settings, _) = settings_from(&ReaderArgs::default(), None, &Config::default(), vars);
    let lang = settings.lang;
    let (library, index) = server.current();
    let mut app = App::over(library, settings).with_index(index);
    let scratch = match &reader.state_dir {
        Some(_) => None,
        None => tempfile::Builder::new()
            .prefix("bulletin-session-")
            .tempdir_in(&server.setup.scratch_dir)
            .ok(),
    };
    let dir = reader
        .state_dir
        .as_deref()
        .or(scratch.as_ref().map(|t| t.path()));
    let opened = dir.map(crate::store::Store::open);
    let notice = match opened {
        Some(Ok((store, notices))) => {
            app = app.with_store(store);
            let first = notices.first().map(|n| crate::app::i18n::notice(n, lang));
            if scratch.is_some() {
                Some(unsaved_notice(lang))
            } else {
                first
            }
        }
        Some(Err(e)) => {
            conn.log("state", "unreadable", &[("error", &e.to_string())]);
            Some(unsaved_notice(lang))
        }
        None => Some(unsaved_notice(lang)),
    };
    if let Some(n) = notice {
        update_inline(&mut app, Action::Notice(n));
    }
    (app, scratch)
}

fn unsaved_notice(lang: Lang) -> String {
    lang.pick(
        "匿名连接：书签和阅读位置只保留到本次会话结束。",
        "Anonymous: bookmarks and reading positions last until this session ends.",
    )
    .to_string()
}

/// Starts the reader on a channel.
pub fn start(conn: &Conn, write: Arc<Outlet>, pty: Pty, env: Env, reader: Reader) -> Running {
    let server = conn.server.clone();
    let (mut app, scratch) = app_for(conn, &pty, &env, &reader);
    let outbox = Outbox::new();
    let (session, feed) = Session::new(
        Box::new(FrameWriter::new(outbox.clone())),
        pty.cols,
        pty.rows,
    );
    let session = session.with_probe_timeout(server.limits().probe_timeout);
    let id = server.add_live(feed.clone(), outbox.clone(), env.lang());
    let (done_tx, done) = watch::channel(false);
    let thread_outbox = outbox.clone();
    std::thread::spawn(move || {
        let options = term::Options {
            forced: None,
            backend: Choice::named(None),
            exit_after_first_frame: false,
        };
        let _ = term::session::run(&mut app, session, options);
        drop(app);
        drop(scratch);
        thread_outbox.end();
        done_tx.send_replace(true);
    });
    let size = Arc::new(Mutex::new((pty.cols, pty.rows)));
    let pump = Pump {
        outbox,
        write,
        feed: feed.clone(),
        size: size.clone(),
        server: server.clone(),
        id,
        done,
        lang: env.lang(),
        log: (conn.peer, reader),
    };
    tokio::spawn(pump.run());
    Running {
        feed,
        id,
        server,
        size,
    }
}

/// Sends a reader's frames to its channel, then closes it.
struct Pump {
    outbox: Arc<Outbox>,
    write: Arc<Outlet>,
    feed: Feed,
    size: Arc<Mutex<(u16, u16)>>,
    server: Arc<Server>,
    id: u64,
    /// Set once the reader's thread has ended.
    done: watch::Receiver<bool>,
    lang: Lang,
    log: (std::net::SocketAddr, Reader),
}

/// How long a client that does not read may keep a finished session.
const LAST_FRAMES: Duration = Duration::from_secs(5);

impl Pump {
    async fn run(self) {
        let started = std::time::Instant::now();
        let mut result = "ended";
        loop {
            match self.outbox.next().await {
                Next::Send(bytes) => {
                    let mut done = self.done.clone();
                    let give_up = async move {
                        let _ = done.wait_for(|d| *d).await;
                        tokio::time::sleep(LAST_FRAMES).await;
                    };
                    let sent = tokio::select! {
                        sent = self.write.data_bytes(bytes) => sent.is_ok(),
                        _ = give_up => { result = "client stopped reading"; false }
                    };
                    if !sent {
                        self.outbox.close();
                        self.feed.close();
                        break;
                    }
                }
                Next::Redraw => {
                    let (w, h) = *self.size.lock().unwrap_or_else(|p| p.into_inner());
                    self.feed.resize(w, h);
                }
                Next::Done => break,
            }
        }
        let closing = self.server.remove_live(self.id);
        let farewell = match closing {
            Some(Closing::Idle) => Some(self.lang.pick(
                "bulletin: 长时间没有按键，连接已关闭。\r\n",
                "bulletin: closed after a long time without a key.\r\n",
            )),
            Some(Closing::Stopping) => Some(self.lang.pick(
                "bulletin: 服务器正在关闭。\r\n",
                "bulletin: the server is shutting down.\r\n",
            )),
            None => None,
        };
        if let (Some(text), false) = (farewell, self.outbox.counts().1 > 0 && result != "ended") {
            let _ =
                tokio::time::timeout(LAST_FRAMES, self.write.data_bytes(text.as_bytes().to_vec()))
                    .await;
        }
        self.write.finish(0).await;
        let (peer, reader) = &self.log;
        let (sent, dropped) = self.outbox.counts();
        let why = match closing {
            Some(Closing::Idle) => "closed: idle",
            Some(Closing::Stopping) => "closed: server stopping",
            None => result,
        };
        let fields = [
            ("key", reader.fingerprint.as_deref().unwrap_or("-")),
            ("reader", reader.name.as_str()),
            ("event", "shell"),
            ("result", why),
            (
                "duration",
                &format!("{:.1}", started.elapsed().as_secs_f64()),
            ),
            ("bytes", &sent.to_string()),
            ("frames_dropped", &dropped.to_string()),
        ];
        self.server.setup.log.event(Some(*peer), &fields);
    }
}

/// A shell without a pty: one line saying how to connect, exit status 1.
pub fn no_pty(write: Arc<Outlet>, lang: Lang, _: Who) {
    let text = lang.pick(
        "bulletin: 阅读器需要终端，请用 ssh -t 连接（或运行命令：list、show 编号、search 查询、outline 编号）。\r\n",
        "bulletin: the reader needs a terminal: connect with ssh -t (or run a command: list, show ID, search QUERY, outline ID).\r\n",
    );
    tokio::spawn(async move {
        let _ = write.extended_data_bytes(1, text.as_bytes().to_vec()).await;
        write.finish(1).await;
    });
}

/// A channel's writing half, and whether the server has closed it.
pub struct Outlet {
    half: ChannelWriteHalf<Msg>,
    ended: AtomicBool,
}

impl Outlet {
    pub fn new(half: ChannelWriteHalf<Msg>) -> Outlet {
        Outlet {
            half,
            ended: AtomicBool::new(false),
        }
    }

    /// The exit status, the end of the output, and the channel closed.
    pub async fn finish(&self, status: u8) {
        let _ = self.half.exit_status(u32::from(status)).await;
        let _ = self.half.eof().await;
        let _ = self.half.close().await;
        self.ended.store(true, Ordering::SeqCst);
    }

    /// The server closed the channel (it no longer counts).
    pub fn ended(&self) -> bool {
        self.ended.load(Ordering::SeqCst)
    }
}

impl std::ops::Deref for Outlet {
    type Target = ChannelWriteHalf<Msg>;

    fn deref(&self) -> &Self::Target {
        &self.half
    }
}

/// Runs a client's command on a thread (the commands read files), its
/// output sent as the client's window allows.
pub fn exec(conn: &Conn, write: Arc<Outlet>, line: String, lang: Lang, pty: bool) {
    let served = conn.server.setup.served.clone();
    let rt = tokio::runtime::Handle::current();
    let (server, peer) = (conn.server.clone(), conn.peer);
    let reader = conn.reader.clone();
    tokio::task::spawn_blocking(move || {
        let started = std::time::Instant::now();
        let mut out = ChannelWriter::new(rt.clone(), write.clone(), None, pty);
        let mut err = ChannelWriter::new(rt.clone(), write.clone(), Some(1), pty);
        let status = exec::run(&line, &served, lang, &mut out, &mut err);
        let _ = out.flush();
        let _ = err.flush();
        rt.block_on(write.finish(status));
        let name = reader.as_ref().map_or("-", |r| r.name.as_str());
        let fields = [
            ("reader", name),
            ("event", "exec"),
            ("command", line.as_str()),
            ("result", &format!("exit {status}")),
            (
                "duration",
                &format!("{:.1}", started.elapsed().as_secs_f64()),
            ),
            ("bytes", &(out.sent + err.sent).to_string()),
        ];
        server.setup.log.event(Some(peer), &fields);
    });
}

/// A command's standard output or error on the channel. With a pty the
/// client's terminal is raw, so line feeds go as CR LF.
struct ChannelWriter {
    rt: tokio::runtime::Handle,
    write: Arc<Outlet>,
    ext: Option<u32>,
    crlf: bool,
    buf: Vec<u8>,
    sent: u64,
}

/// How long a command's output may wait for a client that does not read.
const STALLED: Duration = Duration::from_secs(60);

impl ChannelWriter {
    fn new(rt: tokio::runtime::Handle, write: Arc<Outlet>, ext: Option<u32>, crlf: bool) -> Self {
        ChannelWriter {
            rt,
            write,
            ext,
            crlf,
            buf: Vec::new(),
            sent: 0,
        }
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        for &b in buf {
            if b == b'\n' && self.crlf {
                self.buf.push(b'\r');
            }
            self.buf.push(b);
        }
        if self.buf.len() >= 32 << 10 {
            self.flush()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let bytes = std::mem::take(&mut self.buf);
        self.sent += bytes.len() as u64;
        let write = &self.write;
        let sending = async {
            match self.ext {
                Some(ext) => write.extended_data_bytes(ext, bytes).await,
                None => write.data_bytes(bytes).await,
            }
        };
        match self.rt.block_on(tokio::time::timeout(STALLED, sending)) {
            Ok(Ok(())) => Ok(()),
            _ => Err(io::ErrorKind::BrokenPipe.into()),
        }
    }
}
