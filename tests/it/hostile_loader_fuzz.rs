//! A mutation fuzzer of the archive loader. The bundled sample archive, as
//! a single JSON file and as JSON Lines, is damaged byte by byte and token
//! by token (`hostile_loader_mutate`); on the result:
//!
//! - nothing panics or hangs: `check`, `list` and `show` (every id, and
//!   one that is not there) run in process, and for one case in eight the
//!   real binary too, with a time limit; no signal, no "panicked";
//! - `bulletin check` refuses (exit 1) every file an independent judge
//!   refuses (`hostile_loader_oracle`: serde_json's parser, a known name
//!   twice, a bad byte, a few plain rules), with and without `--json`;
//! - an error has its place: bad UTF-8, syntax errors and names given
//!   twice give `FILE:LINE:COLUMN:` inside the file, in the text and the
//!   JSON report alike (bad UTF-8: exactly the first bad byte; a syntax
//!   error: serde_json's own line, or earlier where a value of the wrong
//!   kind begins; a name twice: its line; text after an archive object:
//!   where it begins); the problems of a JSON Lines
//!   file name lines where articles start;
//! - no reader shows an article that gives a known name twice, and what
//!   `check` passes, `list` and `show` read without a word on stderr;
//! - no output holds a character sanitising removes (ESC, other controls
//!   but newline, C1, bidi and invisible characters:
//!   `text::sanitize::REMOVED`), U+2028/U+2029, or bytes that are not
//!   UTF-8; `--json` output not even what it escapes (`is_unseen`).
//!
//! Bounded for `cargo test` (128 cases, about 2 s); `BULLETIN_FUZZ_CASES=3000
//! cargo test --test it hostile_loader_fuzz` runs longer.

use std::path::Path;
use std::sync::LazyLock;
use std::time::Duration;

use bulletin::cli::{
    ArticleArgs, CheckArgs, ListArgs, Opening, ShowArgs, run_check, run_list, run_show,
};
use bulletin::config::AmbiguousWidth;
use bulletin::lang::Lang;
use bulletin::model::{SAMPLE_JSON, Strictness, open_path_with};
use bulletin::text::sanitize::is_unseen;
use proptest::prelude::*;
use serde_json::Value;

use super::common::bounded::{command, run_bounded, unsafe_chars};
use super::hostile_loader_mutate::{apply, as_json_lines, mutation};
use super::hostile_loader_oracle::{Refused, judge};

static LINES: LazyLock<String> = LazyLock::new(|| as_json_lines(SAMPLE_JSON));

/// An id no archive holds, asked for with `show`.
const ABSENT: &str = "zz\u{1b}[2J\u{202e}";

/// What a command wrote, and its exit status.
struct Out {
    code: u8,
    out: Vec<u8>,
    err: Vec<u8>,
}

impl Out {
    fn err(&self) -> String {
        String::from_utf8_lossy(&self.err).into_owned()
    }
}

fn opening(command: &'static str) -> Opening {
    let mut open = Opening::default();
    open.prepare(command, Lang::En);
    open
}

