//! The status-line key hints come from the keymap in force, so keys
//! rebound in the settings file show as bound. (Its own test binary: the
//! configured keymap is installed once per process.)

#[path = "it/common/mod.rs"]
mod common;

use bulletin::app::{KeyCode, Lang, Settings, keymap};
use bulletin::config::Config;
use common::{buffer_text, ch, key, press, render, sample_app, type_str};

#[test]
fn hints_show_the_configured_keys() {
    let text = "[keys.reader]\npage-down = [\"z\"]\nsearch = [\"s\"]\n";
    let config = Config::parse(text, std::path::Path::new("test.toml")).unwrap();
    keymap::install(config.keys.to_bindings());
    let mut app = sample_app(
        Settings {
            lang: Lang::En,
            ..Settings::default()
        },
        80,
        24,
    );
    type_str(&mut app, "须水");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let screen = buffer_text(&render(&app));
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("z page") && status.contains("s search"),
        "{status}"
    );
    press(&mut app, &[ch('z')]);
    assert!(app.reader.as_ref().unwrap().top > 0, "z pages down");
}
