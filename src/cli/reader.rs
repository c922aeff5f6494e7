//! The reader command: load the settings, the archive and the state store
//! before the screen is taken (so errors print normally), build the app,
//! and hand it to `term` to run.

use std::io::{IsTerminal, Write};

use super::say::Say;
use super::{
    EXIT_FAILURE, EXIT_HANGUP, EXIT_NO_TERMINAL, EXIT_OK, ReaderArgs, reader_library, settings_from,
};
use crate::app::effect::update_inline;
use crate::app::{Action, App, ArchiveSource, IndexHandle, IndexState};
use crate::config::{Config, Language};
use crate::find::{self, Lookup};
use crate::lang::Lang;
use crate::model::{Library, Strictness};
use crate::store;
use crate::term::{self, Ending, backend::Choice};
use std::sync::Arc;

/// Archives up to this size have every body read on opening, so the
/// problems view is complete from the start; larger ones count the
/// problems of bodies as they are read.
const CHECK_BODIES_BYTES: u64 = 8 << 20;

/// Runs the reader until the user quits; returns the exit status.
pub fn run_reader(args: &ReaderArgs, lang: Option<Language>, err: &mut dyn Write) -> u8 {
    // Problems in the file are told in the language of --lang or the
    // locale: the file's own `language` is not known to be right.
    let early = lang.unwrap_or_default().resolve(|k| std::env::var(k).ok());
    let config = match Config::load_in(args.config.as_deref(), early) {
        Ok(c) => c,
        Err(e) => {
            for line in e.text(early).lines() {
                let _ = writeln!(err, "bulletin: {line}");
            }
            return EXIT_FAILURE;
        }
    };
    let (settings, forced) = settings_from(args, lang, &config, |k| std::env::var(k).ok());
    let lang = settings.lang;
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        let _ = writeln!(err, "bulletin: {}", Say::DumbTerminal.text(lang));
        return EXIT_NO_TERMINAL;
    }
    if !std::io::stdout().is_terminal() {
        let _ = writeln!(err, "bulletin: {}", Say::NeedsTerminal.text(lang));
        return EXIT_NO_TERMINAL;
    }
    let strictness = match args.strict {
        true => Strictness::Strict,
        false => Strictness::Lenient,
    };
    let archive = match reader_library(
        args.archive.as_deref(),
        strictness,
        args.cache_dir.as_deref(),
        lang,
    ) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "bulletin: {e}");
            return EXIT_FAILURE;
        }
    };
    check_small(&archive, args);
    let index = index_state(args, &archive);
    let source = args.archive.clone().map(|path| ArchiveSource {
        path,
        strictness,
        cache_dir: crate::find::cache_dir(args.cache_dir.as_deref()),
    });
    let app = App::new(archive, settings)
        .with_keymap(config.keys)
        .with_index(index)
        .with_source(source);
    let mut app = attach_store(app, args, lang, err);
    let options = term::Options {
        forced,
        backend: Choice::named(args.backend.as_deref()),
        exit_after_first_frame: args.exit_after_first_frame,
    };
    let cache = find::cache_dir(args.cache_dir.as_deref());
    let ended = term::run_app(&mut app, options);
    if let Err(e) = &ended {
        let _ = writeln!(
            err,
            "bulletin: {}",
            Say::TerminalError(e.to_string()).text(lang)
        );
    }
    let unsaved = super::unsaved::report(&app, cache, lang, err);
    match ended {
        Ok(Ending::Quit) => unsaved,
        // As shells expect of a process a signal ended.
        Ok(Ending::Signal(sig)) => 128u8.saturating_add(u8::try_from(sig).unwrap_or(0)),
        // The terminal hung up: as if by SIGHUP.
        Ok(Ending::Lost) => EXIT_HANGUP,
        Err(_) if unsaved == EXIT_OK => EXIT_FAILURE,
        Err(_) => unsaved,
    }
}

/// Reads every body of a small lazy archive now, so its problems are
/// known from the first frame.
fn check_small(archive: &Library, args: &ReaderArgs) {
    let small = args
        .archive
        .as_deref()
        .and_then(|p| std::fs::metadata(p).ok())
        .is_some_and(|m| m.is_file() && m.len() <= CHECK_BODIES_BYTES);
    if small {
        archive.check_bodies();
    }
}

/// The archive's search index: ready if the cache has a fresh one, to be
/// built on the first search if the archive is large, else unused. Never
/// built here: the reader does not wait for an index.
fn index_state(args: &ReaderArgs, archive: &Library) -> IndexState {
    let cache = find::cache_dir(args.cache_dir.as_deref());
    match find::lookup(archive, args.archive.as_deref(), cache.as_deref()) {
        Lookup::NotUsed => IndexState::Unused,
        Lookup::Ready(index) => IndexState::Ready(IndexHandle(Arc::new(index))),
        Lookup::Missing { path } => IndexState::Missing { path },
    }
}

/// Opens the state store (bookmarks, positions) before the screen is taken,
/// so its notices (a damaged file moved aside, a newer version) print
/// normally; the first one also shows in the reader's status line.
fn attach_store(app: App, args: &ReaderArgs, lang: Lang, err: &mut dyn Write) -> App {
    let opened = store::data_dir(args.data_dir.as_deref()).and_then(|dir| store::Store::open(&dir));
    match opened {
        Ok((store, notices)) => {
            let mut app = app.with_store(store);
            let notices: Vec<String> = notices
                .iter()
                .map(|n| crate::app::i18n::notice(n, lang))
                .collect();
            for n in &notices {
                let _ = writeln!(err, "bulletin: {n}");
            }
            if let Some(n) = notices.first() {
                update_inline(&mut app, Action::Notice(n.clone()));
            }
            app
        }
        Err(e) => {
            let _ = writeln!(err, "bulletin: {}", Say::NoStore(e.to_string()).text(lang));
            app
        }
    }
}
