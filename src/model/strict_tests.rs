//! Strictness as a filter over what one reading found, against the full
//! loader (the independent oracle) over damaged copies of the sample, in
//! both forms: checked, word for word what the full loader says; strict,
//! the problems outside bodies (a body's are found when the article is
//! opened), word for word and place for place.

use std::path::Path;

use crate::model::describe::What;
use crate::model::open::{Opening, open_bytes};
use crate::model::whole_load::load_file_bytes;
use crate::model::{LoadError, SAMPLE_JSON};

/// The sample as JSON Lines: one article a line.
fn as_lines() -> String {
    let archive: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    let articles = archive["articles"].as_array().unwrap();
    let lines: Vec<String> = articles.iter().map(|a| a.to_string()).collect();
    lines.join("\n") + "\n"
}

/// Damaged copies of `text`: bytes replaced, dropped and doubled at
/// places picked by a fixed sequence, and some rules broken by name.
fn damaged(text: &str) -> Vec<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut next = crate::model::unreadable::tests::picks(7);
    for k in 0..400 {
        let mut b = bytes.to_vec();
        let at = next(b.len());
        match k % 4 {
            0 => b[at] = b"\",}] x\n\xff:{["[next(11)],
            1 => drop(b.remove(at)),
            2 => {
                let to = (at + next(40)).min(b.len());
                let piece = b[at..to].to_vec();
                b.splice(at..at, piece);
            }
            _ => b.truncate(at),
        }
        out.push(b);
    }
    for (from, to) in [
        ("\"title\": \"中", "\"title\": \" \", \"x\": \"中"),
        ("\"title\": \"中", "\"x\": \"中"),
        ("\"title\": \"中", "\"key\": 1, \"title\": \"中"),
        ("\"format\": \"", "\"format\": \"x"),
        ("\"title\": \"", "\"title\": \" "),
        ("\"body\"", "\"bodx\""),
        ("\"paragraph\"", "\"image\""),
        ("\"district\": \"", "\"district\": 1, \"x\": \""),
        ("\"date\": \"2", "\"date\": \"9"),
        ("\"date\":\"2", "\"date\":\"9"),
        ("\"body\":[", "\"body\":[7,"),
        ("\"body\": [", "\"body\": [7,"),
        ("\"body\":[", "\"body\":null,\"x\":["),
        ("\"body\": [", "\"body\": null, \"x\": ["),
    ] {
        out.push(text.replacen(from, to, 1).into_bytes());
        out.push(text.replace(from, to).into_bytes());
    }
    // An id used twice, and twice with a problem in the later one.
    let ids = ids(text);
    let (first, second) = (format!("\"{}\"", ids[0]), format!("\"{}\"", ids[1]));
    let twice = text.replacen(&second, &first, 1);
    out.push(twice.clone().into_bytes());
    out.push(twice.replacen("\"paragraph\"", "\"image\"", 2).into_bytes());
    out
}

/// The ids of the sample's articles, in order.
fn ids(text: &str) -> Vec<String> {
    let archive: serde_json::Value = serde_json::from_str(SAMPLE_JSON).unwrap();
    let ids = archive["articles"].as_array().unwrap().iter();
    let ids: Vec<String> = ids.map(|a| a["id"].as_str().unwrap().to_owned()).collect();
    assert!(text.contains(&ids[1]));
    ids
}

/// What a strict open says of `full` (the full loader's error): the
/// same error, less the problems of bodies; `None` when only bodies have
/// problems (it opens).
pub(crate) fn strictly(full: &LoadError) -> Option<String> {
    let LoadError::Invalid {
        path,
        problems,
        articles,
    } = full
    else {
        return Some(full.to_string());
    };
    let outside = |p: &&crate::model::Problem| {
        !p.message.is_body() || p.message.what == What::Missing("body")
    };
    let problems: Vec<_> = problems.iter().filter(outside).cloned().collect();
    let left = LoadError::Invalid {
        path: path.clone(),
        problems,
        articles: *articles,
    };
    (!matches!(&left, LoadError::Invalid { problems, .. } if problems.is_empty()))
        .then(|| left.to_string())
}

/// Strictness as a filter: checked, word for word what the full loader
/// says; strict, what it says outside bodies, and nothing read twice.
#[test]
fn the_filter_says_what_the_full_loader_says() {
    let mut refused = 0;
    for (name, text) in [("a.json", SAMPLE_JSON.to_owned()), ("a.jsonl", as_lines())] {
        let path = Path::new(name);
        for bytes in damaged(&text) {
            let full = load_file_bytes(path, &bytes);
            let strict = full.as_ref().err().and_then(strictly);
            let whole = full.map(|a| a.articles.len()).map_err(|e| e.to_string());
            let checked = open_bytes(path, bytes.clone().into(), Opening::Checked);
            let checked = checked.map(|l| l.articles.len()).map_err(|e| e.to_string());
            let shown = String::from_utf8_lossy(&bytes).into_owned();
            assert_eq!(checked, whole, "{shown}");
            match (open_bytes(path, bytes.into(), Opening::Strict), strict) {
                (Err(e), said) => assert_eq!(Some(e.to_string()), said, "{shown}"),
                (Ok(_), None) => {}
                // Bad UTF-8 or a syntax error inside a body, which the pass
                // does not read: said when that article is opened.
                (Ok(library), Some(said)) => {
                    let opened = (0..library.articles.len()).filter_map(|i| library.open(i).err());
                    let opened: Vec<String> = opened.map(|e| e.to_string()).collect();
                    assert!(
                        opened.iter().any(|e| e.contains(&said)),
                        "{said}: {opened:?}"
                    );
                }
            }
            refused += usize::from(whole.is_err());
        }
    }
    assert!(refused > 300, "the damage is mostly refused: {refused}");
}

/// A body that cannot be read at all (bad UTF-8) is a body's problem
/// like any other: strict, the refusal lists the problems outside bodies
/// (the full loader, reading every body, stops at the bad byte instead),
/// and the bad byte is said where the full loader places it when its
/// article is opened.
#[test]
fn a_body_not_utf8_is_said_when_its_article_is_opened() {
    let good = r#"{"id": "a", "title": "t", "district": "d", "body": []}"#;
    let head =
        r#"{"id": "b", "title": "t", "district": "d", "body": [{"type": "paragraph", "text": "x"#;
    let bad = [head.as_bytes(), b"\xff", br#""}]}"#].concat();
    let untitled = r#"{"id": "c", "district": "d", "body": []}"#;
    let text = [
        good.as_bytes(),
        b"\n",
        &bad,
        b"\n",
        untitled.as_bytes(),
        b"\n",
    ]
    .concat();
    let path = Path::new("a.jsonl");
    let full = load_file_bytes(path, &text).unwrap_err().to_string();
    assert!(
        full.starts_with("a.jsonl:2:") && full.contains("UTF-8"),
        "{full}"
    );
    let strict = open_bytes(path, text.clone().into(), Opening::Strict).unwrap_err();
    let want = "a.jsonl: 1 problem in the archive\n  a.jsonl:3: article c: missing title";
    assert_eq!(strict.to_string(), want);
    let lenient = open_bytes(path, text.into(), Opening::Lenient).unwrap();
    assert_eq!(
        lenient.open(1).unwrap_err().to_string(),
        format!("article b: {full}")
    );
}
