//! Text to articles: bulletins, their lead piece, subdistrict sections,
//! bylines, captions, headings and paragraphs. Pure: no I/O.

use serde_json::Map;

use super::lines::{self, TITLE_MAX_CHARS, ends_sentence, wants_continuation};
use super::merge::article_id;
use super::para::Para;
use super::punct::normalize_punctuation;
use super::report::{ArticleReport, Event, Report, head, tail};
use super::{ImportError, ImportOptions};
use crate::model::{Article, Block, Byline};
use crate::text::sanitize::sanitize_line;

/// Lines longer than this (in bytes) are always plain text: no pattern
/// matching on them, so a 10 MB line costs one pass.
const MAX_PATTERN_BYTES: usize = 600;
/// A title made from running text keeps at most this many characters.
const DERIVED_TITLE_CHARS: usize = 30;

/// The result of parsing one input text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub articles: Vec<Article>,
    pub report: Report,
    /// The title of the first lead piece (the default archive title).
    pub lead_title: Option<String>,
}

/// What one line is.
#[derive(Debug)]
enum Kind<'a> {
    Blank,
    Section(&'a str, &'a str),
    Bylines(Vec<Byline>),
    Credit(&'a str),
    Caption(&'a str, &'a str),
    Heading,
    Text,
}

fn classify<'a>(line: &'a str, known: &[String]) -> Kind<'a> {
    if line.is_empty() {
        return Kind::Blank;
    }
    if line.len() > MAX_PATTERN_BYTES {
        return Kind::Text;
    }
    if let Some((name, title)) = lines::section_head(line, known) {
        Kind::Section(name, title)
    } else if let Some(b) = lines::bylines(line) {
        Kind::Bylines(b)
    } else if let Some(c) = lines::credit_only(line) {
        Kind::Credit(c)
    } else if let Some((text, credit)) = lines::caption(line) {
        Kind::Caption(text, credit)
    } else if lines::is_heading(line) {
        Kind::Heading
    } else {
        Kind::Text
    }
}

/// Parses a whole input text. `stem` names the bulletin (the file stem).
/// Several bulletins may be separated by marker lines (`===`, or
/// `=== NAME ===`); see `docs/import.md`.
pub fn parse_bulletin(text: &str, stem: &str, opts: &ImportOptions) -> Result<Parsed, ImportError> {
    let lines = prepare(text, opts);
    let mut out = Parsed::default();
    let mut district = None;
    for chunk in split_chunks(&lines, stem) {
        district = Chunk::parse(&chunk, opts, district, &mut out)?;
    }
    if out.articles.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(out)
}

/// Splits into lines (`\n`, `\r\n`, `\r`, form feed, U+2028/2029),
/// sanitises, trims, and normalises punctuation if asked.
fn prepare(text: &str, opts: &ImportOptions) -> Vec<String> {
    let text = text.replace("\r\n", "\n");
    text.split([
        '\n', '\r', '\u{b}', '\u{c}', '\u{85}', '\u{2028}', '\u{2029}',
    ])
    .map(|l| {
        let l = sanitize_line(l);
        let l = l.trim();
        if opts.normalize_punctuation {
            normalize_punctuation(l)
        } else {
            l.to_string()
        }
    })
    .collect()
}

/// One bulletin: its name and its lines (`start` = index of the first).
struct ChunkLines<'a> {
    name: String,
    start: usize,
    lines: &'a [String],
}

fn split_chunks<'a>(lines: &'a [String], stem: &str) -> Vec<ChunkLines<'a>> {
    let mut raw: Vec<(String, usize, &'a [String])> = Vec::new();
    let (mut label, mut start) = (String::new(), 0);
    for (i, l) in lines.iter().enumerate() {
        if let Some(next) = lines::marker_label(l) {
            raw.push((
                std::mem::replace(&mut label, next.to_string()),
                start,
                &lines[start..i],
            ));
            start = i + 1;
        }
    }
    raw.push((label, start, &lines[start..]));
    raw.retain(|(_, _, ls)| ls.iter().any(|l| !l.is_empty()));
    let many = raw.len() > 1;
    raw.into_iter()
        .enumerate()
        .map(|(k, (label, start, lines))| ChunkLines {
            name: match (label.is_empty(), many) {
                (false, _) => label,
                (true, true) => format!("{stem}-{}", k + 1),
                (true, false) => stem.to_string(),
            },
            start,
            lines,
        })
        .collect()
}

/// A title line at the top: short, not a sentence, not continuing.
fn title_like(line: &str) -> bool {
    line.chars().count() <= TITLE_MAX_CHARS && !ends_sentence(line) && !wants_continuation(line)
}

