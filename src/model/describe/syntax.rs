//! Turning `serde_json` errors and byte offsets into `file:line:column`
//! messages that say, in words, what was expected.

use std::path::Path;

use super::fault::Kind;
use super::problem::LoadError;
use super::syntax_words::{Reading, Syntax, SyntaxMessage};
use crate::text::sanitize::sanitize_line;

/// A [`LoadError::Syntax`] for `err` from parsing `text`; `context` (e.g.
/// `inside article #5`) is appended in parentheses.
pub(crate) fn syntax_error(
    path: &Path,
    text: &str,
    err: &serde_json::Error,
    context: Option<Reading>,
) -> LoadError {
    syntax_error_at(path, text.as_bytes(), 0, err, context)
}

/// [`syntax_error`] for `err` from parsing `bytes[start..]`, placed in the
/// whole of `bytes` (a file without its byte order mark).
pub(crate) fn syntax_error_at(
    path: &Path,
    bytes: &[u8],
    start: usize,
    err: &serde_json::Error,
    context: Option<Reading>,
) -> LoadError {
    let place = line_column(bytes, start + error_offset(&bytes[start..], err));
    syntax_error_placed(path, place, err, context)
}

/// [`syntax_error`] for `err`, which happened at `(line, column)`.
pub(crate) fn syntax_error_placed(
    path: &Path,
    (line, column): (usize, usize),
    err: &serde_json::Error,
    context: Option<Reading>,
) -> LoadError {
    let message = SyntaxMessage {
        what: humanize(err),
        context,
    };
    LoadError::Syntax {
        path: path.to_path_buf(),
        line,
        column,
        message,
    }
}

/// A [`LoadError::NotUtf8`] for the bad byte at `at` in `bytes`, a file
/// without its byte order mark of `bom` bytes (counted in the offset).
pub(crate) fn not_utf8(path: &Path, bytes: &[u8], bom: usize, at: usize) -> LoadError {
    not_utf8_placed(path, bom + at, bad_byte_place(bytes, at))
}

/// Line and column of `at`, the first bad byte of `bytes`: everything
/// before it is UTF-8, so the bad byte is a column of its own, even a stray
/// continuation byte right after a whole character (which `line_column`
/// would count as part of that character).
pub(crate) fn bad_byte_place(bytes: &[u8], at: usize) -> (usize, usize) {
    line_column(&bytes[..at], at)
}

/// A [`LoadError::NotUtf8`] for the bad byte at `offset` in the file, at
/// `(line, column)`.
pub(crate) fn not_utf8_placed(
    path: &Path,
    offset: usize,
    (line, column): (usize, usize),
) -> LoadError {
    LoadError::NotUtf8 {
        path: path.to_path_buf(),
        offset,
        line,
        column,
    }
}

/// Where in `bytes` `err` happened: serde_json counts a line from 1 and a
/// column in bytes, up to and including the byte at fault.
pub(crate) fn error_offset(bytes: &[u8], err: &serde_json::Error) -> usize {
    let mut line_start = 0;
    for _ in 1..err.line() {
        match bytes[line_start..].iter().position(|&b| b == b'\n') {
            Some(i) => line_start += i + 1,
            None => break,
        }
    }
    let line_end = bytes[line_start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| line_start + i);
    (line_start + err.column().saturating_sub(1)).min(line_end)
}

