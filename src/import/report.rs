//! What the parser recognised, for `--dry-run`: plain, stable, one fact
//! per line, in the user's language. All text in it comes from the
//! (already sanitised) input.

use std::fmt::Write as _;

use crate::lang::Lang;
use crate::model::Byline;

/// The recognition report of one input text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub articles: Vec<ArticleReport>,
    /// Lines joined to the previous line with no blank line between
    /// (ordinary wrapping inside a paragraph).
    pub joined_lines: usize,
    pub warnings: Vec<Warning>,
}

/// Something the importer left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Warning {
    /// A title with no text under it.
    NoText { line: usize, title: String },
}

impl Warning {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Warning::NoText { line, title } => lang.pick(
                format!("第 {line} 行：“{title}”下面没有正文，已略去"),
                format!("line {line}: \"{title}\" has no text; left out"),
            ),
        }
    }
}

/// A part of an official document's front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Front {
    /// The issuing body (source).
    Issuer,
    /// The document number (source).
    Number,
    /// A title over two lines, joined (`text` is `5+6`).
    TitleLines,
    /// A `——` subtitle.
    Subtitle,
    /// The adoption or date line (date, subtitle).
    Adopted,
    /// Who gave a report or speech (a byline).
    Speaker,
}

/// One article as recognised, with the events inside it in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleReport {
    /// 1-based line of the title (or of the first text line).
    pub line: usize,
    pub id: String,
    pub title: String,
    /// The title was made from the first line of text (no title line).
    pub derived_title: bool,
    pub subdistrict: Option<String>,
    pub bulletin: String,
    pub events: Vec<Event>,
    pub paragraphs: usize,
    pub headings: usize,
    pub captions: usize,
}

/// Something recognised inside an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Subtitle {
        line: usize,
        text: String,
    },
    Byline {
        line: usize,
        byline: Byline,
    },
    Caption {
        line: usize,
        credit: String,
    },
    Heading {
        line: usize,
        text: String,
    },
    /// Part of an official document's front matter.
    Front {
        what: Front,
        line: usize,
        text: String,
    },
    /// A paragraph split by blank line(s) rejoined: the end of the first
    /// part and the start of the second.
    Rejoined {
        line: usize,
        next: usize,
        end: String,
        start: String,
    },
}

const SNIPPET: usize = 8;

/// The last `SNIPPET` characters of `s`.
pub(crate) fn tail(s: &str) -> String {
    let n = s.chars().count();
    let t: String = s.chars().skip(n.saturating_sub(SNIPPET)).collect();
    if n > SNIPPET { format!("…{t}") } else { t }
}

/// The first `SNIPPET` characters of `s`.
pub(crate) fn head(s: &str) -> String {
    let h: String = s.chars().take(SNIPPET).collect();
    if s.chars().nth(SNIPPET).is_some() {
        format!("{h}…")
    } else {
        h
    }
}

impl Report {
    /// Human-readable rendering, one fact per line (English: the stable
    /// form documented in `docs/import.md`).
    pub fn render(&self, label: &str) -> String {
        self.render_in(label, Lang::En)
    }

    /// [`Report::render`] in `lang`.
    pub fn render_in(&self, label: &str, lang: Lang) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{label}");
        let mut bulletin: Option<&str> = None;
        for a in &self.articles {
            if bulletin != Some(a.bulletin.as_str()) {
                let _ = writeln!(o, "  {} {}", lang.pick("简报", "bulletin"), a.bulletin);
                bulletin = Some(&a.bulletin);
            }
            render_article(&mut o, a, lang);
        }
        for w in &self.warnings {
            let _ = writeln!(o, "  {}{}", lang.pick("警告：", "warning: "), w.text(lang));
        }
        let _ = writeln!(o, "  {}", self.summary_in(lang));
        o
    }

    /// One line of totals.
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    fn summary_in(&self, lang: Lang) -> String {
        let count = |f: fn(&Event) -> bool| -> usize {
            self.articles
                .iter()
                .flat_map(|a| &a.events)
                .filter(|e| f(e))
                .count()
        };
        let mut subs: Vec<&str> = Vec::new();
        for s in self
            .articles
            .iter()
            .filter_map(|a| a.subdistrict.as_deref())
        {
            if !subs.contains(&s) {
                subs.push(s);
            }
        }
        let n = self.articles.len();
        let level = self
            .articles
            .iter()
            .filter(|a| a.subdistrict.is_none())
            .count();
        let totals = Totals {
            articles: n,
            level,
            subs: lang.pick(subs.join("、"), subs.join(", ")),
            bylines: count(|e| {
                matches!(
                    e,
                    Event::Byline { .. }
                        | Event::Front {
                            what: Front::Speaker,
                            ..
                        }
                )
            }),
            captions: count(|e| matches!(e, Event::Caption { .. })),
            headings: count(|e| matches!(e, Event::Heading { .. })),
            rejoined: count(|e| matches!(e, Event::Rejoined { .. })),
            joined: self.joined_lines,
        };
        totals.text(lang)
    }
}

