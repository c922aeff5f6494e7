//! `bulletin outline` (issue 20): an article's sections as the reader's
//! `o` lists them, as text and as JSON, on the real binary; its errors as
//! `show` gives them; and, through the command's pure core
//! (`cli::outline_entries`), a property: numbered headings `一、`…`十、`
//! stay siblings whatever text follows their numbers (finding 5).

use std::process::{Command, Output};

use bulletin::cli::outline_entries;
use bulletin::model::{Article, Block, article_doc};
use bulletin::text::outline::is_han_numeral;
use proptest::prelude::*;
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_bulletin");
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/outline/work-2016.json"
);

fn run(args: &[&str], lang: &str) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(BIN)
        .args(args)
        .env("LANG", lang)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("BULLETIN_DATA_DIR", home.path())
        .env("BULLETIN_CACHE_DIR", home.path())
        .output()
        .unwrap()
}

fn en(args: &[&str]) -> Output {
    run(args, "en_US.UTF-8")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The 2016 report's headings (`一、2015年…`, `二、“十三五”…`,
/// `三、2016年…`) are siblings, with their numbered paragraphs beneath.
#[test]
fn text_output_lists_the_sections_indented_by_level() {
    let out = en(&["outline", FIXTURE, "gov-2016"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let want = [
        " 2  一、2015年工作回顾",
        " 4    （一）创新宏观调控方式，保持经济运行在合理区间",
        " 5    （二）深化改革开放，不断增强发展活力",
        " 6  二、“十三五”时期主要目标任务和重大举措",
        " 8  三、2016年重点工作",
        " 9    （一）稳定和完善宏观经济政策，保持经济运行在合理区间",
        "10      1.积极的财政政策要加大力度",
        "11      2.稳健的货币政策要灵活适度",
        "12    （二）加强供给侧结构性改革，增强持续增长动力",
    ];
    assert_eq!(text(&out.stdout).lines().collect::<Vec<_>>(), want);
    // The archive as an option, as `show` takes it.
    let again = en(&["outline", "gov-2016", "--archive", FIXTURE]);
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn json_output_gives_level_number_title_block_and_parent() {
    let out = en(&["outline", FIXTURE, "gov-2016", "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "gov-2016");
    assert_eq!(v["title"], "2016年政府工作报告");
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 9);
    let two = &sections[3];
    assert_eq!(two["level"], 0);
    assert_eq!(two["number"], "二、");
    assert_eq!(two["title"], "“十三五”时期主要目标任务和重大举措");
    assert_eq!(two["block"], 6);
    assert_eq!(two["heading"], true);
    assert_eq!(two["parent"], Value::Null);
    let item = &sections[6];
    assert_eq!(
        (&item["level"], &item["number"], &item["title"]),
        (
            &Value::from(2),
            &Value::from("1."),
            &Value::from("积极的财政政策要加大力度")
        )
    );
    assert_eq!(
        (&item["heading"], &item["parent"]),
        (&Value::from(false), &Value::from(5))
    );
    let tops: Vec<&str> = sections
        .iter()
        .filter(|s| s["level"] == 0)
        .map(|s| s["number"].as_str().unwrap())
        .collect();
    assert_eq!(tops, ["一、", "二、", "三、"]);
}

#[test]
fn an_article_without_sections_says_so_on_stderr() {
    let out = en(&["outline", FIXTURE, "notice"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(text(&out.stderr).contains("no sections found in \"关于召开会议的通知\""));
    let json = en(&["outline", FIXTURE, "notice", "--json"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v["sections"], Value::Array(vec![]));
    assert!(json.stderr.is_empty());
}

#[test]
fn an_unknown_id_is_an_error_as_in_show() {
    for lang in ["en_US.UTF-8", "zh_CN.UTF-8"] {
        let outline = run(&["outline", FIXTURE, "no-such\u{1b}[31m"], lang);
        let show = run(&["show", FIXTURE, "no-such\u{1b}[31m"], lang);
        assert_eq!(outline.status.code(), Some(1));
        assert_eq!(outline.status.code(), show.status.code());
        assert!(outline.stdout.is_empty());
        assert_eq!(outline.stderr, show.stderr, "the same message");
        let err = text(&outline.stderr);
        assert!(err.contains("no-such") && !err.contains('\u{1b}'), "{err}");
    }
    let zh = run(&["outline", FIXTURE, "x"], "zh_CN.UTF-8");
    assert!(text(&zh.stderr).contains("中没有编号为 x 的文章"));
}

#[test]
fn a_bad_archive_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.json");
    let out = en(&["outline", missing.to_str().unwrap(), "gov-2016"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        text(&out.stderr).starts_with("bulletin: "),
        "{}",
        text(&out.stderr)
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"format\": \"bulletin-archive/1\", \"title\": ").unwrap();
    let out = en(&["outline", broken.to_str().unwrap(), "gov-2016"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    // No id: the same question `show` asks, naming this command; a wrong
    // command line.
    let out = en(&["outline", FIXTURE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("bulletin outline ARCHIVE ID"));
}

#[test]
fn strict_refuses_an_archive_with_a_problem_that_lenient_reads_around() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-bad.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap();
    v["articles"][1]["date"] = Value::from("2016-02-30");
    std::fs::write(&path, v.to_string()).unwrap();
    let p = path.to_str().unwrap();
    let lenient = en(&["outline", p, "gov-2016"]);
    assert_eq!(lenient.status.code(), Some(0), "{}", text(&lenient.stderr));
    let strict = en(&["outline", p, "gov-2016", "--strict"]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(strict.stdout.is_empty());
}

#[test]
fn what_is_printed_is_sanitised() {
    let out = en(&["outline", FIXTURE, "hostile"]);
    assert_eq!(out.status.code(), Some(0));
    let s = text(&out.stdout);
    assert_eq!(s, "0  一、红色标题\n2  二、第二节\n");
    let json = en(&["outline", FIXTURE, "hostile", "--json"]);
    let s = text(&json.stdout);
    assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s:?}");
}

#[test]
fn help_lists_the_command_in_both_languages() {
    let en_help = en(&["--help"]);
    assert!(text(&en_help.stdout).contains("outline"));
    let zh = run(&["--lang", "zh", "outline", "--help"], "en_US.UTF-8");
    assert!(text(&zh.stdout).contains("目录"), "{}", text(&zh.stdout));
}

/// Text after a section number, of every kind: quotes, brackets, digits
/// (a year), Latin, white space, Han. Not a Chinese numeral followed by a
/// measure word or nothing (`一、二十个村`, `一、十` are quantities or
/// lists, docs/outline.md), so no numeral first (after white space).
fn after_number() -> impl Strategy<Value = String> {
    let first = prop_oneof![
        prop::sample::select(vec![
            '“', '”', '‘', '’', '「', '」', '『', '（', '(', '【', '《', '〔'
        ]),
        prop::sample::select(vec!['0', '1', '2', '9', '０', '２', '５']),
        prop::sample::select(vec!['A', 'G', 'x', 'M', ' ', '\u{3000}']),
        prop::sample::select(vec!['加', '稳', '深', '坚', '的', '年', '月', '个', '、']),
    ];
    let rest =
        "[0-9０-９a-zA-Z“”‘’「」（）()【】《》，、；：.% 　年月日的工作改革发展十三五推进]{0,24}";
    (first, rest)
        .prop_map(|(c, r)| format!("{c}{r}"))
        .prop_filter("a numeral first is a quantity or a list", |s| {
            s.trim_start()
                .chars()
                .next()
                .is_some_and(|c| !is_han_numeral(c))
        })
}

const HAN: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// Paragraphs between the sections: plain text, and in a document with
/// headings numbered items beneath them.
const FILLER: [&str; 4] = [
    "过去一年，全市经济持续回升向好。",
    "（一）稳住经济基本盘。全年增长5.2%。",
    "2024年完成改造小区56个。",
    "一、二十个村完成了改造。",
];

fn article(body: Vec<Block>) -> Article {
    Article {
        id: "a".into(),
        title: "政府工作报告".into(),
        subtitle: None,
        district: "某区".into(),
        subdistrict: None,
        date: None,
        source: None,
        bulletin: None,
        bylines: Vec::new(),
        body,
        extra: serde_json::Map::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn numbered_headings_stay_siblings_whatever_follows_their_number(
        texts in prop::collection::vec(after_number(), 1..=10),
        fillers in prop::collection::vec(prop::collection::vec(0..FILLER.len(), 0..3), 10),
        as_headings in any::<bool>(),
    ) {
        let mut body = vec![Block::Paragraph { text: "各位代表：".into() }];
        let mut at = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let text = format!("{}、{t}", HAN[i]);
            at.push(body.len());
            body.push(match as_headings {
                true => Block::Heading { text },
                false => Block::Paragraph { text },
            });
            // Without headings numbered paragraphs are the outline: only
            // plain text between them there.
            for &f in fillers[i].iter().filter(|&&f| as_headings || f == 0) {
                body.push(Block::Paragraph { text: FILLER[f].into() });
            }
        }
        let entries = outline_entries(&article_doc(&article(body)));
        let top: Vec<_> = entries.iter().filter(|e| e.level == 0).collect();
        prop_assert_eq!(top.len(), texts.len(), "{:?}", entries);
        for (i, e) in top.iter().enumerate() {
            prop_assert_eq!(&e.number, &format!("{}、", HAN[i]));
            prop_assert_eq!(e.block, at[i]);
            prop_assert_eq!(e.heading, as_headings);
            prop_assert_eq!(e.parent, None);
            if as_headings {
                let words: Vec<&str> = texts[i].split_whitespace().collect();
                prop_assert_eq!(&e.title, &words.join(" "));
            }
        }
        for e in entries.iter().filter(|e| e.level > 0) {
            let parent = &entries[e.parent.expect("nested under a heading")];
            prop_assert_eq!(parent.level, 0);
            prop_assert_eq!(&e.number, "（一）");
        }
    }
}
