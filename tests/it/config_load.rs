//! The settings file: defaults, where it is read from, and every kind of
//! mistake reported with its line, column and key.

use std::path::{Path, PathBuf};

use bulletin::app::keymap::{Context, action_names, defaults};
use bulletin::app::{Action, Key, KeyCode};
use bulletin::config::{AmbiguousWidth, Colors, Config, ConfigError, Language, Problem};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("/home/u/.config/bulletin/config.toml"))
}

/// The single problem of a bad file.
fn problem(text: &str) -> Problem {
    let err = parse(text).expect_err("the file is bad");
    let problems = err.problems();
    assert_eq!(problems.len(), 1, "{err}");
    problems[0].clone()
}

#[test]
fn the_default_file_reads_back_as_the_defaults() {
    let text = Config::default_toml();
    let config = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(config, Config::default());
    let bindings = config.keys.bindings();
    assert_eq!(bindings.len(), defaults().count());
    for (got, (context, keys, action)) in bindings.iter().zip(defaults()) {
        assert_eq!(
            (got.context, &got.action, got.keys.as_slice()),
            (*context, action, *keys)
        );
    }
}

#[test]
fn the_default_file_lists_every_binding_and_explains_every_setting() {
    let text = Config::default_toml();
    for (_, keys, action) in defaults() {
        let labels: Vec<String> = keys.iter().map(|k| format!("{:?}", k.label())).collect();
        let line = format!("{} = [{}]", action.name(), labels.join(", "));
        assert!(text.contains(&line), "missing {line}");
    }
    for setting in ["width = 80", "ambiguous_width = \"auto\"", "ascii = false"] {
        let at = text.find(setting).expect(setting);
        let before = text[..at].trim_end().lines().last().unwrap();
        assert!(before.starts_with('#'), "{setting} has no comment");
    }
}

#[test]
fn an_empty_file_is_the_defaults() {
    assert_eq!(parse("").unwrap(), Config::default());
    assert_eq!(parse("# nothing\n[reader]\n").unwrap(), Config::default());
}

#[test]
fn every_setting_is_read() {
    let config = parse(
        r#"
[reader]
width = 66
ambiguous_width = "wide"
ascii = true
language = "zh"
mouse = true
clipboard = false
[theme]
colors = "256"
"#,
    )
    .unwrap();
    let r = config.reader;
    assert_eq!(r.width, 66);
    assert_eq!(r.ambiguous_width, AmbiguousWidth::Wide);
    assert!(r.ascii && r.mouse && !r.clipboard);
    assert_eq!(r.language, Language::Zh);
    assert_eq!(config.theme.colors, Colors::Ansi256);
    assert_eq!(config.keys, bulletin::app::Keymap::default());
}

#[test]
fn keys_apply_everywhere_or_on_one_screen() {
    let config = parse(
        r#"
[keys]
down = ["e", "Down"]
up = ["i", "Up"]
[keys.reader]
page-down = ["Space", "Ctrl-F"]
down = ["Ctrl-n"]
"#,
    )
    .unwrap();
    let kb = &config.keys;
    let e = Key::ch('e');
    for c in [Context::Browse, Context::Help, Context::Marks] {
        assert_eq!(
            kb.keys(c, &Action::Down),
            Some(&[e, Key::plain(KeyCode::Down)][..])
        );
    }
    assert_eq!(
        kb.keys(Context::Reader, &Action::Down),
        Some(&[Key::ctrl('n')][..])
    );
    assert_eq!(
        kb.keys(Context::Reader, &Action::PageDown),
        Some(&[Key::ch(' '), Key::ctrl('f')][..])
    );
    assert_eq!(
        kb.keys(Context::Browse, &Action::PageDown),
        defaults()
            .find(|(c, _, a)| *c == Context::Browse && *a == Action::PageDown)
            .map(|(_, keys, _)| *keys),
        "untouched lists keep the built-in keys"
    );
}

#[test]
fn an_empty_list_unbinds() {
    let config = parse("[keys.reader]\nadd-bookmark = []\n").unwrap();
    assert_eq!(
        config.keys.keys(Context::Reader, &Action::AddBookmark),
        Some(&[][..])
    );
}

#[test]
fn bad_toml_syntax_gives_line_and_column() {
    let p = problem("[reader]\nwidth = 80\nascii = tru\n");
    assert_eq!((p.line, p.column), (3, 9), "{}", p.message);
    assert!(p.message.contains("not valid TOML"), "{}", p.message);
    let p = problem("[reader]\nwidth = 80\nwidth = 90\n");
    assert_eq!(p.line, 3);
    assert!(p.message.contains("`width`"), "{}", p.message);
}

