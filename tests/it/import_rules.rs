//! One fixture per structure rule of `bulletin import` (docs/import.md).

use bulletin::import::{Event, ImportError, ImportOptions, Parsed, parse_bulletin};
use bulletin::model::{Article, Block};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/import/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path).expect("fixture")
}

fn parse(name: &str, opts: &ImportOptions) -> Parsed {
    let stem = name.trim_end_matches(".txt");
    parse_bulletin(&fixture(name), stem, opts).expect("parses")
}

fn p(t: &str) -> Block {
    Block::Paragraph { text: t.into() }
}

fn h(t: &str) -> Block {
    Block::Heading { text: t.into() }
}

fn cap(t: &str, credit: &str) -> Block {
    Block::Caption {
        text: t.into(),
        credit: Some(credit.into()),
    }
}

fn bylines(a: &Article) -> Vec<String> {
    a.bylines
        .iter()
        .map(|b| format!("{}|{}", b.role, b.name))
        .collect()
}

#[test]
fn lead_piece_title_and_bylines_on_one_line() {
    let got = parse("lead.txt", &ImportOptions::default());
    assert_eq!(got.articles.len(), 1);
    let a = &got.articles[0];
    assert_eq!(a.title, "中原区：老旧小区改造提速 群众幸福感提升");
    assert_eq!(got.lead_title.as_deref(), Some(a.title.as_str()));
    // No --district: taken from the lead title.
    assert_eq!(
        (a.district.as_str(), a.subdistrict.as_deref()),
        ("中原区", None)
    );
    assert_eq!(a.bulletin.as_deref(), Some("lead"));
    assert_eq!(bylines(a), ["本报记者|李明", "通讯员|王芳"]);
    assert_eq!(
        a.body,
        [
            p("今年以来,中原区把老旧小区改造作为民生实事,累计完成改造项目46个,惠及居民1.2万户。"),
            p("区住建局相关负责人介绍,下一步将继续推进改造工作。"),
        ]
    );
    assert_eq!((a.date.as_deref(), a.source.as_deref()), (None, None));
}

#[test]
fn date_and_source_only_from_options() {
    let opts = ImportOptions {
        date: Some("2021-06-01".into()),
        source: Some("郑州日报".into()),
        district: Some("金水区".into()),
        ..Default::default()
    };
    let a = &parse("lead.txt", &opts).articles[0];
    assert_eq!(
        (a.date.as_deref(), a.source.as_deref()),
        (Some("2021-06-01"), Some("郑州日报"))
    );
    assert_eq!(a.district, "金水区");
}

#[test]
fn subdistrict_sections_by_suffix_and_by_list() {
    let got = parse("sections.txt", &ImportOptions::default());
    let subs: Vec<Option<&str>> = got
        .articles
        .iter()
        .map(|a| a.subdistrict.as_deref())
        .collect();
    assert_eq!(
        subs,
        [
            None,
            Some("淮河路街道"),
            Some("侯寨乡"),
            Some("马寨镇"),
            Some("建中街社区")
        ]
    );
    assert_eq!(got.articles[1].title, "“小网格”撬动“大治理”");
    assert_eq!(bylines(&got.articles[0]), ["记者|赵强"]);
    assert!(got.articles.iter().all(|a| a.district == "二七区"));
    // Not a known suffix: the line stays text in the article before it.
    assert_eq!(got.articles[4].body[1], p("樱桃沟片区 文旅融合谱新篇"));

    let opts = ImportOptions {
        subdistricts: vec!["樱桃沟片区".into()],
        ..Default::default()
    };
    let got = parse("sections.txt", &opts);
    let last = got.articles.last().unwrap();
    assert_eq!(
        (last.subdistrict.as_deref(), last.title.as_str()),
        (Some("樱桃沟片区"), "文旅融合谱新篇")
    );
    assert_eq!(last.body, [p("片区打造文旅融合示范点,吸引游客前来观光。")]);
    let subs: Vec<_> = got
        .report
        .articles
        .iter()
        .map(|a| a.subdistrict.clone())
        .collect();
    assert_eq!(subs.len(), 6);
}

#[test]
fn captions_with_credits() {
    let a = &parse("captions.txt", &ImportOptions::default()).articles[0];
    assert_eq!(
        a.body,
        [
            p("金水区全民健身月活动日前启幕,吸引上千名市民参与。"),
            cap("开幕式现场,市民表演太极拳。", "通讯员 王蒙 图"),
            cap("参赛选手在比赛中奋力拼搏", "记者 张三 摄"),
            cap("活动现场", "记者 李四 摄"),
            cap("志愿者为参赛者提供服务。", "通讯员 刘洋 摄"),
            p("活动将持续一个月,共设12个比赛项目。"),
        ]
    );
    assert!(a.bylines.is_empty());
}

