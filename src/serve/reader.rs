//! The reader on a session channel with a pty: its app (settings from the
//! client's terminal and locale, the reader's own state), run on a
//! thread of its own (`term::session::run`); a task sends its frames as
//! the client's window allows (`outbox`).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;

use super::choose::{self, Chooser};
use super::conn::{Conn, Reader};
use super::outbox::{FrameWriter, Next, Outbox};
use super::outlet::Outlet;
use super::{Closing, Server};
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
    /// Going back to the chooser, if it does.
    pub back: Arc<Back>,
}

/// A reader going back to the chooser it was opened from (`q` on its
/// list) rather than ending the session: its thread says so as the
/// reader ends (before the chooser can be seen), the pump draws the
/// chooser once the reader's last frames are sent, and the connection
/// then takes the chooser, keys typed meanwhile included.
pub struct Back {
    going: AtomicBool,
    chooser: Mutex<Option<Chooser>>,
    /// Set once the pump has drawn the chooser or ended the channel.
    settled: watch::Sender<bool>,
}

impl Back {
    fn new() -> Back {
        Back {
            going: AtomicBool::new(false),
            chooser: Mutex::new(None),
            settled: watch::Sender::new(false),
        }
    }

    /// The reader has ended by going back to the chooser.
    pub fn going(&self) -> bool {
        self.going.load(Ordering::SeqCst)
    }

    /// The chooser, once drawn (waits for it); `None` if the channel was
    /// ended instead.
    pub async fn chooser(&self) -> Option<Chooser> {
        let _ = self.settled.subscribe().wait_for(|s| *s).await;
        self.chooser
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
    }
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
fn app_for(
    conn: &Conn,
    pty: &Pty,
    env: &Env,
    reader: &Reader,
    archive: usize,
) -> (App, Option<tempfile::TempDir>) {
    let server = &conn.server;
    let vars = |k: &str| match k {
        "TERM" => Some(pty.term.clone()),
        k => env.get(k),
    };
    let (settings, _) = settings_from(&ReaderArgs::default(), None, &Config::default(), vars);
    let lang = settings.lang;
    let served = server.current(archive);
    // `R` reads the file again through the server (`reload`), which
    // also follows it: the source says what to read.
    let mut app = (App::over(served.library, settings))
        .with_index(served.index)
        .with_source(served.source);
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

/// Starts the reader on a channel, on served archive `archive`;
/// `chosen`: picked in the chooser, which `q` on the reader's list goes
/// back to (else it ends the session).
pub fn start(
    conn: &Conn,
    write: Arc<Outlet>,
    pty: Pty,
    env: Env,
    reader: Reader,
    (archive, chosen): (usize, bool),
) -> Running {
    let server = conn.server.clone();
    let (mut app, scratch) = app_for(conn, &pty, &env, &reader, archive);
    app.back_to_chooser = chosen;
    app.can_suspend = false;
    let outbox = Outbox::new();
    let (session, feed) = Session::new(
        Box::new(FrameWriter::new(outbox.clone())),
        pty.cols,
        pty.rows,
    );
    let id = server.add_live(feed.clone(), outbox.clone(), env.lang(), archive);
    let session = (session.with_probe_timeout(server.limits().probe_timeout))
        .with_reloader(super::reload::reloader(&server, archive, id))
        .with_index_builder(super::index::builder(&server, archive, id));
    let (done_tx, done) = watch::channel(false);
    let thread_outbox = outbox.clone();
    let back = Arc::new(Back::new());
    let going = back.clone();
    std::thread::spawn(move || {
        let options = term::Options {
            forced: None,
            backend: Choice::named(None),
            exit_after_first_frame: false,
        };
        let ending = term::session::run(&mut app, session, options);
        let quit = matches!(ending, Ok(term::Ending::Quit));
        (going.going).store(chosen && quit && app.quit_by_back, Ordering::SeqCst);
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
        back: (archive, back.clone()),
    };
    tokio::spawn(pump.run());
    Running {
        feed,
        id,
        server,
        size,
        back,
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
    /// The archive read, and going back to the chooser.
    back: (usize, Arc<Back>),
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
        let closing = self.server.closing_of(self.id);
        if closing.is_none() && result == "ended" && self.go_back().await {
            result = "back to the chooser";
        } else {
            self.close(closing, result).await;
        }
        self.back.1.settled.send_replace(true);
        self.server.remove_live(self.id);
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

    /// If the reader went back to the chooser (`q` on its list), draws
    /// the chooser, the archive it read selected, and hands it to the
    /// connection; false if it did not, or the client does not read.
    async fn go_back(&self) -> bool {
        let (archive, back) = &self.back;
        if !back.going() || self.server.stopping() {
            return false;
        }
        let size = *self.size.lock().unwrap_or_else(|p| p.into_inner());
        let archives = self.server.archives();
        let chooser = Chooser::new(&archives, self.lang, size).selecting(*archive);
        let mut frame = choose::ENTER.to_vec();
        frame.extend(chooser.frame());
        let sent = tokio::time::timeout(LAST_FRAMES, self.write.data_bytes(frame)).await;
        if !matches!(sent, Ok(Ok(()))) {
            return false;
        }
        *back.chooser.lock().unwrap_or_else(|p| p.into_inner()) = Some(chooser);
        true
    }

    /// Ends the channel, saying why if the server closed it.
    async fn close(&self, closing: Option<Closing>, result: &str) {
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
    }
}
