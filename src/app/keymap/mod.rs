//! The keymap: which key does what in which context. A value, built from
//! the built-in [`DEFAULTS`] and the settings file's `[keys]`, owned by the
//! app; the help screen, the key hints and the default settings file are
//! all generated from it, so none of them can drift from the keys in force.

mod defaults;

use Context::{Global, Help, Input, Reader};

pub use defaults::DEFAULTS;

use super::action::{Action, Key, KeyCode};
pub use super::screens::Context;

impl Context {
    /// The context called `name` in the settings file.
    pub fn named(name: &str) -> Option<Context> {
        Context::ALL.into_iter().find(|c| c.name() == name)
    }
}

/// The built-in keymap: [`DEFAULTS`], then the keys screens bring with
/// their rows (`screens::ScreenInfo::keys`).
pub fn defaults() -> impl Iterator<Item = &'static (Context, &'static [Key], Action)> {
    DEFAULTS.iter().chain(super::screens::screen_keys())
}

/// Keys bound to one action in one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub action: Action,
    pub keys: Vec<Key>,
}

/// The keymap in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            bindings: defaults()
                .map(|(context, keys, action)| Binding {
                    context: *context,
                    action: action.clone(),
                    keys: keys.to_vec(),
                })
                .collect(),
        }
    }
}

impl Keymap {
    /// Every binding, in the built-in order.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The bindings of one context, for the help screen.
    pub fn bindings_of(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings.iter().filter(move |b| b.context == context)
    }

    fn find(&self, context: Context, key: Key) -> Option<Action> {
        self.bindings_of(context)
            .find(|b| b.keys.contains(&key))
            .map(|b| b.action.clone())
    }

    /// The action bound to `key` in `context` (the context's bindings
    /// first, then the global ones).
    pub fn action_for(&self, context: Context, key: Key) -> Option<Action> {
        if context == Input {
            return self.input_action(key);
        }
        if let Some(a) = self.find(context, key) {
            return Some(a);
        }
        // In help, `q` and `Esc` close the overlay rather than leave the screen.
        let global = self.find(Global, key);
        if context == Help && matches!(global, Some(Action::Back | Action::Cancel)) {
            return Some(Action::ToggleHelp);
        }
        global.or_else(|| self.unbound_text(context, key))
    }

    /// Keys while a text prompt has the focus: its bindings, and any other
    /// printable character is typed.
    pub fn input_action(&self, key: Key) -> Option<Action> {
        self.find(Input, key).or(match key.code {
            KeyCode::Char(c) if !key.ctrl && !key.alt && !c.is_control() => Some(Action::Input(c)),
            _ => None,
        })
    }

    /// The first key bound to `action` in `context` (or globally), for the
    /// key hints on the status line.
    pub fn first_key(&self, context: Context, action: &Action) -> Option<Key> {
        [context, Global].into_iter().find_map(|ctx| {
            self.bindings_of(ctx)
                .find(|b| &b.action == action)
                .and_then(|b| b.keys.first().copied())
        })
    }

    /// The keys of `action` in `context` (`None`: not bound there).
    pub fn keys(&self, context: Context, action: &Action) -> Option<&[Key]> {
        self.bindings_of(context)
            .find(|b| &b.action == action)
            .map(|b| b.keys.as_slice())
    }

    /// Replaces the keys of `action` in `context`; false when the keymap
    /// does not have that action there.
    pub fn set(&mut self, context: Context, action: &Action, keys: Vec<Key>) -> bool {
        let found = self
            .bindings
            .iter_mut()
            .find(|b| b.context == context && &b.action == action);
        found.map(|b| b.keys = keys).is_some()
    }

    /// The contexts where the keymap has `action`.
    pub fn contexts_of(&self, action: &Action) -> Vec<Context> {
        self.bindings
            .iter()
            .filter(|b| &b.action == action)
            .map(|b| b.context)
            .collect()
    }