#[test]
fn unknown_keys_and_sections_are_named() {
    let p = problem("# 设置\n[reader]\nwidht = 72\n");
    assert_eq!((p.line, p.column), (3, 1));
    assert!(
        p.message.contains("`widht`") && p.message.contains("`width`"),
        "{}",
        p.message
    );
    let p = problem("[readr]\n");
    assert_eq!(p.line, 1);
    assert!(p.message.contains("`readr`"), "{}", p.message);
    let p = problem("mouse = true\n");
    assert!(p.message.contains("under [reader]"), "{}", p.message);
    let p = problem("[keys.reeder]\n");
    assert!(p.message.contains("`[keys.reeder]`"), "{}", p.message);
}

#[test]
fn wrong_types_and_values_name_the_key() {
    for (text, line, col, key) in [
        ("[reader]\nwidth = \"80\"\n", 2, 9, "reader.width"),
        ("[reader]\nwidth = 5\n", 2, 9, "reader.width"),
        ("[reader]\n\nmouse = 1\n", 3, 9, "reader.mouse"),
        (
            "[reader]\nambiguous_width = \"cjk\"\n",
            2,
            19,
            "reader.ambiguous_width",
        ),
        ("[theme]\ncolors = 16\n", 2, 10, "theme.colors"),
        ("reader = 3\n", 1, 10, "reader"),
        ("[keys]\ndown = \"j\"\n", 2, 8, "keys.down"),
    ] {
        let p = problem(text);
        assert_eq!((p.line, p.column), (line, col), "{text:?}: {}", p.message);
        assert!(
            p.message.contains(&format!("`{key}`")),
            "{text:?}: {}",
            p.message
        );
    }
}

#[test]
fn bad_key_specs_are_pointed_at() {
    let p = problem("[keys.reader]\ndown = [\"j\", \"PageDn\"]\n");
    assert_eq!((p.line, p.column), (2, 14));
    assert!(p.message.contains("`PageDn` is not a key"), "{}", p.message);
    let p = problem("[keys.reader]\ndown = [\"j\", \"j\"]\n");
    assert!(p.message.contains("twice"), "{}", p.message);
}

#[test]
fn unknown_or_misplaced_actions_are_named() {
    let p = problem("[keys.reader]\n\nscroll-down = [\"j\"]\n");
    assert_eq!((p.line, p.column), (3, 1));
    assert!(
        p.message.contains("unknown action `scroll-down`"),
        "{}",
        p.message
    );
    assert!(
        p.message.contains("`page-down`"),
        "lists the actions: {}",
        p.message
    );
    let p = problem("[keys.reader]\nfilter = [\"/\"]\n");
    assert!(
        p.message
            .contains("`filter` cannot be bound in [keys.reader]"),
        "{}",
        p.message
    );
    let p = problem("[keys]\nresize = [\"r\"]\n");
    assert!(
        p.message.contains("unknown action `resize`"),
        "{}",
        p.message
    );
}

#[test]
fn a_key_bound_twice_on_one_screen_is_an_error() {
    let p = problem("[keys.reader]\nup = [\"k\", \"j\"]\n");
    assert_eq!((p.line, p.column), (2, 12), "points at the new j");
    assert!(p.message.contains("`j` is bound to both"), "{}", p.message);
    // Giving `down` other keys resolves it.
    assert!(parse("[keys.reader]\nup = [\"k\", \"j\"]\ndown = [\"e\"]\n").is_ok());
}

#[test]
fn every_problem_is_reported_in_file_order() {
    let err = parse("[theme]\ncolors = 3\n[reader]\nwidht = 1\nascii = 0\n").unwrap_err();
    let lines: Vec<usize> = err.problems().iter().map(|p| p.line).collect();
    assert_eq!(lines, [2, 4, 5]);
    let shown = err.to_string();
    assert!(
        shown.starts_with("/home/u/.config/bulletin/config.toml:2:10: "),
        "{shown}"
    );
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn missing_default_file_is_the_defaults_but_a_named_one_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let absent = dir.path().join("bulletin/config.toml");
    let config = Config::load_from(None, None, Some(absent.clone())).unwrap();
    assert_eq!(config, Config::default());
    let err = Config::load_from(Some(&absent), None, None).unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }), "{err}");
    assert!(err.to_string().contains("config.toml"), "{err}");
    let err = Config::load_from(None, Some(absent.clone().into()), None).unwrap_err();
    assert!(matches!(err, ConfigError::Read { .. }), "{err}");
}

