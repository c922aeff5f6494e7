//! The terminal under attack: closed under a running reader, signals at
//! every moment (the start-up probe included), a dumb terminal. The exit
//! status is checked (128 + the signal, as shells expect), and so is the
//! terminal left behind: the alternate screen left, the cursor shown, the
//! line discipline back in canonical mode with echo.

use crate::common::pty::Session;
use crate::common::reader::open_xushui;

const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
const ENTER_ALT: &[u8] = b"\x1b[?1049h";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";
const PROBE: &[u8] = b"\x1b[6n";

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn signal_number(name: &str) -> u32 {
    match name {
        "HUP" => 1,
        "INT" => 2,
        "QUIT" => 3,
        "USR1" => 10,
        "ALRM" => 14,
        "TERM" => 15,
        _ => panic!("{name}"),
    }
}

/// The terminal is as the shell left it: the raw stream left the alternate
/// screen after entering it and showed the cursor, and the line discipline
/// is canonical with echo again.
#[track_caller]
fn assert_restored(s: &Session, what: &str) {
    let raw = s.raw_bytes();
    let enter = find_last(&raw, ENTER_ALT).expect("entered the alternate screen");
    let leave = find_last(&raw, LEAVE_ALT);
    assert!(
        leave.is_some_and(|l| l > enter),
        "{what}: the alternate screen was not left"
    );
    assert!(
        find_last(&raw, SHOW_CURSOR).is_some_and(|c| c > enter),
        "{what}: the cursor was not shown"
    );
    let modes = s.local_modes();
    assert!(
        modes & libc::ICANON != 0 && modes & libc::ECHO != 0,
        "{what}: the terminal was left raw (lflag {modes:#o})"
    );
}

fn with_probe(home: &std::path::Path) -> Session {
    // vt100 never answers the probe: it waits its whole second.
    Session::start(&[], 80, 24, home, &[("BULLETIN_AMBIGUOUS_WIDTH", "auto")])
}

#[test]
fn signals_during_the_probe_restore_the_terminal_and_exit_128_plus_n() {
    for name in ["TERM", "HUP", "INT", "QUIT", "USR1", "ALRM"] {
        let home = tempfile::tempdir().unwrap();
        let mut s = with_probe(home.path());
        s.wait_raw("the probe", |raw| find_last(raw, PROBE).is_some());
        s.signal(name);
        let end = s.wait_end();
        assert_eq!(
            end,
            Ok(128 + signal_number(name)),
            "SIG{name} during the probe"
        );
        assert_restored(&s, &format!("SIG{name} during the probe"));
    }
}

#[test]
fn signals_while_reading_restore_the_terminal_and_exit_128_plus_n() {
    for name in ["TERM", "HUP", "INT", "QUIT", "USR1", "ALRM"] {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], 80, 24, home.path(), &[]);
        open_xushui(&mut s);
        s.signal(name);
        let end = s.wait_end();
        assert_eq!(end, Ok(128 + signal_number(name)), "SIG{name}");
        assert_restored(&s, &format!("SIG{name}"));
    }
}

/// The window is closed (the pty's master side goes away): the reader gets
/// SIGHUP, and every write to the terminal or to stderr fails. It must
/// still save and end quietly: no panic, no abort.
#[test]
fn closing_the_terminal_under_the_reader_saves_and_exits_quietly() {
    for _ in 0..3 {
        let home = tempfile::tempdir().unwrap();
        let mut s = Session::start(&[], 80, 24, home.path(), &[]);
        open_xushui(&mut s);
        s.send_and_draw("j", 1);
        s.close_terminal();
        assert_eq!(s.wait_end(), Ok(129), "a lost terminal ends as SIGHUP does");
        let state =
            std::fs::read_to_string(home.path().join("state.json")).expect("the state was saved");
        assert!(state.contains("b2a50316"), "{state}");
    }
}

