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
