//! Two levels of strictness (issue 14): `check` and `--strict` refuse an
//! archive with any problem; the reader, `list`, `show` and `search` read
//! what can be read, mark or skip the rest, list broken articles as such,
//! and count every problem. One fixture holds each case:
//! `tests/fixtures/lenient/mixed.json` (a blank block, an unknown block
//! type, a bad date, a missing title, a body that is not an array) and
//! `gbk_body.jsonl` (a body that is not UTF-8).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use bulletin::app::effect::update_inline;
use bulletin::app::{Action, App, Lang, Screen, Settings};
use bulletin::model::{Library, Strictness, load_path, open_path, open_path_with};
use serde_json::Value;

use crate::common::{buffer_text, render};

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/lenient")
        .join(name)
}

fn lenient(name: &str) -> Library {
    open_path_with(&fixture(name), Strictness::Lenient).unwrap()
}

fn run(args: &[&str], lang: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .args(args)
        .env("HOME", home.path())
        .env("BULLETIN_DATA_DIR", home.path())
        .env("BULLETIN_CACHE_DIR", home.path())
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn each_case_is_mended_or_broken_and_counted() {
    let lib = lenient("mixed.json");
    assert!(lib.is_lazy());
    let at = |id: &str| lib.index_of(id);
    assert_eq!(
        at("notitle"),
        None,
        "a broken article is not openable by id"
    );
    let broken: Vec<&str> = (0..lib.articles.len())
        .filter(|&i| lib.broken(i).is_some())
        .map(|i| lib.articles[i].id.as_str())
        .collect();
    assert_eq!(broken, ["notitle"]);
    let blank = lib.open(at("blank").unwrap()).unwrap();
    let texts: Vec<&str> = blank.article.body.iter().map(|b| b.text()).collect();
    assert_eq!(texts, ["第一段真正的文字。", "第二段。"]);
    assert!(blank.notes.is_empty());
    let image = lib.open(at("image").unwrap()).unwrap();
    assert_eq!((image.article.body.len(), image.notes.len()), (2, 1));
    assert_eq!(
        image.notes[0].at, 1,
        "the placeholder stands where the image was"
    );
    assert_eq!(lib.open(at("baddate").unwrap()).unwrap().article.date, None);
    let nobody = lib.open(at("nobody").unwrap()).unwrap();
    assert_eq!((nobody.article.body.len(), nobody.notes.len()), (0, 1));
    let good = lib.open(at("good").unwrap()).unwrap();
    assert!(good.faults.is_empty() && good.notes.is_empty());
    // The date and the title were seen on opening; the bodies as read.
    let messages: Vec<String> = lib
        .problems()
        .iter()
        .map(|(_, p)| p.message.to_string())
        .collect();
    assert_eq!(
        messages,
        [
            "block 1: text is empty",
            "block 2: unknown type \"image\" (expected paragraph, heading or caption)",
            "date \"2023-02-30\" is not a real calendar date",
            "missing title",
            "body must be an array of blocks, found a string",
        ]
    );
}

/// A strict open refuses the archive with the problems its one reading
/// found, outside bodies (a body's are found when its article is opened);
/// `--strict` on the command line checks every body, as `check` does.
#[test]
fn strict_refuses_with_the_problems_outside_bodies() {
    let path = fixture("mixed.json");
    let strict = open_path(&path).unwrap_err().to_string();
    let p = path.display();
    let date = "date \"2023-02-30\" is not a real calendar date";
    let want = format!(
        "{p}: 2 problems in the archive\n  {p}: article baddate: {date}\n  \
         {p}: article notitle: missing title"
    );
    assert_eq!(strict, want);
    let checked = load_path(&path).unwrap_err().to_string();
    assert!(checked.contains("5 problems") && checked.contains("block 1: text is empty"));
    let out = run(&["list", "--strict", path.to_str().unwrap()], "en_US.UTF-8");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stderr), format!("bulletin: {checked}\n"));
}

/// The same file read from a directory holding it (every body read on
/// opening) gives the same articles, broken ones and problems as the
/// file by itself with its bodies read. (The full loader's agreement with
/// both is `model::build`'s test.)
#[test]
fn both_ways_of_reading_agree() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture("mixed.json"), dir.path().join("mixed.json")).unwrap();
    let full = open_path_with(dir.path(), Strictness::Lenient).unwrap();
    let lazy = lenient("mixed.json");
    lazy.check_bodies();
    assert_eq!(full.articles, lazy.articles);
    for i in 0..full.articles.len() {
        assert_eq!(full.broken(i), lazy.broken(i));
        match (full.open(i), lazy.open(i)) {
            (Ok(a), Ok(b)) => assert_eq!(a.as_ref(), b.as_ref()),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            _ => panic!("article {i} opens in one way only"),
        }
    }
    let messages = |l: &Library| -> Vec<String> {
        l.problems()
            .iter()
            .map(|(_, p)| p.message.to_string())
            .collect()
    };
    assert_eq!(messages(&full), messages(&lazy));
}

