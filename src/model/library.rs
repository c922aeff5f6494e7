//! The reader's view of an archive: every article's metadata in memory,
//! bodies parsed when an article is opened (see `docs/performance.md`).
//!
//! [`open_path`] memory-maps a single archive file, so readers of the same
//! file share the operating system's page cache, and keeps only metadata
//! and offsets. Anything else (a directory, the bundled sample, a file the
//! quick pass refuses) is loaded in full and wrapped with `From<Archive>`.

use std::borrow::Cow;
use std::fs::{self, File};
use std::path::{Path, PathBuf};

use memmap2::Mmap;
use serde_json::{Map, Value};

use super::accept::accept_article;
use super::lazy::scan;
use super::load::{io_error, read_header, stem};
use super::read::strip_bom;
use super::syntax::{error_offset, line_column, not_utf8, syntax_error_at};
use super::{Archive, Article, LoadError, Problem, load_path};
use crate::text::sanitize::sanitize_line;

/// What lists, groups, filters and citations need of an article: every
/// field with the same name and meaning as in [`Article`], sanitised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleMeta {
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub district: String,
    pub subdistrict: Option<String>,
    pub date: Option<String>,
}

impl ArticleMeta {
    pub fn of(a: &Article) -> ArticleMeta {
        ArticleMeta {
            id: a.id.clone(),
            title: a.title.clone(),
            subtitle: a.subtitle.clone(),
            district: a.district.clone(),
            subdistrict: a.subdistrict.clone(),
            date: a.date.clone(),
        }
    }
}

/// An archive whose articles are opened one at a time.
#[derive(Debug)]
pub struct Library {
    pub title: String,
    pub key: Option<String>,
    /// Every article's metadata, in archive order.
    pub articles: Vec<ArticleMeta>,
    source: Source,
}

#[derive(Debug)]
enum Source {
    /// Whole articles in memory.
    Loaded(Vec<Article>),
    /// Articles in a mapped file, parsed when opened.
    Mapped(Mapped),
}

#[derive(Debug)]
struct Mapped {
    file: File,
    map: Mmap,
    /// Length of the byte order mark the scan skipped.
    bom: usize,
    /// Where each article's object starts, after the BOM.
    starts: Vec<usize>,
    /// The file, for messages.
    path: PathBuf,
    /// Whether the file is JSON Lines (problems then name the line).
    lines: bool,
}

impl From<Archive> for Library {
    fn from(archive: Archive) -> Library {
        Library {
            title: archive.title,
            key: archive.key,
            articles: archive.articles.iter().map(ArticleMeta::of).collect(),
            source: Source::Loaded(archive.articles),
        }
    }
}

impl Library {
    /// Whether articles are parsed from a mapped file when opened.
    pub fn is_mapped(&self) -> bool {
        matches!(self.source, Source::Mapped(_))
    }

    /// Article `i` in full. Parsed from the file when mapped: sanitised and
    /// checked like the full loader does, so a broken article gives a
    /// message instead of a panic: one line (for the status line) in the
    /// words `bulletin check` uses, with the file, the line (and column)
    /// and the article's id.
    pub fn article(&self, i: usize) -> Result<Cow<'_, Article>, String> {
        match &self.source {
            Source::Loaded(articles) => articles
                .get(i)
                .map(Cow::Borrowed)
                .ok_or_else(|| format!("no article #{}", i + 1)),
            Source::Mapped(m) => {
                let meta = self.articles.get(i).ok_or("no such article")?;
                m.article(i, &meta.id).map(Cow::Owned)
            }
        }
    }
}

