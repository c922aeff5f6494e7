//! The terminal: set-up and restore in one place, the event sources, and
//! the run loop (generic over the ratatui backend so tests drive it with
//! `TestBackend`).

mod events;

use std::io::{IsTerminal, Write};

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, ColorLevel, Event, Lang, Settings};
use crate::cli::{EXIT_FAILURE, EXIT_NO_TERMINAL, EXIT_OK, LangArg, ReaderArgs, load_archive};
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
    let mut app = App::new(archive, settings_from(args, |k| std::env::var(k).ok()));
    match run_in_terminal(&mut app) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "bulletin: terminal error: {e}");
            EXIT_FAILURE
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
fn run_in_terminal(app: &mut App) -> std::io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let result = events::spawn().and_then(|rx| run(&mut terminal, app, rx));
    ratatui::restore();
    result
}

/// The run loop: draw, wait for an event (blocking, no polling), update,
/// repeat until the app quits or the events end.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: impl IntoIterator<Item = Event>,
) -> std::io::Result<()>
where
    B::Error: Into<std::io::Error>,
{
    let size = terminal.size().map_err(Into::into)?;
    app.update(Action::Resize(size.width, size.height));
    terminal.draw(|f| ui::render(app, f)).map_err(Into::into)?;
    for event in events {
        if let Some(action) = app.action_for(event) {
            app.update(action);
        }
        if app.quit {
            break;
        }
        terminal.draw(|f| ui::render(app, f)).map_err(Into::into)?;
    }
    Ok(())
}
