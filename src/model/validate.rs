//! Validation of an archive already in memory (e.g. built by an importer):
//! the same rules the loader applies, all problems at once.

use super::convert::accept_article;
use super::describe::What;
use super::mend::Strictness;
use super::rules::{blank_problem, good_id};
use super::unique_ids::Ids;
use super::{Archive, FORMAT_TAG, Problem};

/// Every schema problem of `archive`: the rules of `docs/format.md`, with
/// articles labelled by id, or `#n` (1-based position) when the id is
/// unusable. Empty when the archive is valid.
///
/// Each article is turned back into JSON and goes the way a loaded one
/// does (sanitised, checked, converted: `model::convert`), so the rules
/// exist once; this costs a copy per article (the loader itself does not
/// call this).
pub fn validate(archive: &Archive) -> Vec<Problem> {
    let mut problems: Vec<(usize, Problem)> = Vec::new();
    let archive_problem = |message: What| {
        let article = String::new();
        let problem = Problem {
            location: None,
            article,
            message: message.into(),
        };
        (0, problem)
    };
    if archive.format != FORMAT_TAG {
        problems.push(archive_problem(What::Format));
    }
    if let Some(why) = blank_problem("title", &archive.title) {
        problems.push(archive_problem(why));
    }
    let mut ids = Ids::with_capacity(archive.articles.len());
    for (i, article) in archive.articles.iter().enumerate() {
        let number = i + 1;
        let label = match good_id(&article.id) {
            true => article.id.clone(),
            false => format!("#{number}"),
        };
        let value = serde_json::to_value(article).unwrap_or_default();
        let faults = accept_article(value, Strictness::Strict).err();
        for message in faults.unwrap_or_default() {
            let article = label.clone();
            problems.push((
                number,
                Problem {
                    location: None,
                    article,
                    message,
                },
            ));
        }
        let duplicate = good_id(&article.id)
            .then(|| ids.see(&article.id, i, number, None))
            .flatten();
        if let Some(what) = duplicate {
            let problem = Problem {
                location: None,
                article: article.id.clone(),
                message: what.into(),
            };
            problems.push((number, problem));
        }
    }
    // In article order; a stable sort keeps each article's own order.
    problems.sort_by_key(|(number, _)| *number);
    problems.into_iter().map(|(_, p)| p).collect()
}
