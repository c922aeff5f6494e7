//! The one way every command opens an archive: through the lazy loader
//! (`model::open_path_with`), leniently unless `--strict`, and never the
//! bundled sample unless asked for (`--sample`; only the reader opens it
//! when given no archive).

use std::path::Path;

use clap::Args;

use super::say::Say;
use crate::lang::Lang;
use crate::model::{self, Library, Strictness};

/// How a command reads its archive (`list`, `show`, `search`).
#[derive(Debug, Clone, Default, Args)]
pub struct Opening {
    /// Read the bundled sample archive (Zhongyuan district bulletin).
    #[arg(long)]
    pub sample: bool,
    /// Treat any problem in the archive as an error, as `bulletin check`
    /// does (by default what can be read is read, and problems counted).
    #[arg(long)]
    pub strict: bool,
    /// The language of messages (from `--lang` and the locale).
    #[arg(skip)]
    pub lang: Lang,
    /// The command, for messages.
    #[arg(skip)]
    pub command: &'static str,
}

impl Opening {
    /// Sets what the command line parser cannot: the language and the
    /// command's name.
    pub fn prepare(&mut self, command: &'static str, lang: Lang) {
        self.command = command;
        self.lang = lang;
    }

    pub fn strictness(&self) -> Strictness {
        if self.strict {
            Strictness::Strict
        } else {
            Strictness::Lenient
        }
    }
}

/// Opens the archive at `path` (or the sample with `--sample`) the way
/// `open` says; the error is one message in the user's language.
pub fn load_library(path: Option<&Path>, open: &Opening) -> Result<Library, String> {
    let lang = open.lang;
    match (path, open.sample) {
        (Some(_), true) => Err(Say::SampleAndArchive.text(lang)),
        (None, true) => model::load_sample()
            .map(Library::from)
            .map_err(|e| e.text(lang)),
        (None, false) => Err(Say::NeedArchive(open.command).text(lang)),
        (Some(p), false) => {
            let library = model::open_path_with(p, open.strictness()).map_err(|e| e.text(lang))?;
            if open.strict {
                strict_bodies(&library, p).map_err(|e| e.text(lang))?;
            }
            Ok(library)
        }
    }
}

/// With `--strict` a problem in a body is an error too, as `check` says:
/// opening reads only the metadata (bodies are read when an article is
/// opened), so they are all read here, and if any has a problem the full
/// loader gives `check`'s error.
fn strict_bodies(library: &Library, path: &Path) -> Result<(), model::LoadError> {
    let all_read = (0..library.articles.len()).all(|i| library.open(i).is_ok());
    match all_read && library.problem_count() == 0 {
        true => Ok(()),
        false => model::load_path(path).map(drop),
    }
}

/// The reader's archive: the one named, or the bundled sample.
pub fn reader_library(
    path: Option<&Path>,
    strictness: Strictness,
    lang: Lang,
) -> Result<Library, String> {
    match path {
        Some(p) => model::open_path_with(p, strictness).map_err(|e| e.text(lang)),
        None => model::load_sample()
            .map(Library::from)
            .map_err(|e| e.text(lang)),
    }
}
