//! The non-interactive commands. Each writes to the given writers and
//! returns an exit status, so tests can run them without a process.

use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::{BookmarksArgs, CheckArgs, ConfigArgs, EXIT_FAILURE, EXIT_OK, ListArgs, ShowArgs};
use crate::config::Config;
use crate::import::ImportArgs;
use crate::model::{self, Archive, Groups, Library};
use crate::store::{self, ArchiveKey, Store};
use crate::text::sanitize::sanitize_line;
use crate::text::{WidthMode, layout};

/// Loads the archive at `path`, or the bundled sample when `path` is `None`.
pub fn load_archive(path: Option<&Path>) -> Result<Archive, model::LoadError> {
    match path {
        Some(p) => model::load_path(p),
        None => model::load_sample(),
    }
}

/// The reader's archive: a single file is memory-mapped and only its
/// metadata read up front; bodies are parsed when opened (`model::open_path`).
pub fn load_library(path: Option<&Path>) -> Result<model::Library, model::LoadError> {
    match path {
        Some(p) => model::open_path(p),
        None => model::load_sample().map(Into::into),
    }
}

/// `bulletin list`: groups and articles, as text or JSON. Reads only the
/// metadata (the reader's lazy loader); `check` validates bodies.
pub fn run_list(args: &ListArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let archive = match load_library(args.archive.as_deref()) {
        Ok(a) => a,
        Err(e) => return fail(err, &e.to_string()),
    };
    let groups = model::group_items(&archive.articles);
    if let Some(name) = &args.subdistrict {
        let known = groups
            .districts
            .iter()
            .any(|d| d.subdistricts.iter().any(|s| &s.name == name));
        if !known {
            return fail(
                err,
                &format!("no subdistrict named {}", sanitize_line(name)),
            );
        }
    }
    let result = if args.json {
        write_list_json(&archive, &groups, args.subdistrict.as_deref(), out)
    } else {
        write_list_text(&archive, &groups, args.subdistrict.as_deref(), out)
    };
    finish(result, err)
}

fn keep(filter: Option<&str>, name: Option<&str>) -> bool {
    filter.is_none() || filter == name
}

fn list_entries(archive: &Library, groups: &Groups, filter: Option<&str>) -> Vec<ListGroup> {
    let mut entries = Vec::new();
    for d in &groups.districts {
        if filter.is_none() && !d.district_level.is_empty() {
            entries.push(ListGroup {
                district: d.name.clone(),
                subdistrict: None,
                articles: d.district_level.clone(),
            });
        }
        for s in &d.subdistricts {
            if keep(filter, Some(&s.name)) {
                entries.push(ListGroup {
                    district: d.name.clone(),
                    subdistrict: Some(s.name.clone()),
                    articles: s.articles.clone(),
                });
            }
        }
    }
    let _ = archive;
    entries
}

struct ListGroup {
    district: String,
    subdistrict: Option<String>,
    articles: Vec<usize>,
}

fn write_list_text(
    archive: &Library,
    groups: &Groups,
    filter: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", sanitize_line(&archive.title))?;
    for g in list_entries(archive, groups, filter) {
        let sub = g.subdistrict.as_deref().unwrap_or("(district-level)");
        let (d, s) = (sanitize_line(&g.district), sanitize_line(sub));
        writeln!(out, "\n{d} › {s} ({})", g.articles.len())?;
        for &i in &g.articles {
            let a = &archive.articles[i];
            let date = a
                .date
                .as_deref()
                .map(|d| format!("  {d}"))
                .unwrap_or_default();
            let (id, title) = (sanitize_line(&a.id), sanitize_line(&a.title));
            writeln!(out, "  {id}  {title}{}", sanitize_line(&date))?;
        }
    }
    Ok(())
}

fn write_list_json(
    archive: &Library,
    groups: &Groups,
    filter: Option<&str>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let groups: Vec<_> = list_entries(archive, groups, filter)
        .into_iter()
        .map(|g| {
            let articles: Vec<_> = g
                .articles
                .iter()
                .map(|&i| {
                    let a = &archive.articles[i];
                    json!({"id": a.id, "title": a.title, "subdistrict": a.subdistrict, "date": a.date})
                })
                .collect();
            json!({"district": g.district, "subdistrict": g.subdistrict, "articles": articles})
        })
        .collect();
    let doc = json!({"title": archive.title, "groups": groups});
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}

