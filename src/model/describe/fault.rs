//! What can be wrong with an article or an archive's own fields, as data:
//! a [`Fault`] is a message id ([`What`]) with its arguments and the part
//! of the article it is in. It reads in either language
//! ([`Fault::text`]); `Display` is the English text, which `bulletin
//! check --json` and the tests use. Where it is (file, line, article) is
//! the [`Problem`](super::Problem)'s business.

use std::fmt;

use serde_json::Value;

use super::syntax_words::SyntaxMessage;
use crate::lang::Lang;

/// A JSON value's type, as messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    pub fn of(value: &Value) -> Kind {
        match value {
            Value::Null => Kind::Null,
            Value::Bool(_) => Kind::Bool,
            Value::Number(_) => Kind::Number,
            Value::String(_) => Kind::String,
            Value::Array(_) => Kind::Array,
            Value::Object(_) => Kind::Object,
        }
    }

    /// `a number` / `数字`.
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Bool => lang.pick("true 或 false", "true or false"),
            Kind::Number => lang.pick("数字", "a number"),
            Kind::String => lang.pick("字符串", "a string"),
            Kind::Array => lang.pick("数组", "an array"),
            Kind::Object => lang.pick("对象", "an object"),
        }
    }
}

/// The part of an article a fault is in (1-based, as people count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    Byline(usize),
    Block(usize),
}

