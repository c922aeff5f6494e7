//! The importer on input it should not guess at: Japanese, Korean or
//! Latin text in a legacy encoding, UTF-8 with one damaged byte; and an
//! existing JSON Lines archive as the output.

use std::path::Path;
use std::time::Duration;

use encoding_rs::{EUC_KR, GBK, SHIFT_JIS, UTF_8, WINDOWS_1252};

use crate::common::bounded::{Run, command, run_bounded};

const LEAD: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/lead.txt"
);
const JAPANESE: &str =
    "東京都新宿区の区民センターで、地域住民のための説明会が開かれました。参加者は約百名でした。\n";
const KOREAN: &str = "서울특별시 종로구 주민센터에서 설명회가 열렸습니다.\n";
const LATIN: &str = "Café résumé naïve façade; the committee met on Tuesday.\n";

fn import(home: &Path, args: &[&str]) -> Run {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    let run = run_bounded(command(&all, home), Duration::from_secs(30));
    assert!(!run.timed_out);
    run
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn text_that_is_not_chinese_stops_and_asks_for_the_encoding() {
    let home = tempfile::tempdir().unwrap();
    for (name, text, enc) in [
        ("sjis.txt", JAPANESE, SHIFT_JIS),
        ("euckr.txt", KOREAN, EUC_KR),
        ("latin.txt", LATIN, WINDOWS_1252),
    ] {
        let text = text.repeat(3);
        let (bytes, _, _) = enc.encode(&text);
        let file = write(home.path(), name, &bytes);
        let r = import(home.path(), &[&file, "--district", "测试区", "--dry-run"]);
        assert_eq!(r.code, Some(1), "{name}: {}{}", r.out(), r.err());
        assert!(r.err().contains("--encoding"), "{name}: {}", r.err());
        assert!(r.out().is_empty(), "{name}: nothing was imported");
        // Named explicitly, it is imported as asked.
        let label = enc.name();
        let r = import(
            home.path(),
            &[
                &file,
                "--district",
                "测试区",
                "--dry-run",
                "--encoding",
                label,
            ],
        );
        assert_eq!(r.code, Some(0), "{name} as {label}: {}", r.err());
    }
}

#[test]
fn chinese_in_gbk_is_still_detected() {
    let home = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(LEAD).unwrap();
    let (bytes, _, _) = GBK.encode(&text);
    let file = write(home.path(), "gbk.txt", &bytes);
    let r = import(home.path(), &[&file, "--dry-run"]);
    assert_eq!(r.code, Some(0), "{}", r.err());
    assert!(r.out().contains("gb18030"), "{}", r.out());
}

/// One bad byte deep inside UTF-8 text: the error names that byte's
/// offset (it used to name the first non-ASCII one, after guessing the
/// file was GB18030), and `--lossy` replaces just that byte.
#[test]
fn a_bad_byte_in_utf8_is_named_where_it_is() {
    let home = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(LEAD).unwrap();
    let (bytes, _, _) = UTF_8.encode(&text);
    let mut at = bytes.len() / 2;
    while bytes[at] & 0xc0 == 0x80 {
        at += 1;
    }
    let mut bytes = bytes.into_owned();
    bytes.insert(at, 0xff);
    let file = write(home.path(), "damaged.txt", &bytes);
    let r = import(home.path(), &[&file, "--dry-run"]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.err().contains(&format!("UTF-8 at byte offset {at}")),
        "{}",
        r.err()
    );
    let r = import(home.path(), &[&file, "--dry-run", "--lossy"]);
    assert_eq!(r.code, Some(0), "{}", r.err());
    assert!(r.out().contains("(UTF-8,"), "{}", r.out());
}

/// An existing JSON Lines archive given to `-o` stays JSON Lines: one
/// article object per line, no archive header.
#[test]
fn a_json_lines_archive_stays_json_lines() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("news.jsonl");
    let first = r#"{"id":"old-1","title":"旧文章","district":"中原区","body":[{"type":"paragraph","text":"旧的正文。"}]}"#;
    std::fs::write(&out, format!("{first}\n")).unwrap();
    let r = import(home.path(), &[LEAD, "-o", out.to_str().unwrap()]);
    assert_eq!(r.code, Some(0), "{}", r.err());
    let written = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<&str> = written.lines().collect();
    assert!(lines.len() >= 2, "{written}");
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON value per line");
        assert!(v.get("id").is_some() && v.get("format").is_none(), "{line}");
    }
    assert!(lines[0].contains("old-1"), "the old article first");
    let r = run_bounded(
        command(&["check", out.to_str().unwrap()], home.path()),
        Duration::from_secs(30),
    );
    assert_eq!(r.code, Some(0), "{}", r.err());
}
