//! `bulletin search` on the real binary: output, JSON shape, grep-like
//! exit statuses, facets, and the index in a private cache directory.

use std::process::{Command, Output};
use std::time::Duration;

use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");
const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/zhongyuan.json");

fn run(args: &[&str], cache: &std::path::Path) -> Output {
    Command::new(BIN)
        .args(args)
        .env("BULLETIN_CACHE_DIR", cache)
        .env("LANG", "en_US.UTF-8")
        .output()
        .unwrap()
}

#[test]
fn hits_exit_0_none_exit_1_bad_command_line_exit_2() {
    let cache = tempfile::tempdir().unwrap();
    let found = run(&["search", "物业", SAMPLE], cache.path());
    assert_eq!(found.status.code(), Some(0));
    let text = String::from_utf8(found.stdout).unwrap();
    assert!(
        text.contains("97223e74  -  中原区 › 棉纺路街道  14  "),
        "{text}"
    );
    assert!(
        text.contains("\u{3010}物业\u{3011}"),
        "the hit is marked: {text}"
    );
    assert!(text.trim_end().ends_with("18 hits in 3 articles"), "{text}");
    let none = run(&["search", "没有这个词", SAMPLE], cache.path());
    assert_eq!(none.status.code(), Some(1));
    let bad = run(&["search", "re:(", SAMPLE], cache.path());
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("regex"));
    let usage = run(&["search"], cache.path());
    assert_eq!(usage.status.code(), Some(2));
}

#[test]
fn json_has_the_documented_shape() {
    let cache = tempfile::tempdir().unwrap();
    let out = run(
        &["search", "物業", SAMPLE, "--json", "--subdistrict", "棉纺"],
        cache.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["query"], "物業");
    assert_eq!(v["total_hits"], 14);
    let a = &v["articles"][0];
    assert_eq!(a["id"], "97223e74");
    assert_eq!(a["subdistrict"], "棉纺路街道");
    assert_eq!(a["hits"], 14);
    assert!(a["snippets"][0].as_str().unwrap().contains("物业"));
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
    // Each snippet's hit, in characters: the traditional query found in
    // the simplified text, where a script would highlight it.
    let spans = a["hit_spans"].as_array().unwrap();
    assert_eq!(spans.len(), a["snippets"].as_array().unwrap().len());
    for (snippet, span) in a["snippets"].as_array().unwrap().iter().zip(spans) {
        let chars: Vec<char> = snippet.as_str().unwrap().chars().collect();
        let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
        let hit: String = chars[start as usize..end as usize].iter().collect();
        assert_eq!(hit, "物业", "{snippet} {span}");
    }
}

#[test]
fn count_prints_ids_and_hits_only() {
    let cache = tempfile::tempdir().unwrap();
    let out = run(&["search", "物业", SAMPLE, "--count"], cache.path());
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "aab60e0a  1\nb2a50316  3\n97223e74  14\n18 hits in 3 articles\n"
    );
}

#[test]
fn a_large_archive_gets_an_index_in_the_cache_and_the_same_counts() {
    // Enough articles to pass the 4 MB threshold of the index.
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let mut a: Value = serde_json::from_str(&std::fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let one = a["articles"][4].clone();
    let articles: Vec<Value> = (0..2500)
        .map(|i| {
            let mut x = one.clone();
            x["id"] = Value::from(format!("x{i}"));
            x
        })
        .collect();
    a["articles"] = Value::from(articles);
    std::fs::write(&big, serde_json::to_vec(&a).unwrap()).unwrap();
    assert!(std::fs::metadata(&big).unwrap().len() > 4 << 20);
    let cache = tempfile::tempdir().unwrap();
    let path = big.to_str().unwrap();
    let first = run(&["search", "物业", path, "--count"], cache.path());
    let index_dir = cache.path().join("index");
    assert_eq!(
        std::fs::read_dir(&index_dir).unwrap().count(),
        1,
        "one index built"
    );
    let again = run(&["search", "物业", path, "--count"], cache.path());
    let plain = run(
        &["search", "物业", path, "--count", "--no-index"],
        cache.path(),
    );
    assert_eq!(first.stdout, again.stdout);
    assert_eq!(first.stdout, plain.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(text.ends_with("35000 hits in 2500 articles\n"), "{text}");

    // A FIFO planted where the index goes is never opened for reading
    // (that would wait for a writer forever): the index is built again.
    let index = std::fs::read_dir(&index_dir).unwrap().next().unwrap();
    let index = index.unwrap().path();
    std::fs::remove_file(&index).unwrap();
    crate::common::bounded::mkfifo(&index);
    let mut cmd = Command::new(BIN);
    cmd.args(["search", "物业", path, "--count"])
        .env("BULLETIN_CACHE_DIR", cache.path())
        .env("LANG", "en_US.UTF-8");
    let planted = crate::common::bounded::run_bounded(cmd, Duration::from_secs(60));
    assert!(!planted.timed_out, "waited on the FIFO");
    assert_eq!(planted.out(), text, "{}", planted.err());
    assert!(std::fs::metadata(&index).unwrap().is_file(), "rebuilt");

    // A byte changed in the folded text (a shared cache, a disk flipping
    // bits): found, said once, the counts still the scan's, and the index
    // removed so that the next search builds it again.
    let mut bytes = std::fs::read(&index).unwrap();
    let at = bytes
        .windows(6)
        .position(|w| w == "物业".as_bytes())
        .unwrap();
    bytes[at] ^= 0x04;
    std::fs::write(&index, &bytes).unwrap();
    let damaged = run(&["search", "物业", path, "--count"], cache.path());
    assert_eq!(String::from_utf8(damaged.stdout).unwrap(), text);
    let err = String::from_utf8(damaged.stderr).unwrap();
    assert_eq!(err.matches("damaged").count(), 1, "{err}");
    assert!(!index.exists(), "the damaged index is removed");

    // A cache directory that cannot be made, named with escape sequences
    // and a bidi override: the message names it sanitised.
    let blocker = dir.path().join("\u{1b}[31mred\u{202e}txt");
    std::fs::write(&blocker, "a file, not a directory").unwrap();
    let cache_dir = blocker.join("cache");
    let mut cmd = Command::new(BIN);
    cmd.args(["search", "物业", path, "--count", "--cache-dir"])
        .arg(&cache_dir)
        .env("LANG", "en_US.UTF-8");
    let out = cmd.output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), text);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no search index"), "{err}");
    assert!(
        !err.contains('\u{1b}') && !err.contains('\u{202e}'),
        "{err:?}"
    );
}

#[test]
fn the_human_output_speaks_the_users_language() {
    let cache = tempfile::tempdir().unwrap();
    let zh = Command::new(BIN)
        .args(["search", "物业", SAMPLE])
        .env("BULLETIN_CACHE_DIR", cache.path())
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(zh.stdout).unwrap();
    assert!(text.trim_end().ends_with("3 篇文章中共 18 处"), "{text}");
    let none = Command::new(BIN)
        .args(["search", "subdistrict:棉纺", SAMPLE, "--lang", "zh"])
        .env("BULLETIN_CACHE_DIR", cache.path())
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("没有要搜索的内容"));
}
