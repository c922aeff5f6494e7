//! An archive cut short while it is being opened (issue 15). The start-up
//! pass over a large archive used to read a memory map of it: when another
//! process truncated the file meanwhile, touching the pages it had lost
//! killed `bulletin list` (and the reader) with SIGBUS. Now the file is
//! read, not mapped: a file cut short reads short, which is an error with
//! the file's name, or was read whole before the cut; never a signal.
//!
//! Each cut is made once the process has read a given share of the file
//! (its `rchar` in `/proc/PID/io`, polled), and where it landed is checked again
//! after the cut: a cut made before the file was read whole must end in
//! the error, one made after may end either way, and at least one cut
//! must have landed mid-read (or the test proved nothing).

#[allow(dead_code)]
#[path = "../../examples/gen-archive/synth.rs"]
mod synth;

use std::fs::OpenOptions;
use std::io::Read;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use bulletin::model::{Archive, FORMAT_TAG};
use serde_json::Map;

use crate::common::bounded::{command, wait_within};

/// About 2.5 KB each: some 25 MB, which the pass takes a while over.
const ARTICLES: usize = 10_000;
/// Cuts, made when the process has read 1/7, 2/7 ... 6/7 of the file.
const CUTS: u64 = 6;
/// A run that takes longer has hung.
const LIMIT: Duration = Duration::from_secs(20);

/// A SYNTHETIC archive (`examples/gen-archive`'s articles), as JSON.
fn archive() -> Vec<u8> {
    let mut rng = synth::Rng::new(15);
    let places = synth::Places::new(&mut rng, 40);
    let articles = (1..=ARTICLES)
        .map(|n| synth::article(&mut rng, &places, n))
        .collect();
    let archive = Archive {
        format: FORMAT_TAG.into(),
        title: "合成测试档案 (synthetic)".into(),
        key: None,
        articles,
        extra: Map::new(),
    };
    serde_json::to_vec(&archive).unwrap()
}

/// Bytes the process has read so far, from any file (`None` once it is
/// gone).
fn bytes_read(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    let line = io.lines().find_map(|l| l.strip_prefix("rchar:"))?;
    line.trim().parse().ok()
}

/// Where a cut landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Landed {
    /// The process ended before it had read that much: no cut.
    NotMade,
    /// After the cut it still had not read as many bytes as the file had:
    /// it was cut while being read.
    MidRead,
    /// It had read that many bytes by then (from the archive and other
    /// files): perhaps the whole archive before the cut.
    MaybeAfter,
}

/// How one run ended.
struct Outcome {
    status: ExitStatus,
    landed: Landed,
    stdout: String,
    stderr: String,
}

/// Reads a pipe to its end on a thread (`list` writes more than a pipe
/// holds).
fn drain(mut pipe: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut s = String::new();
        let _ = pipe.read_to_string(&mut s);
        s
    })
}

/// Once the child has read `at` bytes, cuts the file at `path` to
/// `to` bytes; where the cut landed against the file's `len`.
fn cut_when_read(child: &mut Child, path: &Path, at: u64, to: u64, len: u64) -> Landed {
    let pid = child.id();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return Landed::NotMade;
        }
        match bytes_read(pid) {
            Some(n) if n >= at => break,
            None => return Landed::NotMade,
            Some(_) => {}
        }
        assert!(
            start.elapsed() < LIMIT,
            "read less than {at} bytes in {LIMIT:?}"
        );
        // A poll, not a wait for time: a millisecond is some kilobytes of
        // reading, against megabytes between the marks.
        std::thread::sleep(Duration::from_millis(1));
    }
    let file = OpenOptions::new().write(true).open(path).unwrap();
    file.set_len(to).unwrap();
    match bytes_read(pid) {
        Some(n) if n < len => Landed::MidRead,
        _ => Landed::MaybeAfter,
    }
}

/// Writes `bytes` to `path` and runs `bulletin list` on it; with `cut`
/// `(at, to)`, the file is cut to `to` bytes once the process has read
/// `at`.
fn list_cut(path: &Path, bytes: &[u8], cut: Option<(u64, u64)>) -> Outcome {
    std::fs::write(path, bytes).unwrap();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(&["list", path.to_str().unwrap()], home.path());
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let landed = match cut {
        Some((at, to)) => cut_when_read(&mut child, path, at, to, bytes.len() as u64),
        None => Landed::NotMade,
    };
    let (status, killed) = wait_within(child, LIMIT);
    assert!(!killed, "bulletin list did not end");
    Outcome {
        status,
        landed,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// Every article listed: the archive was read whole.
fn listed_whole(out: &Outcome) -> bool {
    out.status.code() == Some(0)
        && out.stdout.lines().filter(|l| l.starts_with("  ")).count() == ARTICLES
}

/// The error, naming the file.
fn refused(out: &Outcome, path: &Path) -> bool {
    let name = path.file_name().unwrap().to_str().unwrap();
    out.status.code() == Some(1) && out.stderr.contains(name)
}

#[test]
fn an_archive_cut_short_while_it_is_opened_is_never_a_signal() {
    let bytes = archive();
    let len = bytes.len() as u64;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let whole = list_cut(&path, &bytes, None);
    assert!(listed_whole(&whole), "{:?}: {}", whole.status, whole.stderr);
    let mut mid_read = 0;
    for k in 1..=CUTS {
        // To a tenth (behind the reader), or to nine tenths (ahead of it).
        let to = if k % 2 == 1 { len / 10 } else { len * 9 / 10 };
        let at = len * k / (CUTS + 1);
        let out = list_cut(&path, &bytes, Some((at, to)));
        let what = format!(
            "cut to {to} at {at} of {len}: {:?}, {:?}: {}",
            out.landed, out.status, out.stderr
        );
        assert_eq!(out.status.signal(), None, "{what}");
        match out.landed {
            Landed::MidRead => {
                mid_read += 1;
                assert!(refused(&out, &path), "{what}");
            }
            Landed::MaybeAfter => assert!(listed_whole(&out) || refused(&out, &path), "{what}"),
            Landed::NotMade => assert!(listed_whole(&out), "{what}"),
        }
    }
    assert!(mid_read > 0, "no cut landed while the file was being read");
}
