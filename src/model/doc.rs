//! Turn an article into a [`Doc`] for layout, search and positions.

use serde::Deserialize;
use serde_json::Map;

use super::describe::{Fault, Part};
use super::rules::{BLOCK_TYPES, blank_problem, good_id, parse_date};
use super::{Mended, Note};
use crate::lang::Lang;
use crate::model::{Article, Block, Byline};
use crate::text::sanitize::is_clean;
use crate::text::{Doc, Unit, UnitKind, sanitize};

/// The article as units, in reading order: title; subtitle (if any); one
/// byline unit per byline (`记者 张改华`); a meta unit `DATE · SOURCE`
/// (only the parts present; omitted if neither); then the body blocks —
/// heading, paragraph or caption with `block = Some(i)`, a caption's credit
/// as a following credit unit of the same block. All text is sanitised
/// (idempotent, so text sanitised on load is unchanged).
pub fn article_doc(a: &Article) -> Doc {
    doc_with_notes(a, &[], Lang::En)
}

/// [`article_doc`] of an article read leniently: each block that could
/// not be read shows as a marked placeholder (a `Note` unit) where it
/// stood, in `lang`.
pub fn mended_doc(m: &Mended, lang: Lang) -> Doc {
    doc_with_notes(&m.article, &m.notes, lang)
}

fn doc_with_notes(a: &Article, notes: &[Note], lang: Lang) -> Doc {
    doc_of(a, notes, lang, sanitize)
}

/// [`doc_with_notes`], each text of its own (title, subtitle, block text,
/// credit) passed through `text`: [`sanitize`], or a copy when the text is
/// known to be clean already (which sanitising leaves as it is).
fn doc_of(a: &Article, notes: &[Note], lang: Lang, text: fn(&str) -> String) -> Doc {
    let mut units = vec![Unit::new(UnitKind::Title, None, text(&a.title))];
    if let Some(sub) = &a.subtitle {
        units.push(Unit::new(UnitKind::Subtitle, None, text(sub)));
    }
    for b in &a.bylines {
        units.push(Unit::new(UnitKind::Byline, None, sanitize(&b.display())));
    }
    let meta: Vec<&str> = [&a.date, &a.source]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !meta.is_empty() {
        units.push(Unit::new(UnitKind::Meta, None, sanitize(&meta.join(" · "))));
    }
    let mut notes = notes.iter().peekable();
    for (i, block) in a.body.iter().enumerate() {
        while let Some(n) = notes.next_if(|n| n.at <= i) {
            units.push(note_unit(n, units.len(), lang));
        }
        let kind = match block {
            Block::Paragraph { .. } => UnitKind::Paragraph,
            Block::Heading { .. } => UnitKind::Heading,
            Block::Caption { .. } => UnitKind::Caption,
        };
        units.push(Unit::new(kind, Some(i), text(block.text())));
        if let Block::Caption {
            credit: Some(credit),
            ..
        } = block
        {
            units.push(Unit::new(UnitKind::Credit, Some(i), text(credit)));
        }
    }
    for n in notes {
        units.push(note_unit(n, units.len(), lang));
    }
    Doc { units }
}

/// The [`mended_doc`] of the article whose JSON is `bytes` (its id `id`),
/// read the quick way: typed, no `Value` in between. Only for an article
/// with nothing to mend or sanitise: the format's members and no other,
/// none given twice or `null`, each of its type and by its rules, every
/// text already clean. `None` for any other: read it the full way
/// (`Library::open`), which alone decides what it becomes.
pub(crate) fn plain_doc(bytes: &[u8], id: &str) -> Option<Doc> {
    let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<Plain>();
    let plain = values.next()?.ok()?;
    if plain.id != id || !plain.is_plain() {
        return None;
    }
    // Every text of its own is clean (`is_plain`): no need to sanitise it
    // again.
    Some(doc_of(&plain.into_article(), &[], Lang::En, str::to_owned))
}

