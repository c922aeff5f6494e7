//! The help overlay: the app's help rows (generated from the screen table
//! and the keymap in force) in a box as wide as the terminal allows.

use ratatui::buffer::Buffer;

use super::chrome::{boxed, clear_for_overlay};
use super::textput::put_truncated;
use super::theme::Theme;
use super::{rect, t};
use crate::app::help::{HelpRow, rows};
use crate::app::{App, Msg};
use crate::text::width::str_width;

pub fn draw(app: &App, scroll: usize, buf: &mut Buffer, theme: &Theme) {
    let mode = app.settings.mode;
    let rows = rows(app);
    let popup = rect(app.geo.help);
    clear_for_overlay(popup, buf);
    let title = format!("{} ({})", t(app, Msg::HelpTitle), t(app, Msg::HelpClose));
    let inner = boxed(app, popup, buf, &title, theme.border_focused);
    let key_w = rows
        .iter()
        .filter_map(|r| match r {
            HelpRow::Binding { keys, .. } => Some(str_width(keys, mode) as u16),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .min(inner.width / 3);
    let right = inner.right();
    for (n, row) in rows
        .iter()
        .skip(scroll)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + n as u16;
        let at = |x: u16| (x, right.saturating_sub(x));
        match row {
            HelpRow::Heading(h) => {
                let (x, w) = at(inner.x + 1);
                put_truncated(buf, x, y, w, h, theme.heading, mode);
            }
            HelpRow::Binding { keys, what } => {
                put_truncated(buf, inner.x + 2, y, key_w, keys, theme.notice, mode);
                let (x, w) = at(inner.x + 4 + key_w);
                put_truncated(buf, x, y, w, what, theme.text, mode);
            }
            HelpRow::Note(note) => {
                let (x, w) = at(inner.x + 2);
                put_truncated(buf, x, y, w, note, theme.dim, mode);
            }
            HelpRow::Blank => {}
        }
    }
}
