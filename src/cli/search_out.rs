//! What `bulletin search` writes: each article as soon as it and those
//! before it are ready (read, searched for its snippets on the available
//! cores), so memory stays flat in the number of results. The output is
//! byte for byte what building the whole answer first gave
//! (`tests/it/cli_search_stream.rs`).

use std::io::{self, Write};

use serde::Serialize;

use super::Say;
use super::in_order::{map_in_order, threads};
use super::json::{write_json, write_json_line};
use crate::find::{self, ArchiveQuery, Hit};
use crate::lang::Lang;
use crate::model::Library;
use crate::text::sanitize_line;

/// Snippets per article in JSON; the text output shows the first.
const SNIPPETS: usize = 3;

/// How the results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Output {
    /// A line per article (and its best snippet unless `count`), then the
    /// totals, in `lang`.
    Text { count: bool, lang: Lang },
    /// One pretty JSON document.
    Json,
    /// One JSON object per article per line; the totals to standard error.
    Jsonl { lang: Lang },
}

/// Writes the articles of `hits` (in order) as `how` says.
pub(super) fn write_results(
    lib: &Library,
    q: &ArchiveQuery,
    hits: &[Hit],
    how: Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 << 10, out);
    let total: usize = hits.iter().map(|h| h.hits).sum();
    let totals = |lang| {
        let articles = hits.len();
        Say::SearchTotals {
            hits: total,
            articles,
        }
        .text(lang)
    };
    match how {
        Output::Text { count, lang } => {
            let render = |h: &Hit| text_article(lib, q, h, count);
            each(hits, !count, render, |b| out.write_all(&b))?;
            writeln!(out, "{}", totals(lang))?;
        }
        Output::Json => {
            json_opening(&mut out, &q.text, total)?;
            let mut first = true;
            each(
                hits,
                true,
                |h| json_article(lib, q, h),
                |b| {
                    out.write_all(if first { b"\n    " } else { b",\n    " })?;
                    first = false;
                    out.write_all(&b)
                },
            )?;
            out.write_all(if hits.is_empty() {
                b"]\n}\n"
            } else {
                b"\n  ]\n}\n"
            })?;
        }
        Output::Jsonl { lang } => {
            each(
                hits,
                true,
                |h| jsonl_article(lib, q, h),
                |b| out.write_all(&b),
            )?;
            out.flush()?;
            let _ = writeln!(err, "{}", totals(lang));
        }
    }
    out.flush()
}

/// Renders every hit, on every core when `heavy` (each needs its article
/// read), and writes each in order.
fn each(
    hits: &[Hit],
    heavy: bool,
    render: impl Fn(&Hit) -> Vec<u8> + Sync,
    write: impl FnMut(Vec<u8>) -> io::Result<()>,
) -> io::Result<()> {
    let threads = if heavy { threads() } else { 1 };
    map_in_order(hits, threads, render, write)
}

/// The snippets of an article's hits (best first), at most `n`. Its
/// document read the quick way when the article is plain, else in full.
fn snippets(lib: &Library, q: &ArchiveQuery, article: usize, n: usize) -> Vec<find::Snippet> {
    use crate::find::Corpus;
    let Some(query) = q.query.as_ref() else {
        return Vec::new();
    };
    let Some(doc) = lib.plain_doc(article).or_else(|| lib.doc(article).ok()) else {
        return Vec::new();
    };
    find::best_snippets(&doc, query, n)
}

/// `ID  DATE  PLACE  HITS  TITLE` and the best snippet below (or
/// `ID  HITS` for `--count`).
fn text_article(lib: &Library, q: &ArchiveQuery, h: &Hit, count: bool) -> Vec<u8> {
    let a = &lib.articles[h.article];
    if count {
        return format!("{}  {}\n", sanitize_line(&a.id), h.hits).into_bytes();
    }
    let place = match &a.subdistrict {
        Some(s) => format!("{} \u{203a} {}", a.district, s),
        None => a.district.clone(),
    };
    let date = a.date.as_deref().unwrap_or("-");
    let mut line = format!(
        "{}  {}  {}  {}  {}\n",
        sanitize_line(&a.id),
        sanitize_line(date),
        sanitize_line(&place),
        h.hits,
        sanitize_line(&a.title)
    );
    for s in snippets(lib, q, h.article, 1) {
        line += &format!("    {}\u{3010}{}\u{3011}{}\n", s.before, s.hit, s.after);
    }
    line.into_bytes()
}

/// One article of the JSON output: the fields in this order.
#[derive(Serialize)]
struct Record<'a> {
    id: &'a str,
    title: &'a str,
    district: &'a str,
    subdistrict: Option<&'a str>,
    date: Option<&'a str>,
    hits: usize,
    snippets: Vec<String>,
    /// Where the hit is in each snippet: `[start, end]` in characters
    /// (Unicode scalar values), so a script can highlight it.
    hit_spans: Vec<[usize; 2]>,
}

fn record<'a>(lib: &'a Library, q: &ArchiveQuery, h: &Hit) -> Record<'a> {
    let a = &lib.articles[h.article];
    let found = snippets(lib, q, h.article, SNIPPETS);
    let hit_spans = found.iter().map(hit_span).collect();
    let snippets = found
        .into_iter()
        .map(|s| format!("{}{}{}", s.before, s.hit, s.after))
        .collect();
    Record {
        id: &a.id,
        title: &a.title,
        district: &a.district,
        subdistrict: a.subdistrict.as_deref(),
        date: a.date.as_deref(),
        hits: h.hits,
        snippets,
        hit_spans,
    }
}

/// The hit's place in its snippet, in characters.
fn hit_span(s: &find::Snippet) -> [usize; 2] {
    let start = s.before.chars().count();
    [start, start + s.hit.chars().count()]
}

/// `{"query": …, "total_hits": …, "articles": [` as the pretty printer
/// writes them (the articles follow one by one).
fn json_opening(out: &mut dyn Write, query: &str, total: usize) -> io::Result<()> {
    let mut q = Vec::new();
    write_json_line(&mut q, &query)?;
    q.pop();
    out.write_all(b"{\n  \"query\": ")?;
    out.write_all(&q)?;
    write!(out, ",\n  \"total_hits\": {total},\n  \"articles\": [")
}

/// An article as the pretty printer writes it inside the document's
/// `articles` (two levels in): its lines after the first indented by four
/// more spaces (a string never holds a raw line break).
fn json_article(lib: &Library, q: &ArchiveQuery, h: &Hit) -> Vec<u8> {
    let mut alone = Vec::new();
    // Writing to memory does not fail.
    let _ = write_json(&mut alone, &record(lib, q, h));
    alone.pop();
    let mut out = Vec::with_capacity(alone.len() + 256);
    for (n, line) in alone.split(|&b| b == b'\n').enumerate() {
        if n > 0 {
            out.extend_from_slice(b"\n    ");
        }
        out.extend_from_slice(line);
    }
    out
}

fn jsonl_article(lib: &Library, q: &ArchiveQuery, h: &Hit) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_json_line(&mut out, &record(lib, q, h));
    out
}