#[test]
fn flag_wins_over_env_which_wins_over_the_default_place() {
    let dir = tempfile::tempdir().unwrap();
    let flag = write(dir.path(), "flag.toml", "[reader]\nwidth = 11\n");
    let env = write(dir.path(), "env.toml", "[reader]\nwidth = 22\n");
    let def = write(dir.path(), "def.toml", "[reader]\nwidth = 33\n");
    let width = |f: Option<&Path>, e: Option<&Path>| {
        Config::load_from(f, e.map(|p| p.as_os_str().to_owned()), Some(def.clone()))
            .unwrap()
            .reader
            .width
    };
    assert_eq!(width(Some(&flag), Some(&env)), 11);
    assert_eq!(width(None, Some(&env)), 22);
    assert_eq!(width(None, None), 33);
}

#[test]
fn a_bad_file_on_disk_names_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "c.toml", "[reader]\nclipboard = \"no\"\n");
    let err = Config::load_from(Some(&path), None, None).unwrap_err();
    let want = format!("{}:2:13: `reader.clipboard`", path.display());
    assert!(err.to_string().starts_with(&want), "{err}");
}

#[test]
fn the_docs_describe_every_setting_screen_and_action() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/config.md"))
        .expect("docs/config.md");
    for s in [
        "width",
        "ambiguous_width",
        "ascii",
        "language",
        "mouse",
        "clipboard",
        "colors",
    ] {
        assert!(docs.contains(&format!("`{s}`")), "docs miss `{s}`");
    }
    for name in Context::ALL.map(Context::name) {
        assert!(
            docs.contains(&format!("`[keys.{name}]`")),
            "docs miss [keys.{name}]"
        );
    }
    for name in action_names() {
        assert!(
            docs.contains(&format!("`{name}`")),
            "docs miss action `{name}`"
        );
    }
}

/// The Chinese default file: the same settings, every comment Chinese.
#[test]
fn the_chinese_default_file_reads_back_as_the_defaults() {
    let text = Config::default_toml_in(bulletin::lang::Lang::Zh);
    assert_eq!(parse(&text).unwrap(), Config::default());
    let english = Config::default_toml();
    let settings = |t: &str| -> Vec<String> {
        t.lines()
            .filter(|l| !l.starts_with('#'))
            .map(String::from)
            .collect()
    };
    assert_eq!(settings(&text), settings(&english));
    for line in text.lines().filter(|l| l.starts_with("# ")) {
        let han = line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        assert!(han, "{line}");
    }
}

/// Every kind of problem, told in Chinese under `--lang zh` (or a Chinese
/// locale): the same places, no English words of the messages left.
#[test]
fn every_problem_is_told_in_chinese_too() {
    use bulletin::lang::Lang;
    let bad = [
        "width = 3\n",
        "[colors]\n",
        "reader = 1\n",
        "[reader]\nwidht = 3\n",
        "[reader]\nwidth = \"x\"\n",
        "[reader]\nwidth = 5\n",
        "[reader]\nmouse = 2\n",
        "[reader]\nlanguage = \"fr\"\n",
        "[keys]\nbrowse = 1\n",
        "[keys.nowhere]\n",
        "[keys.quit]\n",
        "[keys]\nfrobnicate = [\"x\"]\n",
        "[keys]\nquit = \"q\"\n",
        "[keys]\nquit = [1]\n",
        "[keys]\nquit = [\"q\", \"q\"]\n",
        "[keys]\nquit = [\"Ctrl-Ctrl-q\"]\n",
        "[keys]\nquit = [\"Alt-Alt-q\"]\n",
        "[keys]\nquit = [\"\"]\n",
        "[keys]\nquit = [\"\\u0001\"]\n",
        "[keys]\nquit = [\"F5\", \"Shift-x\", \"Hyper\"]\n",
        "[keys.browse]\nquit = [\"j\"]\n",
        "[keys.help]\nopen = [\"x\"]\n",
        "[reader\n",
    ];
    let path = Path::new("/c.toml");
    for text in bad {
        let en = Config::parse_in(text, path, Lang::En).expect_err(text);
        let zh = Config::parse_in(text, path, Lang::Zh).expect_err(text);
        let places = |e: &ConfigError| -> Vec<(usize, usize)> {
            e.problems().iter().map(|p| (p.line, p.column)).collect()
        };
        assert_eq!(places(&zh), places(&en), "{text}");
        for p in zh.problems() {
            // The TOML parser's words are English only; they are quoted.
            let message = p.message.split("（TOML 解析器的原话").next().unwrap();
            let han = p
                .message
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            assert!(han, "{text:?}: {}", p.message);
            for english in [
                "must be",
                "unknown",
                "not a key",
                "expected",
                "twice",
                " is ",
            ] {
                assert!(!message.contains(english), "{text:?}: {}", p.message);
            }
        }
    }
}
