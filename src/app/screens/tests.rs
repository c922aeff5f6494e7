//! The screen table's own rules: one row per screen, keys and hints that
//! exist where they are shown.

use super::*;
use crate::app::keymap::Keymap;

#[test]
fn every_screen_has_exactly_one_row() {
    for screen in Screen::ALL {
        let rows = SCREENS.iter().filter(|s| s.screen == screen).count();
        assert_eq!(rows, 1, "{screen:?}");
        assert_eq!(
            info(screen).screen,
            screen,
            "info() indexes by the enum's order"
        );
    }
    assert_eq!(SCREENS.len(), Screen::ALL.len());
}

#[test]
fn every_context_with_bindings_belongs_to_a_screen() {
    let map = Keymap::default();
    for context in Context::ALL {
        let bound = map.bindings_of(context).next().is_some();
        let shown = context == Context::Global || SCREENS.iter().any(|s| s.context == context);
        assert!(!bound || shown, "{context:?} has keys but no screen");
    }
}

#[test]
fn each_action_opens_at_most_one_screen_and_screens_over_others_have_keys() {
    let openers: Vec<&Action> = SCREENS
        .iter()
        .filter_map(|s| s.opener.as_ref().map(|o| &o.action))
        .collect();
    for (i, a) in openers.iter().enumerate() {
        assert!(!openers[i + 1..].contains(a), "{a:?} opens two screens");
    }
    for s in SCREENS {
        if let Layer::Over(..) = s.layer {
            assert_ne!(s.context, Context::Input, "{:?}", s.screen);
        }
    }
}

#[test]
fn hints_name_actions_bound_on_their_screen() {
    let map = Keymap::default();
    for s in SCREENS {
        for h in s.hints {
            for a in h.actions {
                assert!(
                    map.first_key(s.context, a).is_some(),
                    "{:?} {a:?}",
                    s.screen
                );
            }
        }
    }
}
