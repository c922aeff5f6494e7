//! The dates of the `after:` and `before:` facets (and `bulletin search
//! --after/--before`): a year, a month or a day, compared as dates.
//!
//! Accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD`, with `/` or `.` as the
//! separator too (one kind per date), months and days with or without
//! their leading zero, and full-width digits and separators
//! (`２０２１－０６`). A year or a month stands for its first day, so
//! `after:2021-06` keeps June 2021 on and `before:2021-06` what comes
//! before June: `after:2021 before:2022` is the year 2021.

use chrono::NaiveDate;

use crate::lang::Lang;

/// A facet's date that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError {
    /// What was typed, as the user wrote it (`after:yesterday`,
    /// `--before 2021-99-99`).
    pub term: String,
    /// The form is right but the calendar has no such month or day.
    pub unreal: bool,
}

impl DateError {
    /// The message in `lang`, naming the forms that are accepted.
    pub fn text(&self, lang: Lang) -> String {
        let term = short(&self.term);
        // Short enough to show beside the reader's prompt while typing.
        match (lang, self.unreal) {
            (Lang::En, false) => format!("{term}: not a date (YYYY, YYYY-MM or YYYY-MM-DD)"),
            (Lang::En, true) => {
                format!("{term}: no such date (YYYY, YYYY-MM or YYYY-MM-DD)")
            }
            (Lang::Zh, false) => format!("{term}：不是日期（应为 YYYY、YYYY-MM 或 YYYY-MM-DD）"),
            (Lang::Zh, true) => {
                format!("{term}：没有这个日期（应为 YYYY、YYYY-MM 或 YYYY-MM-DD）")
            }
        }
    }
}

/// `term` shortened to 24 characters for a message (ASCII dots: the
/// interface avoids ambiguous-width characters).
fn short(term: &str) -> String {
    let mut s: String = term.chars().take(24).collect();
    if s.len() < term.len() {
        s.push_str("...");
    }
    s
}

/// Why `value` is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotADate {
    /// Not one of the accepted forms.
    Form,
    /// The right form, but no such month or day (`2021-13`, `2021-02-30`).
    Unreal,
}

/// The first day of the year, month or day `value` names.
pub fn first_day(value: &str) -> Result<NaiveDate, NotADate> {
    let folded: String = value.trim().chars().map(half_width).collect();
    let sep = folded.chars().find(|c| !c.is_ascii_digit());
    if sep.is_some_and(|s| !matches!(s, '-' | '/' | '.')) {
        return Err(NotADate::Form);
    }
    let parts: Vec<&str> = match sep {
        Some(s) => folded.split(s).collect(),
        None => vec![folded.as_str()],
    };
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let shaped = match parts.as_slice() {
        [y, rest @ ..] => {
            digits(y, 4..=4) && rest.len() <= 2 && rest.iter().all(|p| digits(p, 1..=2))
        }
        [] => false,
    };
    if !shaped {
        return Err(NotADate::Form);
    }
    let num = |i: usize| parts.get(i).map_or(Ok(1), |p| p.parse::<u32>());
    let (Ok(y), Ok(m), Ok(d)) = (num(0), num(1), num(2)) else {
        return Err(NotADate::Form);
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or(NotADate::Unreal)
}

/// An article's own date (`YYYY-MM-DD`, as the loader checked it);
/// `None` for anything else, which no date facet admits.
pub fn article_date(date: &str) -> Option<NaiveDate> {
    let shaped = date.len() == 10 && date.as_bytes()[4] == b'-' && date.as_bytes()[7] == b'-';
    shaped.then(|| first_day(date).ok()).flatten()
}

/// Full-width digits and separators as ASCII.
fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        '－' => '-',
        '／' => '/',
        '．' => '.',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_accepted_form_names_its_first_day() {
        let june = day(2021, 6, 1);
        for s in [
            "2021-06-01",
            "2021-6-1",
            "2021/06/01",
            "2021/6/1",
            "2021.06.01",
            "2021.6.1",
            "2021-06",
            "2021/6",
            "２０２１－０６－０１",
            "２０２１/６/１",
            "２０２１．０６",
        ] {
            assert_eq!(first_day(s), Ok(june), "{s}");
        }
        assert_eq!(first_day("2021"), Ok(day(2021, 1, 1)));
        assert_eq!(first_day("２０２１"), Ok(day(2021, 1, 1)));
        assert_eq!(first_day("2024-02-29"), Ok(day(2024, 2, 29)));
        assert_eq!(first_day("2021-12-31"), Ok(day(2021, 12, 31)));
    }

    #[test]
    fn anything_else_is_refused() {
        for s in [
            "yesterday",
            "",
            "21",
            "20210",
            "20210601",
            "2021-",
            "2021--06",
            "2021-06-",
            "2021-06/01",
            "2021-006",
            "2021-06-001",
            "2021-06-01-01",
            "2021年6月",
            "2021 06",
            "-2021",
            "+2021",
            "٢٠٢١",
            "2021-0x",
        ] {
            assert_eq!(first_day(s), Err(NotADate::Form), "{s:?}");
        }
        for s in [
            "2021-99-99",
            "2021-13",
            "2021-00",
            "2021-02-29",
            "2021-06-31",
            "2021-6-0",
        ] {
            assert_eq!(first_day(s), Err(NotADate::Unreal), "{s:?}");
        }
    }

    #[test]
    fn article_dates_are_the_loaders_form_only() {
        assert_eq!(article_date("2021-06-01"), Some(day(2021, 6, 1)));
        assert_eq!(article_date("2021/06/01"), None);
        assert_eq!(article_date("2021-6-1"), None);
        assert_eq!(article_date("2021-02-30"), None);
    }

    #[test]
    fn messages_name_the_term_and_the_forms() {
        let e = DateError {
            term: "after:yesterday".into(),
            unreal: false,
        };
        assert!(e.text(Lang::En).starts_with("after:yesterday: not a date"));
        assert!(e.text(Lang::En).contains("YYYY-MM-DD"));
        assert!(e.text(Lang::Zh).contains("不是日期"));
        let long = DateError {
            term: "x".repeat(100),
            unreal: true,
        };
        assert!(
            long.text(Lang::En)
                .starts_with(&format!("{}...:", "x".repeat(24)))
        );
    }
}
