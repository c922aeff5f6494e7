//! `bulletin check`: strict validation, every problem found, through the
//! reader every command uses, a window at a time (`model::check_path`). People get
//! the problems grouped by kind, with counts and the first places of
//! each, and a one-line summary at the end; tools get `--json`.

use std::io::Write;

use serde_json::{Value, json};

use super::say::Say;
use super::{CheckArgs, EXIT_FAILURE, finish};
use crate::lang::Lang;
use crate::model::{self, Checked, Library, LoadError, Part, Problem};
use crate::text::sanitize_line;

/// Places shown under each kind of problem.
const PLACES: usize = 3;

pub fn run_check(args: &CheckArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (loaded, path) = match &args.archive {
        Some(archive) => (
            model::check_path(archive),
            sanitize_line(&archive.display().to_string()),
        ),
        // The sample is opened checked like any archive in memory.
        None => (
            model::load_sample().map(|a| Checked::of(&Library::from(a))),
            model::SAMPLE_NAME.to_string(),
        ),
    };
    if args.json {
        let doc = json_report(&path, &loaded);
        let written = super::json::write_json(out, &doc);
        let code = finish(written, lang, err);
        return if loaded.is_ok() { code } else { EXIT_FAILURE };
    }
    match &loaded {
        Ok(checked) => {
            let ok = Say::CheckOk {
                path,
                articles: checked.articles,
                districts: checked.districts,
                subdistricts: checked.subdistricts,
            };
            finish(writeln!(out, "{}", ok.text(lang)), lang, err)
        }
        Err(LoadError::Invalid {
            problems, articles, ..
        }) => {
            let _ = err.write_all(grouped(&path, problems, *articles, lang).as_bytes());
            EXIT_FAILURE
        }
        Err(e) => {
            let _ = writeln!(err, "bulletin: {}", e.text(lang));
            EXIT_FAILURE
        }
    }
}

/// Problems of one kind, in the order their kind first appears.
struct Kind<'a> {
    id: String,
    problems: Vec<&'a Problem>,
}

fn kinds(problems: &[Problem]) -> Vec<Kind<'_>> {
    let mut kinds: Vec<Kind> = Vec::new();
    for p in problems {
        let id = p.message.id();
        match kinds.iter_mut().find(|k| k.id == id) {
            Some(k) => k.problems.push(p),
            None => kinds.push(Kind {
                id,
                problems: vec![p],
            }),
        }
    }
    kinds
}

/// How many different articles (or the archive itself) the problems are in.
fn articles_with(problems: &[Problem]) -> usize {
    let mut seen: Vec<(&Option<String>, &str)> = problems
        .iter()
        .filter(|p| !p.article.is_empty())
        .map(|p| (&p.location, p.article.as_str()))
        .collect();
    seen.sort();
    seen.dedup();
    seen.len()
}

/// The text for people: each kind with its count and first places, then
/// the summary.
fn grouped(path: &str, problems: &[Problem], articles: usize, lang: Lang) -> String {
    let kinds = kinds(problems);
    let mut out = String::new();
    for k in &kinds {
        let label = k.problems[0].message.kind_text(lang);
        let count = k.problems.len();
        out += &lang.pick(
            format!("{label}（{count} 处）\n"),
            format!("{label} ({count})\n"),
        );
        for p in k.problems.iter().take(PLACES) {
            out += &format!("  {}\n", p.text(lang));
        }
        if count > PLACES {
            out += &format!("  {}\n", Say::More(count - PLACES).text(lang));
        }
    }
    let summary = Say::CheckSummary {
        path: path.to_string(),
        problems: problems.len(),
        kinds: kinds.len(),
        articles: articles_with(problems),
        of: articles,
    };
    out + &format!("bulletin: {}\n", summary.text(lang))
}

/// The report for tools: English keys and messages, every problem.
fn json_report(path: &str, loaded: &Result<Checked, LoadError>) -> Value {
    match loaded {
        Ok(checked) => json!({
            "path": path, "ok": true, "error": null,
            "articles": checked.articles,
            "districts": checked.districts, "subdistricts": checked.subdistricts,
            "problems": [], "summary": summary_json(&[], checked.articles),
        }),
        Err(LoadError::Invalid {
            problems, articles, ..
        }) => json!({
            "path": path, "ok": false, "error": null, "articles": articles,
            "problems": problems.iter().map(problem_json).collect::<Vec<_>>(),
            "summary": summary_json(problems, *articles),
        }),
        Err(e) => json!({
            "path": path, "ok": false, "error": error_json(e), "articles": null,
            "problems": [], "summary": null,
        }),
    }
}

fn problem_json(p: &Problem) -> Value {
    let part = match p.message.part {
        None => Value::Null,
        Some(Part::Block(n)) => json!({"block": n}),
        Some(Part::Byline(n)) => json!({"byline": n}),
    };
    json!({
        "kind": p.message.id(),
        "location": p.location,
        "article": (!p.article.is_empty()).then_some(&p.article),
        "part": part,
        "message": p.message.to_string(),
        "text": p.to_string(),
    })
}

fn summary_json(problems: &[Problem], articles: usize) -> Value {
    let kinds: Vec<Value> = kinds(problems)
        .iter()
        .map(|k| {
            json!({
                "kind": k.id,
                "label": k.problems[0].message.kind_text(Lang::En),
                "count": k.problems.len(),
            })
        })
        .collect();
    json!({
        "problems": problems.len(),
        "articles_with_problems": articles_with(problems),
        "articles": articles,
        "kinds": kinds,
    })
}

fn error_json(e: &LoadError) -> Value {
    let (kind, line, column) = match e {
        LoadError::Io { .. } => ("io", None, None),
        LoadError::NotRegular { .. } => ("not-regular", None, None),
        LoadError::NoArchives { .. } => ("no-archives", None, None),
        LoadError::Empty { .. } => ("empty", None, None),
        LoadError::NotUtf8 { line, column, .. } => ("not-utf8", Some(line), Some(column)),
        LoadError::Syntax { line, column, .. } => ("syntax", Some(line), Some(column)),
        LoadError::Format { .. } => ("format", None, None),
        LoadError::Invalid { .. } => ("invalid", None, None),
    };
    json!({"kind": kind, "line": line, "column": column, "message": e.to_string()})
}
