//! After the reader: when changes could not be saved, say on stderr what
//! they were (bookmarks with their notes, deletions, reading positions) and
//! where a copy was written, and exit with [`EXIT_UNSAVED`].

use std::io::Write;
use std::path::PathBuf;

use super::say::Say;
use super::{EXIT_OK, EXIT_UNSAVED};
use crate::app::App;
use crate::lang::Lang;
use crate::store::{self, StateFile};
use crate::text::sanitize_line;

/// Titles of articles whose position is listed one by one.
const TITLES: usize = 5;

/// Reports unsaved changes (if any) and writes their fallback copy to the
/// cache directory `cache`, else the temporary directory.
pub fn report(app: &App, cache: Option<PathBuf>, lang: Lang, err: &mut dyn Write) -> u8 {
    let Some(p) = app.persist.as_ref().filter(|p| p.unsaved()) else {
        return EXIT_OK;
    };
    let changes = p.store.unsaved_changes();
    let unfinished = lang.pick("保存没有完成", "the save did not finish");
    let why = sanitize_line(p.error.as_deref().unwrap_or(unfinished));
    let mut lines = vec![Say::NotSaved(why).text(lang)];
    lines.extend(describe(app, &changes, lang));
    let dirs: Vec<PathBuf> = cache.into_iter().chain([std::env::temp_dir()]).collect();
    lines.push(match store::write_fallback(&changes, &dirs) {
        Ok(path) => {
            let path = sanitize_line(&path.display().to_string());
            lang.pick(
                format!("这些改动的副本在 {path}（一个状态文件，见 docs/state.md 的“Changes that could not be saved”）"),
                format!("a copy of these changes is in {path} (a state file: see \"Changes that could not be saved\" in docs/state.md)"),
            )
        }
        Err(e) => {
            let e = sanitize_line(&e.to_string());
            lang.pick(format!("副本也没能写入：{e}"), format!("no copy could be written either: {e}"))
        }
    });
    for line in lines {
        let _ = writeln!(err, "bulletin: {line}");
    }
    EXIT_UNSAVED
}

/// One line per bookmark added or deleted, one for the reading positions.
fn describe(app: &App, changes: &StateFile, lang: Lang) -> Vec<String> {
    let mut lines = Vec::new();
    let mut articles = Vec::new();
    for archive in changes.archives.values() {
        let mut marks: Vec<_> = archive.bookmarks.values().collect();
        marks.sort_by_key(|b| b.created);
        for b in marks {
            let (title, at) = (&b.article_title, &b.snippet);
            lines.push(match (b.note.is_empty(), lang) {
                (true, Lang::Zh) => format!("  书签：《{title}》“{at}”处"),
                (false, Lang::Zh) => format!("  书签：《{title}》“{at}”处，附注“{}”", b.note),
                (true, Lang::En) => format!("  bookmark in \"{title}\" at \"{at}\""),
                (false, Lang::En) => {
                    format!("  bookmark in \"{title}\" at \"{at}\", note \"{}\"", b.note)
                }
            });
        }
        for id in archive.deleted.keys() {
            lines.push(lang.pick(
                format!("  删除书签 {id}（下次仍会列出）"),
                format!("  deletion of bookmark {id} (it will be listed again)"),
            ));
        }
        articles.extend(archive.positions.keys().map(|id| title_of(app, id)));
    }
    if !articles.is_empty() {
        lines.push(positions(&articles, lang));
    }
    lines.into_iter().map(|l| sanitize_line(&l)).collect()
}

/// `reading position in 7 articles: "A", "B" … and 2 more`.
fn positions(articles: &[String], lang: Lang) -> String {
    let n = articles.len();
    let first = &articles[..n.min(TITLES)];
    match lang {
        Lang::Zh => {
            let shown: Vec<String> = first.iter().map(|t| format!("《{t}》")).collect();
            let more = match n > TITLES {
                true => format!("等 {n} 篇"),
                false => format!("共 {n} 篇"),
            };
            format!("  阅读位置：{}{more}", shown.join("、"))
        }
        Lang::En => {
            let mut shown = first.join("\", \"");
            match n > TITLES {
                true => shown.push_str(&format!("\" and {} more", n - TITLES)),
                false => shown.push('"'),
            }
            let s = if n == 1 { "" } else { "s" };
            format!("  reading position in {n} article{s}: \"{shown}")
        }
    }
}

fn title_of(app: &App, id: &str) -> String {
    let found = app.archive.articles.iter().find(|a| a.id == id);
    found.map_or_else(|| id.to_string(), |a| a.title.clone())
}
