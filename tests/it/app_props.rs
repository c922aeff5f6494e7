//! No key sequence, paste, click or terminal size makes the app panic:
//! random events through the real keymap, `update` (effects performed in
//! place, the state store in a temporary directory) and the renderer.

use crate::common;

use bulletin::app::effect::update_inline;
use bulletin::app::{Event, Key, KeyCode, Lang, Settings};
use bulletin::store::Store;
use bulletin::text::WidthMode;
use proptest::prelude::*;
use proptest::sample::select;

const CHARS: &str = "jkgGhlq/snNmyYoBdurf?[]' 物业须水xs1";
const CODES: &[KeyCode] = &[
    KeyCode::Enter,
    KeyCode::Esc,
    KeyCode::Backspace,
    KeyCode::Delete,
    KeyCode::Tab,
    KeyCode::BackTab,
    KeyCode::Up,
    KeyCode::Down,
    KeyCode::Left,
    KeyCode::Right,
    KeyCode::Home,
    KeyCode::End,
    KeyCode::PageUp,
    KeyCode::PageDown,
];

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        8 => select(CHARS.chars().collect::<Vec<_>>()).prop_map(|c| Event::Key(Key::ch(c))),
        4 => select(CODES).prop_map(|c| Event::Key(Key::plain(c))),
        1 => select(vec!['d', 'u', 'w', 'a', 'e', 'f', 'b']).prop_map(|c| Event::Key(Key::ctrl(c))),
        1 => (0u16..300, 0u16..100).prop_map(|(w, h)| Event::Resize(w, h)),
        1 => "[a-z物业\\n\\x1b]{0,8}".prop_map(Event::Paste),
        1 => (-5i16..5).prop_map(Event::Scroll),
        1 => (0u16..120, 0u16..40).prop_map(|(x, y)| Event::Click(x, y)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn no_event_sequence_panics(
        events in prop::collection::vec(event(), 1..48),
        zh in any::<bool>(),
        wide in any::<bool>(),
        mouse in any::<bool>(),
    ) {
        let settings = Settings {
            lang: if zh { Lang::Zh } else { Lang::En },
            mode: if wide { WidthMode::Wide } else { WidthMode::Narrow },
            mouse,
            ..Settings::default()
        };
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(dir.path()).unwrap();
        let mut app = common::sample_app(settings, 80, 24).with_store(store);
        for e in events {
            if let Some(a) = app.action_for(e) {
                update_inline(&mut app, a);
            }
            let _ = common::render(&app);
        }
    }
}

#[test]
fn huge_and_tiny_sizes_lay_out_without_panicking() {
    let mut app = common::sample_app(Settings::default(), 80, 24);
    common::type_str(&mut app, "须水");
    common::press(
        &mut app,
        &[common::key(KeyCode::Enter), common::key(KeyCode::Enter)],
    );
    for (w, h) in [
        (0, 0),
        (1, 1),
        (u16::MAX, u16::MAX),
        (u16::MAX, 1),
        (1, u16::MAX),
        (80, 24),
    ] {
        update_inline(&mut app, bulletin::app::Action::Resize(w, h));
    }
    let _ = common::render(&app);
}
