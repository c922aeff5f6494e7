//! A mutation fuzzer of the state file parser. A valid `state.json` (two
//! archives, bookmarks, positions, tombstones, unknown fields) is damaged
//! byte by byte and token by token; opening the store on the result must:
//!
//! - never panic or hang;
//! - lose nothing silently: a file that does not parse is moved aside
//!   byte for byte (and said so); in one that does, every bookmark entry is
//!   either read or named in a set-aside notice;
//! - settle: after one save, the file opens with no notice at all.
//!
//! Bounded for `cargo test` (48 cases); `BULLETIN_FUZZ_CASES=5000 cargo test
//! --test it hostile_fuzz` runs longer.

use std::path::Path;

use bulletin::store::{ArchiveKey, Bookmark, Notice, Store, make_anchor};
use proptest::prelude::*;
use serde_json::Value;

const SAMPLE: &str = r#"{
  "version": 1,
  "written_by": "fuzz",
  "archives": {
    "中原区公报\u001fzy": {
      "title": "中原区公报",
      "key": "zy",
      "colour": "red",
      "positions": {
        "xlh-1": {"anchor": {"article": "xlh-1", "unit": 5, "offset": 42, "fingerprint": "群众急难愁盼"}, "status": "in_progress", "updated": "2024-05-01T08:30:12.345Z"},
        "xlh-2": {"anchor": {"article": "xlh-2", "unit": 0, "offset": 0, "fingerprint": ""}, "status": "read", "updated": "2024-05-02T08:30:12.345Z", "pages": 3}
      },
      "bookmarks": [
        {"id": "1714552212345-4242-0", "anchor": {"article": "xlh-1", "unit": 7, "offset": 0, "fingerprint": "街道成立工作专班"}, "note": "专班", "snippet": "街道成立", "article_title": "西流湖街道", "subdistrict": "西流湖街道", "created": "2024-05-01T08:30:12.345Z"},
        {"id": "1714552212345-4242-1", "anchor": {"article": "xlh-2", "unit": 1, "offset": 3, "fingerprint": "abc"}, "note": "", "created": "2024-05-01T09:30:12.345Z", "restored": "2024-05-03T09:30:12.345Z", "tags": ["x"]}
      ],
      "deleted": {"1714000000000-4100-3": "2024-04-28T10:00:00.000Z"}
    },
    "其他": {"title": "其他", "bookmarks": [
        {"id": "1714552212345-4242-9", "anchor": {"article": "a", "unit": 0, "offset": 0, "fingerprint": ""}, "created": "2024-05-05T08:30:12.345Z"}
    ]}
  }
}"#;

/// Replacements that keep the JSON well-formed but change its meaning.
const TOKENS: &[(&str, &str)] = &[
    ("\"2024-05-01T08:30:12.345Z\"", "\"yesterday\""),
    ("\"2024-05-01T09:30:12.345Z\"", "null"),
    ("\"in_progress\"", "\"\\u001b]0;PWNED\\u0007\""),
    ("\"unit\": 7", "\"unit\": -7"),
    ("\"offset\": 42", "\"offset\": 1e400"),
    ("\"1714552212345-4242-1\"", "\"1714552212345-4242-0\""),
    ("\"deleted\": {", "\"deleted\": [{"),
    ("\"bookmarks\": [", "\"bookmarks\": {\"x\": ["),
    ("\"title\": \"其他\"", "\"title\": 7"),
    ("\"version\": 1", "\"version\": 2"),
    ("\"version\": 1", "\"version\": \"1\""),
    ("\"archives\": {", "\"archives\": [{"),
    ("\"set_aside\"", "\"set_aside\""),
    ("\"colour\": \"red\"", "\"set_aside\": 5"),
    ("{\"id\"", "{\"id\": 1, \"x\""),
    ("\"note\": \"专班\"", "\"note\": \"专班\", \"note\": 3"),
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Truncate(usize),
    Token(usize),
    Bom,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(i, b)| Mutation::Flip(i, b)),
        (
            any::<usize>(),
            prop::sample::select(b"{}[],:\"\\0-e.\xe4\xff ".to_vec())
        )
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        any::<usize>().prop_map(Mutation::Delete),
        any::<usize>().prop_map(Mutation::Truncate),
        (0..TOKENS.len()).prop_map(Mutation::Token),
        Just(Mutation::Bom),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let at = |i: usize, len: usize| if len == 0 { 0 } else { i % len };
    match *m {
        Mutation::Flip(i, b) if !bytes.is_empty() => {
            let i = at(i, bytes.len());
            bytes[i] ^= b.max(1);
        }
        Mutation::Insert(i, b) => bytes.insert(at(i, bytes.len() + 1), b),
        Mutation::Delete(i) if !bytes.is_empty() => {
            bytes.remove(at(i, bytes.len()));
        }
        Mutation::Truncate(i) => bytes.truncate(at(i, bytes.len() + 1)),
        Mutation::Token(t) => {
            let (from, to) = TOKENS[t];
            let text = String::from_utf8_lossy(bytes).replacen(from, to, 1);
            *bytes = text.into_bytes();
        }
        Mutation::Bom => bytes.splice(0..0, *b"\xef\xbb\xbf").for_each(drop),
        _ => {}
    }
}