/// When the reader is not the session's leader and the leader does not
/// pass the hang-up on (a script's shell that ignores SIGHUP), no signal
/// comes: the terminal's reads find nothing, forever. The reader used to
/// spin there at 100% CPU and never end (crossterm retries a read that
/// returns 0); it must notice the hang-up itself, save and end the same way.
#[test]
fn closing_the_terminal_without_a_hangup_signal_still_ends_the_reader() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start_ignoring_hangup(&[], 80, 24, home.path(), &[]);
    open_xushui(&mut s);
    s.send_and_draw("j", 1);
    // Idle, as a reader is when an SSH connection drops: nothing left to
    // draw, so no write fails either.
    std::thread::sleep(std::time::Duration::from_millis(1500));
    s.close_terminal();
    assert_eq!(s.wait_end(), Ok(129), "a lost terminal ends as SIGHUP does");
    let state = std::fs::read_to_string(home.path().join("state.json")).expect("saved");
    assert!(state.contains("b2a50316"), "{state}");
}

/// Same as closing the terminal, with saving failing: the exit message cannot be written either,
/// and must not make it panic.
#[test]
fn closing_the_terminal_with_a_failing_save_keeps_the_copy() {
    let home = tempfile::tempdir().unwrap();
    let blocker = home.path().join("file");
    std::fs::write(&blocker, b"").unwrap();
    let data = blocker.join("data");
    let cache = home.path().join("cache");
    let env = [
        ("BULLETIN_DATA_DIR", data.to_str().unwrap()),
        ("BULLETIN_CACHE_DIR", cache.to_str().unwrap()),
    ];
    let mut s = Session::start(&[], 80, 24, home.path(), &env);
    s.wait_text("Subdistricts");
    s.send("须水\r\r");
    s.wait_text("须水街道 ");
    s.send("m");
    s.wait_text("Bookmark note");
    s.send("\r");
    s.wait_text("saved yet, will retry");
    s.close_terminal();
    assert_eq!(s.wait_end(), Ok(129));
    let copies = std::fs::read_dir(&cache).map_or(0, |d| d.count());
    assert_eq!(copies, 1, "the unsaved bookmark was copied");
}

#[test]
fn a_dumb_terminal_is_refused_with_a_pointer_to_show_and_list() {
    let home = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[], 80, 24, home.path(), &[("TERM", "dumb")]);
    assert_eq!(s.wait_end(), Ok(3), "exit status as for no terminal");
    let raw = s.raw_bytes();
    assert!(find_last(&raw, ENTER_ALT).is_none(), "took the screen");
    assert!(!raw.contains(&0x1b), "escape sequences on a dumb terminal");
    let text = String::from_utf8_lossy(&raw);
    assert!(
        text.contains("bulletin show") && text.contains("bulletin list"),
        "{text}"
    );
}

/// Replies to the probe that are not quite right must never become keys
/// (a stray `R`, digits or `[` typed into the list would start a filter).
#[test]
fn malformed_probe_replies_never_become_keys() {
    let replies = [
        "\x1b1;3R",      // no `[`
        "[1;3R",         // no ESC
        "\x1b[1;3;R",    // an empty parameter
        "\x1b[?1;3R",    // DEC private form
        "\x1b[1;3\x1bR", // an ESC inside
        "\x1b[99999999999;1R",
        "\x1b[1;3r", // wrong final byte
    ];
    // Four readers at a time: each waits out the probe's whole second,
    // which one after another made this the slowest test.
    for some in replies.chunks(4) {
        std::thread::scope(|scope| {
            for &reply in some {
                scope.spawn(move || a_reply_is_not_keys(reply));
            }
        });
    }
}

fn a_reply_is_not_keys(reply: &str) {
    let home = tempfile::tempdir().unwrap();
    let mut s = with_probe(home.path());
    s.wait_raw("the probe", |raw| find_last(raw, PROBE).is_some());
    s.send(reply);
    s.wait_text("须水街道");
    // Input is read in order: were any of the reply's bytes taken as
    // keys, they came before `j`, and the frame after `j` shows them.
    s.send_and_draw("j", 1);
    let text = s.text();
    assert!(
        !text.contains("Filter") && !text.contains('R'),
        "{reply:?} became keys:\n{text}"
    );
    s.send("q");
    assert_eq!(s.wait_end(), Ok(0));
}
