//! The reader's way of opening an archive (`model::open_path`): metadata
//! up front, bodies read from the file when opened. It must agree with the full
//! loader on every good archive, refuse what it can see with the full
//! loader's own messages, and turn what it defers into a message when the
//! article is opened.

use std::path::{Path, PathBuf};

use bulletin::app::{Action, App, Screen, Settings};
use bulletin::model::{ArticleMeta, Library, SAMPLE_JSON, load_path, open_path};

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
}

fn fixtures(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixture(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn sample_file(dir: &tempfile::TempDir) -> PathBuf {
    let path = dir.path().join("zhongyuan.json");
    std::fs::write(&path, SAMPLE_JSON).unwrap();
    path
}

/// Every article opened, as the full loader would give it.
fn assert_agrees(path: &Path, library: &Library) {
    let full = load_path(path).unwrap();
    assert_eq!(library.title, full.title, "{path:?}");
    assert_eq!(library.key, full.key);
    let metas: Vec<ArticleMeta> = full.articles.iter().map(ArticleMeta::of).collect();
    assert_eq!(library.articles, metas, "{path:?}");
    for (i, article) in full.articles.iter().enumerate() {
        assert_eq!(
            library.article(i).unwrap().as_ref(),
            article,
            "{path:?} #{i}"
        );
    }
}

#[test]
fn good_files_are_read_lazily_and_agree_with_the_full_loader() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = fixtures("good");
    files.push(sample_file(&dir));
    for path in files {
        let library = open_path(&path).unwrap();
        assert!(library.is_lazy(), "{path:?}");
        assert_agrees(&path, &library);
    }
}

#[test]
fn a_directory_is_read_lazily_file_by_file() {
    let path = fixture("good/dir");
    let library = open_path(&path).unwrap();
    assert!(library.is_lazy());
    assert_agrees(&path, &library);
}

#[test]
fn bad_files_fail_as_in_check_unless_only_a_body_is_wrong() {
    for path in fixtures("bad") {
        let full = load_path(&path).unwrap_err().to_string();
        match open_path(&path) {
            // The same error; of many problems, those outside bodies.
            Err(e) if e.to_string() != full => {
                let said = e.to_string();
                let (head, lines) = said.split_once('\n').unwrap_or((&said, ""));
                assert!(head.ends_with("in the archive"), "{path:?}: {said}");
                for line in lines.lines() {
                    assert!(
                        full.lines().any(|l| l == line),
                        "{path:?}: {line} vs {full}"
                    );
                }
                for line in full.lines().skip(1).filter(|l| !said.contains(*l)) {
                    let body = line.contains(": block ") || line.contains(": body ");
                    assert!(body, "{path:?}: {line} left out");
                }
            }
            Err(_) => {}
            Ok(library) => {
                let broken: Vec<String> = (0..library.articles.len())
                    .filter_map(|i| library.article(i).err())
                    .collect();
                assert!(!broken.is_empty(), "{path:?} opened with nothing wrong");
                for message in broken {
                    assert!(full.contains(&message), "{path:?}: {message:?} vs {full}");
                }
            }
        }
    }
    // These are the deferred kind: the list opens, the article does not.
    for name in ["bad/unknown_block.json", "bad/empty_body.json"] {
        assert!(open_path(&fixture(name)).is_ok(), "{name}");
    }
}

#[test]
fn bad_utf8_in_a_body_is_reported_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    let mut text =
        br#"{"id":"ok","title":"t","district":"d","body":[{"type":"paragraph","text":"x"}]}"#
            .to_vec();
    text.extend(b"\n{\"id\":\"gbk\",\"title\":\"t\",\"district\":\"d\",\"body\":[{\"type\":\"paragraph\",\"text\":\"\xd6\xd0\"}]}\n");
    std::fs::write(&path, &text).unwrap();
    let library = open_path(&path).unwrap();
    assert!(library.article(0).is_ok());
    let message = library.article(1).unwrap_err();
    assert!(message.starts_with("article gbk: "), "{message}");
    // What `bulletin check` says (file:line:column, in words), not serde's
    // "invalid unicode code point at line 1 column 70".
    let check = load_path(&path).unwrap_err().to_string();
    assert!(
        check.contains(":2:") && check.contains("not valid UTF-8"),
        "{check}"
    );
    assert_eq!(message, format!("article gbk: {check}"));
}

const GOOD: &str =
    r#"{"id":"ok","title":"t","district":"d","body":[{"type":"paragraph","text":"x"}]}"#;

