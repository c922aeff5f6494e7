//! The front matter of a report or speech (a government work report, a
//! congress report), read after its title by `front::read`:
//!
//! ```text
//! 政府工作报告
//! ——2024年3月5日在第十四届全国人民代表大会第二次会议上
//! 国务院总理　李　强
//! 各位代表：
//! ```
//!
//! the occasion line (`——` + date + `在…会议上`, possibly hard-wrapped),
//! or a `——…报告` subtitle and a date line in parentheses; the speaker
//! line; and, in copies that print the title twice (Wikisource), the
//! title again before the subtitle. The salutation (`各位代表：`) is the
//! body's first paragraph (`lines::is_salutation`). Pure.

use super::date::{adoption_date, date_of};
use super::front::{Cursor, FrontMatter, is_number};
use super::lines::{is_han, is_heading, is_salutation};
use super::parse::title_like;
use crate::model::Byline;

/// Lines a hard-wrapped occasion line may continue on.
const OCCASION_WRAPS: usize = 2;
/// The longest line taken as the continuation of an occasion line.
const WRAP_MAX_CHARS: usize = 30;
/// The longest speaker line, in characters.
const SPEAKER_MAX_CHARS: usize = 24;

/// Offices a speaker line names before the name (`国务院总理　李　强`).
const OFFICES: &[&str] = &[
    "总理",
    "主席",
    "书记",
    "委员长",
    "主任",
    "省长",
    "市长",
    "区长",
    "县长",
    "州长",
    "旗长",
    "镇长",
    "乡长",
    "院长",
    "检察长",
    "部长",
    "厅长",
    "局长",
    "秘书长",
];

/// `——2024年3月5日在…会议上`: the date of an occasion line (a `——` line
/// that starts with a date and says where: `在…`).
pub fn occasion_date(line: &str) -> Option<String> {
    let rest = line.trim_start_matches(['—', '-', ' ', '\u{3000}']);
    if rest.len() == line.len() {
        return None;
    }
    let (date, end) = date_of(rest)?;
    let after = rest[end..].trim_start();
    after.starts_with('在').then_some(date).flatten()
}

/// Whether an occasion or `——` subtitle line is complete: it ends where
/// such lines end (`…会议上`, `…上的报告`, `…讲话`).
fn occasion_complete(line: &str) -> bool {
    ["上", "报告", "讲话", "发言", "致辞", "说明"]
        .iter()
        .any(|end| line.ends_with(end))
}

/// A line that may be the title again, or the rest of a wrapped line:
/// short, no sentence, none of the other front matter.
fn plain_line(l: &str) -> bool {
    title_like(l)
        && !is_heading(l)
        && !is_number(l)
        && !is_salutation(l)
        && adoption_date(l).is_none()
        && !l.starts_with(['—', '（', '('])
}

/// The title printed again (one or two lines) before the subtitle or the
/// date line: kept as the body's first paragraphs, not lost.
pub(super) fn read_restated(at: &mut Cursor, first: usize, fm: &mut FrontMatter) {
    let mut ahead = at.clone();
    let mut lines = Vec::new();
    while lines.len() < 2 {
        match ahead.take_if(|l| plain_line(l) && speaker(l).is_none()) {
            Some((i, l)) => lines.push((first + i, l.to_string())),
            None => break,
        }
    }
    let next = ahead.peek().map_or("", |(_, l)| l);
    if !lines.is_empty() && (next.starts_with('—') || adoption_date(next).is_some()) {
        fm.restated = lines;
        *at = ahead;
    }
}

/// A `——` subtitle, joined with the lines it was wrapped onto; an
/// occasion line's date.
pub(super) fn read_subtitle(at: &mut Cursor, first: usize, fm: &mut FrontMatter) {
    let Some((i, l)) = at.take_if(|l| l.starts_with('—') && title_like(l)) else {
        return;
    };
    let mut text = l.to_string();
    for _ in 0..OCCASION_WRAPS {
        if occasion_complete(&text) {
            break;
        }
        let wrapped =
            |l: &str| plain_line(l) && speaker(l).is_none() && l.chars().count() <= WRAP_MAX_CHARS;
        match at.take_if(wrapped) {
            Some((_, more)) => text.push_str(more),
            None => break,
        }
    }
    fm.occasion = occasion_date(&text);
    fm.subtitle = Some((first + i, text));
}

