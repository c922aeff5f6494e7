//! The archive search's results: the group pane with hits per group, and
//! one entry per article (title, place, date, hits; then the best snippet
//! with the hit highlighted). The status line has the totals.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::browse::{border_style, group_pane, selection_style};
use super::chrome::{bar, boxed, hints_within, room_beside};
use super::textput::{fill, put, put_truncated};
use super::theme::Theme;
use super::{rect, t};
use crate::app::finder_keys::ROWS_PER_RESULT;
use crate::app::geometry::scroll_offset;
use crate::app::i18n::{hits_in_articles, hits_in_articles_short};
use crate::app::{App, Finder, IndexState, Modal, Msg, Pane, Screen};
use crate::find::{Hit, Snippet};
use crate::text::WidthMode;
use crate::text::sanitize_line;
use crate::text::width::str_width;

pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let Some(f) = app.finder.as_ref() else {
        return;
    };
    let title = sanitize_line(&app.archive.title);
    let colon = app.settings.lang.colon();
    let query = format!(
        "{}{colon}{}",
        t(app, Msg::FindPrompt),
        sanitize_line(&f.text)
    );
    bar(app, area.y, area, buf, &title, &query, theme.bar);
    let typing = matches!(app.modal, Modal::Prompt { .. });
    let groups_focused = f.focus == Pane::Groups && !typing;
    let counts = |i: usize| vec![f.group_hits.get(i).copied().unwrap_or(0).to_string()];
    let at = (f.group, groups_focused);
    group_pane(app, rect(app.geo.groups), buf, theme, at, &counts);
    draw_list(app, f, rect(app.geo.articles), buf, theme, !groups_focused);
    let room = usize::from(area.width.saturating_sub(2));
    let status = super::status_text(app).unwrap_or_else(|| summary_within(app, f, room));
    let hints = hints_within(app, Screen::Results, room_beside(app, area, &status));
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

/// `14 hits in 1 article`, with the search's progress, the order and the
/// year facet when they are not the defaults.
pub fn summary(app: &App, f: &Finder) -> String {
    summary_within(app, f, usize::MAX)
}

/// The summary in at most `room` columns where it can be: in short words
/// when the whole does not fit, the totals first.
pub fn summary_within(app: &App, f: &Finder, room: usize) -> String {
    let mode = app.settings.mode;
    let long = summary_parts(app, f, false).join("  ");
    if str_width(&long, mode) <= room {
        return long;
    }
    summary_parts(app, f, true).join("  ")
}

/// The summary's parts, in short words when `short`.
fn summary_parts(app: &App, f: &Finder, short: bool) -> Vec<String> {
    if let Some(e) = &f.error {
        return vec![sanitize_line(e)];
    }
    if f.query.as_ref().is_none_or(|q| q.query.is_none()) {
        return Vec::new();
    }
    if let IndexState::Building(done, all) = &app.index {
        // The search waits for the index: no totals to give yet.
        let pct = done * 100 / (*all).max(1);
        return vec![format!("{} {pct}%", t(app, Msg::Indexing))];
    }
    let r = &f.results;
    let lang = app.settings.lang;
    let mut parts = Vec::new();
    // In the year picked, if one is.
    let (hits, articles) = f.shown;
    if f.undated {
        parts.push(t(app, Msg::NoDates).to_string());
    }
    parts.push(match short {
        false => hits_in_articles(lang, hits, articles),
        true => hits_in_articles_short(lang, hits, articles),
    });
    if !r.done && r.in_scope > 0 {
        let pct = r.scanned * 100 / r.in_scope;
        parts.push(format!("{} {pct}%", t(app, Msg::Searching)));
    }
    if let IndexState::Failed(_) = &app.index {
        parts.push(t(app, Msg::IndexFailed).to_string());
    }
    if f.order != Default::default() {
        let order = f.order_msg();
        let order = if short { short_order(order) } else { order };
        parts.push(t(app, order).to_string());
    }
    if let Some(y) = &f.year {
        parts.push(y.clone());
    }
    parts
}

/// The order's name in fewer words.
fn short_order(order: Msg) -> Msg {
    match order {
        Msg::OrderHits => Msg::OrderHitsShort,
        Msg::OrderDate => Msg::OrderDateShort,
        other => other,
    }
}

