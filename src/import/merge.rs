//! Article ids, and merging newly imported articles into an archive.

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

use crate::model::{Archive, Article, FORMAT_TAG};

/// The stable id of an article: the first 8 lowercase hex digits of
/// SHA-256 over `district + "\x1f" + subdistrict (or "") + "\x1f" + title`.
pub fn article_id(district: &str, subdistrict: Option<&str>, title: &str) -> String {
    let key = format!("{district}\x1f{}\x1f{title}", subdistrict.unwrap_or(""));
    let digest = Sha256::digest(key.as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Archive-level settings for [`merge`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeOptions {
    /// The archive title; overrides an existing archive's title.
    pub title: Option<String>,
    /// The archive key; overrides an existing archive's key.
    pub key: Option<String>,
}

/// What [`merge`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeReport {
    /// Articles new to the archive.
    pub added: usize,
    /// Articles whose id was already there and whose content changed: the
    /// new version replaced the old one in place.
    pub replaced: usize,
    /// Articles already there with identical content.
    pub unchanged: usize,
    /// Identical articles given twice in this import (e.g. the same file
    /// named twice), kept once.
    pub duplicates: usize,
    /// Different articles with the same id in this import: `(id, new id)`;
    /// the later ones get `-2`, `-3` … in input order.
    pub renamed: Vec<(String, String)>,
}

/// Merges `new` articles into `existing` (or a new archive titled
/// `default_title`).
///
/// - Within `new`, an article identical to an earlier one is dropped; a
///   different one with the same id gets the suffix `-2`, `-3` … (input
///   order decides, so re-importing the same files gives the same ids).
/// - An id already in the archive is replaced in place by the new version
///   (re-importing a corrected text updates it); fields the importer does
///   not produce (unknown fields) are kept from the old version.
/// - New ids are appended in input order. Existing articles and unknown
///   archive fields are otherwise left as they were.
pub fn merge(
    existing: Option<Archive>,
    new: Vec<Article>,
    default_title: &str,
    opts: &MergeOptions,
) -> (Archive, MergeReport) {
    let mut archive = existing.unwrap_or_else(|| Archive {
        format: FORMAT_TAG.to_string(),
        title: default_title.to_string(),
        key: None,
        articles: Vec::new(),
        extra: serde_json::Map::new(),
    });
    if let Some(t) = &opts.title {
        archive.title = t.clone();
    }
    if opts.key.is_some() {
        archive.key = opts.key.clone();
    }
    let mut report = MergeReport::default();
    let mut index: HashMap<String, usize> = (archive.articles.iter().enumerate())
        .map(|(i, a)| (a.id.clone(), i))
        .collect();
    for mut a in dedupe(new, &mut report) {
        match index.get(&a.id).map(|&i| &mut archive.articles[i]) {
            Some(old) => {
                if a.extra.is_empty() {
                    a.extra = old.extra.clone();
                }
                if *old == a {
                    report.unchanged += 1;
                } else {
                    *old = a;
                    report.replaced += 1;
                }
            }
            None => {
                index.insert(a.id.clone(), archive.articles.len());
                archive.articles.push(a);
                report.added += 1;
            }
        }
    }
    (archive, report)
}

fn dedupe(new: Vec<Article>, report: &mut MergeReport) -> Vec<Article> {
    let mut out: Vec<Article> = Vec::with_capacity(new.len());
    // Base id -> indices in `out` of the articles that had it.
    let mut by_base: HashMap<String, Vec<usize>> = HashMap::new();
    let mut taken: HashSet<String> = HashSet::new();
    for mut a in new {
        let same = by_base.get(&a.id).into_iter().flatten();
        if same.clone().any(|&i| same_content(&out[i], &a)) {
            report.duplicates += 1;
            continue;
        }
        let base = a.id.clone();
        if taken.contains(&base) {
            let id = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| !taken.contains(id))
                .expect("an unused suffix");
            report.renamed.push((base.clone(), id.clone()));
            a.id = id;
        }
        taken.insert(a.id.clone());
        by_base.entry(base).or_default().push(out.len());
        out.push(a);
    }
    out
}

/// Equal in everything but the id.
fn same_content(a: &Article, b: &Article) -> bool {
    a.title == b.title
        && a.subtitle == b.subtitle
        && a.district == b.district
        && a.subdistrict == b.subdistrict
        && a.date == b.date
        && a.source == b.source
        && a.bulletin == b.bulletin
        && a.bylines == b.bylines
        && a.body == b.body
        && a.extra == b.extra
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Block;

    fn art(title: &str, text: &str) -> Article {
        Article {
            id: article_id("中原区", None, title),
            title: title.into(),
            subtitle: None,
            district: "中原区".into(),
            subdistrict: None,
            date: None,
            source: None,
            bulletin: None,
            bylines: vec![],
            body: vec![Block::Paragraph { text: text.into() }],
            extra: Default::default(),
        }
    }

    #[test]
    fn ids_follow_the_sample_convention() {
        let t = "中原区：合力攻坚 按下基层党建重点工作“快进键”";
        assert_eq!(article_id("中原区", None, t), "fbe66a44");
        assert_eq!(
            article_id(
                "中原区",
                Some("桐柏路街道"),
                "支部联建聚合力 党建引领促提升"
            ),
            "00a106d7"
        );
    }

    #[test]
    fn same_articles_twice_are_kept_once() {
        let (a, r) = merge(
            None,
            vec![art("甲", "一"), art("甲", "一")],
            "T",
            &MergeOptions::default(),
        );
        assert_eq!((a.articles.len(), r.duplicates, r.added), (1, 1, 1));
        let (b, r) = merge(
            Some(a.clone()),
            vec![art("甲", "一")],
            "X",
            &MergeOptions::default(),
        );
        assert_eq!((b.clone(), r.unchanged, r.added), (a, 1, 0));
        assert_eq!(b.title, "T");
    }

    #[test]
    fn same_id_different_text_replaces_in_place() {
        let (a, _) = merge(
            None,
            vec![art("甲", "一"), art("乙", "二")],
            "T",
            &MergeOptions::default(),
        );
        let (b, r) = merge(
            Some(a),
            vec![art("甲", "改")],
            "T",
            &MergeOptions::default(),
        );
        assert_eq!((r.replaced, b.articles.len()), (1, 2));
        assert_eq!(b.articles[0].body[0].text(), "改");
    }

    #[test]
    fn clashing_ids_in_one_import_get_suffixes_stably() {
        let batch = vec![
            art("甲", "一"),
            art("甲", "二"),
            art("甲", "三"),
            art("甲", "二"),
        ];
        let (a, r) = merge(None, batch.clone(), "T", &MergeOptions::default());
        let ids: Vec<&str> = a.articles.iter().map(|x| x.id.as_str()).collect();
        let base = article_id("中原区", None, "甲");
        assert_eq!(
            ids,
            [base.clone(), format!("{base}-2"), format!("{base}-3")]
        );
        assert_eq!((r.renamed.len(), r.duplicates), (2, 1));
        let (b, r) = merge(Some(a.clone()), batch, "T", &MergeOptions::default());
        assert_eq!((b, r.unchanged), (a, 3));
    }

    #[test]
    fn title_and_key_options_override() {
        let opts = MergeOptions {
            title: Some("新".into()),
            key: Some("k1".into()),
        };
        let (a, _) = merge(None, vec![art("甲", "一")], "T", &opts);
        assert_eq!((a.title.as_str(), a.key.as_deref()), ("新", Some("k1")));
    }
}