    /// On the lists (the screens with a `filter`), a character no
    /// binding uses (Chinese, most Latin letters) starts the filter with
    /// that character; in the reader an unbound digit is part of a count
    /// (`5j`, `50%`).
    fn unbound_text(&self, context: Context, key: Key) -> Option<Action> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        if key.ctrl || key.alt || c.is_control() {
            return None;
        }
        let filters = |b: &Binding| b.action == Action::StartFilter;
        match context {
            Reader => c.to_digit(10).map(|d| Action::Digit(d as u8)),
            Input => None,
            _ if self.bindings_of(context).any(filters) => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// A key bound to two actions in one context: `(key, first, second)`.
    pub fn clash(&self, context: Context) -> Option<(Key, &Action, &Action)> {
        let on: Vec<&Binding> = self.bindings_of(context).collect();
        for (i, a) in on.iter().enumerate() {
            for b in &on[i + 1..] {
                if let Some(k) = a.keys.iter().find(|k| b.keys.contains(k)) {
                    return Some((*k, &a.action, &b.action));
                }
            }
        }
        None
    }
}

/// The action called `name` (its [`Action::name`]), if it is one a user
/// can bind ([`Action::KEYED`]).
pub fn action_named(name: &str) -> Option<Action> {
    Action::KEYED.iter().find(|a| a.name() == name).cloned()
}

/// Names of the actions that can be bound, in keymap order, each once.
pub fn action_names() -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for (_, _, a) in defaults() {
        if !names.contains(&a.name()) {
            names.push(a.name());
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::{Browse, Marks, Outline};

    /// The declaration says which actions can be bound; the built-in
    /// keymap binds each of them somewhere, and nothing else.
    #[test]
    fn the_keyed_actions_are_the_bound_ones() {
        for a in Action::KEYED {
            assert!(defaults().any(|(_, _, b)| b == a), "{a:?} unbound");
            assert!(!a.is_machine() && !a.describe(crate::lang::Lang::En).is_empty());
        }
        for (_, _, a) in defaults() {
            assert!(
                Action::KEYED.contains(a),
                "{a:?} bound but not declared a key"
            );
        }
    }

    #[test]
    fn one_entry_per_context_and_action_and_no_key_twice() {
        let all: Vec<_> = defaults().collect();
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert!(
                    !(a.0 == b.0 && a.2 == b.2),
                    "{:?} {:?} listed twice",
                    a.0,
                    a.2
                );
            }
        }
        let map = Keymap::default();
        for c in Context::ALL {
            assert_eq!(map.clash(c), None, "{c:?}");
            assert_eq!(Context::named(c.name()), Some(c));
        }
    }

    #[test]
    fn guide_keys_are_bound() {
        let map = Keymap::default();
        let read = |key| map.action_for(Reader, key);
        assert_eq!(read(Key::ch('j')), Some(Action::Down));
        assert_eq!(read(Key::plain(KeyCode::PageDown)), Some(Action::PageDown));
        assert_eq!(read(Key::ch(' ')), Some(Action::PageDown));
        assert_eq!(read(Key::ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(read(Key::ch('G')), Some(Action::Bottom));
        assert_eq!(read(Key::ch('q')), Some(Action::Back));
        assert_eq!(read(Key::ch('?')), Some(Action::ToggleHelp));
        assert_eq!(map.action_for(Help, Key::ch('q')), Some(Action::ToggleHelp));
        let enter = Key::plain(KeyCode::Enter);
        assert_eq!(map.action_for(Browse, enter), Some(Action::Open));
        assert_eq!(
            map.action_for(Input, Key::ch('q')),
            Some(Action::Input('q'))
        );
    }

    #[test]
    fn unbound_characters_start_the_filter_on_the_lists_only() {
        let map = Keymap::default();
        assert_eq!(
            map.action_for(Browse, Key::ch('须')),
            Some(Action::Input('须'))
        );
        assert_eq!(
            map.action_for(Marks, Key::ch('须')),
            Some(Action::Input('须'))
        );
        assert_eq!(map.action_for(Reader, Key::ch('须')), None);
        assert_eq!(map.action_for(Browse, Key::ctrl('x')), None);
        assert_eq!(
            map.action_for(Outline, Key::ch('须')),
            Some(Action::Input('须'))
        );
    }

    #[test]
    fn digits_in_the_reader_make_a_count() {
        let map = Keymap::default();
        assert_eq!(map.action_for(Reader, Key::ch('5')), Some(Action::Digit(5)));
        assert_eq!(map.action_for(Reader, Key::ch('0')), Some(Action::Digit(0)));
        assert_eq!(
            map.action_for(Browse, Key::ch('5')),
            Some(Action::Input('5'))
        );
    }

    #[test]
    fn two_keymaps_live_side_by_side() {
        let mut mine = Keymap::default();
        assert!(mine.set(Reader, &Action::PageDown, vec![Key::ch('z')]));
        let theirs = Keymap::default();
        assert_eq!(
            mine.action_for(Reader, Key::ch('z')),
            Some(Action::PageDown)
        );
        assert_eq!(mine.action_for(Reader, Key::ch(' ')), None);
        assert_eq!(
            theirs.action_for(Reader, Key::ch(' ')),
            Some(Action::PageDown)
        );
        assert!(!mine.set(Reader, &Action::StartFilter, vec![]));
    }
}