/// Bookmark entries per archive key in the damaged file, if it is a JSON
/// object of the expected shape at all.
fn bookmark_entries(bytes: &[u8]) -> Vec<(String, usize)> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let Ok(Value::Object(top)) = serde_json::from_slice::<Value>(bytes) else {
        return Vec::new();
    };
    let Some(Value::Object(archives)) = top.get("archives") else {
        return Vec::new();
    };
    archives
        .iter()
        .filter_map(|(k, a)| match a.get("bookmarks") {
            Some(Value::Array(list)) => Some((k.clone(), list.len())),
            _ => None,
        })
        .collect()
}

fn check(bytes: &[u8], dir: &Path) -> Result<(), TestCaseError> {
    std::fs::write(dir.join("state.json"), bytes).unwrap();
    let (mut store, notices) = Store::open(dir).unwrap();
    let said: Vec<String> = notices.iter().map(Notice::to_string).collect();
    for n in &notices {
        if let Notice::CorruptMovedAside { moved_to, .. } = n {
            prop_assert_eq!(
                &std::fs::read(moved_to).unwrap(),
                bytes,
                "moved aside as it was"
            );
        }
    }
    let newer = notices
        .iter()
        .any(|n| matches!(n, Notice::NewerVersion { .. }));
    let corrupt = notices
        .iter()
        .any(|n| matches!(n, Notice::CorruptMovedAside { .. }));
    if !corrupt && !newer {
        for (name, entries) in bookmark_entries(bytes) {
            let key = ArchiveKey(name);
            let aside = said
                .iter()
                .map(|n| n.matches(", bookmarks").count())
                .sum::<usize>();
            let whole = said.iter().any(|n| n.contains(&format!("archive {key}: ")));
            let read = store.bookmarks(&key).len();
            prop_assert!(
                whole || read + aside >= entries,
                "{entries} bookmark entries in {key}, {read} read, notices {said:?}"
            );
        }
    }
    if newer {
        return Ok(());
    }
    let mark = Bookmark::new(
        make_anchor("a", &["正文"], 0, 0),
        "fuzz",
        "",
        "",
        None,
        bulletin::store::Clock::wall().now(),
    );
    store.add_bookmark(&ArchiveKey::new("fuzz", None), mark);
    store
        .save()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    let (again, notices) = Store::open(dir).unwrap();
    prop_assert!(notices.is_empty(), "after a save: {:?}", notices);
    prop_assert_eq!(again.bookmarks(&ArchiveKey::new("fuzz", None)).len(), 1);
    Ok(())
}

fn cases() -> u32 {
    std::env::var("BULLETIN_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn damaged_state_files_lose_nothing_silently(
        mutations in prop::collection::vec(mutation(), 1..4)
    ) {
        let mut bytes = SAMPLE.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let dir = tempfile::tempdir().unwrap();
        check(&bytes, dir.path())?;
    }
}

#[test]
fn the_sample_is_read_whole_and_quietly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("state.json"), SAMPLE).unwrap();
    let (store, notices) = Store::open(dir.path()).unwrap();
    assert!(notices.is_empty(), "{notices:?}");
    let key = ArchiveKey("中原区公报\u{1f}zy".into());
    assert_eq!(store.bookmarks(&key).len(), 2);
    check(SAMPLE.as_bytes(), dir.path()).unwrap();
}
