//! The one way from parsed JSON to a checked article, for both loaders and
//! for `validate`: sanitise (GUIDE §3), check every rule, convert. Problems
//! are all found before anything is converted, so serde never has to
//! refuse anything.

use serde_json::{Map, Value};

use super::describe::{Fault, Kind, What};
use super::fields::{Fields, Head, Skipped, Whole};
use super::mend::{Note, Strictness, mend_body};
use super::rules::{check_body, sanitize_body};
use super::{Article, Block, Byline};
use crate::text::sanitize_line;

/// What an article's body is held as, and what it becomes once checked.
pub(crate) trait Body: Sized {
    type Checked;
    fn sanitize(&mut self);
    fn problems(&self, out: &mut Vec<Fault>);
    fn convert(self) -> Result<Self::Checked, String>;
    /// The lenient way: what can be read, placeholders, and the faults.
    fn mend(self) -> (Self::Checked, Vec<Note>, Vec<Fault>);
}

/// A body parsed in full: its blocks.
impl Body for Option<Value> {
    type Checked = Vec<Block>;

    fn sanitize(&mut self) {
        sanitize_body(self.as_mut());
    }

    fn problems(&self, out: &mut Vec<Fault>) {
        check_body(self.as_ref(), out);
    }

    fn convert(self) -> Result<Vec<Block>, String> {
        serde_json::from_value(self.unwrap_or_default()).map_err(|e| e.to_string())
    }

    fn mend(self) -> (Vec<Block>, Vec<Note>, Vec<Fault>) {
        mend_body(self)
    }
}

/// A body skipped by the reader's quick pass: only its absence is seen
/// (the rest is checked when the article is opened).
impl Body for Skipped {
    type Checked = ();

    fn sanitize(&mut self) {}

    fn problems(&self, out: &mut Vec<Fault>) {
        if !self.0 {
            out.push(What::Missing("body").into());
        }
    }

    fn convert(self) -> Result<(), String> {
        Ok(())
    }

    fn mend(self) -> ((), Vec<Note>, Vec<Fault>) {
        ((), Vec::new(), Vec::new())
    }
}

/// An article's head and body as accepted: with `Strictness::Lenient`,
/// also the placeholders and every fault that was mended.
#[derive(Debug)]
pub(crate) struct Accepted<C> {
    pub head: Head,
    pub body: C,
    pub notes: Vec<Note>,
    pub faults: Vec<Fault>,
}

/// Sanitises, checks and converts an article's members: its typed head and
/// its body, or every problem found (`missing id`, `block 3: unknown type
/// "image" …`). Lenient, only a bad id, title or district is refused (the
/// article is broken); the rest is mended (`model::mend`).
pub(crate) fn accept<B: Body>(
    mut fields: Fields<Value, B>,
    strictness: Strictness,
) -> Result<Accepted<B::Checked>, Vec<Fault>> {
    fields.sanitize_head();
    fields.body.sanitize();
    let mut faults = fields.head_problems();
    if strictness == Strictness::Strict {
        fields.body.problems(&mut faults);
        if !faults.is_empty() {
            return Err(faults);
        }
        let (head, body) = fields.into_head().map_err(cannot)?;
        let body = body.convert().map_err(cannot)?;
        return Ok(Accepted {
            head,
            body,
            notes: Vec::new(),
            faults,
        });
    }
    if faults.iter().any(|f| !f.is_minor()) {
        return Err(faults);
    }
    fields.drop_faulty(&faults);
    let (head, body) = fields.into_head().map_err(cannot)?;
    let (body, notes, mut more) = body.mend();
    faults.append(&mut more);
    Ok(Accepted {
        head,
        body,
        notes,
        faults,
    })
}

/// A whole article as read: with its placeholders and mended faults
/// (always none when strict).
#[derive(Debug, Clone, PartialEq)]
pub struct Mended {
    pub article: Article,
    pub notes: Vec<Note>,
    pub faults: Vec<Fault>,
}

/// [`accept`] for a whole article value, its other members kept as they are.
pub(crate) fn accept_article(value: Value, strictness: Strictness) -> Result<Mended, Vec<Fault>> {
    let Value::Object(map) = value else {
        return Err(vec![What::NotArticle(Kind::of(&value)).into()]);
    };
    let (fields, extra) = Whole::split(map).map_err(cannot)?;
    let mut accepted = accept(fields, strictness)?;
    let bylines = match accepted.head.bylines() {
        Ok(b) => b,
        Err(e) if strictness == Strictness::Lenient => {
            accepted.faults.extend(cannot(e));
            Vec::new()
        }
        Err(e) => return Err(cannot(e)),
    };
    Ok(Mended {
        article: article(accepted.head, bylines, accepted.body, extra),
        notes: accepted.notes,
        faults: accepted.faults,
    })
}

/// What serde refused after the checks passed (they should leave it
/// nothing), as a problem; its wording may quote the input.
fn cannot(e: String) -> Vec<Fault> {
    vec![What::Unreadable(sanitize_line(&e)).into()]
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
        let faults = accept_article(v.clone(), Strictness::Strict).err();
        faults
            .unwrap_or_default()
            .iter()
            .map(Fault::to_string)
            .collect()
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
        let a = accept_article(v, Strictness::Strict).unwrap().article;
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
        let head = accept(fields(Skipped(true)), Strictness::Strict)
            .unwrap()
            .head;
        assert_eq!(head.meta.title, "t");
        let faults = accept(fields(Skipped(false)), Strictness::Strict).unwrap_err();
        assert_eq!(faults[0].to_string(), "missing body");
        assert!(accept(fields(Skipped(false)), Strictness::Lenient).is_ok());
    }

    #[test]
    fn lenient_mends_minor_faults_and_refuses_broken_heads() {
        let mut v = good();
        v["date"] = json!("2023-02-30");
        v["bylines"] = json!([{"role": "记者"}, {"role": "记者", "name": "张三"}]);
        v["body"] = json!([{"type": "paragraph", "text": "\u{200b}"}, {"type": "paragraph", "text": "正文。"}]);
        let m = accept_article(v, Strictness::Lenient).unwrap();
        assert_eq!(m.article.date, None);
        assert_eq!(m.article.bylines.len(), 1);
        assert_eq!(m.article.body.len(), 1);
        assert!(m.notes.is_empty(), "a blank block leaves no placeholder");
        let faults: Vec<String> = m.faults.iter().map(Fault::to_string).collect();
        assert_eq!(
            faults,
            [
                "date \"2023-02-30\" is not a real calendar date",
                "byline 1: missing name",
                "block 1: text is empty"
            ]
        );
        let mut v = good();
        v["title"] = json!(" ");
        assert!(accept_article(v, Strictness::Lenient).is_err());
    }
}
