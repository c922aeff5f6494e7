//! A real `bulletin serve` in the test process, and an SSH client (russh)
//! driving it: the reader's screen read back through `vt100`, commands
//! and their exit status. Every wait is for something to arrive, with a
//! deadline that only a failing test reaches.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use bulletin::app::IndexState;
use bulletin::model::{Library, load_sample};
pub use bulletin::serve::Running;
use bulletin::serve::keys::Allowed;
use bulletin::serve::log::Log;
use bulletin::serve::{Archive, Limits, Setup, Who};
use russh::client::{self, Handle, Msg};
use russh::keys::ssh_key::private::Ed25519Keypair;
use russh::keys::{PrivateKey, PrivateKeyWithHashAlg};
use russh::{Channel, ChannelMsg};

pub use super::ssh_deaf::connect_deaf;

/// Long, because machines are shared; a passing test never waits this long.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// A key made from a seed (the same seed, the same reader).
pub fn key(seed: u8) -> PrivateKey {
    PrivateKey::from(Ed25519Keypair::from_seed(&[seed; 32]))
}

/// Readers "alice" (key 1) and "bob" (key 2).
pub fn two_readers() -> Who {
    let allowed = |seed, name: &str| Allowed {
        key: key(seed).public_key().clone(),
        name: name.into(),
    };
    Who::Keys(vec![allowed(1, "alice"), allowed(2, "bob")])
}

