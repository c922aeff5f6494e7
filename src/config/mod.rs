//! The settings file: TOML in the XDG config directory
//! (`~/.config/bulletin/config.toml`), or the file named by `--config PATH`
//! or `BULLETIN_CONFIG`. A missing file at the default place means the
//! defaults; a bad file is an error naming its line, column and key.
//!
//! The config sits beside `app`: it speaks the app's terms (actions, keys,
//! screens) and knows nothing of terminals. See docs/config.md.

mod default_toml;
mod error;
pub mod keyspec;
mod parse;
mod parse_keys;

use std::ffi::OsString;
use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::app::{ColorLevel, Keymap, Lang};
use crate::text::WidthMode;

pub use error::{ConfigError, Problem};
pub use keyspec::{parse_key, parse_key_in};

/// The environment variable naming the config file.
pub const ENV_VAR: &str = "BULLETIN_CONFIG";

/// Allowed reading widths (`--width` and `width =`).
pub const WIDTH_RANGE: RangeInclusive<u16> = 10..=1000;

/// The reading width when none is set.
pub const DEFAULT_WIDTH: u16 = 80;

/// Every setting.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    pub reader: ReaderConfig,
    pub theme: ThemeConfig,
    pub keys: Keymap,
}

/// `[reader]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReaderConfig {
    /// Widest text column, in columns.
    pub width: u16,
    pub ambiguous_width: AmbiguousWidth,
    /// ASCII borders.
    pub ascii: bool,
    pub language: Language,
    /// Wheel scrolling and clicks (off: the terminal keeps text selection).
    pub mouse: bool,
    /// Copying to the local clipboard with OSC 52.
    pub clipboard: bool,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            width: DEFAULT_WIDTH,
            ambiguous_width: AmbiguousWidth::Auto,
            ascii: false,
            language: Language::Auto,
            mouse: false,
            clipboard: true,
        }
    }
}

/// `[theme]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ThemeConfig {
    pub colors: Colors,
}

/// An enumerated setting, written as one of a few names. Every such
/// setting is one enum that derives clap's `ValueEnum`, so the command
/// line and the settings file accept the same names.
pub trait Choice: ValueEnum + Copy + PartialEq + 'static {
    /// The value's name (`"auto"`, `"wide"`, `"16"`).
    fn name(self) -> String {
        self.to_possible_value()
            .map(|v| v.get_name().to_string())
            .unwrap_or_default()
    }

    fn from_name(name: &str) -> Option<Self> {
        Self::value_variants()
            .iter()
            .copied()
            .find(|v| v.name() == name)
    }

    /// Every value's name, in order.
    fn names() -> Vec<String> {
        Self::value_variants().iter().map(|v| v.name()).collect()
    }
}

impl<T: ValueEnum + Copy + PartialEq + 'static> Choice for T {}

/// How wide the terminal draws East Asian Ambiguous characters (“ ” … — and box drawing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum AmbiguousWidth {
    /// Ask the terminal at start-up (print one ambiguous character, read
    /// back the cursor position); narrow when it does not answer.
    #[default]
    Auto,
    /// One column (most terminals' default).
    Narrow,
    /// Two columns (PuTTY, Xshell, xterm -cjk_width, iTerm2 or VTE set to wide).
    Wide,
}

impl AmbiguousWidth {
    /// The mode set by the user; `None` for `auto` (probe the terminal).
    pub fn forced(self) -> Option<WidthMode> {
        match self {
            AmbiguousWidth::Auto => None,
            AmbiguousWidth::Narrow => Some(WidthMode::Narrow),
            AmbiguousWidth::Wide => Some(WidthMode::Wide),
        }
    }
}

/// Where there is no terminal to ask (`show`), `auto` means narrow.
impl From<AmbiguousWidth> for WidthMode {
    fn from(a: AmbiguousWidth) -> WidthMode {
        a.forced().unwrap_or(WidthMode::Narrow)
    }
}

/// Language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Language {
    /// From LC_ALL / LC_MESSAGES / LANG.
    #[default]
    Auto,
    /// 中文
    Zh,
    /// English
    En,
}

impl Language {
    /// The language to use; `auto` asks the locale variables through `env`.
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> Lang {
        match self {
            Language::Auto => Lang::from_env(env),
            Language::Zh => Lang::Zh,
            Language::En => Lang::En,
        }
    }
}

/// How much colour to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum Colors {
    /// From NO_COLOR, COLORTERM and TERM.
    #[default]
    Auto,
    /// Bold, reverse and underline only.
    None,
    /// The 16 ANSI colours.
    #[value(name = "16")]
    Ansi16,
    /// The 256-colour palette.
    #[value(name = "256")]
    Ansi256,
}

impl Colors {
    /// The colour level to use; `auto` asks the environment through `env`
    /// (a level set in the file wins over `NO_COLOR`, as no-color.org allows).
    pub fn resolve(self, env: impl Fn(&str) -> Option<String>) -> ColorLevel {
        match self {
            Colors::Auto => ColorLevel::from_env(env),
            Colors::None => ColorLevel::None,
            Colors::Ansi16 => ColorLevel::Ansi16,
            Colors::Ansi256 => ColorLevel::Ansi256,
        }
    }
}

