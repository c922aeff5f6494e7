//! The outline overlay: a box over the article with every section (or
//! those the filter keeps), indented by level, the one being read marked
//! with `>`, the cursor's row highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::chrome::{boxed, clear_for_overlay, footer};
use super::t;
use super::textput::{fill, put, put_truncated};
use super::theme::Theme;
use crate::app::geometry::scroll_offset;
use crate::app::{App, Msg, Reader, Screen};
use crate::text::sanitize_line;

/// Widest the box gets (as wide as the help).
const MAX_WIDTH: u16 = 100;

/// Where the box goes: centred, the whole height between the bars.
pub fn area_of(screen: Rect) -> Rect {
    let width = screen.width.min(MAX_WIDTH);
    Rect::new(
        screen.x + (screen.width - width) / 2,
        screen.y + 1,
        width,
        screen.height.saturating_sub(2),
    )
}

pub fn draw(app: &App, r: &Reader, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let mode = app.settings.mode;
    let boxed_area = area_of(area);
    clear_for_overlay(boxed_area, buf);
    let rows = app.toc_rows();
    let title = match app.toc.filter.is_empty() {
        true => format!("{} {}", t(app, Msg::OutlineTitle), r.outline.sections.len()),
        false => format!(
            "{} ({}: {}) {}/{}",
            t(app, Msg::OutlineTitle),
            t(app, Msg::Filter),
            sanitize_line(&app.toc.filter),
            rows.len(),
            r.outline.sections.len()
        ),
    };
    let inner = boxed(app, boxed_area, buf, &title, theme.border_focused);
    if rows.is_empty() {
        let msg = t(app, Msg::NoMatch);
        put(
            buf,
            inner.x + 2,
            inner.y,
            inner.width.saturating_sub(2),
            msg,
            theme.dim,
            mode,
        );
    }
    let height = usize::from(inner.height);
    let offset = scroll_offset(app.toc.selected, height);
    let current = r.section();
    for (row, &s) in rows.iter().enumerate().skip(offset).take(height) {
        let y = inner.y + (row - offset) as u16;
        let section = &r.outline.sections[s];
        let style = match row == app.toc.selected {
            true => theme.selected,
            false if section.heading => theme.heading,
            false => theme.text,
        };
        fill(buf, inner.x, y, inner.width, style);
        let mark = if current == Some(s) { ">" } else { " " };
        put(buf, inner.x, y, 1, mark, style, mode);
        let indent = (2 * section.depth as u16 + 1).min(inner.width / 2);
        let x = inner.x + 1 + indent;
        let room = inner.right().saturating_sub(x + 1);
        put_truncated(buf, x, y, room, &section.label(), style, mode);
    }
    footer(app, area, buf, theme, Screen::Outline);
}
