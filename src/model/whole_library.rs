//! The full loader's merge of the files it parsed (`model::whole_load`):
//! every problem, and one id check over all of them, gathered into one
//! error by `whole_load::finish` (the strict filter's too). The lenient
//! full loader that made a library of them is kept only as the tests'
//! oracle ([`lenient`]): every archive is now built by `model::build`.

use std::collections::HashMap;
use std::path::Path;

use super::convert::Mended;
use super::describe::{Fault, What};
use super::header::{Header, read_header};
use super::mend::Strictness;
use super::unique_ids::Ids;
use super::whole_parse::{Item, Parsed};
use super::{ArticleMeta, LoadError, Problem};

/// A problem with where it is: its file, its article's number there (0:
/// the archive's own), and (lenient) the article's index in the archive.
pub(super) struct Placed {
    pub file: usize,
    pub number: usize,
    /// (Read by the lenient loader, the tests' oracle.)
    #[cfg_attr(not(test), allow(dead_code))]
    pub index: Option<usize>,
    pub problem: Problem,
}

/// What the files held, merged.
pub(super) struct Merged {
    /// The first single-file archive's own fields.
    pub header: Header,
    /// Every problem, each file's in order.
    pub problems: Vec<Placed>,
    /// Every article's metadata (strict: of the good ones).
    pub metas: Vec<ArticleMeta>,
    /// Every article (`None`: broken; strict: only the good ones).
    pub items: Vec<Option<Mended>>,
    pub ids: Ids,
    /// Why each broken article cannot be opened (lenient).
    pub broken: HashMap<usize, Vec<Fault>>,
    /// Articles read, good or not.
    pub count: usize,
}

/// Merges parsed files: the archive's fields from the first single-file
/// archive, every problem, and one id check over all of them (a later
/// article with an id already used is a problem; lenient, it is broken).
pub(super) fn merge(files: Vec<Parsed>, strictness: Strictness) -> Result<Merged, LoadError> {
    let mut merged = Merged {
        header: Header {
            title: None,
            key: None,
            extra: Default::default(),
        },
        problems: Vec::new(),
        metas: Vec::new(),
        items: Vec::new(),
        ids: Ids::default(),
        broken: HashMap::new(),
        count: files.iter().map(|f| f.count).sum(),
    };
    let mut header: Option<Header> = None;
    for (f, mut file) in files.into_iter().enumerate() {
        if let Some(fields) = file.header.take() {
            let mut found = Vec::new();
            let h = read_header(Path::new(&file.location), fields, &mut found)?;
            let placed = found.into_iter().map(|problem| Placed {
                file: f,
                number: 0,
                index: None,
                problem,
            });
            merged.problems.extend(placed);
            header.get_or_insert(h);
        }
        take_file(&mut merged, f, file, strictness);
    }
    if let Some(header) = header {
        merged.header = header;
    }
    Ok(merged)
}

/// One file's problems, ids and articles.
fn take_file(merged: &mut Merged, f: usize, file: Parsed, strictness: Strictness) {
    let lenient = strictness == Strictness::Lenient;
    // Lenient, every article has an item: number n is index base + n - 1.
    let base = merged.metas.len();
    let index = |number: usize| lenient.then(|| base + number.saturating_sub(1));
    let mut faults: HashMap<usize, Vec<Fault>> = HashMap::new();
    for (number, p) in &file.problems {
        faults.entry(*number).or_default().push(p.message.clone());
    }
    let placed = file.problems.into_iter().map(|(number, problem)| Placed {
        file: f,
        number,
        index: index(number),
        problem,
    });
    merged.problems.extend(placed);
    let duplicates = check_ids(merged, f, &file.location, file.seen, lenient, base);
    for (k, item) in file.items.into_iter().enumerate() {
        let i = merged.metas.len();
        let number = k + 1;
        match item {
            Item::Good(m) => {
                merged.metas.push(ArticleMeta::of(&m.article));
                match duplicates.get(&number).filter(|_| lenient) {
                    Some(what) => {
                        merged.broken.insert(i, vec![what.clone().into()]);
                        merged.items.push(None);
                    }
                    None => merged.items.push(Some(*m)),
                }
            }
            Item::Broken(meta) => {
                let why = faults.remove(&number).unwrap_or_default();
                merged.broken.insert(i, why);
                merged.metas.push(meta);
                merged.items.push(None);
            }
        }
    }
}

/// The id check over one file's articles: a problem for each that uses an
/// id an earlier one has, and what is wrong with it, by its number. Strict
/// problems are placed where the article is (`file:line` in JSON Lines),
/// lenient ones in the file (as they always were).
fn check_ids(
    merged: &mut Merged,
    f: usize,
    location: &str,
    seen: Vec<super::whole_parse::Seen>,
    lenient: bool,
    base: usize,
) -> HashMap<usize, What> {
    let mut duplicates = HashMap::new();
    for s in seen {
        let place = match lenient {
            true => Some(location.to_owned()),
            false => s.location,
        };
        let index = base + s.number.saturating_sub(1);
        let Some(what) = merged.ids.see(&s.id, index, s.number, place.as_deref()) else {
            continue;
        };
        let problem = Problem {
            location: place,
            article: s.id,
            message: what.clone().into(),
        };
        merged.problems.push(Placed {
            file: f,
            number: s.number,
            index: lenient.then_some(index),
            problem,
        });
        duplicates.insert(s.number, what);
    }
    duplicates
}

/// The lenient full loader, test only: the builder's oracle (what a
/// directory said when it was read whole, before the quick pass read it).
#[cfg(test)]
pub(super) mod lenient {
    use std::path::Path;

    use super::merge;
    use crate::model::LoadError;
    use crate::model::library::{Library, Parts};
    use crate::model::mend::Strictness;
    use crate::model::whole_load::{load_whole, read_path};
    use crate::model::whole_parse::Parsed;

    /// Loads `path` in full (test only: the builder's oracle, what a
    /// directory said when it was read whole).
    pub(in crate::model) fn load(
        path: &Path,
        strictness: Strictness,
    ) -> Result<Library, LoadError> {
        if strictness == Strictness::Strict {
            return load_whole(path).map(Library::from);
        }
        let (files, fallback) = read_path(path, strictness)?;
        from_parsed(files, fallback)
    }

    /// The lenient library of parsed files; `fallback` is the title when none
    /// has one.
    fn from_parsed(files: Vec<Parsed>, fallback: String) -> Result<Library, LoadError> {
        let merged = merge(files, Strictness::Lenient)?;
        let title = merged.header.title.filter(|t| !t.trim().is_empty());
        let parts = Parts {
            title: title.unwrap_or(fallback),
            key: merged.header.key,
            extra: merged.header.extra,
            articles: merged.metas,
            ids: merged.ids.into_index(),
            broken: merged.broken,
            problems: merged
                .problems
                .into_iter()
                .map(|p| (p.index, p.problem))
                .collect(),
            strictness: Strictness::Lenient,
        };
        Ok(Library::loaded(parts, merged.items))
    }
}