#[test]
fn a_body_that_is_not_utf8_cannot_be_opened_but_the_others_can() {
    let lib = lenient("gbk_body.jsonl");
    assert!(lib.open(0).is_ok());
    let e = lib.open(1).unwrap_err();
    assert!(
        e.text(Lang::Zh).contains("不是有效的 UTF-8"),
        "{}",
        e.text(Lang::Zh)
    );
    let problems = lib.problems();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].1.to_string().contains(":2:"),
        "{}",
        problems[0].1
    );
}

/// A stray byte right after a whole character of a body: the article
/// cannot be opened, and the place is the bad byte's, as `check` gives it.
#[test]
fn a_stray_byte_in_a_body_is_placed_as_check_places_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray.jsonl");
    let article = |id: &str, text: &str| {
        format!(
            r#"{{"id": "{id}", "title": "t", "district": "d", "body": [{{"type": "paragraph", "text": "{text}"}}]}}"#
        )
    };
    let mut bytes = format!("{}\n{}\n", article("a", "一"), article("b", "中@")).into_bytes();
    let at = bytes.iter().position(|&b| b == b'@').unwrap();
    bytes[at] = 0xAD;
    std::fs::write(&path, &bytes).unwrap();
    let place = ":2:85: not valid UTF-8";
    let check = load_path(&path).unwrap_err().to_string();
    assert!(check.contains(place), "{check}");
    let lib = open_path_with(&path, Strictness::Lenient).unwrap();
    assert!(lib.open(0).is_ok());
    let e = lib.open(1).unwrap_err().to_string();
    assert!(e.contains(place), "{e}");
}

/// A body that gives a known name twice is refused as `check` refuses it
/// (the whole file), not read with the last value: that article cannot be
/// opened, with the place of the second name; the others can.
#[test]
fn a_body_that_gives_a_name_twice_cannot_be_opened_but_the_others_can() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("twice.jsonl");
    let article = |id: &str, block: &str| {
        format!(r#"{{"id": "{id}", "title": "t", "district": "d", "body": [{block}]}}"#)
    };
    let good = article("a", r#"{"type": "paragraph", "text": "一"}"#);
    let bad = article("b", r#"{"type": "paragraph", "text": "一", "text": "二"}"#);
    std::fs::write(&path, format!("{good}\n{bad}\n")).unwrap();
    let lib = open_path_with(&path, Strictness::Lenient).unwrap();
    assert!(lib.is_lazy());
    assert!(lib.open(0).is_ok());
    let place = ":2:93: \"text\" is given twice in one object";
    let check = load_path(&path).unwrap_err().to_string();
    assert!(check.ends_with(place), "{check}");
    let e = lib.open(1).unwrap_err().to_string();
    assert!(e.ends_with(place), "{e}");
    assert_eq!(lib.problems().len(), 1);
}

fn app_on(lib: Library, lang: Lang) -> App {
    let settings = Settings {
        lang,
        ..Settings::default()
    };
    let mut app = App::new(lib, settings);
    update_inline(&mut app, Action::Resize(80, 24));
    app
}

fn select(app: &mut App, id: &str) {
    let i = (0..app.archive.articles.len())
        .find(|&i| app.archive.articles[i].id == id)
        .unwrap();
    app.browse.selected = app.browse.visible.iter().position(|&v| v == i).unwrap();
}

/// The reader flow: the zero-width-space paragraph is skipped, `!` shows
/// the problem, a broken article says why it does not open, in Chinese.
#[test]
fn the_reader_reads_around_and_shows_the_problems_in_chinese() {
    let lib = lenient("mixed.json");
    lib.check_bodies();
    let mut app = app_on(lib, Lang::Zh);
    let screen = buffer_text(&render(&app));
    assert!(screen.contains("5 个问题，按 ! 查看"), "{screen}");
    select(&mut app, "blank");
    update_inline(&mut app, Action::Open);
    assert_eq!(app.screen(), Screen::Read);
    let screen = buffer_text(&render(&app));
    assert!(screen.contains("第一段真正的文字。"), "{screen}");
    let r = app.reader().unwrap();
    assert!(r.doc.units.iter().all(|u| !u.text.trim().is_empty()));
    update_inline(&mut app, Action::Problems);
    assert_eq!(app.screen(), Screen::Problems);
    let screen = buffer_text(&render(&app));
    for want in [
        "档案中的问题",
        "文章 blank：第 1 块：text 为空",
        "mixed.json",
        "缺少 title 字段",
    ] {
        assert!(screen.contains(want), "{want}:\n{screen}");
    }
    update_inline(&mut app, Action::Back);
    update_inline(&mut app, Action::Back);
    select(&mut app, "notitle");
    update_inline(&mut app, Action::Open);
    assert_eq!(app.screen(), Screen::Browse);
    assert_eq!(
        app.status.as_deref(),
        Some("文章 notitle 无法打开：缺少 title 字段")
    );
    select(&mut app, "image");
    update_inline(&mut app, Action::Open);
    let screen = buffer_text(&render(&app));
    assert!(
        screen.contains("［第 2 块无法读取：未知的块类型"),
        "{screen}"
    );
}

#[test]
fn enter_on_a_problem_opens_its_article() {
    let mut app = app_on(lenient("mixed.json"), Lang::En);
    update_inline(&mut app, Action::Problems);
    // The first problem seen on opening is the bad date.
    update_inline(&mut app, Action::Open);
    assert_eq!(app.screen(), Screen::Read);
    let r = app.reader().unwrap();
    assert_eq!(app.archive.articles[r.article].id, "baddate");
    update_inline(&mut app, Action::Back);
    assert_eq!(app.screen(), Screen::Problems, "back to the problems");
}

#[test]
fn list_shows_the_broken_apart_and_counts_the_problems() {
    let path = fixture("mixed.json");
    let out = run(&["list", path.to_str().unwrap()], "zh_CN.UTF-8");
    assert_eq!(out.status.code(), Some(0));
    let list = text(&out.stdout);
    assert!(list.contains("无法打开的文章"), "{list}");
    assert!(list.contains("notitle  缺少 title 字段"), "{list}");
    assert!(list.contains("blank  开头是零宽空格的文章"), "{list}");
    assert!(
        text(&out.stderr).contains("文章的字段中有 2 个问题"),
        "{}",
        text(&out.stderr)
    );
    let json = run(&["list", path.to_str().unwrap(), "--json"], "zh_CN.UTF-8");
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["broken"][0]["id"], "notitle");
    assert_eq!(
        v["broken"][0]["problems"][0], "missing title",
        "JSON stays English"
    );
}

#[test]
fn show_prints_placeholders_and_names_the_problems() {
    let path = fixture("mixed.json");
    let p = path.to_str().unwrap();
    let out = run(&["show", p, "image"], "en_US.UTF-8");
    assert_eq!(out.status.code(), Some(0));
    let shown = text(&out.stdout);
    assert!(
        shown.contains("图前的文字。") && shown.contains("图后的文字。"),
        "{shown}"
    );
    assert!(
        shown.contains("[unreadable block 2: unknown type \"image\""),
        "{shown}"
    );
    assert!(text(&out.stderr).contains("article image: block 2: unknown type"));
    let blank = text(&run(&["show", p, "blank"], "en_US.UTF-8").stdout);
    assert!(!blank.contains('\u{200b}') && blank.contains("第一段真正的文字。"));
    let broken = run(&["show", p, "notitle"], "zh_CN.UTF-8");
    assert_eq!(broken.status.code(), Some(1));
    assert_eq!(
        text(&broken.stderr),
        "bulletin: 文章 notitle 无法打开：缺少 title 字段\n"
    );
    let gbk = fixture("gbk_body.jsonl");
    let out = run(&["show", gbk.to_str().unwrap(), "gbk"], "en_US.UTF-8");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("not valid UTF-8"));
}

