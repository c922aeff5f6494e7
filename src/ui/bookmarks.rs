//! The bookmark list: newest first, with title, subdistrict, snippet, note
//! and date; detached bookmarks say so.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::chrome::{bar, boxed, footer};
use super::textput::{fill, put, put_truncated};
use super::theme::Theme;
use super::{rect, t};
use crate::app::{App, Msg, Screen};
use crate::store::Bookmark;
use crate::text::sanitize_line;

/// Each bookmark takes two rows: title line, then snippet and note.
const ROWS_PER_ITEM: u16 = 2;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let count = app.visible_count();
    let title = sanitize_line(&app.archive.title);
    bar(
        app,
        area.y,
        area,
        buf,
        &title,
        &count.to_string(),
        theme.bar,
    );
    let body = rect(app.geo.marks);
    let heading = match app.marks.filter.is_empty() {
        true => t(app, Msg::Bookmarks).to_string(),
        false => super::labelled(
            app,
            t(app, Msg::Bookmarks),
            t(app, Msg::Filter),
            sanitize_line(&app.marks.filter),
        ),
    };
    let inner = boxed(app, body, buf, &heading, theme.border_focused);
    if count == 0 {
        let why = match app.persist {
            Some(_) => Msg::NoBookmarks,
            None => Msg::NoStore,
        };
        put(
            buf,
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1),
            t(app, why),
            theme.dim,
            app.settings.mode,
        );
    }
    let per_page = usize::from((inner.height / ROWS_PER_ITEM).max(1));
    let offset = app.marks.selected.saturating_sub(per_page - 1);
    for (n, b) in app.visible_window(offset, per_page) {
        let y = inner.y + (n - offset) as u16 * ROWS_PER_ITEM;
        draw_item(
            app,
            b,
            Rect::new(
                inner.x,
                y,
                inner.width,
                ROWS_PER_ITEM.min(inner.bottom() - y),
            ),
            buf,
            theme,
            n == app.marks.selected,
        );
    }
    footer(app, area, buf, theme, Screen::Bookmarks);
}

fn draw_item(app: &App, b: &Bookmark, row: Rect, buf: &mut Buffer, theme: &Theme, selected: bool) {
    let mode = app.settings.mode;
    let style = if selected { theme.selected } else { theme.text };
    fill(buf, row.x, row.y, row.width, style);
    let date = b
        .created
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    let mut head = sanitize_line(&b.article_title);
    if let Some(sub) = &b.subdistrict {
        head = format!("{}  {head}", sanitize_line(sub));
    }
    let dw = date.len() as u16;
    let room = row.width.saturating_sub(dw + 3);
    put_truncated(buf, row.x + 1, row.y, room, &head, style, mode);
    put(
        buf,
        row.right().saturating_sub(dw + 1),
        row.y,
        dw,
        &date,
        style,
        mode,
    );
    if row.height < 2 {
        return;
    }
    // The note first: it is the user's own words, and a long snippet
    // after it may be cut at the edge.
    let mut parts = Vec::new();
    if app.bookmark_detached(b) {
        parts.push(format!("[{}]", t(app, Msg::Detached)));
    }
    if !b.note.is_empty() {
        parts.push(format!("{} |", sanitize_line(&b.note)));
    }
    // Until the check of its text comes, the snippet may be stale.
    let loading = app.bookmark_loading(b);
    match loading {
        true => parts.push(t(app, Msg::Loading).to_string()),
        false => parts.push(sanitize_line(&b.snippet)),
    }
    let second = format!("  {}", parts.join(" "));
    put_truncated(
        buf,
        row.x + 1,
        row.y + 1,
        row.width.saturating_sub(2),
        &second,
        theme.dim,
        mode,
    );
}
