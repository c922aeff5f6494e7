//! The one way from parsed JSON to a checked article, for both loaders and
//! for `validate`: sanitise (GUIDE §3), check every rule, convert. Problems
//! are all found before anything is converted, so serde never has to
//! refuse anything.

use serde_json::{Map, Value};

use super::check::{check_body, kind, sanitize_body};
use super::fields::{Fields, Head, Skipped, Whole};
use super::{Article, Block, Byline};
use crate::text::sanitize_line;

/// What an article's body is held as, and what it becomes once checked.
pub(crate) trait Body: Sized {
    type Checked;
    fn sanitize(&mut self);
    fn problems(&self, out: &mut Vec<String>);
    fn convert(self) -> Result<Self::Checked, String>;
}

/// A body parsed in full: its blocks.
impl Body for Option<Value> {
    type Checked = Vec<Block>;

    fn sanitize(&mut self) {
        sanitize_body(self.as_mut());
    }

    fn problems(&self, out: &mut Vec<String>) {
        check_body(self.as_ref(), out);
    }

    fn convert(self) -> Result<Vec<Block>, String> {
        serde_json::from_value(self.unwrap_or_default()).map_err(|e| e.to_string())
    }
}

/// A body skipped by the reader's quick pass: only its absence is seen
/// (the rest is checked when the article is opened).
impl Body for Skipped {
    type Checked = ();

    fn sanitize(&mut self) {}

    fn problems(&self, out: &mut Vec<String>) {
        if !self.0 {
            out.push("missing body".into());
        }
    }

    fn convert(self) -> Result<(), String> {
        Ok(())
    }
}

/// Sanitises, checks and converts an article's members: its typed head and
/// its body, or every problem found (`missing id`, `block 3: unknown type
/// "image" …`).
pub(crate) fn accept<B: Body>(
    mut fields: Fields<Value, B>,
) -> Result<(Head, B::Checked), Vec<String>> {
    fields.sanitize_head();
    fields.body.sanitize();
    let mut problems = fields.head_problems();
    fields.body.problems(&mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let (head, body) = fields.into_head().map_err(cannot)?;
    Ok((head, body.convert().map_err(cannot)?))
}

/// [`accept`] for a whole article value, its other members kept as they are.
pub(crate) fn accept_article(value: Value) -> Result<Article, Vec<String>> {
    let Value::Object(map) = value else {
        return Err(vec![format!(
            "expected an article object, found {}",
            kind(&value)
        )]);
    };
    let (fields, extra) = Whole::split(map).map_err(cannot)?;
    let (mut head, body) = accept(fields)?;
    let bylines = head.bylines().map_err(cannot)?;
    Ok(article(head, bylines, body, extra))
}

/// What serde refused after the checks passed (they should leave it
/// nothing), as a problem; its wording may quote the input.
fn cannot(e: String) -> Vec<String> {
    vec![format!("cannot be read: {}", sanitize_line(&e))]
}

fn article(
    head: Head,
    bylines: Vec<Byline>,
    body: Vec<Block>,
    extra: Map<String, Value>,
) -> Article {
    let meta = head.meta;
    Article {
        id: meta.id,
        title: meta.title,
        subtitle: meta.subtitle,
        district: meta.district,
        subdistrict: meta.subdistrict,
        date: meta.date,
        source: head.source,
        bulletin: head.bulletin,
        bylines,
        body,
        extra,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn good() -> Value {
        json!({"id": "a1", "title": "标题", "district": "中原区",
               "body": [{"type": "paragraph", "text": "正文。"}]})
    }

    fn problems(v: &Value) -> Vec<String> {
        accept_article(v.clone()).err().unwrap_or_default()
    }

    #[test]
    fn a_good_article_has_no_problems() {
        assert!(problems(&good()).is_empty());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let v = json!({"title": "", "district": 3, "date": "2023-02-30",
            "bylines": [{"role": "记者"}],
            "body": [{"type": "image", "text": "x"}, {"type": "paragraph", "text": " "}, 7]});
        assert_eq!(
            problems(&v),
            vec![
                "missing id",
                "title is empty",
                "district must be a string, found a number",
                "date \"2023-02-30\" is not a real calendar date",
                "byline 1: missing name",
                "block 1: unknown type \"image\" (expected paragraph, heading or caption)",
                "block 2: text is empty",
                "block 3: expected a block object, found a number",
            ]
        );
    }

    #[test]
    fn body_shape_problems() {
        let mut v = good();
        v["body"] = json!("text");
        assert_eq!(
            problems(&v),
            ["body must be an array of blocks, found a string"]
        );
        v["body"] = json!([]);
        assert_eq!(
            problems(&v),
            ["empty body: an article needs at least one block"]
        );
        assert_eq!(
            problems(&json!([1])),
            ["expected an article object, found an array"]
        );
    }

    #[test]
    fn sanitising_touches_only_text_fields() {
        let mut v = good();
        v["title"] = json!("a\u{1b}[31mb");
        v["body"][0]["text"] = json!("x\ny\u{202e}");
        v["note"] = json!("keep\u{1b}");
        let a = accept_article(v).unwrap();
        assert_eq!(a.title, "ab");
        assert_eq!(a.body[0].text(), "x\ny");
        assert_eq!(a.extra["note"], "keep\u{1b}");
    }

    #[test]
    fn a_skipped_body_is_only_required() {
        let fields = |body| Fields::<Value, Skipped> {
            id: Some(json!("a")),
            title: Some(json!("t\u{1b}[1m")),
            subtitle: None,
            district: Some(json!("d")),
            subdistrict: None,
            date: None,
            source: None,
            bulletin: None,
            bylines: None,
            body,
        };
        let (head, ()) = accept(fields(Skipped(true))).unwrap();
        assert_eq!(head.meta.title, "t");
        assert_eq!(
            accept(fields(Skipped(false))).unwrap_err(),
            ["missing body"]
        );
    }
}
