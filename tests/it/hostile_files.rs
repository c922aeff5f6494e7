//! Hostile files where a file is expected: endless devices, FIFOs, a pipe
//! behind `/dev/stdout`, a directory. Each run is bounded (time and memory):
//! before the fix these read without end or blocked for ever.

use std::time::Duration;

use crate::common::bounded::{command, mkfifo, run_bounded};

const SHORT: Duration = Duration::from_secs(15);
const LEAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/lead.txt"
);

#[track_caller]
fn refused(args: &[&str], what: &str) -> String {
    let home = tempfile::tempdir().unwrap();
    let run = run_bounded(command(args, home.path()), SHORT);
    assert!(!run.timed_out, "{args:?} did not finish: {}", run.err());
    assert_eq!(run.code, Some(1), "{args:?}: {}", run.err());
    let err = run.err();
    assert!(err.contains(what), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    err
}

#[test]
fn import_refuses_an_endless_device_as_input() {
    refused(
        &["import", "/dev/zero"],
        "not a regular file (a character device)",
    );
}

#[test]
fn import_refuses_a_fifo_as_input_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("in.txt");
    mkfifo(&fifo);
    refused(
        &["import", fifo.to_str().unwrap()],
        "not a regular file (a FIFO)",
    );
}

#[test]
fn import_refuses_an_endless_device_as_output() {
    refused(
        &["import", LEAD, "-o", "/dev/full"],
        "not a regular file (a character device)",
    );
}

#[test]
fn import_refuses_a_pipe_behind_dev_stdout_as_output() {
    // `run_bounded` gives the child a pipe for standard output.
    let err = refused(&["import", LEAD, "-o", "/dev/stdout"], "a FIFO");
    assert!(err.contains("leave out -o"), "{err}");
}

#[test]
fn import_refuses_a_directory_as_output() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &["import", LEAD, "-o", dir.path().to_str().unwrap()],
        "not a regular file (a directory)",
    );
}

/// `bookmarks` opens the state read-only, like the reader but with no
/// screen; a FIFO as `state.json` used to block it (and the reader, holding
/// the lock, so every other reader too).
#[test]
fn a_fifo_as_the_state_file_is_reported_not_waited_for() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir(&data).unwrap();
    mkfifo(&data.join("state.json"));
    let run = run_bounded(command(&["bookmarks"], home.path()), SHORT);
    assert!(!run.timed_out, "blocked on the FIFO");
    assert_eq!(run.code, Some(0), "{}", run.err());
    assert!(
        run.err().contains("not a regular file (a FIFO)"),
        "{}",
        run.err()
    );
}

#[test]
fn an_endless_device_as_the_state_file_is_reported_not_read() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir(&data).unwrap();
    std::os::unix::fs::symlink("/dev/zero", data.join("state.json")).unwrap();
    let run = run_bounded(command(&["bookmarks"], home.path()), SHORT);
    assert!(!run.timed_out, "read /dev/zero");
    assert_eq!(run.code, Some(0), "{}", run.err());
    assert!(
        run.err()
            .contains("not a regular file (a character device)"),
        "{}",
        run.err()
    );
}

/// The reader itself: a FIFO as `state.json` used to block it at start-up
/// while it held `state.lock` (so every other reader blocked too).
#[test]
fn the_reader_starts_with_a_fifo_as_the_state_file() {
    let home = tempfile::tempdir().unwrap();
    mkfifo(&home.path().join("state.json"));
    let mut s = crate::common::pty::Session::start(&[], 80, 24, home.path(), &[]);
    s.wait_text("须水街道");
    s.wait_text("a FIFO");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
