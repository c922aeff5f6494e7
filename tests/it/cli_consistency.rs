//! The command line says the same things the same way (issue 23, item 7):
//! a missing archive is a wrong command line (exit 2, as `--help` says),
//! an empty bookmark list says so, and the group without a subdistrict
//! has the reader's name.

use crate::common::bounded::command;

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let home = tempfile::tempdir().unwrap();
    let out = command(args, home.path()).output().unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code(), text(out.stdout), text(out.stderr))
}

#[test]
fn a_command_without_its_archive_is_a_usage_error() {
    for args in [
        &["list"][..],
        &["search", "物业"],
        &["show", "fbe66a44"],
        &["outline", "fbe66a44"],
        &["list", "--sample", "a.json"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            out.is_empty() && err.starts_with("bulletin: "),
            "{args:?}: {err}"
        );
    }
    let (code, _, _) = run(&["list", "/nonexistent/a.json"]);
    assert_eq!(
        code,
        Some(1),
        "an archive that cannot be read is not a usage error"
    );
}

#[test]
fn no_bookmarks_is_said_on_stderr_and_stdout_stays_empty() {
    let (code, out, err) = run(&["bookmarks"]);
    assert_eq!((code, out.as_str()), (Some(0), ""));
    assert_eq!(err, "bulletin: no bookmarks yet\n");
    let (code, out, _) = run(&["bookmarks", "--json"]);
    assert_eq!((code, out.trim()), (Some(0), "[]"));
    let (_, _, err) = run(&["--lang", "zh", "bookmarks"]);
    assert_eq!(err, "bulletin: 还没有书签\n");
}

#[test]
fn the_group_without_a_subdistrict_has_the_readers_name() {
    let (code, out, _) = run(&["list", "--sample"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("中原区 › (district-wide) (1)"), "{out}");
    assert!(!out.contains("district-level"), "{out}");
}

/// A block of a kind this version does not know is one problem, not two
/// ("unknown type" and "missing text"); `list` says its count covers the
/// articles' fields only, so it does not contradict `check`'s.
#[test]
fn an_unknown_block_is_one_problem_and_list_says_what_it_counted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    let mut archive: serde_json::Value =
        serde_json::from_str(bulletin::model::SAMPLE_JSON).unwrap();
    let body = archive["articles"][1]["body"].as_array_mut().unwrap();
    body.push(serde_json::json!({"type": "image", "src": "x.png"}));
    archive["articles"][2]["date"] = "2023-02-30".into();
    std::fs::write(&path, archive.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let (code, _, err) = run(&["check", p]);
    assert_eq!(code, Some(1));
    assert!(err.contains("unknown type \"image\""), "{err}");
    assert!(!err.contains("missing text"), "{err}");
    assert!(err.contains("2 problems of 2 kinds"), "{err}");
    let (code, _, err) = run(&["list", p]);
    assert_eq!(code, Some(0));
    assert!(err.contains("1 problem in the articles' fields"), "{err}");
    assert!(err.contains("bodies not checked"), "{err}");
}

/// `check --sample` checks the bundled sample, as `list --sample` lists it.
#[test]
fn check_takes_the_sample_like_the_other_commands() {
    let (code, out, _) = run(&["check", "--sample"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("ok, 5 articles"), "{out}");
    let (code, _, _) = run(&["check", "--sample", "a.json"]);
    assert_eq!(code, Some(2), "one archive or the sample");
    let (code, _, _) = run(&["check"]);
    assert_eq!(code, Some(2), "no archive");
}
