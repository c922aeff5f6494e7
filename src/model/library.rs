//! The one way every command reads an archive: every article's metadata
//! in memory with an index of ids, bodies parsed when an article is
//! opened (see `docs/performance.md`).
//!
//! [`open_path_with`] reads a single archive file (or bytes in memory,
//! `load_bytes`) once for its metadata and keeps only metadata and
//! offsets; bodies are read again when opened (`model::body`), from the
//! file they are in (`model::bodies`: a directory's files are read the
//! same way, and built into one library by `model::build`). Why a file
//! the quick pass cannot read cannot be read is said by streaming it
//! (`model::unreadable`). `model::open` says which reader reads what.
//!
//! Lenient (the default), an archive opens whenever it parses: a broken
//! article is listed but cannot be opened, the others are mended
//! (`model::mend`), and every problem is kept for the problems view
//! ([`Library::problems`]). Strict, a problem is an error, with the
//! messages of `bulletin check`, which opens with [`open_path_checked`]
//! (bodies checked too).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;

use super::article_error::ArticleError;
use super::bodies::Bodies;
use super::convert::Mended;
use super::describe::Fault;
use super::mend::Strictness;
use super::meta_cache::IdTable;
use super::open::Opening;
use super::{Archive, Article, FORMAT_TAG, LoadError, Problem};
use serde_json::{Map, Value};

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

/// What an archive file held when it was read: its length, and a hash of
/// every article's bytes in order (`model::body`). Derived data (the
/// search index) is stamped with it and used only while it matches the
/// library in hand, whatever the file's path, size or time say since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub len: u64,
    pub content: u128,
}

/// An archive whose articles are opened one at a time.
#[derive(Debug)]
pub struct Library {
    pub title: String,
    pub key: Option<String>,
    /// The archive's members the format gives no meaning, kept as read.
    extra: Map<String, Value>,
    /// Every article's metadata, in archive order (a broken article's as
    /// far as it can be read).
    pub articles: Vec<ArticleMeta>,
    /// Where each usable id is.
    ids: Ids,
    /// Why each broken article cannot be opened.
    broken: HashMap<usize, Vec<Fault>>,
    /// Problems seen on opening: the archive's own (`None`) and each
    /// article's, in archive order.
    problems: Vec<(Option<usize>, Problem)>,
    /// Problems of bodies found since, as articles were opened.
    found: Mutex<BTreeMap<usize, Vec<Problem>>>,
    strictness: Strictness,
    source: Source,
    /// What the archive held when read.
    fingerprint: Fingerprint,
}

impl Fingerprint {
    /// Of articles held in memory: each as JSON (`len` is their size
    /// then), a broken one as nothing.
    fn of_loaded(articles: &[Option<Mended>]) -> Fingerprint {
        let mut len = 0;
        let mut all = Vec::with_capacity(8 * (articles.len() + 1));
        all.extend_from_slice(&(articles.len() as u64).to_le_bytes());
        for m in articles {
            let json = m
                .as_ref()
                .and_then(|m| serde_json::to_vec(&m.article).ok())
                .unwrap_or_default();
            len += json.len() as u64;
            let hash = twox_hash::XxHash3_64::oneshot(&json);
            all.extend_from_slice(&hash.to_le_bytes());
        }
        let content = twox_hash::XxHash3_128::oneshot(&all);
        Fingerprint { len, content }
    }
}

/// Where each usable id is: a map, or the metadata cache's table (no
/// map of a million ids built at every start).
#[derive(Debug)]
enum Ids {
    Map(HashMap<String, usize>),
    Table(IdTable),
}

#[derive(Debug)]
enum Source {
    /// Whole articles in memory (`None`: broken).
    Loaded(Vec<Option<Mended>>),
    /// Articles in their files, read and parsed when opened.
    OnDisk(Bodies),
}

/// Everything a loader found, to make a [`Library`] of.
pub(super) struct Parts {
    pub title: String,
    pub key: Option<String>,
    pub extra: Map<String, Value>,
    pub articles: Vec<ArticleMeta>,
    pub ids: HashMap<String, usize>,
    pub broken: HashMap<usize, Vec<Fault>>,
    pub problems: Vec<(Option<usize>, Problem)>,
    pub strictness: Strictness,
}

impl Library {
    pub(super) fn loaded(parts: Parts, articles: Vec<Option<Mended>>) -> Library {
        let fingerprint = Fingerprint::of_loaded(&articles);
        Library::new(parts, Source::Loaded(articles), fingerprint)
    }

    pub(super) fn on_disk(parts: Parts, disk: Bodies, fingerprint: Fingerprint) -> Library {
        Library::new(parts, Source::OnDisk(disk), fingerprint)
    }

    /// This library with its ids looked up in `table` (the metadata
    /// cache's, checked against these very articles).
    pub(super) fn with_id_table(self, table: IdTable) -> Library {
        Library {
            ids: Ids::Table(table),
            ..self
        }
    }

    fn new(parts: Parts, source: Source, fingerprint: Fingerprint) -> Library {
        Library {
            title: parts.title,
            key: parts.key,
            extra: parts.extra,
            articles: parts.articles,
            ids: Ids::Map(parts.ids),
            broken: parts.broken,
            problems: parts.problems,
            found: Mutex::default(),
            strictness: parts.strictness,
            source,
            fingerprint,
        }
    }
}

#[path = "library_problems.rs"]
mod problems;