/// A title made from running text: up to the first sentence end, `，` or
/// `；` if that leaves at least 4 characters within [`DERIVED_TITLE_CHARS`],
/// else that many characters and `…`.
pub(crate) fn derive_title(line: &str) -> String {
    let cut: String = line.chars().take(DERIVED_TITLE_CHARS + 1).collect();
    let stop = |c: char| lines::is_sentence_end(c) || matches!(c, '，' | '；' | ',' | ';');
    if let Some(i) = cut.find(stop)
        && cut[..i].chars().count() >= 4
    {
        return cut[..i].to_string();
    }
    if cut.chars().count() > DERIVED_TITLE_CHARS {
        let t: String = cut.chars().take(DERIVED_TITLE_CHARS).collect();
        format!("{t}…")
    } else {
        cut
    }
}

/// `中原区：…` -> `中原区` (2–10 Han characters ending in 区/县/市/旗).
fn infer_district(title: &str) -> Option<String> {
    let (name, _) = title.split_once(['：', ':'])?;
    let n = name.chars().count();
    ((2..=10).contains(&n)
        && name.chars().all(lines::is_han)
        && name.ends_with(['区', '县', '市', '旗']))
    .then(|| name.to_string())
}

/// An article being built and its report.
struct Draft {
    article: Article,
    report: ArticleReport,
}

/// The parser state for one bulletin.
struct Chunk<'o> {
    opts: &'o ImportOptions,
    bulletin: String,
    district: String,
    cur: Option<Draft>,
    para: Option<Para>,
    blanks: usize,
    done: Vec<Draft>,
    /// A lead piece with a title line but no text, kept in case the
    /// bulletin has nothing else.
    empty_lead: Option<Draft>,
    joined_lines: usize,
    warnings: Vec<String>,
}