#[test]
fn numbered_headings_but_not_numbered_prose() {
    let opts = ImportOptions {
        district: Some("中原区".into()),
        ..Default::default()
    };
    let got = parse("headings.txt", &opts);
    let a = &got.articles[0];
    assert_eq!(a.title, "关于加强社区治理的实施意见");
    assert_eq!(
        a.body,
        [
            p("为进一步加强社区治理,现提出如下意见。"),
            h("第一章 总体要求"),
            h("一、指导思想"),
            p("坚持以人民为中心的发展思想,推进社区治理现代化。"),
            h("（一）基本原则"),
            h("1. 坚持党建引领"),
            p("2021年以来,全区社区治理工作取得明显成效。"),
            p("1.5亿元专项资金已全部下达到位。"),
            p("（二）坚持问题导向。聚焦群众急难愁盼,解决突出问题。"),
            h("2、工作目标"),
            p("3、5月份开展专项检查,6月底前完成整改。"),
        ]
    );
    let headings = got.report.articles[0]
        .events
        .iter()
        .filter(|e| matches!(e, Event::Heading { .. }));
    assert_eq!(headings.count(), 5);
}

#[test]
fn no_district_is_a_clear_error() {
    let err = parse_bulletin(
        &fixture("headings.txt"),
        "headings",
        &ImportOptions::default(),
    );
    assert!(matches!(err, Err(ImportError::NoDistrict)));
    assert!(err.unwrap_err().to_string().contains("--district"));
}

#[test]
fn paragraphs_split_by_breaks_are_rejoined() {
    let got = parse("rejoin.txt", &ImportOptions::default());
    let [lead, sub] = &got.articles[..] else {
        panic!("two articles")
    };
    assert_eq!(
        lead.body,
        [
            p(
                "管城区持续开展背街小巷整治提升工作,截至目前已完成整治道路86条,拆除违章建筑1.3万平方米,新增绿地面积2.1万平方米,群众满意度明显提升。"
            ),
            p("整治过程中,区城管局坚持“一路一方案”,组织专业团队逐条摸排问题清单,制定整改措施。"),
            p("短标题行"),
            p("下面是新的一段。"),
        ]
    );
    // Never joined onto a byline, a heading or a section head.
    assert_eq!(sub.subdistrict.as_deref(), Some("城东路街道"));
    assert_eq!(bylines(sub), ["记者|孙丽"]);
    assert_eq!(
        sub.body,
        [
            p("街道以“绣花功夫”推进城市精细化管理,聚焦群众关心的环境卫生、交通秩序"),
            h("一、主要做法"),
            p("完善长效机制。"),
        ]
    );
    let rejoined: Vec<(usize, usize)> = (got.report.articles.iter())
        .flat_map(|a| &a.events)
        .filter_map(|e| match e {
            Event::Rejoined { line, next, .. } => Some((*line, *next)),
            _ => None,
        })
        .collect();
    assert_eq!(rejoined, [(4, 6), (8, 10), (10, 12)]);
    assert_eq!(got.report.joined_lines, 1);
}

#[test]
fn crlf_and_cr_line_ends_parse_the_same() {
    let text = fixture("rejoin.txt");
    let opts = ImportOptions::default();
    let lf = parse_bulletin(&text, "rejoin", &opts).unwrap();
    for sep in ["\r\n", "\r"] {
        let other = parse_bulletin(&text.replace('\n', sep), "rejoin", &opts).unwrap();
        assert_eq!(other, lf, "{sep:?}");
    }
}

#[test]
fn several_bulletins_in_one_file() {
    let got = parse("multi.txt", &ImportOptions::default());
    let names: Vec<&str> = got
        .articles
        .iter()
        .map(|a| a.bulletin.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["multi-1", "multi-2", "中原区简报第3期"]);
    let titles: Vec<&str> = got.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "中原区：第一期要闻",
            "中原区：第二期要闻",
            "社区服务提质增效"
        ]
    );
    // The third bulletin has no lead piece: its district carries over.
    assert_eq!(got.articles[2].district, "中原区");
    assert_eq!(got.articles[2].subdistrict.as_deref(), Some("林山寨街道"));
    assert_eq!(got.lead_title.as_deref(), Some("中原区：第一期要闻"));
}

#[test]
fn punctuation_normalised_only_when_asked() {
    let kept = parse("punct.txt", &ImportOptions::default());
    assert_eq!(kept.articles[0].title, "惠济区：村(社区)换届工作圆满完成");
    assert_eq!(kept.articles[0].body[1], p("时间:2021年3月,地点:惠济区。"));
    let opts = ImportOptions {
        normalize_punctuation: true,
        ..Default::default()
    };
    let got = parse("punct.txt", &opts);
    let a = &got.articles[0];
    assert_eq!(a.title, "惠济区：村（社区）换届工作圆满完成");
    assert_eq!(
        a.body,
        [
            p(
                "全区各村（社区）换届工作已于3月底完成，共选出\"两委\"成员856名；其中，女性成员占比提高：达到32%。"
            ),
            p("时间：2021年3月，地点：惠济区。"),
        ]
    );
}

#[test]
fn ids_are_stable_hashes_and_unique_per_text() {
    let a = parse("sections.txt", &ImportOptions::default());
    let b = parse("sections.txt", &ImportOptions::default());
    let ids: Vec<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        b.articles.iter().map(|x| x.id.as_str()).collect::<Vec<_>>()
    );
    assert!(
        ids.iter()
            .all(|id| id.len() == 8 && id.bytes().all(|c| c.is_ascii_hexdigit()))
    );
    let mut sorted = ids.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), ids.len());
}
