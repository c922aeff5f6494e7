//! The quick pass: what it keeps, what makes it give up, and that reading
//! the file a window at a time gives what one window over the whole file
//! gives, wherever the windows end.

use std::io::Write;

use super::*;
use crate::model::scan_window::WINDOW;

/// Scans `text` from a file, `window` bytes at a time, its ids checked
/// as every open checks them (`model::build`).
fn scan_text(text: &[u8], window: usize) -> Option<Scan> {
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(text).unwrap();
    let scan = scan_by(
        &file,
        text.len() as u64,
        window,
        Keep::Metadata,
        Check::Metadata,
    )?;
    let len = text.len() as u64;
    let bytes = crate::model::source::ArchiveBytes::File(file);
    let path = std::path::PathBuf::from("a.json");
    let mut found = [crate::model::build::Found {
        path,
        bytes,
        len,
        scan,
    }];
    let ids = crate::model::build::check_ids(&mut found, false);
    let [mut found] = found;
    found.scan.ids = ids;
    Some(found.scan)
}

/// Everything a scan found, comparable.
fn summary(scan: &Scan) -> String {
    let faults: Vec<_> = scan
        .faults
        .iter()
        .map(|f| {
            (
                f.index,
                f.broken,
                f.faults.iter().map(Fault::id).collect::<Vec<_>>(),
            )
        })
        .collect();
    let ids: std::collections::BTreeMap<_, _> = scan.ids.iter().collect();
    format!(
        "{:?} {} {:?} {:?} {} {ids:?} {faults:?} {:?}",
        scan.header, scan.bom, scan.articles, scan.starts, scan.last_end, scan.bodiless
    )
}

#[test]
fn scan_keeps_metadata_and_offsets_of_both_forms() {
    let single = r#"{"format":"bulletin-archive/1","title":"T","articles":[
        {"id":"a","title":"一\u0007","district":"d","body":[{"type":"paragraph","text":"x"}]},
        {"body":7,"id":"b","title":"二","district":"d","subdistrict":"s","date":"2021-01-02"}]}"#;
    let lines = "{\"id\":\"a\",\"title\":\"一\",\"district\":\"d\",\"body\":[]}\n \
                 {\"id\":\"b\",\"title\":\"二\",\"district\":\"d\",\"body\":null}\n";
    for text in [single, lines] {
        let scan = scan_text(text.as_bytes(), WINDOW).expect("scans");
        assert_eq!(scan.header.is_some(), text == single);
        let titles: Vec<&str> = scan.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["一", "二"], "titles are sanitised");
        for (a, &start) in scan.articles.iter().zip(&scan.starts) {
            let value: Value = serde_json::Deserializer::from_slice(&text.as_bytes()[start..])
                .into_iter()
                .next()
                .unwrap()
                .unwrap();
            assert_eq!(value["id"], a.id.as_str());
        }
        let last = text[..scan.last_end].trim_end();
        assert!(last.ends_with("null}") || last.ends_with("\"2021-01-02\"}"));
    }
}

