//! The commented config file that `bulletin config --default` prints. The
//! `[keys]` tables are generated from the keymap, so they cannot drift.

use std::fmt::Write;

use super::{Choice, Config, WIDTH_RANGE};
use crate::app::i18n::describe;
use crate::app::{Context, Keymap, Lang};

/// The file's comments, in Chinese and English.
struct Words {
    header: &'static str,
    width: &'static str,
    ambiguous: &'static str,
    ascii: &'static str,
    language: &'static str,
    mouse: &'static str,
    clipboard: &'static str,
    colors: &'static str,
    keys: &'static str,
}

const EN: Words = Words {
    header: "\
# bulletin settings. Every setting is shown with its default value; delete
# what you do not change. The file is read from --config PATH, else from
# $BULLETIN_CONFIG, else from $XDG_CONFIG_HOME/bulletin/config.toml
# (~/.config/bulletin/config.toml). See docs/config.md.
",
    width: "# Widest text column in the reader, in columns ({from} to {to}).",
    ambiguous: "\
# How wide the terminal draws ambiguous characters (quotes, ellipsis, box
# drawing): \"auto\" asks the terminal at start-up, \"narrow\" is one column,
# \"wide\" two (PuTTY, Xshell, iTerm2, xterm -cjk_width set to wide).",
    ascii: "# Draw borders with ASCII characters only (always so in wide mode).",
    language: "# Interface language: \"auto\" (from LC_ALL, LC_MESSAGES, LANG), \"zh\" or \"en\".",
    mouse: "# Wheel scrolling and clicking; off keeps the terminal's own text selection.",
    clipboard: "# Copy to the local clipboard with OSC 52 (works through SSH and tmux).",
    colors: "# Colours: \"auto\" (NO_COLOR, COLORTERM, TERM), \"none\", \"16\" or \"256\".",
    keys: "
# Keys, by screen and action. A list replaces the keys of that action on
# that screen; [] unbinds it. `action = [...]` directly under [keys] sets the
# action on every screen that uses it. Keys: one character (\"j\", \"G\",
# \"?\"), or Space, Enter, Esc, Backspace, Del, Tab, Shift-Tab, Up, Down,
# Left, Right, Home, End, PgUp, PgDn; Ctrl- or Alt- in front (\"Ctrl-d\").
# Keys under [keys.global] work on every screen that does not use them.
",
};

const ZH: Words = Words {
    header: "\
# bulletin 的设置。每项设置都写出了默认值；不改的可以删去。设置文件的位置：
# --config PATH，否则 $BULLETIN_CONFIG，否则 $XDG_CONFIG_HOME/bulletin/config.toml
# （~/.config/bulletin/config.toml）。详见 docs/config.md。
",
    width: "# 阅读器中正文的最大宽度，以列计（{from} 到 {to}）。",
    ambiguous: "\
# 终端把宽度不定的字符（引号、省略号、制表符）画成几列：\"auto\" 在启动时询问
# 终端，\"narrow\" 为一列，\"wide\" 为两列（PuTTY、Xshell、iTerm2，以及
# 设了 -cjk_width 的 xterm）。",
    ascii: "# 只用 ASCII 字符画边框（宽模式下总是如此）。",
    language: "# 界面语言：\"auto\"（取自 LC_ALL、LC_MESSAGES、LANG）、\"zh\" 或 \"en\"。",
    mouse: "# 鼠标滚轮滚动和点选；关闭时终端自己的文字选择照常可用。",
    clipboard: "# 用 OSC 52 复制到本地剪贴板（经 SSH 和 tmux 也可用）。",
    colors: "# 颜色：\"auto\"（看 NO_COLOR、COLORTERM、TERM）、\"none\"、\"16\" 或 \"256\"。",
    keys: "
# 按键，按界面和动作分。一个列表取代该动作在该界面上的按键；[] 取消绑定。
# 直接写在 [keys] 下的 `动作 = [...]` 作用于用到该动作的每个界面。按键写法：
# 一个字符（\"j\"、\"G\"、\"?\"），或 Space、Enter、Esc、Backspace、Del、Tab、
# Shift-Tab、Up、Down、Left、Right、Home、End、PgUp、PgDn；前面可加 Ctrl- 或
# Alt-（\"Ctrl-d\"）。[keys.global] 下的按键在没有用到它们的每个界面上都有效。
",
};

/// The file for `config --default`, every value written out, the
/// comments in `lang`.
pub fn render(config: &Config, lang: Lang) -> String {
    let w = lang.pick(&ZH, &EN);
    let r = &config.reader;
    let mut s = String::from(w.header);
    s += "\n[reader]\n";
    let (from, to) = (
        WIDTH_RANGE.start().to_string(),
        WIDTH_RANGE.end().to_string(),
    );
    let _ = writeln!(
        s,
        "{}",
        w.width.replace("{from}", &from).replace("{to}", &to)
    );
    let _ = writeln!(s, "width = {}", r.width);
    let _ = writeln!(s, "{}", w.ambiguous);
    let _ = writeln!(s, "ambiguous_width = \"{}\"", r.ambiguous_width.name());
    let _ = writeln!(s, "{}", w.ascii);
    let _ = writeln!(s, "ascii = {}", r.ascii);
    let _ = writeln!(s, "{}", w.language);
    let _ = writeln!(s, "language = \"{}\"", r.language.name());
    let _ = writeln!(s, "{}", w.mouse);
    let _ = writeln!(s, "mouse = {}", r.mouse);
    let _ = writeln!(s, "{}", w.clipboard);
    let _ = writeln!(s, "clipboard = {}", r.clipboard);
    s += "\n[theme]\n";
    let _ = writeln!(s, "{}", w.colors);
    let _ = writeln!(s, "colors = \"{}\"", config.theme.colors.name());
    s += w.keys;
    s += &render_keys(&config.keys, lang);
    s
}

fn render_keys(keys: &Keymap, lang: Lang) -> String {
    let mut s = String::new();
    for context in Context::ALL {
        let _ = write!(s, "\n[keys.{}]\n", context.name());
        for e in keys.bindings_of(context) {
            let list: Vec<String> = e.keys.iter().map(|k| quote(&k.label())).collect();
            let _ = writeln!(s, "# {}", describe(&e.action, lang));
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
