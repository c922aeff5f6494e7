//! Shared helpers for the integration tests.

#![allow(dead_code)]

pub mod bounded;
pub mod fuzz_archive;
pub mod pty;
pub mod reader;
pub mod snapshot;
#[cfg(feature = "serve")]
pub mod ssh;
#[cfg(feature = "serve")]
pub mod ssh_deaf;

use bulletin::app::{Action, App, Event, Key, KeyCode, Lang, Settings};
use bulletin::model::load_sample;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};

/// Default settings in `lang`.
pub fn settings_in(lang: Lang) -> Settings {
    Settings {
        lang,
        ..Settings::default()
    }
}

/// `en` or `zh`, for snapshot names.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// The app on the bundled sample with `settings`, sized `w`x`h`.
pub fn sample_app(settings: Settings, w: u16, h: u16) -> App {
    let mut app = App::new(load_sample().expect("sample loads"), settings);
    bulletin::app::effect::update_inline(&mut app, Action::Resize(w, h));
    app
}

/// The long official-style documents of `tests/fixtures/outline/`.
pub const REPORTS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/outline/reports.json"
);

/// The app on the reports fixture with `settings`, sized `w`x`h`, with
/// its state store in `dir` when given.
pub fn reports_app(settings: Settings, w: u16, h: u16, dir: Option<&std::path::Path>) -> App {
    let archive = bulletin::model::load_path(std::path::Path::new(REPORTS)).expect("fixture loads");
    let mut app = App::new(archive, settings);
    if let Some(dir) = dir {
        let (store, notices) = bulletin::store::Store::open(dir).unwrap();
        assert!(notices.is_empty(), "{notices:?}");
        app = app.with_store(store);
    }
    bulletin::app::effect::update_inline(&mut app, Action::Resize(w, h));
    app
}

/// Feeds keys through the keymap, as the run loop does.
pub fn press(app: &mut App, keys: &[Key]) {
    for &k in keys {
        if let Some(a) = app.action_for(Event::Key(k)) {
            bulletin::app::effect::update_inline(app, a);
        }
    }
}

pub fn ch(c: char) -> Key {
    Key::ch(c)
}

pub fn key(code: KeyCode) -> Key {
    Key::plain(code)
}

/// Types a string, one key per character.
pub fn type_str(app: &mut App, s: &str) {
    let keys: Vec<Key> = s.chars().map(Key::ch).collect();
    press(app, &keys);
}

/// Renders `app` into a fresh `TestBackend` of its size.
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| bulletin::ui::render(app, f)).unwrap();
    terminal.backend().buffer().clone()
}

/// The buffer as plain text, as a terminal would show it: a wide character
/// once (the cells it covers skipped), trailing spaces trimmed.
pub fn buffer_text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut x = 0;
        while x < buf.area.width {
            let cell = &buf[(x, y)];
            line.push_str(cell.symbol());
            x += cell.cell_width().max(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Display width of a screen row in `mode`'s terms.
pub fn row_width(row: &str, mode: bulletin::text::WidthMode) -> usize {
    bulletin::text::width::str_width(row, mode)
}

/// The screen as text for a snapshot, after checking that no row is wider
/// than the terminal.
pub fn snap(app: &App) -> String {
    let text = buffer_text(&render(app));
    for (i, row) in text.lines().enumerate() {
        let w = row_width(row, app.settings.mode);
        assert!(
            w <= usize::from(app.size.0),
            "row {i} is {w} columns wide: {row}"
        );
    }
    text
}
