//! The bundled sample archive is exactly what `bulletin import` makes from
//! the raw sample text, in every supported encoding.

use std::path::{Path, PathBuf};

use bulletin::import::{ImportArgs, run_with};

const RAW: &str = "sample-data/zhongyuan-bulletin.txt";
const ARCHIVE: &str = "sample-data/zhongyuan.json";

fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// The documented command:
/// `bulletin import sample-data/zhongyuan-bulletin.txt --district 中原区 -o OUT`.
fn import(input: PathBuf, output: Option<PathBuf>) -> (Vec<u8>, String) {
    let args = ImportArgs {
        files: vec![input],
        output,
        district: Some("中原区".into()),
        ..Default::default()
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    run_with(&args, &mut out, &mut err, false).expect("import succeeds");
    (out, String::from_utf8(err).unwrap())
}

fn expected() -> Vec<u8> {
    std::fs::read(repo(ARCHIVE)).unwrap()
}

#[test]
fn sample_archive_is_regenerated_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.json");
    let (stdout, stderr) = import(repo(RAW), Some(out.clone()));
    assert!(stdout.is_empty());
    assert!(stderr.contains("5 articles"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), expected());
}

#[test]
fn without_output_the_archive_goes_to_stdout() {
    let (stdout, _) = import(repo(RAW), None);
    assert_eq!(stdout, expected());
}

#[test]
fn district_is_found_in_the_lead_title_too() {
    let args = ImportArgs {
        files: vec![repo(RAW)],
        ..Default::default()
    };
    let mut out = Vec::new();
    run_with(&args, &mut out, &mut Vec::new(), false).unwrap();
    assert_eq!(out, expected());
}

/// Writes the raw text re-encoded, under the same file name (the file stem
/// is the `bulletin` field), and imports it.
fn import_encoded(bytes: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("zhongyuan-bulletin.txt");
    std::fs::write(&input, bytes).unwrap();
    import(input, None).0
}

fn raw_text() -> String {
    std::fs::read_to_string(repo(RAW)).unwrap()
}

#[test]
fn gb18030_copy_imports_to_the_same_archive() {
    let text = raw_text();
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really not UTF-8");
    assert_eq!(import_encoded(&bytes), expected());
}

#[test]
fn utf16_and_bom_and_crlf_copies_import_to_the_same_archive() {
    let text = raw_text();
    let mut le = vec![0xff, 0xfe];
    let mut be = vec![0xfe, 0xff];
    for u in text.encode_utf16() {
        le.extend_from_slice(&u.to_le_bytes());
        be.extend_from_slice(&u.to_be_bytes());
    }
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(text.as_bytes());
    let crlf = text.replace('\n', "\r\n").into_bytes();
    for (name, bytes) in [
        ("utf-16le", le),
        ("utf-16be", be),
        ("utf-8 bom", bom),
        ("crlf", crlf),
    ] {
        assert_eq!(import_encoded(&bytes), expected(), "{name}");
    }
}

#[test]
fn importing_the_sample_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.json");
    import(repo(RAW), Some(out.clone()));
    let (_, stderr) = import(repo(RAW), Some(out.clone()));
    assert!(
        stderr.contains("0 added, 0 replaced, 5 unchanged"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), expected());
    // The same file named twice in one run.
    let args = ImportArgs {
        files: vec![repo(RAW), repo(RAW)],
        district: Some("中原区".into()),
        ..Default::default()
    };
    let mut stdout = Vec::new();
    run_with(&args, &mut stdout, &mut Vec::new(), false).unwrap();
    assert_eq!(stdout, expected());
}
