//! Grouping articles by district and subdistrict, in a documented order
//! (`docs/format.md`, "Grouping and order").

use std::cmp::Ordering;
use std::collections::HashMap;

use chrono::NaiveDate;

use super::rules::parse_date;
use super::{Archive, Article, ArticleMeta};

/// All groups of an archive, districts in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Groups {
    pub districts: Vec<DistrictGroup>,
}

/// One district. Indexes point into `archive.articles`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DistrictGroup {
    pub name: String,
    /// Every article of the district in display order: `district_level`,
    /// then each subdistrict's articles in turn.
    pub all: Vec<usize>,
    /// Articles without a subdistrict (区-level pieces), sorted.
    pub district_level: Vec<usize>,
    /// Subdistricts in order of first appearance.
    pub subdistricts: Vec<SubGroup>,
}

/// One subdistrict of a district, articles sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubGroup {
    pub name: String,
    pub articles: Vec<usize>,
}

/// Groups `archive`'s articles: districts and subdistricts in order of first
/// appearance, district-level pieces first; within a group newest first,
/// undated after dated, ties in archive order.
pub fn group(archive: &Archive) -> Groups {
    group_items(&archive.articles)
}

/// What grouping needs of an article (or of its metadata).
pub trait Placed {
    fn district(&self) -> &str;
    fn subdistrict(&self) -> Option<&str>;
    fn date(&self) -> Option<&str>;
}

impl Placed for Article {
    fn district(&self) -> &str {
        &self.district
    }
    fn subdistrict(&self) -> Option<&str> {
        self.subdistrict.as_deref()
    }
    fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
}

impl Placed for ArticleMeta {
    fn district(&self) -> &str {
        &self.district
    }
    fn subdistrict(&self) -> Option<&str> {
        self.subdistrict.as_deref()
    }
    fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }
}

/// [`group`] over any list of articles or article metadata.
pub fn group_items<T: Placed>(items: &[T]) -> Groups {
    let mut districts: Vec<DistrictGroup> = Vec::new();
    // Positions by name: a district's index, a subdistrict's index in it.
    let mut district_at: HashMap<&str, usize> = HashMap::new();
    let mut sub_at: HashMap<(usize, &str), usize> = HashMap::new();
    for (i, article) in items.iter().enumerate() {
        let d = *district_at.entry(article.district()).or_insert_with(|| {
            districts.push(DistrictGroup {
                name: article.district().to_string(),
                all: Vec::new(),
                district_level: Vec::new(),
                subdistricts: Vec::new(),
            });
            districts.len() - 1
        });
        let district = &mut districts[d];
        let Some(sub) = article.subdistrict() else {
            district.district_level.push(i);
            continue;
        };
        let s = *sub_at.entry((d, sub)).or_insert_with(|| {
            district.subdistricts.push(SubGroup {
                name: sub.to_string(),
                articles: Vec::new(),
            });
            district.subdistricts.len() - 1
        });
        district.subdistricts[s].articles.push(i);
    }
    let dates: Vec<Option<NaiveDate>> = items.iter().map(date_of).collect();
    for d in &mut districts {
        sort_group(&mut d.district_level, &dates);
        d.all = d.district_level.clone();
        for s in &mut d.subdistricts {
            sort_group(&mut s.articles, &dates);
            d.all.extend_from_slice(&s.articles);
        }
    }
    Groups { districts }
}

/// An article's date when it is a valid `YYYY-MM-DD` (else undated).
fn date_of<T: Placed>(article: &T) -> Option<NaiveDate> {
    article.date().and_then(|d| parse_date(d).ok())
}

/// Newest first, undated last; stable, so ties keep archive order.
fn sort_group(indexes: &mut [usize], dates: &[Option<NaiveDate>]) {
    indexes.sort_by(|&a, &b| match (dates[a], dates[b]) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, FORMAT_TAG};

    fn art(id: &str, district: &str, sub: Option<&str>, date: Option<&str>) -> Article {
        Article {
            id: id.into(),
            title: id.into(),
            subtitle: None,
            district: district.into(),
            subdistrict: sub.map(Into::into),
            date: date.map(Into::into),
            source: None,
            bulletin: None,
            bylines: Vec::new(),
            body: vec![Block::Paragraph { text: "x".into() }],
            extra: Default::default(),
        }
    }

    fn archive(articles: Vec<Article>) -> Archive {
        Archive {
            format: FORMAT_TAG.into(),
            title: "t".into(),
            key: None,
            articles,
            extra: Default::default(),
        }
    }

    #[test]
    fn order_is_first_appearance_then_date() {
        let a = archive(vec![
            art("0", "乙区", Some("东街道"), None),
            art("1", "甲区", Some("南街道"), Some("2023-01-01")),
            art("2", "乙区", None, Some("2022-05-01")),
            art("3", "乙区", Some("西街道"), Some("2023-03-01")),
            art("4", "乙区", Some("东街道"), Some("2023-02-01")),
            art("5", "乙区", None, Some("2023-06-01")),
            art("6", "乙区", Some("东街道"), None),
        ]);
        let g = group(&a);
        let names: Vec<&str> = g.districts.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(names, ["乙区", "甲区"]);
        let yi = &g.districts[0];
        assert_eq!(yi.district_level, [5, 2]);
        let subs: Vec<&str> = yi.subdistricts.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(subs, ["东街道", "西街道"]);
        assert_eq!(yi.subdistricts[0].articles, [4, 0, 6]);
        assert_eq!(yi.all, [5, 2, 4, 0, 6, 3]);
        assert_eq!(g.districts[1].all, [1]);
    }

    #[test]
    fn every_article_is_in_exactly_one_group() {
        let a = archive(
            (0..30)
                .map(|i| {
                    let sub = (i % 3 != 0).then(|| ["a", "b"][i % 2]);
                    art(&i.to_string(), ["x", "y", "z"][i % 3], sub, None)
                })
                .collect(),
        );
        let mut all: Vec<usize> = group(&a)
            .districts
            .iter()
            .flat_map(|d| d.all.clone())
            .collect();
        all.sort();
        assert_eq!(all, (0..30).collect::<Vec<_>>());
    }
}
