//! Reading an archive file's text whole, for the full loader: the byte
//! order mark, the first JSON value (a single-file archive object, or the
//! first article of JSON Lines), the `articles` array and the JSON Lines
//! stream. Each article goes to a [`Sink`]. The reader's quick pass reads
//! files a window at a time by the same rules (`model::scan_window`).
//!
//! Single-file archive or JSON Lines is decided by the first JSON value: an
//! object with a `format` or `articles` field is an archive; anything else
//! makes the file JSON Lines (one article per value).

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The UTF-8 byte order mark, accepted and ignored at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The length of a leading byte order mark (0 or 3), and the bytes after it.
pub(super) fn strip_bom(bytes: &[u8]) -> (usize, &[u8]) {
    match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    }
}

/// Where a loader's articles go as they are read.
pub(super) trait Sink<'de> {
    /// One article as this loader reads it.
    type Item: Deserialize<'de>;
    /// Takes one article. `start` is where it begins in a JSON Lines file
    /// (`None` inside an archive's `articles`). `false` stops the reading
    /// with an error.
    fn take(&mut self, item: Self::Item, start: Option<usize>) -> bool;
}

/// What was being read when an error happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// The first value, outside its `articles`.
    Top,
    /// Article number n (1-based) of an archive's `articles`.
    Article(usize),
    /// Whatever follows a single-file archive's object.
    AfterArchive,
    /// The JSON Lines stream.
    Lines,
}

/// A syntax (or shape) error, and what was being read.
pub(super) struct ReadError {
    pub error: serde_json::Error,
    pub stage: Stage,
}

/// Reads a whole file (without its BOM), every article to `sink`.
/// `Some(fields)`: a single-file archive, with its members but `articles`;
/// `None`: JSON Lines.
pub(super) fn read<'de, S: Sink<'de>>(
    input: &'de str,
    sink: &mut S,
) -> Result<Option<Map<String, Value>>, ReadError> {
    let text = || serde_json::de::StrRead::new(input);
    read_by(text, Some(input.as_bytes()), sink)
}

/// [`read`] of the text `open` reads from its start (each time it is
/// called: JSON Lines are read again from the top), such as a file
/// streamed a window at a time (`model::unreadable`). Without the text
/// itself (`bytes`), where a JSON Lines article starts is not told.
pub(super) fn read_by<'de, R: serde_json::de::Read<'de>, S: Sink<'de>>(
    open: impl Fn() -> R,
    bytes: Option<&[u8]>,
    sink: &mut S,
) -> Result<Option<Map<String, Value>>, ReadError> {
    let mut de = serde_json::Deserializer::new(open());
    let mut reader = Reader {
        sink,
        count: 0,
        reading: false,
    };
    let top = (&mut de).deserialize_map(TopVisitor(&mut reader));
    let fail = |error, stage| ReadError { error, stage };
    match top {
        Err(error) if reader.reading => Err(fail(error, Stage::Article(reader.count + 1))),
        Err(error) => Err(fail(error, Stage::Top)),
        Ok(Some(fields)) => {
            de.end().map_err(|e| fail(e, Stage::AfterArchive))?;
            Ok(Some(fields))
        }
        Ok(None) => {
            let stream = serde_json::Deserializer::new(open()).into_iter::<S::Item>();
            read_lines(stream, bytes, reader.sink).map_err(|e| fail(e, Stage::Lines))?;
            Ok(None)
        }
    }
}

/// JSON Lines: every value of the file (`bytes`, when in hand) is an
/// article.
fn read_lines<'de, R: serde_json::de::Read<'de>, S: Sink<'de>>(
    mut stream: serde_json::StreamDeserializer<'de, R, S::Item>,
    bytes: Option<&[u8]>,
    sink: &mut S,
) -> Result<(), serde_json::Error> {
    loop {
        let offset = stream.byte_offset();
        let start = bytes.map(|bytes| {
            let blank = bytes[offset..]
                .iter()
                .take_while(|b| b" \t\r\n".contains(b));
            offset + blank.count()
        });
        let Some(item) = stream.next().transpose()? else {
            return Ok(());
        };
        if !sink.take(item, start.or(Some(offset))) {
            return Err(de::Error::custom("article refused"));
        }
    }
}

/// The sink, and how far into an archive's `articles` the reading is.
struct Reader<'s, S> {
    sink: &'s mut S,
    /// Articles taken so far.
    count: usize,
    /// Set while an article of `articles` is being read.
    reading: bool,
}

