//! Odd inputs and failure paths of `bulletin import`: a valid archive or a
//! clear error, never a panic, never a partial output file.

use std::path::{Path, PathBuf};

use bulletin::import::{ImportArgs, ImportError, run_with};
use bulletin::model::{Archive, Block};
use clap::Parser;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn args(files: Vec<PathBuf>, output: Option<PathBuf>) -> ImportArgs {
    ImportArgs {
        files,
        output,
        district: Some("中原区".into()),
        ..Default::default()
    }
}

/// Runs the import; returns stdout, stderr and the result.
fn run(a: &ImportArgs) -> (String, String, Result<(), ImportError>) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let r = run_with(a, &mut out, &mut err, false);
    (
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
        r,
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Deterministic junk bytes (an LCG), including NULs.
fn junk(n: usize) -> Vec<u8> {
    let mut x: u32 = 12345;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect()
}

/// Fails, names the file, and leaves no output file nor temp files.
fn assert_fails_cleanly(a: &ImportArgs, dir: &Path, wanted: &str) {
    let (_, _, r) = run(a);
    let msg = r.expect_err("must fail").to_string();
    assert!(msg.contains(wanted), "{msg}");
    assert!(
        !a.output.as_ref().unwrap().exists(),
        "no output after failure"
    );
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter().all(|n| !n.to_string_lossy().contains(".tmp")),
        "{left:?}"
    );
}

#[test]
fn empty_and_blank_files_are_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", b" \n\r\n\t\n\x1b[0m\n\xe3\x80\x80"),
    ] {
        let f = write(dir.path(), name, bytes);
        let a = args(vec![f], Some(dir.path().join("out.json")));
        assert_fails_cleanly(&a, dir.path(), name);
    }
}

#[test]
fn binary_junk_is_an_error_with_offset_unless_lossy() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = junk(4096);
    let nul = bytes.iter().position(|&b| b == 0).unwrap();
    let f = write(dir.path(), "junk.bin", &bytes);
    let out = dir.path().join("out.json");
    assert_fails_cleanly(
        &args(vec![f.clone()], Some(out.clone())),
        dir.path(),
        &format!("offset {nul}"),
    );

    let mut a = args(vec![f], Some(out.clone()));
    a.lossy = true;
    let (_, stderr, r) = run(&a);
    r.unwrap();
    assert!(stderr.contains("replaced by U+FFFD"), "{stderr}");
    let archive: Archive = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(!archive.articles.is_empty());
    for art in &archive.articles {
        assert!(!art.body.is_empty());
        let all = art.body.iter().map(Block::text).chain([art.title.as_str()]);
        assert!(all.flat_map(str::chars).all(|c| !c.is_control()));
    }
}

#[test]
fn undecodable_bytes_name_the_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "中原区：标题\n\n正文。".as_bytes().to_vec();
    bytes.insert(9, 0xff); // after `中原区`
    let f = write(dir.path(), "bad.txt", &bytes);
    let mut a = args(vec![f], Some(dir.path().join("out.json")));
    a.encoding = Some("utf-8".into());
    assert_fails_cleanly(&a, dir.path(), "UTF-8 at byte offset 9");
}

#[test]
fn a_single_10_mb_line_is_one_article() {
    let dir = tempfile::tempdir().unwrap();
    let line = "街道开展党员进楼院活动切实提升居民幸福感".repeat(10 * 1024 * 1024 / 60);
    let f = write(dir.path(), "long.txt", line.as_bytes());
    let (stdout, _, r) = run(&args(vec![f], None));
    r.unwrap();
    let archive: Archive = serde_json::from_str(&stdout).unwrap();
    let [a] = &archive.articles[..] else {
        panic!("one article")
    };
    assert_eq!(
        a.title,
        format!("{}…", line.chars().take(30).collect::<String>())
    );
    assert_eq!(a.body, [Block::Paragraph { text: line.clone() }]);
}

#[test]
fn text_without_structure_is_one_article_holding_it() {
    let dir = tempfile::tempdir().unwrap();
    let text = "今天天气很好，我们去公园散步。\n\n公园里有很多人。\n孩子们在草地上玩耍。\n";
    let f = write(dir.path(), "plain.txt", text.as_bytes());
    let (stdout, _, r) = run(&args(vec![f], None));
    r.unwrap();
    let archive: Archive = serde_json::from_str(&stdout).unwrap();
    let [a] = &archive.articles[..] else {
        panic!("one article")
    };
    assert_eq!(a.title, "今天天气很好");
    assert_eq!(archive.title, a.title, "the lead piece's (made) title");
    let texts: Vec<&str> = a.body.iter().map(Block::text).collect();
    assert_eq!(
        texts,
        [
            "今天天气很好，我们去公园散步。",
            "公园里有很多人。",
            "孩子们在草地上玩耍。"
        ]
    );

    let f = write(dir.path(), "title-only.txt", "只有一个标题".as_bytes());
    let (stdout, _, r) = run(&args(vec![f], None));
    r.unwrap();
    let archive: Archive = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        archive.articles[0].body,
        [Block::Paragraph {
            text: "只有一个标题".into()
        }]
    );
}