fn draw_list(app: &App, f: &Finder, area: Rect, buf: &mut Buffer, theme: &Theme, focused: bool) {
    let inner = boxed(
        app,
        area,
        buf,
        t(app, Msg::ScreenResults),
        border_style(theme, focused),
    );
    if f.listed.is_empty() {
        let msg = if f.undated {
            t(app, Msg::NoDates)
        } else if f.results.done {
            t(app, Msg::NoHits)
        } else {
            ""
        };
        put(
            buf,
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1),
            msg,
            theme.dim,
            app.settings.mode,
        );
        return;
    }
    let per_page = usize::from((inner.height / ROWS_PER_RESULT).max(1));
    let offset = scroll_offset(f.selected, per_page);
    for (n, hit) in f.listed.iter().enumerate().skip(offset).take(per_page) {
        let y = inner.y + (n - offset) as u16 * ROWS_PER_RESULT;
        let rows = ROWS_PER_RESULT.min(inner.bottom() - y);
        let row = Rect::new(inner.x, y, inner.width, rows);
        let style = selection_style(theme, n == f.selected, focused);
        draw_entry(app, f, *hit, row, buf, (style, theme));
    }
}

/// One result: title and place/date/hits, then the snippet.
fn draw_entry(app: &App, f: &Finder, hit: Hit, row: Rect, buf: &mut Buffer, st: (Style, &Theme)) {
    let (style, theme) = st;
    let mode = app.settings.mode;
    let a = &app.archive.articles[hit.article];
    fill(buf, row.x, row.y, row.width, style);
    let sep = if mode == WidthMode::Wide || app.settings.ascii {
        " > "
    } else {
        " \u{203a} "
    };
    let mut place = sanitize_line(&a.district);
    if let Some(sub) = &a.subdistrict {
        place = format!("{place}{sep}{}", sanitize_line(sub));
    }
    let date = a.date.as_deref().map(sanitize_line).unwrap_or_default();
    let meta = format!("{place}  {date}  {}", hit.hits);
    draw_title_row(
        &sanitize_line(&a.title),
        &meta,
        hit.hits,
        row,
        buf,
        (style, mode),
    );
    if row.height < 2 {
        return;
    }
    let y = row.y + 1;
    let x = row.x + 2;
    let width = row.width.saturating_sub(3);
    match (
        f.results.unreadable(hit.article),
        f.snippets.get(&hit.article),
    ) {
        (Some(why), _) => {
            let why = f.why.get(&hit.article).map_or(why, String::as_str);
            let (what, why) = (t(app, Msg::Unreadable), sanitize_line(why));
            let text = match app.settings.lang {
                crate::lang::Lang::Zh => format!("［{what}：{why}］"),
                crate::lang::Lang::En => format!("[{what}: {why}]"),
            };
            put_truncated(buf, x, y, width, &text, theme.dim, mode);
        }
        (None, Some(Some(s))) => draw_snippet(s, (x, y, width), buf, theme, mode),
        (None, None) if f.asked.contains(&hit.article) => {
            put_truncated(buf, x, y, width, t(app, Msg::Loading), theme.dim, mode);
        }
        _ => {}
    }
}

/// A result's first row: the title on the left, cut with an ellipsis where
/// it must be; on the right `meta` (place, date, hits) when the title keeps
/// some room beside it, else the hits alone. One column always parts the
/// two, so a wide character at the title's cut never touches the count.
fn draw_title_row(
    title: &str,
    meta: &str,
    hits: usize,
    row: Rect,
    buf: &mut Buffer,
    (style, mode): (Style, WidthMode),
) {
    let cols = |s: &str| u16::try_from(str_width(s, mode)).unwrap_or(u16::MAX);
    let count = hits.to_string();
    let right = match cols(meta).saturating_add(12) <= row.width {
        true => meta,
        false => count.as_str(),
    };
    let rw = cols(right);
    // A column of margin each side, one between title and count.
    let room = row.width.saturating_sub(rw.saturating_add(3));
    put_truncated(buf, row.x + 1, row.y, room, title, style, mode);
    // A count cut short would be a wrong count: whole or not at all.
    if rw <= row.width {
        let x = row.right().saturating_sub(rw + 1).max(row.x);
        put(buf, x, row.y, rw, right, style, mode);
    }
}

/// `…context [hit] context…`, the hit a third of the way in.
fn draw_snippet(
    s: &Snippet,
    at: (u16, u16, u16),
    buf: &mut Buffer,
    theme: &Theme,
    mode: WidthMode,
) {
    let (x, y, width) = at;
    let hit_w = str_width(&s.hit, mode) as u16;
    let lead = (width / 3).min(width.saturating_sub(hit_w));
    let before = super::chrome::tail_fitting(&s.before, usize::from(lead), mode);
    let mut cx = x;
    cx += put(buf, cx, y, lead, before, theme.dim, mode);
    cx += put(
        buf,
        cx,
        y,
        width - (cx - x),
        &s.hit,
        theme.current_match,
        mode,
    );
    let rest = width.saturating_sub(cx - x);
    put_truncated(buf, cx, y, rest, &s.after, theme.dim, mode);
}
