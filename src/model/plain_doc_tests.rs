//! [`plain_doc`] reads an article the quick way only when the full way
//! (`Library::open`: unique names, accept, mend, sanitise) gives the same
//! document, however the article is written.

use proptest::prelude::*;
use serde_json::{Value, json};

use super::*;
use crate::model::convert::accept_article;
use crate::model::mend::Strictness;
use crate::model::unique_names::UniqueNames;

/// The document the full way gives, with `strictness`; `None` if the
/// article cannot be read.
fn full(bytes: &[u8], strictness: Strictness) -> Option<Doc> {
    let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<UniqueNames>();
    let UniqueNames(value) = values.next()?.ok()?;
    if value.get("id").and_then(Value::as_str) != Some("a1") {
        return None;
    }
    let m = accept_article(value, strictness).ok()?;
    Some(mended_doc(&m, Lang::En))
}

/// Whether the quick way agrees with the full way on `text`; whether it
/// took the article.
fn agrees(text: &str) -> bool {
    let quick = plain_doc(text.as_bytes(), "a1");
    if let Some(doc) = &quick {
        for strictness in [Strictness::Lenient, Strictness::Strict] {
            let full = full(text.as_bytes(), strictness);
            assert_eq!(full.as_ref(), Some(doc), "{strictness:?}: {text}");
        }
    }
    quick.is_some()
}

fn base() -> Value {
    json!({"id": "a1", "title": "标题", "subtitle": "副题", "district": "中原区",
        "subdistrict": "林山寨街道", "date": "2024-05-01", "source": "郑州日报",
        "bulletin": "第 3 期",
        "bylines": [{"role": "记者", "name": "张改华"}, {"role": "", "name": "张黎"}],
        "body": [{"type": "heading", "text": "小标题"},
                 {"type": "paragraph", "text": "正文，社区。"},
                 {"type": "caption", "text": "图片说明", "credit": "王蒙 摄"},
                 {"type": "caption", "text": "无署名"}]})
}

/// A value of every kind a member might hold, the troublesome ones above all.
fn odd_values() -> Vec<Value> {
    let texts = [
        "",
        "  ",
        "正文",
        "a\nb",
        "a\r\nb",
        "a\tb",
        "\u{1b}[31m红",
        "\u{202e}反",
        "\u{200b}",
        "\u{feff}x",
        "x\u{85}y",
        "ｆｕｌｌ",
        "e\u{301}",
        "2024-02-30",
        "2024-5-1",
        "社区",
        "\u{7f}",
        "\u{2028}",
        "\u{e000}",
        "\u{fffd}",
    ];
    let mut all: Vec<Value> = texts.iter().map(|&t| json!(t)).collect();
    all.extend([
        json!(null),
        json!(1),
        json!(true),
        json!([]),
        json!({}),
        json!(["x"]),
    ]);
    all
}

/// Every member of the base (or of a byline or block in it) set to `v`,
/// or removed, one at a time.
fn variants(v: &Value) -> Vec<Value> {
    let mut out = Vec::new();
    let keys = [
        "id",
        "title",
        "subtitle",
        "district",
        "subdistrict",
        "date",
        "source",
        "bulletin",
        "bylines",
        "body",
        "extra",
    ];
    for key in keys {
        let mut a = base();
        a[key] = v.clone();
        out.push(a);
        let mut a = base();
        a.as_object_mut().unwrap().shift_remove(key);
        out.push(a);
    }
    for (i, key) in [(0, "role"), (0, "name"), (1, "role"), (0, "other")] {
        let mut a = base();
        a["bylines"][i][key] = v.clone();
        out.push(a);
    }
    for (i, key) in [
        (0, "type"),
        (1, "text"),
        (1, "credit"),
        (2, "credit"),
        (3, "extra"),
    ] {
        let mut a = base();
        a["body"][i][key] = v.clone();
        out.push(a);
        let mut a = base();
        a["body"][i].as_object_mut().unwrap().shift_remove(key);
        out.push(a);
    }
    out
}

#[test]
fn a_plain_article_is_read_the_quick_way() {
    assert!(agrees(&base().to_string()));
    assert!(agrees(&serde_json::to_string_pretty(&base()).unwrap()));
    // Escapes read as the characters they stand for.
    let escaped = base().to_string().replace("正文", "\\u6b63\\u6587");
    assert!(agrees(&escaped));
    let mut a = base();
    a["body"] = json!([{"type": "paragraph", "text": "x"}]);
    for key in [
        "subtitle",
        "subdistrict",
        "date",
        "source",
        "bulletin",
        "bylines",
    ] {
        a.as_object_mut().unwrap().shift_remove(key);
    }
    assert!(agrees(&a.to_string()));
}

#[test]
fn any_other_member_value_agrees_or_is_left_to_the_full_way() {
    for v in odd_values() {
        for a in variants(&v) {
            agrees(&a.to_string());
        }
    }
}

#[test]
fn names_given_twice_or_another_id_are_left_to_the_full_way() {
    let text = base().to_string();
    let twice = [
        text.replacen("\"title\"", "\"title\":\"又\",\"title\"", 1),
        text.replacen("\"role\"", "\"role\":\"又\",\"role\"", 1),
        text.replacen("\"type\"", "\"type\":\"heading\",\"type\"", 1),
        text.replacen("\"credit\"", "\"credit\":\"又\",\"credit\"", 1),
        text.replacen("\"a1\"", "\"a2\"", 1),
        text.replacen("\"text\":\"正文", "\"text\":\"\\ud800正文", 1),
    ];
    for t in twice {
        assert!(!agrees(&t), "{t}");
    }
}

proptest! {
    /// Random text in every text member: the quick way takes it only when
    /// the full way reads the same.
    #[test]
    fn random_text_agrees(texts in prop::collection::vec(
        prop::sample::select(vec![
            "社区", " ", "\n", "\r", "\t", "\u{1b}", "\u{202e}", "\u{200d}", "\u{ad}", "Ａ",
            "e\u{301}", "\u{0}", "\u{9f}", "\u{2066}", "a", "\u{3000}",
        ]).prop_map(str::to_owned),
        0..40,
    )) {
        let mut a = base();
        let mut next = texts.chunks(4).map(|c| c.concat()).cycle();
        if texts.is_empty() {
            return Ok(());
        }
        for key in ["title", "subtitle", "district", "subdistrict", "source", "bulletin"] {
            a[key] = json!(next.next().unwrap());
        }
        a["bylines"][0]["role"] = json!(next.next().unwrap());
        a["bylines"][1]["name"] = json!(next.next().unwrap());
        for i in 0..3 {
            a["body"][i]["text"] = json!(next.next().unwrap());
        }
        a["body"][2]["credit"] = json!(next.next().unwrap());
        agrees(&a.to_string());
    }
}