/// The numbers of the summary line.
struct Totals {
    articles: usize,
    level: usize,
    subs: String,
    bylines: usize,
    captions: usize,
    headings: usize,
    rejoined: usize,
    joined: usize,
}

impl Totals {
    fn text(&self, lang: Lang) -> String {
        let t = self;
        match lang {
            Lang::Zh => format!(
                "合计：{} 篇文章（区级 {} 篇，街道 {} 篇［{}］），署名 {} 个，图片说明 {} 个，小标题 {} 个，合并段落 {} 处，接续行 {} 行",
                t.articles,
                t.level,
                t.articles - t.level,
                t.subs,
                t.bylines,
                t.captions,
                t.headings,
                t.rejoined,
                t.joined
            ),
            Lang::En => format!(
                "total: {} articles ({} district-wide, {} in subdistricts [{}]), {} bylines, {} captions, {} headings, {} rejoined paragraphs, {} joined lines",
                t.articles,
                t.level,
                t.articles - t.level,
                t.subs,
                t.bylines,
                t.captions,
                t.headings,
                t.rejoined,
                t.joined
            ),
        }
    }
}

fn render_article(o: &mut String, a: &ArticleReport, lang: Lang) {
    let zh = lang == Lang::Zh;
    let derived = match (a.derived_title, zh) {
        (false, _) => "",
        (true, true) => "（标题取自正文）",
        (true, false) => " (title made from the text)",
    };
    let _ = match zh {
        true => writeln!(
            o,
            "    文章 {} 第 {} 行：{}{derived}",
            a.id, a.line, a.title
        ),
        false => writeln!(
            o,
            "    article {} line {}: {}{derived}",
            a.id, a.line, a.title
        ),
    };
    let _ = match (&a.subdistrict, zh) {
        (Some(s), true) => writeln!(o, "      街道：{s}"),
        (Some(s), false) => writeln!(o, "      subdistrict: {s}"),
        (None, _) => writeln!(o, "      {}", lang.pick("区级", "district-wide")),
    };
    for e in &a.events {
        let _ = writeln!(o, "      {}", event_text(e, lang));
    }
    let _ = match zh {
        true => writeln!(
            o,
            "      正文：{} 段，{} 个小标题，{} 个图片说明",
            a.paragraphs, a.headings, a.captions
        ),
        false => writeln!(
            o,
            "      body: {} paragraphs, {} headings, {} captions",
            a.paragraphs, a.headings, a.captions
        ),
    };
}

/// One event's line of the report.
pub(super) fn event_text(e: &Event, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let at = |line: &usize| lang.pick(format!("第 {line} 行："), format!("line {line}: "));
    match e {
        Event::Subtitle { line, text } => {
            format!("{} {}{text}", lang.pick("副标题", "subtitle"), at(line))
        }
        Event::Byline { line, byline } => format!(
            "{} {}{} / {}",
            lang.pick("署名", "byline"),
            at(line),
            byline.role,
            byline.name
        ),
        Event::Caption { line, credit } => match zh {
            true => format!("图片说明 {}署名 {credit}", at(line)),
            false => format!("caption {}credit {credit}", at(line)),
        },
        Event::Heading { line, text } => {
            format!("{} {}{text}", lang.pick("小标题", "heading"), at(line))
        }
        Event::Front { what, line, text } => front_text(*what, line, text, lang),
        Event::Rejoined {
            line,
            next,
            end,
            start,
        } => match zh {
            true => format!("合并 第 {line}+{next} 行：{end} | {start}"),
            false => format!("rejoined lines {line}+{next}: {end} | {start}"),
        },
    }
}

pub(super) fn front_text(what: Front, line: &usize, text: &str, lang: Lang) -> String {
    let (zh, en) = match what {
        Front::Issuer => ("发文机关", "issuing body"),
        Front::Number => ("发文字号", "document number"),
        Front::Subtitle => ("副标题", "subtitle"),
        Front::Adopted => ("通过或成文日期", "adoption or date"),
        Front::Speaker => ("报告人", "speaker"),
        Front::TitleLines => {
            return lang.pick(
                format!("标题跨行 第 {text} 行，已合并"),
                format!("title lines {text} joined"),
            );
        }
    };
    lang.pick(
        format!("{zh} 第 {line} 行：{text}"),
        format!("{en} line {line}: {text}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets() {
        assert_eq!(tail("一二三四五六七八九十"), "…三四五六七八九十");
        assert_eq!(head("一二三四五六七八九十"), "一二三四五六七八…");
        assert_eq!(head("短"), "短");
        assert_eq!(tail(""), "");
    }
}
