//! `bulletin search`'s date facets on the real binary: `--after`/`--before`
//! and the query's `after:`/`before:` take a year, a month or a day
//! (`-`, `/` or `.`, leading zeros or not, full-width digits), compare
//! them as dates, refuse anything else with exit 2 and the accepted forms
//! in the user's language, and say so when the archive has no dates.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");
/// The bundled sample: none of its articles has a date.
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");

/// Ids and dates of the dated archive; every article holds `物业`.
const DATED: [(&str, &str); 5] = [
    ("may31", "2021-05-31"),
    ("jun01", "2021-06-01"),
    ("jun15", "2021-06-15"),
    ("oct01", "2021-10-01"),
    ("y2022", "2022-01-01"),
];

fn dated_archive(dir: &Path) -> PathBuf {
    let articles: Vec<_> = DATED
        .iter()
        .map(|(id, date)| {
            json!({"id": id, "title": format!("报告{id}"), "district": "中原区",
                   "date": date, "body": [{"type": "paragraph", "text": "物业管理"}]})
        })
        .collect();
    let archive = json!({"format": "bulletin-archive/1", "title": "t", "articles": articles});
    let path = dir.join("dated.json");
    std::fs::write(&path, archive.to_string()).unwrap();
    path
}

fn run(args: &[&str], cache: &Path, lang: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .env("BULLETIN_CACHE_DIR", cache)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

/// The ids `search --count` lists.
fn ids(out: &Output) -> Vec<String> {
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    let Some((_, hits)) = lines.split_last() else {
        return Vec::new();
    };
    hits.iter()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn every_date_form_gives_the_same_articles() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dated_archive(dir.path());
    let file = archive.to_str().unwrap();
    let from_june = ["jun01", "jun15", "oct01", "y2022"];
    for form in [
        "2021-06-01",
        "2021-6-1",
        "2021/06/01",
        "2021/6/1",
        "2021.06.01",
        "2021-06",
        "2021/6",
        "２０２１－０６－０１",
        "２０２１-6",
    ] {
        let term = format!("物业 after:{form}");
        let by_term = run(&["search", &term, file, "--count"], dir.path(), "C");
        assert_eq!(ids(&by_term), from_june, "after:{form}");
        let by_option = ["search", "物业", file, "--count", "--after", form];
        assert_eq!(
            ids(&run(&by_option, dir.path(), "C")),
            from_june,
            "--after {form}"
        );
        let before = ["search", "物业", file, "--count", "--before", form];
        let out = run(&before, dir.path(), "C");
        assert_eq!(ids(&out), ["may31"], "--before {form}");
        assert_eq!(out.status.code(), Some(0));
    }
    // A year is its first day: after:2021 before:2022 is the year 2021.
    let year = [
        "search",
        "物业 after:２０２１",
        file,
        "--count",
        "--before",
        "2022",
    ];
    assert_eq!(
        ids(&run(&year, dir.path(), "C")),
        ["may31", "jun01", "jun15", "oct01"]
    );
    let none = run(&["search", "物业 after:2023", file], dir.path(), "C");
    assert_eq!(
        none.status.code(),
        Some(1),
        "a date that leaves nothing: no hits"
    );
    assert!(
        none.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );
}

#[test]
fn what_is_not_a_date_is_refused_with_exit_2_in_the_users_language() {
    let dir = tempfile::tempdir().unwrap();
    let archive = dated_archive(dir.path());
    let file = archive.to_str().unwrap();
    for (args, term) in [
        (vec!["物业 after:yesterday"], "after:yesterday"),
        (
            vec!["物业", "--before", "2021-99-99"],
            "--before 2021-99-99",
        ),
        (vec!["物业", "--after", "yesterday"], "--after yesterday"),
        (vec!["物业 before：2021年6月"], "before：2021年6月"),
        (vec!["物业", "--after", "2021-02-29"], "--after 2021-02-29"),
        (vec!["物业", "--after", "\u{1b}[31m"], "--after "),
    ] {
        let mut all = vec!["search"];
        all.extend(&args);
        all.push(file);
        let en = run(&all, dir.path(), "en_US.UTF-8");
        assert_eq!(en.status.code(), Some(2), "{args:?}");
        assert!(en.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8(en.stderr).unwrap();
        assert!(err.starts_with(&format!("bulletin: {term}: ")), "{err}");
        assert!(err.contains("YYYY, YYYY-MM or YYYY-MM-DD"), "{err}");
        assert!(!err.contains('\u{1b}'), "sanitised: {err:?}");
        let zh = run(&all, dir.path(), "zh_CN.UTF-8");
        assert_eq!(zh.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(zh.stderr).unwrap();
        assert!(err.contains("YYYY、YYYY-MM 或 YYYY-MM-DD"), "{err}");
    }
}

#[test]
fn a_date_facet_on_an_archive_without_dates_says_why_nothing_is_found() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["search", "物业 after:2000", SAMPLE],
        vec!["search", "物业", SAMPLE, "--before", "2030"],
    ] {
        let out = run(&args, dir.path(), "en_US.UTF-8");
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(
            err.contains("no article in this archive has a date"),
            "{err}"
        );
        let zh = run(&args, dir.path(), "zh_CN.UTF-8");
        let err = String::from_utf8(zh.stderr).unwrap();
        assert!(err.contains("档案中的文章都没有日期"), "{err}");
    }
    let plain = run(&["search", "物业", SAMPLE, "--count"], dir.path(), "C");
    assert_eq!(plain.status.code(), Some(0));
    assert!(
        plain.stderr.is_empty(),
        "no date facet, no word about dates"
    );
}
