//! Rendering: `render` reads `&App` and draws one frame. Nothing here
//! changes the state. Each screen has its draw function; where things go
//! comes from the app's geometry, the same the mouse code uses.

mod bookmarks;
mod browse;
mod chrome;
mod header;
mod help;
mod problems;
mod reader;
mod results;
pub mod textput;
pub mod theme;
mod toc;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::app::{App, Modal, Msg, Screen, View, too_small};
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
    match &app.view {
        View::Browse => browse::draw(app, area, buf, &theme),
        View::Read { reader, .. } => reader::draw(app, reader, area, buf, &theme),
        View::Over { screen, back } => draw_over(app, *screen, back, area, buf, &theme),
    }
    match &app.modal {
        Modal::None => None,
        Modal::Help { scroll } => {
            help::draw(app, *scroll, area, buf, &theme);
            None
        }
        Modal::Prompt { kind, input } => Some(chrome::prompt(app, *kind, input, area, buf, &theme)),
        Modal::Filter(input) => {
            let label = format!("{}{}", t(app, Msg::Filter), app.settings.lang.colon());
            let cursor = chrome::input_line(app, &label, input, area, buf, &theme);
            if input.is_empty() && input.is_untouched() {
                // What can be typed here, until something is: pinyin too
                // (on the list letters are keys; here every letter is text).
                chrome::placeholder(
                    app,
                    t(app, Msg::FilterPlaceholder),
                    cursor,
                    area,
                    buf,
                    &theme,
                );
            }
            Some(cursor)
        }
    }
}

/// A screen over another view: each screen's draw function (the
/// compiler asks for a new screen's).
fn draw_over(app: &App, screen: Screen, back: &View, area: Rect, buf: &mut Buffer, theme: &Theme) {
    match screen {
        Screen::Bookmarks => bookmarks::draw(app, area, buf, theme),
        Screen::Results => results::draw(app, area, buf, theme),
        Screen::Outline => {
            if let View::Read { reader, .. } = back {
                reader::draw(app, reader, area, buf, theme);
                toc::draw(app, reader, area, buf, theme);
            }
        }
        Screen::Problems => problems::draw(app, area, buf, theme),
        // Never over a view: drawn as the list, the reader or a modal.
        Screen::Browse
        | Screen::Read
        | Screen::Find
        | Screen::Filter
        | Screen::Search
        | Screen::Note
        | Screen::Quit
        | Screen::Help => {}
    }
}

/// The app's rectangle as ratatui's.
fn rect(r: crate::app::Rect) -> Rect {
    Rect::new(r.x, r.y, r.width, r.height)
}

/// What the status line says instead of its usual content: a one-off
/// message, a pending save failure, or both.
fn status_text(app: &App) -> Option<String> {
    // A pending save failure stays visible whatever else is said.
    let failure = app
        .persist
        .as_ref()
        .and_then(|p| p.error.as_ref())
        .map(|err| {
            let colon = app.settings.lang.colon();
            format!("{}{colon}{}", t(app, Msg::SaveFailed), sanitize_line(err))
        });
    match (app.status.clone(), failure) {
        // "Bookmark added; not saved yet, will retry: …": what was done,
        // then that it is not on disk yet.
        (Some(msg), Some(fail)) => {
            let fail = match app.settings.lang {
                crate::lang::Lang::En => lowercase_first(&fail),
                crate::lang::Lang::Zh => fail,
            };
            Some(format!("{msg}{}{fail}", app.settings.lang.semicolon()))
        }
        (msg, fail) => msg.or(fail),
    }
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// The message text in the app's language.
fn t(app: &App, msg: Msg) -> &'static str {
    msg.text(app.settings.lang)
}

/// `文章（筛选：须水）` / `Articles (Filter: 须水)`: a title with a
/// labelled value, punctuated as the language is.
fn labelled(app: &App, title: &str, label: &str, value: String) -> String {
    match app.settings.lang {
        crate::lang::Lang::Zh => format!("{title}（{label}：{value}）"),
        crate::lang::Lang::En => format!("{title} ({label}: {value})"),
    }
}
