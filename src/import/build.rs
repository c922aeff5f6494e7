//! The parser state for one bulletin: turns classified lines into
//! articles (lead piece, subdistrict sections) and their reports.

use serde_json::Map;

use super::front::{FrontMatter, front_events};
use super::merge::article_id;
use super::para::Para;
use super::parse::{ChunkLines, Kind, Parsed, classify, derive_title, infer_district, title_like};
use super::report::{ArticleReport, Event, Warning, head, tail};
use super::{ImportError, ImportOptions};
use crate::model::{Article, Block};

/// An article being built and its report.
struct Draft {
    article: Article,
    report: ArticleReport,
}

/// The parser state for one bulletin.
pub(crate) struct Chunk<'o> {
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
    warnings: Vec<Warning>,
}

impl<'o> Chunk<'o> {
    /// Parses one bulletin; returns its district, the fallback for the
    /// next bulletin of the same text.
    pub(crate) fn parse(
        c: &ChunkLines,
        opts: &'o ImportOptions,
        fallback: Option<String>,
        out: &mut Parsed,
    ) -> Result<Option<String>, ImportError> {
        let known = &opts.subdistricts;
        let front = super::front::read(c.lines, c.start + 1);
        let skip = front.as_ref().map_or(0, |f| f.used);
        let numbered = c
            .lines
            .iter()
            .enumerate()
            .skip(skip)
            .map(|(i, l)| (c.start + i + 1, l.as_str()));
        let mut items = numbered
            .map(|(no, l)| (no, l, classify(l, known)))
            .peekable();
        if let Some(front) = front {
            let mut p = Chunk::new(c, opts, front.district(opts, fallback)?);
            out.lead_title.get_or_insert_with(|| front.title.clone());
            p.start_front(&front);
            for (no, line, kind) in items {
                p.line(no, line, kind);
            }
            let district = p.district.clone();
            p.finish_chunk(out);
            return Ok(Some(district));
        }
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
        let mut p = Chunk::new(c, opts, district);
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

    fn new(c: &ChunkLines, opts: &'o ImportOptions, district: String) -> Chunk<'o> {
        Chunk {
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
        }
    }

    /// An official document's article, its front matter in its title,
    /// subtitle, date and source (options given on the command line win).
    fn start_front(&mut self, f: &FrontMatter) {
        let first = f.title_lines.first().copied().unwrap_or(1);
        self.start_article(first, f.title.clone(), None, false);
        let (date, source) = (self.opts.date.clone(), self.opts.source.clone());
        let d = self.draft();
        let adopted = f.adopted.as_ref().map(|(_, text, _)| text.as_str());
        let subtitle = [f.subtitle.as_ref().map(|(_, t)| t.as_str()), adopted];
        let subtitle: Vec<&str> = subtitle.into_iter().flatten().collect();
        d.article.subtitle = (!subtitle.is_empty()).then(|| subtitle.join(" "));
        d.article.date = date.or_else(|| f.date());
        d.article.source = source.or_else(|| f.source());
        d.article
            .bylines
            .extend(f.speaker.iter().map(|(_, b)| b.clone()));
        d.report.events.extend(front_events(f));
        for (_, text) in &f.restated {
            d.article.body.push(Block::Paragraph { text: text.clone() });
            d.report.paragraphs += 1;
        }
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
        self.warnings.push(Warning::NoText {
            line: d.report.line,
            title: d.article.title.clone(),
        });
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