struct TopVisitor<'r, 's, S>(&'r mut Reader<'s, S>);

impl<'de, S: Sink<'de>> Visitor<'de> for TopVisitor<'_, '_, S> {
    type Value = Option<Map<String, Value>>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an archive object {\"format\": …, \"articles\": […]} or article objects")
    }

    /// The members of the first object. `articles` goes to the sink; the
    /// others are kept. An object with neither `articles` nor `format` is
    /// an article (the file is JSON Lines); `format` without `articles` is
    /// an error.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut fields = Map::new();
        let mut has_articles = false;
        while let Some(key) = map.next_key::<String>()? {
            if key != "articles" {
                super::unique_names::refuse_twice(&fields, &key)?;
                fields.insert(key, map.next_value::<Value>()?);
            } else if has_articles {
                return Err(de::Error::duplicate_field("articles"));
            } else {
                has_articles = true;
                map.next_value_seed(ArticlesSeed(&mut *self.0))?;
            }
        }
        match (has_articles, fields.contains_key("format")) {
            (true, _) => Ok(Some(fields)),
            (false, true) => Err(de::Error::missing_field("articles")),
            (false, false) => Ok(None),
        }
    }
}

struct ArticlesSeed<'r, 's, S>(&'r mut Reader<'s, S>);

impl<'de, S: Sink<'de>> DeserializeSeed<'de> for ArticlesSeed<'_, '_, S> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: Sink<'de>> Visitor<'de> for ArticlesSeed<'_, '_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("\"articles\" to be an array of article objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let reader = self.0;
        loop {
            reader.reading = true;
            let Some(item) = seq.next_element::<S::Item>()? else {
                break;
            };
            reader.reading = false;
            reader.count += 1;
            if !reader.sink.take(item, None) {
                return Err(de::Error::custom("article refused"));
            }
        }
        reader.reading = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keeps every article with where it starts; refuses id `stop`.
    #[derive(Default)]
    struct Keep(Vec<(Value, Option<usize>)>);

    impl Sink<'_> for Keep {
        type Item = Value;
        fn take(&mut self, item: Value, start: Option<usize>) -> bool {
            let wanted = item["id"] != "stop";
            self.0.push((item, start));
            wanted
        }
    }

    #[test]
    fn a_byte_order_mark_is_stripped_once() {
        assert_eq!(strip_bom(b"\xEF\xBB\xBF{}"), (3, &b"{}"[..]));
        assert_eq!(strip_bom(b"\xEF\xBB\xBF\xEF\xBB\xBF").0, 3);
        assert_eq!(strip_bom(b"{}"), (0, &b"{}"[..]));
    }

    #[test]
    fn both_forms_reach_the_sink() {
        let single = r#"{"format": "f", "articles": [{"id": "a"}, {"id": "b"}], "x": 1}"#;
        let mut keep = Keep::default();
        let fields = read(single, &mut keep).ok().unwrap().unwrap();
        assert_eq!(fields.keys().collect::<Vec<_>>(), ["format", "x"]);
        assert_eq!(keep.0.len(), 2);
        assert!(keep.0.iter().all(|(_, start)| start.is_none()));

        let lines = "{\"id\": \"a\"}\n\n  {\"id\": \"b\"}\n";
        let mut keep = Keep::default();
        assert!(read(lines, &mut keep).ok().unwrap().is_none());
        let starts: Vec<Option<usize>> = keep.0.iter().map(|(_, s)| *s).collect();
        assert_eq!(starts, [Some(0), Some(15)]);
    }

    #[test]
    fn errors_say_what_was_being_read() {
        let stage = |text: &str| read(text, &mut Keep::default()).err().unwrap().stage;
        assert_eq!(
            stage(r#"{"articles": [{"id": "a"}, {"id": ]}"#),
            Stage::Article(2)
        );
        assert_eq!(stage(r#"{"format": "f"}"#), Stage::Top);
        assert_eq!(stage(r#"{"articles": []} x"#), Stage::AfterArchive);
        assert_eq!(stage("{\"id\": \"a\"}\n{\"id\""), Stage::Lines);
        assert_eq!(stage(r#"{"articles": [{"id": "stop"}]}"#), Stage::Top);
        assert_eq!(stage(r#"{"articles": [], "articles": []}"#), Stage::Top);
    }
}
