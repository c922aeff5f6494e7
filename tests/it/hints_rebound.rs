//! The status-line key hints come from the keymap in force, so keys
//! rebound in the settings file show as bound. The keymap is the app's own
//! value: an app with other keys runs beside apps with the defaults.

use crate::common;

use bulletin::app::{KeyCode, Lang, Settings};
use bulletin::config::Config;
use common::{buffer_text, ch, key, press, render, sample_app, type_str};

#[test]
fn hints_show_the_configured_keys() {
    let text = "[keys.reader]\npage-down = [\"z\"]\nsearch = [\"s\"]\n";
    let config = Config::parse(text, std::path::Path::new("test.toml")).unwrap();
    let settings = Settings {
        lang: Lang::En,
        ..Settings::default()
    };
    let mut app = sample_app(settings, 80, 24);
    app.keymap = config.keys;
    let mut stock = sample_app(settings, 80, 24);
    type_str(&mut app, "须水");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let screen = buffer_text(&render(&app));
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("z page") && status.contains("s search"),
        "{status}"
    );
    press(&mut app, &[ch('z')]);
    assert!(app.reader().unwrap().top > 0, "z pages down");
    // The app beside it keeps the built-in keys.
    type_str(&mut stock, "须水");
    press(&mut stock, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let status = buffer_text(&render(&stock))
        .lines()
        .last()
        .unwrap()
        .to_string();
    assert!(status.contains("Space page"), "{status}");
    press(&mut stock, &[ch('z')]);
    assert_eq!(stock.reader().unwrap().top, 0, "z means nothing there");
}
