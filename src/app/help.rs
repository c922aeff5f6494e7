//! The help screen's content, built from the screen table and the keymap
//! in force: one section per screen, overlay and prompt (each with its
//! keys and notes), then the keys that work anywhere.

use super::i18n::describe;
use super::keymap::Context;
use super::screens::{SCREENS, Screen};
use super::{App, Msg, WidthSource};
use crate::text::WidthMode;

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
        push_bindings(app, s.context, &mut rows);
        rows.extend(s.notes.iter().map(|n| HelpRow::Note(n.text(lang))));
        rows.push(HelpRow::Blank);
    }
    rows.push(HelpRow::Heading(Msg::ScreenGlobal.text(lang).to_string()));
    push_bindings(app, Context::Global, &mut rows);
    rows
}

fn push_bindings(app: &App, context: Context, rows: &mut Vec<HelpRow>) {
    for b in app.keymap.bindings_of(context) {
        if b.keys.is_empty() {
            continue;
        }
        let keys: Vec<String> = b.keys.iter().map(|k| k.label()).collect();
        rows.push(HelpRow::Binding {
            keys: keys.join(" "),
            what: describe(&b.action, app.settings.lang),
        });
    }
}

/// The row where `screen`'s section starts (help opens there).
pub fn section_start(rows: &[HelpRow], app: &App, screen: Screen) -> usize {
    let title = super::screens::info(screen).title.text(app.settings.lang);
    rows.iter()
        .position(|r| matches!(r, HelpRow::Heading(h) if h == title))
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
