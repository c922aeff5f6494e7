//! Every fixture in tests/fixtures/bad gives its exact message; the good
//! ones load with the content they hold.

use std::collections::BTreeSet;
use std::path::Path;

use bulletin::model::{Block, LoadError, load_path};

const BAD: &str = "tests/fixtures/bad";

/// (fixture, the whole message it must give). Paths are as passed in.
const EXPECTED: &[(&str, &str)] = &[
    (
        "syntax_mid.json",
        "tests/fixtures/bad/syntax_mid.json:35:7: expected ',' or '}' after an object field \
         (reading article #2, after article zy-001)",
    ),
    (
        "truncated.json",
        "tests/fixtures/bad/truncated.json:44:19: the file ends inside a string: expected a \
         closing '\"' (is the file truncated?) (reading article #2, after article zy-001)",
    ),
    (
        "top_array.json",
        "tests/fixtures/bad/top_array.json:1:1: expected an archive object {\"format\": …, \
         \"articles\": […]} or article objects, found an array",
    ),
    (
        "no_articles.json",
        "tests/fixtures/bad/no_articles.json:4:1: the archive object ends without an \
         \"articles\" array",
    ),
    (
        "missing_id.json",
        "tests/fixtures/bad/missing_id.json: 1 problem in the archive\n  \
         tests/fixtures/bad/missing_id.json: article #2: missing id",
    ),
    (
        "duplicate_ids.json",
        "tests/fixtures/bad/duplicate_ids.json: 1 problem in the archive\n  \
         tests/fixtures/bad/duplicate_ids.json: article zy-001: duplicate id: also used by \
         article #1",
    ),
    (
        "duplicate_keys.json",
        "tests/fixtures/bad/duplicate_keys.json:14:13: \"title\" is given twice in one object \
         (reading article #2, after article a1)",
    ),
    (
        "empty_body.json",
        "tests/fixtures/bad/empty_body.json: 1 problem in the archive\n  \
         tests/fixtures/bad/empty_body.json: article zy-002: empty body: an article needs at \
         least one block",
    ),
    (
        "unknown_block.json",
        "tests/fixtures/bad/unknown_block.json: 1 problem in the archive\n  \
         tests/fixtures/bad/unknown_block.json: article zy-001: block 3: unknown type \"image\" \
         (expected paragraph, heading or caption)",
    ),
    (
        "bad_date.json",
        "tests/fixtures/bad/bad_date.json: 1 problem in the archive\n  \
         tests/fixtures/bad/bad_date.json: article zy-001: date \"2023-02-30\" is not a real \
         calendar date",
    ),
    (
        "gbk.json",
        "tests/fixtures/bad/gbk.json:3:13: not valid UTF-8 (bad byte at offset 48); archives \
         must be UTF-8 (convert GBK/GB18030 files first, e.g. `iconv -f GB18030 -t UTF-8`)",
    ),
    (
        // A stray continuation byte after a whole character: the column of
        // the bad byte, not of the character before it.
        "stray_byte.json",
        "tests/fixtures/bad/stray_byte.json:3:14: not valid UTF-8 (bad byte at offset 51); \
         archives must be UTF-8 (convert GBK/GB18030 files first, e.g. `iconv -f GB18030 -t \
         UTF-8`)",
    ),
    (
        "empty.json",
        "tests/fixtures/bad/empty.json: the file is empty",
    ),
    (
        "no_archives",
        "tests/fixtures/bad/no_archives: no archive files in this directory (expected *.json \
         or *.jsonl files)",
    ),
    (
        "bad_line.jsonl",
        "tests/fixtures/bad/bad_line.jsonl:2:27: expected a JSON value (string, number, \
         object, array, true, false or null)",
    ),
    (
        "wrong_format.json",
        "tests/fixtures/bad/wrong_format.json: unsupported format \"bulletin-archive/2\": this \
         version reads \"bulletin-archive/1\"",
    ),
    (
        "missing_format.json",
        "tests/fixtures/bad/missing_format.json: missing \"format\" field: a single-file \
         archive must start with \"format\": \"bulletin-archive/1\"",
    ),
    (
        "many_problems.json",
        "tests/fixtures/bad/many_problems.json: 10 problems in the archive\n  \
         tests/fixtures/bad/many_problems.json: archive: title is empty\n  \
         tests/fixtures/bad/many_problems.json: article zy-001: missing title\n  \
         tests/fixtures/bad/many_problems.json: article zy-002: district is empty\n  \
         tests/fixtures/bad/many_problems.json: article zy-002: body must be an array of \
         blocks, found a string\n  \
         tests/fixtures/bad/many_problems.json: article #3: missing id\n  \
         tests/fixtures/bad/many_problems.json: article #3: date \"2023/05/10\" is not in \
         YYYY-MM-DD form\n  \
         tests/fixtures/bad/many_problems.json: article #3: block 1: text is empty\n  \
         tests/fixtures/bad/many_problems.json: article #3: block 2: missing type\n  \
         tests/fixtures/bad/many_problems.json: article zy-002: byline 1: missing name\n  \
         tests/fixtures/bad/many_problems.json: article zy-002: duplicate id: also used by \
         article #2",
    ),
    (
        "dup_dir",
        "tests/fixtures/bad/dup_dir: 1 problem in the archive\n  \
         tests/fixtures/bad/dup_dir/b.jsonl:2: article zy-002: duplicate id: also used by \
         article #2 at tests/fixtures/bad/dup_dir/a.json",
    ),
    (
        "wrong_types.json",
        "tests/fixtures/bad/wrong_types.json: 2 problems in the archive\n  \
         tests/fixtures/bad/wrong_types.json: article zy-002: title must be a string, found a \
         number\n  \
         tests/fixtures/bad/wrong_types.json: article zy-002: bylines must be an array, found \
         an object",
    ),
    (
        "trailing.json",
        "tests/fixtures/bad/trailing.json:34:1: unexpected text after the end of the JSON \
         value (a single-file archive is one JSON object)",
    ),
    (
        "not_article.jsonl",
        "tests/fixtures/bad/not_article.jsonl: 2 problems in the archive\n  \
         tests/fixtures/bad/not_article.jsonl:2: article #2: expected an article object, \
         found an array\n  \
         tests/fixtures/bad/not_article.jsonl:3: article zy-003: date \"2023-13-01\" is not a \
         real calendar date",
    ),
];