impl Mapped {
    /// Article `i`, whose id is `id`, or why it cannot be read.
    fn article(&self, i: usize, id: &str) -> Result<Article, String> {
        let label = sanitize_line(id);
        let changed = || {
            format!(
                "article {label}: the archive file changed since it was opened; restart the reader"
            )
        };
        // A file cut short under the map would fault on access: look first.
        match self.file.metadata() {
            Ok(now) if now.len() >= self.map.len() as u64 => {}
            _ => return Err(changed()),
        }
        let bytes = &self.map[self.bom..];
        let start = self.starts[i];
        let mut stream = serde_json::Deserializer::from_slice(&bytes[start..]).into_iter::<Value>();
        let value = match stream.next() {
            Some(Ok(value)) => value,
            Some(Err(e)) => {
                return Err(format!(
                    "article {label}: {}",
                    self.unread(bytes, start, &e)
                ));
            }
            None => return Err(changed()),
        };
        if value.get("id").and_then(Value::as_str) != Some(id) {
            return Err(changed());
        }
        accept_article(value).map_err(|problems| self.problems(bytes, start, &label, problems))
    }

    /// What `bulletin check` says of an article that does not parse from
    /// `start`: bad UTF-8 (which the quick pass does not check in a body),
    /// or a syntax error it let through (a lone surrogate in a body).
    fn unread(&self, bytes: &[u8], start: usize, e: &serde_json::Error) -> LoadError {
        let at = start + error_offset(&bytes[start..], e);
        let upto = (at + 4).min(bytes.len());
        match std::str::from_utf8(&bytes[start..upto]) {
            Err(bad) if bad.error_len().is_some() && start + bad.valid_up_to() <= at => {
                not_utf8(&self.path, bytes, self.bom, start + bad.valid_up_to())
            }
            _ => syntax_error_at(&self.path, bytes, start, e, None),
        }
    }

    /// An article's problems as `bulletin check` lists them, on one line:
    /// the first in full (`file[:line]: article ID: …`), then the others.
    fn problems(&self, bytes: &[u8], start: usize, label: &str, problems: Vec<String>) -> String {
        let file = sanitize_line(&self.path.display().to_string());
        let line = self.lines.then(|| line_column(bytes, start).0);
        let mut problems = problems.into_iter();
        let first = Problem {
            location: Some(Problem::place(&file, line)),
            article: label.to_owned(),
            message: problems.next().unwrap_or_default(),
        };
        let mut all = vec![first.to_string()];
        all.extend(problems);
        all.join("; ")
    }
}

/// Opens an archive for reading: a single file is memory-mapped and only
/// its metadata read (see the module doc); a directory, or a file with a
/// problem the quick pass sees, goes through [`load_path`], so errors are
/// the same as `bulletin check` reports.
pub fn open_path(path: &Path) -> Result<Library, LoadError> {
    let eager = || load_path(path).map(Library::from);
    let meta = fs::metadata(path).map_err(|e| io_error(path, e))?;
    if !meta.is_file() || meta.len() == 0 {
        return eager();
    }
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    // SAFETY: the map is read-only. Another process changing the file while
    // it is mapped changes what we read (caught: articles are re-checked and
    // their ids compared when opened); cutting it short would fault, which
    // `Mapped::article` guards against by checking the length first.
    let Ok(map) = (unsafe { Mmap::map(&file) }) else {
        return eager();
    };
    let (bom, bytes) = strip_bom(&map);
    let Some(found) = scan(bytes) else {
        return eager();
    };
    let lines = found.header.is_none();
    let Some((title, key)) = title_and_key(path, found.header) else {
        return eager();
    };
    let mapped = Mapped {
        file,
        map,
        bom,
        starts: found.starts,
        path: path.to_path_buf(),
        lines,
    };
    Ok(Library {
        title,
        key,
        articles: found.articles,
        source: Source::Mapped(mapped),
    })
}

/// The title and key of a scanned file (a JSON Lines file is named by its
/// file name); `None` when its header has a problem, which the full loader
/// then reports.
fn title_and_key(
    path: &Path,
    header: Option<Map<String, Value>>,
) -> Option<(String, Option<String>)> {
    let Some(fields) = header else {
        return Some((stem(path), None));
    };
    let mut problems = Vec::new();
    let header = read_header(path, fields, &mut problems).ok()?;
    let title = header.title.filter(|_| problems.is_empty())?;
    Some((title, header.key))
}
