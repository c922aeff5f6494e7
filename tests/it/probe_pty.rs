//! The ambiguous-width probe in a pseudo-terminal where the test plays the
//! terminal: it answers `ESC[6n` like a wide terminal, like a narrow one,
//! late, or never. The program under test is this very test binary, run
//! again with `BULLETIN_PROBE_REPORT` set (see `child_process_entry`): it
//! probes, then reads key events for a while and writes what it saw.

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyEventKind, KeyModifiers};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use bulletin::term::probe::detect_ambiguous_width;

const REPORT_ENV: &str = "BULLETIN_PROBE_REPORT";
const TIMEOUT_ENV: &str = "BULLETIN_PROBE_TIMEOUT_MS";
/// The probe's timeout in these tests.
const TIMEOUT: Duration = Duration::from_millis(300);
/// What the child prints once the probe is done.
const READY: &str = "PROBE-DONE";
/// Generous: CI machines are shared; a pass never waits this long.
const PATIENCE: Duration = Duration::from_secs(20);

/// Not a test of its own: the program the tests run in the pseudo-terminal.
/// Without `BULLETIN_PROBE_REPORT` (a normal test run) it does nothing.
#[test]
fn child_process_entry() {
    let Some(report) = std::env::var_os(REPORT_ENV) else {
        return;
    };
    let ms: u64 = std::env::var(TIMEOUT_ENV).unwrap().parse().unwrap();
    let mut out = std::io::stdout();
    terminal::enable_raw_mode().unwrap();
    crossterm::execute!(out, EnterAlternateScreen).unwrap();
    let start = Instant::now();
    let probed = detect_ambiguous_width(Duration::from_millis(ms));
    let took = start.elapsed();
    write!(out, "{READY}").unwrap();
    out.flush().unwrap();
    // Keys typed while the probe waited come back from it; the rest are
    // read as the run loop reads them.
    let typed = probed.as_ref().map(|p| p.typed.clone()).unwrap_or_default();
    let mut keys: Vec<String> = typed.iter().map(|k| k.label()).collect();
    keys.extend(read_keys_until_x());
    let result = probed.map(|p| p.result);
    crossterm::execute!(out, LeaveAlternateScreen).unwrap();
    terminal::disable_raw_mode().unwrap();
    let text = format!(
        "result={:?}\nkeys={}\ntook_ms={}\n",
        result.map_err(|e| e.to_string()),
        keys.join(","),
        took.as_millis()
    );
    std::fs::write(report, text).unwrap();
}

/// Key presses as the run loop would get them, until `x` (or 10 s).
fn read_keys_until_x() -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut keys = Vec::new();
    while Instant::now() < deadline {
        if !event::poll(Duration::from_millis(100)).unwrap() {
            continue;
        }
        if let Event::Key(k) = event::read().unwrap() {
            if k.kind == KeyEventKind::Release {
                continue;
            }
            let name = match (k.code, k.modifiers) {
                (event::KeyCode::Char(c), KeyModifiers::NONE) => c.to_string(),
                (code, m) => format!("{code:?}+{m:?}"),
            };
            let last = name == "x";
            keys.push(name);
            if last {
                break;
            }
        }
    }
    keys
}

/// How the fake terminal answers `ESC[6n`.
#[derive(Clone, Copy, PartialEq)]
enum Answer {
    /// At once, with this 1-based column.
    Column(u16),
    /// Never.
    Never,
}

struct Outcome {
    result: String,
    keys: Vec<String>,
    took: Duration,
    /// The screen just before `READY` was printed.
    screen_before_ready: String,
}