#[test]
fn search_finds_text_in_mended_articles() {
    let path = fixture("mixed.json");
    let out = run(
        &["search", "文字", path.to_str().unwrap(), "--json"],
        "en_US.UTF-8",
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = (v["articles"].as_array().unwrap().iter())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["blank", "image"]);
    assert_eq!(v["total_hits"], 3, "placeholders are not searched");
}

#[test]
fn check_json_reports_every_case() {
    let path = fixture("mixed.json");
    let out = run(&["check", "--json", path.to_str().unwrap()], "zh_CN.UTF-8");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["ok"], false);
    assert_eq!(v["articles"], 6);
    let kinds: Vec<&str> = (v["problems"].as_array().unwrap().iter())
        .map(|p| p["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "block.empty.text",
            "block.unknown-type",
            "date-unreal",
            "missing.title",
            "body-not-array"
        ]
    );
    assert_eq!(v["problems"][1]["part"]["block"], 2);
    assert_eq!(v["summary"]["articles_with_problems"], 5);
    let gbk = fixture("gbk_body.jsonl");
    let out = run(&["check", "--json", gbk.to_str().unwrap()], "en_US.UTF-8");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["error"]["kind"].as_str(), v["error"]["line"].as_u64()),
        (Some("not-utf8"), Some(2))
    );
}

/// `--strict` refuses a problem that is only in a body, as `check` does:
/// the metadata pass reads no bodies, and `list --strict` used to pass.
#[test]
fn strict_refuses_a_problem_only_in_a_body() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lenient/body_only_problem.json"
    );
    let run = |args: &[&str]| {
        Command::new(BIN)
            .args(args)
            .env("LANG", "C")
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&["list", path]).status.code(),
        Some(0),
        "lenient reads it"
    );
    for args in [
        vec!["list", path, "--strict"],
        vec!["show", path, "a1", "--strict"],
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(
            err.contains("article a2: block 1: unknown type \"image\""),
            "{err}"
        );
    }
}
