//! The commented config file that `bulletin config --default` prints. The
//! `[keys]` tables are generated from the keymap, so they cannot drift.

use std::fmt::Write;

use super::{Choice, Config, WIDTH_RANGE};
use crate::app::i18n::describe;
use crate::app::{Context, Keymap, Lang};

const HEADER: &str = "\
# bulletin settings. Every setting is shown with its default value; delete
# what you do not change. The file is read from --config PATH, else from
# $BULLETIN_CONFIG, else from $XDG_CONFIG_HOME/bulletin/config.toml
# (~/.config/bulletin/config.toml). See docs/config.md.
";

/// The file for `config`, every value written out.
pub fn render(config: &Config) -> String {
    let r = &config.reader;
    let mut s = String::from(HEADER);
    s += "\n[reader]\n";
    let _ = writeln!(
        s,
        "# Widest text column in the reader, in columns ({} to {}).",
        WIDTH_RANGE.start(),
        WIDTH_RANGE.end()
    );
    let _ = writeln!(s, "width = {}", r.width);
    s += "# How wide the terminal draws ambiguous characters (quotes, ellipsis, box\n";
    s += "# drawing): \"auto\" asks the terminal at start-up, \"narrow\" is one column,\n";
    s += "# \"wide\" two (PuTTY, Xshell, iTerm2, xterm -cjk_width set to wide).\n";
    let _ = writeln!(s, "ambiguous_width = \"{}\"", r.ambiguous_width.name());
    s += "# Draw borders with ASCII characters only (always so in wide mode).\n";
    let _ = writeln!(s, "ascii = {}", r.ascii);
    s += "# Interface language: \"auto\" (from LC_ALL, LC_MESSAGES, LANG), \"zh\" or \"en\".\n";
    let _ = writeln!(s, "language = \"{}\"", r.language.name());
    s += "# Wheel scrolling and clicking; off keeps the terminal's own text selection.\n";
    let _ = writeln!(s, "mouse = {}", r.mouse);
    s += "# Copy to the local clipboard with OSC 52 (works through SSH and tmux).\n";
    let _ = writeln!(s, "clipboard = {}", r.clipboard);
    s += "\n[theme]\n";
    s += "# Colours: \"auto\" (NO_COLOR, COLORTERM, TERM), \"none\", \"16\" or \"256\".\n";
    let _ = writeln!(s, "colors = \"{}\"", config.theme.colors.name());
    s += &render_keys(&config.keys);
    s
}

const KEYS_HEADER: &str = "
# Keys, by screen and action. A list replaces the keys of that action on
# that screen; [] unbinds it. `action = [...]` directly under [keys] sets the
# action on every screen that uses it. Keys: one character (\"j\", \"G\",
# \"?\"), or Space, Enter, Esc, Backspace, Del, Tab, Shift-Tab, Up, Down,
# Left, Right, Home, End, PgUp, PgDn; Ctrl- or Alt- in front (\"Ctrl-d\").
# Keys under [keys.global] work on every screen that does not use them.
";

fn render_keys(keys: &Keymap) -> String {
    let mut s = String::from(KEYS_HEADER);
    for context in Context::ALL {
        let _ = write!(s, "\n[keys.{}]\n", context.name());
        for e in keys.bindings_of(context) {
            let list: Vec<String> = e.keys.iter().map(|k| quote(&k.label())).collect();
            let _ = writeln!(s, "# {}", describe(&e.action, Lang::En));
            let _ = writeln!(s, "{} = [{}]", e.action.name(), list.join(", "));
        }
    }
    s
}

/// A TOML basic string.
fn quote(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_survives_toml_specials() {
        assert_eq!(quote("j"), "\"j\"");
        for s in ["\"", "\\", "'"] {
            let doc = format!("k = {}", quote(s));
            let t: toml::Table = toml::from_str(&doc).unwrap();
            assert_eq!(t["k"].as_str(), Some(s));
        }
    }
}
