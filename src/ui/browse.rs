//! The browse screen: group pane, article list, filter prompt.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::chrome::{bar, boxed, footer};
use super::textput::{fill, put, put_truncated};
use super::theme::Theme;
use super::{rect, t};
use crate::app::geometry::scroll_offset;
use crate::app::order::SortKey;
use crate::app::{App, GroupEntry, Lang, Modal, Msg, Pane, Screen};
use crate::store::Status;
use crate::text::sanitize::sanitize_line;
use crate::text::width::str_width;

/// Draws the browse screen.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let title = sanitize_line(&app.archive.title);
    let count = format!("{}", app.archive.articles.len());
    bar(app, area.y, area, buf, &title, &count, theme.bar);
    if app.geo.groups.width > 0 {
        draw_groups(app, rect(app.geo.groups), buf, theme);
    }
    draw_articles(app, rect(app.geo.articles), buf, theme);
    footer(app, area, buf, theme, Screen::Browse);
}

/// True while the list's filter is being typed.
fn filtering(app: &App) -> bool {
    matches!(app.modal, Modal::Filter(_))
}

pub(super) fn border_style(theme: &Theme, focused: bool) -> Style {
    if focused {
        theme.border_focused
    } else {
        theme.border
    }
}

fn draw_groups(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = &app.browse;
    let focused = b.focus == Pane::Groups && !filtering(app);
    // Once something in the group is read: how many are left unread, in
    // words where they fit (`5, 2 unread`, `1, all read`), else as feed
    // readers show it (`2/5`, `1 ✓`); before, just the size.
    let lang = app.settings.lang;
    let count = |i: usize| {
        let all = b.count(i);
        match b.unread.get(i) {
            Some(&u) if app.persist.is_some() && u < all => unread_counts(lang, u, all),
            _ => vec![all.to_string()],
        }
    };
    group_pane(app, area, buf, theme, (b.group, focused), &count);
}

/// A group's count once some of it is read: the forms to try, longest
/// first.
fn unread_counts(lang: Lang, unread: usize, all: usize) -> Vec<String> {
    let long = match (lang, unread) {
        (Lang::Zh, 0) => format!("{all}\u{ff0c}全部已读"),
        (Lang::Zh, u) => format!("{all}\u{ff0c}{u} 未读"),
        (Lang::En, 0) => format!("{all}, all read"),
        (Lang::En, u) => format!("{all}, {u} unread"),
    };
    let short = match unread {
        0 => format!("{all} \u{2713}"),
        u => format!("{u}/{all}"),
    };
    vec![long, short]
}

/// The group pane: every group entry with a count (articles, unread
/// articles, or hits during a search: the forms to try, longest first);
/// `at` is the selected entry and whether the pane has the focus.
pub(super) fn group_pane(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
    at: (usize, bool),
    count: &dyn Fn(usize) -> Vec<String>,
) {
    let b = &app.browse;
    let (selected, focused) = at;
    // "Subdistricts" only where there are some.
    let has_subs = app
        .groups
        .districts
        .iter()
        .any(|d| !d.subdistricts.is_empty());
    let label = if has_subs {
        Msg::Groups
    } else {
        Msg::GroupsPlain
    };
    let inner = boxed(app, area, buf, t(app, label), border_style(theme, focused));
    let rows = usize::from(inner.height);
    let offset = scroll_offset(selected, rows);
    let shown: Vec<usize> = (offset..b.entries.len()).take(rows).collect();
    let text_at = |i: usize, level: usize| {
        let (label, indent) = group_label(app, b.entries[i]);
        let counts = count(i);
        let n = &counts[level.min(counts.len() - 1)];
        format!("{}{} ({n})", " ".repeat(indent), label)
    };
    let fits = |t: &String| str_width(t, app.settings.mode) <= usize::from(inner.width);
    // One form of the counts for the whole pane: the longest that fits
    // every row shown (where none does, the shortest).
    let levels = shown.iter().map(|&i| count(i).len()).max().unwrap_or(1);
    let level = (0..levels)
        .find(|&l| shown.iter().all(|&i| fits(&text_at(i, l))))
        .unwrap_or(levels - 1);
    for (row, &i) in shown.iter().enumerate() {
        let y = inner.y + row as u16;
        let style = selection_style(theme, i == selected, focused);
        fill(buf, inner.x, y, inner.width, style);
        // In a narrow pane the name matters more than the count.
        let mut text = text_at(i, level);
        if !fits(&text) {
            let (label, indent) = group_label(app, b.entries[i]);
            text = format!("{}{}", " ".repeat(indent.min(1)), label);
        }
        put_truncated(
            buf,
            inner.x,
            y,
            inner.width,
            &text,
            style,
            app.settings.mode,
        );
    }
}

fn group_label(app: &App, entry: GroupEntry) -> (String, usize) {
    match entry {
        GroupEntry::All => (t(app, Msg::All).to_string(), 0),
        GroupEntry::District(d) => match app.groups.districts[d].name.as_str() {
            // Broken articles without a usable district.
            "" => (t(app, Msg::UnknownDistrict).to_string(), 0),
            name => (sanitize_line(name), 0),
        },
        GroupEntry::DistrictLevel(_) => (t(app, Msg::DistrictLevel).to_string(), 2),
        GroupEntry::Sub(d, s) => (
            sanitize_line(&app.groups.districts[d].subdistricts[s].name),
            2,
        ),
    }
}