/// A JSON Lines file: a good article, a blank line, then `bad` on line 3.
fn lines_with(dir: &tempfile::TempDir, bad: &str) -> PathBuf {
    let path = dir.path().join("a.jsonl");
    std::fs::write(&path, format!("{GOOD}\n\n{bad}\n")).unwrap();
    path
}

/// The message of the one article that does not open.
fn broken(library: &Library) -> String {
    let mut broken = (0..library.articles.len()).filter_map(|i| library.article(i).err());
    let message = broken.next().expect("a broken article");
    assert!(broken.next().is_none());
    message
}

#[test]
fn a_broken_body_reads_as_check_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let single = dir.path().join("a.json");
    let text = SAMPLE_JSON.replacen("\"type\": \"paragraph\"", "\"type\": \"image\"", 1);
    std::fs::write(&single, text).unwrap();
    let bad = r#"{"id":"b","title":"t","district":"d","body":[{"type":"image","text":"x"}]}"#;
    for path in [single, lines_with(&dir, bad)] {
        let message = broken(&open_path(&path).unwrap());
        let check = load_path(&path).unwrap_err().to_string();
        // The problem's own line of `bulletin check`: file (and line), id.
        assert!(
            check.lines().skip(1).any(|line| line.trim() == message),
            "{message:?} is not a line of\n{check}"
        );
        assert!(message.contains("unknown type \"image\""), "{message}");
    }
}

#[test]
fn a_body_serde_refuses_reads_as_check_says_it() {
    let dir = tempfile::tempdir().unwrap();
    let bad =
        r#"{"id":"b","title":"t","district":"d","body":[{"type":"paragraph","text":"\ud800"}]}"#;
    let path = lines_with(&dir, bad);
    let message = broken(&open_path(&path).unwrap());
    let check = load_path(&path).unwrap_err().to_string();
    assert!(check.contains(":3:"), "{check}");
    assert_eq!(message, format!("article b: {check}"));
    // In a single-file archive, check adds which article it was reading.
    let single = dir.path().join("a.json");
    let archive = format!(
        "{{\"format\":\"bulletin-archive/1\",\"title\":\"t\",\n\"articles\":[{GOOD},\n{bad}]}}"
    );
    std::fs::write(&single, archive).unwrap();
    let message = broken(&open_path(&single).unwrap());
    let check = load_path(&single).unwrap_err().to_string();
    let located = message.strip_prefix("article b: ").unwrap();
    assert!(check.starts_with(located), "{message:?} vs {check:?}");
    assert!(
        located.starts_with(&format!("{}:3:", single.display())),
        "{located}"
    );
}

#[test]
fn a_file_cut_short_after_opening_is_noticed_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(&dir);
    let library = open_path(&path).unwrap();
    let last = library.articles.len() - 1;
    let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    file.set_len(SAMPLE_JSON.len() as u64 / 2).unwrap();
    let message = library.article(last).unwrap_err();
    assert!(message.contains("changed since it was opened"), "{message}");
    assert!(message.contains(&path.display().to_string()), "{message}");
}

#[test]
fn a_file_rewritten_in_place_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let path = sample_file(&dir);
    let library = open_path(&path).unwrap();
    // Same length, other ids: what is at the old offsets is not the article.
    std::fs::write(&path, SAMPLE_JSON.replace("\"id\": \"", "\"id\": \"X")).unwrap();
    let changed = (0..library.articles.len()).any(|i| library.article(i).is_err());
    assert!(changed);
}

#[test]
fn opening_a_broken_article_in_the_reader_says_why_and_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.json");
    let text = SAMPLE_JSON.replacen("\"type\": \"paragraph\"", "\"type\": \"image\"", 1);
    std::fs::write(&path, text).unwrap();
    let library = open_path(&path).unwrap();
    let broken = (0..library.articles.len())
        .find(|&i| library.article(i).is_err())
        .unwrap();
    let id = library.articles[broken].id.clone();
    let mut app = App::new(library, Settings::default());
    bulletin::app::effect::update_inline(&mut app, Action::Resize(80, 24));
    let row = |app: &App, want: bool| {
        let at = app
            .browse
            .visible
            .iter()
            .position(|&i| (i == broken) == want);
        at.unwrap()
    };
    app.browse.selected = row(&app, true);
    bulletin::app::effect::update_inline(&mut app, Action::Open);
    assert_eq!(app.screen(), Screen::Browse);
    assert!(app.reader().is_none());
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains(&id) && status.contains("unknown type \"image\""),
        "{status}"
    );
    // The others still open.
    app.browse.selected = row(&app, false);
    bulletin::app::effect::update_inline(&mut app, Action::Open);
    assert_eq!(app.screen(), Screen::Read);
}
