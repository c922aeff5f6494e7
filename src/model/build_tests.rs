//! The builder against the full loader (the independent oracle), over a
//! directory holding every kind of problem.

use std::fs;
use std::path::Path;

use crate::model::open::{Opening, open};
use crate::model::whole_library;
use crate::model::whole_load::load_whole;
use crate::model::{Library, Strictness};

const MIXED: &str = include_str!("../../tests/fixtures/lenient/mixed.json");

/// A directory of several files: problems in headers, metadata and
/// bodies, broken articles (articles that are not objects too), and
/// ids used twice in a file and across files, in both forms.
fn directory() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, extra: &str| {
        format!(
            r#"{{"id": "{id}", "title": "t", "district": "d"{extra}, "body": [{{"type": "paragraph", "text": "x"}}]}}"#
        )
    };
    fs::write(dir.path().join("a.json"), MIXED).unwrap();
    let lines = [
        line("good", ""),
        line("l1", r#", "date": "2023-02-30""#),
        line("l1", ""),
        line("l2", r#", "subtitle": 7"#).replace(r#""title": "t""#, r#""title": 7"#),
        line("image", "").replace("paragraph", "image"),
        line("l3", ""),
        "[1, {\"id\": \"x\"}]".to_owned(),
    ];
    fs::write(dir.path().join("b.jsonl"), lines.join("\n") + "\n").unwrap();
    let header = r#"{"format": "bulletin-archive/1", "title": " ", "articles": ["#;
    let c = format!("{header}{}, 7, {}]}}", line("l3", ""), line("c1", ""));
    fs::write(dir.path().join("c.json"), c).unwrap();
    dir
}

fn problems(library: &Library) -> Vec<(Option<usize>, String)> {
    let all = library.problems().into_iter();
    all.map(|(i, p)| (i, p.to_string())).collect()
}

/// The builder over a directory says what the full loader says of it:
/// the same articles, ids, broken ones, problems (words and places)
/// and articles; checked, the same error; strict, the same but for
/// the bodies' problems.
#[test]
fn a_directory_built_file_by_file_agrees_with_the_full_loader() {
    let dir = directory();
    let path = dir.path();
    let before = crate::model::bytes_read();
    let built = open(path, Opening::Lenient).unwrap();
    // Every body checked as the pass read it: each file read once.
    let sizes = fs::read_dir(path)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len());
    assert_eq!(crate::model::bytes_read() - before, sizes.sum::<u64>());
    let full = whole_library::lenient::load(path, Strictness::Lenient).unwrap();
    assert!(built.is_lazy() && !full.is_lazy());
    assert_eq!((&built.title, &built.key), (&full.title, &full.key));
    assert_eq!(built.articles, full.articles);
    assert_eq!(problems(&built), problems(&full));
    assert!(problems(&full).len() > 8, "{:#?}", problems(&full));
    for (i, a) in full.articles.iter().enumerate() {
        assert_eq!(built.broken(i), full.broken(i), "#{i}");
        assert_eq!(built.index_of(&a.id), full.index_of(&a.id), "{}", a.id);
        match (built.open(i), full.open(i)) {
            (Ok(a), Ok(b)) => assert_eq!(a.as_ref(), b.as_ref()),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("article {i} opens in one way only"),
        }
    }
    let said = load_whole(path).unwrap_err();
    let checked = open(path, Opening::Checked).unwrap_err();
    assert_eq!(checked.to_string(), said.to_string());
    // Strict, all but the bodies' problems (found when they are opened).
    let strict = open(path, Opening::Strict).unwrap_err().to_string();
    assert_eq!(
        Some(strict),
        crate::model::open::strict_tests::strictly(&said)
    );
}

/// A body that is not UTF-8 in a directory: listed from the start, at
/// the place the full loader gives, and the article cannot be opened.
#[test]
fn bad_utf8_in_a_directory_body_is_listed_where_the_full_loader_has_it() {
    let dir = directory();
    let path = dir.path();
    let line =
        br#"{"id": "u", "title": "t", "district": "d", "body": [{"type": "paragraph", "text": "x"#;
    let good = br#"{"id": "v", "title": "t", "district": "d", "body": []}"#;
    let text = [&good[..], b"\n", line, b"\xff\"}]}\n"].concat();
    fs::write(path.join("d.jsonl"), text).unwrap();
    let built = open(path, Opening::Lenient).unwrap();
    // The full loader refuses the file whole, at the same place.
    let full = whole_library::lenient::load(path, Strictness::Lenient).unwrap_err();
    assert!(
        full.to_string().contains("d.jsonl:2:85: not valid UTF-8"),
        "{full}"
    );
    let listed = problems(&built);
    let last = built.articles.len() - 1;
    let (at, said) = listed.last().unwrap();
    assert_eq!(*at, Some(last));
    assert!(
        said.contains("d.jsonl:2:85") && said.contains("UTF-8"),
        "{said}"
    );
    assert!(built.open(last).is_err());
}

/// Strict, a clean directory opens lazily, as the full loader has it.
#[test]
fn a_clean_directory_opens_strictly() {
    let good = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/dir");
    let built = open(&good, Opening::Strict).unwrap();
    let full = crate::model::Library::from(load_whole(&good).unwrap());
    assert!(built.is_lazy());
    assert_eq!(built.articles, full.articles);
    assert_eq!(built.title, full.title);
    assert_eq!(built.to_archive().unwrap(), full.to_archive().unwrap());
}