/// `bulletin show`: one article laid out by the layout engine, as plain text.
pub fn run_show(args: &ShowArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let archive = match load_archive(args.archive.as_deref()) {
        Ok(a) => a,
        Err(e) => return fail(err, &e.to_string()),
    };
    let Some(article) = archive.articles.iter().find(|a| a.id == args.id) else {
        let msg = format!(
            "no article with id {} (see `bulletin list`)",
            sanitize_line(&args.id)
        );
        return fail(err, &msg);
    };
    let doc = model::article_doc(article);
    let mode: WidthMode = args.ambiguous_width.into();
    let laid = layout::layout(&doc, args.width, mode);
    finish(
        out.write_all(layout::render_plain(&doc, &laid).as_bytes()),
        err,
    )
}

/// `bulletin check`: validate and list every problem.
pub fn run_check(args: &CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match model::load_path(&args.archive) {
        Ok(archive) => {
            let groups = model::group(&archive);
            let subs: usize = groups.districts.iter().map(|d| d.subdistricts.len()).sum();
            let msg = format!(
                "{}: ok, {} articles in {} districts and {} subdistricts",
                args.archive.display(),
                archive.articles.len(),
                groups.districts.len(),
                subs
            );
            finish(writeln!(out, "{msg}"), err)
        }
        Err(e) => fail(err, &e.to_string()),
    }
}

/// `bulletin import`: plain text in, archive out.
pub fn run_import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match crate::import::run(args, out, err) {
        Ok(()) => EXIT_OK,
        Err(e) => fail(err, &e.to_string()),
    }
}

/// `bulletin bookmarks`: every bookmark, for scripts and backups. Opens the
/// state read-only: listing never moves, locks or rewrites anything.
pub fn run_bookmarks(args: &BookmarksArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let key = match &args.archive {
        Some(path) => match model::load_path(path) {
            Ok(a) => Some(ArchiveKey::new(&a.title, a.key.as_deref())),
            Err(e) => return fail(err, &e.to_string()),
        },
        None => None,
    };
    let dir = match store::data_dir(args.data_dir.as_deref()) {
        Ok(d) => d,
        Err(e) => return fail(err, &e.to_string()),
    };
    let (store, notices) = match Store::open_read_only(&dir) {
        Ok(s) => s,
        Err(e) => return fail(err, &e.to_string()),
    };
    for n in notices {
        let _ = writeln!(err, "bulletin: {n}");
    }
    let result = if args.json {
        serde_json::to_writer_pretty(&mut *out, &store::bookmarks_json(&store, key.as_ref()))
            .map_err(std::io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        store::bookmark_lines(&store, key.as_ref())
            .iter()
            .try_for_each(|line| writeln!(out, "{line}"))
    };
    finish(result, err)
}

/// `bulletin config`: the default settings, or which file is read and
/// whether it is valid.
pub fn run_config(args: &ConfigArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if args.default {
        return finish(out.write_all(Config::default_toml().as_bytes()), err);
    }
    let env = std::env::var_os("BULLETIN_CONFIG");
    let path =
        crate::config::resolve_path(args.config.as_deref(), env, crate::config::default_path());
    let Some((path, _)) = path else {
        return finish(
            writeln!(
                out,
                "no configuration directory; built-in defaults are used"
            ),
            err,
        );
    };
    if args.config.is_none() && !path.exists() {
        return finish(
            writeln!(
                out,
                "{}: not present; built-in defaults are used",
                path.display()
            ),
            err,
        );
    }
    match Config::load(Some(&path)) {
        Ok(_) => finish(writeln!(out, "{}: ok", path.display()), err),
        Err(e) => fail(err, &e.to_string()),
    }
}

fn fail(err: &mut dyn Write, msg: &str) -> u8 {
    let _ = writeln!(err, "bulletin: {msg}");
    EXIT_FAILURE
}

fn finish(result: std::io::Result<()>, err: &mut dyn Write) -> u8 {
    match result {
        Ok(()) => EXIT_OK,
        // A closed pipe (`bulletin list | head`) is not an error worth shouting about.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => fail(err, &format!("cannot write output: {e}")),
    }
}