/// A log kept in memory, to read back.
#[derive(Clone, Default)]
pub struct Lines(pub Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Lines {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Lines {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

/// Limits for tests: quick refusals and probe, the rest as by default.
pub fn quick() -> Limits {
    Limits {
        auth_rejection: Duration::from_millis(10),
        probe_timeout: Duration::from_millis(50),
        // The test client keeps its connection: closed at once on stopping.
        clients_leave: Duration::ZERO,
        ..Limits::default()
    }
}

/// A server on the sample at a free port of 127.0.0.1; its log; where the
/// readers' state is kept.
pub async fn server(who: Who, limits: Limits) -> (Running, Lines, tempfile::TempDir) {
    server_of(who, limits, None).await
}

/// A server on the archive at `path` (`None`: the sample), following it.
pub async fn server_of(
    who: Who,
    limits: Limits,
    path: Option<PathBuf>,
) -> (Running, Lines, tempfile::TempDir) {
    server_many(who, limits, path.as_slice()).await
}

/// A server on the archives at `paths` (none: the sample), following
/// them, each called by its file name without the extension.
pub async fn server_many(
    who: Who,
    limits: Limits,
    paths: &[PathBuf],
) -> (Running, Lines, tempfile::TempDir) {
    let mut archives: Vec<Archive> = paths.iter().map(|p| archive_at(p)).collect();
    if archives.is_empty() {
        archives.push(sample(IndexState::Unused));
    }
    server_on(who, limits, archives).await
}

/// The sample, served as `sample`, its index as `index` says.
pub fn sample(index: IndexState) -> Archive {
    Archive {
        name: "sample".into(),
        library: Arc::new(Library::from(load_sample().unwrap())),
        index,
        source: None,
    }
}

/// A server on `archives` as they are given.
pub async fn server_on(
    who: Who,
    limits: Limits,
    archives: Vec<Archive>,
) -> (Running, Lines, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let lines = Lines::default();
    let setup = Setup {
        archives,
        who,
        host_key: key(99),
        readers_dir: Some(dir.path().join("readers")),
        scratch_dir: scratch(&dir),
        limits,
        log: Log::new(Box::new(lines.clone())),
    };
    let running = bulletin::serve::start(setup, "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    (running, lines, dir)
}

/// The archive at `path`, loaded and followed, called by its file name.
fn archive_at(path: &std::path::Path) -> Archive {
    let lenient = bulletin::model::Strictness::Lenient;
    let library = bulletin::model::open_path_with(path, lenient).unwrap();
    Archive {
        name: path.file_stem().unwrap().to_string_lossy().into_owned(),
        library: Arc::new(library),
        index: IndexState::Unused,
        source: Some(bulletin::app::ArchiveSource {
            path: path.to_path_buf(),
            strictness: lenient,
            cache_dir: None,
        }),
    }
}

/// Where anonymous sessions of a test server keep their state.
pub fn scratch(dir: &tempfile::TempDir) -> PathBuf {
    let d = dir.path().join("scratch");
    std::fs::create_dir_all(&d).unwrap();
    d
}

pub struct Client;

impl client::Handler for Client {
    type Error = russh::Error;

    async fn check_server_key(
        &mut self,
        _: &russh::keys::PublicKeyOrCertificate,
    ) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A connection, authenticated with key `seed` (`None`: the `none`
/// method, as an anonymous client).
pub async fn connect(running: &Running, seed: Option<u8>) -> Handle<Client> {
    let mut h = try_connect(running).await.expect("connects");
    let ok = match seed {
        Some(s) => {
            let k = PrivateKeyWithHashAlg::new(Arc::new(key(s)), None);
            h.authenticate_publickey("reader", k).await.unwrap()
        }
        None => h.authenticate_none("reader").await.unwrap(),
    };
    assert!(ok.success(), "authenticated");
    h
}

pub async fn try_connect(running: &Running) -> Result<Handle<Client>, russh::Error> {
    let config = Arc::new(client::Config::default());
    client::connect(config, running.addr, Client).await
}

/// A connection to a server at `addr` (another process), authenticated
/// with key `seed`.
pub async fn connect_to(addr: std::net::SocketAddr, seed: u8) -> Handle<Client> {
    let config = Arc::new(client::Config::default());
    let mut h = client::connect(config, addr, Client)
        .await
        .expect("connects");
    let k = PrivateKeyWithHashAlg::new(Arc::new(key(seed)), None);
    let ok = h.authenticate_publickey("reader", k).await.unwrap();
    assert!(ok.success(), "authenticated");
    h
}

/// A reader session on one channel, its screen as the client sees it.
pub struct Term {
    pub ch: Channel<Msg>,
    pub screen: vt100::Parser,
    pub raw: Vec<u8>,
    pub exit: Option<u32>,
    pub closed: bool,
    /// Answer the width probe as a narrow terminal would (else it goes
    /// unanswered, and keys like `R` are dropped for a moment after it).
    pub answer_probe: bool,
}

/// Opens the reader at `cols`x`rows` with these environment requests.
pub async fn reader(h: &Handle<Client>, cols: u16, rows: u16, env: &[(&str, &str)]) -> Term {
    reader_on(h, cols, rows, env, None).await
}

/// A pty at `cols`x`rows` with these environment requests, and a shell
/// (`command`: `None`) or a command.
pub async fn reader_on(
    h: &Handle<Client>,
    cols: u16,
    rows: u16,
    env: &[(&str, &str)],
    command: Option<&str>,
) -> Term {
    let ch = h.channel_open_session().await.unwrap();
    for (k, v) in env {
        ch.set_env(false, *k, *v).await.unwrap();
    }
    ch.request_pty(true, "xterm-256color", cols.into(), rows.into(), 0, 0, &[])
        .await
        .unwrap();
    match command {
        Some(c) => ch.exec(true, c).await.unwrap(),
        None => ch.request_shell(true).await.unwrap(),
    }
    Term {
        ch,
        screen: vt100::Parser::new(nz(rows), nz(cols), 0),
        raw: Vec::new(),
        exit: None,
        closed: false,
        answer_probe: false,
    }
}

impl Term {
    pub fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Reads what comes until `done` holds of the screen; panics after
    /// [`PATIENCE`] with the screen as it is.
    pub async fn wait(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while !done(&self.text()) {
            let next = tokio::time::timeout_at(deadline, self.ch.wait()).await;
            match next {
                Ok(Some(msg)) => {
                    self.take(msg);
                    self.answer().await;
                }
                Ok(None) => panic!("channel closed waiting for {what}:\n{}", self.text()),
                Err(_) => panic!("no {what} after {PATIENCE:?}:\n{}", self.text()),
            }
        }
    }

    pub async fn wait_text(&mut self, text: &str) {
        self.wait(text, |s| s.contains(text)).await;
    }

    /// The probe's question answered once, if asked to.
    async fn answer(&mut self) {
        if self.answer_probe && self.raw.windows(4).any(|w| w == b"\x1b[6n") {
            self.answer_probe = false;
            self.send("\x1b[1;2R").await;
        }
    }

    fn take(&mut self, msg: ChannelMsg) {
        match msg {
            ChannelMsg::Data { data } => {
                self.screen.process(&data);
                self.raw.extend_from_slice(&data);
            }
            ChannelMsg::ExtendedData { data, .. } => self.raw.extend_from_slice(&data),
            ChannelMsg::ExitStatus { exit_status } => self.exit = Some(exit_status),
            ChannelMsg::Close => self.closed = true,
            _ => {}
        }
    }

    /// Reads until the channel closes; the exit status.
    pub async fn wait_closed(&mut self) -> Option<u32> {
        let deadline = tokio::time::Instant::now() + PATIENCE;
        while !self.closed {
            match tokio::time::timeout_at(deadline, self.ch.wait()).await {
                Ok(Some(msg)) => self.take(msg),
                Ok(None) => break,
                Err(_) => panic!("still open after {PATIENCE:?}:\n{}", self.text()),
            }
        }
        self.exit
    }

    pub async fn send(&self, keys: &str) {
        self.ch.data_bytes(keys.as_bytes().to_vec()).await.unwrap();
    }

    pub async fn resize(&mut self, cols: u16, rows: u16) {
        self.screen.screen_mut().set_size(nz(rows), nz(cols));
        self.ch
            .window_change(cols.into(), rows.into(), 0, 0)
            .await
            .unwrap();
    }
}

/// Runs `command` on a new channel: (exit status, stdout, stderr).
pub async fn exec(h: &Handle<Client>, command: &str) -> (Option<u32>, String, String) {
    let mut ch = h.channel_open_session().await.unwrap();
    ch.exec(true, command).await.unwrap();
    let (mut out, mut err, mut code) = (Vec::new(), Vec::new(), None);
    let deadline = tokio::time::Instant::now() + PATIENCE;
    loop {
        match tokio::time::timeout_at(deadline, ch.wait())
            .await
            .expect("command ends")
        {
            Some(ChannelMsg::Data { data }) => out.extend_from_slice(&data),
            Some(ChannelMsg::ExtendedData { data, .. }) => err.extend_from_slice(&data),
            Some(ChannelMsg::ExitStatus { exit_status }) => code = Some(exit_status),
            Some(ChannelMsg::Close) | None => break,
            Some(_) => {}
        }
    }
    let s = |v: Vec<u8>| String::from_utf8_lossy(&v).into_owned();
    (code, s(out), s(err))
}

/// The state file of reader `seed` under `dir`.
pub fn state_of(dir: &tempfile::TempDir, seed: u8) -> PathBuf {
    let k = key(seed);
    let hex = bulletin::serve::keys::fingerprint_hex(k.public_key());
    dir.path().join("readers").join(hex).join("state.json")
}

/// How many bookmarks a state file holds (0 if there is none).
pub fn bookmarks_in(path: &std::path::Path) -> usize {
    let Ok(text) = std::fs::read_to_string(path) else {
        return 0;
    };
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let archives = v["archives"].as_object().cloned().unwrap_or_default();
    archives
        .values()
        .map(|a| a["bookmarks"].as_array().map_or(0, Vec::len))
        .sum()
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size")
}

/// The local command's exit status and standard output, in English, to
/// compare with what the server answers.
pub fn local(args: &[&str]) -> (Option<u32>, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(args)
        .env("LANG", "C")
        .output()
        .unwrap();
    let code = out.status.code().map(|c| c as u32);
    (code, String::from_utf8_lossy(&out.stdout).into_owned())
}