/// Every problem the pass can see is kept (strictness filters them
/// later); it gives up only on what it cannot read.
#[test]
fn scan_keeps_every_problem_it_sees_and_gives_up_on_what_it_cannot_read() {
    let ok = r#"{"id":"a","title":"t","district":"d","body":[]}"#;
    let clean = scan_text(ok.as_bytes(), WINDOW).unwrap();
    assert!(clean.faults.is_empty() && clean.bodiless.is_empty());
    for (bad, broken) in [
        (r#"{"id":"a","title":" ","district":"d","body":[]}"#, true),
        (
            r#"{"id":"a","title":"t","district":"d","date":"2021-02-30","body":[]}"#,
            false,
        ),
        (
            r#"{"id":"a","title":"t","district":"d","bylines":[{"role":"x"}],"body":[]}"#,
            false,
        ),
        (
            "{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]}\n{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]}",
            true,
        ),
    ] {
        let scan = scan_text(bad.as_bytes(), WINDOW).expect(bad);
        let faulty = scan.faults.last().expect(bad);
        assert_eq!(faulty.broken, broken, "{bad}");
    }
    let bodiless = r#"{"id":"a","title":"t","district":"d"}"#;
    assert_eq!(
        scan_text(bodiless.as_bytes(), WINDOW).unwrap().bodiless,
        [0]
    );
    for unread in [
        r#"{"id":"a","title":"t","district":"d","body":[}"#,
        r#"{"format":"bulletin-archive/1","title":"T","articles":[]} x"#,
        r#"{"format":"bulletin-archive/1","title":"T"}"#,
    ] {
        assert!(scan_text(unread.as_bytes(), WINDOW).is_none(), "{unread}");
    }
    // An article that is not an object is kept, broken, called by its number.
    for (text, number) in [
        (
            r#"{"format":"bulletin-archive/1","title":"T","articles":[7]}"#,
            1,
        ),
        (
            "{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]}\n[1, 2]\n",
            2,
        ),
    ] {
        let scan = scan_text(text.as_bytes(), WINDOW).expect(text);
        let faulty = scan.faults.last().expect(text);
        assert!(faulty.broken, "{text}");
        assert_eq!(faulty.faults[0].id(), "not-an-article", "{text}");
        assert_eq!(scan.articles[number - 1].id, format!("#{number}"));
    }
}

/// Files the pass reads, and files it must give up on, in both forms:
/// numbers and literals at a window's end, escapes, a byte order mark,
/// members after `articles`, blanks everywhere, broken articles.
const CASES: &[&str] = &[
    "\u{feff}{\"format\":\"bulletin-archive/1\",\"n\":12345678,\"t\":true,\"title\":\"T\\\"x\",\n  \"articles\" : [ {\"id\":\"a\",\"title\":\"一\",\"district\":\"d\",\"body\":[{\"type\":\"paragraph\",\"text\":\"长长的正文\\n\"}]} ,\n{\"\\u0069d\":\"b\",\"title\":\"二\",\"district\":\"d\",\"body\":[]}\t] , \"after\": [1, 2.5e3, null] }\n",
    "{\"id\":\"a\",\"title\":\"一\",\"district\":\"d\",\"body\":[]}{\"id\":\"b\",\"title\":\"\",\"district\":\"d\",\"body\":7}\r\n\n{\"id\":\"c\",\"title\":\"三\",\"district\":\"d\",\"date\":\"2021-13-01\"}",
    "{\"format\":\"bulletin-archive/1\",\"title\":\"T\",\"articles\":[{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]},]}",
    "{\"format\":\"bulletin-archive/1\",\"title\":\"T\",\"title\":\"U\",\"articles\":[]}",
    "{\"format\":\"bulletin-archive/1\",\"articles\":[],\"articles\":[]}",
    "{\"format\":\"bulletin-archive/1\",\"title\":\"T\",\"articles\":[[\"a\",\"t\",\"d\"]]}",
    "{\"format\":\"bulletin-archive/1\",\"title\":\"T\",\"articles\":[]}\n{}",
    "{\"format\":\"bulletin-archive/1\",\"title\":\"T\",\"articles\":[], \"n\": 12x}",
    "{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]}\n[1]",
    "{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[\"unterminated]}",
    "{\"id\":\"a\",\"title\":\"t\",\"district\":\"d\",\"body\":[]} 7",
    "  \n ",
    "{}",
    "[]",
];

#[test]
fn windows_end_anywhere_without_changing_what_is_read() {
    for case in CASES {
        let whole = scan_text(case.as_bytes(), case.len() + 1);
        let want = whole.as_ref().map(summary);
        for window in 1..=48 {
            let got = scan_text(case.as_bytes(), window);
            assert_eq!(got.as_ref().map(summary), want, "{case:?} by {window}");
        }
    }
    // The cases are not all refused: both forms are read.
    let lenient = |i: usize| scan_text(CASES[i].as_bytes(), 7);
    assert_eq!(lenient(0).unwrap().articles.len(), 2);
    assert_eq!(lenient(0).unwrap().bom, 3);
    assert_eq!(lenient(1).unwrap().articles.len(), 3);
}

#[test]
fn a_file_shorter_than_when_opened_is_given_up() {
    let text = CASES[0].as_bytes();
    let mut file = tempfile::tempfile().unwrap();
    file.write_all(&text[..text.len() / 2]).unwrap();
    assert!(
        scan_by(
            &file,
            text.len() as u64,
            16,
            Keep::Metadata,
            Check::Metadata
        )
        .is_none()
    );
}
