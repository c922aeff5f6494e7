//! The judge of the archive loader's fuzzer (`hostile_loader_fuzz`): why a
//! damaged file must be refused, found without the loader's own code, by
//! serde_json's plain parser and a few rules of docs/format.md that need
//! no more than a look (a type, a blank string, a name given twice). It
//! may miss a reason (a date that does not exist, a title blank once
//! sanitised): the fuzzer only asks that what it finds is refused.

use std::collections::HashSet;

use serde_json::Value;
use serde_json::value::RawValue;

use super::hostile_loader_mutate::string_end;

/// Every name docs/format.md gives a meaning, at any level.
const KNOWN: &[&str] = &[
    "format",
    "title",
    "key",
    "articles",
    "id",
    "subtitle",
    "district",
    "subdistrict",
    "date",
    "source",
    "bulletin",
    "bylines",
    "body",
    "role",
    "name",
    "type",
    "text",
    "credit",
];

/// Why a file must be refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refused {
    Empty,
    /// The first bad byte, as line and character column.
    Utf8 {
        line: usize,
        column: usize,
    },
    /// serde_json's error, its line and (byte) column.
    Syntax {
        line: usize,
        column: usize,
    },
    /// A known name twice in one object, and the line of the second.
    Twice {
        name: String,
        line: usize,
    },
    /// Text after a single-file archive's object, where it begins.
    Trailing {
        line: usize,
        column: usize,
    },
    /// Anything else: what is wrong.
    Shape(String),
}

/// What the judge makes of a file: why it must be refused, if it sees a
/// reason; whether it is JSON Lines with the line each value starts on;
/// the ids of the articles that give a known name twice (each id used
/// once), which no reader may show.
#[derive(Debug, Default)]
pub struct Judgement {
    pub refused: Option<Refused>,
    pub lines: Option<Vec<usize>>,
    pub doubled: Vec<String>,
}

/// 1-based line and character column of byte `at` of `bytes`, whose
/// bytes before `at` are UTF-8.
fn line_column(bytes: &[u8], at: usize) -> (usize, usize) {
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let before = std::str::from_utf8(&bytes[line_start..at]).expect("UTF-8 before");
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    (line, before.chars().count() + 1)
}

pub fn judge(file: &[u8]) -> Judgement {
    let body = file.strip_prefix(b"\xef\xbb\xbf").unwrap_or(file);
    let refuse = |why| Judgement {
        refused: Some(why),
        ..Judgement::default()
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return refuse(Refused::Empty);
    }
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_column(body, e.valid_up_to());
            return refuse(Refused::Utf8 { line, column });
        }
    };
    if !text
        .trim_start_matches([' ', '\t', '\r', '\n'])
        .starts_with('{')
    {
        // Read as an archive object, or as the first article.
        return refuse(Refused::Shape("not an object first".into()));
    }
    let mut values = Vec::new();
    let mut starts = Vec::new();
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    loop {
        let offset = stream.byte_offset();
        let blank = body[offset..].iter().take_while(|b| b" \t\r\n".contains(b));
        let start = offset + blank.count();
        match stream.next() {
            None => break,
            Some(Ok(v)) => values.push(v),
            Some(Err(e)) => {
                // A name given twice before the error is found first.
                let (line, column) = (e.line(), e.column());
                let whole = values.first().is_some_and(|v| !is_archive(v));
                let why = twice(&body[..offset_of(body, line, column)], whole)
                    .unwrap_or(Refused::Syntax { line, column });
                return refuse(why);
            }
        }
        starts.push(body[..start].iter().filter(|&&b| b == b'\n').count() + 1);
        // A single-file archive is read to the end of its object; then
        // anything but blanks is refused where it begins.
        let end = stream.byte_offset();
        let blank = body[end..].iter().take_while(|b| b" \t\r\n".contains(b));
        let after = end + blank.count();
        if values.len() == 1 && is_archive(&values[0]) && after < body.len() {
            // Unless its `articles` is missing or not an array: that first.
            let (line, column) = line_column(body, after);
            let why = match values[0].get("articles") {
                Some(Value::Array(_)) => Refused::Trailing { line, column },
                _ => Refused::Shape("no articles array".into()),
            };
            return refuse(twice(&body[..end], false).unwrap_or(why));
        }
    }
    let archive = is_archive(&values[0]);
    let refused = twice(body, !archive).or_else(|| {
        let shape = if archive {
            archive_shape(&values)
        } else {
            articles_shape(&values)
        };
        shape.err().map(Refused::Shape)
    });
    Judgement {
        refused,
        lines: (!archive).then_some(starts),
        doubled: doubled(text, archive),
    }
}

