//! One pass over one file's text. Each article is parsed into a
//! `serde_json::Value`, sanitised, checked against every rule, then moved
//! into an [`Article`] and dropped, so the text is parsed once and at most
//! one article exists in both forms at a time.
//!
//! Single-file archive or JSON Lines is decided by the first JSON value: an
//! object with a `format` or `articles` field is an archive; anything else
//! makes the file JSON Lines (one article per value).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::check::{check_article, id_problem, sanitize_article};
use super::{Article, Problem};
use crate::text::sanitize::sanitize_line;

/// An article with a string id, remembered to find duplicate ids.
#[derive(Debug)]
pub(crate) struct Seen {
    pub id: String,
    pub number: usize,
    pub location: Option<String>,
}

/// What one file yielded. `header` is `None` for JSON Lines.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    pub header: Option<Map<String, Value>>,
    pub articles: Vec<Article>,
    /// Problems with the number of the article they concern (0: archive).
    pub problems: Vec<(usize, Problem)>,
    pub seen: Vec<Seen>,
    /// Articles read so far (also the number of the one being read).
    count: usize,
    /// Set while an article's JSON is being read, for error context.
    reading: bool,
    /// Label of the last article read, for error context.
    last_label: Option<String>,
    /// The file, as named in messages.
    pub location: String,
}

impl Parsed {
    pub(crate) fn new(location: String) -> Self {
        Parsed {
            location,
            ..Parsed::default()
        }
    }

    /// Where a syntax error happened, when it was inside an article.
    pub(crate) fn context(&self) -> Option<String> {
        if !self.reading {
            return None;
        }
        let after = match &self.last_label {
            Some(label) => format!(", after article {label}"),
            None => String::new(),
        };
        Some(format!("reading article #{}{after}", self.count + 1))
    }

    /// Takes one article value: sanitise, check, convert. `line` is the
    /// JSON Lines line it started on.
    pub(crate) fn take(&mut self, mut value: Value, line: Option<usize>) {
        self.count += 1;
        let number = self.count;
        let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        let label = match &id {
            Some(id) if id_problem(id).is_none() => id.clone(),
            _ => format!("#{number}"),
        };
        let location = match line {
            Some(line) => format!("{}:{line}", self.location),
            None => self.location.clone(),
        };
        sanitize_article(&mut value);
        let mut messages = check_article(&value);
        if messages.is_empty() {
            match serde_json::from_value::<Article>(value) {
                Ok(article) => self.articles.push(article),
                // The checks above should leave serde nothing to refuse.
                Err(e) => {
                    messages.push(format!("cannot be read: {}", sanitize_line(&e.to_string())))
                }
            }
        }
        for message in messages {
            let problem = Problem {
                location: Some(location.clone()),
                article: label.clone(),
                message,
            };
            self.problems.push((number, problem));
        }
        if let Some(id) = id.filter(|id| id_problem(id).is_none()) {
            let location = Some(location);
            self.seen.push(Seen {
                id,
                number,
                location,
            });
        }
        self.last_label = Some(label);
    }
}

/// A syntax error, with where it happened when that helps.
pub(crate) struct Failure {
    pub error: serde_json::Error,
    pub context: Option<String>,
}

/// Parses one file's text (UTF-8, no BOM) into `parsed`.
pub(crate) fn parse_text(text: &str, parsed: &mut Parsed) -> Result<(), Failure> {
    let mut de = serde_json::Deserializer::from_str(text);
    let top = TopSeed(parsed)
        .deserialize(&mut de)
        .map_err(|error| Failure {
            error,
            context: parsed.context(),
        })?;
    match top {
        Top::Archive(fields) => {
            de.end().map_err(|error| Failure {
                error,
                context: Some("a single-file archive is one JSON object".into()),
            })?;
            parsed.header = Some(fields);
            Ok(())
        }
        Top::Article => parse_lines(text, parsed).map_err(|error| Failure {
            error,
            context: None,
        }),
    }
}

/// JSON Lines: every value is an article; its problems name its line.
fn parse_lines(text: &str, parsed: &mut Parsed) -> Result<(), serde_json::Error> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    let (mut line, mut counted) = (1, 0);
    loop {
        let offset = stream.byte_offset();
        let rest = &text.as_bytes()[offset..];
        let start = offset + rest.iter().take_while(|b| b" \t\r\n".contains(b)).count();
        line += text.as_bytes()[counted..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = start;
        match stream.next() {
            None => return Ok(()),
            Some(Ok(value)) => parsed.take(value, Some(line)),
            Some(Err(error)) => return Err(error),
        }
    }
}

/// The first (or only) JSON value of a file.
pub(crate) enum Top {
    /// A single-file archive: its fields except `articles`, which went into
    /// the [`Parsed`] as they were read.
    Archive(Map<String, Value>),
    /// An article: the file is JSON Lines.
    Article,
}

/// Reads the first value of a file, streaming an archive's articles into
/// `parsed`.
pub(crate) struct TopSeed<'a>(pub &'a mut Parsed);

impl<'de> DeserializeSeed<'de> for TopSeed<'_> {
    type Value = Top;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Top, D::Error> {
        d.deserialize_map(TopVisitor(self.0))
    }
}

struct TopVisitor<'a>(&'a mut Parsed);

impl<'de> Visitor<'de> for TopVisitor<'_> {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an archive object {\"format\": …, \"articles\": […]} or article objects")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
        let parsed = self.0;
        let top = super::top::read_top(map, |m| m.next_value_seed(ArticlesSeed(&mut *parsed)))?;
        Ok(top.map_or(Top::Article, Top::Archive))
    }
}

struct ArticlesSeed<'a>(&'a mut Parsed);

impl<'de> DeserializeSeed<'de> for ArticlesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArticlesSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("\"articles\" to be an array of article objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            self.0.reading = true;
            let Some(value) = seq.next_element::<Value>()? else {
                break;
            };
            self.0.reading = false;
            self.0.take(value, None);
        }
        self.0.reading = false;
        Ok(())
    }
}
