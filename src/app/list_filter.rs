//! The article list's filter: matches an article's title, subtitle,
//! subdistrict, district, date or id, folded like the search (full and
//! half width, traditional and simplified, case), or its title or
//! subdistrict by pinyin (`xs`, `xushui` for 须水街道).
//!
//! Folding 100k titles per keystroke took up to 1.4 s, so the folded
//! fields and the characters' pinyin keys are worked out once per
//! version of the archive ([`TitleIndex`], built off the UI thread:
//! `Effect::IndexTitles`), and a query that extends the previous one
//! looks only at the previous candidates ([`Narrowing`]). Until the index
//! is there, every refresh folds as it goes ([`Filter`]); both give the
//! same list.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use super::order::SortKey;
use crate::model::Library;
use crate::text::pinyin::{is_pinyin_query, pinyin_matches};
use crate::text::pinyin_table::{Pinyin, PinyinTable};
use crate::text::search::fold_key;

/// The filter without an index: folds every field it looks at.
pub(super) struct Filter<'a> {
    raw: &'a str,
    folded: String,
    pinyin: bool,
}

impl Filter<'_> {
    pub(super) fn new(raw: &str) -> Filter<'_> {
        Filter {
            raw,
            folded: fold_key(raw.trim()),
            pinyin: is_pinyin_query(raw.trim()),
        }
    }

    pub(super) fn matches(&self, archive: &Library, i: usize) -> bool {
        if self.folded.is_empty() {
            return true;
        }
        let a = &archive.articles[i];
        let fields = [
            Some(a.title.as_str()),
            a.subtitle.as_deref(),
            a.subdistrict.as_deref(),
            Some(a.district.as_str()),
            a.date.as_deref(),
            Some(a.id.as_str()),
        ];
        let folded = fields
            .into_iter()
            .flatten()
            .any(|f| fold_key(f).contains(&self.folded));
        folded
            || self.pinyin
                && [Some(a.title.as_str()), a.subdistrict.as_deref()]
                    .into_iter()
                    .flatten()
                    .any(|f| pinyin_matches(f, self.raw.trim()))
    }
}

/// Joins an article's own folded fields (a query never holds it, so a
/// match never spans two fields).
const SEP: char = '\0';
const NONE: u32 = u32::MAX;

/// What the filter needs of one version of the archive, worked out once.
pub struct TitleIndex {
    /// The version it was made from (never kept alive by it).
    of: Weak<Library>,
    /// Per article: its folded title, subtitle, date and id, joined by
    /// `SEP`.
    own: Vec<Box<str>>,
    /// Per article: its district's and its subdistrict's number in
    /// `places` (`NONE`: no subdistrict).
    place: Vec<[u32; 2]>,
    /// Each district and subdistrict name once: as it is, and folded.
    places: Vec<(Box<str>, Box<str>)>,
    /// The keys of every character of the titles and subdistricts.
    pinyin: PinyinTable,
}

impl std::fmt::Debug for TitleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TitleIndex({} articles)", self.own.len())
    }
}

impl TitleIndex {
    /// The index of `library` (about 0.3 s for 100k articles).
    pub fn new(library: &Arc<Library>) -> TitleIndex {
        let articles = &library.articles;
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let mut places: Vec<(Box<str>, Box<str>)> = Vec::new();
        let mut place = Vec::with_capacity(articles.len());
        let mut own = Vec::with_capacity(articles.len());
        for a in articles.iter() {
            let district = intern(&mut numbers, &mut places, &a.district);
            let sub =
                (a.subdistrict.as_deref()).map_or(NONE, |s| intern(&mut numbers, &mut places, s));
            place.push([district, sub]);
            let mut s = String::new();
            for f in [Some(&a.title), a.subtitle.as_ref(), a.date.as_ref()] {
                crate::text::search::fold_key_into(f.map_or("", |f| f), &mut s, |_| {});
                s.push(SEP);
            }
            crate::text::search::fold_key_into(&a.id, &mut s, |_| {});
            own.push(s.into_boxed_str());
        }
        let names = (articles.iter().map(|a| a.title.as_str()))
            .chain(places.iter().map(|(name, _)| &**name));
        let pinyin = PinyinTable::new(names);
        TitleIndex {
            of: Arc::downgrade(library),
            own,
            place,
            places,
            pinyin,
        }
    }

    /// Whether it was made from `library` (and not an earlier version).
    pub fn is_of(&self, library: &Library) -> bool {
        std::ptr::eq(self.of.as_ptr(), library)
    }
}

/// A [`TitleIndex`] as it travels from the thread that made it. Equal
/// when it is the same index.
#[derive(Debug, Clone)]
pub struct TitlesHandle(pub Arc<TitleIndex>);

impl PartialEq for TitlesHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for TitlesHandle {}

/// `name`'s number in `places`, added if new.
fn intern<'a>(
    numbers: &mut HashMap<&'a str, u32>,
    places: &mut Vec<(Box<str>, Box<str>)>,
    name: &'a str,
) -> u32 {
    *numbers.entry(name).or_insert_with(|| {
        places.push((name.into(), fold_key(name).into()));
        (places.len() - 1) as u32
    })
}

