//! Pieces shared by the screens: bars, borders, the too-small notice, and
//! clearing under overlays.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;
use ratatui::widgets::{Block, Borders, Widget};

use super::t;
use super::textput::{fill, put, put_truncated};
use super::theme::Theme;
use crate::app::screens::{Screen, info};
use crate::app::{Action, App, Msg, PromptKind, TextInput};
use crate::text::WidthMode;
use crate::text::sanitize_line;
use crate::text::width::grapheme_width;
use crate::text::width::str_width;
use unicode_segmentation::UnicodeSegmentation;

/// Box drawing is East Asian Ambiguous: terminals in wide mode draw it two
/// columns wide, so borders fall back to ASCII there (and with `--ascii`).
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// A bordered box with `title` drawn over its top edge; returns the inside.
pub fn boxed(app: &App, area: Rect, buf: &mut Buffer, title: &str, style: Style) -> Rect {
    let set = if app.settings.ascii_borders() {
        ASCII_BORDER
    } else {
        border::PLAIN
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(set)
        .border_style(style);
    let inner = block.inner(area);
    block.render(area, buf);
    if area.width > 4 && !title.is_empty() {
        let x = area.x + 2;
        let used = put(buf, x, area.y, 1, " ", style, app.settings.mode);
        let w = put_truncated(
            buf,
            x + used,
            area.y,
            area.width - 5,
            title,
            style,
            app.settings.mode,
        );
        put(buf, x + used + w, area.y, 1, " ", style, app.settings.mode);
    }
    inner
}

/// A one-row bar: `left` from the left edge, `right` against the right edge.
/// `left` has priority: `right` is shown only where it fits beside it.
pub fn bar(app: &App, y: u16, area: Rect, buf: &mut Buffer, left: &str, right: &str, style: Style) {
    let mode = app.settings.mode;
    fill(buf, area.x, y, area.width, style);
    let room = area.width.saturating_sub(2);
    let lw = (str_width(left, mode) as u16).min(room);
    let rw = str_width(right, mode) as u16;
    put_truncated(buf, area.x + 1, y, room, left, style, mode);
    if !right.is_empty() && lw + 2 + rw <= room {
        put(buf, area.right() - 1 - rw, y, rw, right, style, mode);
    }
}

/// The short notice shown when the terminal is too small to lay anything out.
pub fn too_small(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let msg = t(app, Msg::TooSmall);
    let w = (str_width(msg, app.settings.mode) as u16).min(area.width);
    let x = area.x + (area.width - w) / 2;
    let y = area.y + area.height / 2;
    put_truncated(buf, x, y, area.width, msg, theme.notice, app.settings.mode);
}

/// Prepares `area` for an overlay: clears it, and blanks any wide character
/// that straddles its left or right edge, so no half character survives and
/// the terminal diff does not skip the overlay's border (GUIDE §2).
pub fn clear_for_overlay(area: Rect, buf: &mut Buffer) {
    let bounds = buf.area;
    for y in area.top()..area.bottom().min(bounds.bottom()) {
        if area.x > bounds.x {
            let left = (area.x - 1, y);
            if buf[left].cell_width() > 1 {
                buf[left].reset();
            }
        }
        for x in area.left()..area.right().min(bounds.right()) {
            buf[(x, y)].reset();
        }
    }
}

/// Draws a text prompt on the bottom row: its label, then the text (the
/// cursor and the text's end always in view), and for a search the count
/// at the right end when it fits beside the whole text (never over it);
/// returns the cursor position.
pub fn prompt(
    app: &App,
    kind: PromptKind,
    input: &TextInput,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> (u16, u16) {
    let colon = app.settings.lang.colon();
    let label = match kind {
        PromptKind::Note => format!("{}{colon}", t(app, Msg::NotePrompt)),
        PromptKind::Search => "/".to_string(),
        PromptKind::Find => format!("{}{colon}", t(app, Msg::FindPrompt)),
        PromptKind::Quit => format!("{} ", t(app, Msg::QuitPrompt)),
    };
    let summary = match (kind, app.reader(), app.finder.as_ref()) {
        (PromptKind::Search, Some(r), _) => r.search.summary(app.settings.lang),
        (PromptKind::Find, _, Some(f)) => super::results::summary(app, f),
        _ => String::new(),
    };
    let mode = app.settings.mode;
    let y = area.bottom() - 1;
    // The whole row first: nothing of the status line may show through.
    fill(buf, area.x, y, area.width, theme.text);
    // The count goes where the label and the whole text leave room (cut
    // short if need be, the end of a long message then out of view),
    // never over the text; with less than a few columns, not at all.
    let text = str_width(&label, mode) + str_width(&sanitize_line(input.text()), mode) + 1;
    let free = usize::from(area.width).saturating_sub(text + 2);
    let sw = str_width(&summary, mode).min(free);
    let show = !summary.is_empty() && sw >= MIN_SUMMARY.min(str_width(&summary, mode));
    let text_area = if show {
        Rect {
            width: area.width - sw as u16 - 2,
            ..area
        }
    } else {
        area
    };
    let cursor = input_line(app, &label, input, text_area, buf, theme);
    if show {
        let (x, sw) = (area.right() - sw as u16 - 1, sw as u16);
        put_truncated(buf, x, y, sw, &summary, theme.notice, mode);
    }
    cursor
}

/// Columns a prompt's count or message needs to be worth showing cut.
const MIN_SUMMARY: usize = 8;

/// A label and an editable text on the bottom row; returns the cursor.
/// A text too long for the row shows the cursor and as much around it
/// as fits, its end whenever the text after the cursor fits, and `…`
/// where some is out of view. A text offered selected (typing replaces
/// it) is drawn reversed.
pub fn input_line(
    app: &App,
    label: &str,
    input: &TextInput,
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) -> (u16, u16) {
    let mode = app.settings.mode;
    let y = area.bottom() - 1;
    fill(buf, area.x, y, area.width, theme.text);
    let before = sanitize_line(input.before_cursor());
    let after = sanitize_line(&input.text()[input.before_cursor().len()..]);
    let (bw, aw) = (str_width(&before, mode), str_width(&after, mode));
    // The label gives way to the text, keeping room for some of it.
    let keep = area.width.min(12).min(bw as u16 + aw as u16 + 1);
    let lw = put_truncated(
        buf,
        area.x,
        y,
        area.width.saturating_sub(keep),
        label,
        theme.notice,
        mode,
    );
    let style = if input.is_selected() {
        theme.text.add_modifier(Modifier::REVERSED)
    } else {
        theme.text
    };
    // One column stays free for the cursor after the text.
    let room = usize::from(area.width.saturating_sub(lw + 1));
    let dots = ellipsis(mode);
    let dw = str_width(dots, mode);
    let mut x = area.x + lw;
    let mut put_at = |x: &mut u16, s: &str, style| {
        *x += put(buf, *x, y, area.right().saturating_sub(*x), s, style, mode);
    };
    if bw + aw <= room {
        put_at(&mut x, &before, style);
        let cursor = x;
        put_at(&mut x, &after, style);
        return (cursor, y);
    }
    // The start is cut off: `…`, then the end of what precedes the
    // cursor; what follows it to the end when it fits, else cut with `…`.
    let after_room = if aw + 2 * dw < room { aw } else { room / 2 };
    let shown = tail_fitting(&before, room.saturating_sub(dw + after_room), mode);
    if shown.len() < before.len() {
        put_at(&mut x, dots, theme.dim);
    }
    put_at(&mut x, shown, style);
    let cursor = x;
    if aw == after_room {
        put_at(&mut x, &after, style);
    } else {
        let max = area.right().saturating_sub(x);
        put_truncated(buf, x, y, max, &after, style, mode);
    }
    (cursor, y)
}

/// Dim text after the cursor of an empty input, saying what it takes.
pub fn placeholder(
    app: &App,
    text: &str,
    cursor: (u16, u16),
    area: Rect,
    buf: &mut Buffer,
    theme: &Theme,
) {
    let (x, y) = cursor;
    let max = area.right().saturating_sub(x + 1);
    put_truncated(buf, x + 1, y, max, text, theme.dim, app.settings.mode);
}

/// What marks text out of view: `…`, or `..` in wide mode (where `…` is
/// two columns).
fn ellipsis(mode: WidthMode) -> &'static str {
    match mode {
        WidthMode::Narrow => "\u{2026}",
        WidthMode::Wide => "..",
    }
}

/// The longest suffix of `s` (whole graphemes) that fits in `max` columns.
pub fn tail_fitting(s: &str, max: usize, mode: WidthMode) -> &str {
    let mut start = s.len();
    let mut width = 0;
    for (i, g) in s.grapheme_indices(true).rev() {
        width += grapheme_width(g, mode);
        if width > max {
            break;
        }
        start = i;
    }
    &s[start..]
}

/// Key hints for `screen`'s status line, from the screen table and the
/// keymap in force (so rebound keys show as bound): `Enter open  ? help`.
pub fn hints(app: &App, screen: Screen) -> String {
    hints_within(app, screen, usize::MAX)
}

/// The key hints that fit in `room` columns: the help's first (it lists
/// every other key), then the others in the table's order; shown in the
/// table's order.
pub fn hints_within(app: &App, screen: Screen, room: usize) -> String {
    let all = hint_items(app, screen);
    let mode = app.settings.mode;
    let mut by_priority: Vec<usize> = (0..all.len()).collect();
    by_priority.sort_by_key(|&i| !all[i].0);
    let mut keep = vec![false; all.len()];
    let mut used = 0;
    for i in by_priority {
        let w = str_width(&all[i].1, mode) + if used == 0 { 0 } else { 2 };
        if used + w <= room {
            keep[i] = true;
            used += w;
        }
    }
    let shown: Vec<&str> = (all.iter().zip(keep))
        .filter(|(_, k)| *k)
        .map(|((_, h), _)| h.as_str())
        .collect();
    shown.join("  ")
}

/// Each hint of `screen` that has a key: whether it opens the help, and
/// `keys label`.
fn hint_items(app: &App, screen: Screen) -> Vec<(bool, String)> {
    let s = info(screen);
    let mut out = Vec::new();
    for h in s.hints {
        // No pane to switch to when the group pane is not shown.
        if h.actions == [Action::NextPane] && !app.browse.groups_shown() {
            continue;
        }
        let keys: Vec<String> = h
            .actions
            .iter()
            .filter_map(|a| app.keymap.first_key(s.context, a))
            .map(|k| k.label())
            .collect();
        // `q` on a served reader's list goes back to its chooser.
        let label = match h.label {
            Msg::HintQuit if app.back_to_chooser => Msg::HintChooser,
            label => label,
        };
        if !keys.is_empty() {
            let help = h.actions == [Action::ToggleHelp];
            out.push((help, format!("{} {}", keys.join(" "), t(app, label))));
        }
    }
    out
}

/// Room for hints on a bar beside `left` (see [`bar`]).
pub fn room_beside(app: &App, area: Rect, left: &str) -> usize {
    let room = usize::from(area.width.saturating_sub(2));
    room.saturating_sub(str_width(left, app.settings.mode) + 2)
}

/// The bottom row of a list screen: a message (a state-file notice, a
/// failed save) or, with none, the screen's key hints; and the archive's
/// problems, if any. (A filter being typed is drawn over it by the modal.)
pub fn footer(app: &App, area: Rect, buf: &mut Buffer, theme: &Theme, screen: Screen) {
    let problems = app.problems_line().filter(|_| screen != Screen::Problems);
    // The problems stay in sight beside a message (the offer to continue
    // reading at start-up among them), in place of the hints: first, in
    // short, where both do not fit.
    let room = usize::from(area.width.saturating_sub(2));
    let text = match (super::status_text(app), problems) {
        (Some(msg), Some(problems)) => {
            let both = format!("{msg}  {problems}");
            match (
                str_width(&both, app.settings.mode) <= room,
                app.problems_short(),
            ) {
                (false, Some(short)) => format!("{short}  {msg}"),
                _ => both,
            }
        }
        (Some(msg), None) => msg,
        (None, Some(problems)) => format!("{problems}  {}", hints(app, screen)),
        (None, None) => hints(app, screen),
    };
    bar(app, area.bottom() - 1, area, buf, &text, "", theme.bar);
}
