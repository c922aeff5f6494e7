//! The front matter of an official document (公文) at the top of a text:
//! the issuing body (`国务院文件`, `中原区人民政府`), the document number
//! (`国发〔2023〕1号`), the title (possibly split over two lines), a
//! `——` subtitle, and the adoption or date line in parentheses
//! (`（2020年5月28日第十三届全国人民代表大会第三次会议通过）`); for a report
//! or speech also the occasion line, the speaker and a restated title
//! (`speech`). It goes into the article's title, subtitle, date, bylines
//! and source instead of being glued into the first paragraph. Pure: one
//! look at the first lines.

use std::sync::LazyLock;

use regex::Regex;

pub use super::date::adoption_date;
use super::lines::{is_han, is_heading};
use super::parse::{infer_district, title_like};
use super::report::{Event, Front};
use super::speech::{read_restated, read_speaker, read_subtitle};
use super::{ImportError, ImportOptions};
use crate::model::Byline;

/// What the top of a text said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    /// The title, its lines joined.
    pub title: String,
    /// The (1-based) line numbers of the title's lines.
    pub title_lines: Vec<usize>,
    /// The `——` subtitle (its lines joined when it was wrapped).
    pub subtitle: Option<(usize, String)>,
    /// The date of an occasion subtitle (`——2024年3月5日在…会议上`).
    pub occasion: Option<String>,
    /// The title printed again before the subtitle: body paragraphs.
    pub restated: Vec<(usize, String)>,
    /// Who gave the report (`国务院总理　李　强`).
    pub speaker: Option<(usize, Byline)>,
    pub issuer: Option<(usize, String)>,
    pub number: Option<(usize, String)>,
    /// The line in parentheses, and its date as `YYYY-MM-DD`.
    pub adopted: Option<(usize, String, Option<String>)>,
    /// How many of the lines given it used (blank lines included).
    pub used: usize,
}

impl FrontMatter {
    /// The document's date: its adoption or date line's, else its
    /// occasion's.
    pub fn date(&self) -> Option<String> {
        let adopted = self.adopted.as_ref().and_then(|(_, _, d)| d.clone());
        adopted.or_else(|| self.occasion.clone())
    }
}

impl FrontMatter {
    /// The source it gives: the issuing body and the number.
    pub fn source(&self) -> Option<String> {
        let number = self.number.as_ref().map(|(_, t)| t.as_str());
        let parts: Vec<&str> = [self.issuer_name(), number].into_iter().flatten().collect();
        (!parts.is_empty()).then(|| parts.join(" "))
    }

    /// The issuing body without a trailing `文件`.
    pub fn issuer_name(&self) -> Option<&str> {
        let (_, issuer) = self.issuer.as_ref()?;
        Some(issuer.strip_suffix("文件").unwrap_or(issuer))
    }
}

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Han}{1,12}\s*[〔\[［【(（]\s*[0-9０-９]{4}\s*[〕\]］】)）]\s*[0-9０-９]{1,5}\s*号$",
    )
    .expect("document number regex")
});

/// Names of issuing bodies end like this (after an optional `文件`).
const ORGANS: &[&str] = &[
    "人民代表大会常务委员会",
    "人民政府办公厅",
    "人民政府办公室",
    "人民政府",
    "委员会",
    "办公厅",
    "办公室",
    "国务院",
    "中共中央",
    "人民法院",
    "人民检察院",
];

/// `国发〔2023〕1号`: a document number line.
pub fn is_number(line: &str) -> bool {
    NUMBER.is_match(line)
}

/// `国务院文件`, `中原区人民政府`: an issuing body's line.
pub fn is_issuer(line: &str) -> bool {
    let name = line.strip_suffix("文件").unwrap_or(line);
    let n = name.chars().count();
    (2..=30).contains(&n)
        && name.chars().all(|c| is_han(c) || c == '、')
        && (line.ends_with("文件") || ORGANS.iter().any(|o| name.ends_with(o)))
}

