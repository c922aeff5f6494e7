//! Parsing what the user typed into a [`Query`].

use std::fmt;

use regex::{Regex, RegexBuilder};

use super::fold::fold_str;

/// The prefix that makes a query a regular expression.
pub const REGEX_PREFIX: &str = "re:";

/// Compiled-program size limit for regexes typed by the user (bytes; the
/// regex crate's default, stated here on purpose): a pathological pattern
/// such as `re:\w{1000}{1000}` fails with a message instead of eating
/// memory, while `re:\w{100}` still compiles.
const REGEX_SIZE_LIMIT: usize = 10 << 20;

/// Why a query could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The pattern after `re:` is not a valid regex; a one-line reason.
    Regex(String),
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::Regex(msg) => write!(f, "bad regex: {msg}"),
        }
    }
}

impl std::error::Error for QueryError {}

impl QueryError {
    /// The message in `lang`. The regex crate's own reasons are in
    /// English; the usual ones are translated.
    pub fn text(&self, lang: crate::lang::Lang) -> String {
        let QueryError::Regex(msg) = self;
        match lang {
            crate::lang::Lang::En => self.to_string(),
            crate::lang::Lang::Zh => format!("正则表达式有误：{}", regex_reason_zh(msg)),
        }
    }
}

/// The Chinese of the regex crate's usual reasons (`unclosed group`);
/// others stay as they are.
fn regex_reason_zh(msg: &str) -> String {
    const KNOWN: &[(&str, &str)] = &[
        ("unclosed group", "圆括号没有闭合"),
        ("unopened group", "多了右圆括号"),
        ("unclosed character class", "方括号没有闭合"),
        ("unclosed counted repetition", "花括号没有闭合"),
        (
            "repetition operator missing expression",
            "重复符号前面缺少内容",
        ),
        ("empty character class", "方括号中是空的"),
        ("unrecognized escape sequence", "无法识别的转义序列"),
        ("incomplete escape sequence", "转义序列不完整"),
        ("invalid repetition count range", "重复次数的范围有误"),
        ("decimal literal empty", "重复次数缺少数字"),
        ("decimal literal invalid", "重复次数不是有效的数字"),
        ("exceeds size limit", "正则表达式太大"),
        ("nest limit exceeded", "嵌套太深"),
        ("invalid character class range", "字符范围有误"),
        ("unrecognized flag", "无法识别的标志"),
        (
            "dangling flag negation operator",
            "标志的否定符号后面缺少标志",
        ),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| msg.contains(en))
        .map_or_else(|| msg.to_string(), |(_, zh)| zh.to_string())
}

/// A parsed search query.
#[derive(Debug, Clone)]
pub struct Query {
    pub(crate) kind: Kind,
    case_sensitive: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Kind {
    /// Folded needle (NFKC, lowercased unless case-sensitive).
    Literal(String),
    Regex(Regex),
}

impl Query {
    /// Parses the prompt's text.
    ///
    /// * `Ok(None)`: nothing to search — the input is empty or only
    ///   whitespace, or it is `re:` with an empty pattern.
    /// * `re:PATTERN`: a regex (the `regex` crate's syntax) matched on the
    ///   ORIGINAL text (no NFKC folding), case-insensitive unless the
    ///   pattern has an uppercase letter outside escapes (`\S`, `\P{Han}`
    ///   do not count); `(?i)` / `(?-i)` in the pattern override that.
    /// * anything else: a literal, kept as typed (inner and outer spaces
    ///   count), matched after NFKC folding of both sides, case-insensitive
    ///   unless the folded query has an uppercase letter (smart case).
    pub fn parse(input: &str) -> Result<Option<Query>, QueryError> {
        if input.trim().is_empty() {
            return Ok(None);
        }
        match input.strip_prefix(REGEX_PREFIX) {
            Some("") => Ok(None),
            Some(pattern) => Self::regex(pattern).map(Some),
            None => Ok(Self::literal(input)),
        }
    }

    fn literal(input: &str) -> Option<Query> {
        let exact = fold_str(input, false);
        let case_sensitive = exact.chars().any(char::is_uppercase);
        let needle = if case_sensitive {
            exact
        } else {
            fold_str(input, true)
        };
        (!needle.is_empty()).then_some(Query {
            kind: Kind::Literal(needle),
            case_sensitive,
        })
    }

