//! The terminal: set-up and restore in one place, the event sources, and
//! the run loop (generic over the ratatui backend so tests drive it with
//! `TestBackend`).

pub mod backend;
mod events;

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, ColorLevel, Event, Lang, Settings};
use crate::cli::{EXIT_FAILURE, EXIT_NO_TERMINAL, EXIT_OK, LangArg, ReaderArgs, load_archive};
use crate::store;
use crate::ui;

/// Runs the reader until the user quits; returns the exit status. The
/// archive is loaded and checked before the screen is taken over, so
/// errors print normally.
pub fn run_reader(args: &ReaderArgs, err: &mut dyn Write) -> u8 {
    if !std::io::stdout().is_terminal() {
        let _ = writeln!(
            err,
            "bulletin: the reader needs a terminal on standard output; use `bulletin list` or `bulletin show ID` in pipes"
        );
        return EXIT_NO_TERMINAL;
    }
    let archive = match load_archive(args.archive.as_deref()) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "bulletin: {e}");
            return EXIT_FAILURE;
        }
    };
    let app = App::new(archive, settings_from(args, |k| std::env::var(k).ok()));
    let mut app = attach_store(app, args, err);
    match run_in_terminal(&mut app) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "bulletin: terminal error: {e}");
            EXIT_FAILURE
        }
    }
}

/// Opens the state store (bookmarks, positions) before the screen is taken,
/// so its notices (a damaged file moved aside, a newer version) print
/// normally; the first one also shows in the reader's status line.
fn attach_store(app: App, args: &ReaderArgs, err: &mut dyn Write) -> App {
    let opened = store::data_dir(args.data_dir.as_deref()).and_then(|dir| store::Store::open(&dir));
    match opened {
        Ok((store, notices)) => {
            let mut app = app.with_store(store);
            for n in &notices {
                let _ = writeln!(err, "bulletin: {n}");
            }
            app.status = notices.first().map(|n| n.to_string());
            app
        }
        Err(e) => {
            let _ = writeln!(
                err,
                "bulletin: bookmarks and positions will not be kept: {e}"
            );
            app
        }
    }
}

/// Settings from the command line and the environment.
pub fn settings_from(args: &ReaderArgs, env: impl Fn(&str) -> Option<String> + Copy) -> Settings {
    let lang = match args.lang {
        Some(LangArg::Zh) => Lang::Zh,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(env),
    };
    Settings {
        mode: args.ambiguous_width.into(),
        ascii: args.ascii,
        max_width: args.width,
        lang,
        color: ColorLevel::from_env(env),
    }
}

/// Takes over the terminal, runs, and restores it on every way out
/// (`ratatui::try_init` installs the panic hook that restores too).
/// `BULLETIN_BACKEND=plain` draws with ratatui's stock crossterm backend
/// (for comparison); the default is the lean backend (issue 7).
fn run_in_terminal(app: &mut App) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let choice = backend::Choice::from_env(std::env::var("BULLETIN_BACKEND").ok().as_deref());
    let result = match choice {
        backend::Choice::Plain => events::spawn().and_then(|rx| run(&mut terminal, app, rx)),
        backend::Choice::Lean(sync) => {
            drop(terminal);
            let lean = backend::LeanBackend::new(std::io::stdout(), sync);
            Terminal::new(lean)
                .and_then(|mut t| events::spawn().and_then(|rx| run(&mut t, app, rx)))
        }
    };
    ratatui::restore();
    result
}

/// Where the run loop's events come from.
pub trait Events {
    /// The next event; waits at most `wait` (then `Tick`), or for ever when
    /// `None`. `None` when the source is exhausted.
    fn next_event(&mut self, wait: Option<Duration>) -> Option<Event>;
}

impl Events for Receiver<Event> {
    fn next_event(&mut self, wait: Option<Duration>) -> Option<Event> {
        match wait {
            None => self.recv().ok(),
            Some(d) => match self.recv_timeout(d) {
                Ok(e) => Some(e),
                Err(RecvTimeoutError::Timeout) => Some(Event::Tick),
                Err(RecvTimeoutError::Disconnected) => None,
            },
        }
    }
}

/// Scripted events for tests: no waiting.
impl Events for std::vec::IntoIter<Event> {
    fn next_event(&mut self, _: Option<Duration>) -> Option<Event> {
        self.next()
    }
}

/// The run loop: draw, wait for an event (blocking; a timeout only while a
/// save is pending), update, repeat until the app quits or the events end.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: impl Events,
) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|f| ui::render(app, f)).map_err(Into::into)?;
    while let Some(event) = events.next_event(app.wake_after()) {
        if let Some(action) = app.action_for(event) {
            app.update(action);
        }
        if app.quit {
            return Ok(());
        }
        terminal.draw(|f| ui::render(app, f)).map_err(Into::into)?;
    }
    // The events ended (the terminal went away): save what is left.
    app.update(Action::Terminate);
    Ok(())
}
