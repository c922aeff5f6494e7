//! What `bulletin import` says on its way (besides the `--dry-run`
//! report), in the user's language.

use super::report::{ArticleReport, Event, Front, Report, Warning, event_text, front_text};
use crate::lang::Lang;
use crate::model::Byline;

/// How an import went: the totals of the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    pub title: String,
    pub articles: usize,
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub duplicates: usize,
}

/// A message of the import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Said {
    /// An id taken by another article: the new one got another.
    Renamed { old: String, new: String },
    /// `--lossy` replaced bytes that could not be decoded.
    Replaced { file: String, count: usize },
    /// `--title`/`--key` given for a JSON Lines output, which cannot keep them.
    NoTitleInJsonLines { target: String },
    /// The archive was written.
    Wrote { target: String, outcome: Outcome },
    /// `--dry-run`: what would have been written.
    WouldWrite { target: String, outcome: Outcome },
    /// `(UTF-8, 54 lines)` after a file's name in the dry run.
    FileLabel {
        file: String,
        encoding: String,
        lines: usize,
    },
    /// Where the archive goes without `-o`.
    StandardOutput,
    /// Before a warning.
    Warning,
}

impl Outcome {
    fn text(&self, lang: Lang) -> String {
        let o = self;
        match lang {
            Lang::Zh => format!(
                "档案《{}》共 {} 篇文章（新增 {}，替换 {}，未变 {}，重复略去 {}）",
                o.title, o.articles, o.added, o.replaced, o.unchanged, o.duplicates
            ),
            Lang::En => format!(
                "archive \"{}\" with {} articles ({} added, {} replaced, {} unchanged, {} duplicates dropped)",
                o.title, o.articles, o.added, o.replaced, o.unchanged, o.duplicates
            ),
        }
    }
}

impl Said {
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Said::Renamed { old, new } if zh => {
                format!("编号 {old} 已属于另一篇文章；新文章编号为 {new}")
            }
            Said::Renamed { old, new } => {
                format!("id {old} belongs to a different article; added as {new}")
            }
            Said::Replaced { file, count } if zh => {
                format!("{file}：{count} 处无法解码的字节已替换为 U+FFFD")
            }
            Said::Replaced { file, count } => {
                format!("{file}: {count} undecodable byte sequences replaced by U+FFFD")
            }
            Said::NoTitleInJsonLines { target } if zh => format!(
                "{target} 是 JSON Lines 文件，不保存档案标题和键：--title 和 --key 没有写入"
            ),
            Said::NoTitleInJsonLines { target } => format!(
                "{target} is JSON Lines, which keeps no archive title or key: --title and --key are not written"
            ),
            Said::Wrote { target, outcome } if zh => {
                format!("已写出 {target}：{}", outcome.text(lang))
            }
            Said::Wrote { target, outcome } => format!("wrote {target}: {}", outcome.text(lang)),
            Said::WouldWrite { target, outcome } if zh => {
                format!("试运行：将写出 {target}：{}", outcome.text(lang))
            }
            Said::WouldWrite { target, outcome } => {
                format!("dry run: would write {target}: {}", outcome.text(lang))
            }
            Said::FileLabel {
                file,
                encoding,
                lines,
            } => lang.pick(
                format!("{file}（{encoding}，{lines} 行）"),
                format!("{file} ({encoding}, {lines} lines)"),
            ),
            Said::StandardOutput => lang.pick("标准输出", "standard output").into(),
            Said::Warning => lang.pick("警告：", "warning: ").into(),
        }
    }
}

/// Every message of the import in `lang` (and every line of a dry-run
/// report), for the test that walks them all.
pub fn message_examples(lang: Lang) -> Vec<String> {
    let outcome = Outcome {
        title: "T".into(),
        articles: 5,
        added: 1,
        replaced: 0,
        unchanged: 4,
        duplicates: 0,
    };
    let said = [
        Said::Renamed {
            old: "a1".into(),
            new: "a1-2".into(),
        },
        Said::Replaced {
            file: "a.txt".into(),
            count: 2,
        },
        Said::NoTitleInJsonLines {
            target: "a.jsonl".into(),
        },
        Said::Wrote {
            target: "a.json".into(),
            outcome: outcome.clone(),
        },
        Said::WouldWrite {
            target: "a.json".into(),
            outcome,
        },
        Said::FileLabel {
            file: "a.txt".into(),
            encoding: "UTF-8".into(),
            lines: 54,
        },
        Said::StandardOutput,
        Said::Warning,
    ];
    let mut out: Vec<String> = said.iter().map(|s| s.text(lang)).collect();
    out.extend(report_examples(lang));
    out
}

/// Every line a report can have (the input's text in them made ASCII),
/// for the test that walks them all.
fn report_examples(lang: Lang) -> Vec<String> {
    let byline = Byline {
        role: "R".into(),
        name: "N".into(),
    };
    let events = [
        Event::Subtitle {
            line: 2,
            text: "S".into(),
        },
        Event::Byline { line: 3, byline },
        Event::Caption {
            line: 4,
            credit: "C".into(),
        },
        Event::Heading {
            line: 5,
            text: "H".into(),
        },
        Event::Rejoined {
            line: 6,
            next: 8,
            end: "E".into(),
            start: "S".into(),
        },
    ];
    let fronts = [
        Front::Issuer,
        Front::Number,
        Front::TitleLines,
        Front::Subtitle,
        Front::Adopted,
    ];
    let mut out: Vec<String> = events.iter().map(|e| event_text(e, lang)).collect();
    out.extend(fronts.iter().map(|&f| front_text(f, &1, "5+6", lang)));
    out.push(
        Warning::NoText {
            line: 3,
            title: "T".into(),
        }
        .text(lang),
    );
    let mut report = Report::default();
    report.articles.push(ArticleReport {
        line: 1,
        id: "fbe66a44".into(),
        title: "T".into(),
        derived_title: true,
        subdistrict: None,
        bulletin: "b".into(),
        events: Vec::new(),
        paragraphs: 1,
        headings: 0,
        captions: 0,
    });
    out.extend(
        report
            .render_in("a.txt", lang)
            .lines()
            .skip(1)
            .map(str::to_string),
    );
    out
}