fn error_of(path: &str) -> LoadError {
    match load_path(Path::new(path)) {
        Ok(archive) => panic!("{path} loaded ({} articles)", archive.articles.len()),
        Err(e) => e,
    }
}

#[test]
fn every_bad_fixture_gives_its_message() {
    for (name, expected) in EXPECTED {
        let path = format!("{BAD}/{name}");
        let err = error_of(&path);
        assert_eq!(err.to_string(), *expected, "fixture {name}");
        assert_eq!(err.path(), Path::new(&path), "fixture {name}");
    }
}

#[test]
fn every_bad_fixture_is_checked() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(BAD)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let checked: BTreeSet<String> = EXPECTED.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(on_disk, checked);
    assert!(checked.len() >= 12);
}

#[test]
fn schema_problems_are_all_listed_as_problems() {
    let LoadError::Invalid { problems, .. } = error_of(&format!("{BAD}/many_problems.json")) else {
        panic!("not Invalid");
    };
    let labels: Vec<&str> = problems.iter().map(|p| p.article.as_str()).collect();
    assert_eq!(
        labels,
        [
            "", "zy-001", "zy-002", "zy-002", "#3", "#3", "#3", "#3", "zy-002", "zy-002"
        ]
    );
}

#[test]
fn single_file_loads_with_title_key_and_order() {
    let a = load_path(Path::new("tests/fixtures/good/single.json")).unwrap();
    assert_eq!(a.title, "中原区基层治理简报");
    assert_eq!(a.key.as_deref(), Some("zhongyuan-2023"));
    let ids: Vec<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["zy-001", "zy-002", "zy-003"]);
    let first = &a.articles[0];
    assert_eq!(first.bylines[1].display(), "通讯员 张黎");
    assert_eq!(
        first.body[1],
        Block::Caption {
            text: "社区工作人员走访居民。".into(),
            credit: Some("通讯员 王蒙 图".into())
        }
    );
    assert_eq!(a.articles[2].bulletin.as_deref(), Some("第12期 第3版"));
}

#[test]
fn json_lines_take_their_title_from_the_file_name() {
    let lines = load_path(Path::new("tests/fixtures/good/lines.jsonl")).unwrap();
    let single = load_path(Path::new("tests/fixtures/good/single.json")).unwrap();
    assert_eq!(lines.title, "lines");
    assert_eq!(lines.key, None);
    assert_eq!(lines.articles, single.articles);
}

#[test]
fn a_directory_merges_its_files_in_name_order() {
    let a = load_path(Path::new("tests/fixtures/good/dir")).unwrap();
    assert_eq!(a.title, "中原区合订本");
    assert_eq!(a.key.as_deref(), Some("zy-bound"));
    let ids: Vec<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["zy-001", "zy-002", "zy-003"]);
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let bytes = std::fs::read("tests/fixtures/good/bom.json").unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let a = load_path(Path::new("tests/fixtures/good/bom.json")).unwrap();
    assert_eq!(a.articles[0].id, "zy-001");
}

#[test]
fn text_is_sanitised_on_load_and_otherwise_kept() {
    let a = load_path(Path::new("tests/fixtures/good/dirty_text.json")).unwrap();
    assert_eq!(a.title, "简报");
    let article = &a.articles[0];
    assert_eq!(article.title, "中原区：网格化管理");
    let text = article.body[0].text();
    assert!(text.starts_with("第一行"), "{text:?}");
    assert!(text.contains("制表\n第二行。"), "{text:?}");
    assert!(
        !text.chars().any(|c| c.is_control() && c != '\n'),
        "{text:?}"
    );
    assert!(!text.contains("pwned"), "{text:?}");
    // Untouched fields keep their exact text.
    assert_eq!(article.bylines[0].display(), "记者 张改华");
}
