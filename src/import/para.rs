//! Paragraph assembly: when a text line continues the paragraph before it.
//!
//! Rules (also in `docs/import.md`), for a paragraph `P` so far and the
//! next text line `L`:
//! 1. `L` starts with a mark that may not start a line (`，。、”）…`), or
//!    follows with no blank line and starts with a source citation `（《`
//!    -> join.
//! 2. `P` ends a sentence ([`ends_sentence`]), or is a salutation on its
//!    own (`各位代表：`, [`is_salutation`]) -> new paragraph.
//! 3. No blank line between, and `P` ends with clause punctuation, an
//!    opening quote/bracket or a dash -> join.
//! 4. `P` is prose ([`Para::is_prose`]) -> join (this is the page-break
//!    repair when blank lines lie between).
//! 5. Otherwise (a short line without punctuation: a title, a name, a date)
//!    -> new paragraph.
//!
//! Headings, section heads, bylines and captions are never joined: the
//! parser only offers plain text lines here.

use super::lines::{
    ends_sentence, is_clause, is_salutation, is_sentence_end, starts_with_closer,
    wants_continuation,
};

/// A paragraph of at least this many characters counts as prose.
pub const PROSE_MIN_CHARS: usize = 24;

/// A paragraph being assembled from lines.
#[derive(Debug, Clone)]
pub struct Para {
    pub text: String,
    /// 1-based line number of its last line.
    pub last: usize,
    pub lines: usize,
    chars: usize,
    sentence_marks: usize,
    clause_marks: usize,
}

impl Para {
    pub fn new(line: &str, no: usize) -> Self {
        let mut p = Para {
            text: String::new(),
            last: no,
            lines: 0,
            chars: 0,
            sentence_marks: 0,
            clause_marks: 0,
        };
        p.push(line, no);
        p
    }

    /// Appends a line, with a space only between two ASCII words.
    pub fn push(&mut self, line: &str, no: usize) {
        if let (Some(a), Some(b)) = (self.text.chars().last(), line.chars().next())
            && (a.is_ascii_alphanumeric() || ",.;:!?".contains(a))
            && b.is_ascii_alphanumeric()
        {
            self.text.push(' ');
            self.chars += 1;
        }
        self.text.push_str(line);
        for c in line.chars() {
            self.chars += 1;
            self.sentence_marks += usize::from(is_sentence_end(c));
            self.clause_marks += usize::from(is_clause(c));
        }
        self.last = no;
        self.lines += 1;
    }

    /// Prose, not a title-like fragment: at least [`PROSE_MIN_CHARS`]
    /// characters, or a sentence end before its last character, or two
    /// clause marks before its last character.
    pub fn is_prose(&self) -> bool {
        let last = self.text.chars().last();
        let s = self.sentence_marks - last.map_or(0, |c| usize::from(is_sentence_end(c)));
        let c = self.clause_marks - last.map_or(0, |c| usize::from(is_clause(c)));
        self.chars >= PROSE_MIN_CHARS || s >= 1 || c >= 2
    }

    /// Does `line` continue this paragraph? `blank_between`: one or more
    /// blank lines separate them.
    pub fn continues(&self, line: &str, blank_between: bool) -> bool {
        if starts_with_closer(line)
            || (!blank_between && ["（《", "(《"].iter().any(|p| line.starts_with(p)))
        {
            return true;
        }
        if ends_sentence(&self.text) || is_salutation(&self.text) {
            return false;
        }
        if !blank_between && wants_continuation(&self.text) {
            return true;
        }
        self.is_prose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str =
        "在社区环境整治工作中,定期对社区卫生、交通秩序及市场秩序开展巡查,做到及时发现、上报问题、";

    #[test]
    fn page_break_split_is_rejoined() {
        let p = Para::new(LONG, 1);
        assert!(p.continues("解决问题。", true));
        assert!(p.continues("解决问题。", false));
    }

    #[test]
    fn sentence_end_starts_a_new_paragraph() {
        let p = Para::new("社区党总支建立例会制度。", 1);
        assert!(!p.continues("现已集中讨论解决了问题。", true));
        assert!(p.continues("”为了充分认识", true));
        let q = Para::new("帝国主义战争是绝对不可避免的。”", 1);
        assert!(q.continues("（《列宁全集》中文版，第二十二卷）列宁进一步指出：“", false));
        assert!(!q.continues("（《列宁全集》中文版，第二十二卷）列宁进一步指出：“", true));
        assert!(!q.continues("（一）坚持党的领导。党政军民学，东西南北中。", false));
    }

    #[test]
    fn short_title_like_lines_stay_apart() {
        for t in [
            "为夺取新时代中国特色社会主义伟大胜利",
            "（2017年10月18日）",
            "习　近　平",
        ] {
            assert!(!Para::new(t, 1).continues("同志们：", true), "{t}");
        }
        // `：` at the end continues only with no blank line between (a
        // salutation such as `同志们：` never does: see below).
        let p = Para::new("大会的主题是：", 1);
        assert!(!p.continues("不忘初心，牢记使命。", true));
        assert!(p.continues("不忘初心，牢记使命。", false));
    }

    #[test]
    fn a_salutation_is_a_paragraph_of_its_own() {
        let text = "现在，我代表国务院，向大会报告政府工作，请予审议。";
        for s in [
            "各位代表：",
            "同志们：",
            "同志们、朋友们：",
            "尊敬的各位来宾：",
        ] {
            assert!(!Para::new(s, 1).continues(text, false), "{s}");
        }
        // Clause punctuation still continues the line after it.
        for s in [
            "大会的主题是：",
            "一年来，我们主要做了以下工作：",
            "代表们说：",
        ] {
            assert!(Para::new(s, 1).continues(text, false), "{s}");
        }
    }

    #[test]
    fn joins_with_space_only_between_ascii_words() {
        let mut p = Para::new("the quick", 1);
        p.push("brown fox", 2);
        p.push("中文", 3);
        p.push("[", 4);
        p.push("CPC 1", 5);
        assert_eq!(p.text, "the quick brown fox中文[CPC 1");
        assert_eq!((p.last, p.lines), (5, 5));
    }
}