/// What is wrong. Field names are the archive's own (`title`, `body`),
/// the same in both languages: they are what to look for in the file.
/// Quoted values are already shortened and sanitised (`check::quote`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum What {
    /// `missing title`
    Missing(&'static str),
    /// `title is empty`
    Empty(&'static str),
    /// `title must be a string, found a number`
    NotString(&'static str, Kind),
    /// `id contains the control or invisible character U+200F`
    IdChar(u32),
    /// `date "2023-2-3" is not in YYYY-MM-DD form`
    DateForm(String),
    /// `date "2023-02-30" is not a real calendar date`
    DateUnreal(String),
    /// `bylines must be an array, found …`
    BylinesNotArray(Kind),
    /// `expected {"role", "name"}, found …`
    BylineNotObject(Kind),
    /// `body must be an array of blocks, found …`
    BodyNotArray(Kind),
    EmptyBody,
    /// `expected a block object, found …`
    BlockNotObject(Kind),
    /// `unknown type "image" (expected paragraph, heading or caption)`
    UnknownType(String),
    /// `expected an article object, found …`
    NotArticle(Kind),
    /// `duplicate id: also used by article #2 at a.json`
    Duplicate {
        first: usize,
        at: Option<String>,
    },
    /// `format is not "bulletin-archive/1"` (of an archive in memory)
    Format,
    /// What serde refused after the checks passed; its own (English) words.
    Unreadable(String),
    /// A body with a byte that is not UTF-8 (offset in the file).
    NotUtf8 {
        offset: usize,
    },
    /// A body that is not JSON after all (a lone surrogate …).
    Json(SyntaxMessage),
}

/// One fault: what, and in which part of the article.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fault {
    pub part: Option<Part>,
    pub what: What,
}

impl From<What> for Fault {
    fn from(what: What) -> Fault {
        Fault { part: None, what }
    }
}

impl Fault {
    /// The same fault in part `part`.
    pub fn in_part(mut self, part: Part) -> Fault {
        self.part = Some(part);
        self
    }

    /// The whole message: `block 3: unknown type "image" …`.
    pub fn text(&self, lang: Lang) -> String {
        let part = match self.part {
            None => String::new(),
            Some(Part::Byline(n)) => lang.pick(format!("署名 {n}："), format!("byline {n}: ")),
            Some(Part::Block(n)) => lang.pick(format!("第 {n} 块："), format!("block {n}: ")),
        };
        part + &self.what.text(lang)
    }

    /// The kind of fault, without its particulars: what `bulletin check`
    /// groups by (`block: unknown type`). Stable English ids in `--json`
    /// come from [`Fault::id`].
    pub fn kind_text(&self, lang: Lang) -> String {
        let part = match self.part {
            None => "",
            Some(Part::Byline(_)) => lang.pick("署名：", "byline: "),
            Some(Part::Block(_)) => lang.pick("块：", "block: "),
        };
        format!("{part}{}", self.what.kind_text(lang))
    }

    /// A stable id of the kind: `block.unknown-type`, `missing.title`.
    pub fn id(&self) -> String {
        let part = match self.part {
            None => "",
            Some(Part::Byline(_)) => "byline.",
            Some(Part::Block(_)) => "block.",
        };
        format!("{part}{}", self.what.id())
    }

    /// Whether the fault is in the body (found only when the body is read).
    pub fn is_body(&self) -> bool {
        matches!(self.part, Some(Part::Block(_)))
            || matches!(
                self.what,
                What::Missing("body") | What::EmptyBody | What::BodyNotArray(_)
            )
    }

    /// Whether the article can still be read with this fault (its body or
    /// a minor field), rather than being broken.
    pub fn is_minor(&self) -> bool {
        self.what
            .field()
            .is_none_or(|f| !["id", "title", "district"].contains(&f))
            && !matches!(self.what, What::NotArticle(_) | What::Duplicate { .. })
    }
}

impl What {
    /// The metadata field the fault is about, if one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            What::Missing(f) | What::Empty(f) | What::NotString(f, _) => Some(f),
            What::IdChar(_) | What::Duplicate { .. } => Some("id"),
            What::DateForm(_) | What::DateUnreal(_) => Some("date"),
            What::BylinesNotArray(_) | What::BylineNotObject(_) => Some("bylines"),
            _ => None,
        }
    }

    fn id(&self) -> String {
        let plain = match self {
            What::Missing(f) => return format!("missing.{f}"),
            What::Empty(f) => return format!("empty.{f}"),
            What::NotString(f, _) => return format!("not-string.{f}"),
            What::IdChar(_) => "id-character",
            What::DateForm(_) => "date-form",
            What::DateUnreal(_) => "date-unreal",
            What::BylinesNotArray(_) => "bylines-not-array",
            What::BylineNotObject(_) => "byline-not-object",
            What::BodyNotArray(_) => "body-not-array",
            What::EmptyBody => "empty-body",
            What::BlockNotObject(_) => "block-not-object",
            What::UnknownType(_) => "unknown-type",
            What::NotArticle(_) => "not-an-article",
            What::Duplicate { .. } => "duplicate-id",
            What::Format => "format",
            What::Unreadable(_) => "unreadable",
            What::NotUtf8 { .. } => "not-utf8",
            What::Json(_) => "json-syntax",
        };
        plain.to_string()
    }

    fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let k = |kind: &Kind| kind.text(lang);
        match self {
            What::Missing(f) => lang.pick(format!("缺少 {f} 字段"), format!("missing {f}")),
            What::Empty(f) => lang.pick(format!("{f} 为空"), format!("{f} is empty")),
            What::NotString(f, kind) if zh => format!("{f} 应为字符串，实为{}", k(kind)),
            What::NotString(f, kind) => format!("{f} must be a string, found {}", k(kind)),
            What::IdChar(c) if zh => format!("id 含有控制字符或不可见字符 U+{c:04X}"),
            What::IdChar(c) => {
                format!("id contains the control or invisible character U+{c:04X}")
            }
            What::DateForm(q) => lang.pick(
                format!("date {q} 不是 YYYY-MM-DD 格式"),
                format!("date {q} is not in YYYY-MM-DD form"),
            ),
            What::DateUnreal(q) => lang.pick(
                format!("date {q} 不是日历上有的日期"),
                format!("date {q} is not a real calendar date"),
            ),
            What::BylinesNotArray(kind) if zh => format!("bylines 应为数组，实为{}", k(kind)),
            What::BylinesNotArray(kind) => format!("bylines must be an array, found {}", k(kind)),
            What::BylineNotObject(kind) if zh => {
                format!("应为 {{\"role\", \"name\"}} 对象，实为{}", k(kind))
            }
            What::BylineNotObject(kind) => {
                format!("expected {{\"role\", \"name\"}}, found {}", k(kind))
            }
            What::BodyNotArray(kind) if zh => format!("body 应为块的数组，实为{}", k(kind)),
            What::BodyNotArray(kind) => {
                format!("body must be an array of blocks, found {}", k(kind))
            }
            What::EmptyBody => lang
                .pick(
                    "body 为空：文章至少要有一个块",
                    "empty body: an article needs at least one block",
                )
                .to_string(),
            What::BlockNotObject(kind) if zh => format!("应为块对象，实为{}", k(kind)),
            What::BlockNotObject(kind) => format!("expected a block object, found {}", k(kind)),
            What::UnknownType(q) => lang.pick(
                format!("未知的块类型 {q}（应为 paragraph、heading 或 caption）"),
                format!("unknown type {q} (expected paragraph, heading or caption)"),
            ),
            What::NotArticle(kind) if zh => format!("应为文章对象，实为{}", k(kind)),
            What::NotArticle(kind) => format!("expected an article object, found {}", k(kind)),
            What::Duplicate { first, at } => {
                let at = at.as_deref().unwrap_or_default();
                match (zh, at.is_empty()) {
                    (true, true) => format!("id 重复：第 {first} 篇文章已用此 id"),
                    (true, false) => format!("id 重复：{at} 的第 {first} 篇文章已用此 id"),
                    (false, true) => format!("duplicate id: also used by article #{first}"),
                    (false, false) => {
                        format!("duplicate id: also used by article #{first} at {at}")
                    }
                }
            }
            What::Format => lang.pick(
                format!("format 不是 \"{}\"", crate::model::FORMAT_TAG),
                format!("format is not \"{}\"", crate::model::FORMAT_TAG),
            ),
            What::Unreadable(why) => {
                lang.pick(format!("无法读取：{why}"), format!("cannot be read: {why}"))
            }
            What::NotUtf8 { offset } => super::problem::not_utf8_text(*offset, lang),
            What::Json(message) => message.text(lang),
        }
    }

    /// The message without its particulars, for grouping.
    fn kind_text(&self, lang: Lang) -> String {
        let general = match self {
            What::NotString(f, _) => {
                return lang.pick(format!("{f} 不是字符串"), format!("{f} is not a string"));
            }
            What::IdChar(_) => lang.pick(
                "id 含有控制字符或不可见字符",
                "id contains a control or invisible character",
            ),
            What::DateForm(_) => {
                lang.pick("date 不是 YYYY-MM-DD 格式", "date not in YYYY-MM-DD form")
            }
            What::DateUnreal(_) => {
                lang.pick("date 不是日历上有的日期", "date not a real calendar date")
            }
            What::BylinesNotArray(_) => lang.pick("bylines 不是数组", "bylines not an array"),
            What::BylineNotObject(_) => lang.pick("署名不是对象", "byline not an object"),
            What::BodyNotArray(_) => lang.pick("body 不是数组", "body not an array"),
            What::BlockNotObject(_) => lang.pick("块不是对象", "block not an object"),
            What::UnknownType(_) => lang.pick("未知的块类型", "unknown block type"),
            What::NotArticle(_) => lang.pick("不是文章对象", "not an article object"),
            What::Duplicate { .. } => lang.pick("id 重复", "duplicate id"),
            What::Unreadable(_) => lang.pick("无法读取", "cannot be read"),
            What::NotUtf8 { .. } => lang.pick("不是有效的 UTF-8", "not valid UTF-8"),
            What::Json(_) => lang.pick("JSON 语法错误", "JSON syntax error"),
            _ => return self.text(lang),
        };
        general.to_string()
    }

    /// One of each kind, for the tests that walk every message.
    pub fn examples() -> Vec<What> {
        vec![
            What::Missing("title"),
            What::Empty("title"),
            What::NotString("title", Kind::Number),
            What::IdChar(0x200f),
            What::DateForm("\"2023-2-3\"".into()),
            What::DateUnreal("\"2023-02-30\"".into()),
            What::BylinesNotArray(Kind::Object),
            What::BylineNotObject(Kind::String),
            What::BodyNotArray(Kind::String),
            What::EmptyBody,
            What::BlockNotObject(Kind::Number),
            What::UnknownType("\"image\"".into()),
            What::NotArticle(Kind::Array),
            What::Duplicate {
                first: 2,
                at: Some("a.json".into()),
            },
            What::Duplicate { first: 2, at: None },
            What::Format,
            What::Unreadable("invalid type".into()),
            What::NotUtf8 { offset: 48 },
            What::Json(SyntaxMessage {
                what: super::syntax_words::Syntax::Escape,
                context: None,
            }),
        ]
    }
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl fmt::Display for What {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_the_messages_of_check() {
        let f = Fault::from(What::UnknownType("\"image\"".into())).in_part(Part::Block(3));
        assert_eq!(
            f.to_string(),
            "block 3: unknown type \"image\" (expected paragraph, heading or caption)"
        );
        assert_eq!(f.id(), "block.unknown-type");
        assert_eq!(f.kind_text(Lang::En), "block: unknown block type");
        let f = Fault::from(What::NotString("title", Kind::Number));
        assert_eq!(f.to_string(), "title must be a string, found a number");
        assert_eq!(f.text(Lang::Zh), "title 应为字符串，实为数字");
    }

    #[test]
    fn minor_faults_leave_the_article_readable() {
        assert!(Fault::from(What::DateForm("x".into())).is_minor());
        assert!(Fault::from(What::EmptyBody).is_minor());
        assert!(
            Fault::from(What::Empty("text"))
                .in_part(Part::Block(1))
                .is_minor()
        );
        assert!(!Fault::from(What::Missing("title")).is_minor());
        assert!(!Fault::from(What::IdChar(0x1b)).is_minor());
        assert!(!Fault::from(What::NotArticle(Kind::Array)).is_minor());
    }
}
