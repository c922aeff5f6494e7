//! `bulletin search`: the archive search from the command line, like
//! grep: exit 0 with hits, 1 with none (or on error).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::sync::atomic::AtomicBool;

use super::search_out::{Output, write_results};
use super::{EXIT_FAILURE, EXIT_OK, EXIT_USAGE, Say, SearchArgs, load_library};
use crate::find::{self, ArchiveQuery, ArchiveQueryError, Batch, FoldIndex, Lookup};
use crate::model::Library;
use crate::text::sanitize_line;

pub fn run_search(args: &SearchArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if let Err(e) = date_options(args) {
        return usage(err, &e.text(args.open.lang));
    }
    let lib = match load_library(args.archive.as_deref(), &args.open) {
        Ok(l) => l,
        Err(e) => return e.report(err),
    };
    let cache = find::cache_dir(args.cache_dir.as_deref());
    let at = IndexAt::Cache(cache.as_deref());
    search_on(&lib, at, args, out, err)
}

/// Where a search finds the archive's index.
#[derive(Clone, Copy)]
pub enum IndexAt<'a> {
    /// In this cache directory (`None`: there is none), for the archive
    /// file the arguments name: built there when missing, removed when
    /// damaged.
    Cache(Option<&'a Path>),
    /// One already open (a server's), or none: the archive is searched
    /// article by article.
    Open(Option<&'a FoldIndex>),
}

/// `bulletin search` on an archive already loaded; its index from `at`.
pub fn search_on(
    lib: &Library,
    at: IndexAt,
    args: &SearchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let lang = args.open.lang;
    if let Err(e) = date_options(args) {
        return usage(err, &e.text(lang));
    }
    let query = match ArchiveQuery::parse(&with_facets(args)) {
        Ok(q) if q.query.is_some() => q,
        Ok(_) => return fail(err, &Say::NothingToSearch.text(lang)),
        Err(e @ ArchiveQueryError::Date(_)) => return usage(err, &e.text(lang)),
        Err(e) => return fail(err, &e.text(lang)),
    };
    if query.facets.dates_unknown(&lib.articles) {
        let _ = writeln!(err, "bulletin: {}", Say::NoDates.text(lang));
    }
    let built;
    let index = match at {
        IndexAt::Cache(cache) => {
            built = open_index(lib, args, cache, err);
            built.as_ref()
        }
        IndexAt::Open(index) => index.filter(|_| !args.no_index),
    };
    let mut all = Batch::default();
    find::run(lib, index, &query, &AtomicBool::new(false), &mut |b| {
        all.hits.extend(b.hits);
        all.unreadable.extend(b.unreadable);
        all.index_damaged |= b.index_damaged;
    });
    if let (true, IndexAt::Cache(cache)) = (all.index_damaged, at) {
        drop_damaged(args, cache, err);
    }
    for &(i, ref why) in &all.unreadable {
        let why = lib
            .open(i)
            .err()
            .map_or_else(|| why.clone(), |e| e.text(lang));
        let _ = writeln!(err, "bulletin: {}", sanitize_line(&why));
    }
    let how = if args.json {
        Output::Json
    } else if args.jsonl {
        Output::Jsonl { lang }
    } else {
        Output::Text {
            count: args.count,
            lang,
        }
    };
    let written = write_results(lib, &query, &all.hits, how, out, err);
    match written {
        Ok(()) if all.hits.is_empty() => EXIT_FAILURE,
        Ok(()) => EXIT_OK,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => fail(err, &Say::CannotWrite(e.to_string()).text(lang)),
    }
}

/// `--after` and `--before` are dates (the query's own `after:` and
/// `before:` are checked as it is parsed).
fn date_options(args: &SearchArgs) -> Result<(), find::DateError> {
    for (flag, value) in [("--after", &args.after), ("--before", &args.before)] {
        if let Some(v) = value {
            find::facet_date(&format!("{flag} {v}"), v)?;
        }
    }
    Ok(())
}

/// The query with the facet options added as terms.
fn with_facets(args: &SearchArgs) -> String {
    let mut q = args.query.clone();
    for (name, value) in [
        ("subdistrict", &args.subdistrict),
        ("district", &args.district),
        ("after", &args.after),
        ("before", &args.before),
    ] {
        if let Some(v) = value {
            q += &format!(" {name}:{}", v.split_whitespace().collect::<String>());
        }
    }
    q
}

/// The archive's index: the one in the cache, else built now (with a
/// progress bar on a terminal), else none (small archives, `--no-index`).
fn open_index(
    lib: &Library,
    args: &SearchArgs,
    cache: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> Option<FoldIndex> {
    if args.no_index {
        return None;
    }
    match find::lookup(lib, args.archive.as_deref(), cache) {
        Lookup::NotUsed => None,
        Lookup::Ready(index) => Some(index),
        Lookup::Missing { path } => {
            let bar = std::io::stderr().is_terminal().then(|| {
                let bar = indicatif::ProgressBar::new(lib.articles.len() as u64);
                bar.set_message(Say::BuildingIndex.text(args.open.lang));
                bar
            });
            let mut progress = |done: usize, _| {
                if let Some(b) = &bar {
                    b.set_position(done as u64);
                }
            };
            let never = AtomicBool::new(false);
            let built = find::index::build(lib, &path, &never, &mut progress);
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            let stamp = lib.fingerprint();
            match built {
                Ok(_) => FoldIndex::open(&path, &stamp, lib.articles.len()),
                Err(e) => {
                    let path = path.display().to_string();
                    let error = e.to_string();
                    fail(err, &Say::NoIndex { path, error }.text(args.open.lang));
                    None
                }
            }
        }
    }
}

/// A damaged index was found (and not counted from): it is removed, so
/// the next search builds it again, and the user is told once.
fn drop_damaged(args: &SearchArgs, cache: Option<&std::path::Path>, err: &mut dyn Write) {
    let (Some(archive), Some(cache)) = (args.archive.as_deref(), cache) else {
        return;
    };
    let path = find::index_path(cache, archive);
    let _ = std::fs::remove_file(&path);
    let path = path.display().to_string();
    let _ = writeln!(
        err,
        "bulletin: {}",
        sanitize_line(&Say::IndexDamaged(path).text(args.open.lang))
    );
}

fn fail(err: &mut dyn Write, msg: &str) -> u8 {
    let _ = writeln!(err, "bulletin: {}", sanitize_line(msg));
    EXIT_FAILURE
}

/// A date on the command line that is not one: a usage error (exit 2).
fn usage(err: &mut dyn Write, msg: &str) -> u8 {
    fail(err, msg);
    EXIT_USAGE
}