/// One query, asked of a [`TitleIndex`].
struct Matcher<'a> {
    index: &'a TitleIndex,
    archive: &'a Library,
    folded: String,
    pinyin: Option<Pinyin>,
    /// Per place: its folded name holds the query.
    place_folded: Vec<bool>,
    /// Per place: it matches the query / could, by pinyin.
    place_pinyin: Vec<(bool, bool)>,
    ids: Vec<u32>,
}

/// What one article is to a query.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Neither it nor any longer query's.
    Out,
    /// Not a match, but a longer query's may be (pinyin cut mid-syllable).
    Candidate,
    Match,
}

impl<'a> Matcher<'a> {
    fn new(index: &'a TitleIndex, archive: &'a Library, query: &str) -> Matcher<'a> {
        let folded = fold_key(query);
        let pinyin = Pinyin::new(query);
        let mut ids = Vec::new();
        let place_folded = (index.places.iter())
            .map(|(_, f)| f.contains(&folded))
            .collect();
        let place_pinyin = match &pinyin {
            Some(q) => (index.places.iter())
                .map(|(name, _)| {
                    let p = &index.pinyin;
                    let could = p.could_match(name, q, &mut ids);
                    (could && p.matches(name, q, &mut ids), could)
                })
                .collect(),
            None => Vec::new(),
        };
        Matcher {
            index,
            archive,
            folded,
            pinyin,
            place_folded,
            place_pinyin,
            ids,
        }
    }

    fn verdict(&mut self, i: usize) -> Verdict {
        let [district, sub] = self.index.place[i];
        let place = |n: u32| self.place_folded.get(n as usize).copied();
        if self.index.own[i].contains(&self.folded)
            || place(district) == Some(true)
            || place(sub) == Some(true)
        {
            return Verdict::Match;
        }
        let Some(q) = &self.pinyin else {
            return Verdict::Out;
        };
        let (sub_match, sub_could) =
            (self.place_pinyin.get(sub as usize)).map_or((false, false), |&p| p);
        let title = &self.archive.articles[i].title;
        let p = &self.index.pinyin;
        if sub_match || p.matches(title, q, &mut self.ids) {
            Verdict::Match
        } else if sub_could || p.could_match(title, q, &mut self.ids) {
            Verdict::Candidate
        } else {
            Verdict::Out
        }
    }
}

/// The last query's candidates: every article it matched, and those a
/// longer query may match by pinyin, in the list's order. A query that
/// extends it looks at these only.
#[derive(Debug, Clone)]
pub(super) struct Narrowing {
    group: usize,
    sort: SortKey,
    folded: String,
    pinyin: Option<Pinyin>,
    candidates: Vec<usize>,
}

impl Narrowing {
    /// Whether every article `m` can match is among the candidates:
    /// the folded query holds the last one's, and a pinyin query starts
    /// with the last one (a pinyin query too).
    fn admits(&self, m: &Matcher) -> bool {
        m.folded.contains(&self.folded)
            && match (&m.pinyin, &self.pinyin) {
                (None, _) => true,
                (Some(new), Some(old)) => new.extends(old),
                (Some(_), None) => false,
            }
    }
}

impl super::Browse {
    /// Recomputes `visible` after the group, the order or the filter
    /// changed.
    pub fn refresh(&mut self, archive: &Library) {
        let query = self.filter.trim().to_string();
        let index = (self.titles.clone()).filter(|t| t.is_of(archive) && !query.contains(SEP));
        match index {
            Some(index) => self.narrow(&index, archive, &query),
            None => {
                self.narrowing = None;
                let filter = Filter::new(&self.filter);
                self.visible = (self.members(self.group).iter().copied())
                    .filter(|&i| filter.matches(archive, i))
                    .collect();
                super::order::sort(archive, &mut self.visible, self.sort);
            }
        }
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// The list through the index: from the last query's candidates when
    /// this one extends it, else from the whole group.
    fn narrow(&mut self, index: &TitleIndex, archive: &Library, query: &str) {
        let mut m = Matcher::new(index, archive, query);
        let ordered = self.ordered(archive);
        let from: &[usize] = match &self.narrowing {
            Some(n) if (n.group, n.sort) == (self.group, self.sort) && n.admits(&m) => {
                &n.candidates
            }
            _ => &ordered,
        };
        let (mut candidates, mut visible) = (Vec::new(), Vec::new());
        for &i in from {
            match m.verdict(i) {
                Verdict::Out => continue,
                Verdict::Candidate => {}
                Verdict::Match => visible.push(i),
            }
            candidates.push(i);
        }
        self.visible = visible;
        self.narrowing = Some(Narrowing {
            group: self.group,
            sort: self.sort,
            folded: m.folded,
            pinyin: m.pinyin,
            candidates,
        });
    }

    /// The group's articles in the list's order, sorted once per group
    /// and order (filtering keeps the order).
    fn ordered(&mut self, archive: &Library) -> Arc<[usize]> {
        match &self.ordered {
            Some((g, s, list)) if (*g, *s) == (self.group, self.sort) => list.clone(),
            _ => {
                let mut list = self.members(self.group).to_vec();
                super::order::sort(archive, &mut list, self.sort);
                let list: Arc<[usize]> = list.into();
                self.ordered = Some((self.group, self.sort, list.clone()));
                list
            }
        }
    }
}
