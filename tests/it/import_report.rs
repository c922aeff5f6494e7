//! A report's or speech's front matter (issue 20, finding 12): the title,
//! the occasion line `——2024年1月16日在…会议上` (possibly hard-wrapped),
//! the speaker line and the salutation `各位代表：` were glued into the
//! first paragraph, and the occasion's date was not the article's date.
//! The fixture (`tests/fixtures/import/report.txt`) is a made-up city
//! work report opening in the shape of the 2024 national one; the same
//! text is also imported with blank lines between its lines, without
//! indents, with CRLF line ends and with the occasion line unwrapped.

use bulletin::import::{ImportArgs, ImportOptions, parse_bulletin, run_with};
use bulletin::model::{Article, Block, Byline};

fn fixture() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/report.txt"
    );
    std::fs::read_to_string(path).unwrap()
}

fn parse(text: &str) -> Article {
    let opts = ImportOptions {
        district: Some("郑州市".into()),
        ..ImportOptions::default()
    };
    let mut parsed = parse_bulletin(text, "report", &opts).unwrap();
    assert_eq!(parsed.articles.len(), 1);
    parsed.articles.remove(0)
}

fn p(t: &str) -> Block {
    Block::Paragraph { text: t.into() }
}

/// The fixture as it might come: the same lines, laid out differently.
fn variants() -> Vec<(&'static str, String)> {
    let text = fixture();
    let unindented: String = text.lines().map(|l| format!("{}\n", l.trim())).collect();
    vec![
        ("as written", text.clone()),
        ("blank lines between", text.replace('\n', "\n\n")),
        ("no indents", unindented),
        ("CRLF", text.replace('\n', "\r\n")),
        (
            "occasion on one line",
            text.replace("第四次\n会议上", "第四次会议上"),
        ),
        (
            "speaker spaced with ASCII",
            text.replace("郑州市市长　王　明", "郑州市市长 王明"),
        ),
        (
            "indented front matter",
            text.replacen("政府工作报告\n——", "　　　　政府工作报告\n　　——", 1),
        ),
    ]
}

#[test]
fn a_work_reports_front_matter_stays_apart_and_dates_it() {
    for (how, text) in variants() {
        let a = parse(&text);
        assert_eq!(a.title, "政府工作报告", "{how}");
        assert_eq!(
            a.subtitle.as_deref(),
            Some("——2024年1月16日在郑州市第十六届人民代表大会第四次会议上"),
            "{how}"
        );
        assert_eq!(a.date.as_deref(), Some("2024-01-16"), "{how}");
        assert_eq!(
            a.bylines,
            [Byline {
                role: "郑州市市长".into(),
                name: "王明".into()
            }],
            "{how}"
        );
        assert_eq!(a.body[0], p("各位代表："), "{how}");
        assert_eq!(
            a.body[1],
            p("现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员提出意见。"),
            "{how}"
        );
        assert_eq!(
            a.body[2],
            Block::Heading {
                text: "一、2023年工作回顾".into()
            },
            "{how}"
        );
        let body: String = a.body.iter().map(Block::text).collect();
        for front in ["会议上", "市长", "王　明"] {
            assert!(!body.contains(front), "{how}: {front} left in the body");
        }
    }
}

/// The shape of the example (the 2024 national report), with a
/// page heading before the title as copies from news sites have it.
#[test]
fn the_national_reports_opening_with_a_page_heading_before_it() {
    let text = "2024年政府工作报告（全文）\n\n政府工作报告\n\
        ——2024年3月5日在第十四届全国人民代表大会第二次会议上\n\
        国务院总理　李　强\n各位代表：\n\
        现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n\
        一、2023年工作回顾\n过去一年是全面贯彻党的二十大精神的开局之年。\n";
    let a = parse(text);
    assert_eq!(a.title, "2024年政府工作报告（全文）");
    assert_eq!(a.date.as_deref(), Some("2024-03-05"));
    assert_eq!(a.bylines[0].display(), "国务院总理 李强");
    assert_eq!(
        &a.body[..3],
        [
            p("政府工作报告"),
            p("各位代表："),
            p("现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。"),
        ]
    );
}

/// A congress report as Wikisource prints it (`../shared/corpus/
/// cpc-19-report.txt` has this shape): a page title, the title again over
/// two lines, a `——…上的报告` subtitle, the date in parentheses, the
/// speaker's name spaced out, then `同志们：`.
#[test]
fn a_congress_report_with_its_title_printed_twice() {
    let text = "团结奋斗 开创新局面 (示例)\n\n团结奋斗\n\n\n开创新局面\n\n\
        ——在某某省第五次代表大会上的报告\n\n（2022年6月1日）\n\n\n张　建　国\n\n\
        同志们：\n\n现在，我代表第四届委员会向大会作报告。\n";
    let a = parse(text);
    assert_eq!(a.title, "团结奋斗 开创新局面 (示例)");
    assert_eq!(
        a.subtitle.as_deref(),
        Some("——在某某省第五次代表大会上的报告 （2022年6月1日）")
    );
    assert_eq!(a.date.as_deref(), Some("2022-06-01"));
    assert_eq!(a.bylines[0].display(), "张建国");
    assert_eq!(
        a.body,
        [
            p("团结奋斗"),
            p("开创新局面"),
            p("同志们："),
            p("现在，我代表第四届委员会向大会作报告。"),
        ]
    );
}

#[test]
fn the_dry_run_names_the_speaker_and_the_occasion() {
    let args = ImportArgs {
        files: vec![
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/import/report.txt"
            )
            .into(),
        ],
        district: Some("郑州市".into()),
        dry_run: true,
        ..ImportArgs::default()
    };
    let mut out = Vec::new();
    run_with(&args, &mut out, &mut Vec::new(), false).unwrap();
    let report = String::from_utf8(out).unwrap();
    for line in [
        "subtitle line 2: ——2024年1月16日在郑州市第十六届人民代表大会第四次会议上",
        "speaker line 4: 郑州市市长 王明",
        "heading line 7: 一、2023年工作回顾",
        "1 bylines",
    ] {
        assert!(report.contains(line), "{line}:\n{report}");
    }
}
