//! The one builder of a [`Library`] from what the quick pass
//! (`model::scan`) found in an archive's files: one file, or every file
//! of a directory, in order. The archive's own fields come from the
//! first file that has them (a single-file archive's header), every
//! article's metadata and problems follow file by file, and one
//! duplicate-id check ([`check_ids`], over `model::unique_ids`) runs over
//! all of them.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::bodies::Bodies;
use super::body::OnDisk;
use super::describe::{Fault, What};
use super::header::{Header, read_header};
use super::library::{Library, Parts};
use super::mend::Strictness;
use super::scan::{Faulty, Scan};
use super::scan_check::BodyFaults;
use super::source::ArchiveBytes;
use super::unique_ids::Ids;
use super::{LoadError, Problem};
use crate::text::sanitize::sanitize_line;

/// One archive file as the pass found it.
pub(super) struct Found {
    /// The file (its problems name it).
    pub path: PathBuf,
    pub bytes: ArchiveBytes,
    /// Its length when the pass read it.
    pub len: u64,
    pub scan: Scan,
}

impl Found {
    /// Whether the pass found no problem in its articles.
    pub(super) fn clean(&self) -> bool {
        self.scan.faults.is_empty() && self.scan.bodiless.is_empty()
    }

    /// Strict: each article with no `body` has that fault, after its
    /// others (as the full loader's strict check has it).
    pub(super) fn mark_bodiless(&mut self) {
        let missing = |&i: &usize| (i, What::Missing("body"));
        let bodiless = self.scan.bodiless.iter().map(missing).collect();
        mark_faulty(&mut self.scan.faults, bodiless);
    }
}

/// The one duplicate-id check: ids must be unique (bookmarks refer to
/// them), over every usable article of `files` in order (`strict`: every
/// article whose id is usable, broken or not, as the full loader's strict
/// check has it); a later article with an id already used is broken, and
/// the fault says which article has it first (and where, when that is
/// another file). The index of every usable id, by its article's place
/// in the archive.
pub(super) fn check_ids(files: &mut [Found], strict: bool) -> HashMap<String, usize> {
    let count = files.iter().map(|f| f.scan.articles.len()).sum();
    let many = files.len() > 1;
    let mut ids = Ids::with_capacity(count);
    let mut base = 0;
    for file in files.iter_mut() {
        // Lenient, the file (one file: the same, never named); strict, the
        // line too, as the full loader's strict check names it.
        let name = sanitize_line(&file.path.display().to_string());
        let scan = &mut file.scan;
        let place = |i: usize| match strict {
            true => Some(Problem::place(&name, scan_line(&scan.lines, i))),
            false => many.then(|| name.clone()),
        };
        let broken: HashSet<usize> = scan
            .faults
            .iter()
            .filter(|f| f.broken && !(strict && f.id_usable))
            .map(|f| f.index)
            .collect();
        let mut dups = Vec::new();
        for (i, a) in scan.articles.iter().enumerate() {
            if broken.contains(&i) {
                continue;
            }
            if let Some(what) = ids.see(&a.id, base + i, i + 1, place(i).as_deref()) {
                dups.push((i, what));
            }
        }
        mark_faulty(&mut scan.faults, dups);
        base += scan.articles.len();
    }
    ids.into_index()
}

/// The line article `i` starts on, when the pass counted lines.
fn scan_line(lines: &[u32], i: usize) -> Option<usize> {
    lines.get(i).map(|&l| l as usize)
}

/// Each article of `more` made broken, its fault after the others it has.
fn mark_faulty(faults: &mut Vec<Faulty>, more: Vec<(usize, What)>) {
    for (index, what) in more {
        match faults.iter_mut().find(|f| f.index == index) {
            Some(f) => {
                f.broken = true;
                f.faults.push(what.into());
            }
            // Not faulty before: its id was usable (a duplicate's, a
            // bodiless article's).
            None => faults.push(Faulty {
                index,
                broken: true,
                faults: vec![what.into()],
                id_usable: true,
            }),
        }
    }
    faults.sort_by_key(|f| f.index);
}

