//! The section recogniser on real-shaped documents: the long
//! official-style fixture (`tests/fixtures/outline/reports.json`: a
//! government work report with numbered headings and numbered paragraphs
//! under them, an implementation plan numbered only in its paragraphs, a
//! regulation in chapters and articles, a short notice without any
//! structure), the bundled sample (news reports, no structure), and, when
//! it is there, the shared corpus of real reports (ignored by default).

use bulletin::model::{Archive, article_doc, load_path, load_sample};
use bulletin::text::outline::{Outline, Style};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/outline/reports.json"
);

fn fixture() -> Archive {
    load_path(std::path::Path::new(FIXTURE)).expect("the fixture loads")
}

fn outline(archive: &Archive, id: &str) -> Outline {
    let a = archive
        .articles
        .iter()
        .find(|a| a.id == id)
        .expect("article");
    Outline::of(&article_doc(a))
}

/// `(depth, label)` of every section.
fn shape(o: &Outline) -> Vec<(usize, String)> {
    o.sections.iter().map(|s| (s.depth, s.label())).collect()
}

#[test]
fn the_work_report_nests_numbered_paragraphs_under_its_headings() {
    let o = outline(&fixture(), "hq-2024-report");
    let top: Vec<String> = (o.sections.iter())
        .filter(|s| s.depth == 0)
        .map(|s| s.marker.clone())
        .collect();
    assert_eq!(
        top,
        [
            "一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"
        ]
    );
    assert!(
        o.sections
            .iter()
            .filter(|s| s.depth == 0)
            .all(|s| s.heading)
    );
    // （三） of 五、, with its parent and its title from the first sentence.
    let five = o.sections.iter().position(|s| s.marker == "五、").unwrap();
    let three = (five + 1..o.sections.len())
        .find(|&i| o.sections[i].parent == Some(five) && o.sections[i].marker == "（三）")
        .expect("（三） under 五、");
    assert_eq!(o.sections[three].title, "推进生态环境治理");
    assert_eq!(o.path(three), vec![five, three]);
    // 1． items sit under their （一）, two levels down.
    let items: Vec<&str> = (o.sections.iter())
        .filter(|s| s.style == Some(Style::Digit))
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(&items[..2], ["道路交通", "老旧小区"]);
    assert!(
        o.sections
            .iter()
            .filter(|s| s.style == Some(Style::Digit))
            .all(|s| s.depth == 2)
    );
    assert_eq!(o.sections.len(), 42);
}

#[test]
fn the_plan_is_outlined_from_its_paragraphs_and_the_false_friends_stay_text() {
    let o = outline(&fixture(), "hq-2024-plan");
    let want = [
        (0, "一、总体要求"),
        (0, "二、主要任务"),
        (1, "（一）完善基础设施"),
        (2, "1．改造供排水管网"),
        (3, "（1）更换老旧管道"),
        (3, "（2）实施雨污分流"),
        (2, "2．加装电梯"),
        (2, "3．建设停车设施"),
        (1, "（二）提升服务功能"),
        (1, "（三）健全长效机制"),
        (0, "三、保障措施"),
        (1, "（一）加强组织领导"),
        (1, "（二）强化资金保障"),
        (1, "（三）严格督导考核"),
    ];
    let want: Vec<(usize, String)> = want.iter().map(|(d, s)| (*d, s.to_string())).collect();
    // Not sections: `3.5亿元…` (an amount) and `一、二十个…` inside a sentence.
    assert_eq!(shape(&o), want);
}

#[test]
fn the_regulation_has_chapters_and_articles_numbered_through() {
    let o = outline(&fixture(), "hq-2024-rules");
    let chapters: Vec<String> = (o.sections.iter())
        .filter(|s| s.style == Some(Style::Chapter))
        .map(|s| s.label())
        .collect();
    assert_eq!(
        chapters,
        [
            "第一章 总则",
            "第二章 业主和业主大会",
            "第三章 物业服务",
            "第四章 附则"
        ]
    );
    let articles = (o.sections.iter())
        .filter(|s| s.style == Some(Style::Article))
        .count();
    assert_eq!(
        articles, 7,
        "第一条 … 第七条, numbered through the chapters"
    );
    assert!(
        o.sections
            .iter()
            .filter(|s| s.style == Some(Style::Article))
            .all(|s| s.depth == 1)
    );
    let items = o
        .sections
        .iter()
        .filter(|s| s.style == Some(Style::ParenHan));
    assert!(items.clone().count() == 3 && items.clone().all(|s| s.depth == 2));
}

#[test]
fn a_notice_and_the_news_reports_have_no_sections() {
    assert!(outline(&fixture(), "hq-2024-notice").is_empty());
    let sample = load_sample().unwrap();
    for a in &sample.articles {
        let doc = article_doc(a);
        assert!(Outline::of(&doc).is_empty(), "{}", a.title);
    }
}

/// Dev check on the shared corpus (outside the repository): imports each
/// report as the reader would get it and prints its outline. Run with
/// `cargo test --test it outline_real -- --ignored --nocapture`.
#[test]
#[ignore = "needs the shared corpus outside the repository"]
fn corpus_reports_have_the_outline_their_text_shows() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/");
    let cases = [
        (
            "cpc-19-report.txt",
            13,
            Some(("五、", "（三）", "实施乡村振兴战略")),
        ),
        ("cpc-9-report.txt", 8, None),
        ("cpc-1-guangzhou-report.txt", 3, None),
    ];
    for (file, tops, nested) in cases {
        let text = std::fs::read_to_string(format!("{dir}{file}")).expect("corpus file");
        let opts = bulletin::import::ImportOptions {
            district: Some("中共中央".into()),
            ..Default::default()
        };
        let parsed = bulletin::import::parse_bulletin(&text, file, &opts).unwrap();
        let doc = article_doc(&parsed.articles[0]);
        let o = Outline::of(&doc);
        for s in &o.sections {
            eprintln!("{}{}", "  ".repeat(s.depth), s.label());
        }
        assert_eq!(
            o.sections.iter().filter(|s| s.depth == 0).count(),
            tops,
            "{file}"
        );
        if file.contains("guangzhou") {
            let school = o
                .sections
                .iter()
                .position(|s| s.label() == "3．成立工人学校")
                .unwrap();
            let circled = o
                .sections
                .iter()
                .filter(|s| s.style == Some(Style::Circled));
            assert!(
                circled.clone().count() == 2 && circled.clone().all(|s| s.parent == Some(school))
            );
        }
        if let Some((parent, child, title)) = nested {
            let p = o.sections.iter().position(|s| s.marker == parent).unwrap();
            assert!(
                o.sections
                    .iter()
                    .any(|s| s.parent == Some(p) && s.marker == child && s.title == title)
            );
        }
    }
}
