//! The user's language: Chinese or English, from the locale unless
//! `--lang` (or the settings file) says otherwise. Every part of the crate
//! that shows text to people takes one: the reader's messages
//! (`app::i18n`), the loader's problems (`model::Fault`), the command
//! line's output (`cli`). JSON output never depends on it.

/// User-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    Zh,
    #[default]
    En,
}

impl Lang {
    /// Chinese when the first set of `LC_ALL`, `LC_MESSAGES`, `LANG` starts
    /// with `zh`, English otherwise (POSIX precedence).
    pub fn from_env(get: impl Fn(&str) -> Option<String>) -> Lang {
        let value = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| get(k))
            .find(|v| !v.is_empty());
        match value {
            Some(v) if v.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The language of this process's locale.
    pub fn from_locale() -> Lang {
        Lang::from_env(|k| std::env::var(k).ok())
    }

    /// `zh` or `en`, whichever is this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    /// A colon before what follows: `：` in Chinese text, `: ` in English.
    pub fn colon(self) -> &'static str {
        self.pick("：", ": ")
    }

    /// Joins two clauses: `；` in Chinese text, `; ` in English.
    pub fn semicolon(self) -> &'static str {
        self.pick("；", "; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_chinese_only_for_zh() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(Lang::from_env(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_env(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
        let both = env(&[("LC_ALL", "C"), ("LANG", "zh_TW.UTF-8")]);
        assert_eq!(Lang::from_env(both), Lang::En, "LC_ALL wins over LANG");
        let empty_all = env(&[("LC_ALL", ""), ("LC_MESSAGES", "zh_CN")]);
        assert_eq!(
            Lang::from_env(empty_all),
            Lang::Zh,
            "an empty LC_ALL is unset"
        );
    }

    #[test]
    fn punctuation_follows_the_language() {
        assert_eq!(Lang::Zh.colon(), "：");
        assert_eq!(Lang::En.semicolon(), "; ");
        assert_eq!(Lang::Zh.pick(1, 2), 1);
    }
}