impl From<Archive> for Library {
    fn from(archive: Archive) -> Library {
        let articles: Vec<ArticleMeta> = archive.articles.iter().map(ArticleMeta::of).collect();
        let ids = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.clone(), i))
            .collect();
        let parts = Parts {
            title: archive.title,
            key: archive.key,
            extra: archive.extra,
            articles,
            ids,
            broken: HashMap::new(),
            problems: Vec::new(),
            strictness: Strictness::Strict,
        };
        let whole = archive.articles.into_iter().map(|article| {
            Some(Mended {
                article,
                notes: Vec::new(),
                faults: Vec::new(),
            })
        });
        Library::loaded(parts, whole.collect())
    }
}

impl Library {
    /// Whether articles are read from the file when opened (not held in
    /// memory).
    pub fn is_lazy(&self) -> bool {
        matches!(self.source, Source::OnDisk(_))
    }

    /// What the archive held when read: for a single file read lazily,
    /// its articles' bytes; for an archive held in memory, its articles.
    pub fn fingerprint(&self) -> Fingerprint {
        self.fingerprint
    }

    pub fn strictness(&self) -> Strictness {
        self.strictness
    }

    /// The article whose id is `id`, if there is one that can be opened.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        match &self.ids {
            Ids::Map(map) => map.get(id).copied(),
            Ids::Table(table) => table.find(id, &self.articles),
        }
    }

    /// Why article `i` cannot be opened, if it is broken.
    pub fn broken(&self, i: usize) -> Option<&[Fault]> {
        self.broken.get(&i).map(Vec::as_slice)
    }

    /// Article `i` as read (lenient: mended, with its placeholders), or
    /// why it cannot be read. Read from the file and parsed when lazy, and
    /// checked like the full loader does; never a panic (nor a signal: a
    /// file cut short is [`ArticleError::Changed`]).
    pub fn open(&self, i: usize) -> Result<Cow<'_, Mended>, ArticleError> {
        let meta = self.articles.get(i).ok_or(ArticleError::NoSuch(i))?;
        if let Some(faults) = self.broken.get(&i) {
            return Err(ArticleError::Broken {
                label: meta.id.clone(),
                faults: faults.clone(),
            });
        }
        match &self.source {
            Source::Loaded(all) => match all.get(i) {
                Some(Some(m)) => Ok(Cow::Borrowed(m)),
                _ => Err(ArticleError::NoSuch(i)),
            },
            Source::OnDisk(d) => {
                let read = d.read(i, &meta.id, self.strictness);
                self.note_found(i, d.problems_of(i, &meta.id, &read));
                read.map(Cow::Owned)
            }
        }
    }

    /// Article `i`'s document as the search reads it ([`mended_doc`]),
    /// the quick way: only for an article in a file with nothing to mend
    /// or sanitise (`model::doc::plain_doc`); `None` for any other (then read it
    /// through [`Library::open`]).
    ///
    /// [`mended_doc`]: super::mended_doc
    pub fn plain_doc(&self, i: usize) -> Option<crate::text::Doc> {
        let Source::OnDisk(files) = &self.source else {
            return None;
        };
        if self.broken.contains_key(&i) {
            return None;
        }
        super::doc::plain_doc(&files.bytes_of(i)?, &self.articles.get(i)?.id)
    }

    /// Article `i` in full, or why not (in English: for the search's
    /// reports; the reader uses [`Library::open`]).
    pub fn article(&self, i: usize) -> Result<Cow<'_, Article>, String> {
        match self.open(i) {
            Ok(Cow::Borrowed(m)) => Ok(Cow::Borrowed(&m.article)),
            Ok(Cow::Owned(m)) => Ok(Cow::Owned(m.article)),
            Err(e) => Err(e.to_string()),
        }
    }

    /// The whole archive, every article read (strict: as `load_path`
    /// gives it), or why an article cannot be read.
    pub fn to_archive(&self) -> Result<Archive, ArticleError> {
        let articles =
            (0..self.articles.len()).map(|i| self.open(i).map(|m| m.into_owned().article));
        Ok(Archive {
            format: FORMAT_TAG.to_string(),
            title: self.title.clone(),
            key: self.key.clone(),
            articles: articles.collect::<Result<_, _>>()?,
            extra: self.extra.clone(),
        })
    }
}

/// Opens an archive strictly (any problem is an error); see
/// [`open_path_with`].
pub fn open_path(path: &Path) -> Result<Library, LoadError> {
    open_path_with(path, Strictness::Strict)
}

/// Opens an archive for reading: only the metadata is kept (see
/// `model::open`; a directory's bodies are read on opening, leniently, so
/// that their problems are listed from the start). Strict, a problem in the archive's fields or
/// an article's metadata is an error with the messages `bulletin check`
/// gives, and one in a body is found when the article is opened. Either
/// way the quick pass reads the archive once, and nothing more.
pub fn open_path_with(path: &Path, strictness: Strictness) -> Result<Library, LoadError> {
    let how = match strictness {
        Strictness::Lenient => Opening::Lenient,
        Strictness::Strict => Opening::Strict,
    };
    super::open::open(path, how)
}

/// Opens an archive with every problem an error, bodies included, as
/// `bulletin check` says it (`--strict` on the command line): the quick
/// pass once, checking each article whole as it reads it.
pub fn open_path_checked(path: &Path) -> Result<Library, LoadError> {
    super::open::open(path, Opening::Checked)
}
