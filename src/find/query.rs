//! What the user typed into the archive search: the text to find (the
//! in-article search's own [`Query`]) and facets that narrow the articles:
//! `subdistrict:NAME`, `district:NAME`, `after:DATE`, `before:DATE`
//! (the dates' forms and meaning: [`super::date`]).

use chrono::NaiveDate;

use super::date::{DateError, NotADate, article_date, first_day};
use crate::lang::Lang;
use crate::model::ArticleMeta;
use crate::text::search::{Query, QueryError, fold_key};

/// The facet names, as typed (a full-width colon `：` works too).
pub const FACETS: [&str; 4] = ["subdistrict", "district", "after", "before"];

/// Which articles a search looks in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Folded names (see [`fold_key`]); an article matches by containing it.
    pub subdistrict: Option<String>,
    pub district: Option<String>,
    /// The first day of the year, month or day typed (`2020`, `2020-05`,
    /// `2020-05-01`): `after` keeps articles dated on or after it, `before`
    /// those dated before it. Articles without a date are left out when
    /// either is set.
    pub after: Option<NaiveDate>,
    pub before: Option<NaiveDate>,
}

impl Facets {
    /// Whether article `a` is in scope.
    pub fn admits(&self, a: &ArticleMeta) -> bool {
        let has = |want: &Option<String>, field: Option<&str>| match want {
            None => true,
            Some(w) => field.is_some_and(|f| fold_key(f).contains(w.as_str())),
        };
        has(&self.subdistrict, a.subdistrict.as_deref())
            && has(&self.district, Some(&a.district))
            && (!self.has_dates() || self.admits_date(a.date.as_deref()))
    }

    fn admits_date(&self, date: Option<&str>) -> bool {
        let Some(x) = date.and_then(article_date) else {
            return false;
        };
        self.after.is_none_or(|d| x >= d) && self.before.is_none_or(|d| x < d)
    }

    /// Whether `after:` or `before:` is set.
    pub fn has_dates(&self) -> bool {
        self.after.is_some() || self.before.is_some()
    }

    /// A date facet is set but no article of `metas` has a date: the
    /// search can find nothing, and should say why.
    pub fn dates_unknown(&self, metas: &[ArticleMeta]) -> bool {
        self.has_dates()
            && !metas
                .iter()
                .any(|a| a.date.as_deref().and_then(article_date).is_some())
    }

    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }
}

/// Why an archive search cannot run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArchiveQueryError {
    /// The text part (a bad regular expression).
    Query(QueryError),
    /// An `after:` or `before:` that is not a date.
    Date(DateError),
}

impl ArchiveQueryError {
    /// The message in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            ArchiveQueryError::Query(e) => e.text(lang),
            ArchiveQueryError::Date(e) => e.text(lang),
        }
    }
}

impl From<QueryError> for ArchiveQueryError {
    fn from(e: QueryError) -> Self {
        ArchiveQueryError::Query(e)
    }
}

/// The first day of the date `value`, or the error naming `term` (what
/// the user typed: `after:2021/13`, `--before yesterday`).
pub fn facet_date(term: &str, value: &str) -> Result<NaiveDate, DateError> {
    first_day(value).map_err(|why| DateError {
        term: term.to_string(),
        unreal: why == NotADate::Unreal,
    })
}

/// A parsed archive search.
#[derive(Debug, Clone)]
pub struct ArchiveQuery {
    /// The text part, as typed (facet terms removed).
    pub text: String,
    /// `None` when there is no text to find (only facets, or nothing).
    pub query: Option<Query>,
    pub facets: Facets,
}

impl ArchiveQuery {
    /// Splits `input` into facet terms and the text to find. A term is a
    /// whitespace-separated word starting with a facet name and a colon;
    /// a date facet's value must be a date.
    pub fn parse(input: &str) -> Result<ArchiveQuery, ArchiveQueryError> {
        let mut facets = Facets::default();
        let mut rest = Vec::new();
        for word in input.split_whitespace() {
            if !facet(word, &mut facets).map_err(ArchiveQueryError::Date)? {
                rest.push(word);
            }
        }
        // Keep the text's own spacing when no facet was taken out.
        let text = if facets.is_empty() {
            input.trim().to_string()
        } else {
            rest.join(" ")
        };
        Ok(ArchiveQuery {
            query: Query::parse(&text)?,
            text,
            facets,
        })
    }
}

