//! The terminal: set-up and restore in one place, the event sources, the
//! save worker, and the run loop (generic over the ratatui backend so
//! tests drive it with `TestBackend`). `term` runs an app it is given; the
//! reader command that builds it lives in `cli`. Input is bytes parsed by
//! `input` and output any writer (`session`): the process's terminal
//! (`local`, [`run_app`]) is one session, an SSH channel can be another
//! ([`session::run`]).

pub mod backend;
pub mod capped;
pub mod clipboard;
mod csi;
mod ending;
mod events;
mod find;
mod hangup;
pub mod input;
mod local;
pub mod probe;
mod reply;
mod run_loop;
mod runtime;
mod screen;
pub mod session;
pub mod signals;
mod worker;

use std::io::Write;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use ratatui::Terminal;
use ratatui::backend::Backend;

use crate::app::{Action, App, Event};
use crate::text::WidthMode;
use crate::ui;
pub use ending::Ending;
use ending::ending;
use runtime::Runtime;
pub use session::{Feed, Session};
pub use worker::SaveWorker;

/// Reads the archive again when the reader asks (`R`) on a session's
/// behalf: a server serving many sessions reads it once for all, and
/// the answer comes back to the session as an event. A session with one
/// keeps no watcher of its own either: the server's watcher is the one.
pub type Reloader = std::sync::Arc<dyn Fn(crate::app::effect::ReloadJob) + Send + Sync>;

/// Builds the archive's search index on a session's behalf: a server
/// serving many sessions builds it once however many ask, and answers
/// each of them with events (its progress, then `Action::IndexDone`).
pub type IndexBuilder = std::sync::Arc<dyn Fn(IndexJob) + Send + Sync>;

/// An index a session's search needs.
pub struct IndexJob {
    /// The archive it is of (the session's version).
    pub library: std::sync::Arc<crate::model::Library>,
    /// Where it goes.
    pub path: std::path::PathBuf,
    /// The index the session was searching with, found damaged: not to
    /// be handed back.
    pub damaged: Option<crate::app::IndexHandle>,
}

/// What a server does once for all its sessions that a local reader
/// does itself (`None`: the session does it), and what only the process's
/// own terminal can do.
#[derive(Clone, Default)]
pub struct Shared {
    /// Reads the archive again on `R`.
    pub reloader: Option<Reloader>,
    /// Builds the search index the first time a search needs it.
    pub index_builder: Option<IndexBuilder>,
    /// Stops the process until the shell continues it (Ctrl-Z), the
    /// terminal given back meanwhile; only on the process's terminal.
    pub suspend: Option<Suspender>,
}

/// Gives the terminal back, stops the process (SIGTSTP, as Ctrl-Z does in
/// a shell), and takes the terminal again once it is continued.
pub type Suspender = std::sync::Arc<dyn Fn() + Send + Sync>;

/// How the reader uses the terminal (from the command line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The ambiguous width the user set; `None`: ask the terminal.
    pub forced: Option<WidthMode>,
    pub backend: backend::Choice,
    /// Leave once the first frame is drawn (start-up benchmarks).
    pub exit_after_first_frame: bool,
}

/// Mouse reporting for clicks, drags and the wheel only (DEC 1000, 1002,
/// SGR 1006): no any-motion tracking (1003), which would send every
/// movement of the mouse over SSH.
pub const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1002h\x1b[?1006h";
pub const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1002l\x1b[?1000l";

/// Bracketed paste (DEC 2004): the terminal marks pasted text, which then
/// comes as one `Event::Paste` (one edit of a prompt or a filter) instead
/// of a key per character. Off again on every way out (`screen::leave`,
/// the panic hook, a session's end).
pub const PASTE_ON: &str = "\x1b[?2004h";
pub const PASTE_OFF: &str = "\x1b[?2004l";

/// Takes over the terminal, runs `app` until it quits, and restores the
/// terminal on every way out (panics included; see `screen`). Terminating
/// signals are caught from before the first byte is sent (`signals`).
pub fn run_app(app: &mut App, options: Options) -> std::io::Result<Ending> {
    let input = events::Input::channel();
    signals::install(input.tx.clone())?;
    screen::enter()?;
    let (result, lost) = match local::session() {
        Ok((session, local)) => {
            let lost = session.lost.clone();
            let result = session::serve(app, options, session, input, Some(local));
            (result, lost.load(Ordering::SeqCst))
        }
        Err(e) => (Err(e), false),
    };
    screen::leave();
    ending(result, lost)
}

/// Makes the next frame draw the whole screen. While a window is dragged,
/// a frame laid out for one size can reach the terminal at another (a
/// line too long for it wraps and scrolls the screen), and later frames
/// only send what changed: after every resize, everything is sent again.
/// Through `resize`, not `clear`: ratatui's `clear` first asks the backend
/// for the cursor position, which crossterm's backend asks the terminal,
/// and the input thread holds crossterm's reader, so that times out.
fn redraw_all<B: Backend>(terminal: &mut Terminal<B>) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = terminal.size().map_err(std::io::Error::other)?;
    let area = ratatui::layout::Rect::new(0, 0, size.width, size.height);
    terminal.resize(area).map_err(std::io::Error::other)
}

fn write_now(out: &mut dyn Write, s: &str) -> std::io::Result<()> {
    out.write_all(s.as_bytes())?;
    out.flush()
}

fn start<B: Backend>(
    t: &mut Terminal<B>,
    app: &mut App,
    options: Options,
    input: events::Input,
    out: &mut dyn Write,
    shared: Shared,
) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    if options.exit_after_first_frame {
        let mut rt = Runtime {
            worker: None,
            searcher: None,
            reads: None,
            shared: Shared::default(),
            out,
            suspended: false,
        };
        return draw(t, app, &mut rt);
    }
    run_with(t, app, input, out, shared)
}

