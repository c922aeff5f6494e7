//! Key specifications as written in the config file: `j`, `G`, `Space`,
//! `Enter`, `Shift-Tab`, `PgDn`, `Ctrl-d`, `Alt-x`. The written form is the
//! one [`Key::label`] produces for the help screen, so a label always parses
//! back to its key.

use crate::app::{Key, KeyCode};
use crate::lang::Lang;

/// Named keys (matched without regard to case) and their aliases.
const NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("backspace", KeyCode::Backspace),
    ("del", KeyCode::Delete),
    ("delete", KeyCode::Delete),
    ("tab", KeyCode::Tab),
    ("shift-tab", KeyCode::BackTab),
    ("backtab", KeyCode::BackTab),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
];

/// Parses one key specification; the error says what is wrong with it.
pub fn parse_key(spec: &str) -> Result<Key, String> {
    parse_key_in(spec, Lang::En)
}

/// [`parse_key`], the error in `lang`.
pub fn parse_key_in(spec: &str, lang: Lang) -> Result<Key, String> {
    let mut rest = spec;
    let (mut ctrl, mut alt) = (false, false);
    loop {
        if let Some(r) = strip_modifier(rest, "ctrl-").filter(|r| !r.is_empty()) {
            if ctrl {
                return Err(lang.pick(
                    format!("`{spec}`：Ctrl- 写了两次"),
                    format!("`{spec}`: Ctrl- is written twice"),
                ));
            }
            (ctrl, rest) = (true, r);
        } else if let Some(r) = strip_modifier(rest, "alt-").filter(|r| !r.is_empty()) {
            if alt {
                return Err(lang.pick(
                    format!("`{spec}`：Alt- 写了两次"),
                    format!("`{spec}`: Alt- is written twice"),
                ));
            }
            (alt, rest) = (true, r);
        } else {
            break;
        }
    }
    let code = base_key(spec, rest, lang)?;
    let code = match code {
        // Terminals send Ctrl-D and Ctrl-d alike; the reader sees lower case.
        KeyCode::Char(c) if ctrl && c.is_ascii_uppercase() => KeyCode::Char(c.to_ascii_lowercase()),
        other => other,
    };
    Ok(Key { code, ctrl, alt })
}

/// `s` without a leading `prefix` (any case), if it has one.
fn strip_modifier<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// The key without modifiers: one character, or a name.
fn base_key(spec: &str, rest: &str, lang: Lang) -> Result<KeyCode, String> {
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Err(lang.pick(
            "空的按键；请写一个键，如 \"j\" 或 \"Ctrl-d\"".into(),
            "an empty key; write a key such as \"j\" or \"Ctrl-d\"".into(),
        )),
        (Some(c), None) if c.is_control() => {
            let c = c.escape_default();
            Err(lang.pick(
                format!("`{c}` 是控制字符；请改写 Ctrl-x、Tab、Enter 或 Esc"),
                format!("`{c}` is a control character; write Ctrl-x, Tab, Enter or Esc instead"),
            ))
        }
        (Some(c), None) => Ok(KeyCode::Char(c)),
        _ => named(rest).ok_or_else(|| unknown(spec, rest, lang)),
    }
}

fn named(name: &str) -> Option<KeyCode> {
    NAMES
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(_, code)| code)
}

fn unknown(spec: &str, rest: &str, lang: Lang) -> String {
    let lower = rest.to_ascii_lowercase();
    if lang == Lang::Zh {
        let hint = if lower.starts_with("shift-") {
            "（大写字母请直接写字母本身，如 \"G\"；Shift- 只有 Shift-Tab 一个）"
        } else if lower.starts_with('f') && lower[1..].parse::<u8>().is_ok() {
            "（功能键不能绑定）"
        } else {
            ""
        };
        return format!(
            "`{spec}` 不是按键{hint}；按键是一个字符，或 Space、Enter、Esc、Backspace、Del、\
             Tab、Shift-Tab、Up、Down、Left、Right、Home、End、PgUp、PgDn 之一，需要时前面加 \
             Ctrl- 或 Alt-"
        );
    }
    let hint = if lower.starts_with("shift-") {
        " (for a shifted letter write the letter itself, e.g. \"G\"; Shift-Tab is the only Shift- key)"
    } else if lower.starts_with('f') && lower[1..].parse::<u8>().is_ok() {
        " (function keys cannot be bound)"
    } else {
        ""
    };
    format!(
        "`{spec}` is not a key{hint}; keys are one character or one of Space, Enter, Esc, \
         Backspace, Del, Tab, Shift-Tab, Up, Down, Left, Right, Home, End, PgUp, PgDn, \
         with Ctrl- or Alt- in front if wanted"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(code: KeyCode, ctrl: bool, alt: bool) -> Key {
        Key { code, ctrl, alt }
    }

    #[test]
    fn characters_names_and_modifiers() {
        assert_eq!(parse_key("j"), Ok(Key::ch('j')));
        assert_eq!(parse_key("G"), Ok(Key::ch('G')));
        assert_eq!(parse_key("-"), Ok(Key::ch('-')));
        assert_eq!(parse_key("须"), Ok(Key::ch('须')));
        assert_eq!(parse_key("Space"), Ok(Key::ch(' ')));
        assert_eq!(parse_key(" "), Ok(Key::ch(' ')));
        assert_eq!(parse_key("pgdn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(parse_key("Shift-Tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(parse_key("Ctrl-d"), Ok(Key::ctrl('d')));
        assert_eq!(parse_key("ctrl-D"), Ok(Key::ctrl('d')), "folded");
        assert_eq!(parse_key("Ctrl--"), Ok(Key::ctrl('-')));
        assert_eq!(parse_key("Alt-x"), Ok(key(KeyCode::Char('x'), false, true)));
        assert_eq!(
            parse_key("Alt-Ctrl-Left"),
            Ok(key(KeyCode::Left, true, true))
        );
    }

    #[test]
    fn mistakes_are_explained() {
        for (spec, says) in [
            ("", "empty"),
            ("Ctrl-", "not a key"),
            ("Shift-j", "letter itself"),
            ("F1", "function keys"),
            ("PageDn", "not a key"),
            ("Ctrl-Ctrl-x", "twice"),
            ("\t", "control character"),
        ] {
            let err = parse_key(spec).expect_err(spec);
            assert!(err.contains(says), "{spec:?}: {err}");
        }
    }

    fn any_code() -> impl Strategy<Value = KeyCode> {
        let named: Vec<KeyCode> = NAMES.iter().map(|&(_, c)| c).collect();
        prop_oneof![
            any::<char>()
                .prop_filter("printable", |c| !c.is_control())
                .prop_map(KeyCode::Char),
            proptest::sample::select(named),
        ]
    }

    proptest! {
        #[test]
        fn every_label_parses_back(code in any_code(), ctrl: bool, alt: bool) {
            let code = match code {
                KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
                c => c,
            };
            let k = key(code, ctrl, alt);
            prop_assert_eq!(parse_key(&k.label()), Ok(k));
        }
    }
}