/// Takes `word` into `facets` if it is a facet term (false if it is not).
fn facet(word: &str, facets: &mut Facets) -> Result<bool, DateError> {
    let Some((name, value)) = word.split_once([':', '：']) else {
        return Ok(false);
    };
    if value.is_empty() {
        return Ok(false);
    }
    let folded = || Some(fold_key(value));
    match name.to_ascii_lowercase().as_str() {
        "subdistrict" | "sub" => facets.subdistrict = folded(),
        "district" => facets.district = folded(),
        "after" => facets.after = Some(facet_date(word, value)?),
        "before" => facets.before = Some(facet_date(word, value)?),
        _ => return Ok(false),
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(sub: Option<&str>, date: Option<&str>) -> ArticleMeta {
        ArticleMeta {
            id: "a".into(),
            title: "t".into(),
            subtitle: None,
            district: "中原区".into(),
            subdistrict: sub.map(Into::into),
            date: date.map(Into::into),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// The articles dated `dates` that `query`'s facets admit.
    fn admitted<'a>(query: &str, dates: &[&'a str]) -> Vec<&'a str> {
        let f = ArchiveQuery::parse(query).unwrap().facets;
        let admits = |d: &&str| f.admits(&meta(None, Some(d)));
        dates.iter().copied().filter(admits).collect()
    }

    #[test]
    fn facets_come_out_and_the_rest_is_the_query() {
        let q = ArchiveQuery::parse("物业 subdistrict:棉纺 after:2020 before：2021-06").unwrap();
        assert_eq!(q.text, "物业");
        assert_eq!(q.facets.subdistrict.as_deref(), Some("棉纺"));
        assert_eq!(q.facets.after, Some(day(2020, 1, 1)));
        assert_eq!(q.facets.before, Some(day(2021, 6, 1)));
        assert!(q.query.is_some());
        let only = ArchiveQuery::parse("district:中原区").unwrap();
        assert!(only.query.is_none());
        let plain = ArchiveQuery::parse("  人工  智能 ").unwrap();
        assert_eq!(plain.text, "人工  智能", "inner spacing kept");
        assert!(ArchiveQuery::parse("re:(").is_err());
    }

    #[test]
    fn facets_admit_by_name_part_and_date_range() {
        let f = ArchiveQuery::parse("sub:棉紡 after:2020-05 before:2021")
            .unwrap()
            .facets;
        assert!(f.admits(&meta(Some("棉纺路街道"), Some("2020-05-01"))));
        assert!(!f.admits(&meta(Some("棉纺路街道"), Some("2020-04-30"))));
        assert!(!f.admits(&meta(Some("棉纺路街道"), Some("2021-01-01"))));
        assert!(
            !f.admits(&meta(Some("棉纺路街道"), None)),
            "undated left out"
        );
        assert!(!f.admits(&meta(Some("须水街道"), Some("2020-06-01"))));
        assert!(Facets::default().admits(&meta(None, None)));
    }

    #[test]
    fn every_date_form_compares_as_a_date() {
        let dates = [
            "2021-05-31",
            "2021-06-01",
            "2021-06-02",
            "2021-10-01",
            "2022-01-01",
        ];
        let from_june = ["2021-06-01", "2021-06-02", "2021-10-01", "2022-01-01"];
        for form in [
            "2021-06-01",
            "2021-6-1",
            "2021/06/01",
            "2021/6/1",
            "2021.6.1",
            "2021-06",
            "2021/6",
            "２０２１－０６－０１",
            "２０２１-６",
        ] {
            assert_eq!(
                admitted(&format!("x after:{form}"), &dates),
                from_june,
                "{form}"
            );
            let before = format!("x before：{form}");
            assert_eq!(admitted(&before, &dates), ["2021-05-31"], "{form}");
        }
        let year = admitted("x after:２０２１ before:2022", &dates);
        assert_eq!(year, &dates[..4], "the year 2021, full-width digits folded");
        assert_eq!(
            admitted("x after:2021-10-01", &dates),
            ["2021-10-01", "2022-01-01"]
        );
    }

    #[test]
    fn date_facets_refuse_what_is_not_a_date() {
        for (query, term, unreal) in [
            ("x after:yesterday", "after:yesterday", false),
            ("before:2021-99-99 x", "before:2021-99-99", true),
            ("x AFTER：2021年6月", "AFTER：2021年6月", false),
            ("x after:2021-02-29", "after:2021-02-29", true),
            ("x before:21", "before:21", false),
        ] {
            let Err(ArchiveQueryError::Date(e)) = ArchiveQuery::parse(query) else {
                panic!("{query} accepted");
            };
            assert_eq!((e.term.as_str(), e.unreal), (term, unreal));
            assert!(e.text(Lang::En).contains("YYYY-MM-DD"));
        }
        let plain = ArchiveQuery::parse("after: x").unwrap();
        assert_eq!(plain.text, "after: x", "an empty facet is text");
    }

    #[test]
    fn a_date_facet_on_an_undated_archive_is_known_to_find_nothing() {
        let undated = [meta(None, None), meta(Some("须水街道"), None)];
        let dated = [meta(None, None), meta(None, Some("2019-01-01"))];
        let f = ArchiveQuery::parse("x after:2000").unwrap().facets;
        assert!(f.dates_unknown(&undated));
        assert!(!f.dates_unknown(&dated));
        let no_dates = ArchiveQuery::parse("x sub:须水").unwrap().facets;
        assert!(
            !no_dates.dates_unknown(&undated),
            "no date facet, nothing to say"
        );
    }
}