/// Where the run loop's events come from.
pub trait Events {
    /// The next event; waits at most `wait` (then `Tick`), or for ever when
    /// `None`. `None` when the source is exhausted.
    fn next_event(&mut self, wait: Option<Duration>) -> Option<Event>;

    /// A way for other threads to wake the loop, if the source has one.
    fn waker(&self) -> Option<Sender<Event>> {
        None
    }

    /// An event that is already waiting, if any (never waits).
    fn try_next(&mut self) -> Option<Event> {
        None
    }
}

fn recv(rx: &Receiver<Event>, wait: Option<Duration>) -> Option<Event> {
    match wait {
        None => rx.recv().ok(),
        Some(d) => match rx.recv_timeout(d) {
            Ok(e) => Some(e),
            Err(RecvTimeoutError::Timeout) => Some(Event::Tick),
            Err(RecvTimeoutError::Disconnected) => None,
        },
    }
}

impl Events for Receiver<Event> {
    fn next_event(&mut self, wait: Option<Duration>) -> Option<Event> {
        recv(self, wait)
    }

    fn try_next(&mut self) -> Option<Event> {
        self.try_recv().ok()
    }
}

impl Events for events::Input {
    fn next_event(&mut self, wait: Option<Duration>) -> Option<Event> {
        recv(&self.rx, wait)
    }

    fn waker(&self) -> Option<Sender<Event>> {
        Some(self.tx.clone())
    }

    fn try_next(&mut self) -> Option<Event> {
        self.rx.try_recv().ok()
    }
}

/// Scripted events for tests: no waiting.
impl Events for std::vec::IntoIter<Event> {
    fn next_event(&mut self, _: Option<Duration>) -> Option<Event> {
        self.next()
    }
}

/// Draws a frame. The terminal's size is read first and any change goes
/// through `update`, so the layout always matches the screen even if a
/// resize signal was missed or came late.
fn draw<B: Backend>(t: &mut Terminal<B>, app: &mut App, rt: &mut Runtime) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let size = t.size().map_err(std::io::Error::other)?;
    if app.size != (size.width, size.height) {
        let effects = app.update(Action::Resize(size.width, size.height));
        rt.perform(app, effects)?;
    }
    t.draw(|f| ui::render(app, f))
        .map_err(std::io::Error::other)?;
    Ok(())
}

/// The run loop: draw, wait for an event (blocking; a timeout only while a
/// save is due), update, perform the effects, repeat until the app quits or
/// the events end; then wait for the saves still running.
pub fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: impl Events,
    out: &mut dyn Write,
) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    run_with(terminal, app, events, out, Shared::default())
}

/// [`run`], with what the `shared` hooks do done by them.
fn run_with<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    mut events: impl Events,
    out: &mut dyn Write,
    shared: Shared,
) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    let saver = app.persist.as_mut().and_then(|p| p.store.take_saver());
    // Follows the archive on disk (issue 14); stops when dropped. Not
    // when it is read for the session (a server follows it).
    let follows = app.source.as_ref().filter(|_| shared.reloader.is_none());
    let _watch = follows.and_then(|s| crate::watch::start(s, events.waker()?));
    let mut rt = Runtime {
        worker: saver.map(|s| SaveWorker::spawn(s, events.waker())),
        searcher: events.waker().map(find::Searcher::new),
        reads: events.waker(),
        shared,
        out,
        suspended: false,
    };
    let ahead = app.ahead();
    rt.perform(app, ahead)?;
    let result = run_loop::event_loop(terminal, app, &mut events, &mut rt);
    if !app.quit {
        // The events ended (the terminal went away): save what is left.
        let effects = app.update(Action::Terminate);
        rt.perform(app, effects)?;
    }
    while rt.collect(app, true)? {}
    result
}
