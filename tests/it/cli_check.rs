//! `bulletin check` and the command line's contract: exit statuses, errors
//! on stderr, `--help` and `--version`. The loader's exact messages are
//! checked in `model_load.rs`; here, what a user of the binary sees.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use regex::Regex;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");
const SUBCOMMANDS: [&str; 5] = ["list", "show", "check", "import", "bookmarks"];

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    entries
}

/// Runs the binary with a private home and data directory.
fn run(args: &[&std::ffi::OsStr]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .args(args)
        .env("HOME", home.path())
        .env("BULLETIN_DATA_DIR", home.path())
        .env("NO_COLOR", "1")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn run_str(args: &[&str]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(std::ffi::OsStr::new).collect();
    run(&args)
}

fn check(path: &Path) -> Output {
    run(&["check".as_ref(), path.as_os_str()])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
fn assert_no_panic(out: &Output) {
    let err = text(&out.stderr);
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{err}"
    );
    assert_ne!(out.status.code(), Some(101), "panic exit status");
}

#[test]
fn every_bad_fixture_fails_with_a_message_naming_it() {
    let bad = fixtures("bad");
    assert!(bad.len() >= 12, "a dozen malformed archives at least");
    for path in bad {
        let out = check(&path);
        let err = text(&out.stderr);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{}: {err}", path.display());
        assert!(
            out.stdout.is_empty(),
            "{}: stdout {:?}",
            path.display(),
            text(&out.stdout)
        );
        assert!(
            err.contains(&path.display().to_string()),
            "{}: the message does not name the file: {err}",
            path.display()
        );
        assert!(err.ends_with('\n'));
    }
}

/// A syntax error is placed: `FILE:LINE:COLUMN: …`.
#[test]
fn syntax_errors_give_line_and_column() {
    for name in [
        "syntax_mid.json",
        "truncated.json",
        "trailing.json",
        "bad_line.jsonl",
        "top_array.json",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/bad")
            .join(name);
        let out = check(&path);
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        let placed = Regex::new(&format!(
            r"{}:[1-9][0-9]*:[1-9][0-9]*: ",
            regex::escape(&path.display().to_string())
        ))
        .unwrap();
        assert!(
            placed.is_match(&err),
            "{name}: no FILE:LINE:COLUMN in {err}"
        );
    }
}

/// Schema problems are all listed at once, each on its own line.
#[test]
fn schema_problems_are_listed_together() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad/many_problems.json");
    let out = check(&path);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.lines().count() >= 5, "{err}");
    for id in ["zy-001", "zy-002", "#3"] {
        assert!(err.contains(id), "{id} not named: {err}");
    }
}

#[test]
fn every_good_fixture_passes() {
    let good = fixtures("good");
    assert!(!good.is_empty());
    for path in good {
        let out = check(&path);
        assert_no_panic(&out);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            path.display(),
            text(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}: {}",
            path.display(),
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("ok"), "{}", text(&out.stdout));
    }
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/zhongyuan.json");
    assert_eq!(check(&sample).status.code(), Some(0));
}

#[test]
fn a_missing_file_fails_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.json");
    let out = check(&path);
    assert_no_panic(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).contains("nowhere.json"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn odd_inputs_fail_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>); 4] = [
        ("nested.json", "[".repeat(100_000).into_bytes()),
        ("nul.json", b"\0\0\0\0".to_vec()),
        (
            "latin1.json",
            b"{\"format\": \"bulletin-archive/1\", \"title\": \"\xe9\"}".to_vec(),
        ),
        ("blank.json", b"  \n\n ".to_vec()),
    ];
    for (name, bytes) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = check(&path);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{name}: {}", text(&out.stderr));
        assert!(
            text(&out.stderr).contains(name),
            "{name}: {}",
            text(&out.stderr)
        );
    }
}

