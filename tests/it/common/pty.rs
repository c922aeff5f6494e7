//! Runs the real binary in a pseudo-terminal and reads the screen back
//! through a terminal emulator (`vt100`).

#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The end of a frame in the byte stream (see `BULLETIN_BACKEND` above).
const FRAME_END: &[u8] = b"\x1b[?2026l";

/// How long to wait for the screen to show something before failing. Long,
/// because CI machines are shared; a pass never waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    parser: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, for checks on the raw stream.
    pub raw: Arc<Mutex<Vec<u8>>>,
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
        let pair = native_pty_system()
            .openpty(size(cols, rows))
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_bulletin"));
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
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (p, r) = (parser.clone(), raw.clone());
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Session {
            master: pair.master,
            writer,
            child,
            parser,
            raw,
        }
    }

    /// Types `keys` (raw bytes: "j", "\x1b" for Esc, "\r" for Enter).
    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
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
        self.master.resize(size(cols, rows)).unwrap();
    }

    /// Waits for the program to exit; returns its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
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

/// One cell as the emulator holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellView {
    pub contents: String,
    pub wide: bool,
    pub continuation: bool,
}

/// The screen's text, its rows, and every cell with its wide flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub cols: u16,
    pub contents: String,
    pub rows: Vec<String>,
    pub cells: Vec<Vec<CellView>>,
    /// Rows the emulator marks as wrapped onto the next one.
    pub wrapped: Vec<bool>,
}

impl Snapshot {
    pub fn of(screen: &vt100::Screen) -> Snapshot {
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        let cells = (0..rows)
            .map(|r| {
                (0..cols)
                    .map(|c| {
                        let cell = screen.cell(r, c).expect("cell in range");
                        CellView {
                            contents: cell.contents().to_string(),
                            wide: cell.is_wide(),
                            continuation: cell.is_wide_continuation(),
                        }
                    })
                    .collect()
            })
            .collect();
        Snapshot {
            cols,
            contents: screen.contents(),
            rows: screen.rows(0, cols).collect(),
            cells,
            wrapped: (0..rows).map(|r| screen.row_wrapped(r)).collect(),
        }
    }

    /// The first visible difference from `other`, if any: a cell whose
    /// character or wide flags differ. An empty cell and a space look the
    /// same on a terminal and count as equal.
    pub fn difference(&self, other: &Snapshot) -> Option<String> {
        if self.cols != other.cols || self.cells.len() != other.cells.len() {
            return Some("the sizes differ".into());
        }
        let shown = |c: &CellView| {
            let text = if c.contents.is_empty() {
                " "
            } else {
                c.contents.as_str()
            };
            (text.to_string(), c.wide, c.continuation)
        };
        for (r, (a, b)) in self.cells.iter().zip(&other.cells).enumerate() {
            for (c, (x, y)) in a.iter().zip(b).enumerate() {
                if shown(x) != shown(y) {
                    return Some(format!(
                        "row {r} col {c}: {:?} then {:?}",
                        shown(x),
                        shown(y)
                    ));
                }
            }
        }
        None
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}
