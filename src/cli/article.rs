//! One article named on the command line (`show ARCHIVE ID`, `outline
//! ARCHIVE ID`, or `ID --archive ARCHIVE`): which archive and id were
//! meant, and the article read through the same loader as the reader,
//! its problems said on standard error.

use std::io::Write;
use std::path::Path;

use super::ArticleArgs;
use super::open::{Opening, load_library};
use super::say::Say;
use super::{fail, usage_fail};
use crate::lang::Lang;
use crate::model::{self, Library, Mended};
use crate::text::sanitize::sanitize_line;

/// Opens the article named, found by the id index (only its body
/// parsed); what was mended in it is said on `err`. On failure the
/// message is written and the exit status returned.
pub(crate) fn open_named(named: &ArticleArgs, err: &mut dyn Write) -> Result<Mended, u8> {
    let lang = named.open.lang;
    let (path, id) = target(named).map_err(|say| usage_fail(err, &say.text(lang)))?;
    let mended = match cached(path, id, &named.open) {
        Some(m) => m,
        None => {
            let archive = load_library(path, &named.open).map_err(|e| e.report(err))?;
            let name = path.map_or_else(|| "--sample".to_string(), super::commands::shown);
            return open_in(&archive, &name, id, lang, err);
        }
    };
    say_faults(&mended, id, lang, err);
    Ok(mended)
}

/// Opens article `id` of an archive already loaded (named `name` in
/// messages), as [`open_named`] does.
pub(crate) fn open_in(
    archive: &Library,
    name: &str,
    id: &str,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<Mended, u8> {
    let mended = article_in(archive, name, id, lang, err)?;
    say_faults(&mended, id, lang, err);
    Ok(mended)
}

/// What was mended in an article, said on `err`.
fn say_faults(mended: &Mended, id: &str, lang: Lang, err: &mut dyn Write) {
    for f in &mended.faults {
        let problem = model::Problem {
            location: None,
            article: sanitize_line(id),
            message: f.clone(),
        };
        let _ = writeln!(err, "bulletin: {}", problem.what(lang));
    }
}

/// The article from the metadata cache, by its cached place, when the
/// cache has it and its bytes are the ones cached (not with `--strict`:
/// that checks the whole archive).
fn cached(path: Option<&Path>, id: &str, open: &Opening) -> Option<Mended> {
    let path = path.filter(|_| !open.strict && !open.sample)?;
    let cache = crate::find::meta_cache(open.cache_dir.as_deref())?;
    model::open_article_cached(path, id, open.strictness(), &cache)
}

/// The article `id` of the archive, found by the id index (or, broken,
/// by a walk, to say why it cannot be shown).
fn article_in(
    archive: &Library,
    name: &str,
    id: &str,
    lang: Lang,
    err: &mut dyn Write,
) -> Result<Mended, u8> {
    let Some(i) = archive.index_of(id).or_else(|| broken_index(archive, id)) else {
        let (id, archive) = (sanitize_line(id), sanitize_line(name));
        return Err(fail(err, &Say::NoSuchId { id, archive }.text(lang)));
    };
    let mended = archive.open(i).map_err(|e| fail(err, &e.text(lang)))?;
    Ok(mended.into_owned())
}

/// A broken article named by its id, to say why it cannot be shown.
fn broken_index(archive: &Library, id: &str) -> Option<usize> {
    (0..archive.articles.len())
        .find(|&i| archive.broken(i).is_some() && archive.articles[i].id == id)
}

/// Which archive and which id: `ARCHIVE ID`, or `ID --archive ARCHIVE`
/// (or `--sample`).
fn target(named: &ArticleArgs) -> Result<(Option<&Path>, &str), Say> {
    let option = named.archive_option.as_deref();
    let by_option = option.is_some() || named.open.sample;
    let command = named.open.command;
    match (named.archive.as_deref(), named.id.as_deref()) {
        (Some(_), Some(_)) if option.is_some() => Err(Say::ArchiveTwice),
        (Some(archive), Some(id)) => Ok((Some(archive), id)),
        (Some(first), None) => match first.to_str() {
            Some(id) if by_option => Ok((option, id)),
            _ if by_option || first.exists() => Err(Say::NeedId(command)),
            _ => Err(Say::NeedArchive(command)),
        },
        (None, _) => Err(Say::NeedId(command)),
    }
}
