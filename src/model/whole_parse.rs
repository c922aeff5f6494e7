//! The full loader's side of reading one file (`model::whole_text`): each
//! article is parsed into a `serde_json::Value`, sanitised, checked against
//! every rule, then moved into an [`Article`] and dropped, so the text is
//! parsed once and at most one article exists in both forms at a time.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::convert::{Mended, accept_article};
use super::describe::Reading;
use super::mend::{Strictness, rough_meta_of};
use super::rules::good_id;
use super::whole_text::{Sink, Stage, read};
use super::{ArticleMeta, Problem};

/// One article as read: whole (mended when lenient), or broken (lenient
/// only: what can be said of it for the lists).
#[derive(Debug)]
pub(crate) enum Item {
    Good(Box<Mended>),
    Broken(ArticleMeta),
}

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
    pub items: Vec<Item>,
    /// Problems with the number of the article they concern (0: archive).
    pub problems: Vec<(usize, Problem)>,
    pub seen: Vec<Seen>,
    /// Articles read so far.
    pub count: usize,
    /// Label of the last article read, for error context.
    last_label: Option<String>,
    /// The file, as named in messages.
    pub location: String,
    strictness: Strictness,
    /// Whether articles are kept (not when only checking).
    keep: bool,
    /// Whether ids are gathered for the duplicate check (not when the
    /// quick pass already found every id used once).
    ids: bool,
    /// The districts and subdistricts of the articles checked, when they
    /// are not kept (`bulletin check` counts them).
    pub groups: Groups,
}

/// The districts and subdistricts (within their district) seen.
#[derive(Debug, Default)]
pub(crate) struct Groups {
    pub districts: HashSet<String>,
    pub subdistricts: HashSet<(String, String)>,
}

impl Groups {
    fn see(&mut self, article: &super::Article) {
        if !self.districts.contains(&article.district) {
            self.districts.insert(article.district.clone());
        }
        if let Some(sub) = &article.subdistrict {
            let pair = (article.district.clone(), sub.clone());
            self.subdistricts.insert(pair);
        }
    }
}

impl Parsed {
    pub(crate) fn new(location: String, strictness: Strictness) -> Self {
        Parsed {
            location,
            strictness,
            keep: true,
            ids: true,
            ..Parsed::default()
        }
    }

    /// Checks the articles of the file `path` strictly as the quick pass
    /// reads them, keeping none (`model::scan`'s `check`).
    pub(crate) fn checking(path: &std::path::Path) -> Self {
        let location = crate::text::sanitize_line(&path.display().to_string());
        // Ids used twice are gathered by the pass (`model::scan_check`).
        Parsed::new(location, Strictness::Strict)
            .only_checking()
            .ids_unique()
    }

    /// Checks articles without keeping them (their problems are kept).
    pub(crate) fn only_checking(mut self) -> Self {
        self.keep = false;
        self
    }

    /// Gathers no ids: each is known to be used once.
    pub(crate) fn ids_unique(mut self) -> Self {
        self.ids = false;
        self
    }

    /// Where a syntax error happened, when that helps.
    fn context(&self, stage: Stage) -> Option<Reading> {
        context(stage, &self.last_label)
    }

    /// Takes one article value: sanitise, check, convert. `line` is the
    /// JSON Lines line it started on.
    pub(crate) fn take(&mut self, value: Value, line: Option<usize>) {
        self.count += 1;
        let number = self.count;
        let id = value.get("id").and_then(Value::as_str).map(str::to_owned);
        let label = label(id.as_deref(), number);
        let location = Problem::place(&self.location, line);
        let lenient = self.strictness == Strictness::Lenient;
        let rough = lenient.then(|| rough_meta_of(&value, number));
        let (faults, item) = match accept_article(value, self.strictness) {
            Ok(m) => (m.faults.clone(), Some(Item::Good(Box::new(m)))),
            Err(faults) => (faults, rough.map(Item::Broken)),
        };
        for message in faults {
            let problem = Problem {
                location: Some(location.clone()),
                article: label.clone(),
                message,
            };
            self.problems.push((number, problem));
        }
        let good = matches!(item, Some(Item::Good(_)));
        if let (Some(Item::Good(m)), false) = (&item, self.keep) {
            self.groups.see(&m.article);
        }
        if self.keep {
            self.items.extend(item);
        }
        let wanted = self.ids && (good || !lenient);
        if let Some(id) = id.filter(|id| wanted && good_id(id)) {
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

/// What a problem calls article `number` whose id is `id`: the id when
/// it is usable, else its number.
fn label(id: Option<&str>, number: usize) -> String {
    match id {
        Some(id) if good_id(id) => id.to_owned(),
        _ => format!("#{number}"),
    }
}

/// Where a syntax error happened (`stage`), when that helps; `last` is
/// the label of the article read before it.
fn context(stage: Stage, last: &Option<String>) -> Option<Reading> {
    match stage {
        Stage::Article(number) => Some(Reading::Article {
            number,
            after: last.clone(),
        }),
        Stage::AfterArchive => Some(Reading::AfterArchive),
        Stage::Top | Stage::Lines => None,
    }
}

/// A sink that keeps only the label of the last article read, for the
/// context of a syntax error: the full loader's reading of a file kept
/// to what it takes to say why the file cannot be read
/// (`model::unreadable`).
#[derive(Default)]
pub(super) struct Labels {
    count: usize,
    last: Option<String>,
}

impl Labels {
    /// Where a syntax error happened, when that helps.
    pub(super) fn context(&self, stage: Stage) -> Option<Reading> {
        context(stage, &self.last)
    }
}

impl Sink<'_> for Labels {
    /// Duplicate known names are refused, as the full loader refuses them.
    type Item = super::unique_names::UniqueNames;

    fn take(&mut self, value: super::unique_names::UniqueNames, _: Option<usize>) -> bool {
        self.count += 1;
        let id = value.0.get("id").and_then(Value::as_str);
        self.last = Some(label(id, self.count));
        true
    }
}

/// A syntax error, with where it happened when that helps.
pub(crate) struct Failure {
    pub error: serde_json::Error,
    pub context: Option<Reading>,
}

/// Parses one file's text (UTF-8, no BOM) into `parsed`.
pub(crate) fn parse_text(text: &str, parsed: &mut Parsed) -> Result<(), Failure> {
    let mut sink = Lines {
        text: text.as_bytes(),
        counted: 0,
        line: 1,
        parsed,
    };
    match read(text, &mut sink) {
        Ok(header) => {
            parsed.header = header;
            Ok(())
        }
        Err(e) => Err(Failure {
            context: parsed.context(e.stage),
            error: e.error,
        }),
    }
}

/// Hands articles to a [`Parsed`] with the line a JSON Lines article
/// starts on, counted as the reading goes.
struct Lines<'t, 'p> {
    text: &'t [u8],
    /// Bytes counted so far, and the line at that point.
    counted: usize,
    line: usize,
    parsed: &'p mut Parsed,
}

impl Sink<'_> for Lines<'_, '_> {
    /// Duplicate known names are refused (with their line and column).
    type Item = super::unique_names::UniqueNames;

    fn take(&mut self, value: super::unique_names::UniqueNames, start: Option<usize>) -> bool {
        let value = value.0;
        let line = start.map(|start| {
            let newlines = self.text[self.counted..start]
                .iter()
                .filter(|&&b| b == b'\n');
            self.line += newlines.count();
            self.counted = start;
            self.line
        });
        self.parsed.take(value, line);
        true
    }
}
