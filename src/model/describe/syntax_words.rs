//! What a JSON syntax error says, in words and in either language: serde's
//! terse texts (`expected `,` or `}``) become a [`Syntax`], which
//! [`SyntaxMessage`] shows with what was being read.

use std::fmt;

use super::fault::Kind;
use crate::lang::Lang;

/// What the parser expected, or what went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Syntax {
    EofArray,
    EofObject,
    EofString,
    EofValue,
    Colon,
    CommaArray,
    CommaObject,
    Ident,
    Value,
    KeyQuote,
    TrailingComma,
    Trailing,
    TooDeep,
    Escape,
    Control,
    NoArticles,
    /// A name the format knows, given twice in one object.
    Duplicate(String),
    /// `expected X, found an array` (X in English, from our own types).
    Expected {
        expected: String,
        found: Kind,
    },
    /// serde's own words, for what has no better ones.
    Other(String),
}

/// What was being read when the error happened.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reading {
    /// Article `number` of an archive's `articles`, after the one labelled.
    Article {
        number: usize,
        after: Option<String>,
    },
    /// Text after a single-file archive's object.
    AfterArchive,
}

/// A syntax error's message: what, and while reading what.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SyntaxMessage {
    pub what: Syntax,
    pub context: Option<Reading>,
}

const TRUNCATED_EN: &str = "(is the file truncated?)";
const TRUNCATED_ZH: &str = "（文件是否不完整？）";

impl Syntax {
    pub fn text(&self, lang: Lang) -> String {
        let cut = lang.pick(TRUNCATED_ZH, TRUNCATED_EN);
        let (zh, en): (&str, &str) = match self {
            Syntax::EofArray => {
                let zh = format!("文件在数组中间结束：应为 ',' 或 ']'{cut}");
                let en = format!("the file ends inside an array: expected ',' or ']' {cut}");
                return lang.pick(zh, en);
            }
            Syntax::EofObject => {
                let zh = format!("文件在对象中间结束：应为 ',' 或 '}}'{cut}");
                let en = format!("the file ends inside an object: expected ',' or '}}' {cut}");
                return lang.pick(zh, en);
            }
            Syntax::EofString => {
                let zh = format!("文件在字符串中间结束：缺少结尾的 '\"'{cut}");
                let en = format!("the file ends inside a string: expected a closing '\"' {cut}");
                return lang.pick(zh, en);
            }
            Syntax::EofValue => {
                let zh = format!("文件在应有值的地方结束{cut}");
                let en = format!("the file ends where a value was expected {cut}");
                return lang.pick(zh, en);
            }
            Syntax::Colon => ("字段名后应为 ':'", "expected ':' after a field name"),
            Syntax::CommaArray => (
                "数组元素后应为 ',' 或 ']'",
                "expected ',' or ']' after an array element",
            ),
            Syntax::CommaObject => (
                "对象字段后应为 ',' 或 '}'",
                "expected ',' or '}' after an object field",
            ),
            Syntax::Ident => ("应为 true、false 或 null", "expected true, false or null"),
            Syntax::Value => (
                "应为 JSON 值（字符串、数字、对象、数组、true、false 或 null）",
                "expected a JSON value (string, number, object, array, true, false or null)",
            ),
            Syntax::KeyQuote => (
                "应为双引号括起的字段名",
                "expected a field name in double quotes",
            ),
            Syntax::TrailingComma => (
                "多余的逗号：JSON 不允许 '}' 或 ']' 前有 ','",
                "trailing comma: JSON allows no ',' before '}' or ']'",
            ),
            Syntax::Trailing => (
                "JSON 值结束后还有多余的文字",
                "unexpected text after the end of the JSON value",
            ),
            Syntax::TooDeep => (
                "嵌套太深：数组和对象超过 128 层",
                "nesting too deep: more than 128 levels of arrays and objects",
            ),
            Syntax::Escape => (
                "字符串中有无效的转义序列",
                "invalid escape sequence in a string",
            ),
            Syntax::Control => (
                "字符串中有原样的控制字符（换行请写成 \\n）",
                "raw control character inside a string (write a line break as \\n)",
            ),
            Syntax::NoArticles => (
                "档案对象结束了，却没有 \"articles\" 数组",
                "the archive object ends without an \"articles\" array",
            ),
            Syntax::Duplicate(name) => {
                let zh = format!("同一对象中 \"{name}\" 出现了两次");
                let en = format!("\"{name}\" is given twice in one object");
                return lang.pick(zh, en);
            }
            Syntax::Expected { expected, found } => {
                let zh = format!("应为{}，实为{}", expected_zh(expected), found.text(lang));
                let en = format!("expected {expected}, found {}", found.text(lang));
                return lang.pick(zh, en);
            }
            Syntax::Other(text) => return text.clone(),
        };
        lang.pick(zh, en).to_string()
    }

    /// One of each, for the tests that walk every message.
    pub fn examples() -> Vec<Syntax> {
        use Syntax::*;
        vec![
            EofArray,
            EofObject,
            EofString,
            EofValue,
            Colon,
            CommaArray,
            CommaObject,
            Ident,
            Value,
            KeyQuote,
            TrailingComma,
            Trailing,
            TooDeep,
            Escape,
            Control,
            NoArticles,
            Duplicate("title".into()),
            Expected {
                expected: "an article object".into(),
                found: Kind::Array,
            },
        ]
    }
}

/// The Chinese of what our own deserializers expect.
fn expected_zh(en: &str) -> String {
    let known = [
        (
            "an archive object {\"format\": …, \"articles\": […]} or article objects",
            "档案对象 {\"format\": …, \"articles\": […]} 或文章对象",
        ),
        (
            "\"articles\" to be an array of article objects",
            "\"articles\" 为文章对象的数组",
        ),
        ("an article object", "文章对象"),
        ("a member name", "成员名"),
    ];
    let zh = known.iter().find(|(e, _)| *e == en).map(|(_, z)| *z);
    zh.unwrap_or(en).to_string()
}

impl Reading {
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Reading::Article { number, after } => match (lang, after) {
                (Lang::Zh, Some(a)) => format!("读取第 {number} 篇文章时，在文章 {a} 之后"),
                (Lang::Zh, None) => format!("读取第 {number} 篇文章时"),
                (Lang::En, Some(a)) => format!("reading article #{number}, after article {a}"),
                (Lang::En, None) => format!("reading article #{number}"),
            },
            Reading::AfterArchive => lang
                .pick(
                    "单文件档案只能是一个 JSON 对象",
                    "a single-file archive is one JSON object",
                )
                .to_string(),
        }
    }
}

impl SyntaxMessage {
    pub fn text(&self, lang: Lang) -> String {
        let what = self.what.text(lang);
        match &self.context {
            None => what,
            Some(c) => lang.pick(
                format!("{what}（{}）", c.text(lang)),
                format!("{what} ({})", c.text(lang)),
            ),
        }
    }
}

impl fmt::Display for SyntaxMessage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}
