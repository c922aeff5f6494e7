//! `docs/archive.schema.json` is generated from the Rust types (schemars);
//! these tests keep the committed file equal to it, and the loader's own
//! checks (which run before serde) in step with both.
//!
//! After changing the types: `BULLETIN_BLESS=1 cargo test --lib schema_tests`.

use std::collections::BTreeSet;

use crate::model::{Archive, BLOCK_TYPES, LoadError, load_bytes};
use regex::Regex;
use serde_json::{Value, json};

const SCHEMA: &str = "docs/archive.schema.json";

fn generated() -> Value {
    serde_json::to_value(schemars::schema_for!(Archive)).unwrap()
}

fn committed() -> Value {
    if std::env::var_os("BULLETIN_BLESS").is_some() {
        return generated(); // being rewritten by the test below
    }
    serde_json::from_str(&std::fs::read_to_string(SCHEMA).unwrap()).unwrap()
}

#[test]
fn committed_schema_is_generated_from_the_types() {
    let generated = generated();
    if std::env::var_os("BULLETIN_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
        std::fs::write(SCHEMA, text).unwrap();
    }
    assert_eq!(
        committed(),
        generated,
        "{SCHEMA} is stale: run BULLETIN_BLESS=1 cargo test --lib schema_tests"
    );
    assert_eq!(
        committed()["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}

/// An article with every property the schema lists, all valid.
fn full_article() -> Value {
    json!({
        "id": "zy-001", "title": "标题", "subtitle": "副题", "district": "中原区",
        "subdistrict": "须水街道", "date": "2023-05-12", "source": "郑州日报",
        "bulletin": "第12期", "bylines": [{"role": "记者", "name": "张改华"}],
        "body": [{"type": "paragraph", "text": "正文。"}]
    })
}

/// Loads an archive holding `article`: Ok, or the problem messages.
fn load_article(article: Value) -> Result<Archive, Vec<String>> {
    let archive = json!({"format": "bulletin-archive/1", "title": "t", "articles": [article]});
    match load_bytes("s.json", archive.to_string().as_bytes()) {
        Ok(archive) => Ok(archive),
        Err(LoadError::Invalid { problems, .. }) => Err(problems
            .into_iter()
            .map(|p| p.message.to_string())
            .collect()),
        Err(other) => panic!("{other}"),
    }
}

fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    &schema["$defs"][name]
}

fn names(list: &Value) -> BTreeSet<String> {
    match list {
        Value::Array(items) => items
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect(),
        Value::Object(map) => map.keys().cloned().collect(),
        _ => BTreeSet::new(),
    }
}

#[test]
fn the_loader_requires_exactly_the_schema_required_article_fields() {
    let schema = committed();
    let article = def(&schema, "Article");
    let properties = names(&article["properties"]);
    let required = names(&article["required"]);
    let full = full_article();
    assert_eq!(
        names(&full),
        properties,
        "full_article must use every property"
    );
    let loaded = load_article(full.clone()).unwrap();
    assert!(
        loaded.articles[0].extra.is_empty(),
        "a schema property fell into extra"
    );
    for field in &properties {
        let mut without = full.clone();
        without.as_object_mut().unwrap().remove(field);
        let result = load_article(without);
        if required.contains(field) {
            assert_eq!(result.unwrap_err(), [format!("missing {field}")]);
        } else {
            assert!(result.is_ok(), "{field} is optional in the schema");
        }
        // `null` loads where the schema allows it, and only there.
        let mut null = full.clone();
        null[field] = Value::Null;
        let types = &article["properties"][field]["type"];
        let nullable = types.as_array().is_some_and(|t| t.contains(&json!("null")));
        assert_eq!(load_article(null).is_ok(), nullable, "{field}: null");
        let mut wrong = full.clone();
        wrong[field] = json!(7);
        let problems = load_article(wrong).unwrap_err();
        assert!(
            problems[0].starts_with(&format!("{field} must be")),
            "{problems:?}"
        );
    }
}

#[test]
fn bylines_and_blocks_follow_the_schema() {
    let schema = committed();
    let byline = def(&schema, "Byline");
    assert_eq!(names(&byline["properties"]), names(&byline["required"]));
    for field in names(&byline["required"]) {
        let mut article = full_article();
        article["bylines"][0]
            .as_object_mut()
            .unwrap()
            .remove(&field);
        assert_eq!(
            load_article(article).unwrap_err(),
            [format!("byline 1: missing {field}")]
        );
    }
    let variants = def(&schema, "Block")["oneOf"].as_array().unwrap();
    let mut types = Vec::new();
    for variant in variants {
        let kind = variant["properties"]["type"]["const"].as_str().unwrap();
        types.push(kind.to_owned());
        let mut block = json!({"type": kind});
        for field in names(&variant["properties"]).difference(&["type".into()].into()) {
            block[field] = json!("文字");
        }
        let mut article = full_article();
        article["body"] = json!([block.clone()]);
        assert!(load_article(article).is_ok(), "{block}");
        for field in names(&variant["required"]).difference(&["type".into()].into()) {
            let mut article = full_article();
            block.as_object_mut().unwrap().remove(field);
            article["body"] = json!([block.clone()]);
            let expected = format!("block 1: missing {field}");
            assert_eq!(load_article(article).unwrap_err(), [expected]);
        }
    }
    assert_eq!(types, BLOCK_TYPES);
}

#[test]
fn the_archive_object_follows_the_schema() {
    let schema = committed();
    assert_eq!(
        names(&schema["required"]),
        names(&json!(["format", "title", "articles"]))
    );
    assert_eq!(
        names(&schema["properties"]),
        names(&json!(["format", "title", "key", "articles"]))
    );
    assert_eq!(
        schema["properties"]["format"]["const"],
        "bulletin-archive/1"
    );
    let base = json!({"format": "bulletin-archive/1", "title": "t", "key": "k", "articles": []});
    let a = load_bytes("a.json", base.to_string().as_bytes()).unwrap();
    assert!(a.extra.is_empty(), "a schema property fell into extra");
    let mut no_title = base.clone();
    no_title.as_object_mut().unwrap().remove("title");
    let err = load_bytes("a.json", no_title.to_string().as_bytes()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "a.json: 1 problem in the archive\n  a.json: archive: missing title"
    );
}

/// A schema pattern, compiled.
fn pattern(schema: &Value, pointer: &str) -> Regex {
    Regex::new(schema.pointer(pointer).unwrap().as_str().unwrap()).unwrap()
}

#[test]
fn schema_patterns_agree_with_validation() {
    let schema = committed();
    let samples = [
        "",
        " ",
        "\u{3000}",
        "a",
        "中原区",
        " x ",
        "a\u{1b}b",
        "a\u{202e}",
        "x\u{200b}",
        "x\u{200e}",
        "x\u{200f}",
        "x\u{61c}",
        "a b",
        "\u{85}",
        "2023-05-12",
        "2023-02-30",
        "2023-5-12",
        "20230512",
        "２０２３-05-12",
    ];
    let id = pattern(&schema, "/$defs/Article/properties/id/pattern");
    let not_blank = pattern(&schema, "/$defs/Article/properties/title/pattern");
    let date = pattern(&schema, "/$defs/Article/properties/date/pattern");
    for s in samples {
        let mut article = full_article();
        article["id"] = json!(s);
        assert_eq!(id.is_match(s), load_article(article).is_ok(), "id {s:?}");
        let mut article = full_article();
        article["title"] = json!(s);
        // The title is sanitised before the check; the schema sees it raw.
        let clean = crate::text::sanitize::sanitize_line(s);
        assert_eq!(
            not_blank.is_match(&clean),
            load_article(article).is_ok(),
            "title {s:?}"
        );
        let mut article = full_article();
        article["date"] = json!(s);
        let shape_ok = match load_article(article) {
            Ok(_) => true,
            Err(problems) => !problems[0].contains("YYYY-MM-DD"),
        };
        assert_eq!(date.is_match(s), shape_ok, "date {s:?}");
    }
    for field in ["district", "subdistrict"] {
        let p = format!("/$defs/Article/properties/{field}/pattern");
        assert_eq!(pattern(&schema, &p).as_str(), not_blank.as_str(), "{field}");
    }
    assert_eq!(
        schema["$defs"]["Article"]["properties"]["body"]["minItems"],
        1
    );
}

/// The schema's id pattern refuses exactly the characters that cannot be
/// seen, all of those in the Basic Multilingual Plane (the loader refuses
/// the tag characters and the other planes' noncharacters as well).
#[test]
fn the_id_pattern_refuses_exactly_the_unseen_characters() {
    use crate::text::sanitize::is_unseen;
    let id = pattern(&committed(), "/$defs/Article/properties/id/pattern");
    let disagree: Vec<String> = (0..=0xFFFF_u32)
        .filter_map(char::from_u32)
        .filter(|&c| id.is_match(&format!("a{c}")) == is_unseen(c))
        .map(|c| format!("U+{:04X}", c as u32))
        .collect();
    assert!(disagree.is_empty(), "{disagree:?}");
}