/// Reads the front matter from the first lines of a text (`lines[i]` is
/// line `first + i`, trimmed). `None` unless it is an official
/// document's: a number, an issuing body or an adoption line besides the
/// title (a bulletin's lead title alone is left to the usual rules).
pub fn read(lines: &[String], first: usize) -> Option<FrontMatter> {
    let mut fm = FrontMatter::default();
    let mut at = Cursor { lines, i: 0 };
    let line = |i: usize, l: &str| (first + i, l.to_string());
    if let Some((i, l)) = at.take_if(is_issuer) {
        fm.issuer = Some(line(i, l));
    }
    if let Some((i, l)) = at.take_if(is_number) {
        fm.number = Some(line(i, l));
    }
    read_title(&mut at, first, &mut fm)?;
    read_restated(&mut at, first, &mut fm);
    read_subtitle(&mut at, first, &mut fm);
    if let Some((i, l)) = at.take_if(|l| adoption_date(l).is_some()) {
        let date = adoption_date(l).flatten();
        fm.adopted = Some((first + i, l.to_string(), date));
    }
    read_speaker(&mut at, first, &mut fm);
    if fm.number.is_none() {
        // `国务院关于…的通知` then `国发〔2023〕1号`.
        fm.number_after(&mut at, first);
    }
    let official =
        fm.number.is_some() || fm.issuer.is_some() || fm.adopted.is_some() || fm.occasion.is_some();
    fm.used = at.i;
    official.then_some(fm)
}

impl FrontMatter {
    fn number_after(&mut self, at: &mut Cursor, first: usize) {
        if let Some((i, l)) = at.take_if(is_number) {
            self.number = Some((first + i, l.to_string()));
        }
    }
}

/// One or two title lines: the second joins the first when the line
/// after them is part of the front matter (or the first is unfinished).
fn read_title(at: &mut Cursor, first: usize, fm: &mut FrontMatter) -> Option<()> {
    let title_line = |l: &str| {
        title_like(l)
            && !is_heading(l)
            && !is_number(l)
            && adoption_date(l).is_none()
            && !l.starts_with(['—', '（', '('])
    };
    let (i, one) = at.take_if(title_line)?;
    fm.title_lines.push(first + i);
    let mut title = one.to_string();
    if let Some((i, two)) = at.peek().filter(|(_, l)| title_line(l)) {
        let mut after = Cursor {
            lines: at.lines,
            i: i + 1,
        };
        let next = after.peek().map_or("", |(_, l)| l);
        // The front matter goes on, or the addressee (`各省、…人民政府：`).
        let closes = adoption_date(next).is_some()
            || is_number(next)
            || next.starts_with('—')
            || next.ends_with(['：', ':']);
        // `2024年政府工作报告（全文）` then `政府工作报告`: the title again.
        if (closes || unfinished(one)) && !one.contains(two) {
            fm.title_lines.push(first + i);
            title = join(&title, two);
            at.next();
        }
    }
    fm.title = title;
    Some(())
}

/// A title line that cannot end there (`关于进一步加强…的`).
fn unfinished(line: &str) -> bool {
    line.ends_with(['的', '和', '及', '与', '、', '之']) || line.ends_with("关于")
}

/// Two title lines as one: no space between Chinese characters.
fn join(a: &str, b: &str) -> String {
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    match ascii(a.chars().last()) && ascii(b.chars().next()) {
        true => format!("{a} {b}"),
        false => format!("{a}{b}"),
    }
}

/// The non-blank lines, in order, with where we are.
#[derive(Clone)]
pub(super) struct Cursor<'a> {
    lines: &'a [String],
    i: usize,
}

impl<'a> Cursor<'a> {
    /// The next non-blank line and its index (moving past blank ones).
    pub(super) fn peek(&mut self) -> Option<(usize, &'a str)> {
        while self.lines.get(self.i).is_some_and(|l| l.is_empty()) {
            self.i += 1;
        }
        self.lines.get(self.i).map(|l| (self.i, l.as_str()))
    }

    /// The next non-blank line if it is `wanted`, taken.
    pub(super) fn take_if(&mut self, wanted: impl Fn(&str) -> bool) -> Option<(usize, &'a str)> {
        let found = self.peek().filter(|(_, l)| wanted(l))?;
        self.next();
        Some(found)
    }

    fn next(&mut self) {
        self.i += 1;
    }
}

/// What the dry run says of the front matter, in line order.
pub(super) fn front_events(f: &FrontMatter) -> Vec<Event> {
    let mut events = Vec::new();
    let mut add = |what: Front, line: usize, text: &str| {
        events.push(Event::Front {
            what,
            line,
            text: text.to_string(),
        })
    };
    if let Some((line, text)) = &f.issuer {
        add(Front::Issuer, *line, text);
    }
    if let Some((line, text)) = &f.number {
        add(Front::Number, *line, text);
    }
    if let [first, .., last] = f.title_lines[..] {
        add(Front::TitleLines, first, &format!("{first}+{last}"));
    }
    if let Some((line, text)) = &f.subtitle {
        add(Front::Subtitle, *line, text);
    }
    if let Some((line, text, _)) = &f.adopted {
        add(Front::Adopted, *line, text);
    }
    if let Some((line, b)) = &f.speaker {
        add(Front::Speaker, *line, &b.display());
    }
    events.sort_by_key(|e| match e {
        Event::Front { line, .. } => *line,
        _ => 0,
    });
    events
}

