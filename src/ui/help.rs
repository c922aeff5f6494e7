//! The help overlay, generated from the keymap so it cannot drift.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::chrome::{boxed, clear_for_overlay};
use super::t;
use super::textput::put_truncated;
use super::theme::Theme;
use crate::app::i18n::describe;
use crate::app::keymap::{Context, bindings_of};
use crate::app::{App, Msg, WidthSource};
use crate::text::WidthMode;
use crate::text::width::str_width;

/// One help line: a section heading or a `keys  description` row.
enum Row {
    Heading(String),
    Binding(String, &'static str),
}

/// `Ambiguous-width characters: wide (detected from the terminal)`.
fn mode_line(app: &App) -> String {
    let mode = match app.settings.mode {
        WidthMode::Narrow => Msg::ModeNarrow,
        WidthMode::Wide => Msg::ModeWide,
    };
    let source = match app.settings.width_source {
        WidthSource::Forced => Msg::SourceForced,
        WidthSource::Detected => Msg::SourceDetected,
        WidthSource::NoAnswer => Msg::SourceNoAnswer,
    };
    format!(
        "{}: {} ({})",
        t(app, Msg::AmbiguousLabel),
        t(app, mode),
        t(app, source)
    )
}

fn rows(app: &App) -> Vec<Row> {
    let sections = [
        (Context::Browse, Msg::ScreenBrowse),
        (Context::Input, Msg::ScreenFilter),
        (Context::Reader, Msg::ScreenReader),
        (Context::Help, Msg::ScreenHelp),
        (Context::Global, Msg::ScreenGlobal),
    ];
    let mut rows = vec![Row::Heading(mode_line(app)), Row::Heading(String::new())];
    for (context, title) in sections {
        rows.push(Row::Heading(t(app, title).to_string()));
        for b in bindings_of(context) {
            let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
            rows.push(Row::Binding(
                keys.join(" "),
                describe(&b.action, app.settings.lang),
            ));
        }
    }
    rows
}

pub fn draw(app: &App, scroll: u16, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mode = app.settings.mode;
    let rows = rows(app);
    let width = area.width.saturating_sub(4).min(64);
    let height = area.height.saturating_sub(2).min(rows.len() as u16 + 2);
    let popup = Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    clear_for_overlay(popup, buf);
    let title = format!("{} ({})", t(app, Msg::HelpTitle), t(app, Msg::HelpClose));
    let inner = boxed(app, popup, buf, &title, theme.border_focused);
    let key_w = rows
        .iter()
        .filter_map(|r| match r {
            Row::Binding(k, _) => Some(str_width(k, mode) as u16),
            Row::Heading(_) => None,
        })
        .max()
        .unwrap_or(0)
        .min(inner.width / 2);
    let max_scroll = (rows.len() as u16).saturating_sub(inner.height);
    for (n, row) in rows
        .iter()
        .skip(usize::from(scroll.min(max_scroll)))
        .take(usize::from(inner.height))
        .enumerate()
    {
        let y = inner.y + n as u16;
        match row {
            Row::Heading(h) => {
                put_truncated(
                    buf,
                    inner.x + 1,
                    y,
                    inner.width.saturating_sub(1),
                    h,
                    theme.heading,
                    mode,
                );
            }
            Row::Binding(keys, what) => {
                put_truncated(buf, inner.x + 2, y, key_w, keys, theme.notice, mode);
                let x = inner.x + 4 + key_w;
                put_truncated(
                    buf,
                    x,
                    y,
                    inner.right().saturating_sub(x),
                    what,
                    theme.text,
                    mode,
                );
            }
        }
    }
}
