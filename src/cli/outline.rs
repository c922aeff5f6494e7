//! `bulletin outline`: an article's sections as the reader's outline
//! (`o`) shows them, for people and for scripts. The sections come from
//! the same code (`text::outline::Outline::of` on the same document); the
//! shape of the output is in `docs/outline.md`.

use std::io::Write;

use serde::Serialize;
use serde_json::json;

use super::article::{open_in, open_named};
use super::say::Say;
use super::{OutlineArgs, finish};
use crate::model::{self, Library, Mended};
use crate::text::Doc;
use crate::text::outline::Outline;
use crate::text::sanitize::sanitize_line;

/// One section of the outline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutlineEntry {
    /// Nesting, as the outline indents it: 0 for the outermost sections.
    pub level: usize,
    /// The number as written (`一、`, `（二）`, `1．`, `第一章`); empty for
    /// a heading without one.
    pub number: String,
    /// The words after the number (a numbered paragraph's first sentence).
    pub title: String,
    /// Which block of the article's `body` the section starts at, from 0.
    pub block: usize,
    /// A heading block (else a paragraph opening with its number).
    pub heading: bool,
    /// The enclosing section: its index in this list.
    pub parent: Option<usize>,
    /// Number and title as the outline shows them (`第一章 总则`).
    #[serde(skip)]
    pub label: String,
}

/// The sections of `doc` as the reader's outline lists them.
pub fn outline_entries(doc: &Doc) -> Vec<OutlineEntry> {
    Outline::of(doc)
        .sections
        .into_iter()
        .map(|s| OutlineEntry {
            label: s.label(),
            level: s.depth,
            block: doc.units[s.unit].block.unwrap_or_default(),
            heading: s.heading,
            parent: s.parent,
            number: s.marker,
            title: s.title,
        })
        .collect()
}

/// `bulletin outline ARCHIVE ID [--json]`.
pub fn run_outline(args: &OutlineArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match open_named(&args.article, err) {
        Ok(mended) => write_outline(&mended, args, out, err),
        Err(status) => status,
    }
}

/// `bulletin outline` of article `id` of an archive already loaded (a
/// server's), named `name` in messages.
pub fn outline_on(
    archive: &Library,
    name: &str,
    id: &str,
    args: &OutlineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    match open_in(archive, name, id, args.article.open.lang, err) {
        Ok(mended) => write_outline(&mended, args, out, err),
        Err(status) => status,
    }
}

fn write_outline(
    mended: &Mended,
    args: &OutlineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let lang = args.article.open.lang;
    let entries = outline_entries(&model::mended_doc(mended, lang));
    let a = &mended.article;
    let result = if args.json {
        let doc = json!({"id": a.id, "title": a.title, "sections": entries});
        super::json::write_json(out, &doc)
    } else {
        if entries.is_empty() {
            let title = sanitize_line(&a.title);
            let _ = writeln!(err, "bulletin: {}", Say::NoSections(title).text(lang));
        }
        write_text(&entries, out)
    };
    finish(result, lang, err)
}

/// One line per section: the block it starts at, then its number and
/// title indented two columns per level.
fn write_text(entries: &[OutlineEntry], out: &mut dyn Write) -> std::io::Result<()> {
    let last = entries.iter().map(|e| e.block).max().unwrap_or(0);
    let width = last.to_string().len();
    for e in entries {
        let indent = "  ".repeat(e.level);
        let label = sanitize_line(&e.label);
        writeln!(out, "{:>width$}  {indent}{label}", e.block)?;
    }
    Ok(())
}