impl FrontMatter {
    /// The district of the document: `--district`, else from the title
    /// (`中原区：…`) or the issuing body (`中原区人民政府`), else the
    /// previous bulletin's.
    pub(super) fn district(
        &self,
        opts: &ImportOptions,
        fallback: Option<String>,
    ) -> Result<String, ImportError> {
        (opts.district.clone())
            .or_else(|| infer_district(&self.title))
            .or_else(|| self.issuer_name().and_then(district_of_body))
            .or(fallback)
            .ok_or(ImportError::NoDistrict)
    }
}

/// `郑州市中原区人民政府` → `中原区`: the district an issuing body
/// belongs to (the last of its places: after any province or city).
fn district_of_body(body: &str) -> Option<String> {
    let end = body.rfind(['区', '县', '市', '旗'])? + '区'.len_utf8();
    let places = &body[..end];
    let start = places[..places.len() - '区'.len_utf8()]
        .rfind(['省', '市', '州'])
        .map_or(0, |i| i + '市'.len_utf8());
    let name = &places[start..];
    let n = name.chars().count();
    ((2..=10).contains(&n) && end < body.len()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(|l| l.trim().to_string()).collect()
    }

    #[test]
    fn a_law_with_its_adoption_line() {
        let text = "中华人民共和国民法典\n（2020年5月28日第十三届全国人民代表大会第三次会议通过）\n第一编 总则\n";
        let fm = read(&lines(text), 1).unwrap();
        assert_eq!(fm.title, "中华人民共和国民法典");
        let (line, _, date) = fm.adopted.clone().unwrap();
        assert_eq!((line, date.as_deref()), (2, Some("2020-05-28")));
        assert_eq!(fm.used, 2);
    }

    #[test]
    fn a_notice_with_body_number_and_a_title_in_two_lines() {
        let text = "国务院文件\n\n国发〔2023〕1号\n\n国务院关于进一步优化政务服务\n提升行政效能的通知\n\n各省、自治区、直辖市人民政府：\n";
        let fm = read(&lines(text), 1).unwrap();
        assert_eq!(fm.title, "国务院关于进一步优化政务服务提升行政效能的通知");
        assert_eq!(fm.title_lines, [5, 6]);
        assert_eq!(fm.source().as_deref(), Some("国务院 国发〔2023〕1号"));
        assert_eq!(fm.issuer_name(), Some("国务院"));
        assert_eq!(fm.used, 7, "the blank line after it too");
    }

    #[test]
    fn a_lead_title_alone_is_not_front_matter() {
        let text = "中原区：老旧小区改造提速 群众幸福感提升\n\n今年以来，……\n";
        assert_eq!(read(&lines(text), 1), None);
    }

    #[test]
    fn dates_in_chinese_numerals() {
        assert_eq!(
            adoption_date("（一九六九年四月一日报告，四月十四日通过）"),
            Some(Some("1969-04-01".into()))
        );
        assert_eq!(
            adoption_date("（2017年10月18日）"),
            Some(Some("2017-10-18".into()))
        );
        assert_eq!(
            adoption_date("（二〇二〇年十二月二十八日）"),
            Some(Some("2020-12-28".into()))
        );
        assert_eq!(adoption_date("（2023年2月30日）"), Some(None));
        assert_eq!(adoption_date("（一）总体要求"), None);
        assert!(is_number("国发〔2023〕1号") && is_number("郑政〔2021〕12号"));
        assert!(!is_number("国发2023年1号文件精神"));
        assert!(is_issuer("中原区人民政府") && is_issuer("国务院办公厅文件"));
        assert!(!is_issuer("社区开展活动"));
    }

    #[test]
    fn districts_of_issuing_bodies() {
        let d = |b| district_of_body(b);
        assert_eq!(d("郑州市中原区人民政府").as_deref(), Some("中原区"));
        assert_eq!(d("中原区人民政府办公室").as_deref(), Some("中原区"));
        assert_eq!(d("登封市人民政府").as_deref(), Some("登封市"));
        assert_eq!(d("国务院"), None);
    }
}
