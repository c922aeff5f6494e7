//! Archives read in full into a [`Library`]: a directory, or a file the
//! quick pass cannot read. Strict, this is `load_path` (every problem an
//! error); lenient, broken articles are kept as such, the others mended,
//! and every problem is kept.

use std::collections::HashMap;
use std::path::Path;

use super::describe::Fault;
use super::library::{Library, Parts};
use super::mend::Strictness;
use super::unique_ids::Ids;
use super::whole_load::{Header, read_header, read_path};
use super::whole_parse::{Item, Parsed};
use super::{ArticleMeta, LoadError, Problem, load_path};

/// Loads `path` in full.
pub(super) fn load(path: &Path, strictness: Strictness) -> Result<Library, LoadError> {
    if strictness == Strictness::Strict {
        return load_path(path).map(Library::from);
    }
    let (files, fallback) = read_path(path, strictness)?;
    finish(files, &fallback)
}

#[derive(Default)]
struct Acc {
    parts_problems: Vec<(Option<usize>, Problem)>,
    metas: Vec<ArticleMeta>,
    items: Vec<Option<super::convert::Mended>>,
    ids: Ids,
    broken: HashMap<usize, Vec<Fault>>,
}

/// Merges the files (as `model::whole_load` does) leniently.
fn finish(files: Vec<Parsed>, fallback_title: &str) -> Result<Library, LoadError> {
    let mut acc = Acc::default();
    let mut header: Option<Header> = None;
    for mut file in files {
        if let Some(fields) = file.header.take() {
            let mut found = Vec::new();
            let h = read_header(Path::new(&file.location), fields, &mut found)?;
            acc.parts_problems
                .extend(found.into_iter().map(|p| (None, p)));
            header.get_or_insert(h);
        }
        take_file(&mut acc, file);
    }
    let header = header.unwrap_or(Header {
        title: None,
        key: None,
        extra: Default::default(),
    });
    let title = header.title.filter(|t| !t.trim().is_empty());
    let parts = Parts {
        title: title.unwrap_or_else(|| fallback_title.to_string()),
        key: header.key,
        articles: acc.metas,
        ids: acc.ids.into_index(),
        broken: acc.broken,
        problems: acc.parts_problems,
        strictness: Strictness::Lenient,
    };
    Ok(Library::loaded(parts, acc.items))
}

/// One file's articles and problems; a later article with an id already
/// used is broken.
fn take_file(acc: &mut Acc, file: Parsed) {
    let base = acc.metas.len();
    let mut faults: HashMap<usize, Vec<Fault>> = HashMap::new();
    for (number, p) in &file.problems {
        faults.entry(*number).or_default().push(p.message.clone());
    }
    acc.parts_problems.extend(
        file.problems
            .into_iter()
            .map(|(n, p)| (Some(base + n.saturating_sub(1)), p)),
    );
    for (k, item) in file.items.into_iter().enumerate() {
        let i = acc.metas.len();
        let number = k + 1;
        match item {
            Item::Good(m) => {
                let meta = ArticleMeta::of(&m.article);
                let location = file.location.as_str();
                match acc.ids.see(&meta.id, i, number, Some(location)) {
                    Some(what) => {
                        let problem = Problem {
                            location: Some(file.location.clone()),
                            article: meta.id.clone(),
                            message: what.clone().into(),
                        };
                        acc.parts_problems.push((Some(i), problem));
                        acc.broken.insert(i, vec![what.into()]);
                        acc.items.push(None);
                    }
                    None => acc.items.push(Some(*m)),
                }
                acc.metas.push(meta);
            }
            Item::Broken(meta) => {
                let why = faults.remove(&number).unwrap_or_default();
                acc.broken.insert(i, why);
                acc.metas.push(meta);
                acc.items.push(None);
            }
        }
    }
}
