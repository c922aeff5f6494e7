//! Key bindings as configured: the built-in keymap ([`BINDINGS`]) with the
//! config file's `[keys]` lists put in place of the built-in ones.
//!
//! One entry per `(screen, action)` pair of the built-in keymap, in its
//! order, so the defaults are the built-in keymap by construction.

use crate::app::keymap::{BINDINGS, Binding, Context};
use crate::app::{Action, Key};

/// Keys bound to one action on one screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyEntry {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// The whole keymap as configured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBindings {
    entries: Vec<KeyEntry>,
}

/// Every context with the name it has in the config file (`[keys.NAME]`).
pub const CONTEXTS: &[(&str, Context)] = &[
    ("global", Context::Global),
    ("browse", Context::Browse),
    ("reader", Context::Reader),
    ("help", Context::Help),
    ("bookmarks", Context::Marks),
    ("input", Context::Input),
];

/// The config name of a context.
pub fn context_name(context: Context) -> &'static str {
    CONTEXTS
        .iter()
        .find(|(_, c)| *c == context)
        .map(|(n, _)| *n)
        .expect("every context has a name")
}

/// The context called `name` in the config file.
pub fn context_named(name: &str) -> Option<Context> {
    CONTEXTS.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

/// The action called `name` (its [`Action::name`]), if the keymap binds it
/// anywhere: only those can be given keys.
pub fn action_named(name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .find(|b| b.action.name() == name)
        .map(|b| b.action.clone())
}

/// Names of the actions that can be bound, in keymap order, each once.
pub fn action_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for b in BINDINGS {
        if !names.contains(&b.action.name()) {
            names.push(b.action.name());
        }
    }
    names
}

impl Default for KeyBindings {
    fn default() -> Self {
        KeyBindings {
            entries: BINDINGS
                .iter()
                .map(|b| KeyEntry {
                    context: b.context,
                    action: b.action.clone(),
                    keys: b.keys.to_vec(),
                })
                .collect(),
        }
    }
}

impl KeyBindings {
    /// Every `(screen, action, keys)` entry, in the built-in keymap's order.
    pub fn entries(&self) -> &[KeyEntry] {
        &self.entries
    }

    /// The keys of `action` on `context`'s screen (`None`: the keymap does
    /// not bind that action there).
    pub fn keys(&self, context: Context, action: &Action) -> Option<&[Key]> {
        self.entry(context, action).map(|e| e.keys.as_slice())
    }

    fn entry(&self, context: Context, action: &Action) -> Option<&KeyEntry> {
        self.entries
            .iter()
            .find(|e| e.context == context && e.action == *action)
    }

    /// Replaces the keys of `action` on `context`'s screen; false when the
    /// keymap does not bind that action there.
    pub fn set(&mut self, context: Context, action: &Action, keys: Vec<Key>) -> bool {
        match self
            .entries
            .iter_mut()
            .find(|e| e.context == context && e.action == *action)
        {
            Some(e) => {
                e.keys = keys;
                true
            }
            None => false,
        }
    }

    /// The contexts where the keymap binds `action`.
    pub fn contexts_of(&self, action: &Action) -> Vec<Context> {
        self.entries
            .iter()
            .filter(|e| e.action == *action)
            .map(|e| e.context)
            .collect()
    }

    /// A key bound to two actions on one screen: `(key, first, second)`.
    pub fn clash(&self, context: Context) -> Option<(Key, &Action, &Action)> {
        let on: Vec<&KeyEntry> = self
            .entries
            .iter()
            .filter(|e| e.context == context)
            .collect();
        for (i, a) in on.iter().enumerate() {
            for b in &on[i + 1..] {
                if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    return Some((*k, &a.action, &b.action));
                }
            }
        }
        None
    }

    /// The keymap in the form of [`BINDINGS`], for the run loop and the
    /// help screen. Lists equal to the built-in ones reuse its static
    /// slices; changed lists are leaked (once, at start-up: a few bytes).
    pub fn to_bindings(&self) -> Vec<Binding> {
        self.entries
            .iter()
            .zip(BINDINGS)
            .map(|(e, b)| Binding {
                context: e.context,
                action: e.action.clone(),
                keys: if e.keys == b.keys {
                    b.keys
                } else {
                    Box::leak(e.keys.clone().into_boxed_slice())
                },
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::KeyCode;

    #[test]
    fn one_entry_per_screen_and_action_in_the_builtin_keymap() {
        // `set` and the config's `[keys.SCREEN] action = [...]` rely on it.
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                assert!(
                    !(a.context == b.context && a.action == b.action),
                    "{:?} {:?} bound twice",
                    a.context,
                    a.action
                );
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for &(name, c) in CONTEXTS {
            assert_eq!(context_named(context_name(c)), Some(c), "{name}");
        }
        for name in action_names() {
            assert_eq!(action_named(name).map(|a| a.name()), Some(name));
        }
        assert_eq!(action_named("resize"), None, "never bound to a key");
    }

    #[test]
    fn defaults_are_the_builtin_keymap() {
        let kb = KeyBindings::default();
        let back: Vec<(Context, Action, Vec<Key>)> = kb
            .to_bindings()
            .into_iter()
            .map(|b| (b.context, b.action, b.keys.to_vec()))
            .collect();
        let want: Vec<(Context, Action, Vec<Key>)> = BINDINGS
            .iter()
            .map(|b| (b.context, b.action.clone(), b.keys.to_vec()))
            .collect();
        assert_eq!(back, want);
        for c in CONTEXTS {
            assert_eq!(kb.clash(c.1), None);
        }
    }

    #[test]
    fn set_replaces_and_clash_finds_the_double() {
        let mut kb = KeyBindings::default();
        let e = Key::ch('e');
        assert!(kb.set(Context::Reader, &Action::Down, vec![e]));
        assert_eq!(kb.keys(Context::Reader, &Action::Down), Some(&[e][..]));
        assert_eq!(
            kb.keys(Context::Browse, &Action::Down),
            Some(&[Key::ch('j'), Key::plain(KeyCode::Down)][..]),
            "other screens keep theirs"
        );
        assert!(!kb.set(Context::Reader, &Action::StartFilter, vec![e]));
        assert!(kb.set(Context::Reader, &Action::Up, vec![e]));
        let (k, _, _) = kb.clash(Context::Reader).expect("e twice");
        assert_eq!(k, e);
        let changed = kb.to_bindings();
        let down = changed
            .iter()
            .find(|b| b.context == Context::Reader && b.action == Action::Down)
            .unwrap();
        assert_eq!(down.keys, &[e]);
    }
}
