//! After the reader: when changes could not be saved, say on stderr what
//! they were (bookmarks with their notes, deletions, reading positions) and
//! where a copy was written, and exit with [`EXIT_UNSAVED`].

use std::io::Write;
use std::path::PathBuf;

use super::{EXIT_OK, EXIT_UNSAVED};
use crate::app::App;
use crate::store::{self, StateFile};
use crate::text::sanitize_line;

/// Titles of articles whose position is listed one by one.
const TITLES: usize = 5;

/// Reports unsaved changes (if any) and writes their fallback copy to the
/// cache directory `cache`, else the temporary directory.
pub fn report(app: &App, cache: Option<PathBuf>, err: &mut dyn Write) -> u8 {
    let Some(p) = app.persist.as_ref().filter(|p| p.unsaved()) else {
        return EXIT_OK;
    };
    let changes = p.store.unsaved_changes();
    let why = p.error.as_deref().unwrap_or("the save did not finish");
    let mut lines = vec![format!(
        "bookmarks or reading positions were not saved: {}",
        sanitize_line(why)
    )];
    lines.extend(describe(app, &changes));
    let dirs: Vec<PathBuf> = cache.into_iter().chain([std::env::temp_dir()]).collect();
    lines.push(match store::write_fallback(&changes, &dirs) {
        Ok(path) => format!(
            "a copy of these changes is in {} (a state file: see \"Changes that could not be saved\" in docs/state.md)",
            sanitize_line(&path.display().to_string())
        ),
        Err(e) => format!("no copy could be written either: {}", sanitize_line(&e.to_string())),
    });
    for line in lines {
        let _ = writeln!(err, "bulletin: {line}");
    }
    EXIT_UNSAVED
}

/// One line per bookmark added or deleted, one for the reading positions.
fn describe(app: &App, changes: &StateFile) -> Vec<String> {
    let mut lines = Vec::new();
    let mut articles = Vec::new();
    for archive in changes.archives.values() {
        let mut marks: Vec<_> = archive.bookmarks.values().collect();
        marks.sort_by_key(|b| b.created);
        for b in marks {
            let note = match b.note.is_empty() {
                true => String::new(),
                false => format!(", note \"{}\"", b.note),
            };
            lines.push(format!(
                "  bookmark in \"{}\" at \"{}\"{note}",
                b.article_title, b.snippet
            ));
        }
        for id in archive.deleted.keys() {
            lines.push(format!(
                "  deletion of bookmark {id} (it will be listed again)"
            ));
        }
        articles.extend(archive.positions.keys().map(|id| title_of(app, id)));
    }
    if !articles.is_empty() {
        let mut shown = articles[..articles.len().min(TITLES)].join("\", \"");
        if articles.len() > TITLES {
            shown.push_str(&format!("\" and {} more", articles.len() - TITLES));
        } else {
            shown.push('"');
        }
        lines.push(format!(
            "  reading position in {} article{}: \"{shown}",
            articles.len(),
            if articles.len() == 1 { "" } else { "s" }
        ));
    }
    lines.into_iter().map(|l| sanitize_line(&l)).collect()
}

fn title_of(app: &App, id: &str) -> String {
    let found = app.archive.articles.iter().find(|a| a.id == id);
    found.map_or_else(|| id.to_string(), |a| a.title.clone())
}