/// An article with only the format's members ([`plain_doc`]).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Plain {
    id: String,
    title: String,
    #[serde(default)]
    subtitle: Option<String>,
    district: String,
    #[serde(default)]
    subdistrict: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    bulletin: Option<String>,
    /// Not `Option`: the full way refuses `"bylines": null`.
    #[serde(default)]
    bylines: Vec<PlainByline>,
    body: Vec<PlainBlock>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainByline {
    role: String,
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlainBlock {
    #[serde(rename = "type")]
    kind: String,
    text: String,
    #[serde(default)]
    credit: Option<String>,
}

impl Plain {
    /// Whether the full way finds nothing to report, mend or sanitise
    /// (`model::fields`, `model::rules`): then it reads what this holds.
    fn is_plain(&self) -> bool {
        let filled = |s: &str| blank_problem("", s).is_none() && is_clean(s);
        let clean = |s: &Option<String>| s.as_deref().is_none_or(is_clean);
        good_id(&self.id)
            && filled(&self.title)
            && filled(&self.district)
            && self.subdistrict.as_deref().is_none_or(filled)
            && self.date.as_deref().is_none_or(|d| parse_date(d).is_ok())
            && [&self.subtitle, &self.source, &self.bulletin]
                .into_iter()
                .all(clean)
            && self
                .bylines
                .iter()
                .all(|b| is_clean(&b.role) && filled(&b.name))
            && !self.body.is_empty()
            && self.body.iter().all(PlainBlock::is_plain)
    }

    fn into_article(self) -> Article {
        Article {
            id: self.id,
            title: self.title,
            subtitle: self.subtitle,
            district: self.district,
            subdistrict: self.subdistrict,
            date: self.date,
            source: self.source,
            bulletin: self.bulletin,
            bylines: self
                .bylines
                .into_iter()
                .map(PlainByline::into_byline)
                .collect(),
            body: self.body.into_iter().map(PlainBlock::into_block).collect(),
            extra: Map::new(),
        }
    }
}

impl PlainByline {
    fn into_byline(self) -> Byline {
        Byline {
            role: self.role,
            name: self.name,
        }
    }
}

impl PlainBlock {
    /// A known type, text, and a credit only on a caption.
    fn is_plain(&self) -> bool {
        BLOCK_TYPES.contains(&self.kind.as_str())
            && blank_problem("", &self.text).is_none()
            && is_clean(&self.text)
            && (self.kind == "caption" || self.credit.is_none())
            && self.credit.as_deref().is_none_or(is_clean)
    }

    fn into_block(self) -> Block {
        let text = self.text;
        match self.kind.as_str() {
            "heading" => Block::Heading { text },
            "caption" => Block::Caption {
                text,
                credit: self.credit,
            },
            _ => Block::Paragraph { text },
        }
    }
}

/// A placeholder unit: a block of its own (numbered past any real block,
/// so the layout sets it apart with blank lines like one).
fn note_unit(n: &Note, k: usize, lang: Lang) -> Unit {
    Unit::new(
        UnitKind::Note,
        Some(usize::MAX - k),
        placeholder(&n.fault, lang),
    )
}

/// `[unreadable block 3: unknown type "image" …]`.
pub fn placeholder(fault: &Fault, lang: Lang) -> String {
    let what = Fault::from(fault.what.clone()).text(lang);
    match (fault.part, lang) {
        (Some(Part::Block(n)), Lang::Zh) => format!("［第 {n} 块无法读取：{what}］"),
        (Some(Part::Block(n)), Lang::En) => format!("[unreadable block {n}: {what}]"),
        (_, Lang::Zh) => format!("［正文无法读取：{what}］"),
        (_, Lang::En) => format!("[unreadable body: {what}]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Byline;
    use serde_json::Map;

    fn article() -> Article {
        Article {
            id: "a1".into(),
            title: "标题\u{1b}[31m".into(),
            subtitle: None,
            district: "中原区".into(),
            subdistrict: None,
            date: None,
            source: Some("郑州日报".into()),
            bulletin: None,
            bylines: vec![
                Byline {
                    role: "记者".into(),
                    name: "张改华".into(),
                },
                Byline {
                    role: "通讯员".into(),
                    name: "张黎".into(),
                },
            ],
            body: vec![
                Block::Heading {
                    text: "小标题".into(),
                },
                Block::Paragraph {
                    text: "正文\u{202e}。".into(),
                },
                Block::Caption {
                    text: "图片说明".into(),
                    credit: Some("通讯员 王蒙 图".into()),
                },
                Block::Caption {
                    text: "无署名".into(),
                    credit: None,
                },
            ],
            extra: Map::new(),
        }
    }

    #[test]
    fn units_in_reading_order() {
        let doc = article_doc(&article());
        let got: Vec<(UnitKind, Option<usize>, &str)> = doc
            .units
            .iter()
            .map(|u| (u.kind, u.block, u.text.as_str()))
            .collect();
        use UnitKind::*;
        assert_eq!(
            got,
            [
                (Title, None, "标题"),
                (Byline, None, "记者 张改华"),
                (Byline, None, "通讯员 张黎"),
                (Meta, None, "郑州日报"),
                (Heading, Some(0), "小标题"),
                (Paragraph, Some(1), "正文。"),
                (Caption, Some(2), "图片说明"),
                (Credit, Some(2), "通讯员 王蒙 图"),
                (Caption, Some(3), "无署名"),
            ]
        );
    }

    #[test]
    fn notes_stand_where_their_blocks_stood() {
        use crate::model::What;
        let mut a = article();
        a.body.truncate(2);
        let note = |at, n| super::Note {
            at,
            fault: Fault::from(What::UnknownType("\"image\"".into())).in_part(Part::Block(n)),
        };
        let m = Mended {
            article: a,
            notes: vec![note(1, 2), note(2, 4)],
            faults: Vec::new(),
        };
        let doc = mended_doc(&m, Lang::En);
        let kinds: Vec<UnitKind> = doc.units.iter().skip(4).map(|u| u.kind).collect();
        use UnitKind::*;
        assert_eq!(kinds, [Heading, Note, Paragraph, Note]);
        assert!(
            doc.units[5]
                .text
                .starts_with("[unreadable block 2: unknown type")
        );
        let zh = mended_doc(&m, Lang::Zh);
        assert!(
            zh.units[5]
                .text
                .starts_with("［第 2 块无法读取：未知的块类型"),
            "{}",
            zh.units[5].text
        );
    }

    #[test]
    fn subtitle_and_full_meta() {
        let mut a = article();
        a.subtitle = Some("副题".into());
        a.date = Some("2024-05-01".into());
        let doc = article_doc(&a);
        assert_eq!(doc.units[1].kind, UnitKind::Subtitle);
        assert_eq!(doc.units[1].text, "副题");
        assert_eq!(doc.units[4].text, "2024-05-01 · 郑州日报");
        a.source = None;
        a.date = None;
        assert!(
            article_doc(&a)
                .units
                .iter()
                .all(|u| u.kind != UnitKind::Meta)
        );
    }
}

#[cfg(test)]
#[path = "plain_doc_tests.rs"]
mod plain_doc_tests;