/// The library of `files` (their ids indexed by [`check_ids`]: `ids`);
/// `fallback` is the title when no file gives one. `None` when a header
/// keeps it from being read this way (the full loader then says why).
pub(super) fn build(
    files: Vec<Found>,
    ids: HashMap<String, usize>,
    fallback: String,
    strictness: Strictness,
) -> Option<Library> {
    let many = files.len() > 1;
    let mut problems = Vec::new();
    let mut header: Option<Header> = None;
    let (mut articles, mut broken, mut disks) = (Vec::new(), HashMap::new(), Vec::new());
    let (mut faults, mut checked) = (Vec::new(), BodyFaults::default());
    checked.checked = files.iter().all(|f| f.scan.bodies.checked);
    for mut file in files {
        // JSON Lines has no header.
        let lines = file.scan.header.is_none();
        if let Some(fields) = file.scan.header.take() {
            let h = read_fields(&file.path, many, fields, &mut problems).ok()?;
            header.get_or_insert(h);
        }
        let disk = OnDisk::new(file.bytes, file.len, &file.path, lines, &mut file.scan);
        let base = articles.len();
        faults.push((base, std::mem::take(&mut file.scan.faults)));
        checked.append(std::mem::take(&mut file.scan.bodies), base);
        articles.append(&mut file.scan.articles);
        disks.push(disk);
    }
    let bodies = Bodies::new(disks);
    for (base, found) in faults {
        let at = Placing {
            base,
            many,
            strictness,
        };
        let lists = (&mut problems, &mut broken);
        place(&bodies, at, found, &articles, &checked, lists);
    }
    let header = header.unwrap_or(Header {
        title: None,
        key: None,
        extra: Map::new(),
    });
    let title = header.title.filter(|t| !t.trim().is_empty());
    let parts = Parts {
        title: title.unwrap_or(fallback),
        key: header.key,
        extra: header.extra,
        articles,
        ids,
        broken,
        problems,
        strictness,
    };
    let fingerprint = bodies.fingerprint();
    let library = Library::on_disk(parts, bodies, fingerprint);
    // Lenient, a directory's bodies were checked as the pass read them.
    library.note_bodies(checked);
    Some(library)
}

/// A header's fields read and checked; its problems kept, named by the
/// file (as the directory's full loader named it: sanitised).
fn read_fields(
    path: &Path,
    many: bool,
    fields: Map<String, Value>,
    problems: &mut Vec<(Option<usize>, Problem)>,
) -> Result<Header, LoadError> {
    let named;
    let name = match many {
        true => {
            named = PathBuf::from(sanitize_line(&path.display().to_string()));
            &named
        }
        false => path,
    };
    let mut found = Vec::new();
    let header = read_header(name, fields, &mut found)?;
    problems.extend(found.into_iter().map(|p| (None, p)));
    Ok(header)
}

/// The problems placed so far (by article, `None`: the archive itself),
/// and why each broken article is broken.
type Lists<'a> = (
    &'a mut Vec<(Option<usize>, Problem)>,
    &'a mut HashMap<usize, Vec<Fault>>,
);

/// Where one file's faults are placed: its first article's index, whether
/// the archive has more files than one, and how strictly it is read.
#[derive(Clone, Copy)]
struct Placing {
    base: usize,
    many: bool,
    strictness: Strictness,
}

/// The faults the pass found in one file (its first article at `base`),
/// placed, into `problems`; why each broken article is broken, into
/// `broken`. In a directory a duplicate id is placed in its file, after
/// the problems of its body (lenient: strict, a body's problems are found
/// when it is opened), and is the only reason its article is broken.
fn place(
    bodies: &Bodies,
    at: Placing,
    faults: Vec<Faulty>,
    articles: &[super::ArticleMeta],
    checked: &BodyFaults,
    (problems, broken): Lists,
) {
    let Placing {
        base,
        many,
        strictness,
    } = at;
    for f in faults {
        let index = base + f.index;
        let label = &articles[index].id;
        let place = bodies.place(index);
        let file = bodies.file_name(index);
        let dup = |fault: &Fault| many && matches!(fault.what, What::Duplicate { .. });
        for fault in &f.faults {
            if dup(fault) && strictness == Strictness::Lenient {
                // Its body's problems too, before it (the full loader read
                // every body, and found them), as the pass checked it.
                let found = match checked.of(index) {
                    Some(faults) => bodies.body_problems(index, label, faults.iter()),
                    None => {
                        let read = bodies.read(index, label, Strictness::Lenient);
                        bodies.problems_of(index, label, &read)
                    }
                };
                problems.extend(found.into_iter().map(|p| (Some(index), p)));
            }
            let lenient = strictness == Strictness::Lenient;
            let at = if dup(fault) && lenient { &file } else { &place };
            let problem = Problem {
                location: Some(at.clone()),
                article: label.clone(),
                message: fault.clone(),
            };
            problems.push((Some(index), problem));
        }
        if f.broken {
            // (A duplicate's other faults, if any, are minor.)
            let why = match f.faults.iter().find(|&f| dup(f)) {
                Some(d) => vec![d.clone()],
                None => f.faults,
            };
            broken.insert(index, why);
        }
    }
}

#[cfg(test)]
#[path = "build_tests.rs"]
mod tests;
