//! The one way every command opens an archive: through the lazy loader
//! (`model::open_path_with`), leniently unless `--strict`
//! (`model::open_path_checked`: every problem an error, bodies too, the
//! archive read once, each article checked as it is read), and never the
//! bundled sample unless asked for
//! (`--sample`; only the reader opens it when given no archive).

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
    /// The cache directory given on the command line (`search
    /// --cache-dir`), where the metadata cache is kept.
    #[arg(skip)]
    pub cache_dir: Option<std::path::PathBuf>,
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

/// Why an archive was not opened, in the user's language.
#[derive(Debug)]
pub enum OpenFailed {
    /// The command line does not name one archive (exit status 2).
    Usage(String),
    /// It could not be read (exit status 1).
    Read(String),
}

impl OpenFailed {
    /// Says why on `err`; the exit status.
    pub fn report(&self, err: &mut dyn std::io::Write) -> u8 {
        match self {
            OpenFailed::Usage(text) => super::usage_fail(err, text),
            OpenFailed::Read(text) => super::fail(err, text),
        }
    }
}

/// Opens the archive at `path` (or the sample with `--sample`) the way
/// `open` says; the error is one message in the user's language.
pub fn load_library(path: Option<&Path>, open: &Opening) -> Result<Library, OpenFailed> {
    let lang = open.lang;
    let read = |text: String| OpenFailed::Read(text);
    match (path, open.sample) {
        (Some(_), true) => Err(OpenFailed::Usage(Say::SampleAndArchive.text(lang))),
        (None, true) => model::load_sample()
            .map(Library::from)
            .map_err(|e| read(e.text(lang))),
        (None, false) => Err(OpenFailed::Usage(Say::NeedArchive(open.command).text(lang))),
        // Strict, every body is checked as the archive is opened, with
        // `check`'s messages: no second reading here.
        (Some(p), false) if open.strict => {
            model::open_path_checked(p).map_err(|e| read(e.text(lang)))
        }
        (Some(p), false) => open_cached(p, open.strictness(), open.cache_dir.as_deref())
            .map_err(|e| read(e.text(lang))),
    }
}

/// Opens the archive file `path` through the metadata cache in the cache
/// directory (`cache_dir`, else the default), or without one if there is
/// no cache directory.
fn open_cached(
    path: &Path,
    strictness: Strictness,
    cache_dir: Option<&Path>,
) -> Result<Library, model::LoadError> {
    match crate::find::meta_cache(cache_dir) {
        Some(cache) => model::open_path_cached(path, strictness, &cache),
        None => model::open_path_with(path, strictness),
    }
}

/// The reader's archive: the one named, or the bundled sample.
pub fn reader_library(
    path: Option<&Path>,
    strictness: Strictness,
    cache_dir: Option<&Path>,
    lang: Lang,
) -> Result<Library, String> {
    match path {
        Some(p) => open_cached(p, strictness, cache_dir).map_err(|e| e.text(lang)),
        None => model::load_sample()
            .map(Library::from)
            .map_err(|e| e.text(lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::bytes_read;

    /// `--strict` reads the archive once, a window at a time, each body
    /// checked as it is read, problems or not: memory stays flat.
    #[test]
    fn strict_never_holds_a_good_archive_whole() {
        let good = r#"{"id": "a", "title": "t", "district": "d", "body": [{"type": "paragraph", "text": "x"}]}"#;
        let bad = r#"{"id": "b", "title": "t", "district": "d", "body": [{"type": "image", "text": "x"}]}"#;
        let dir = tempfile::tempdir().unwrap();
        let open = Opening {
            strict: true,
            lang: Lang::En,
            command: "list",
            ..Opening::default()
        };
        for (name, text, ok) in [
            ("good", format!("{good}\n"), true),
            ("bad", format!("{good}\n{bad}\n"), false),
        ] {
            let path = dir.path().join(format!("{name}.jsonl"));
            std::fs::write(&path, &text).unwrap();
            let before = bytes_read();
            let loaded = load_library(Some(&path), &open);
            assert_eq!(loaded.is_ok(), ok, "{name}");
            let (read, len) = (bytes_read() - before, text.len() as u64);
            assert_eq!(read, len, "{name}: one reading");
        }
    }
}
