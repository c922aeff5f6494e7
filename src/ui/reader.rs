//! The reader screen: breadcrumb bar, the laid-out text, the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::chrome::{bar, hints_within, room_beside};
use super::header::{Crumbs, header, marks};
use super::textput::put;
use super::theme::Theme;
use crate::app::{App, Reader, Screen};
use crate::text::layout::LineKind;
use crate::text::sanitize::sanitize_line;
use crate::text::{UnitKind, WidthMode};

/// U+3000 IDEOGRAPHIC SPACE: the paragraph indent, two per paragraph.
const INDENT: &str = "\u{3000}";

pub fn draw(app: &App, r: &Reader, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let g = app.geo.reader;
    let (left, right) = top_bar(app, r, usize::from(area.width.saturating_sub(2)));
    bar(app, area.y, area, buf, &left, &right, theme.bar);
    let mode = app.settings.mode;
    for row in 0..g.body_height {
        let i = r.top + usize::from(row);
        let Some(line) = r.layout.lines.get(i) else {
            break;
        };
        let LineKind::Text(kind) = line.kind else {
            continue;
        };
        let y = g.body_y + row;
        let mut x = g.text_x;
        let style = unit_style(theme, kind);
        for _ in 0..line.indent / 2 {
            x += put(buf, x, y, 2, INDENT, style, mode);
        }
        let room = g.text_width.saturating_sub(x - g.text_x);
        draw_line(buf, (x, y, room), r, i, style, theme, mode);
    }
    let status = super::status_text(app).unwrap_or_else(|| {
        let found = r.search.summary(app.settings.lang);
        let status = match found.is_empty() {
            true => position(r, g.body_height),
            false => format!(
                "{}  /{}{}{found}",
                position(r, g.body_height),
                sanitize_line(&r.search.text),
                app.settings.lang.colon()
            ),
        };
        match app.problems_line() {
            Some(problems) => format!("{status}  {problems}"),
            None => status,
        }
    });
    // A count being typed shows where the key hints go (like vim's
    // showcmd), so the user sees what the next key will repeat.
    let hints = match app.count {
        Some(n) => n.to_string(),
        None => hints_within(app, Screen::Read, room_beside(app, area, &status)),
    };
    bar(
        app,
        area.bottom() - 1,
        area,
        buf,
        &status,
        &hints,
        theme.bar,
    );
}

/// Draws line `i`, with search matches highlighted (the current one
/// distinct); a match split over two lines is highlighted on both.
fn draw_line(
    buf: &mut Buffer,
    at: (u16, u16, u16),
    r: &Reader,
    i: usize,
    style: Style,
    theme: &Theme,
    mode: WidthMode,
) {
    let (mut x, y, room) = at;
    let end_x = x + room;
    let text = r.layout.line_text(&r.doc, i);
    let mut done = 0;
    for (start, end, current) in highlights(r, i) {
        let hl = if current {
            theme.current_match
        } else {
            theme.matched
        };
        x += put(buf, x, y, end_x - x, &text[done..start], style, mode);
        x += put(buf, x, y, end_x - x, &text[start..end], hl, mode);
        done = end;
    }
    put(buf, x, y, end_x - x, &text[done..], style, mode);
}

/// Byte ranges of line `i`'s text covered by matches, in order.
fn highlights(r: &Reader, i: usize) -> Vec<(usize, usize, bool)> {
    let line = r.layout.lines[i];
    let matches = &r.search.matches;
    let first = matches.partition_point(|m| (m.unit, m.end) <= (line.unit, line.start));
    matches[first..]
        .iter()
        .enumerate()
        .take_while(|(_, m)| m.unit == line.unit && m.start < line.end)
        .map(|(k, m)| {
            let (s, e) = (m.start.max(line.start), m.end.min(line.end));
            (
                s - line.start,
                e - line.start,
                r.search.current == Some(first + k),
            )
        })
        .filter(|(s, e, _)| s < e)
        .collect()
}

fn unit_style(theme: &Theme, kind: UnitKind) -> Style {
    match kind {
        UnitKind::Title => theme.title,
        UnitKind::Subtitle => theme.subtitle,
        UnitKind::Byline | UnitKind::Meta => theme.byline,
        UnitKind::Heading => theme.heading,
        UnitKind::Paragraph => theme.text,
        UnitKind::Caption => theme.caption,
        UnitKind::Credit => theme.credit,
        UnitKind::Note => theme.dim,
    }
}

/// The top bar: place, title and section path on the left, the group
/// position on the right, fitted to `room` columns.
fn top_bar(app: &App, r: &Reader, room: usize) -> (String, String) {
    let a = &app.archive.articles[r.article];
    let (mode, ascii) = (app.settings.mode, app.settings.ascii);
    let (sep, _) = marks(mode, ascii);
    let mut place = sanitize_line(&a.district);
    if let Some(sub) = &a.subdistrict {
        place = format!("{place}{sep}{}", sanitize_line(sub));
    }
    let path: Vec<String> = match r.section() {
        Some(i) => (r.outline.path(i).into_iter())
            .map(|i| r.outline.sections[i].short().to_string())
            .collect(),
        None => Vec::new(),
    };
    let crumbs = Crumbs {
        place: &place,
        title: &sanitize_line(&a.title),
        path: &path,
        position: &group_position(r),
    };
    header(crumbs, room, mode, ascii)
}

/// `2/5`: which article of its group this is.
fn group_position(r: &Reader) -> String {
    match r.siblings.iter().position(|&i| i == r.article) {
        Some(p) => format!("{}/{}", p + 1, r.siblings.len()),
        None => String::new(),
    }
}

/// `12-33/120 27%`: visible lines, total lines, progress.
fn position(r: &Reader, height: u16) -> String {
    let total = r.layout.lines.len();
    let first = (r.top + 1).min(total);
    let last = (r.top + usize::from(height)).min(total);
    format!("{first}-{last}/{total} {}%", r.percent(height))
}
