//! Special files given as the ARCHIVE (issue 15): `/dev/zero` never ends
//! and a FIFO waits for a writer for ever. Every command that reads an
//! archive, and the reader, refuses them in one line naming the file,
//! before any screen is taken. Each run is bounded (time, and memory for
//! the endless device): before the fix they read without end or blocked.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::bounded::{command, mkfifo, run_bounded};
use crate::common::pty::Session;

const SHORT: Duration = Duration::from_secs(10);
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");

/// Every command that takes an archive, with `archive` in its place.
fn commands(archive: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["check", archive],
        vec!["check", "--json", archive],
        vec!["list", archive],
        vec!["show", archive, "zy-001"],
        vec!["search", "社区", archive],
        vec!["bookmarks", archive],
    ]
}

/// Runs `args` (in `lang`'s locale) and checks it ends soon with status 1
/// and a message naming `name` and saying `what`; the message.
#[track_caller]
fn refused(args: &[&str], lang: &str, name: &str, what: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let mut cmd = command(args, home.path());
    cmd.env("LANG", lang);
    let run = run_bounded(cmd, SHORT);
    assert!(!run.timed_out, "{args:?} did not finish: {}", run.err());
    assert_eq!(run.code, Some(1), "{args:?}: {}", run.err());
    // `check --json` reports on standard output, the others on standard error.
    let said = if args.contains(&"--json") {
        run.out()
    } else {
        run.err()
    };
    assert!(
        said.contains(name) && said.contains(what),
        "{args:?}: {said}"
    );
    if !args.contains(&"--json") {
        assert_eq!(said.lines().count(), 1, "one clear line: {said}");
    }
    said
}

#[test]
fn every_command_refuses_an_endless_device_as_the_archive() {
    for args in commands("/dev/zero") {
        let what = "not a regular file (a character device)";
        refused(&args, "en_US.UTF-8", "/dev/zero", what);
    }
    let zh = refused(
        &["list", "/dev/zero"],
        "zh_CN.UTF-8",
        "/dev/zero",
        "字符设备",
    );
    assert!(zh.contains("不是普通文件（是字符设备）"), "{zh}");
}

#[test]
fn every_command_refuses_a_fifo_as_the_archive_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("archive.json");
    mkfifo(&fifo);
    let path = fifo.to_str().unwrap();
    for args in commands(path) {
        refused(&args, "en_US.UTF-8", path, "not a regular file (a FIFO)");
    }
    let zh = refused(&["list", path], "zh_CN.UTF-8", path, "命名管道");
    assert!(zh.contains("不是普通文件（是命名管道）"), "{zh}");
}

/// A FIFO among a directory's archive files is named, not left out unsaid
/// (the directory's other articles would look like the whole archive).
#[test]
fn a_fifo_inside_an_archive_directory_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(SAMPLE, dir.path().join("a.json")).unwrap();
    mkfifo(&dir.path().join("b.jsonl"));
    let path = dir.path().to_str().unwrap();
    for args in commands(path) {
        refused(
            &args,
            "en_US.UTF-8",
            "b.jsonl",
            "not a regular file (a FIFO)",
        );
    }
}

/// The reader, in a terminal: the message is printed and the screen is
/// never taken (no alternate screen).
#[track_caller]
fn reader_refuses(archive: &Path, what: &str) {
    let home = tempfile::tempdir().unwrap();
    let start = Instant::now();
    let args = [archive.to_str().unwrap()];
    let mut s = Session::start_limited(&args, 2048, home.path(), &[]);
    assert_eq!(s.wait_end(), Ok(1), "{}", s.text());
    assert!(start.elapsed() < SHORT, "took {:?}", start.elapsed());
    let raw = String::from_utf8_lossy(&s.raw_bytes()).into_owned();
    assert!(raw.contains(what), "{raw:?}");
    assert!(
        !raw.contains("\x1b[?1049h"),
        "the screen was taken: {raw:?}"
    );
}

#[test]
fn the_reader_refuses_an_endless_device_before_taking_the_screen() {
    reader_refuses(
        Path::new("/dev/zero"),
        "not a regular file (a character device)",
    );
}

#[test]
fn the_reader_refuses_a_fifo_before_taking_the_screen() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("archive.jsonl");
    mkfifo(&fifo);
    reader_refuses(&fifo, "not a regular file (a FIFO)");
}
