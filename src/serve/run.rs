//! `bulletin serve` from the command line: load the archive once, the
//! host key and who may connect, print the fingerprint, serve until
//! SIGTERM or SIGINT (every session told and its state saved), exit 0.

use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use signal_hook::consts::{SIGINT, SIGTERM};

use super::{Archive, Limits, Setup, Who, archives, keys, log::Log};
use crate::app::{ArchiveSource, IndexHandle, IndexState};
use crate::cli::{EXIT_FAILURE, EXIT_OK, ServeArgs};
use crate::find::{self, Lookup};
use crate::lang::Lang;
use crate::model::{Library, Strictness};

/// Runs the server; the exit status.
pub fn run(args: &ServeArgs, lang: Lang, err: &mut dyn Write) -> u8 {
    match setup(args, lang) {
        Ok((setup, fingerprint)) => {
            let names = archives::listed(&setup.archives);
            let listening = |at: SocketAddr, err: &mut dyn Write| {
                let said = say_listening(lang, at, &names, &fingerprint);
                let _ = writeln!(err, "bulletin: {said}");
            };
            match serve(setup, args.listen, |at| listening(at, err)) {
                Ok(()) => EXIT_OK,
                Err(e) => {
                    let _ = writeln!(err, "bulletin: {}: {e}", args.listen);
                    EXIT_FAILURE
                }
            }
        }
        Err(e) => {
            let _ = writeln!(err, "bulletin: {e}");
            EXIT_FAILURE
        }
    }
}

/// Said once listening, on the address bound (`--listen …:0` takes any
/// free port).
fn say_listening(lang: Lang, at: SocketAddr, names: &str, fingerprint: &str) -> String {
    let port = at.port();
    lang.pick(
        format!("在 {at} 上提供档案 {names}；主机密钥指纹 {fingerprint}；连接：ssh -t -p {port} 主机"),
        format!("serving {names} on {at}; host key fingerprint {fingerprint}; connect with: ssh -t -p {port} HOST"),
    )
}

fn setup(args: &ServeArgs, lang: Lang) -> Result<(Setup, String), String> {
    let data_dir = crate::store::data_dir(args.data_dir.as_deref()).map_err(|e| e.to_string());
    let key_path = match (&args.host_key, &data_dir) {
        (Some(p), _) => p.clone(),
        (None, Ok(dir)) => keys::default_host_key(dir),
        (None, Err(e)) => return Err(e.clone()),
    };
    let (host_key, _) = keys::host_key(&key_path).map_err(|e| e.to_string())?;
    let fingerprint = keys::fingerprint(host_key.public_key());
    let who = match &args.authorized_keys {
        Some(path) => Who::Keys(keys::authorized(path).map_err(|e| e.to_string())?),
        None => Who::Anonymous,
    };
    let readers_dir = match who {
        Who::Keys(_) => Some(data_dir?.join("serve").join("readers")),
        Who::Anonymous => None,
    };
    let archives = load(args, lang)?;
    let log: Box<dyn Write + Send> = match &args.log {
        Some(p) => Box::new(
            std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(p)
                .map_err(|e| format!("{}: {e}", p.display()))?,
        ),
        None => Box::new(std::io::stderr()),
    };
    let limits = Limits {
        max_sessions: args.max_sessions,
        max_per_address: args.max_per_address,
        auth_timeout: Duration::from_secs(args.auth_timeout.max(1)),
        idle_timeout: (args.idle_timeout > 0).then(|| Duration::from_secs(args.idle_timeout * 60)),
        max_size: args.max_size,
        ..Limits::default()
    };
    let setup = Setup {
        archives,
        who,
        host_key,
        readers_dir,
        scratch_dir: std::env::temp_dir(),
        limits,
        log: Log::new(log),
    };
    Ok((setup, fingerprint))
}

/// Every archive named (or the sample), loaded once, each with its
/// index and its name.
fn load(args: &ServeArgs, lang: Lang) -> Result<Vec<Archive>, String> {
    let paths: Vec<&Path> = args.archives.iter().map(PathBuf::as_path).collect();
    let names = archives::names(&paths, lang)?;
    let cache = args.cache_dir.as_deref();
    let paths = paths.into_iter().map(Some).chain(std::iter::once(None));
    let mut loaded = Vec::new();
    for (name, path) in names.into_iter().zip(paths) {
        let library = crate::cli::reader_library(path, Strictness::Lenient, cache, lang)?;
        loaded.push(Archive {
            name,
            index: index_state(path, &library, cache),
            library: Arc::new(library),
            source: path.map(|p| ArchiveSource {
                path: p.to_path_buf(),
                strictness: Strictness::Lenient,
                cache_dir: find::cache_dir(cache),
            }),
        });
    }
    Ok(loaded)
}

fn index_state(archive: Option<&Path>, lib: &Library, cache: Option<&Path>) -> IndexState {
    let cache = find::cache_dir(cache);
    match find::lookup(lib, archive, cache.as_deref()) {
        Lookup::NotUsed => IndexState::Unused,
        Lookup::Ready(index) => IndexState::Ready(IndexHandle(Arc::new(index))),
        Lookup::Missing { path } => IndexState::Missing { path },
    }
}

/// Serves until SIGTERM or SIGINT, then closes every session; says where
/// once listening.
fn serve(
    setup: Setup,
    listen: SocketAddr,
    listening: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT])?;
    let (tx, rx) = tokio::sync::oneshot::channel();
    let handle = signals.handle();
    std::thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(sig);
        }
    });
    let result = rt.block_on(async move {
        let running = super::start(setup, listen).await?;
        listening(running.addr);
        let sig = rx.await.unwrap_or(SIGTERM);
        let server = running.server.clone();
        server
            .setup
            .log
            .event(None, &[("event", "stop"), ("signal", &sig.to_string())]);
        running.stop().await;
        Ok(())
    });
    handle.close();
    rt.shutdown_timeout(Duration::from_secs(1));
    result
}
