//! `validate` on archives in memory agrees with loading; grouping of a
//! loaded archive.

use std::path::Path;

use bulletin::model::{Block, LoadError, group, load_bytes, load_path, validate};

fn single() -> bulletin::model::Archive {
    load_path(Path::new("tests/fixtures/good/single.json")).unwrap()
}

#[test]
fn a_loaded_archive_is_valid() {
    assert!(validate(&single()).is_empty());
}

#[test]
fn validate_reports_every_problem_in_article_order() {
    let mut a = single();
    a.title = " ".into();
    a.articles[0].body.clear();
    a.articles[0].date = Some("2023-02-29".into());
    a.articles[1].id = String::new();
    a.articles[1].district = String::new();
    a.articles[2].id = "zy-001".into();
    a.articles[2].body[0] = Block::Paragraph { text: "\n".into() };
    let shown: Vec<String> = validate(&a).iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "archive: title is empty",
            "article zy-001: date \"2023-02-29\" is not a real calendar date",
            "article zy-001: empty body: an article needs at least one block",
            "article #2: id is empty",
            "article #2: district is empty",
            "article zy-001: block 1: text is empty",
            "article zy-001: duplicate id: also used by article #1",
        ]
    );
}

#[test]
fn validate_and_load_give_the_same_problems() {
    let mut a = single();
    a.articles[1].body.clear();
    a.articles[2].id = "zy-001".into();
    a.articles[2].subdistrict = Some(String::new());
    a.articles[0].bylines[0].name = " ".into();
    let from_validate: Vec<(String, String)> = validate(&a)
        .into_iter()
        .map(|p| (p.article, p.message.to_string()))
        .collect();
    let bytes = serde_json::to_vec(&a).unwrap();
    let Err(LoadError::Invalid { problems, .. }) = load_bytes("m.json", &bytes) else {
        panic!("loaded");
    };
    let from_load: Vec<(String, String)> = problems
        .into_iter()
        .map(|p| (p.article, p.message.to_string()))
        .collect();
    assert_eq!(from_validate.len(), 4);
    assert_eq!(from_validate, from_load);
}

#[test]
fn a_loaded_archive_groups_by_district_then_subdistrict() {
    let a = load_path(Path::new("tests/fixtures/good/dir")).unwrap();
    let g = group(&a);
    assert_eq!(g.districts.len(), 1);
    let d = &g.districts[0];
    assert_eq!(d.name, "中原区");
    assert_eq!(d.district_level, [0]);
    let subs: Vec<(&str, &[usize])> = d
        .subdistricts
        .iter()
        .map(|s| (s.name.as_str(), s.articles.as_slice()))
        .collect();
    assert_eq!(subs, [("桐柏路街道", &[1][..]), ("西流湖街道", &[2][..])]);
    assert_eq!(d.all, [0, 1, 2]);
}
