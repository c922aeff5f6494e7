//! Official documents' front matter (issue 14): the issuing body, the
//! document number, a title over two lines and the adoption line go into
//! the article's title, subtitle, date and source, not into its first
//! paragraph; and how a new archive is titled.

use bulletin::import::{ImportArgs, ImportOptions, parse_bulletin, run_with};
use bulletin::model::{Archive, Block};

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn parse(name: &str, district: Option<&str>) -> bulletin::import::Parsed {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    let opts = ImportOptions {
        district: district.map(str::to_string),
        ..ImportOptions::default()
    };
    parse_bulletin(&text, name.trim_end_matches(".txt"), &opts).unwrap()
}

fn p(t: &str) -> Block {
    Block::Paragraph { text: t.into() }
}

#[test]
fn a_notice_with_issuer_number_and_a_title_over_two_lines() {
    let got = parse("official.txt", None);
    assert_eq!(got.articles.len(), 1);
    let a = &got.articles[0];
    assert_eq!(
        a.title,
        "郑州市中原区人民政府关于进一步加强老旧小区改造工作的通知"
    );
    assert_eq!(a.district, "中原区", "from the issuing body");
    assert_eq!(a.date.as_deref(), Some("2023-03-15"));
    assert_eq!(
        a.source.as_deref(),
        Some("郑州市中原区人民政府 中政〔2023〕5号")
    );
    assert_eq!(
        a.subtitle.as_deref(),
        Some("（2023年3月15日区政府第十二次常务会议通过）")
    );
    assert_eq!(a.body[0], p("各街道办事处，区政府各部门："));
    assert!(a.body[1].text().starts_with("为进一步推进老旧小区改造"));
    assert_eq!(
        a.body[2],
        Block::Heading {
            text: "一、总体要求".into()
        }
    );
    let all: String = a.body.iter().map(Block::text).collect();
    for front in ["文件", "中政〔2023〕5号", "常务会议通过"] {
        assert!(!all.contains(front), "{front} left in the body");
    }
}

/// The example: title, adoption line and first paragraph with no
/// blank line between were glued into one paragraph, with no date.
#[test]
fn a_law_keeps_its_adoption_line_out_of_the_body() {
    let got = parse("law.txt", Some("全国"));
    let a = &got.articles[0];
    assert_eq!(a.title, "中华人民共和国民法典");
    assert_eq!(a.date.as_deref(), Some("2020-05-28"));
    assert_eq!(
        a.body[0],
        Block::Heading {
            text: "第一编 总则".into()
        }
    );
    assert!(a.body[1].text().starts_with("第一条 为了保护民事主体"));
    assert!(a.body.iter().all(|b| !b.text().contains("会议通过")));
}

#[test]
fn options_win_over_the_front_matter() {
    let text = std::fs::read_to_string(fixture("official.txt")).unwrap();
    let opts = ImportOptions {
        district: Some("二七区".into()),
        date: Some("2024-01-01".into()),
        source: Some("郑州日报".into()),
        ..ImportOptions::default()
    };
    let a = &parse_bulletin(&text, "official", &opts).unwrap().articles[0];
    assert_eq!(a.district, "二七区");
    assert_eq!(a.date.as_deref(), Some("2024-01-01"));
    assert_eq!(a.source.as_deref(), Some("郑州日报"));
}

fn import(files: &[&str], title: Option<&str>) -> Archive {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("a.json");
    let args = ImportArgs {
        files: files.iter().map(|f| fixture(f)).collect(),
        output: Some(out.clone()),
        title: title.map(str::to_string),
        ..ImportArgs::default()
    };
    run_with(&args, &mut Vec::new(), &mut Vec::new(), false).unwrap();
    serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap()
}

#[test]
fn many_files_are_titled_by_their_district_or_title_never_the_first_article() {
    let many = import(&["lead.txt", "official.txt"], None);
    assert_eq!(many.title, "中原区");
    let first = &many.articles[0].title;
    assert_ne!(&many.title, first);
    let named = import(&["lead.txt", "official.txt"], Some("中原区简报合集"));
    assert_eq!(named.title, "中原区简报合集");
    let one = import(&["official.txt"], None);
    assert_eq!(one.title, one.articles[0].title, "one file: its lead title");
}

#[test]
fn the_dry_run_says_what_the_front_matter_was() {
    let args = ImportArgs {
        files: vec![fixture("official.txt")],
        dry_run: true,
        lang: bulletin::lang::Lang::Zh,
        ..ImportArgs::default()
    };
    let mut out = Vec::new();
    run_with(&args, &mut out, &mut Vec::new(), false).unwrap();
    let report = String::from_utf8(out).unwrap();
    for line in [
        "发文机关 第 1 行：郑州市中原区人民政府文件",
        "发文字号 第 3 行：中政〔2023〕5号",
        "标题跨行 第 5+6 行，已合并",
        "通过或成文日期 第 8 行：（2023年3月15日区政府第十二次常务会议通过）",
        "正文：4 段，2 个小标题，0 个图片说明",
    ] {
        assert!(report.contains(line), "{line}:\n{report}");
    }
    assert!(report.contains("试运行：将写出 标准输出"), "{report}");
}
