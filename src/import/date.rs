//! Dates in an official document's front matter: `（2020年5月28日…通过）`,
//! `（一九六九年四月一日报告）`, `——2024年3月5日在…`. Digits ASCII or
//! full-width, or Chinese numerals. Pure.

use std::sync::LazyLock;

use regex::Regex;

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let n = "[0-9０-９〇零一二三四五六七八九十]";
    Regex::new(&format!(
        r"({n}{{4}})\s*年\s*({n}{{1,3}})\s*月\s*({n}{{1,3}})\s*日"
    ))
    .expect("date regex")
});

/// A line in parentheses holding a date: the date, if it has one.
pub fn adoption_date(line: &str) -> Option<Option<String>> {
    let inner = line.strip_prefix(['（', '('])?.strip_suffix(['）', ')'])?;
    if inner.chars().count() > 80 || inner.contains(['（', '(']) {
        return None;
    }
    date_in(inner)
}

/// The first date in `s`, as `YYYY-MM-DD` (`None` inside when it is no
/// calendar date).
fn date_in(s: &str) -> Option<Option<String>> {
    let caps = DATE.captures(s)?;
    let year = number(&caps[1], true)?;
    let (month, day) = (number(&caps[2], false)?, number(&caps[3], false)?);
    let date = chrono::NaiveDate::from_ymd_opt(year as i32, month, day);
    Some(date.map(|d| d.format("%Y-%m-%d").to_string()))
}

/// A date at the very start of `s`: the date (if a calendar one) and the
/// byte offset where it ends.
pub(super) fn date_of(s: &str) -> Option<(Option<String>, usize)> {
    let end = DATE.find(s).filter(|m| m.start() == 0)?.end();
    Some((date_in(&s[..end])?, end))
}

/// A number written in digits (ASCII or full-width) or Chinese numerals:
/// a year digit by digit (`二〇二〇`), a month or day as counted (`二十八`).
fn number(s: &str, year: bool) -> Option<u32> {
    let digit = |c: char| match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        '〇' | '零' => Some(0),
        _ => "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32 + 1),
    };
    if year || !s.contains('十') {
        return s.chars().try_fold(0, |n, c| Some(n * 10 + digit(c)?));
    }
    let (tens, ones) = s.split_once('十')?;
    let tens = if tens.is_empty() {
        1
    } else {
        digit(tens.chars().next()?)?
    };
    let ones = if ones.is_empty() {
        0
    } else {
        digit(ones.chars().next()?)?
    };
    Some(tens * 10 + ones)
}
