//! The help screen's content, built from the screen table and the keymap
//! in force: one section per screen, overlay and prompt (each with its
//! keys and notes), then the keys that work anywhere; and its lines,
//! wrapped to the help box's width (never cut).

use super::i18n::describe;
use super::keymap::Context;
use super::screens::{SCREENS, Screen, ScreenInfo};
use super::{Action, App, Msg, WidthSource};
use crate::text::WidthMode;
use crate::text::linebreak::Breaker;
use crate::text::width::str_width;

/// One line of help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpRow {
    /// A section heading (or the status line at the top).
    Heading(String),
    /// `keys  what they do`.
    Binding {
        keys: String,
        what: &'static str,
    },
    /// A sentence about the section.
    Note(&'static str),
    Blank,
}

/// Every help row, in order.
pub fn rows(app: &App) -> Vec<HelpRow> {
    let lang = app.settings.lang;
    let mut rows = vec![HelpRow::Heading(mode_line(app)), HelpRow::Blank];
    for s in SCREENS {
        rows.push(HelpRow::Heading(s.title.text(lang).to_string()));
        push_bindings(app, s.context, Some(s), &mut rows);
        rows.extend(s.notes.iter().map(|n| HelpRow::Note(n.text(lang))));
        rows.push(HelpRow::Blank);
    }
    rows.push(HelpRow::Heading(Msg::ScreenGlobal.text(lang).to_string()));
    push_bindings(app, Context::Global, None, &mut rows);
    rows
}

fn push_bindings(
    app: &App,
    context: Context,
    screen: Option<&ScreenInfo>,
    rows: &mut Vec<HelpRow>,
) {
    for b in app.keymap.bindings_of(context) {
        if b.keys.is_empty() {
            continue;
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
        rows.push(HelpRow::Binding {
            keys: keys.join(" "),
            what: what_it_does(&b.action, screen, app.settings.lang),
        });
    }
}

/// What `action` does on `screen`: the screen's own words when the
/// action's general description would mislead there.
fn what_it_does(action: &Action, screen: Option<&ScreenInfo>, lang: super::Lang) -> &'static str {
    let own = screen.and_then(|s| s.says.iter().find(|(a, _)| a == action));
    match own {
        Some((_, msg)) => msg.text(lang),
        None => describe(action, lang),
    }
}

/// One display line of the help box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(String),
    /// Keys (empty on a continuation line) and a piece of what they do.
    Binding {
        keys: String,
        what: String,
    },
    Note(String),
    Blank,
}

/// Where the parts of a help line start, in a box `width` columns wide
/// (inside its border).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HelpColumns {
    pub heading: u16,
    pub keys: u16,
    pub key_width: u16,
    pub what: u16,
    pub note: u16,
}

impl HelpColumns {
    pub fn new(rows: &[HelpRow], width: u16, mode: WidthMode) -> HelpColumns {
        let key_width = rows
            .iter()
            .filter_map(|r| match r {
                HelpRow::Binding { keys, .. } => Some(str_width(keys, mode) as u16),
                _ => None,
            })
            .max()
            .unwrap_or(0)
            .min(width / 3);
        HelpColumns {
            heading: 1,
            keys: 2,
            key_width,
            what: 4 + key_width,
            note: 2,
        }
    }
}

/// The help rows as display lines `width` columns wide (the inside of
/// the box): long keys, descriptions, headings and notes wrap.
pub fn lines(app: &App, width: u16) -> Vec<HelpLine> {
    let mode = app.settings.mode;
    let rows = rows(app);
    let cols = HelpColumns::new(&rows, width, mode);
    let room = |from: u16| usize::from(width.saturating_sub(from).max(1));
    let mut out = Vec::new();
    for row in &rows {
        match row {
            HelpRow::Heading(h) => out.extend(
                wrap(h, room(cols.heading), mode)
                    .into_iter()
                    .map(HelpLine::Heading),
            ),
            HelpRow::Binding { keys, what } => {
                let keys = pack_words(keys, usize::from(cols.key_width.max(1)), mode);
                let what = wrap(what, room(cols.what), mode);
                for i in 0..keys.len().max(what.len()) {
                    out.push(HelpLine::Binding {
                        keys: keys.get(i).cloned().unwrap_or_default(),
                        what: what.get(i).cloned().unwrap_or_default(),
                    });
                }
            }
            HelpRow::Note(n) => out.extend(
                wrap(n, room(cols.note), mode)
                    .into_iter()
                    .map(HelpLine::Note),
            ),
            HelpRow::Blank => out.push(HelpLine::Blank),
        }
    }
    out
}

/// `s` broken into lines of at most `width` columns (Chinese rules).
fn wrap(s: &str, width: usize, mode: WidthMode) -> Vec<String> {
    let mut out = Vec::new();
    Breaker::new().wrap(s, width, width, mode, |a, b| {
        out.push(s[a..b].trim_end().to_string())
    });
    out
}

/// Space-separated key labels packed into lines of at most `width`
/// columns, never splitting a label.
fn pack_words(s: &str, width: usize, mode: WidthMode) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for word in s.split(' ') {
        match out.last_mut() {
            Some(line) if str_width(line, mode) + 1 + str_width(word, mode) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => out.push(word.to_string()),
        }
    }
    out
}

/// The row where `screen`'s section starts (help opens there).
pub fn section_start(rows: &[HelpRow], app: &App, screen: Screen) -> usize {
    let title = super::screens::info(screen).title.text(app.settings.lang);
    rows.iter()
        .position(|r| matches!(r, HelpRow::Heading(h) if h == title))
        .unwrap_or(0)
}

/// The display line where `screen`'s section starts.
pub fn section_line(lines: &[HelpLine], app: &App, screen: Screen) -> usize {
    let title = super::screens::info(screen).title.text(app.settings.lang);
    lines
        .iter()
        .position(|l| matches!(l, HelpLine::Heading(h) if h == title))
        .unwrap_or(0)
}

/// `Ambiguous-width characters: wide (detected from the terminal)`.
fn mode_line(app: &App) -> String {
    let lang = app.settings.lang;
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
        Msg::AmbiguousLabel.text(lang),
        mode.text(lang),
        source.text(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Lang, Settings};
    use crate::model::load_sample;

    #[test]
    fn every_screen_and_prompt_with_keys_has_a_section_listing_them() {
        for lang in [Lang::En, Lang::Zh] {
            let settings = Settings {
                lang,
                ..Settings::default()
            };
            let app = App::new(load_sample().unwrap(), settings);
            let rows = rows(&app);
            for s in SCREENS {
                let at = section_start(&rows, &app, s.screen);
                assert!(at > 0, "{:?} has no section", s.screen);
                let next = &rows[at + 1];
                let has_keys = app.keymap.bindings_of(s.context).next().is_some();
                assert!(
                    !has_keys || matches!(next, HelpRow::Binding { .. }),
                    "{:?}: {next:?}",
                    s.screen
                );
            }
            let marks = section_start(&rows, &app, Screen::Bookmarks);
            let delete = describe(&crate::app::Action::Delete, lang);
            assert!(
                rows[marks..]
                    .iter()
                    .any(|r| matches!(r, HelpRow::Binding { what, .. } if *what == delete))
            );
        }
    }
}