impl<'o> Chunk<'o> {
    /// Parses one bulletin; returns its district, the fallback for the
    /// next bulletin of the same text.
    fn parse(
        c: &ChunkLines,
        opts: &'o ImportOptions,
        fallback: Option<String>,
        out: &mut Parsed,
    ) -> Result<Option<String>, ImportError> {
        let known = &opts.subdistricts;
        let numbered = c
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| (c.start + i + 1, l.as_str()));
        let mut items = numbered
            .map(|(no, l)| (no, l, classify(l, known)))
            .peekable();
        while items
            .next_if(|(_, _, k)| matches!(k, Kind::Blank))
            .is_some()
        {}
        let Some((first_no, first, first_kind)) = items.next() else {
            return Ok(fallback);
        };
        let title_line = matches!(first_kind, Kind::Text) && title_like(first);
        let lead_title = if title_line {
            first.to_string()
        } else {
            derive_title(first)
        };
        let district = (opts.district.clone())
            .or_else(|| infer_district(&lead_title))
            .or(fallback)
            .ok_or(ImportError::NoDistrict)?;
        let mut p = Chunk {
            opts,
            bulletin: c.name.clone(),
            district,
            cur: None,
            para: None,
            blanks: 0,
            done: Vec::new(),
            empty_lead: None,
            joined_lines: 0,
            warnings: Vec::new(),
        };
        if !matches!(first_kind, Kind::Section(..)) {
            out.lead_title.get_or_insert_with(|| lead_title.clone());
            p.start_article(first_no, lead_title, None, !title_line);
        }
        if !title_line {
            p.line(first_no, first, first_kind);
        } else {
            p.subtitle(&mut items);
        }
        for (no, line, kind) in items {
            p.line(no, line, kind);
        }
        let district = p.district.clone();
        p.finish_chunk(out);
        Ok(Some(district))
    }

    /// A `——…` line right after the title line is the subtitle.
    fn subtitle<'a, I: Iterator<Item = (usize, &'a str, Kind<'a>)>>(
        &mut self,
        items: &mut std::iter::Peekable<I>,
    ) {
        while items
            .next_if(|(_, _, k)| matches!(k, Kind::Blank))
            .is_some()
        {}
        let Some((no, line, _)) = items
            .next_if(|(_, l, k)| matches!(k, Kind::Text) && l.starts_with('—') && title_like(l))
        else {
            return;
        };
        if let Some(d) = self.cur.as_mut() {
            d.article.subtitle = Some(line.to_string());
            d.report.events.push(Event::Subtitle {
                line: no,
                text: line.to_string(),
            });
        }
    }

    fn start_article(&mut self, no: usize, title: String, sub: Option<&str>, derived: bool) {
        self.finish_article();
        let id = article_id(&self.district, sub, &title);
        let article = Article {
            id: id.clone(),
            title: title.clone(),
            subtitle: None,
            district: self.district.clone(),
            subdistrict: sub.map(str::to_string),
            date: self.opts.date.clone(),
            source: self.opts.source.clone(),
            bulletin: Some(self.bulletin.clone()),
            bylines: Vec::new(),
            body: Vec::new(),
            extra: Map::new(),
        };
        let report = ArticleReport {
            line: no,
            id,
            title,
            derived_title: derived,
            subdistrict: sub.map(str::to_string),
            bulletin: self.bulletin.clone(),
            events: Vec::new(),
            paragraphs: 0,
            headings: 0,
            captions: 0,
        };
        self.cur = Some(Draft { article, report });
    }

    fn line(&mut self, no: usize, line: &str, kind: Kind) {
        if matches!(kind, Kind::Blank) {
            self.blanks += 1;
            return;
        }
        let blanks = std::mem::take(&mut self.blanks);
        match kind {
            Kind::Blank => {}
            Kind::Text => self.text(no, line, blanks),
            Kind::Credit(credit) => self.credit(no, line, credit, blanks),
            Kind::Section(name, title) => {
                self.start_article(no, title.to_string(), Some(name), false)
            }
            Kind::Bylines(bs) => {
                self.flush();
                let d = self.draft();
                for b in bs {
                    d.report.events.push(Event::Byline {
                        line: no,
                        byline: b.clone(),
                    });
                    d.article.bylines.push(b);
                }
            }
            Kind::Caption(text, credit) => self.caption(no, text, credit),
            Kind::Heading => {
                self.flush();
                let d = self.draft();
                d.report.events.push(Event::Heading {
                    line: no,
                    text: line.to_string(),
                });
                d.report.headings += 1;
                d.article.body.push(Block::Heading {
                    text: line.to_string(),
                });
            }
        }
    }

    fn draft(&mut self) -> &mut Draft {
        self.cur
            .as_mut()
            .expect("an article is open after the first line")
    }

    fn text(&mut self, no: usize, line: &str, blanks: usize) {
        match self.para.as_mut() {
            Some(p) if p.continues(line, blanks > 0) => {
                if blanks > 0 {
                    let ev = Event::Rejoined {
                        line: p.last,
                        next: no,
                        end: tail(&p.text),
                        start: head(line),
                    };
                    if let Some(d) = self.cur.as_mut() {
                        d.report.events.push(ev);
                    }
                } else {
                    self.joined_lines += 1;
                }
                p.push(line, no);
            }
            _ => {
                self.flush();
                self.para = Some(Para::new(line, no));
            }
        }
    }

    /// A credit-only line right under a one-line paragraph makes it a
    /// caption; anywhere else it is plain text.
    fn credit(&mut self, no: usize, line: &str, credit: &str, blanks: usize) {
        match self.para.take() {
            Some(p) if blanks == 0 && p.lines == 1 => self.caption(no, &p.text, credit),
            para => {
                self.para = para;
                self.text(no, line, blanks);
            }
        }
    }

    fn caption(&mut self, no: usize, text: &str, credit: &str) {
        self.flush();
        let d = self.draft();
        d.report.events.push(Event::Caption {
            line: no,
            credit: credit.to_string(),
        });
        d.report.captions += 1;
        d.article.body.push(Block::Caption {
            text: text.to_string(),
            credit: Some(credit.to_string()),
        });
    }

    fn flush(&mut self) {
        if let Some(p) = self.para.take() {
            let d = self.draft();
            d.report.paragraphs += 1;
            d.article.body.push(Block::Paragraph { text: p.text });
        }
    }

    fn finish_article(&mut self) {
        self.flush();
        let Some(d) = self.cur.take() else { return };
        if !d.article.body.is_empty() {
            self.done.push(d);
        } else if self.done.is_empty() && d.article.subdistrict.is_none() && !d.report.derived_title
        {
            self.empty_lead = Some(d);
        } else {
            self.warn_empty(&d);
        }
    }

    fn warn_empty(&mut self, d: &Draft) {
        let msg = format!(
            "line {}: \"{}\" has no text; left out",
            d.report.line, d.article.title
        );
        self.warnings.push(msg);
    }

    fn finish_chunk(mut self, out: &mut Parsed) {
        self.finish_article();
        if let Some(mut lead) = self.empty_lead.take() {
            if self.done.is_empty() {
                // Nothing but a title: the title line is the text.
                let text = lead.article.title.clone();
                lead.article.body.push(Block::Paragraph { text });
                lead.report.paragraphs += 1;
                self.done.push(lead);
            } else {
                self.warn_empty(&lead);
            }
        }
        for d in self.done {
            out.articles.push(d.article);
            out.report.articles.push(d.report);
        }
        out.report.joined_lines += self.joined_lines;
        out.report.warnings.extend(self.warnings);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_titles() {
        assert_eq!(
            derive_title("中原区：今年以来，街道开展活动。"),
            "中原区：今年以来"
        );
        assert_eq!(derive_title("短。很长的句子"), "短。很长的句子");
        let long = "一".repeat(50);
        assert_eq!(derive_title(&long), format!("{}…", "一".repeat(30)));
        assert_eq!(derive_title("hello"), "hello");
    }

    #[test]
    fn districts_from_lead_titles() {
        assert_eq!(
            infer_district("中原区：合力攻坚").as_deref(),
            Some("中原区")
        );
        assert_eq!(infer_district("登封市:新闻").as_deref(), Some("登封市"));
        assert_eq!(infer_district("关于加强社区治理的实施意见"), None);
        assert_eq!(infer_district("通知：明天开会"), None);
    }
}