/// The ids of the articles of a JSON text that give a known name twice,
/// each id used once.
fn doubled(text: &str, archive: bool) -> Vec<String> {
    #[derive(serde::Deserialize)]
    struct Top<'a> {
        #[serde(borrow)]
        articles: Vec<&'a RawValue>,
    }
    let articles: Vec<&RawValue> = match archive {
        true => serde_json::from_str::<Top>(text).map_or(Vec::new(), |t| t.articles),
        false => serde_json::Deserializer::from_str(text)
            .into_iter()
            .collect::<Result<_, _>>()
            .unwrap_or_default(),
    };
    let id = |raw: &RawValue| {
        let v: Value = serde_json::from_str(raw.get()).ok()?;
        v.get("id")?.as_str().map(str::to_owned)
    };
    let ids: Vec<Option<String>> = articles.iter().map(|a| id(a)).collect();
    let once = |id: &String| ids.iter().filter(|i| i.as_ref() == Some(id)).count() == 1;
    articles
        .iter()
        .zip(&ids)
        .filter(|(a, _)| twice(a.get().as_bytes(), true).is_some())
        .filter_map(|(_, id)| id.clone().filter(once))
        .collect()
}

/// The offset of serde_json's line and (byte) column.
fn offset_of(bytes: &[u8], line: usize, column: usize) -> usize {
    let start = match line {
        1 => 0,
        n => match bytes
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .nth(n - 2)
        {
            Some((i, _)) => i + 1,
            None => return bytes.len(),
        },
    };
    (start + column).min(bytes.len())
}

/// Whether an object has a `format` or an `articles` member: the first
/// value of a single-file archive.
fn is_archive(v: &Value) -> bool {
    v.as_object()
        .is_some_and(|o| o.contains_key("format") || o.contains_key("articles"))
}

/// An open bracket: an object's names, or `None` for an array; the name of
/// its last member; whether a name given twice in it is refused.
struct Open<'a> {
    names: Option<HashSet<&'a [u8]>>,
    last: Option<&'a [u8]>,
    counts: bool,
}

/// The first known name given twice in one object of a JSON text (one that
/// may end early, but holds no error before that), where the format gives
/// names a meaning: the first value's own members, what its `articles`
/// holds, and every other value. Inside the first value's other members
/// only when `first_whole` (the first value is a whole article: JSON Lines).
fn twice(bytes: &[u8], first_whole: bool) -> Option<Refused> {
    let mut open: Vec<Open> = Vec::new();
    let mut first = true;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i);
                let colon = bytes[end..].iter().find(|b| !b" \t\r\n".contains(b));
                if let (Some(b':'), Some(o)) = (colon, open.last_mut())
                    && let Some(names) = &mut o.names
                {
                    let name = &bytes[i + 1..end - 1];
                    o.last = Some(name);
                    let known = KNOWN.iter().any(|k| k.as_bytes() == name);
                    if !names.insert(name) && known && o.counts {
                        let name = String::from_utf8_lossy(name).into_owned();
                        let line = bytes[..i].iter().filter(|&&b| b == b'\n').count() + 1;
                        return Some(Refused::Twice { name, line });
                    }
                }
                i = end;
                continue;
            }
            b @ (b'{' | b'[') => {
                let counts = match open.as_slice() {
                    [] => true,
                    [top] if first => first_whole || top.last == Some(b"articles"),
                    [.., inner] => inner.counts,
                };
                let names = (b == b'{').then(HashSet::new);
                open.push(Open {
                    names,
                    last: None,
                    counts,
                });
            }
            b'}' | b']' => {
                open.pop();
                first &= !open.is_empty();
            }
            _ => {}
        }
        i += 1;
    }
    None
}

fn archive_shape(values: &[Value]) -> Result<(), String> {
    let top = &values[0];
    if top.get("format") != Some(&Value::from("bulletin-archive/1")) {
        return Err("format".into());
    }
    text(top.get("title"), "archive title")?;
    if !matches!(top.get("key"), None | Some(Value::Null | Value::String(_))) {
        return Err("key".into());
    }
    match top.get("articles") {
        Some(Value::Array(articles)) => articles_shape(articles),
        _ => Err("articles not an array".into()),
    }
}