/// Each command's help documents its own exit statuses (3 is the
/// reader's alone), in both languages.
#[test]
fn help_of_every_command_lists_the_exit_statuses() {
    let status_line = |n: u8| Regex::new(&format!(r"(?m)^\s*{n}\s+\S")).unwrap();
    let mut commands: Vec<Vec<&str>> = vec![vec!["--help"]];
    commands.extend(SUBCOMMANDS.iter().map(|c| vec![*c, "--help"]));
    commands.push(vec!["help", "check"]);
    for lang in ["en", "zh"] {
        for args in &commands {
            let mut args = [vec!["--lang", lang], args.clone()].concat();
            let out = run_str(&args);
            args.drain(..2);
            assert_eq!(out.status.code(), Some(0), "{args:?}");
            let help = text(&out.stdout);
            let heading = if lang == "en" {
                "Exit status"
            } else {
                "退出状态"
            };
            assert!(help.contains(heading), "{args:?}: {help}");
            let reader = args[0] == "--help";
            for n in 0..=3 {
                assert_eq!(
                    status_line(n).is_match(&help),
                    n < 3 || reader,
                    "{args:?}: exit status {n}:\n{help}"
                );
            }
        }
    }
}

/// `import --help` is about importing: nothing of the reader's ARCHIVE.
#[test]
fn import_help_describes_import_only() {
    for lang in ["en", "zh"] {
        let help = text(&run_str(&["import", "--help", "--lang", lang]).stdout);
        for reader in ["sample", "示例", "terminal", "终端", "ARCHIVE is"] {
            assert!(!help.contains(reader), "{lang}: {reader}:\n{help}");
        }
    }
}

#[test]
fn version_prints_the_package_version() {
    let out = run_str(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout).trim(),
        format!("bulletin {}", env!("CARGO_PKG_VERSION"))
    );
}

/// Issue 2: "`--help` and `--version` on every command".
#[test]
fn version_works_on_every_subcommand() {
    for sub in SUBCOMMANDS {
        let out = run_str(&[sub, "--version"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{sub} --version: {}",
            text(&out.stderr)
        );
        assert!(
            text(&out.stdout).contains(env!("CARGO_PKG_VERSION")),
            "{sub}"
        );
    }
}

#[test]
fn usage_errors_exit_2_with_a_message_on_stderr() {
    let cases: [&[&str]; 9] = [
        &["--no-such-flag"],
        &["list", "--bogus"],
        &["show"],
        &["show", "no-such-id"],
        &["list"],
        &["search", "社区"],
        &["show", "b2a50316", "--width", "0"],
        &["show", "b2a50316", "--ambiguous-width", "huge"],
        &["frobnicate", "x", "y"],
    ];
    for args in cases {
        let out = run_str(args);
        assert_no_panic(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

#[test]
fn failures_of_list_and_show_exit_1_on_stderr() {
    // Without an archive (`list`, `search 社区`, `show no-such-id`) the
    // command line is wrong: exit 2, with the usage errors.
    let cases: [&[&str]; 3] = [
        &["show", "--sample", "no-such-id"],
        &["list", "--sample", "--subdistrict", "不存在街道"],
        &["list", "/no/such/archive.json"],
    ];
    for args in cases {
        let out = run_str(args);
        assert_no_panic(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}");
    }
}

/// A file of another shape gives the same few problems for every
/// article: grouped by kind, with counts and the first places, and one
/// summary line at the end (not one line per problem).
#[test]
fn check_groups_problems_by_kind_with_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.jsonl");
    let lines: Vec<String> = (0..54)
        .map(|i| format!("{{\"name\": \"x{i}\", \"value\": {i}}}"))
        .collect();
    std::fs::write(&path, lines.join("\n")).unwrap();
    let out = check(&path);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.lines().count() < 30, "{err}");
    for kind in [
        "missing id (54)",
        "missing title (54)",
        "missing district (54)",
        "missing body (54)",
    ] {
        assert!(err.contains(kind), "{kind}:\n{err}");
    }
    assert!(err.contains("… and 51 more"), "{err}");
    assert!(
        err.contains(&format!("{}:1: article #1: missing id", path.display())),
        "{err}"
    );
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        format!(
            "bulletin: {}: 216 problems of 4 kinds, in 54 of 54 articles",
            path.display()
        )
    );
    let zh = run(&[
        "--lang".as_ref(),
        "zh".as_ref(),
        "check".as_ref(),
        path.as_os_str(),
    ]);
    let zh = text(&zh.stderr);
    assert!(zh.contains("缺少 id 字段（54 处）"), "{zh}");
    assert!(
        zh.ends_with("共 216 个问题（4 类），涉及 54 篇文章中的 54 篇\n"),
        "{zh}"
    );
}