/// The speaker line after the occasion or date line.
pub(super) fn read_speaker(at: &mut Cursor, first: usize, fm: &mut FrontMatter) {
    if fm.occasion.is_none() && fm.adopted.is_none() {
        return;
    }
    if let Some((i, l)) = at.take_if(|l| speaker(l).is_some()) {
        fm.speaker = speaker(l).map(|b| (first + i, b));
    }
}

/// `国务院总理　李　强`, `国务院总理 李强`, `国务院总理李强`, `习　近　平`:
/// an office and a name (2 to 4 Han characters, spaced out or not), or a
/// name of 3 or 4 characters spaced out on its own. The name is given
/// without the spaces that only set it out.
pub fn speaker(line: &str) -> Option<Byline> {
    let n = line.chars().count();
    let han_or_space = |c: char| is_han(c) || c.is_whitespace() || c == '·';
    if n > SPEAKER_MAX_CHARS || !line.chars().all(han_or_space) || is_heading(line) {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let singles = words.iter().rev().take_while(|w| w.chars().count() == 1);
    let spaced = singles.count();
    let (role, name) = if spaced >= 2 {
        let cut = words.len() - spaced;
        (words[..cut].concat(), words[cut..].concat())
    } else if let [role @ .., name] = &words[..]
        && !role.is_empty()
    {
        (role.concat(), name.to_string())
    } else {
        office_then_name(words.first()?)?
    };
    let office = OFFICES.iter().any(|o| role.ends_with(o));
    let name_len = name.chars().count();
    let alone = role.is_empty() && spaced >= 3;
    ((2..=4).contains(&name_len) && (office || alone)).then_some(Byline { role, name })
}

/// `国务院总理李强` → (`国务院总理`, `李强`).
fn office_then_name(word: &str) -> Option<(String, String)> {
    OFFICES.iter().find_map(|o| {
        let at = word.rfind(o)? + o.len();
        let (role, name) = word.split_at(at);
        (!name.is_empty()).then(|| (role.to_string(), name.to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(role: &str, name: &str) -> Option<Byline> {
        Some(Byline {
            role: role.into(),
            name: name.into(),
        })
    }

    #[test]
    fn speaker_lines() {
        assert_eq!(speaker("国务院总理　李　强"), b("国务院总理", "李强"));
        assert_eq!(speaker("国务院总理 李强"), b("国务院总理", "李强"));
        assert_eq!(speaker("国务院总理李强"), b("国务院总理", "李强"));
        assert_eq!(speaker("郑州市市长　王　明"), b("郑州市市长", "王明"));
        assert_eq!(speaker("习　近　平"), b("", "习近平"));
        for not in [
            "目　录",
            "李　强",
            "第一编 总则",
            "政府工作报告",
            "各位代表",
            "国务院总理",
            "总理说，要稳增长",
        ] {
            assert_eq!(speaker(not), None, "{not}");
        }
    }

    #[test]
    fn occasion_lines() {
        assert_eq!(
            occasion_date("——2024年3月5日在第十四届全国人民代表大会第二次会议上").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            occasion_date("—— ２０２４年３月５日 在会议上").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(
            occasion_date("——在中国共产党第十九次全国代表大会上的报告"),
            None
        );
        assert_eq!(occasion_date("2024年3月5日在会议上"), None, "no dash");
        assert_eq!(occasion_date("——记2024年3月5日的一次会议"), None);
        assert!(occasion_complete(
            "——在中国共产党第十九次全国代表大会上的报告"
        ));
        assert!(!occasion_complete(
            "——2024年1月16日在郑州市第十六届人民代表大会第四次"
        ));
    }
}
