//! Rendering: `render` reads `&App` and draws one frame. Nothing here
//! changes the state.

mod bookmarks;
mod browse;
mod chrome;
mod help;
mod reader;
pub mod textput;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Msg, Screen, too_small};
use crate::text::sanitize_line;
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let cursor = draw(app, area, frame.buffer_mut());
    if let Some((x, y)) = cursor {
        frame.set_cursor_position((x, y));
    }
}

/// Draws into `buf`; returns where the text cursor belongs, if anywhere.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) -> Option<(u16, u16)> {
    let theme = Theme::new(app.settings.color);
    if too_small(area.width, area.height) {
        chrome::too_small(app, area, buf, &theme);
        return None;
    }
    let cursor = match app.screen {
        Screen::Browse => browse::draw(app, area, buf, &theme),
        Screen::Read => {
            reader::draw(app, area, buf, &theme);
            None
        }
        Screen::Bookmarks => bookmarks::draw(app, area, buf, &theme),
    };
    let cursor = match &app.prompt {
        Some(p) => Some(chrome::prompt(app, p, area, buf, &theme)),
        None => cursor,
    };
    if let Some(scroll) = app.help {
        help::draw(app, scroll, area, buf, &theme);
        return None;
    }
    cursor
}

/// What the status line says instead of its usual content: a one-off
/// message, a pending save failure, or both.
fn status_text(app: &App) -> Option<String> {
    // A pending save failure stays visible whatever else is said.
    let failure = app
        .persist
        .as_ref()
        .and_then(|p| p.error.as_ref())
        .map(|err| format!("{}: {}", t(app, Msg::SaveFailed), sanitize_line(err)));
    match (app.status.clone(), failure) {
        (Some(msg), Some(fail)) => Some(format!("{msg}; {fail}")),
        (msg, fail) => msg.or(fail),
    }
}

/// The message text in the app's language.
fn t(app: &App, msg: Msg) -> &'static str {
    msg.text(app.settings.lang)
}
