//! Line-level recognisers: what a single line of a plain-text bulletin is.
//!
//! Every function here is pure and looks at one trimmed line. The rules are
//! documented in `docs/import.md`; keep the two in step.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Byline;

/// Marks that end a sentence (after any closing quotes or brackets).
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '…', '.', '．'];
/// Closing quotes and brackets that may follow a sentence end.
const CLOSERS: &[char] = &[
    '”', '’', '」', '』', '）', ')', '》', '】', '〕', '〉', '"', '\'',
];
/// Clause punctuation: a line ending in one of these continues.
pub(crate) const CLAUSE: &[char] = &['，', '、', '；', '：', ',', ';', ':'];
/// Opening quotes and brackets: a line ending in one of these continues.
const OPENERS: &[char] = &['“', '‘', '「', '『', '（', '(', '《', '【', '〔', '〈', '['];
/// Marks that may never start a line (CLREQ); a line starting with one
/// continues the previous line whatever that line ends with.
const NO_LINE_START: &[char] = &[
    '、', '，', '。', '．', '：', '；', '！', '？', '）', '】', '》', '〉', '」', '』', '〕', '”',
    '’', '·', '…', ',', ';', ':', '!', '?', ')', ']',
];

/// Byline roles, longest first so `本报记者` wins over `记者`.
const ROLES: &[&str] = &[
    "本报特约记者",
    "本报通讯员",
    "融媒体记者",
    "特约通讯员",
    "本报记者",
    "特约记者",
    "实习记者",
    "见习记者",
    "首席记者",
    "摄影记者",
    "通讯员",
    "实习生",
    "记者",
    "撰稿",
    "摄影",
];

/// Suffixes that make a name a subdistrict (街道, 镇, 乡, 社区 …).
const SUBDISTRICT_SUFFIXES: &[&str] =
    &["街道办事处", "街道办", "办事处", "街道", "社区", "镇", "乡"];

/// The longest heading, in characters.
pub const HEADING_MAX_CHARS: usize = 40;
/// The longest subdistrict section title, in characters.
pub const SECTION_TITLE_MAX_CHARS: usize = 50;
/// The longest line taken as a title at the top of a bulletin.
pub const TITLE_MAX_CHARS: usize = 60;

fn roles_alternation() -> String {
    ROLES.join("|")
}

static NAME: &str = r"[\p{Han}·]{2,6}";

static CREDIT: LazyLock<String> = LazyLock::new(|| {
    format!(
        r"(?:(?:{r})\s*)?{n}(?:\s+{n})*\s*(?:摄影|摄|图)",
        r = roles_alternation(),
        n = NAME
    )
});

static CAPTION_RE: LazyLock<Regex> = LazyLock::new(|| {
    let c = &*CREDIT;
    Regex::new(&format!(
        r"^(?P<text>.*?\S)(?:\s+(?P<credit>{c})|\s*[（(](?P<pcredit>{c})[）)])$"
    ))
    .expect("caption regex")
});

static CREDIT_ONLY_RE: LazyLock<Regex> = LazyLock::new(|| {
    let c = &*CREDIT;
    Regex::new(&format!(
        r"^(?:(?P<credit>{c})|[（(](?P<pcredit>{c})[）)])$"
    ))
    .expect("credit")
});

static HEADING_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"^(?:[一二三四五六七八九十百零〇两]+、",
        r"|[（(][一二三四五六七八九十百零〇]+[）)]",
        r"|[（(][0-9０-９]{1,2}[）)]",
        r"|[0-9０-９]{1,2}(?:[.．](?:[^0-9０-９]|$)|、)",
        r"|[①-⑳]",
        r"|第[一二三四五六七八九十百零〇0-9０-９]+[章节篇编部])"
    ))
    .expect("heading regex")
});

static MARKER_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[=＝]{3,}(?:\s*(?P<label>[^=＝\s](?:.*[^=＝\s])?)\s*[=＝]{3,})?$")
        .expect("marker regex")
});

/// Does this text end a sentence? Trailing closing quotes and brackets are
/// looked through: `…幸福感。”` ends one, `“快进键”` does not.
/// A trailing parenthetical is looked through too: `…者。”（《列宁全集》，第六页）`
/// ends one (the citation follows the sentence end).
pub fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    if t.trim_end_matches(CLOSERS).ends_with(SENTENCE_END) {
        return true;
    }
    match t
        .strip_suffix(['）', ')'])
        .and_then(|t| t.rfind(['（', '(']))
    {
        Some(open) => t[..open].trim_end_matches(CLOSERS).ends_with(SENTENCE_END),
        None => false,
    }
}

/// Does this text end with clause punctuation, an opening bracket/quote or a
/// dash, so that the next adjacent line must continue it?
pub fn wants_continuation(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(CLAUSE) || t.ends_with(OPENERS) || t.ends_with('—')
}

/// Does this line start with a mark that may not start a line?
pub fn starts_with_closer(s: &str) -> bool {
    s.starts_with(NO_LINE_START)
}

