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
    /// Articles of a bulletin already in the archive whose content changed:
    /// the new version replaced the old one in place.
    pub replaced: usize,
    /// Articles already in the archive with identical content.
    pub unchanged: usize,
    /// Identical articles given twice in this import (e.g. the same file
    /// named twice), kept once.
    pub duplicates: usize,
    /// Articles added under a suffixed id because a different article
    /// already had the id: `(id, new id)`.
    pub renamed: Vec<(String, String)>,
}

/// Merges `new` articles into `existing` (or a new archive titled
/// `default_title`), in input order. For each new article with id `X`, the
/// *family* is the archive's articles with id `X`, `X-2`, `X-3` …:
///
/// 1. a family member with identical content (apart from the id) -> the
///    article is already there: `unchanged` (or a `duplicate` if this same
///    import already matched or added it);
/// 2. else a member that was in the archive before this import, not yet
///    matched by this import, from the same `bulletin` -> replaced in place
///    (re-importing a corrected text updates it; unknown fields of the old
///    version are kept);
/// 3. else added at the end under the first free id of `X`, `X-2`, `X-3` …
///    (so two different pieces with the same title, or the same piece in
///    two bulletins, are both kept, and re-importing gives the same ids).
///
/// Existing articles and unknown archive fields are otherwise untouched.
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
    let mut m = Merger::new(archive);
    for a in new {
        m.merge_one(a);
    }
    (m.archive, m.report)
}

struct Merger {
    archive: Archive,
    report: MergeReport,
    /// How many articles were in the archive before this import.
    before: usize,
    /// Base id -> indices of the family members.
    families: HashMap<String, Vec<usize>>,
    ids: HashSet<String>,
    /// Indices matched, replaced or added by this import.
    claimed: HashSet<usize>,
}

impl Merger {
    fn new(archive: Archive) -> Self {
        let mut families: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, a) in archive.articles.iter().enumerate() {
            families
                .entry(base_id(&a.id).to_string())
                .or_default()
                .push(i);
        }
        let ids = archive.articles.iter().map(|a| a.id.clone()).collect();
        Merger {
            before: archive.articles.len(),
            archive,
            report: MergeReport::default(),
            families,
            ids,
            claimed: HashSet::new(),
        }
    }

    fn merge_one(&mut self, mut a: Article) {
        let family = self.families.get(&a.id).cloned().unwrap_or_default();
        let arts = &self.archive.articles;
        if let Some(&i) = family.iter().find(|&&i| same_content(&arts[i], &a)) {
            if self.claimed.insert(i) {
                self.report.unchanged += 1;
            } else {
                self.report.duplicates += 1;
            }
            return;
        }
        let stale = family.iter().copied().find(|&i| {
            i < self.before && !self.claimed.contains(&i) && arts[i].bulletin == a.bulletin
        });
        if let Some(i) = stale {
            let old = &mut self.archive.articles[i];
            a.id = old.id.clone();
            if a.extra.is_empty() {
                a.extra = std::mem::take(&mut old.extra);
            }
            *old = a;
            self.claimed.insert(i);
            self.report.replaced += 1;
            return;
        }
        self.add(a);
    }

    fn add(&mut self, mut a: Article) {
        let base = a.id.clone();
        if self.ids.contains(&base) {
            let id = (2..)
                .map(|n| format!("{base}-{n}"))
                .find(|id| !self.ids.contains(id))
                .expect("an unused suffix");
            self.report.renamed.push((base.clone(), id.clone()));
            a.id = id;
        }
        let i = self.archive.articles.len();
        self.ids.insert(a.id.clone());
        self.families.entry(base).or_default().push(i);
        self.claimed.insert(i);
        self.archive.articles.push(a);
        self.report.added += 1;
    }
}

/// `abcd1234-3` -> `abcd1234`; ids without a numeric suffix are their own
/// base.
fn base_id(id: &str) -> &str {
    match id.rsplit_once('-') {
        Some((b, n)) if !b.is_empty() && !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => {
            b
        }
        _ => id,
    }
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
        art_in("b1", title, text)
    }

    fn art_in(bulletin: &str, title: &str, text: &str) -> Article {
        Article {
            id: article_id("中原区", None, title),
            title: title.into(),
            subtitle: None,
            district: "中原区".into(),
            subdistrict: None,
            date: None,
            source: None,
            bulletin: Some(bulletin.into()),
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

    fn ids(a: &Archive) -> Vec<&str> {
        a.articles.iter().map(|x| x.id.as_str()).collect()
    }

    #[test]
    fn the_same_piece_in_two_bulletins_is_kept_twice() {
        let x = article_id("中原区", None, "甲");
        let o = MergeOptions::default();
        let (a, r) = merge(
            None,
            vec![art_in("b1", "甲", "一"), art_in("b2", "甲", "一")],
            "T",
            &o,
        );
        assert_eq!(ids(&a), [x.clone(), format!("{x}-2")]);
        assert_eq!(r.renamed, [(x.clone(), format!("{x}-2"))]);
        // Re-importing the second bulletin alone finds its own copy.
        let (b, r) = merge(Some(a.clone()), vec![art_in("b2", "甲", "一")], "T", &o);
        assert_eq!((b, r.unchanged, r.replaced), (a.clone(), 1, 0));
        // A third bulletin's different piece of the same title is added.
        let (c, r) = merge(Some(a), vec![art_in("b3", "甲", "三")], "T", &o);
        assert_eq!((ids(&c).len(), r.added, r.replaced), (3, 1, 0));
        assert_eq!(ids(&c)[2], format!("{x}-3"));
    }

    #[test]
    fn corrected_bulletin_replaces_its_same_titled_pieces_in_order() {
        let o = MergeOptions::default();
        let (a, _) = merge(None, vec![art("甲", "一"), art("甲", "二")], "T", &o);
        let (b, r) = merge(
            Some(a.clone()),
            vec![art("甲", "一改"), art("甲", "二改")],
            "T",
            &o,
        );
        assert_eq!((r.replaced, r.added), (2, 0));
        assert_eq!(ids(&b), ids(&a));
        let texts: Vec<&str> = b.articles.iter().map(|x| x.body[0].text()).collect();
        assert_eq!(texts, ["一改", "二改"]);
    }

    #[test]
    fn base_ids() {
        assert_eq!(base_id("abcd1234-12"), "abcd1234");
        assert_eq!(base_id("abcd1234"), "abcd1234");
        assert_eq!(base_id("my-id"), "my-id");
        assert_eq!(base_id("-2"), "-2");
    }
}
