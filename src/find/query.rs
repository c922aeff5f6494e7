//! What the user typed into the archive search: the text to find (the
//! in-article search's own [`Query`]) and facets that narrow the articles:
//! `subdistrict:NAME`, `district:NAME`, `after:DATE`, `before:DATE`.

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
    /// Dates as typed (`2020`, `2020-05`, `2020-05-01`): `after` keeps
    /// articles dated on or after it, `before` those dated before it.
    /// Articles without a date are left out when either is set.
    pub after: Option<String>,
    pub before: Option<String>,
}

impl Facets {
    /// Whether article `a` is in scope.
    pub fn admits(&self, a: &ArticleMeta) -> bool {
        let has = |want: &Option<String>, field: Option<&str>| match want {
            None => true,
            Some(w) => field.is_some_and(|f| fold_key(f).contains(w.as_str())),
        };
        let date = a.date.as_deref();
        has(&self.subdistrict, a.subdistrict.as_deref())
            && has(&self.district, Some(&a.district))
            && self
                .after
                .as_deref()
                .is_none_or(|d| date.is_some_and(|x| x >= d))
            && self
                .before
                .as_deref()
                .is_none_or(|d| date.is_some_and(|x| x < d))
    }

    pub fn is_empty(&self) -> bool {
        *self == Facets::default()
    }
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
    /// whitespace-separated word starting with a facet name and a colon.
    pub fn parse(input: &str) -> Result<ArchiveQuery, QueryError> {
        let mut facets = Facets::default();
        let mut rest = Vec::new();
        for word in input.split_whitespace() {
            if !facet(word, &mut facets) {
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

/// Takes `word` into `facets` if it is a facet term.
fn facet(word: &str, facets: &mut Facets) -> bool {
    let Some((name, value)) = word.split_once([':', '：']) else {
        return false;
    };
    if value.is_empty() {
        return false;
    }
    let folded = || Some(fold_key(value));
    match name.to_ascii_lowercase().as_str() {
        "subdistrict" | "sub" => facets.subdistrict = folded(),
        "district" => facets.district = folded(),
        "after" => facets.after = Some(value.to_string()),
        "before" => facets.before = Some(value.to_string()),
        _ => return false,
    }
    true
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

    #[test]
    fn facets_come_out_and_the_rest_is_the_query() {
        let q = ArchiveQuery::parse("物业 subdistrict:棉纺 after:2020 before：2021-06").unwrap();
        assert_eq!(q.text, "物业");
        assert_eq!(q.facets.subdistrict.as_deref(), Some("棉纺"));
        assert_eq!(q.facets.after.as_deref(), Some("2020"));
        assert_eq!(q.facets.before.as_deref(), Some("2021-06"));
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
}
