//! The one keymap: which key does what on which screen. The help screen is
//! generated from this table, so the two cannot drift apart.

use std::sync::OnceLock;

use super::action::{Action, Key, KeyCode};

/// Where a binding applies. `Global` bindings apply on every screen unless
/// the screen binds the same key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Global,
    Browse,
    Reader,
    Help,
    /// The bookmark list.
    Marks,
    /// A text prompt (the browse filter) has the focus.
    Input,
}

/// Keys bound to one action in one context.
#[derive(Debug, Clone)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
}

const fn k(code: KeyCode) -> Key {
    Key::plain(code)
}

const fn bind(context: Context, keys: &'static [Key], action: Action) -> Binding {
    Binding {
        context,
        keys,
        action,
    }
}

use Context::{Browse, Global, Help, Input, Marks, Reader};
use KeyCode::*;

const MOVE_DOWN: &[Key] = &[Key::ch('j'), k(Down)];
const MOVE_UP: &[Key] = &[Key::ch('k'), k(Up)];
const TOP: &[Key] = &[Key::ch('g'), k(Home)];
const BOTTOM: &[Key] = &[Key::ch('G'), k(End)];
const HALF_DOWN: &[Key] = &[Key::ctrl('d')];
const HALF_UP: &[Key] = &[Key::ctrl('u')];

/// The whole keymap.
pub const BINDINGS: &[Binding] = &[
    bind(Global, &[Key::ch('?')], Action::ToggleHelp),
    bind(Global, &[Key::ctrl('c')], Action::Quit),
    bind(Global, &[Key::ch('q')], Action::Back),
    bind(Global, &[k(Esc)], Action::Cancel),
    bind(Browse, MOVE_DOWN, Action::Down),
    bind(Browse, MOVE_UP, Action::Up),
    bind(Browse, TOP, Action::Top),
    bind(Browse, BOTTOM, Action::Bottom),
    bind(Browse, &[k(PageDown), Key::ch(' ')], Action::PageDown),
    bind(Browse, &[k(PageUp)], Action::PageUp),
    bind(Browse, HALF_DOWN, Action::HalfPageDown),
    bind(Browse, HALF_UP, Action::HalfPageUp),
    bind(Browse, &[k(Enter)], Action::Open),
    bind(Browse, &[k(Tab), k(BackTab)], Action::NextPane),
    bind(Browse, &[Key::ch('h'), k(Left)], Action::FocusGroups),
    bind(Browse, &[Key::ch('l'), k(Right)], Action::FocusArticles),
    bind(Browse, &[Key::ch('/'), Key::ch('f')], Action::StartFilter),
    bind(Reader, MOVE_DOWN, Action::Down),
    bind(Reader, MOVE_UP, Action::Up),
    bind(Reader, TOP, Action::Top),
    bind(Reader, BOTTOM, Action::Bottom),
    bind(
        Reader,
        &[Key::ch(' '), k(PageDown), Key::ctrl('f')],
        Action::PageDown,
    ),
    bind(
        Reader,
        &[k(PageUp), Key::ch('b'), Key::ctrl('b')],
        Action::PageUp,
    ),
    bind(Reader, HALF_DOWN, Action::HalfPageDown),
    bind(Reader, HALF_UP, Action::HalfPageUp),
    bind(Reader, &[Key::ch('[')], Action::PrevArticle),
    bind(Reader, &[Key::ch(']')], Action::NextArticle),
    bind(Reader, &[Key::ch('/')], Action::Search),
    bind(Reader, &[Key::ch('n')], Action::NextMatch),
    bind(Reader, &[Key::ch('N')], Action::PrevMatch),
    bind(Reader, &[Key::ch('m')], Action::AddBookmark),
    bind(Reader, &[Key::ch('y')], Action::Copy),
    bind(Reader, &[Key::ch('Y')], Action::CopyCitation),
    bind(Browse, &[Key::ch('\''), Key::ch('B')], Action::Bookmarks),
    bind(Reader, &[Key::ch('\''), Key::ch('B')], Action::Bookmarks),
    bind(Marks, MOVE_DOWN, Action::Down),
    bind(Marks, MOVE_UP, Action::Up),
    bind(Marks, TOP, Action::Top),
    bind(Marks, BOTTOM, Action::Bottom),
    bind(Marks, &[k(Enter)], Action::Open),
    bind(Marks, &[Key::ch('d'), k(Delete)], Action::Delete),
    bind(Marks, &[Key::ch('u')], Action::Undo),
    bind(Marks, &[Key::ch('/')], Action::StartFilter),
    bind(Help, MOVE_DOWN, Action::Down),
    bind(Help, MOVE_UP, Action::Up),
    bind(Help, &[k(PageDown), Key::ch(' ')], Action::PageDown),
    bind(Help, &[k(PageUp)], Action::PageUp),
    bind(Input, &[k(Esc)], Action::InputCancel),
    bind(Input, &[k(Enter)], Action::InputAccept),
    bind(Input, &[k(Backspace)], Action::InputBackspace),
    bind(Input, &[Key::ctrl('c')], Action::Quit),
];

