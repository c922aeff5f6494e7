//! Reads a config file's TOML into [`Config`], collecting every problem
//! with the byte span it is about. Unknown sections and keys are errors:
//! a typo must not pass silently.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::{
    AmbiguousWidth, Choice, Colors, Config, Language, ReaderConfig, ThemeConfig, WIDTH_RANGE,
};
use crate::lang::Lang;

pub(super) type Found = Vec<(Range<usize>, String)>;
pub(super) type Entry<'a, 'i> = (&'a Spanned<DeString<'i>>, &'a Spanned<DeValue<'i>>);

const SECTIONS: &[&str] = &["reader", "theme", "keys"];
const READER_KEYS: &[&str] = &[
    "width",
    "ambiguous_width",
    "ascii",
    "language",
    "mouse",
    "clipboard",
];
const THEME_KEYS: &[&str] = &["colors"];

/// The config in `text`, or every problem found, described in `lang`.
pub fn parse(text: &str, lang: Lang) -> Result<Config, Found> {
    let doc = DeTable::parse(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        let at = text.get(span.clone()).unwrap_or_default();
        let at = if at.is_empty() || at.len() > 40 || at.contains('\n') {
            String::new()
        } else {
            format!(" `{at}`")
        };
        // The TOML parser's own words are English only.
        let detail = e.message().trim();
        let msg = lang.pick(
            format!("不是有效的 TOML{at}（TOML 解析器的原话：{detail}）"),
            format!("not valid TOML: {detail}{at}"),
        );
        vec![(span, msg)]
    })?;
    let mut p = Parser {
        found: Vec::new(),
        lang,
    };
    let mut config = Config::default();
    for (key, value) in doc.get_ref() {
        let name: &str = key.get_ref();
        let Some(table) = p.section(name, key, value) else {
            continue;
        };
        match name {
            "reader" => p.reader(table, &mut config.reader),
            "theme" => p.theme(table, &mut config.theme),
            _ => p.keys(table, &mut config.keys),
        }
    }
    if p.found.is_empty() {
        Ok(config)
    } else {
        Err(p.found)
    }
}

pub(super) struct Parser {
    pub(super) found: Found,
    /// The language of the messages.
    pub(super) lang: Lang,
}

/// "`a`, `b`, `c`".
pub(super) fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// "a string", "an integer", ... for messages.
pub(super) fn what(v: &DeValue<'_>, lang: Lang) -> String {
    let t = v.type_str();
    if lang == Lang::Zh {
        let kind = match t {
            "string" => "字符串",
            "integer" => "整数",
            "float" => "小数",
            "boolean" => "布尔值",
            "datetime" => "日期时间",
            "array" => "列表",
            "table" => "表",
            other => other,
        };
        return match v.as_str() {
            Some(s) => format!("字符串 {s:?}"),
            None => kind.to_string(),
        };
    }
    let article = if t.starts_with(['a', 'i']) { "an" } else { "a" };
    match v.as_str() {
        Some(s) => format!("the string {s:?}"),
        None => format!("{article} {t}"),
    }
}

impl Parser {
    pub(super) fn say(&mut self, span: Range<usize>, msg: String) {
        self.found.push((span, msg));
    }

    /// The table of a top-level section, or a problem.
    fn section<'a, 'i>(
        &mut self,
        name: &str,
        key: &Spanned<DeString<'i>>,
        value: &'a Spanned<DeValue<'i>>,
    ) -> Option<&'a DeTable<'i>> {
        if !SECTIONS.contains(&name) {
            let zh = self.lang == Lang::Zh;
            let under = |s: &str| match zh {
                true => format!("；`{name}` 应写在 [{s}] 下"),
                false => format!("; `{name}` belongs under [{s}]"),
            };
            let hint = if READER_KEYS.contains(&name) {
                under("reader")
            } else if THEME_KEYS.contains(&name) {
                under("theme")
            } else {
                String::new()
            };
            let table = value.get_ref().is_table();
            let msg = match zh {
                true => format!(
                    "顶层有不认识的{} `{name}`{hint}（应为 {} 之一）",
                    if table { "节" } else { "键" },
                    listed(SECTIONS)
                ),
                false => format!(
                    "unknown {} `{name}` at the top level{hint} (expected one of {})",
                    if table { "section" } else { "key" },
                    listed(SECTIONS)
                ),
            };
            self.say(key.span(), msg);
            return None;
        }
        let table = value.get_ref().as_table();
        if table.is_none() {
            let what = what(value.get_ref(), self.lang);
            let msg = self.lang.pick(
                format!("`{name}` 必须是一个表（[{name}]），而不是{what}"),
                format!("`{name}` must be a table ([{name}]), not {what}"),
            );
            self.say(value.span(), msg);
        }
        table
    }

