//! File names are untrusted text: a name holding `ESC ] 0 ; … BEL` (a
//! window title), `ESC ] 52 ; c ; … BEL` (the clipboard) or a bidi override
//! must reach the terminal without its controls, in every line the
//! importer and the state store print. Each test audits the output bytes.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::common::bounded::{Run, command, run_bounded, unsafe_chars};

const LIMIT: Duration = Duration::from_secs(30);
const LEAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/lead.txt"
);

/// Names that would set the title, the clipboard, or reverse the text.
const NAMES: &[&str] = &[
    "x\u{1b}]0;PWNED\u{7}",
    "y\u{1b}]52;c;UFdORUQ=\u{7}",
    "z\u{202e}txt.exe",
    "w\u{9b}2J\u{85}",
];

fn hostile_dir(root: &Path, name: &str) -> PathBuf {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[track_caller]
fn audited(run: &Run, what: &str) {
    for (stream, bytes) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        let bad = unsafe_chars(bytes);
        assert!(
            bad.is_empty(),
            "{what}: {stream} carries {bad:?}: {:?}",
            String::from_utf8_lossy(bytes)
        );
    }
    assert!(!run.err().contains("PWNED"), "{what}: {}", run.err());
}

fn run(args: &[&str], home: &Path) -> Run {
    let run = run_bounded(command(args, home), LIMIT);
    assert!(!run.timed_out);
    run
}

#[test]
fn import_success_lines_name_the_output_safely() {
    let home = tempfile::tempdir().unwrap();
    for name in NAMES {
        let out = hostile_dir(home.path(), name).join(format!("{name}.json"));
        let r = run(&["import", LEAD, "-o", out.to_str().unwrap()], home.path());
        assert_eq!(r.code, Some(0), "{}", r.err());
        assert!(r.err().starts_with("wrote "), "{}", r.err());
        audited(&r, "the success line");
    }
}

#[test]
fn import_errors_name_the_input_safely() {
    let home = tempfile::tempdir().unwrap();
    for name in NAMES {
        let dir = hostile_dir(home.path(), name);
        let binary = dir.join(format!("{name}.txt"));
        std::fs::write(&binary, b"\x00\x9f\x92\x96\xff\x00").unwrap();
        let r = run(&["import", binary.to_str().unwrap()], home.path());
        assert_eq!(r.code, Some(1));
        assert!(r.err().contains("binary"), "{}", r.err());
        audited(&r, "the error line");
        let missing = dir.join("missing.txt");
        let r = run(&["import", missing.to_str().unwrap()], home.path());
        assert_eq!(r.code, Some(1));
        audited(&r, "the missing-file line");
    }
}

#[test]
fn import_lossy_warnings_name_the_input_safely() {
    let home = tempfile::tempdir().unwrap();
    for name in NAMES {
        let dir = hostile_dir(home.path(), name);
        let input = dir.join(format!("{name}.txt"));
        let mut text = std::fs::read(LEAD).unwrap();
        text.extend_from_slice(b"\n\xff\n");
        std::fs::write(&input, text).unwrap();
        let r = run(
            &[
                "import",
                input.to_str().unwrap(),
                "--lossy",
                "--encoding",
                "utf-8",
            ],
            home.path(),
        );
        assert_eq!(r.code, Some(0), "{}", r.err());
        assert!(r.err().contains("U+FFFD"), "{}", r.err());
        audited(&r, "the --lossy warning");
    }
}

#[test]
fn import_refusals_of_the_output_name_it_safely() {
    let home = tempfile::tempdir().unwrap();
    for name in NAMES {
        let out = hostile_dir(home.path(), name).join(format!("{name}.json"));
        std::fs::write(&out, b"{ not an archive").unwrap();
        let r = run(&["import", LEAD, "-o", out.to_str().unwrap()], home.path());
        assert_eq!(r.code, Some(1));
        assert!(r.err().contains("refusing to overwrite"), "{}", r.err());
        audited(&r, "the refusal");
    }
}

/// The data directory's path is printed in the state file's notices.
#[test]
fn state_notices_name_the_data_directory_safely() {
    let home = tempfile::tempdir().unwrap();
    for name in NAMES {
        let data = hostile_dir(home.path(), name);
        std::fs::write(data.join("state.json"), b"{ damaged").unwrap();
        let mut cmd = command(&["bookmarks"], home.path());
        cmd.env("BULLETIN_DATA_DIR", &data);
        let r = run_bounded(cmd, LIMIT);
        assert_eq!(r.code, Some(0), "{}", r.err());
        assert!(r.err().contains("damaged"), "{}", r.err());
        audited(&r, "the damaged-file notice");
    }
}

/// A state file whose damage is a hostile string: serde quotes it back.
#[test]
fn state_notices_quote_damage_safely() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let state = r#"{"version":1,"archives":{"t":{"title":"t","positions":{"a":{"anchor":{"article":"a","unit":0,"offset":0,"fingerprint":""},"status":"\u001b]0;PWNED\u0007","updated":"2024-05-01T08:30:12.345Z"}}}}}"#;
    std::fs::write(data.join("state.json"), state).unwrap();
    let r = run(&["bookmarks"], home.path());
    assert_eq!(r.code, Some(0), "{}", r.err());
    audited(&r, "the notice quoting the file");
}

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");

/// Every reading command, on a good archive, a broken one, a directory
/// holding both and a missing file, each under a hostile name: every line
/// naming the file (ok lines, errors, problem counts, JSON) is clean.
#[test]
fn reading_commands_name_the_archive_safely() {
    let home = tempfile::tempdir().unwrap();
    let sample = std::fs::read(SAMPLE).unwrap();
    for name in NAMES {
        let dir = hostile_dir(home.path(), name);
        let good = dir.join(format!("{name}.json"));
        std::fs::write(&good, &sample).unwrap();
        let bad = dir.join(format!("{name}-bad.json"));
        std::fs::write(
            &bad,
            b"{\"format\": \"bulletin-archive/1\",\n  \"title\": 3,",
        )
        .unwrap();
        let missing = dir.join(format!("{name}-missing.json"));
        for file in [&good, &bad, &missing, &dir] {
            let f = file.to_str().unwrap();
            let runs: [&[&str]; 8] = [
                &["check", f],
                &["check", f, "--json"],
                &["list", f],
                &["list", f, "--json"],
                &["show", f, "b2a50316"],
                &["show", f, "no-such-id"],
                &["search", "党建", f],
                &["bookmarks", f],
            ];
            for args in runs {
                let r = run(args, home.path());
                assert!(r.code.is_some(), "{args:?} ended by a signal");
                audited(&r, &format!("{:?}", args));
            }
        }
    }
}
