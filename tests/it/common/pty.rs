//! Runs the real binary in a pseudo-terminal and reads the screen back
//! through a terminal emulator (`vt100`).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub use super::snapshot::Snapshot;

/// The end of a frame in the byte stream (see `BULLETIN_BACKEND` above).
const FRAME_END: &[u8] = b"\x1b[?2026l";

/// How long to wait for the screen to show something before failing. Long,
/// because CI machines are shared; a pass never waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Session {
    /// `None` once the terminal was closed ([`Session::close_terminal`]).
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks on the raw stream.
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// Tells the thread reading the terminal to stop (and close its end).
    stop: Arc<AtomicBool>,
    reader: Option<std::thread::JoinHandle<()>>,
}

/// The shell command `shell` (its path, flags, `-c` and script) running
/// the reader as its `$0`.
fn by_shell(shell: &[&str]) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(shell[0]);
    cmd.args(&shell[1..]);
    cmd.arg(env!("CARGO_BIN_EXE_bulletin"));
    cmd
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).unwrap()
}

fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    /// Starts `bulletin ARGS` in a `cols`x`rows` terminal with a private
    /// data directory and a fixed environment.
    pub fn start(
        args: &[&str],
        cols: u16,
        rows: u16,
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        let cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bulletin"));
        Session::start_command(cmd, args, (cols, rows), data_dir, env)
    }

    /// As [`Session::start`], but run by a shell that ignores SIGHUP and
    /// waits for it: the kernel sends the hang-up only to the session's
    /// leader (that shell), so closing the terminal sends the reader no
    /// signal at all; its reads find nothing and its writes fail.
    pub fn start_ignoring_hangup(
        args: &[&str],
        cols: u16,
        rows: u16,
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        // Not `exec`: the shell must stay the session's leader.
        let script = "trap '' HUP; \"$0\" \"$@\"; s=$?; trap - HUP; exit $s";
        let cmd = by_shell(&["/bin/sh", "-c", script]);
        Session::start_command(cmd, args, (cols, rows), data_dir, env)
    }

    /// As [`Session::start`], run by a shell with job control (`set -m`),
    /// as from a prompt: when the reader stops (Ctrl-Z) the shell says
    /// `[1]+ Stopped`, then `stopped`, and brings it back (`fg`), as a
    /// user would.
    pub fn start_under_job_control(
        args: &[&str],
        cols: u16,
        rows: u16,
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        let script = "set -m; \"$0\" \"$@\"; s=$?; \
                      if [ $s = 148 ]; then echo stopped; fg; s=$?; fi; exit $s";
        let cmd = by_shell(&["/bin/bash", "--norc", "--noprofile", "-c", script]);
        Session::start_command(cmd, args, (cols, rows), data_dir, env)
    }

    /// [`Session::start`] with at most `mb` megabytes of address space
    /// (through `sh`'s `ulimit -v`), for inputs that used to make the
    /// reader read without end.
    pub fn start_limited(args: &[&str], mb: u64, data_dir: &Path, env: &[(&str, &str)]) -> Session {
        let script = format!("ulimit -v {}; exec \"$0\" \"$@\"", mb * 1024);
        let cmd = by_shell(&["/bin/sh", "-c", &script]);
        Session::start_command(cmd, args, (80, 24), data_dir, env)
    }

    fn start_command(
        mut cmd: CommandBuilder,
        args: &[&str],
        (cols, rows): (u16, u16),
        data_dir: &Path,
        env: &[(&str, &str)],
    ) -> Session {
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        cmd.args(args);
        cmd.env_clear();
        cmd.env("TERM", "xterm-256color");
        cmd.env("LANG", "en_US.UTF-8");
        // vt100 never answers the start-up probe; tests that want it say so.
        cmd.env("BULLETIN_AMBIGUOUS_WIDTH", "narrow");
        // The default (lean) backend with every non-empty frame wrapped in
        // synchronized output, so the end of a frame can be seen in the
        // byte stream; a test may override it.
        cmd.env("BULLETIN_BACKEND", "lean-sync");
        cmd.env("BULLETIN_DATA_DIR", data_dir);
        cmd.env("HOME", data_dir);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn bulletin");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let fd = pair.master.as_raw_fd().expect("the pty's descriptor");
        // SAFETY: dup of a descriptor the pair owns; the copy is owned here.
        let mut reader = unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) };
        let (p, r) = (parser.clone(), raw.clone());
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // Polls with a timeout, so the thread can let go of its end of
            // the terminal when asked (see `close_terminal`).
            while !stopping.load(Ordering::Relaxed) {
                let mut pfd = libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                };
                // SAFETY: one valid pollfd.
                if unsafe { libc::poll(&mut pfd, 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        // Our own copy of the master, not `take_writer`: portable-pty's
        // writer types a newline and ^D when dropped, which the reader
        // would take for keys as the terminal closes.
        // SAFETY: dup of a descriptor the pair owns; the copy is owned here.
        let writer: Box<dyn Write + Send> =
            Box::new(unsafe { std::fs::File::from_raw_fd(libc::dup(fd)) });
        Session {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            parser,
            raw,
            stop,
            reader: Some(thread),
        }
    }

    /// Closes the terminal's master side, as a terminal emulator does when
    /// its window is closed or an SSH connection drops: the program gets
    /// SIGHUP and its reads and writes fail.
    pub fn close_terminal(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.reader.take() {
            t.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    /// The terminal's local modes (`c_lflag`: ICANON, ECHO, ISIG …) as the
    /// program left them.
    pub fn local_modes(&self) -> libc::tcflag_t {
        let fd = self.master.as_ref().and_then(|m| m.as_raw_fd()).unwrap();
        // SAFETY: tcgetattr fills a zeroed termios for a valid descriptor.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            assert_eq!(libc::tcgetattr(fd, &mut t), 0);
            t.c_lflag
        }
    }

    /// Waits for the program to end: its exit code, or the signal that
    /// killed it (`Err("Aborted")`, …).
    pub fn wait_end(&mut self) -> Result<u32, String> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return match status.signal() {
                    Some(sig) => Err(sig.to_string()),
                    None => Ok(status.exit_code()),
                };
            }
            if start.elapsed() > PATIENCE {
                // The whole group: a shell's child included.
                if let Some(pid) = self.child.process_id() {
                    // SAFETY: a plain signal to the process group.
                    unsafe { libc::killpg(pid as i32, libc::SIGKILL) };
                }
                let _ = self.child.kill();
                panic!("bulletin did not end");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits (two seconds at most) for the thread reading the terminal to
    /// take the last of the program's output: it ends when the terminal's
    /// other side is closed, as the program's exit does. Without this, a
    /// busy machine let tests read the output before its last bytes.
    fn drain(&self) {
        let start = Instant::now();
        while self.reader.as_ref().is_some_and(|t| !t.is_finished())
            && start.elapsed() < Duration::from_secs(2)
        {
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Types `keys` (raw bytes: "j", "\x1b" for Esc, "\r" for Enter).
    pub fn send(&mut self, keys: &str) {
        let w = self.writer.as_mut().expect("the terminal is open");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    /// The screen as text, one string per row (wide characters once).
    pub fn rows(&self) -> Vec<String> {
        let p = self.parser.lock().unwrap();
        let (_, cols) = p.screen().size();
        p.screen().rows(0, cols.get()).collect()
    }

    pub fn text(&self) -> String {
        self.rows().join("\n")
    }

    /// Waits until `pred` holds for the screen; panics with the screen if not.
    pub fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            if pred(&self.text()) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {what}; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_text(&self, needle: &str) {
        self.wait_for(needle, |s| s.contains(needle));
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nz(rows), nz(cols));
        self.resize_pty_only(cols, rows);
    }

    /// Tells the program the terminal is now `cols`x`rows` without resizing
    /// the emulator (for sizes too large to emulate).
    pub fn resize_pty_only(&mut self, cols: u16, rows: u16) {
        let m = self.master.as_ref().expect("the terminal is open");
        m.resize(size(cols, rows)).unwrap();
    }

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                self.drain();
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("bulletin did not exit; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn process_id(&self) -> Option<u32> {
        self.child.process_id()
    }

    /// The emulator's view of the screen, for cell-level checks.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.parser.lock().unwrap().screen())
    }

    /// Frames the program has finished drawing. ratatui ends every frame,
    /// after its cells, by hiding the cursor (`ESC[?25l`) or showing it at
    /// the input position (`ESC[?25h`); the emulator has processed a byte
    /// before it is counted here, so once the count rises the whole frame is
    /// on screen.
    pub fn frames(&self) -> usize {
        let raw = self.raw.lock().unwrap();
        raw.windows(FRAME_END.len())
            .filter(|w| *w == FRAME_END)
            .count()
    }

    /// Sends `keys` and waits until the program has drawn `n` more frames
    /// (one per key: the reader redraws after every input event).
    pub fn send_and_draw(&mut self, keys: &str, n: usize) {
        let before = self.frames();
        self.send(keys);
        let start = Instant::now();
        while self.frames() < before + n {
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {n} frame(s) after {keys:?}; screen:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A copy of every byte the program has written so far.
    pub fn raw_bytes(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Waits until `pred` holds for the raw output; panics if it never does.
    pub fn wait_raw(&self, what: &str, pred: impl Fn(&[u8]) -> bool) {
        let start = Instant::now();
        loop {
            if pred(&self.raw.lock().unwrap()) {
                return;
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {what} in the output; screen:\n{}",
                    self.text()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends signal `name` (`TERM`, `HUP`, …) to the program with `kill(1)`.
    pub fn signal(&self, name: &str) {
        let pid = self.process_id().expect("bulletin has a pid");
        let status = std::process::Command::new("kill")
            .arg(format!("-{name}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} {pid} failed");
    }

    /// Everything the screen shows, cell by cell, for exact comparisons.
    pub fn snapshot(&self) -> Snapshot {
        self.with_screen(Snapshot::of)
    }

    /// Waits until the screen looks like `want` (see [`Snapshot::difference`]);
    /// panics with both screens if it never does.
    pub fn wait_snapshot(&self, what: &str, want: &Snapshot) {
        let start = Instant::now();
        loop {
            let now = self.snapshot();
            let Some(diff) = want.difference(&now) else {
                return;
            };
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting for {what}: {diff}; want:\n{}\n\ngot:\n{}",
                    want.contents, now.contents
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        self.stop.store(true, Ordering::Relaxed);
    }
}
