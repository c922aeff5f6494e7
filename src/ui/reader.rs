//! The reader screen: breadcrumb bar, the laid-out text, the status line.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::chrome::bar;
use super::t;
use super::textput::put;
use super::theme::Theme;
use crate::app::{App, Msg, Reader};
use crate::text::layout::LineKind;
use crate::text::sanitize::sanitize_line;
use crate::text::{UnitKind, WidthMode};

/// U+3000 IDEOGRAPHIC SPACE: the paragraph indent, two per paragraph.
const INDENT: &str = "\u{3000}";

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(r) = app.reader.as_ref() else { return };
    let g = app.geometry();
    bar(
        app,
        area.y,
        area,
        buf,
        &breadcrumb(app, r),
        &group_position(r),
        theme.bar,
    );
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
        put(buf, x, y, room, r.layout.line_text(&r.doc, i), style, mode);
    }
    let status = super::status_text(app).unwrap_or_else(|| position(r, g.body_height));
    bar(
        app,
        area.bottom() - 1,
        area,
        buf,
        &status,
        t(app, Msg::HintReader),
        theme.bar,
    );
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
    }
}

/// `中原区 › 桐柏路街道`; `>` in wide mode, where `›` would be ambiguous.
fn breadcrumb(app: &App, r: &Reader) -> String {
    let a = &app.archive.articles[r.article];
    let sep = if app.settings.mode == WidthMode::Wide || app.settings.ascii {
        " > "
    } else {
        " \u{203a} "
    };
    let mut s = sanitize_line(&a.district);
    if let Some(sub) = &a.subdistrict {
        s.push_str(sep);
        s.push_str(&sanitize_line(sub));
    }
    s
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
