//! Untrusted text never reaches the terminal as commands (GUIDE §3, issue 3).
//!
//! `tests/fixtures/hostile/hostile.json` carries escape sequences and
//! invisible characters in every text field: OSC title sets ending in BEL,
//! in ST and in nothing, 7-bit and 8-bit CSI (`ESC[2J`, `ESC[31m`, U+009B),
//! 8-bit OSC (U+009D … U+009C), DCS, RIS (`ESC c`), bidi controls (U+202E,
//! U+2066, U+2069), zero-width space, soft hyphen, BOM, BEL, BS, DEL, NEL.
//! The payloads are distinctive (`PWNED`, `DCSDATA`, `RED`) so their absence
//! from the program's output is meaningful even though the program itself
//! legitimately writes escape sequences (ratatui clears with `ESC[2J` too).

use crate::common;

use std::process::Command;

use common::pty::Session;
use common::reader::parse_status;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");
const HOSTILE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/hostile/hostile.json"
);
const IDS: [&str; 3] = ["h-001", "h-002", "h-003"];

/// Byte sequences from the fixture that must never reach the terminal.
const INJECTED: &[(&str, &[u8])] = &[
    ("the OSC payload", b"PWNED"),
    ("the DCS payload", b"DCSDATA"),
    ("an OSC title set", b"\x1b]0;"),
    ("an OSC title set", b"\x1b]2;"),
    ("a DCS", b"\x1bP"),
    ("a terminal reset", b"\x1bc"),
    ("the red SGR before RED", b"\x1b[31mRED"),
    ("blink", b"\x1b[5m"),
    ("the clear-screen between 甲 and 乙", "甲\x1b[2J".as_bytes()),
    ("BEL", b"\x07"),
    ("BS", b"\x08"),
    ("DEL", b"\x7f"),
    ("U+009B (8-bit CSI)", "\u{9b}".as_bytes()),
    ("U+009C (8-bit ST)", "\u{9c}".as_bytes()),
    ("U+009D (8-bit OSC)", "\u{9d}".as_bytes()),
    ("U+0085 (NEL)", "\u{85}".as_bytes()),
    ("U+202E (right-to-left override)", "\u{202e}".as_bytes()),
    ("U+2066 (left-to-right isolate)", "\u{2066}".as_bytes()),
    ("U+2069 (pop directional isolate)", "\u{2069}".as_bytes()),
    ("U+200B (zero-width space)", "\u{200b}".as_bytes()),
    ("U+00AD (soft hyphen)", "\u{ad}".as_bytes()),
    ("U+FEFF (BOM)", "\u{feff}".as_bytes()),
];

/// What the reader must show once the sequences are gone: the text around
/// each payload, joined.
const VISIBLE: &[&str] = &[
    "一号RED文章",                       // title: OSC+BEL, then CSI around RED, then U+202E
    "副题二号",                          // subtitle: OSC+ST, 8-bit CSI, zero-width space
    "恶意街道",                          // subdistrict: CSI, U+2066/U+2069
    "张三RED",                           // byline name: soft hyphen, CSI
    "通讯员 李四",                       // byline: DCS in the role, U+202E in the name
    "来源报",                            // source: 8-bit OSC, BOM
    "继续RED说明情况，甲乙丙丁戊己庚。", // body
    "小标题完",                          // heading: DCS, OSC+ST
    "第二行重置止",                      // body: RIS, OSC 2 + BEL
    "图片说明文字",                      // caption: 8-bit OSC, 8-bit CSI, U+202E
    "通讯员 王五 图",                    // credit: zero-width space, blink SGR
    "第二篇稿件RED",                     // second title: isolates, OSC+ST
    "赵六",                              // byline name: OSC+BEL
    "未终止的",                          // an OSC without terminator ends at the end of its line…
    "下一行的文字保留。",                // …and the next line survives
    "孤立的和之后铃声退格删除下一行。",  // lone ESC, lone U+009B, BEL, BS, DEL, NEL
];

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Opens every article of the hostile archive in turn (`]`), pages through
/// each with Space, and checks the raw byte stream and what the screen shows.
#[test]
fn the_reader_shows_hostile_text_inert() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(&[HOSTILE], 80, 24, dir.path(), &[]);
    s.wait_text("第二篇");
    let mut seen = String::new();
    seen.push_str(&s.text());
    // Waits for what a key shows, not for a frame: any frame (a save's
    // outcome, a tick) could end a wait for "one more frame" early.
    s.send("\r");
    let first = format!("1/{}", IDS.len());
    s.wait_for("the first article", |t| {
        t.lines()
            .next()
            .is_some_and(|r| r.trim_end().ends_with(&first))
    });
    let mut articles = 0;
    loop {
        articles += 1;
        loop {
            let snap = s.snapshot();
            seen.push_str(&snap.contents);
            let st = parse_status(snap.rows.last().unwrap()).expect("a status line");
            if st.last == st.total {
                break;
            }
            s.send_and_draw(" ", 1);
        }
        let next = format!("{}/{}", articles + 1, IDS.len());
        s.send("]");
        s.wait_for(&format!("article {next} or the last"), |t| {
            t.contains("Last article in this group")
                || t.lines()
                    .next()
                    .is_some_and(|r| r.trim_end().ends_with(&next))
        });
        if s.text().contains("Last article in this group") {
            break;
        }
    }
    assert_eq!(articles, IDS.len());
    s.send("q");
    s.wait_for("the list", |t| !t.contains('%'));
    s.send("q");
    assert_eq!(s.wait_exit(), 0);

    let raw = s.raw_bytes();
    for (what, bytes) in INJECTED {
        assert!(!contains(&raw, bytes), "{what} reached the terminal");
    }
    let seen = no_space(&seen);
    for want in VISIBLE {
        assert!(seen.contains(&no_space(want)), "{want:?} is not on screen");
    }
    for leftover in ["[31m", "[2J", "]0;", "[0m", "[5m", "[1m", "P1$q"] {
        assert!(!seen.contains(leftover), "{leftover:?} shows on screen");
    }
}

