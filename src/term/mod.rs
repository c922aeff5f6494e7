//! The terminal: set-up and restore in one place, the event sources, and
//! the run loop (generic over the ratatui backend so tests drive it with
//! `TestBackend`).

pub mod backend;
pub mod clipboard;
mod events;
pub mod probe;

use std::io::{IsTerminal, Write};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, Event, WidthSource, keymap};
use crate::cli::{
    EXIT_FAILURE, EXIT_NO_TERMINAL, EXIT_OK, ReaderArgs, load_library, settings_from,
};
use crate::config::Config;
use crate::store;
use crate::text::WidthMode;
use crate::ui;
use probe::ProbeResult;

/// Runs the reader until the user quits; returns the exit status. The
/// config file and the archive are loaded and checked before the screen is
/// taken over, so errors print normally.
pub fn run_reader(args: &ReaderArgs, err: &mut dyn Write) -> u8 {
    let config = match Config::load(args.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            for line in e.to_string().lines() {
                let _ = writeln!(err, "bulletin: {line}");
            }
            return EXIT_FAILURE;
        }
    };
    if !std::io::stdout().is_terminal() {
        let _ = writeln!(
            err,
            "bulletin: the reader needs a terminal on standard output; use `bulletin list` or `bulletin show ID` in pipes"
        );
        return EXIT_NO_TERMINAL;
    }
    let archive = match load_library(args.archive.as_deref()) {
        Ok(a) => a,
        Err(e) => {
            let _ = writeln!(err, "bulletin: {e}");
            return EXIT_FAILURE;
        }
    };
    keymap::install(config.keys.to_bindings());
    let (settings, forced) = settings_from(args, &config, |k| std::env::var(k).ok());
    let app = App::new(archive, settings);
    let mut app = attach_store(app, args, err);
    match run_in_terminal(&mut app, forced) {
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
            if let Some(n) = notices.first() {
                app.update(Action::Notice(n.to_string()));
            }
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

/// Takes over the terminal, runs, and restores it on every way out
/// (`ratatui::try_init` installs the panic hook that restores too).
/// `BULLETIN_BACKEND=plain` draws with ratatui's stock crossterm backend
/// (for comparison); the default is the lean backend (issue 7).
fn run_in_terminal(app: &mut App, forced: Option<WidthMode>) -> std::io::Result<()> {
    let terminal = ratatui::try_init()?;
    if forced.is_none() {
        // Asked on the alternate screen before any input thread exists, so
        // the reply can never be read as keys (see `probe`).
        let found =
            probe::detect_ambiguous_width(probe::DEFAULT_TIMEOUT).unwrap_or(ProbeResult::NoAnswer);
        let source = match found {
            ProbeResult::NoAnswer => WidthSource::NoAnswer,
            _ => WidthSource::Detected,
        };
        app.update(Action::WidthMode(found.mode(), source));
    }
    let mouse = app.settings.mouse;
    if mouse {
        crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture)?;
    }
    let clip = &mut std::io::stdout();
    let choice = backend::Choice::from_env(std::env::var("BULLETIN_BACKEND").ok().as_deref());
    let result = match choice {
        backend::Choice::Plain => {
            let mut terminal = terminal;
            events::spawn().and_then(|rx| run(&mut terminal, app, rx, clip))
        }
        backend::Choice::Lean(sync) => {
            drop(terminal);
            let lean = backend::LeanBackend::new(std::io::stdout(), sync);
            Terminal::new(lean)
                .and_then(|mut t| events::spawn().and_then(|rx| run(&mut t, app, rx, clip)))
        }
    };
    if mouse {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    }
    ratatui::restore();
    result
}

/// Draws a frame. The terminal's size is read first and any change goes
/// through `update`, so the layout always matches the screen even if a
/// resize signal was missed or came late.
fn draw<B: Backend>(terminal: &mut Terminal<B>, app: &mut App) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(std::io::Error::other)?;
    if app.size != (size.width, size.height) {
        app.update(Action::Resize(size.width, size.height));
    }
    terminal
        .draw(|f| ui::render(app, f))
        .map_err(std::io::Error::other)?;
    Ok(())
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
    clip_out: &mut dyn Write,
) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    draw(terminal, app)?;
    // Benchmarking hook for `scripts/bench-scale` (docs/performance.md).
    if std::env::var_os("BULLETIN_EXIT_AFTER_FIRST_FRAME").is_some() {
        return Ok(());
    }
    let mut copied = 0;
    while let Some(event) = events.next_event(app.wake_after()) {
        if let Some(action) = app.action_for(event) {
            app.update(action);
        }
        if app.quit {
            return Ok(());
        }
        draw(terminal, app)?;
        if let Some(copy) = app.clipboard.as_ref().filter(|c| c.seq > copied) {
            copied = copy.seq;
            clipboard::send(clip_out, &copy.text)?;
        }
    }
    // The events ended (the terminal went away): save what is left.
    app.update(Action::Terminate);
    Ok(())
}
