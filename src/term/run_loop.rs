//! The run loop proper: take what is waiting, update, draw.
//!
//! Everything already waiting is taken from the source at once, so a
//! burst of input (a paste the terminal did not bracket arrives as
//! hundreds of keys) costs one frame, not one per key: consecutive edits
//! of the list's filter go to `App::update_edits` together (the list is
//! filtered once, for the last), and a frame is drawn only when nothing
//! more is waiting (or a frame is overdue). A quit key (Ctrl-c) found
//! among what is waiting is handled before the keys typed ahead of it.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use ratatui::Terminal;
use ratatui::backend::Backend;

use super::runtime::Runtime;
use super::{Events, draw, redraw_all};
use crate::app::{Action, App, Event};

/// While input keeps coming, a frame is drawn at least this often.
const FRAME_DUE: Duration = Duration::from_millis(50);

/// Input from the user (what an article being opened holds back).
fn is_typed(event: &Event) -> bool {
    matches!(
        event,
        Event::Key(_) | Event::Paste(_) | Event::Scroll(_) | Event::Click(..)
    )
}

/// Moves every event already waiting in `events` to `queue`; true when
/// one of them is a key that quits at once (so it goes first: a long
/// paste must not hold Ctrl-c back). When quitting would ask first
/// (saving fails), keys keep their order: the question must not get
/// keys typed before it.
fn take_waiting(app: &App, events: &mut impl Events, queue: &mut VecDeque<Event>) -> bool {
    let mut quit = false;
    while let Some(next) = events.try_next() {
        quit |= matches!(next, Event::Key(_))
            && !app.saving_fails()
            && app.action_for(next.clone()) == Some(Action::Quit);
        queue.push_back(next);
    }
    quit
}

/// The last of the resizes waiting behind `first`: laying a long article
/// out again for each size a window passes through while it is dragged
/// froze the reader for as many layouts.
fn latest_resize(first: Event, queue: &mut VecDeque<Event>) -> Event {
    let mut latest = first;
    while matches!(queue.front(), Some(Event::Resize(..))) {
        latest = queue.pop_front().unwrap_or(latest);
    }
    latest
}

/// Updates the app with `action` and the filter edits right behind it
/// in `queue`, if it is one.
fn update_with_edits(
    app: &mut App,
    action: Action,
    queue: &mut VecDeque<Event>,
) -> Vec<crate::app::Effect> {
    if !app.is_filter_edit(&action) {
        return app.update(action);
    }
    let mut edits = vec![action];
    while let Some(next) = queue.front() {
        match app.action_for(next.clone()) {
            Some(a) if is_typed(next) && app.is_filter_edit(&a) => {
                edits.push(a);
                queue.pop_front();
            }
            _ => break,
        }
    }
    app.update_edits(edits)
}

pub(super) fn event_loop<B: Backend>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut impl Events,
    rt: &mut Runtime,
) -> std::io::Result<()>
where
    B::Error: std::error::Error + Send + Sync + 'static,
{
    draw(terminal, app, rt)?;
    let mut drawn = Instant::now();
    let mut resized = false;
    let mut queue = VecDeque::new();
    // Input typed while an article is read for opening: it is meant for
    // the article, so it waits for it (as if the read took no time).
    let mut typed = VecDeque::new();
    // The app's clock: `update` never reads one of its own.
    let start = Instant::now();
    loop {
        let ready = (!app.loads.pending()).then(|| typed.pop_front()).flatten();
        let Some(event) =
            (ready.or_else(|| queue.pop_front())).or_else(|| events.next_event(app.wake_after()))
        else {
            break;
        };
        if take_waiting(app, events, &mut queue) {
            let effects = app.update(Action::Tick(start.elapsed()));
            rt.perform(app, effects)?;
            let effects = app.update(Action::Quit);
            rt.perform(app, effects)?;
            if app.quit {
                return Ok(());
            }
        }
        if app.loads.pending() && is_typed(&event) {
            typed.push_back(event);
            continue;
        }
        let effects = app.update(Action::Tick(start.elapsed()));
        rt.perform(app, effects)?;
        resized |= matches!(event, Event::Resize(..));
        let event = match event {
            Event::Resize(..) => latest_resize(event, &mut queue),
            event => event,
        };
        if let Some(action) = app.action_for(event) {
            let effects = update_with_edits(app, action, &mut queue);
            rt.perform(app, effects)?;
        }
        // Continued after a stop: the terminal was the shell's meanwhile.
        resized |= std::mem::take(&mut rt.suspended);
        rt.collect(app, false)?;
        if app.quit {
            return Ok(());
        }
        // More is waiting: it is taken before the next frame (unless one
        // is overdue).
        if !queue.is_empty() && drawn.elapsed() < FRAME_DUE {
            continue;
        }
        if resized {
            redraw_all(terminal)?;
            resized = false;
        }
        // An article asked for comes next (a few milliseconds): a frame
        // now would show the screen before it, half changed.
        if !app.loads.pending() {
            draw(terminal, app, rt)?;
            drawn = Instant::now();
        }
    }
    Ok(())
}
