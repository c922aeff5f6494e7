//! The `[keys]` section: lists of keys by action, for every screen or for
//! one screen, checked so that no key does two things on one screen.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::keyspec::parse_key_in;
use super::parse::{Entry, Parser, listed, what};
use crate::app::keymap::{Context, Keymap, action_named, action_names};
use crate::app::{Action, Key};
use crate::lang::Lang;

/// Where the user put a key, to point at it when it clashes.
struct Placed {
    context: Context,
    action: Action,
    key: Key,
    span: Range<usize>,
}

impl Parser {
    /// `[keys]`: `action = [...]` for every screen that binds the action,
    /// then `[keys.SCREEN] action = [...]` for one screen (these win).
    pub(super) fn keys(&mut self, table: &DeTable<'_>, kb: &mut Keymap) {
        let mut placed = Vec::new();
        let (lists, screens): (Vec<Entry>, Vec<Entry>) =
            table.iter().partition(|(_, v)| !v.get_ref().is_table());
        for (key, value) in lists {
            let name: &str = key.get_ref();
            if Context::named(name).is_some() {
                let what = what(value.get_ref(), self.lang);
                let msg = self.lang.pick(
                    format!("`keys.{name}` 必须是一个表（[keys.{name}]），而不是{what}"),
                    format!("`keys.{name}` must be a table ([keys.{name}]), not {what}"),
                );
                self.say(value.span(), msg);
            } else if let Some(action) = self.action(key, "keys") {
                let contexts = kb.contexts_of(&action);
                self.bind(
                    kb,
                    &mut placed,
                    &contexts,
                    &action,
                    value,
                    &format!("keys.{name}"),
                );
            }
        }
        for (key, value) in screens {
            let Some(context) = self.context(key) else {
                continue;
            };
            let table = value.get_ref().as_table().expect("partitioned on tables");
            for (akey, avalue) in table {
                let section = format!("keys.{}", context.name());
                let Some(action) = self.action(akey, &section) else {
                    continue;
                };
                if !kb.contexts_of(&action).contains(&context) {
                    self.not_here(akey, kb, &action, context);
                    continue;
                }
                let path = format!("{section}.{}", akey.get_ref());
                self.bind(kb, &mut placed, &[context], &action, avalue, &path);
            }
        }
        self.clashes(kb, &placed);
    }

    fn context(&mut self, key: &Spanned<DeString<'_>>) -> Option<Context> {
        let name: &str = key.get_ref();
        let found = Context::named(name);
        if found.is_none() {
            let screens: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
            let screens = listed(&screens);
            let msg = match (action_named(name).is_some(), self.lang) {
                (true, Lang::Zh) => {
                    format!("`keys.{name}` 必须是按键的列表，如 [\"j\", \"Down\"]，而不是表")
                }
                (true, Lang::En) => {
                    format!(
                        "`keys.{name}` must be a list of keys like [\"j\", \"Down\"], not a table"
                    )
                }
                (false, Lang::Zh) => format!("不认识的界面 `[keys.{name}]`（应为 {screens} 之一）"),
                (false, Lang::En) => {
                    format!("unknown screen `[keys.{name}]` (expected one of {screens})")
                }
            };
            self.say(key.span(), msg);
        }
        found
    }

    fn action(&mut self, key: &Spanned<DeString<'_>>, section: &str) -> Option<Action> {
        let name: &str = key.get_ref();
        let found = action_named(name);
        if found.is_none() {
            let names = listed(&action_names());
            let msg = self.lang.pick(
                format!("[{section}] 中有不认识的动作 `{name}`（应为 {names} 之一）"),
                format!("unknown action `{name}` in [{section}] (expected one of {names})"),
            );
            self.say(key.span(), msg);
        }
        found
    }