/// A string that is not blank.
fn text(v: Option<&Value>, what: &str) -> Result<(), String> {
    match v.and_then(Value::as_str) {
        Some(s) if !s.trim().is_empty() => Ok(()),
        _ => Err(format!("{what}: {v:?}")),
    }
}

fn articles_shape(articles: &[Value]) -> Result<(), String> {
    let mut ids = HashSet::new();
    for a in articles {
        let id = a.get("id").and_then(Value::as_str).ok_or("id")?;
        let unseen = bulletin::text::sanitize::is_unseen;
        if id.is_empty() || id.chars().any(unseen) || !ids.insert(id) {
            return Err(format!("id {id:?}"));
        }
        text(a.get("title"), "title")?;
        text(a.get("district"), "district")?;
        for field in ["subtitle", "subdistrict", "date", "source", "bulletin"] {
            if !matches!(a.get(field), None | Some(Value::Null | Value::String(_))) {
                return Err(field.into());
            }
        }
        if a.get("subdistrict").is_some_and(Value::is_string) {
            text(a.get("subdistrict"), "subdistrict")?;
        }
        if a.get("bylines").is_some_and(|b| !b.is_array()) {
            return Err("bylines".into());
        }
        let blocks = a.get("body").and_then(Value::as_array).ok_or("body")?;
        if blocks.is_empty() {
            return Err("empty body".into());
        }
        for b in blocks {
            let t = b.get("type").and_then(Value::as_str).unwrap_or("");
            if !["paragraph", "heading", "caption"].contains(&t) {
                return Err(format!("block type {t:?}"));
            }
            text(b.get("text"), "block text")?;
        }
    }
    Ok(())
}

#[test]
fn the_judge_sees_what_it_should() {
    let sample = bulletin::model::SAMPLE_JSON;
    assert_eq!(judge(sample.as_bytes()).refused, None);
    let lines = super::hostile_loader_mutate::as_json_lines(sample);
    let j = judge(lines.as_bytes());
    assert_eq!((j.refused, j.lines), (None, Some(vec![1, 2, 3, 4, 5])));
    let refused = |s: &[u8]| judge(s).refused.unwrap();
    assert_eq!(refused(b"\xef\xbb\xbf \n"), Refused::Empty);
    assert_eq!(
        refused(&[b"{\"a\":\n\"".as_slice(), "中".as_bytes(), b"\xff\"}"].concat()),
        Refused::Utf8 { line: 2, column: 3 }
    );
    assert!(matches!(
        refused(b"{\"a\": 1,}"),
        Refused::Syntax { line: 1, .. }
    ));
    let twice = br#"{"id": "a", "x": {"id": 1}, "x": 2, "id": "b"}"#;
    let id = |line| Refused::Twice {
        name: "id".into(),
        line,
    };
    assert_eq!(refused(twice), id(1));
    assert_eq!(refused(b"{\"id\": 1,\n\"id\": 2, ]"), id(2));
    // Inside an archive's unknown member, names mean nothing; inside an
    // article's, they are still refused.
    let unknown = br#"{"x": {"id": 1, "id": 2}, "format": "bulletin-archive/1", "articles": 1}"#;
    assert!(matches!(refused(unknown), Refused::Shape(_)));
    assert_eq!(refused(br#"{"x": {"id": 1, "id": 2}}"#), id(1));
    assert_eq!(refused(b"{\"x\": {\"id\": 1, \"id\": 2}}\n{"), id(1));
    assert!(matches!(
        refused(b"{\"x\": {\"id\": 1, \"id\": 2}"),
        Refused::Syntax { .. }
    ));
    let after = refused(b"{\"articles\": []}\n\n  {\"a\": ");
    assert_eq!(after, Refused::Trailing { line: 3, column: 3 });
    let body = br#"{"id": "a", "body": [{"text": 1, "text": 2}]}
{"id": "b", "body": [{"text": 1}]}"#;
    assert_eq!(judge(body).doubled, ["a"]);
    let line = r#"{"id": "a\u202e", "title": "t", "district": "d", "body": [{"type": "paragraph", "text": "x"}]}"#;
    assert!(matches!(refused(line.as_bytes()), Refused::Shape(_)));
}