fn check(path: &Path, json: bool) -> Out {
    let args = CheckArgs {
        archive: Some(path.to_path_buf()),
        sample: false,
        json,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_check(&args, Lang::En, &mut out, &mut err);
    Out { code, out, err }
}

fn list(path: &Path, json: bool) -> Out {
    let args = ListArgs {
        archive: Some(path.to_path_buf()),
        subdistrict: None,
        json,
        open: opening("list"),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_list(&args, &mut out, &mut err);
    Out { code, out, err }
}

fn show(path: &Path, id: &str, width: u16) -> Out {
    let args = ShowArgs {
        article: ArticleArgs {
            archive: Some(path.to_path_buf()),
            id: Some(id.to_owned()),
            archive_option: None,
            open: opening("show"),
        },
        width,
        ambiguous_width: AmbiguousWidth::Narrow,
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_show(&args, &mut out, &mut err);
    Out { code, out, err }
}

/// Output a terminal can take as it is: UTF-8, and nothing sanitising
/// removes (but newlines) or turns into a line break; JSON output not even
/// what it escapes (every character that cannot be seen).
fn clean(what: &str, bytes: &[u8]) -> TestResult {
    let text = String::from_utf8_lossy(bytes);
    prop_assert!(
        std::str::from_utf8(bytes).is_ok(),
        "{}: not UTF-8: {:?}",
        what,
        text
    );
    let mut bad = unsafe_chars(bytes);
    bad.extend(
        text.chars()
            .filter(|c| matches!(c, '\u{2028}' | '\u{2029}')),
    );
    if what.contains("--json") {
        bad.extend(text.chars().filter(|&c| c != '\n' && is_unseen(c)));
    }
    prop_assert!(bad.is_empty(), "{} prints {:?}: {:?}", what, bad, text);
    Ok(())
}

fn clean_run(what: &str, out: &Out) -> TestResult {
    clean(&format!("{what} (stdout)"), &out.out)?;
    clean(&format!("{what} (stderr)"), &out.err)
}

/// A refused file's `line:column`: in the text (`bulletin: FILE:L:C: …`)
/// and in the JSON report alike, inside the file, and where the judge
/// puts it.
fn located(file: &[u8], path: &str, plain: &Out, report: &Value, why: &Refused) -> TestResult {
    let err = plain.err();
    let place = err
        .strip_prefix(&format!("bulletin: {path}:"))
        .and_then(|rest| {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next()?.parse::<usize>().ok()?;
            let column = parts.next()?.parse::<usize>().ok()?;
            parts.next()?.starts_with(' ').then_some((line, column))
        });
    let Some((line, column)) = place else {
        return Err(TestCaseError::fail(format!("{why:?}: no place in {err:?}")));
    };
    let error = &report["error"];
    prop_assert_eq!(
        (&error["line"], &error["column"]),
        (&Value::from(line), &Value::from(column))
    );
    let body = file.strip_prefix(b"\xef\xbb\xbf").unwrap_or(file);
    let lines: Vec<&[u8]> = body.split(|&b| b == b'\n').collect();
    prop_assert!(
        (1..=lines.len()).contains(&line),
        "line {} of {}",
        line,
        lines.len()
    );
    let chars = String::from_utf8_lossy(lines[line - 1]).chars().count();
    prop_assert!(
        (1..=chars + 1).contains(&column),
        "column {} of {}",
        column,
        chars
    );
    // A value of the wrong kind (the archive object, or its `articles`) is
    // refused where it begins, which may come before what the judge saw.
    let shape = err.contains(", found ") || err.contains("without an \"articles\"");
    let at = |l: usize, c: Option<usize>| {
        let exact = line == l && c.is_none_or(|c| c == column);
        exact || shape && line <= l
    };
    match *why {
        Refused::Utf8 { line: l, column: c } => {
            prop_assert_eq!((line, column), (l, c), "{}", err);
            prop_assert!(err.contains("not valid UTF-8"), "{}", err);
        }
        Refused::Syntax { line: l, .. } => prop_assert!(at(l, None), "serde: {}: {}", l, err),
        Refused::Twice { line: l, .. } => prop_assert!(at(l, None), "{:?}: {}", why, err),
        Refused::Trailing { line: l, column: c } => {
            prop_assert!(at(l, Some(c)), "{:?}: {}", why, err);
        }
        _ => {}
    }
    Ok(())
}

type TestResult = Result<(), TestCaseError>;

/// Where `check --json` places each problem: the file; for JSON Lines
/// (`starts`: the lines articles start on) `FILE:LINE` of its article.
fn places(report: &Value, path: &str, starts: Option<&[usize]>) -> TestResult {
    let problems = report["problems"].as_array().cloned().unwrap_or_default();
    for p in &problems {
        let location = p["location"].as_str().unwrap_or("(none)");
        let ok = match (starts, location.strip_prefix(&format!("{path}:"))) {
            (None, _) => location == path,
            (Some(starts), Some(n)) => n.parse().is_ok_and(|n: usize| starts.contains(&n)),
            (Some(_), None) => false,
        };
        prop_assert!(
            ok,
            "placed at {} (articles at {:?}): {}",
            location,
            starts,
            p
        );
    }
    Ok(())
}

/// The commands on the real binary, bounded: no hang, no signal, no
/// panic, nothing raw printed; `check` as in process.
fn via_binary(path: &Path, id: &str, check_code: u8) -> TestResult {
    let home = tempfile::tempdir().unwrap();
    let file = path.to_str().unwrap();
    let runs: [(&[&str], Option<u8>); 3] = [
        (&["check", file], Some(check_code)),
        (&["list", file], None),
        (&["show", file, id], None),
    ];
    for (args, code) in runs {
        let run = run_bounded(command(args, home.path()), Duration::from_secs(20));
        prop_assert!(!run.timed_out, "{:?} hangs", args);
        prop_assert!(run.code.is_some(), "{:?} killed by a signal", args);
        prop_assert!(!run.err().contains("panicked"), "{:?}: {}", args, run.err());
        if let Some(code) = code {
            prop_assert_eq!(run.code, Some(i32::from(code)), "{:?}: {}", args, run.err());
        }
        clean(&format!("{args:?} (stdout)"), &run.stdout)?;
        clean(&format!("{args:?} (stderr)"), &run.stderr)?;
    }
    Ok(())
}

/// Everything the fuzzer asks of one file.
fn case(file: &[u8], name: &str, width: u16, binary: bool) -> TestResult {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, file).unwrap();
    let shown = path.display().to_string();
    let judged = judge(file);

    let plain = check(&path, false);
    let json = check(&path, true);
    clean_run("check", &plain)?;
    clean_run("check --json", &json)?;
    let report: Value = serde_json::from_slice(&json.out)
        .map_err(|e| TestCaseError::fail(format!("check --json: {e}")))?;
    prop_assert_eq!(plain.code, json.code);
    prop_assert_eq!(report["ok"] == true, plain.code == 0, "{}", report);
    if let Some(why) = &judged.refused {
        prop_assert_eq!(
            plain.code,
            1,
            "check passes what the judge refuses: {:?}",
            why
        );
        if !matches!(why, Refused::Empty | Refused::Shape(_)) {
            located(file, &shown, &plain, &report, why)?;
        }
    }
    places(&report, &shown, judged.lines.as_deref())?;

    // What check passes, list and show read without a word on stderr.
    let passed = plain.code == 0;
    let listed = list(&path, false);
    clean_run("list", &listed)?;
    clean_run("list --json", &list(&path, true))?;
    if passed {
        prop_assert_eq!((listed.code, listed.err()), (0, String::new()));
    }
    let ids: Vec<String> = open_path_with(&path, Strictness::Lenient)
        .map(|lib| lib.articles.iter().map(|a| a.id.clone()).collect())
        .unwrap_or_default();
    for id in ids.iter().map(String::as_str).chain([ABSENT]) {
        let shown = show(&path, id, width);
        clean_run("show", &shown)?;
        if judged.doubled.iter().any(|d| d == id) {
            prop_assert_eq!(shown.code, 1, "shows {:?}, which gives a name twice", id);
        }
        if passed && id != ABSENT {
            prop_assert_eq!(
                (shown.code, shown.err()),
                (0, String::new()),
                "show {:?}",
                id
            );
        }
    }
    if binary {
        // A NUL cannot be passed on a command line.
        let id = ids.iter().find(|id| !id.contains('\0'));
        via_binary(&path, id.map_or(ABSENT, String::as_str), plain.code)?;
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("BULLETIN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(128)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn damaged_archives_are_refused_in_place_and_print_nothing_raw(
        lines in any::<bool>(),
        mutations in prop::collection::vec(mutation(), 1..4),
        width in prop_oneof![4 => Just(80u16), 1 => 2u16..12],
        binary in 0..8u8,
    ) {
        let (mut bytes, name) = match lines {
            true => (LINES.as_bytes().to_vec(), "zhongyuan.jsonl"),
            false => (SAMPLE_JSON.as_bytes().to_vec(), "zhongyuan.json"),
        };
        for m in &mutations {
            apply(&mut bytes, m);
        }
        case(&bytes, name, width, binary == 0)?;
    }
}

#[test]
fn both_forms_of_the_sample_pass_every_check() {
    for (text, name) in [(SAMPLE_JSON, "zhongyuan.json"), (&LINES, "zhongyuan.jsonl")] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        assert_eq!(check(&path, false).code, 0, "{}", check(&path, false).err());
        case(text.as_bytes(), name, 80, true).unwrap();
    }
}

/// A case the fuzzer found (issue 20): `"articles": null` on line 4 and
/// an unclosed object after it. The loader refuses the null where it
/// begins, as a value of the wrong kind, before serde_json's own error on
/// line 5; it said "wrong type: null, …", not recognising serde_json's
/// word for null, so the message was neither in words nor translated.
#[test]
fn articles_null_before_a_syntax_error_is_refused_where_the_null_is() {
    use super::hostile_loader_mutate::Mutation;
    let mut bytes = SAMPLE_JSON.as_bytes().to_vec();
    let found = [
        Mutation::Insert(5328425991861260631, 0),
        Mutation::Swap(11023991219589892346, 3),
    ];
    for m in &found {
        apply(&mut bytes, m);
    }
    case(&bytes, "zhongyuan.json", 80, false).unwrap();
}