/// Is `c` a sentence-ending mark?
pub fn is_sentence_end(c: char) -> bool {
    SENTENCE_END.contains(&c)
}

/// Is `c` clause punctuation?
pub fn is_clause(c: char) -> bool {
    CLAUSE.contains(&c)
}

/// A line made only of `===` (three or more `=` or `＝`), optionally
/// `=== LABEL ===`: the boundary between bulletins in one file. Returns the
/// label (possibly empty).
pub fn marker_label(line: &str) -> Option<&str> {
    let caps = MARKER_RE.captures(line)?;
    Some(caps.name("label").map_or("", |m| m.as_str()))
}

/// A numbered heading: `一、` `（一）` `(1)` `1.` `1、` `①` `第一章` at the start, at
/// most [`HEADING_MAX_CHARS`] characters, no sentence-ending mark after the
/// number
/// and not ending in clause punctuation (which would make it prose).
pub fn is_heading(line: &str) -> bool {
    HEADING_RE
        .find(line)
        .is_some_and(|m| !line[m.end()..].contains(SENTENCE_END))
        && line.chars().count() <= HEADING_MAX_CHARS
        && !wants_continuation(line)
}

/// A form of address on a line of its own, opening a speech or a report:
/// `各位代表：`, `同志们：`, `同志们、朋友们：`, `尊敬的各位来宾：`. It is a
/// paragraph by itself even when the text follows on the next line.
pub fn is_salutation(line: &str) -> bool {
    let Some(words) = line.strip_suffix(['：', ':', '！', '!']) else {
        return false;
    };
    let address = |w: &str| {
        (2..=8).contains(&w.chars().count())
            && w.chars().all(is_han)
            && (w.starts_with("各位") || w.starts_with("尊敬的") || w.ends_with('们'))
    };
    let mut parts = words
        .split(['、', '，', ',', ' ', '\u{3000}'])
        .filter(|p| !p.is_empty());
    words.chars().count() <= 16 && parts.clone().next().is_some() && parts.all(address)
}

/// Is `name` a subdistrict: listed in `known`, or all Han (2–12 characters)
/// and ending in one of the subdistrict suffixes?
pub fn is_subdistrict_name(name: &str, known: &[String]) -> bool {
    if known.iter().any(|k| k == name) {
        return true;
    }
    let n = name.chars().count();
    (2..=12).contains(&n)
        && name.chars().all(is_han)
        && SUBDISTRICT_SUFFIXES
            .iter()
            .any(|s| name.ends_with(s) && name.chars().count() > s.chars().count())
}

/// A subdistrict section head: `桐柏路街道 支部联建聚合力 党建引领促提升` ->
/// (`桐柏路街道`, `支部联建聚合力 党建引领促提升`). The name and the title are
/// separated by whitespace; the title is at most
/// [`SECTION_TITLE_MAX_CHARS`] characters and contains no sentence end.
pub fn section_head<'a>(line: &'a str, known: &[String]) -> Option<(&'a str, &'a str)> {
    let (name, rest) = line.split_once(char::is_whitespace)?;
    let title = rest.trim();
    if title.is_empty()
        || title.chars().count() > SECTION_TITLE_MAX_CHARS
        || title.contains(SENTENCE_END)
        || wants_continuation(title)
        || !is_subdistrict_name(name, known)
    {
        return None;
    }
    Some((name, title))
}

/// A byline line: one or more `ROLE NAME…` groups, e.g. `记者 张改华`,
/// `本报记者 张三 李四`, `记者 张三 通讯员 李四`, `记者张三`. Names (see
/// `is_name`) are separated by whitespace or `、`.
pub fn bylines(line: &str) -> Option<Vec<Byline>> {
    if line.split('、').any(|p| p.trim().is_empty()) {
        return None; // `、` only ever between two names
    }
    let mut out = Vec::new();
    let mut role: Option<&str> = None;
    let mut role_named = true;
    let tokens = line
        .split(|c: char| c.is_whitespace() || c == '、')
        .filter(|t| !t.is_empty());
    for tok in tokens {
        let name = match ROLES.iter().find(|r| tok.starts_with(**r)) {
            Some(r) if role_named => {
                role = Some(r);
                role_named = false;
                &tok[r.len()..]
            }
            Some(_) => return None, // a role with no name
            None => tok,
        };
        if name.is_empty() {
            continue;
        }
        if !is_name(name) {
            return None;
        }
        out.push(Byline {
            role: role?.to_string(),
            name: name.to_string(),
        });
        role_named = true;
    }
    (role_named && !out.is_empty()).then_some(out)
}

/// A personal name: 2–4 Han characters, or up to 10 with a middle dot
/// (`阿卜杜·热合曼`).
fn is_name(s: &str) -> bool {
    let n = s.chars().count();
    let max = if s.contains('·') { 10 } else { 4 };
    (2..=max).contains(&n) && s.chars().all(|c| is_han(c) || c == '·')
}

