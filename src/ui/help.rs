//! The help overlay: the app's help lines (generated from the screen
//! table and the keymap in force, wrapped to the box) in a box as wide as
//! the terminal allows, and the help's own key hints on the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::chrome::{bar, boxed, clear_for_overlay, hints_within, room_beside};
use super::textput::put_truncated;
use super::theme::Theme;
use super::{rect, t};
use crate::app::help::{HelpColumns, HelpLine, lines, rows};
use crate::app::{App, Msg, Screen};

pub fn draw(app: &App, scroll: usize, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mode = app.settings.mode;
    let popup = rect(app.geo.help);
    clear_for_overlay(popup, buf);
    let title = format!("{} ({})", t(app, Msg::HelpTitle), t(app, Msg::HelpClose));
    let inner = boxed(app, popup, buf, &title, theme.border_focused);
    let cols = HelpColumns::new(&rows(app), inner.width, mode);
    let right = inner.right();
    let shown = lines(app, inner.width);
    for (n, line) in shown
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + n as u16;
        let mut put = |from: u16, text: &str, style| {
            let x = inner.x + from;
            put_truncated(buf, x, y, right.saturating_sub(x), text, style, mode);
        };
        match line {
            HelpLine::Heading(h) => put(cols.heading, h, theme.heading),
            HelpLine::Binding { keys, what } => {
                put(cols.keys, keys, theme.notice);
                put(cols.what, what, theme.text);
            }
            HelpLine::Note(note) => put(cols.note, note, theme.dim),
            HelpLine::Blank => {}
        }
    }
    // The help's own keys, not those of the screen under it.
    let last = shown.len().min(scroll + usize::from(inner.height));
    let place = format!("{}-{last}/{}", (scroll + 1).min(last), shown.len());
    let hints = hints_within(app, Screen::Help, room_beside(app, area, &place));
    bar(app, area.bottom() - 1, area, buf, &place, &hints, theme.bar);
}
