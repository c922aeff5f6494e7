//! The lenient reading of an article (the reader, `list`, `show`,
//! `search`): what can be used is kept, what cannot is dropped or marked,
//! and every fault is still reported. `bulletin check` and `--strict` use
//! none of this.
//!
//! - a block blank after sanitising is left out;
//! - any other bad block (unknown type, no text, not an object …) becomes
//!   a [`Note`]: a marked placeholder where it stood;
//! - a body that is missing, empty or not an array becomes one note;
//! - a bad optional field (`subtitle`, `subdistrict`, `date`, `source`,
//!   `bulletin`) is dropped, and so is a bad byline;
//! - a bad `id`, `title` or `district` makes the article broken: listed,
//!   not openable (see [`Fault::is_minor`]).

use serde_json::Value;

use super::describe::{Fault, Part, What};
use super::fields::Fields;
use super::rules::{check_block, good_id};
use super::{ArticleMeta, Block};
use crate::text::sanitize::sanitize_line;

/// A placeholder for a block that could not be read: it goes before
/// block `at` of the mended body (at the end when `at` is its length).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub at: usize,
    pub fault: Fault,
}

/// How strictly an archive is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strictness {
    /// Every problem is an error (`bulletin check`, `--strict`).
    Strict,
    /// What can be read is read; problems are counted (the default).
    #[default]
    Lenient,
}

/// A body's readable blocks, the placeholders for the others, and every
/// fault found (a blank block has a fault but no placeholder). The body
/// is sanitised already.
pub(crate) fn mend_body(body: Option<Value>) -> (Vec<Block>, Vec<Note>, Vec<Fault>) {
    let (mut blocks, mut notes, mut faults) = (Vec::new(), Vec::new(), Vec::new());
    let whole = |what: What| {
        let fault = Fault::from(what);
        (Vec::new(), vec![note(0, &fault)], vec![fault])
    };
    let items = match body {
        None | Some(Value::Null) => return whole(What::Missing("body")),
        Some(Value::Array(items)) if items.is_empty() => return whole(What::EmptyBody),
        Some(Value::Array(items)) => items,
        Some(other) => return whole(What::BodyNotArray(super::describe::Kind::of(&other))),
    };
    for (i, item) in items.into_iter().enumerate() {
        let mut found = Vec::new();
        check_block(&item, &mut found);
        let found: Vec<Fault> = found
            .into_iter()
            .map(|f| f.in_part(Part::Block(i + 1)))
            .collect();
        let blank = found.len() == 1 && found[0].what == What::Empty("text");
        let only_credit = found.iter().all(|f| f.what.field_name() == Some("credit"));
        let converted = only_credit
            .then(|| block(item, !found.is_empty()))
            .flatten();
        match converted {
            Some(b) => blocks.push(b),
            None if blank => {}
            None => {
                let unread = What::Unreadable("block".into());
                let first = found.first().cloned();
                let fault =
                    first.unwrap_or_else(|| Fault::from(unread).in_part(Part::Block(i + 1)));
                notes.push(note(blocks.len(), &fault));
                if found.is_empty() {
                    faults.push(fault);
                }
            }
        }
        faults.extend(found);
    }
    if blocks.is_empty() && notes.is_empty() {
        let fault = Fault::from(What::EmptyBody);
        notes.push(note(0, &fault));
    }
    (blocks, notes, faults)
}

fn note(at: usize, fault: &Fault) -> Note {
    Note {
        at,
        fault: fault.clone(),
    }
}

/// A checked block value as a [`Block`]; a bad credit is dropped first.
fn block(mut item: Value, drop_credit: bool) -> Option<Block> {
    if drop_credit && let Some(obj) = item.as_object_mut() {
        obj.remove("credit");
    }
    serde_json::from_value(item).ok()
}

impl What {
    /// The field named in the fault, whatever the part.
    pub(crate) fn field_name(&self) -> Option<&'static str> {
        match self {
            What::Missing(f) | What::Empty(f) | What::NotString(f, _) => Some(f),
            _ => None,
        }
    }
}