#[test]
fn escape_sequences_and_bidi_controls_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let text = "中原区：标\x1b[31m题\x1b]0;owned\x07\n\n正\u{202e}文\u{200b}内容。\t完\n";
    let f = write(dir.path(), "esc.txt", text.as_bytes());
    let (stdout, _, r) = run(&args(vec![f], None));
    r.unwrap();
    let archive: Archive = serde_json::from_str(&stdout).unwrap();
    assert_eq!(archive.articles[0].title, "中原区：标题");
    let body = archive.articles[0].body[0].text();
    assert!(
        body.starts_with("正文内容。") && body.ends_with('完'),
        "{body:?}"
    );
    assert!(!body.contains(['\u{202e}', '\u{200b}', '\t']));
}

#[test]
fn a_bad_existing_archive_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let out = write(dir.path(), "out.json", b"{ not json");
    let (_, _, r) = run(&args(vec![fixture("lead.txt")], Some(out.clone())));
    let msg = r.unwrap_err().to_string();
    assert!(msg.contains("out.json:1:3"), "{msg}");
    assert_eq!(std::fs::read(&out).unwrap(), b"{ not json");
}

#[test]
fn one_bad_file_in_a_batch_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "empty.txt", b"");
    let a = args(
        vec![fixture("lead.txt"), bad],
        Some(dir.path().join("out.json")),
    );
    assert_fails_cleanly(&a, dir.path(), "empty.txt");
    let a = args(
        vec![fixture("lead.txt")],
        Some(dir.path().join("no-such-dir/out.json")),
    );
    let (_, _, r) = run(&a);
    assert!(r.is_err());
    assert!(!dir.path().join("no-such-dir").exists());
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/zhongyuan-bulletin.txt");
    let mut a = args(vec![raw], Some(out.clone()));
    a.dry_run = true;
    let (stdout, _, r) = run(&a);
    r.unwrap();
    assert!(!out.exists());
    for want in [
        "article fbe66a44 line 3: 中原区：合力攻坚 按下基层党建重点工作“快进键”",
        "byline line 7: 记者 / 张改华",
        "subdistrict: 桐柏路街道",
        "caption line 22: credit 通讯员 王蒙 图",
        "rejoined lines 28+30: …发现、上报问题、 | 解决问题。",
        "rejoined lines 42+44:",
        "total: 5 articles (1 district-wide, 4 in subdistricts [桐柏路街道, 西流湖街道, 须水街道, 棉纺路街道])",
        "5 added",
    ] {
        assert!(stdout.contains(want), "missing {want:?} in\n{stdout}");
    }
}

#[test]
fn appending_keeps_existing_articles_and_title() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let raw = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/zhongyuan-bulletin.txt");
    run(&args(vec![raw], Some(out.clone()))).2.unwrap();
    let (_, stderr, r) = run(&args(vec![fixture("lead.txt")], Some(out.clone())));
    r.unwrap();
    assert!(
        stderr.contains("1 added, 0 replaced, 0 unchanged"),
        "{stderr}"
    );
    let archive: Archive = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(archive.articles.len(), 6);
    assert_eq!(
        archive.title,
        "中原区：合力攻坚 按下基层党建重点工作“快进键”"
    );
    assert_eq!(archive.articles[5].bulletin.as_deref(), Some("lead"));

    let mut a = args(vec![fixture("lead.txt")], Some(out.clone()));
    a.title = Some("中原区简报合集".into());
    a.key = Some("zhongyuan-2021".into());
    run(&a).2.unwrap();
    let archive: Archive = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(
        (archive.title.as_str(), archive.key.as_deref()),
        ("中原区简报合集", Some("zhongyuan-2021"))
    );
    assert_eq!(archive.articles.len(), 6);
}

#[derive(Parser)]
struct Cli {
    #[command(flatten)]
    import: ImportArgs,
}

#[test]
fn command_line_flags() {
    let cli = Cli::try_parse_from([
        "import",
        "a.txt",
        "b.txt",
        "-o",
        "x.json",
        "--date",
        "2021-02-28",
        "--subdistricts",
        "甲街道,乙镇",
        "--subdistricts",
        "丙片区，丁社区",
        "--normalize-punctuation",
        "--dry-run",
    ])
    .unwrap();
    let a = &cli.import;
    assert_eq!(a.files.len(), 2);
    assert_eq!(a.output.as_deref(), Some(Path::new("x.json")));
    assert!(a.normalize_punctuation && a.dry_run && !a.lossy);
    let opts = a.options();
    assert_eq!(opts.subdistricts, ["甲街道", "乙镇", "丙片区", "丁社区"]);
    assert_eq!(opts.date.as_deref(), Some("2021-02-28"));
    for bad in ["2021-02-30", "2021-2-3", "yesterday", "2021-02-28T00:00"] {
        assert!(
            Cli::try_parse_from(["import", "a.txt", "--date", bad]).is_err(),
            "{bad}"
        );
    }
    assert!(Cli::try_parse_from(["import"]).is_err(), "FILE is required");
}