/// Runs the child in a pty, answers its queries as `answer` says; once it
/// reports `READY`, sends `after_ready` (raw bytes, ending with `x`).
/// `typed_ahead` is sent as soon as the first query shows, before any
/// answer.
fn run(answer: Answer, typed_ahead: &str, after_ready: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "probe_pty::child_process_entry",
        "--nocapture",
        "--test-threads=1",
        "-q",
    ]);
    cmd.env(REPORT_ENV, &report);
    cmd.env(TIMEOUT_ENV, TIMEOUT.as_millis().to_string());
    cmd.env("HOME", dir.path());
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let output = Arc::new(Mutex::new(Vec::new()));
    let mut reader = pair.master.try_clone_reader().unwrap();
    let sink = output.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().extend_from_slice(&buf[..n]);
        }
    });
    let mut tty = pair.master.take_writer().unwrap();
    let mut send = |s: &str| {
        tty.write_all(s.as_bytes()).unwrap();
        tty.flush().unwrap();
    };
    let start = Instant::now();
    let (mut answered, mut ready) = (0, false);
    loop {
        let seen = output.lock().unwrap().clone();
        let queries = count(&seen, b"\x1b[6n");
        if queries > answered {
            if answered == 0 && !typed_ahead.is_empty() {
                send(typed_ahead);
                std::thread::sleep(Duration::from_millis(50));
            }
            if let Answer::Column(col) = answer {
                send(&format!("\x1b[1;{col}R"));
            }
            answered = queries;
        }
        if !ready && count(&seen, READY.as_bytes()) > 0 {
            ready = true;
            send(after_ready);
        }
        if let Some(status) = child.try_wait().unwrap() {
            assert!(
                status.success(),
                "child failed: {}",
                String::from_utf8_lossy(&seen)
            );
            break;
        }
        assert!(
            start.elapsed() < PATIENCE,
            "child hangs: {}",
            String::from_utf8_lossy(&seen)
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let text = std::fs::read_to_string(&report).expect("the child's report");
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{name}=")))
            .unwrap()
            .to_string()
    };
    let seen = output.lock().unwrap().clone();
    Outcome {
        result: field("result"),
        keys: field("keys")
            .split(',')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        took: Duration::from_millis(field("took_ms").parse().unwrap()),
        screen_before_ready: screen_before(&seen, READY.as_bytes()),
    }
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// The screen (through a terminal emulator) after the bytes before `mark`.
fn screen_before(output: &[u8], mark: &[u8]) -> String {
    let end = output
        .windows(mark.len())
        .position(|w| w == mark)
        .expect("mark");
    let mut vt = vt100::Parser::new(nz(24), nz(80), 0);
    vt.process(&output[..end]);
    vt.screen().contents()
}

#[test]
fn a_wide_terminal_is_detected_and_the_probe_erased() {
    let o = run(Answer::Column(3), "", "x");
    assert_eq!(o.result, "Ok(Wide)");
    assert_eq!(o.keys, ["x"], "the answers never show as keys");
    assert!(
        o.screen_before_ready.trim().is_empty(),
        "{:?}",
        o.screen_before_ready
    );
}

#[test]
fn a_narrow_terminal_is_detected() {
    let o = run(Answer::Column(2), "", "x");
    assert_eq!(o.result, "Ok(Narrow)");
    assert_eq!(o.keys, ["x"]);
}

#[test]
fn a_silent_terminal_times_out_quickly_and_keys_still_arrive() {
    let o = run(Answer::Never, "", "jx");
    assert_eq!(o.result, "Ok(NoAnswer)");
    assert!(o.took >= TIMEOUT, "{:?}", o.took);
    // crossterm's own cursor query would have waited 2 s.
    assert!(o.took < Duration::from_millis(1500), "{:?}", o.took);
    assert_eq!(o.keys, ["j", "x"], "keys typed after the timeout arrive");
    assert!(
        o.screen_before_ready.trim().is_empty(),
        "{:?}",
        o.screen_before_ready
    );
}

#[test]
fn a_late_answer_never_shows_as_keys() {
    // The reply comes after the timeout, followed by a key.
    let o = run(Answer::Never, "", "\x1b[1;3R\x1b[1;3Rx");
    assert_eq!(o.result, "Ok(NoAnswer)");
    assert_eq!(o.keys, ["x"]);
}

#[test]
fn keys_typed_before_the_answer_are_kept() {
    let o = run(Answer::Column(3), "ab", "x");
    assert_eq!(o.result, "Ok(Wide)");
    assert_eq!(o.keys, ["a", "b", "x"]);
}

#[test]
fn keys_typed_at_a_silent_terminal_are_kept() {
    // Typed-ahead input wakes the wait; the answer never comes, so the
    // cursor query gives up (crossterm's 2 s), and the keys survive.
    let o = run(Answer::Never, "ab", "x");
    assert_eq!(o.result, "Ok(NoAnswer)");
    assert_eq!(o.keys, ["a", "b", "x"]);
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap()
}

/// A private tmux server (its own socket), killed when dropped.
struct Tmux {
    socket: std::path::PathBuf,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> std::process::Output {
        std::process::Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

#[test]
fn inside_tmux_the_answer_is_tmux_s_own_narrow_model() {
    if std::process::Command::new("tmux")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("tmux is not installed: skipped");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report");
    let tmux = Tmux {
        socket: dir.path().join("sock"),
    };
    let program = format!(
        "env LANG=C.UTF-8 {REPORT_ENV}={} {TIMEOUT_ENV}=2000 {} --exact probe_pty::child_process_entry --nocapture -q; sleep 5",
        report.display(),
        std::env::current_exe().unwrap().display()
    );
    let started = tmux.cmd(&["new-session", "-d", "-x", "80", "-y", "24", &program]);
    assert!(started.status.success(), "{started:?}");
    let start = Instant::now();
    loop {
        let screen = tmux.cmd(&["capture-pane", "-p"]);
        if String::from_utf8_lossy(&screen.stdout).contains(READY) {
            break;
        }
        assert!(start.elapsed() < PATIENCE, "no probe in tmux");
        std::thread::sleep(Duration::from_millis(20));
    }
    tmux.cmd(&["send-keys", "x"]);
    // The report is whole once its last field's line is.
    let whole = |t: &str| t.lines().any(|l| l.starts_with("took_ms=")) && t.ends_with('\n');
    let text = loop {
        let text = std::fs::read_to_string(&report).unwrap_or_default();
        if whole(&text) {
            break text;
        }
        assert!(start.elapsed() < PATIENCE, "no report from tmux: {text:?}");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(text.contains("result=Ok(Narrow)"), "{text}");
    assert!(text.contains("keys=x\n"), "{text}");
}