    fn regex(pattern: &str) -> Result<Query, QueryError> {
        let case_sensitive = has_uppercase_literal(pattern);
        let re = RegexBuilder::new(pattern)
            .case_insensitive(!case_sensitive)
            .size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| QueryError::Regex(short_message(&e)))?;
        Ok(Query {
            kind: Kind::Regex(re),
            case_sensitive,
        })
    }

    /// The folded needle of a literal query (`None` for a regex): what
    /// the folded text is searched for.
    pub fn needle(&self) -> Option<&str> {
        match &self.kind {
            Kind::Literal(n) => Some(n),
            Kind::Regex(_) => None,
        }
    }

    /// Whether this query is a regex (`re:` prefix).
    pub fn is_regex(&self) -> bool {
        matches!(self.kind, Kind::Regex(_))
    }

    /// Whether upper and lower case are told apart (smart case).
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }
}

/// Whether `pattern` has an uppercase letter that is meant literally: the
/// character after a backslash is skipped, and so is the name in
/// `\p{…}` / `\P{…}`.
fn has_uppercase_literal(pattern: &str) -> bool {
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            let escaped = chars.next();
            if matches!(escaped, Some('p' | 'P')) && chars.as_str().starts_with('{') {
                chars.by_ref().take_while(|&c| c != '}').for_each(drop);
            }
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

/// The regex crate's error as one line: the `error: …` line of a syntax
/// error (the caret diagram does not fit a prompt), else the message.
fn short_message(e: &regex::Error) -> String {
    let full = e.to_string();
    full.lines()
        .find_map(|l| l.strip_prefix("error: "))
        .unwrap_or_else(|| full.lines().last().unwrap_or(""))
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needle(q: &str) -> String {
        match Query::parse(q).unwrap().unwrap().kind {
            Kind::Literal(s) => s,
            Kind::Regex(_) => panic!("regex"),
        }
    }

    #[test]
    fn regex_errors_read_in_chinese() {
        let err = Query::parse("re:(abc").unwrap_err();
        assert_eq!(err.to_string(), "bad regex: unclosed group");
        assert_eq!(
            err.text(crate::lang::Lang::Zh),
            "正则表达式有误：圆括号没有闭合"
        );
        let big = Query::parse(r"re:\w{1000}{1000}").unwrap_err();
        assert_eq!(
            big.text(crate::lang::Lang::Zh),
            "正则表达式有误：正则表达式太大"
        );
    }

    #[test]
    fn empty_and_whitespace_are_no_search() {
        for q in ["", " ", "\t ", "\u{3000}", "re:"] {
            assert!(Query::parse(q).unwrap().is_none(), "{q:?}");
        }
    }

    #[test]
    fn literal_smart_case() {
        assert_eq!(needle("abc"), "abc");
        assert!(!Query::parse("abc").unwrap().unwrap().case_sensitive());
        assert_eq!(needle("Abc"), "Abc");
        assert!(Query::parse("Abc").unwrap().unwrap().case_sensitive());
        // Full-width capitals fold to capitals: still case-sensitive.
        assert_eq!(needle("Ａｂ"), "Ab");
        assert_eq!(needle("ａｂ，"), "ab,");
        assert_eq!(needle(" 物业 "), " 物业 ");
    }

    #[test]
    fn regex_smart_case_ignores_escapes() {
        assert!(!has_uppercase_literal(r"\S+\W\P{Han}\p{Lu}x"));
        assert!(has_uppercase_literal(r"\d+X"));
        assert!(has_uppercase_literal(r"\p{Han}A"));
        assert!(has_uppercase_literal("Ä"));
        let q = Query::parse("re:ab").unwrap().unwrap();
        assert!(q.is_regex() && !q.case_sensitive());
        assert!(Query::parse("re:aB").unwrap().unwrap().case_sensitive());
    }

    #[test]
    fn invalid_regex_is_a_short_error() {
        let err = Query::parse("re:(物业").unwrap_err();
        let QueryError::Regex(msg) = &err;
        assert!(!msg.contains('\n') && !msg.is_empty(), "{msg:?}");
        assert!(msg.contains("unclosed group"), "{msg:?}");
        assert!(err.to_string().starts_with("bad regex: "));
        let QueryError::Regex(big) = Query::parse(r"re:\w{1000}{1000}").unwrap_err();
        assert!(!big.contains('\n') && !big.is_empty(), "{big:?}");
    }
}
