//! The checked reading (one pass, each article checked whole as it is
//! read: `model::scan_check`) against the full loader, the independent
//! oracle: the same error, word for word and place for place, or the
//! same counts, for archives with every kind of problem, ids used more
//! than once, in both forms and in a directory.

use std::fs;

use proptest::prelude::*;

use super::*;
use crate::model::whole_load::load_whole;

/// One article of a generated archive, by the kind of problem it has.
fn article(kind: u8, id: &str) -> String {
    let good = |extra: &str| {
        format!(
            r#"{{"id": "{id}", "title": "t", "district": "d{}"{extra}, "body": [{{"type": "paragraph", "text": "x"}}]}}"#,
            id.len() % 3
        )
    };
    match kind {
        0..=2 => good(""),
        3 => good(r#", "subdistrict": "s""#),
        4 => good("").replace(r#""title": "t", "#, ""),
        5 => good(r#", "date": "2023-02-30""#),
        6 => good("").replace("paragraph", "image"),
        7 => good("").replace(r#", "body": [{"type": "paragraph", "text": "x"}]"#, ""),
        8 => good("").replace(r#""text": "x""#, r#""text": 7"#),
        9 => "[1, 2]".to_owned(),
        10 => good("").replace(r#""body": ["#, r#""body": null, "x": ["#),
        11 => good("").replace(&format!(r#""id": "{id}""#), r#""id": 7"#),
        12 => good(r#", "date": "2024-01-02""#).replace(", ", ",\n  "),
        _ => good("").replace(&format!(r#""id": "{id}""#), "\"id\": \"bad\\u0001id\""),
    }
}

fn archive() -> impl Strategy<Value = Vec<(u8, String)>> {
    let one = (
        0u8..14,
        proptest::sample::select(&["a", "b", "c", "dd", "eee", "f"][..]),
    );
    proptest::collection::vec(one.prop_map(|(k, id)| (k, id.to_owned())), 1..12)
}

fn text(articles: &[(u8, String)], lines: bool) -> String {
    let all: Vec<String> = articles.iter().map(|(k, id)| article(*k, id)).collect();
    match lines {
        true => all.join("\n") + "\n",
        false => format!(
            "{{\"format\": \"bulletin-archive/1\", \"title\": \"x\", \"articles\": [\n{}\n]}}",
            all.join(",\n")
        ),
    }
}

/// What the checked reading and the full loader say of `path`.
fn both(path: &Path) -> (Result<Checked, String>, Result<Checked, String>) {
    let oracle = load_whole(path).map(|a| Checked::of(&Library::from(a)));
    let oracle = oracle.map_err(|e| e.to_string());
    (check_path(path).map_err(|e| e.to_string()), oracle)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn one_file_checked_in_one_pass_says_what_the_full_loader_says(
        articles in archive(), lines in any::<bool>()
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(if lines { "a.jsonl" } else { "a.json" });
        fs::write(&path, text(&articles, lines)).unwrap();
        let (checked, oracle) = both(&path);
        prop_assert_eq!(&checked, &oracle);
        let opened = open(&path, Opening::Checked).map(|l| Checked::of(&l));
        prop_assert_eq!(opened.map_err(|e| e.to_string()), oracle);
    }

    #[test]
    fn a_directory_checked_in_one_pass_says_what_the_full_loader_says(
        a in archive(), b in archive(), lines in any::<bool>()
    ) {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.jsonl"), text(&a, true)).unwrap();
        let second = if lines { "b.jsonl" } else { "b.json" };
        fs::write(dir.path().join(second), text(&b, lines)).unwrap();
        let (checked, oracle) = both(dir.path());
        prop_assert_eq!(checked, oracle);
    }
}

/// An id used three times, the first in another file: every later use
/// names the first, with its file and line.
#[test]
fn an_id_used_again_names_its_first_use_across_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = text(&[(0, "x".into()), (0, "a".into())], true);
    fs::write(dir.path().join("a.jsonl"), a).unwrap();
    let b = text(&[(0, "a".into()), (0, "b".into()), (0, "a".into())], true);
    fs::write(dir.path().join("b.jsonl"), b).unwrap();
    let (checked, oracle) = both(dir.path());
    let said = checked.unwrap_err();
    assert_eq!(said, oracle.unwrap_err());
    assert_eq!(
        said.matches("duplicate id: also used by article #2")
            .count(),
        2
    );
    assert!(said.contains("b.jsonl:1: article a"), "{said}");
    assert!(said.contains("b.jsonl:3: article a"), "{said}");
}