/// The default place of the config file:
/// `$XDG_CONFIG_HOME/bulletin/config.toml` (`~/.config/...` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "bulletin").map(|d| d.config_dir().join("config.toml"))
}

/// Which file to read: the flag's, else the environment's (when set and
/// not empty), else the default place. `true` when the file was named
/// explicitly (then it must exist).
pub fn resolve_path(
    flag: Option<&Path>,
    env: Option<OsString>,
    default: Option<PathBuf>,
) -> Option<(PathBuf, bool)> {
    if let Some(p) = flag {
        return Some((p.to_path_buf(), true));
    }
    match env {
        Some(v) if !v.is_empty() => Some((PathBuf::from(v), true)),
        _ => default.map(|p| (p, false)),
    }
}

impl Config {
    /// Loads the settings from `--config PATH` (`path`), else
    /// `BULLETIN_CONFIG`, else the default place. Call before the screen
    /// is taken over, so errors print normally.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        Config::load_in(path, Lang::En)
    }

    /// [`Config::load`], the problems described in `lang`.
    pub fn load_in(path: Option<&Path>, lang: Lang) -> Result<Config, ConfigError> {
        Config::load_from_in(path, std::env::var_os(ENV_VAR), default_path(), lang)
    }

    /// [`Config::load`] with the environment and the default place given.
    pub fn load_from(
        flag: Option<&Path>,
        env: Option<OsString>,
        default: Option<PathBuf>,
    ) -> Result<Config, ConfigError> {
        Config::load_from_in(flag, env, default, Lang::En)
    }

    fn load_from_in(
        flag: Option<&Path>,
        env: Option<OsString>,
        default: Option<PathBuf>,
        lang: Lang,
    ) -> Result<Config, ConfigError> {
        let Some((path, explicit)) = resolve_path(flag, env, default) else {
            return Ok(Config::default());
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => Config::parse_in(&text, &path, lang),
            Err(e) if !explicit && e.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(source) => Err(ConfigError::Read { path, source }),
        }
    }

    /// Parses the text of a config file; `path` only names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        Config::parse_in(text, path, Lang::En)
    }

    /// [`Config::parse`], the problems described in `lang`.
    pub fn parse_in(text: &str, path: &Path, lang: Lang) -> Result<Config, ConfigError> {
        parse::parse(text, lang).map_err(|found| ConfigError::Invalid {
            path: path.to_path_buf(),
            problems: error::problems(text, found),
        })
    }

    /// The default config as a commented TOML file, every setting with its
    /// default value (`bulletin config --default` prints it). The `[keys]`
    /// tables are generated from the built-in keymap.
    pub fn default_toml() -> String {
        Config::default_toml_in(Lang::En)
    }

    /// [`Config::default_toml`], the comments in `lang`.
    pub fn default_toml_in(lang: Lang) -> String {
        default_toml::render(&Config::default(), lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_then_env_then_default() {
        let flag = Path::new("/f.toml");
        let env = || Some(OsString::from("/e.toml"));
        let def = || Some(PathBuf::from("/d.toml"));
        assert_eq!(
            resolve_path(Some(flag), env(), def()),
            Some((flag.into(), true))
        );
        assert_eq!(
            resolve_path(None, env(), def()),
            Some(("/e.toml".into(), true))
        );
        assert_eq!(
            resolve_path(None, Some(OsString::new()), def()),
            Some(("/d.toml".into(), false)),
            "an empty variable is unset"
        );
        assert_eq!(resolve_path(None, None, None), None);
    }

    #[test]
    fn choices_round_trip() {
        fn check<T: Choice + std::fmt::Debug>() {
            for &v in T::value_variants() {
                assert_eq!(T::from_name(&v.name()), Some(v));
            }
        }
        assert_eq!(Colors::names(), ["auto", "none", "16", "256"]);
        check::<AmbiguousWidth>();
        check::<Language>();
        check::<Colors>();
    }

    #[test]
    fn auto_values_ask_the_environment() {
        let zh_no_color = |k: &str| match k {
            "LANG" => Some("zh_CN.UTF-8".to_string()),
            "NO_COLOR" => Some("1".to_string()),
            _ => None,
        };
        assert_eq!(Language::Auto.resolve(zh_no_color), Lang::Zh);
        assert_eq!(Language::En.resolve(zh_no_color), Lang::En);
        assert_eq!(Colors::Auto.resolve(zh_no_color), ColorLevel::None);
        assert_eq!(Colors::Ansi256.resolve(zh_no_color), ColorLevel::Ansi256);
        assert_eq!(AmbiguousWidth::Auto.forced(), None);
        assert_eq!(AmbiguousWidth::Wide.forced(), Some(WidthMode::Wide));
    }
}
