//! JSON output for people's terminals and for tools: pretty-printed, and
//! every character that does not print (controls, the characters
//! sanitising removes such as bidi marks and zero-width spaces, line and
//! paragraph separators) written as a `\uXXXX` escape, so that `list
//! --json` never puts an invisible or direction-changing character on a
//! terminal, and what a tool reads is still the exact text.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use crate::text::sanitize::is_unseen;

/// Characters written escaped besides those JSON requires: the ones that
/// cannot be seen as themselves (the same that no id may hold).
fn escaped(c: char) -> bool {
    is_unseen(c)
}

/// A formatter (pretty or compact) that escapes what [`escaped`] says.
struct Escaping<F>(F);

impl<F: Formatter> Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escaped(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(w, "\\u{:04x}", u)?;
                }
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty JSON with invisible characters escaped, and a
/// newline.
pub fn write_json(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *out, Escaping(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// Writes `value` as compact JSON on one line (JSON Lines), invisible
/// characters escaped as by [`write_json`], and a newline.
pub fn write_json_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, Escaping(CompactFormatter));
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        write_json(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn invisible_characters_are_escaped_and_read_back_the_same() {
        let text = "ab\u{200f}cd\u{202e}e\u{2028}f\u{e0041}g\u{1b}h 物业";
        let v = serde_json::json!({ "id": text });
        let out = json(&v);
        assert!(
            out.contains(r"ab\u200fcd\u202ee\u2028f\udb40\udc41g\u001bh 物业"),
            "{out}"
        );
        assert!(out.chars().all(|c| !escaped(c) || c == '\n'), "{out:?}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back, v, "tools read the exact text");
    }

    #[test]
    fn it_is_pretty_json() {
        let out = json(&serde_json::json!({"a": [1, 2]}));
        assert_eq!(out, "{\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
    }

    #[test]
    fn a_json_line_is_compact_and_escaped_the_same() {
        let v = serde_json::json!({"a": [1, "x\u{202e}\n"]});
        let mut out = Vec::new();
        write_json_line(&mut out, &v).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"a\":[1,\"x\\u202e\\n\"]}\n"
        );
    }
}
