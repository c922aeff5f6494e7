//! The non-interactive commands. Each writes to the given writers and
//! returns an exit status, so tests can run them without a process.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use serde_json::json;

use super::article::{open_in, open_named};
use super::say::Say;
use super::{BookmarksArgs, ConfigArgs, EXIT_OK, ListArgs, ShowArgs, fail, finish, load_library};
use crate::config::Config;
use crate::import::ImportArgs;
use crate::lang::Lang;
use crate::model::{self, Groups, Library, Mended, Strictness};
use crate::store::{self, ArchiveKey, Store};
use crate::text::sanitize::{is_clean, sanitize_line};
use crate::text::{WidthMode, layout};

/// `bulletin list`: groups and articles, as text or JSON. Reads only the
/// metadata; broken articles are listed apart, with why.
pub fn run_list(args: &ListArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let archive = match load_library(args.archive.as_deref(), &args.open) {
        Ok(a) => a,
        Err(e) => return e.report(err),
    };
    let name = args.archive.as_deref().map_or_else(String::new, shown);
    list_on(&archive, &name, args, out, err)
}

/// `bulletin list` on an archive already loaded (a server's), named
/// `name` in messages; what `args` says of the archive itself is not
/// read.
pub fn list_on(
    archive: &Library,
    name: &str,
    args: &ListArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let lang = args.open.lang;
    let groups = model::group_items(&archive.articles);
    if let Some(sub) = &args.subdistrict {
        let known = groups
            .districts
            .iter()
            .any(|d| d.subdistricts.iter().any(|s| &s.name == sub));
        if !known {
            return fail(err, &Say::NoSubdistrict(sanitize_line(sub)).text(lang));
        }
    }
    note_problems(archive, name, lang, err);
    // Standard output flushes at every line: a million lines were a
    // million writes.
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let result = if args.json {
        write_list_json(archive, &groups, args.subdistrict.as_deref(), &mut out)
    } else {
        write_list_text(
            archive,
            &groups,
            args.subdistrict.as_deref(),
            lang,
            &mut out,
        )
    };
    finish(result.and_then(|()| out.flush()), lang, err)
}

/// A path as messages show it.
pub(super) fn shown(path: &Path) -> String {
    sanitize_line(&path.display().to_string())
}

/// Says on standard error how many problems were read around.
fn note_problems(lib: &Library, name: &str, lang: Lang, err: &mut dyn Write) {
    let count = lib.problem_count();
    if count > 0 && lib.strictness() == Strictness::Lenient {
        let archive = sanitize_line(name);
        let _ = writeln!(
            err,
            "bulletin: {}",
            Say::ProblemsNote { count, archive }.text(lang)
        );
    }
}

fn keep(filter: Option<&str>, name: Option<&str>) -> bool {
    filter.is_none() || filter == name
}

/// The groups to list, without broken articles (listed apart).
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
    for g in &mut entries {
        g.articles.retain(|&i| archive.broken(i).is_none());
    }
    entries.retain(|g| !g.articles.is_empty());
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
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, "{}", sanitize_line(&archive.title))?;
    let level = Say::DistrictLevel.text(lang);
    for g in list_entries(archive, groups, filter) {
        let sub = g.subdistrict.as_deref().unwrap_or(&level);
        let (d, s) = (sanitize_line(&g.district), sanitize_line(sub));
        writeln!(out, "\n{d} › {s} ({})", g.articles.len())?;
        for &i in &g.articles {
            let a = &archive.articles[i];
            let (id, title) = (one_line(&a.id), one_line(&a.title));
            match a.date.as_deref() {
                Some(d) if is_clean(d) => writeln!(out, "  {id}  {title}  {d}")?,
                Some(d) => writeln!(out, "  {id}  {title}{}", sanitize_line(&format!("  {d}")))?,
                None => writeln!(out, "  {id}  {title}")?,
            }
        }
    }
    let broken = broken_of(archive);
    if !broken.is_empty() && filter.is_none() {
        writeln!(out, "\n{}", Say::BrokenHeading.text(lang))?;
        for (i, faults) in broken {
            let why: Vec<String> = faults.iter().map(|f| f.text(lang)).collect();
            let id = sanitize_line(&archive.articles[i].id);
            writeln!(out, "  {id}  {}", why.join(lang.semicolon()))?;
        }
    }
    Ok(())
}

/// `s` as [`sanitize_line`] gives it, copied only when that changes it.
fn one_line(s: &str) -> Cow<'_, str> {
    match is_clean(s) {
        true => Cow::Borrowed(s),
        false => Cow::Owned(sanitize_line(s)),
    }
}

