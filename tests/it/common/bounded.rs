//! Running the binary with limits, for inputs that used to make it read
//! for ever or block: a wall-clock timeout (the child is killed) and an
//! address-space limit (so an endless read fails fast instead of taking
//! the machine's memory).

#![allow(dead_code)]

use std::io::Read;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub const BIN: &str = env!("CARGO_BIN_EXE_bulletin");

/// What a bounded run did.
#[derive(Debug)]
pub struct Run {
    /// The exit code; `None` when killed by a signal (or by the timeout).
    pub code: Option<i32>,
    pub timed_out: bool,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl Run {
    pub fn err(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    pub fn out(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// A `bulletin` command with a private data and cache directory.
pub fn command(args: &[&str], home: &Path) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "en_US.UTF-8")
        .env("HOME", home)
        .env("BULLETIN_DATA_DIR", home.join("data"))
        .env("BULLETIN_CACHE_DIR", home.join("cache"))
        .stdin(Stdio::null());
    cmd
}

/// Runs `cmd` for at most `limit`, with 2 GiB of address space; stdout and
/// stderr are captured.
pub fn run_bounded(mut cmd: Command, limit: Duration) -> Run {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    // SAFETY: only setrlimit, which is async-signal-safe, runs in the child.
    unsafe {
        cmd.pre_exec(|| {
            let lim = libc::rlimit {
                rlim_cur: 2 << 30,
                rlim_max: 2 << 30,
            };
            libc::setrlimit(libc::RLIMIT_AS, &lim);
            Ok(())
        });
    }
    let mut child = cmd.spawn().expect("spawn bulletin");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let outs = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let errs = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let (status, timed_out) = wait_within(child, limit);
    Run {
        code: status.code(),
        timed_out,
        stdout: outs.join().unwrap(),
        stderr: errs.join().unwrap(),
    }
}

/// Waits for `child` to end, on a thread; after `limit` it is killed.
/// How it ended, and whether it was killed.
pub fn wait_within(mut child: Child, limit: Duration) -> (ExitStatus, bool) {
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let _ = tx.send(child.wait().unwrap());
    });
    match rx.recv_timeout(limit) {
        Ok(status) => (status, false),
        Err(_) => {
            // SAFETY: a plain kill(2) of our child (if it ended just now,
            // its pid is not reused before the waiter's status is read).
            unsafe { libc::kill(pid, libc::SIGKILL) };
            let status = rx.recv().unwrap();
            let _ = waiter.join();
            (status, true)
        }
    }
}

/// Makes a FIFO at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// The characters of `bytes` that must never reach a terminal from
/// untrusted names: escape, every other control but newline, C1, bidi
/// and invisible characters (the sanitiser's list). Empty when clean.
pub fn unsafe_chars(bytes: &[u8]) -> Vec<char> {
    String::from_utf8_lossy(bytes)
        .chars()
        .filter(|&c| c != '\n' && bulletin::text::sanitize::is_removed(c))
        .collect()
}