    fn unknown(&mut self, key: &Spanned<DeString<'_>>, section: &str, known: &[&str]) {
        let (name, known) = (key.get_ref(), listed(known));
        let msg = self.lang.pick(
            format!("[{section}] 中有不认识的键 `{name}`（应为 {known} 之一）"),
            format!("unknown key `{name}` in [{section}] (expected one of {known})"),
        );
        self.say(key.span(), msg);
    }

    fn reader(&mut self, table: &DeTable<'_>, r: &mut ReaderConfig) {
        for (key, value) in table {
            let k: &str = key.get_ref();
            let path = format!("reader.{k}");
            match k {
                "width" => self.width(&path, value, &mut r.width),
                "ambiguous_width" => {
                    self.choice::<AmbiguousWidth>(&path, value, &mut r.ambiguous_width)
                }
                "ascii" => self.boolean(&path, value, &mut r.ascii),
                "language" => self.choice::<Language>(&path, value, &mut r.language),
                "mouse" => self.boolean(&path, value, &mut r.mouse),
                "clipboard" => self.boolean(&path, value, &mut r.clipboard),
                _ => self.unknown(key, "reader", READER_KEYS),
            }
        }
    }

    fn theme(&mut self, table: &DeTable<'_>, t: &mut ThemeConfig) {
        for (key, value) in table {
            match &**key.get_ref() {
                "colors" => self.choice::<Colors>("theme.colors", value, &mut t.colors),
                _ => self.unknown(key, "theme", THEME_KEYS),
            }
        }
    }

    fn width(&mut self, path: &str, value: &Spanned<DeValue<'_>>, out: &mut u16) {
        let n = value
            .get_ref()
            .as_integer()
            .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok());
        match n
            .and_then(|n| u16::try_from(n).ok())
            .filter(|n| WIDTH_RANGE.contains(n))
        {
            Some(n) => *out = n,
            None => {
                let (from, to) = (WIDTH_RANGE.start(), WIDTH_RANGE.end());
                let not = match n {
                    Some(n) => n.to_string(),
                    None => what(value.get_ref(), self.lang),
                };
                let msg = self.lang.pick(
                    format!("`{path}` 必须是 {from} 到 {to} 的整数，而不是{not}"),
                    format!("`{path}` must be a whole number from {from} to {to}, not {not}"),
                );
                self.say(value.span(), msg);
            }
        }
    }

    fn boolean(&mut self, path: &str, value: &Spanned<DeValue<'_>>, out: &mut bool) {
        match value.get_ref().as_bool() {
            Some(b) => *out = b,
            None => {
                let what = what(value.get_ref(), self.lang);
                let msg = self.lang.pick(
                    format!("`{path}` 必须是 true 或 false，而不是{what}"),
                    format!("`{path}` must be true or false, not {what}"),
                );
                self.say(value.span(), msg);
            }
        }
    }

    fn choice<T: Choice>(&mut self, path: &str, value: &Spanned<DeValue<'_>>, out: &mut T) {
        match value.get_ref().as_str().and_then(T::from_name) {
            Some(v) => *out = v,
            None => {
                let names = T::names();
                let names: Vec<&str> = names.iter().map(String::as_str).collect();
                let (names, what) = (
                    listed(&names).replace('`', "\""),
                    what(value.get_ref(), self.lang),
                );
                let msg = self.lang.pick(
                    format!("`{path}` 必须是 {names} 之一，而不是{what}"),
                    format!("`{path}` must be one of {names}, not {what}"),
                );
                self.say(value.span(), msg);
            }
        }
    }
}