/// The keymap in force: the configured one once installed, else the
/// built-in [`BINDINGS`].
static ACTIVE: OnceLock<Vec<Binding>> = OnceLock::new();

/// Installs the configured keymap (once, at start-up, from the config file).
pub fn install(bindings: Vec<Binding>) {
    let _ = ACTIVE.set(bindings);
}

fn table() -> &'static [Binding] {
    ACTIVE.get().map_or(BINDINGS, Vec::as_slice)
}

/// The action bound to `key` in `context` (screen bindings first, then global).
pub fn action_for(context: Context, key: Key) -> Option<Action> {
    let find = |ctx: Context| {
        table()
            .iter()
            .find(|b| b.context == ctx && b.keys.contains(&key))
            .map(|b| b.action.clone())
    };
    if let Some(a) = find(context) {
        return Some(a);
    }
    // In help, `q` and `Esc` close the overlay rather than leave the screen.
    if context == Help && matches!(find(Global), Some(Action::Back | Action::Cancel)) {
        return Some(Action::ToggleHelp);
    }
    find(Global).or_else(|| unbound_text(context, key))
}

/// In the browse screen, a character no binding uses (Chinese, most Latin
/// letters) starts the filter with that character.
fn unbound_text(context: Context, key: Key) -> Option<Action> {
    match (context, key.code) {
        (Browse | Marks, KeyCode::Char(c)) if !key.ctrl && !key.alt && !c.is_control() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// Keys while a text prompt (the filter) has the focus.
/// Other characters are typed into the prompt.
pub fn input_action(key: Key) -> Option<Action> {
    let bound = table()
        .iter()
        .find(|b| b.context == Input && b.keys.contains(&key));
    match (bound, key.code) {
        (Some(b), _) => Some(b.action.clone()),
        (None, KeyCode::Char(c)) if !key.ctrl && !key.alt && !c.is_control() => {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The first key bound to `action` in `context` (or globally), for the
/// key hints on the status line.
pub fn first_key(context: Context, action: &Action) -> Option<Key> {
    [context, Global].into_iter().find_map(|ctx| {
        table()
            .iter()
            .find(|b| b.context == ctx && &b.action == action)
            .and_then(|b| b.keys.first().copied())
    })
}

/// The bindings of one context, for the help screen.
pub fn bindings_of(context: Context) -> impl Iterator<Item = &'static Binding> {
    table().iter().filter(move |b| b.context == context)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    let twice = a.keys.iter().find(|key| b.keys.contains(key));
                    assert!(
                        twice.is_none(),
                        "{twice:?}: {:?} and {:?}",
                        a.action,
                        b.action
                    );
                }
            }
        }
    }

    #[test]
    fn guide_keys_are_bound() {
        let read = |key| action_for(Reader, key);
        assert_eq!(read(Key::ch('j')), Some(Action::Down));
        assert_eq!(read(Key::plain(KeyCode::PageDown)), Some(Action::PageDown));
        assert_eq!(read(Key::ch(' ')), Some(Action::PageDown));
        assert_eq!(read(Key::ctrl('d')), Some(Action::HalfPageDown));
        assert_eq!(read(Key::ch('G')), Some(Action::Bottom));
        assert_eq!(read(Key::ch('q')), Some(Action::Back));
        assert_eq!(read(Key::ch('?')), Some(Action::ToggleHelp));
        assert_eq!(action_for(Help, Key::ch('q')), Some(Action::ToggleHelp));
        assert_eq!(
            action_for(Browse, Key::plain(KeyCode::Enter)),
            Some(Action::Open)
        );
    }

    #[test]
    fn unbound_characters_start_the_filter_in_browse_only() {
        assert_eq!(action_for(Browse, Key::ch('须')), Some(Action::Input('须')));
        assert_eq!(action_for(Reader, Key::ch('须')), None);
        assert_eq!(action_for(Browse, Key::ctrl('x')), None);
    }
}