/// A character no plain-text output may contain.
fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c,
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
            | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{00AD}' | '\u{FEFF}')
}

#[track_caller]
fn assert_clean(what: &str, bytes: &[u8]) {
    let text = String::from_utf8(bytes.to_vec()).unwrap_or_else(|_| panic!("{what}: not UTF-8"));
    if let Some(c) = text.chars().find(|&c| forbidden(c)) {
        panic!("{what} contains U+{:04X}:\n{text}", c as u32);
    }
    for payload in [
        "PWNED", "DCSDATA", "\\u001b", "\\u009b", "\\u202e", "\\u2066", "\\u200b",
    ] {
        assert!(
            !text.to_lowercase().contains(&payload.to_lowercase()),
            "{what} contains {payload}"
        );
    }
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

#[test]
fn list_show_and_check_print_hostile_text_inert() {
    let mut outputs = vec![
        ("list".to_string(), run(&["list", HOSTILE])),
        ("list --json".to_string(), run(&["list", HOSTILE, "--json"])),
        ("check".to_string(), run(&["check", HOSTILE])),
    ];
    for id in IDS {
        for width in ["20", "80"] {
            for mode in ["narrow", "wide"] {
                let args = [
                    "show",
                    id,
                    "--archive",
                    HOSTILE,
                    "--width",
                    width,
                    "--ambiguous-width",
                    mode,
                ];
                outputs.push((args.join(" "), run(&args)));
            }
        }
    }
    for (what, out) in &outputs {
        assert!(
            out.status.success(),
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{what} printed nothing");
        assert_clean(what, &out.stdout);
        assert_clean(what, &out.stderr);
    }
    let list = String::from_utf8_lossy(&outputs[0].1.stdout);
    assert!(
        list.contains("一号RED文章") && list.contains("恶意街道"),
        "{list}"
    );
    let show = String::from_utf8_lossy(&outputs[3].1.stdout);
    assert!(no_space(&show).contains("甲乙丙丁戊己庚"), "{show}");
}

/// Hostile text from the command line and from file names, echoed in error
/// messages, is made inert too.
#[test]
fn error_messages_print_hostile_arguments_inert() {
    let id = "\x1b]0;PWNED\x07\u{202e}x";
    // With an archive, so that the id is echoed (no such article).
    let out = run(&["show", "--sample", id]);
    assert_eq!(out.status.code(), Some(1));
    assert_clean("show with a hostile id", &out.stderr);

    let hostile = "\x1b[2J\x1bP1$qDCSDATA\x1b\\街道";
    let out = run(&["list", "--sample", "--subdistrict", hostile]);
    assert_eq!(out.status.code(), Some(1));
    assert_clean("list with a hostile subdistrict", &out.stderr);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad\x1b]0;PWNED\x07\u{202e}.json");
    std::fs::write(&path, "{\"format\": ").unwrap();
    let out = Command::new(BIN).arg("check").arg(&path).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!out.stderr.is_empty());
    assert_clean("check of a file with a hostile name", &out.stderr);
}