pub(super) fn selection_style(theme: &Theme, selected: bool, focused: bool) -> Style {
    match (selected, focused) {
        (true, true) => theme.selected,
        (true, false) => theme.selected_unfocused,
        _ => theme.text,
    }
}

fn draw_articles(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    let b = &app.browse;
    let focused = b.focus == Pane::Articles || filtering(app);
    let mut title = match b.filter.is_empty() {
        true => t(app, Msg::Articles).to_string(),
        false => super::labelled(
            app,
            t(app, Msg::Articles),
            t(app, Msg::Filter),
            sanitize_line(&b.filter),
        ),
    };
    if b.sort != SortKey::default() {
        title = format!("{title} [{}]", t(app, b.sort.label()));
    }
    let inner = boxed(app, area, buf, &title, border_style(theme, focused));
    if b.visible.is_empty() {
        put(
            buf,
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(1),
            t(app, Msg::NoArticles),
            theme.dim,
            app.settings.mode,
        );
        return;
    }
    let rows = usize::from(inner.height);
    let offset = scroll_offset(b.selected, rows);
    // One column for the dates when some articles have one, so the
    // subdistricts line up on rows without a date too.
    // Over every article listed (1M): printable ASCII, as dates are, is
    // its own width (the filter's index knows which are; until it is
    // there, the bytes say: sanitising every date of a million-article
    // list took a second of the first frame).
    let index = b.titles(&app.archive);
    let width = |i: usize| match index.and_then(|t| t.date_width(i)) {
        Some(w) => w,
        None => (app.archive.articles[i].date.as_deref()).map_or(0, |d| {
            match d.bytes().all(|b| (b' '..=b'~').contains(&b)) {
                true => d.len(),
                false => str_width(&sanitize_line(d), app.settings.mode),
            }
        }),
    };
    let date_width = b.visible.iter().map(|&i| width(i)).max().unwrap_or(0);
    for (row, &article) in b.visible.iter().enumerate().skip(offset).take(rows) {
        let y = inner.y + (row - offset) as u16;
        let style = selection_style(theme, row == b.selected, focused);
        let at = Rect::new(inner.x, y, inner.width, 1);
        draw_article_row(app, article, (at, date_width), buf, style, theme);
    }
}

/// The right-hand part of an article's row: its subdistrict (unless the
/// list is one subdistrict's) and its date in a column `date_width` wide;
/// the date alone where both do not fit `width`.
fn row_meta(app: &App, i: usize, date_width: usize, width: u16) -> String {
    let mode = app.settings.mode;
    let a = &app.archive.articles[i];
    // Inside one subdistrict's group its name on every row says nothing.
    let in_sub = matches!(app.browse.entry(), GroupEntry::Sub(..));
    let sub = a
        .subdistrict
        .as_deref()
        .filter(|_| !in_sub)
        .map(sanitize_line);
    let date = a.date.as_deref().map(sanitize_line).unwrap_or_default();
    let pad = date_width.saturating_sub(str_width(&date, mode));
    let date = format!("{date}{}", " ".repeat(pad));
    let both = match (sub, date_width) {
        (Some(sub), 0) => sub,
        (Some(sub), _) => format!("{sub}  {date}"),
        (None, _) if a.date.is_none() => String::new(),
        (None, _) => date.clone(),
    };
    if str_width(&both, mode) + 12 <= usize::from(width) {
        return both;
    }
    match a.date.is_some() {
        true => date,
        false => a
            .subdistrict
            .as_deref()
            .filter(|_| !in_sub)
            .map(sanitize_line)
            .unwrap_or_default(),
    }
}

fn draw_article_row(
    app: &App,
    i: usize,
    (row, date_width): (Rect, usize),
    buf: &mut Buffer,
    style: Style,
    theme: &Theme,
) {
    let mode = app.settings.mode;
    let a = &app.archive.articles[i];
    fill(buf, row.x, row.y, row.width, style);
    let meta = row_meta(app, i, date_width, row.width);
    let mw = str_width(&meta, mode) as u16;
    let (mark, title_style) = match app.read_status(i) {
        Status::Unread => (" ", style),
        Status::InProgress => ("~", style),
        Status::Read => (
            "\u{2713}",
            if style == theme.text {
                theme.dim
            } else {
                style
            },
        ),
    };
    let broken = app.archive.broken(i).is_some();
    let (mark, title_style) = if broken {
        ("!", theme.dim)
    } else {
        (mark, title_style)
    };
    put(buf, row.x, row.y, 1, mark, style, mode);
    let title = match broken {
        // What can be said of it: its title if usable, else its id.
        true => {
            let name = if a.title.is_empty() { &a.id } else { &a.title };
            format!("[{}] {}", t(app, Msg::Broken), sanitize_line(name))
        }
        false => sanitize_line(&a.title),
    };
    let show_meta = !meta.is_empty() && mw + 12 <= row.width;
    // Two columns for the mark, then the title, then (if it fits) the meta.
    let title_room = if show_meta {
        row.width - mw - 2
    } else {
        row.width
    }
    .saturating_sub(2);
    put_truncated(buf, row.x + 2, row.y, title_room, &title, title_style, mode);
    if show_meta {
        let meta_style = if style == theme.text {
            theme.dim
        } else {
            style
        };
        put(
            buf,
            row.right() - mw - 1,
            row.y,
            mw,
            &meta,
            meta_style,
            mode,
        );
    }
}
