//! What the parser recognised, for `--dry-run`: plain, stable, English.
//! All text in it comes from the (already sanitised) input.

use std::fmt::Write as _;

use crate::model::Byline;

/// The recognition report of one input text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub articles: Vec<ArticleReport>,
    /// Lines joined to the previous line with no blank line between
    /// (ordinary wrapping inside a paragraph).
    pub joined_lines: usize,
    pub warnings: Vec<String>,
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
    /// Human-readable rendering, one fact per line.
    pub fn render(&self, label: &str) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{label}");
        let mut bulletin: Option<&str> = None;
        for a in &self.articles {
            if bulletin != Some(a.bulletin.as_str()) {
                let _ = writeln!(o, "  bulletin {}", a.bulletin);
                bulletin = Some(&a.bulletin);
            }
            render_article(&mut o, a);
        }
        for w in &self.warnings {
            let _ = writeln!(o, "  warning: {w}");
        }
        let _ = writeln!(o, "  {}", self.summary());
        o
    }

    /// One line of totals.
    pub fn summary(&self) -> String {
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
        let district_level = self
            .articles
            .iter()
            .filter(|a| a.subdistrict.is_none())
            .count();
        format!(
            "total: {} articles ({} district-level, {} in subdistricts [{}]), {} bylines, {} captions, {} headings, {} rejoined paragraphs, {} joined lines",
            self.articles.len(),
            district_level,
            self.articles.len() - district_level,
            subs.join(", "),
            count(|e| matches!(e, Event::Byline { .. })),
            count(|e| matches!(e, Event::Caption { .. })),
            count(|e| matches!(e, Event::Heading { .. })),
            count(|e| matches!(e, Event::Rejoined { .. })),
            self.joined_lines,
        )
    }
}

fn render_article(o: &mut String, a: &ArticleReport) {
    let derived = if a.derived_title {
        " (title made from the text)"
    } else {
        ""
    };
    let _ = writeln!(
        o,
        "    article {} line {}: {}{derived}",
        a.id, a.line, a.title
    );
    match &a.subdistrict {
        Some(s) => {
            let _ = writeln!(o, "      subdistrict: {s}");
        }
        None => {
            let _ = writeln!(o, "      district-level");
        }
    }
    for e in &a.events {
        let _ = match e {
            Event::Subtitle { line, text } => writeln!(o, "      subtitle line {line}: {text}"),
            Event::Byline { line, byline } => {
                writeln!(
                    o,
                    "      byline line {line}: {} / {}",
                    byline.role, byline.name
                )
            }
            Event::Caption { line, credit } => {
                writeln!(o, "      caption line {line}: credit {credit}")
            }
            Event::Heading { line, text } => writeln!(o, "      heading line {line}: {text}"),
            Event::Rejoined {
                line,
                next,
                end,
                start,
            } => {
                writeln!(o, "      rejoined lines {line}+{next}: {end} | {start}")
            }
        };
    }
    let _ = writeln!(
        o,
        "      body: {} paragraphs, {} headings, {} captions",
        a.paragraphs, a.headings, a.captions
    );
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