impl<B> Fields<Value, B> {
    /// Drops every optional field and byline that has one of `faults`
    /// (all minor), so what is left converts.
    pub(crate) fn drop_faulty(&mut self, faults: &[Fault]) {
        let mut bad_bylines = Vec::new();
        for f in faults {
            match (f.part, f.what.field()) {
                (Some(Part::Byline(n)), _) => bad_bylines.push(n - 1),
                (Some(Part::Block(_)), _) => {}
                (None, Some(field)) => self.clear(field),
                (None, None) => {}
            }
        }
        if let Some(Value::Array(items)) = &mut self.bylines {
            let mut i = 0;
            items.retain(|_| {
                i += 1;
                !bad_bylines.contains(&(i - 1))
            });
        }
    }

    fn clear(&mut self, field: &str) {
        let slot = match field {
            "subtitle" => &mut self.subtitle,
            "subdistrict" => &mut self.subdistrict,
            "date" => &mut self.date,
            "source" => &mut self.source,
            "bulletin" => &mut self.bulletin,
            "bylines" => &mut self.bylines,
            _ => return,
        };
        *slot = None;
    }

    /// What can be said of a broken article for the lists.
    pub(crate) fn rough_meta(&self, number: usize) -> ArticleMeta {
        let fields = [&self.id, &self.title, &self.district, &self.subdistrict];
        rough(fields.map(Option::as_ref), number)
    }
}

/// [`Fields::rough_meta`] of a whole article value.
pub(crate) fn rough_meta_of(value: &Value, number: usize) -> ArticleMeta {
    let f = |name| value.get(name);
    rough(
        [f("id"), f("title"), f("district"), f("subdistrict")],
        number,
    )
}

/// A broken article's id (or `#number`), and whichever of its title,
/// district and subdistrict are usable text.
fn rough(fields: [Option<&Value>; 4], number: usize) -> ArticleMeta {
    let [id, title, district, subdistrict] = fields;
    let text = |v: Option<&Value>| {
        v.and_then(Value::as_str)
            .map(sanitize_line)
            .filter(|s| !s.trim().is_empty())
    };
    ArticleMeta {
        id: match id.and_then(Value::as_str) {
            Some(id) if good_id(id) => id.to_string(),
            _ => format!("#{number}"),
        },
        title: text(title).unwrap_or_default(),
        subtitle: None,
        district: text(district).unwrap_or_default(),
        subdistrict: text(subdistrict),
        date: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mended(body: Value) -> (Vec<String>, Vec<(usize, String)>, usize) {
        let (blocks, notes, faults) = mend_body(Some(body));
        let texts = blocks.iter().map(|b| b.text().to_string()).collect();
        let notes = notes.iter().map(|n| (n.at, n.fault.to_string())).collect();
        (texts, notes, faults.len())
    }

    #[test]
    fn blank_blocks_go_bad_blocks_leave_a_note() {
        let (texts, notes, faults) = mended(json!([
            {"type": "paragraph", "text": " "},
            {"type": "paragraph", "text": "一"},
            {"type": "image", "text": "x"},
            {"type": "caption", "text": "二", "credit": 5},
        ]));
        assert_eq!(texts, ["一", "二"]);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].0, 1);
        assert!(notes[0].1.starts_with("block 3: unknown type"), "{notes:?}");
        assert_eq!(faults, 3);
    }

    #[test]
    fn an_unusable_body_is_one_note() {
        for body in [json!("text"), json!([]), Value::Null] {
            let (texts, notes, faults) = mended(body);
            assert!(texts.is_empty());
            assert_eq!((notes.len(), faults), (1, 1));
        }
        let (_, notes, faults) = mended(json!([{"type": "paragraph", "text": ""}]));
        assert_eq!((notes.len(), faults), (1, 1), "only blank blocks: empty");
    }
}