    fn not_here(&mut self, key: &Spanned<DeString<'_>>, kb: &Keymap, action: &Action, c: Context) {
        let used: Vec<&str> = kb
            .contexts_of(action)
            .into_iter()
            .map(Context::name)
            .collect();
        let (name, here, used) = (action.name(), c.name(), listed(&used));
        let msg = self.lang.pick(
            format!("动作 `{name}` 不能绑定在 [keys.{here}] 中；它只用于 {used}"),
            format!("action `{name}` cannot be bound in [keys.{here}]; it is used only in {used}"),
        );
        self.say(key.span(), msg);
    }

    /// Puts the list `value` in place of the keys of `action` on `contexts`.
    fn bind(
        &mut self,
        kb: &mut Keymap,
        placed: &mut Vec<Placed>,
        contexts: &[Context],
        action: &Action,
        value: &Spanned<DeValue<'_>>,
        path: &str,
    ) {
        let Some(list) = self.key_list(path, value) else {
            return;
        };
        placed.retain(|p| !(contexts.contains(&p.context) && p.action == *action));
        for &context in contexts {
            kb.set(context, action, list.iter().map(|(k, _)| *k).collect());
            placed.extend(list.iter().map(|(key, span)| Placed {
                context,
                action: action.clone(),
                key: *key,
                span: span.clone(),
            }));
        }
    }

    /// The keys of a list like `["j", "Down"]`, each with its span.
    fn key_list(
        &mut self,
        path: &str,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Vec<(Key, Range<usize>)>> {
        let Some(array) = value.get_ref().as_array() else {
            let what = what(value.get_ref(), self.lang);
            let msg = self.lang.pick(
                format!("`{path}` 必须是按键的列表，如 [\"j\", \"Down\"]，而不是{what}"),
                format!("`{path}` must be a list of keys like [\"j\", \"Down\"], not {what}"),
            );
            self.say(value.span(), msg);
            return None;
        };
        let mut keys: Vec<(Key, Range<usize>)> = Vec::new();
        let mut ok = true;
        for item in array.iter() {
            let parsed = match item.get_ref().as_str() {
                Some(s) => parse_key_in(s, self.lang)
                    .map_err(|e| format!("`{path}`{}{e}", self.lang.pick("：", ": "))),
                None => Err(self.lang.pick(
                    format!(
                        "`{path}`：按键必须是字符串，如 \"j\" 或 \"Ctrl-d\"，而不是{}",
                        what(item.get_ref(), self.lang)
                    ),
                    format!(
                        "`{path}`: a key must be a string like \"j\" or \"Ctrl-d\", not {}",
                        what(item.get_ref(), self.lang)
                    ),
                )),
            };
            match parsed {
                Ok(k) if keys.iter().any(|(seen, _)| *seen == k) => {
                    let label = k.label();
                    let msg = self.lang.pick(
                        format!("`{path}`：`{label}` 写了两次"),
                        format!("`{path}`: `{label}` is listed twice"),
                    );
                    self.say(item.span(), msg);
                    ok = false;
                }
                Ok(k) => keys.push((k, item.span())),
                Err(msg) => {
                    self.say(item.span(), msg);
                    ok = false;
                }
            }
        }
        ok.then_some(keys)
    }

    /// A key bound to two actions on one screen is an error, pointed at
    /// where the user put it.
    fn clashes(&mut self, kb: &Keymap, placed: &[Placed]) {
        for context in Context::ALL {
            let name = context.name();
            let Some((key, a, b)) = kb.clash(context) else {
                continue;
            };
            let at = placed
                .iter()
                .filter(|p| {
                    p.context == context && p.key == key && (p.action == *a || p.action == *b)
                })
                .map(|p| p.span.clone())
                .max_by_key(|s| s.start)
                .unwrap_or(0..0);
            let (key, a, b) = (key.label(), a.name(), b.name());
            let msg = self.lang.pick(
                format!("[keys.{name}] 中 `{key}` 同时绑定了 `{a}` 和 `{b}`；请给其中一个换别的键"),
                format!(
                    "`{key}` is bound to both `{a}` and `{b}` in [keys.{name}]; give one of them other keys"
                ),
            );
            self.say(at, msg);
        }
    }
}