/// A photo caption ending in a credit: `… 通讯员 王蒙 图` -> (`…`,
/// `通讯员 王蒙 图`); also `… 张三 摄` and `… （记者 张三 摄）`.
pub fn caption(line: &str) -> Option<(&str, &str)> {
    let caps = CAPTION_RE.captures(line)?;
    let credit = caps.name("credit").or_else(|| caps.name("pcredit"))?;
    Some((caps.name("text")?.as_str(), credit.as_str()))
}

/// A line that is only a photo credit (`通讯员 王蒙 图`, `张三 摄`).
pub fn credit_only(line: &str) -> Option<&str> {
    let caps = CREDIT_ONLY_RE.captures(line)?;
    Some(
        caps.name("credit")
            .or_else(|| caps.name("pcredit"))?
            .as_str(),
    )
}

/// Han ideographs (CJK Unified Ideographs, extension A, compatibility).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3134f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("实现优势互补。"));
        assert!(ends_sentence("他说：“好。”"));
        assert!(ends_sentence(
            "才是马克思主义者。”（《列宁全集》中文版，第三百九十九页）"
        ));
        assert!(!ends_sentence("（2017年10月18日）"));
        assert!(!ends_sentence("村(社区)"));
        assert!(!ends_sentence("按下基层党建重点工作“快进键”"));
        assert!(!ends_sentence("上报问题、"));
        assert!(!ends_sentence("须水街道办"));
        assert!(wants_continuation("大会的主题是："));
        assert!(wants_continuation("毛主席指出：“"));
        assert!(!wants_continuation("须水街道办"));
    }

    #[test]
    fn headings() {
        for h in [
            "一、关于无产阶级文化大革命的准备",
            "（一）总体要求",
            "(3)分工",
            "1. 目标",
            "2、任务",
            "第一章 总则",
            "①工会学校",
        ] {
            assert!(is_heading(h), "{h}");
        }
        for p in [
            "1.5亿元用于改造。",
            "2021年以来，街道开展活动",
            "（一）坚持党对一切工作的领导。党政军民学，东西南北中，党是领导一切的。",
            "一、二两项任务已完成，",
            "十分重要的大会",
            "①我们成立了学校。",
        ] {
            assert!(!is_heading(p), "{p}");
        }
    }

    #[test]
    fn sections() {
        let none: &[String] = &[];
        assert_eq!(
            section_head("桐柏路街道 支部联建聚合力 党建引领促提升", none),
            Some(("桐柏路街道", "支部联建聚合力 党建引领促提升"))
        );
        assert_eq!(
            section_head("棉纺路街道结合自身情况,通过成立业委会", none),
            None
        );
        assert_eq!(section_head("街道 工作", none), None);
        assert_eq!(section_head("高新区 创新发展", none), None);
        let known = vec!["高新区".to_string()];
        assert_eq!(
            section_head("高新区 创新发展", &known),
            Some(("高新区", "创新发展"))
        );
        assert_eq!(section_head("须水镇 他来了。然后走了", none), None);
    }

    #[test]
    fn byline_lines() {
        let b = bylines("记者 张改华").unwrap();
        assert_eq!((b[0].role.as_str(), b[0].name.as_str()), ("记者", "张改华"));
        let b = bylines("本报记者 张三 通讯员 李四、王五").unwrap();
        assert_eq!(bylines("记者张改华").unwrap()[0].name, "张改华");
        let got: Vec<String> = b.iter().map(Byline::display).collect();
        assert_eq!(got, ["本报记者 张三", "通讯员 李四", "通讯员 王五"]);
        assert_eq!(bylines("记者节到了，大家好").map(|v| v.len()), None);
        assert_eq!(bylines("记者 张三 通讯员").map(|v| v.len()), None);
        assert_eq!(bylines("张三 李四").map(|v| v.len()), None);
        assert_eq!(bylines("记者 张三、").map(|v| v.len()), None);
    }

    #[test]
    fn captions_and_credits() {
        assert_eq!(
            caption("桐柏路街道开展活动,切实提升居民幸福感。 通讯员 王蒙 图"),
            Some(("桐柏路街道开展活动,切实提升居民幸福感。", "通讯员 王蒙 图"))
        );
        assert_eq!(
            caption("图为活动现场 张三 摄"),
            Some(("图为活动现场", "张三 摄"))
        );
        assert_eq!(
            caption("图为现场（记者 张三 摄）"),
            Some(("图为现场", "记者 张三 摄"))
        );
        assert_eq!(
            caption("图为现场 （记者 张三 摄）"),
            Some(("图为现场", "记者 张三 摄"))
        );
        assert_eq!(caption("他们描绘了未来的宏伟蓝图"), None);
        assert_eq!(credit_only("通讯员 王蒙 图"), Some("通讯员 王蒙 图"));
        assert_eq!(credit_only("居民 幸福"), None);
    }

    #[test]
    fn markers() {
        assert_eq!(marker_label("==="), Some(""));
        assert_eq!(marker_label("=== 第2期 ==="), Some("第2期"));
        assert_eq!(marker_label("== x"), None);
        assert_eq!(marker_label("a === b"), None);
    }
}
