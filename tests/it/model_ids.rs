//! Ids refuse every character that sanitising removes
//! (`text::sanitize::is_removed`): an id is printed by `list` as it is and
//! typed back into `show`, so one that sanitising would change is refused by
//! `check` and by both loaders, naming the article and the character.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bulletin::model::{load_path, open_path};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");

/// The invisible characters the id rule used to let through.
const MARKS: [(char, &str); 3] = [
    ('\u{200e}', "U+200E"),
    ('\u{200f}', "U+200F"),
    ('\u{61c}', "U+061C"),
];

/// A single-file archive whose second article has `id`.
fn write_archive(dir: &Path, id: &str) -> PathBuf {
    let article = |id: &str| {
        json!({"id": id, "title": "标题", "district": "中原区",
               "body": [{"type": "paragraph", "text": "正文。"}]})
    };
    let archive = json!({"format": "bulletin-archive/1", "title": "t",
                         "articles": [article("zy-001"), article(id)]});
    let path = dir.join("a.json");
    std::fs::write(&path, archive.to_string()).unwrap();
    path
}

fn expected(path: &Path, name: &str) -> String {
    let p = path.display();
    format!(
        "{p}: 1 problem in the archive\n  {p}: article #2: id contains the control or \
         invisible character {name}"
    )
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .args(args)
        .env("HOME", home.path())
        .env("BULLETIN_DATA_DIR", home.path())
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

#[test]
fn both_loaders_refuse_bidi_marks_in_ids() {
    let dir = tempfile::tempdir().unwrap();
    for (c, name) in MARKS {
        let path = write_archive(dir.path(), &format!("zy{c}002"));
        let full = load_path(&path).unwrap_err().to_string();
        assert_eq!(full, expected(&path, name));
        let lazy = open_path(&path).unwrap_err().to_string();
        assert_eq!(lazy, full);
    }
}

/// `check` and `list --strict` refuse the archive; `list` lists the
/// article as broken, with why, and shows the others.
#[test]
fn check_and_list_refuse_an_id_that_show_could_not_find() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_archive(dir.path(), "zy\u{200f}002");
    let problem = expected(&path, "U+200F");
    let problem = problem.lines().nth(1).unwrap().trim();
    let check = run(&["check".as_ref(), path.as_os_str()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(check.stdout.is_empty());
    assert!(String::from_utf8_lossy(&check.stderr).contains(problem));
    let strict = run(&["list".as_ref(), path.as_os_str(), "--strict".as_ref()]);
    assert_eq!(strict.status.code(), Some(1));
    let message = format!("bulletin: {}\n", expected(&path, "U+200F"));
    assert_eq!(String::from_utf8_lossy(&strict.stderr), message);
    let list = run(&["list".as_ref(), path.as_os_str()]);
    assert_eq!(list.status.code(), Some(0));
    let out = String::from_utf8_lossy(&list.stdout);
    assert!(out.contains("zy-001"), "{out}");
    let broken = out
        .split("Broken articles")
        .nth(1)
        .expect("a broken section");
    assert!(
        broken.contains("#2  id contains the control or invisible character U+200F"),
        "{out}"
    );
}