/// The broken articles, in archive order, with why.
fn broken_of(archive: &Library) -> Vec<(usize, &[model::Fault])> {
    (0..archive.articles.len())
        .filter_map(|i| archive.broken(i).map(|f| (i, f)))
        .collect()
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
    let broken: Vec<_> = broken_of(archive)
        .into_iter()
        .map(|(i, faults)| {
            let a = &archive.articles[i];
            let problems: Vec<String> = faults.iter().map(ToString::to_string).collect();
            json!({"id": a.id, "title": a.title, "district": a.district, "problems": problems})
        })
        .collect();
    let doc = json!({"title": archive.title, "groups": groups, "broken": broken,
        "problems": archive.problem_count()});
    super::json::write_json(out, &doc)
}

/// `bulletin show`: one article laid out by the layout engine, as plain
/// text, read through the same loader as the reader (found by the id
/// index, only its body parsed). Placeholders stand for what cannot be
/// read; its problems go to standard error.
pub fn run_show(args: &ShowArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match open_named(&args.article, err) {
        Ok(mended) => write_show(&mended, args, out, err),
        Err(status) => status,
    }
}

/// `bulletin show` of article `id` of an archive already loaded (a
/// server's), named `name` in messages.
pub fn show_on(
    archive: &Library,
    name: &str,
    id: &str,
    args: &ShowArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    match open_in(archive, name, id, args.article.open.lang, err) {
        Ok(mended) => write_show(&mended, args, out, err),
        Err(status) => status,
    }
}

fn write_show(mended: &Mended, args: &ShowArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let lang = args.article.open.lang;
    let doc = model::mended_doc(mended, lang);
    let mode: WidthMode = args.ambiguous_width.into();
    let laid = layout::layout(&doc, args.width, mode);
    finish(
        out.write_all(layout::render_plain(&doc, &laid).as_bytes()),
        lang,
        err,
    )
}

/// `bulletin import`: plain text in, archive out.
pub fn run_import(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    match crate::import::run(args, out, err) {
        Ok(()) => EXIT_OK,
        Err(e) => fail(err, &e.text(args.lang)),
    }
}

/// `bulletin bookmarks`: every bookmark, for scripts and backups. Opens the
/// state read-only: listing never moves, locks or rewrites anything. The
/// archive is only read for its identity (the quick pass over metadata).
pub fn run_bookmarks(
    args: &BookmarksArgs,
    lang: Lang,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let key = match &args.archive {
        Some(path) => match model::open_path_with(path, Strictness::Lenient) {
            Ok(a) => Some(ArchiveKey::new(&a.title, a.key.as_deref())),
            Err(e) => return fail(err, &e.text(lang)),
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
        let _ = writeln!(err, "bulletin: {}", crate::app::i18n::notice(&n, lang));
    }
    let result = if args.json {
        super::json::write_json(out, &store::bookmarks_json(&store, key.as_ref()))
    } else {
        let lines = store::bookmark_lines(&store, key.as_ref());
        if lines.is_empty() {
            // Said on standard error: a script reading the list still
            // gets an empty one.
            let none = match key {
                Some(_) => Say::NoBookmarksHere,
                None => Say::NoBookmarks,
            };
            let _ = writeln!(err, "bulletin: {}", none.text(lang));
        }
        lines.iter().try_for_each(|line| writeln!(out, "{line}"))
    };
    finish(result, lang, err)
}

/// `bulletin config`: the default settings, or which file is read and
/// whether it is valid.
pub fn run_config(args: &ConfigArgs, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    if args.default {
        return finish(
            out.write_all(Config::default_toml_in(lang).as_bytes()),
            lang,
            err,
        );
    }
    let env = std::env::var_os("BULLETIN_CONFIG");
    let path =
        crate::config::resolve_path(args.config.as_deref(), env, crate::config::default_path());
    let say = |s: Say| s.text(lang);
    let Some((path, _)) = path else {
        return finish(writeln!(out, "{}", say(Say::NoConfigDir)), lang, err);
    };
    let shown = sanitize_line(&path.display().to_string());
    if args.config.is_none() && !path.exists() {
        return finish(
            writeln!(out, "{}", say(Say::ConfigAbsent(shown))),
            lang,
            err,
        );
    }
    match Config::load_in(Some(&path), lang) {
        Ok(_) => finish(writeln!(out, "{}", say(Say::ConfigOk(shown))), lang, err),
        Err(e) => {
            for line in e.text(lang).lines() {
                let _ = writeln!(err, "bulletin: {line}");
            }
            super::EXIT_FAILURE
        }
    }
}