/// 1-based line and character column of byte `offset` in `bytes` (a byte
/// inside a character counts as that character). People and editors count
/// characters, not bytes.
pub(crate) fn line_column(bytes: &[u8], offset: usize) -> (usize, usize) {
    let mut offset = offset.min(bytes.len());
    let before = &bytes[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    while offset > line_start && offset < bytes.len() && bytes[offset] & 0xC0 == 0x80 {
        offset -= 1;
    }
    let column = String::from_utf8_lossy(&bytes[line_start..offset])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// The error's text without serde_json's ` at line L column C`, in words.
fn humanize(err: &serde_json::Error) -> Syntax {
    let full = err.to_string();
    let raw = match full.rfind(" at line ") {
        Some(i) => &full[..i],
        None => &full,
    };
    match raw {
        "EOF while parsing a list" => Syntax::EofArray,
        "EOF while parsing an object" => Syntax::EofObject,
        "EOF while parsing a string" => Syntax::EofString,
        "EOF while parsing a value" => Syntax::EofValue,
        "expected `:`" => Syntax::Colon,
        "expected `,` or `]`" => Syntax::CommaArray,
        "expected `,` or `}`" => Syntax::CommaObject,
        "expected ident" => Syntax::Ident,
        "expected value" => Syntax::Value,
        "key must be a string" => Syntax::KeyQuote,
        "trailing comma" => Syntax::TrailingComma,
        "trailing characters" => Syntax::Trailing,
        "recursion limit exceeded" => Syntax::TooDeep,
        "invalid escape" => Syntax::Escape,
        s if s.starts_with("control character") => Syntax::Control,
        "missing field `articles`" => Syntax::NoArticles,
        s if s.starts_with("duplicate field `") => {
            let name = s["duplicate field `".len()..].trim_end_matches('`');
            Syntax::Duplicate(sanitize_line(name))
        }
        s if s.starts_with("invalid type: ") => invalid_type(&s["invalid type: ".len()..]),
        // serde's own texts may quote input: sanitise before it is printed.
        s => Syntax::Other(sanitize_line(&s.replace('`', "'"))),
    }
}

/// `sequence, expected X` → `expected X, found an array`.
fn invalid_type(rest: &str) -> Syntax {
    let other = || Syntax::Other(sanitize_line(&format!("wrong type: {rest}")));
    let Some((found, expected)) = rest.split_once(", expected ") else {
        return other();
    };
    let found = match found.split(' ').next().unwrap_or("") {
        "sequence" => Kind::Array,
        "map" => Kind::Object,
        // serde_json says `null` (serde itself `unit value`).
        "null" | "unit" => Kind::Null,
        "string" => Kind::String,
        "integer" | "floating" => Kind::Number,
        "boolean" => Kind::Bool,
        _ => return other(),
    };
    let expected = sanitize_line(expected);
    Syntax::Expected { expected, found }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err_of(text: &str) -> serde_json::Error {
        serde_json::from_str::<serde_json::Value>(text).unwrap_err()
    }

    #[test]
    fn missing_comma_names_line_column_and_expectation() {
        let text = "{\n  \"a\": 1\n  \"b\": 2\n}";
        let e = syntax_error(Path::new("x.json"), text, &err_of(text), None);
        assert_eq!(
            e.to_string(),
            "x.json:3:3: expected ',' or '}' after an object field"
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"标题\": 中}";
        let e = syntax_error(Path::new("x.json"), text, &err_of(text), None);
        assert!(
            e.to_string()
                .starts_with("x.json:1:8: expected a JSON value"),
            "{e}"
        );
    }

    #[test]
    fn truncation_is_named() {
        let text = "{\"a\": [1, 2";
        let e = syntax_error(
            Path::new("t.json"),
            text,
            &err_of(text),
            Some(Reading::AfterArchive),
        );
        let s = e.to_string();
        assert!(s.contains("ends inside an array"), "{s}");
        assert!(
            s.ends_with("(is the file truncated?) (a single-file archive is one JSON object)"),
            "{s}"
        );
    }

    #[test]
    fn line_column_of_offset() {
        assert_eq!(line_column(b"ab\ncd", 4), (2, 2));
        assert_eq!(line_column("中\nx".as_bytes(), 3), (1, 2));
        assert_eq!(line_column(b"", 0), (1, 1));
    }

    #[test]
    fn invalid_type_reads_naturally() {
        assert_eq!(
            invalid_type("sequence, expected an archive object").text(crate::lang::Lang::En),
            "expected an archive object, found an array"
        );
    }

    #[test]
    fn null_of_the_wrong_kind_reads_naturally_too() {
        let text = "{\"format\": \"bulletin-archive/1\", \"articles\": null}";
        let err = serde_json::from_str::<crate::model::Archive>(text).unwrap_err();
        let said = humanize(&err);
        let en = said.text(crate::lang::Lang::En);
        assert!(en.ends_with(", found null"), "{en}");
        assert!(!en.contains("wrong type"), "{en}");
        let zh = said.text(crate::lang::Lang::Zh);
        assert!(!zh.contains("wrong type"), "in Chinese too: {zh}");
    }
}
