//! The problems view: each problem of the archive on two rows (what, then
//! where), in the interface language.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::chrome::{bar, boxed, footer};
use super::textput::{fill, put_truncated};
use super::theme::Theme;
use super::{rect, t};
use crate::app::problems::ProblemItem;
use crate::app::{App, Msg, Screen};
use crate::text::sanitize_line;

/// Each problem takes two rows: what is wrong, then where.
const ROWS_PER_ITEM: u16 = 2;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let problems = app.problems();
    let title = sanitize_line(&app.archive.title);
    let count = problems.len().to_string();
    bar(app, area.y, area, buf, &title, &count, theme.bar);
    let body = rect(app.geo.marks);
    let heading = app.settings.lang.pick(
        format!("{}（{count}）", t(app, Msg::ScreenProblems)),
        format!("{} ({count})", t(app, Msg::ScreenProblems)),
    );
    let inner = boxed(app, body, buf, &heading, theme.border_focused);
    if problems.is_empty() {
        let w = inner.width.saturating_sub(1);
        let mode = app.settings.mode;
        put_truncated(
            buf,
            inner.x + 1,
            inner.y,
            w,
            t(app, Msg::NoProblems),
            theme.dim,
            mode,
        );
    }
    let per_page = usize::from((inner.height / ROWS_PER_ITEM).max(1));
    let selected = app.problems_view.selected;
    let offset = selected.saturating_sub(per_page - 1);
    for (n, p) in problems.iter().enumerate().skip(offset).take(per_page) {
        let y = inner.y + (n - offset) as u16 * ROWS_PER_ITEM;
        let height = ROWS_PER_ITEM.min(inner.bottom() - y);
        let row = Rect::new(inner.x, y, inner.width, height);
        draw_item(app, p, row, buf, theme, n == selected);
    }
    footer(app, area, buf, theme, Screen::Problems);
}

fn draw_item(
    app: &App,
    p: &ProblemItem,
    row: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    selected: bool,
) {
    let mode = app.settings.mode;
    let style = if selected { theme.selected } else { theme.text };
    fill(buf, row.x, row.y, row.width, style);
    let w = row.width.saturating_sub(2);
    put_truncated(buf, row.x + 1, row.y, w, &p.what, style, mode);
    if row.height > 1 {
        let w = row.width.saturating_sub(4);
        put_truncated(buf, row.x + 3, row.y + 1, w, &p.place, theme.dim, mode);
    }
}
