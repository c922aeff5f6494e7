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

use std::sync::Arc;

use super::order::SortKey;
use super::title_index::SEP;
pub use super::title_index::{TitleIndex, TitlesHandle};
use crate::model::Library;
use crate::text::pinyin::{is_pinyin_query, pinyin_matches};
use crate::text::pinyin_table::Pinyin;
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

/// One query, asked of a [`TitleIndex`].
struct Matcher<'a> {
    index: &'a TitleIndex,
    archive: &'a Library,
    folded: String,
    /// Looks for `folded` (set up once: `str::contains` sets up per call,
    /// which on 100k short fields was most of its time).
    finder: memchr::memmem::Finder<'static>,
    /// Per article, whether its own fields hold the query, when worked
    /// out for all at once (`Matcher::new`'s `many`).
    holding: Option<Vec<bool>>,
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
    /// `many`: most articles will be asked about.
    fn new(index: &'a TitleIndex, archive: &'a Library, query: &str, many: bool) -> Matcher<'a> {
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
        let finder = memchr::memmem::Finder::new(folded.as_bytes()).into_owned();
        Matcher {
            index,
            archive,
            holding: (many && !folded.is_empty()).then(|| index.holding(&finder)),
            finder,
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
        let own = match &self.holding {
            Some(hit) => hit[i],
            None => self.finder.find(self.index.own(i)).is_some(),
        };
        if own || place(district) == Some(true) || place(sub) == Some(true) {
            return Verdict::Match;
        }
        let Some(q) = &self.pinyin else {
            return Verdict::Out;
        };
        let (sub_match, sub_could) =
            (self.place_pinyin.get(sub as usize)).map_or((false, false), |&p| p);
        if sub_match {
            return Verdict::Match;
        }
        match self.index.pinyin_test(i, self.archive, q, &mut self.ids) {
            (_, true) => Verdict::Match,
            (true, false) => Verdict::Candidate,
            (false, false) if sub_could => Verdict::Candidate,
            (false, false) => Verdict::Out,
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
    /// Whether every article `query` can match is among the candidates:
    /// the folded query holds the last one's, and a pinyin query starts
    /// with the last one (a pinyin query too).
    fn admits(&self, query: &str) -> bool {
        fold_key(query).contains(&self.folded)
            && match (&Pinyin::new(query), &self.pinyin) {
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

    /// The filter's index, if it is of `archive`.
    pub fn titles(&self, archive: &Library) -> Option<&TitleIndex> {
        self.titles.as_deref().filter(|t| t.is_of(archive))
    }

    /// The list through the index: from the last query's candidates when
    /// this one extends it, else from the whole group.
    fn narrow(&mut self, index: &TitleIndex, archive: &Library, query: &str) {
        let ordered = self.ordered(archive);
        let narrowing = self.narrowing.take();
        let from: &[usize] = match &narrowing {
            Some(n) if (n.group, n.sort) == (self.group, self.sort) && n.admits(query) => {
                &n.candidates
            }
            _ => &ordered,
        };
        let many = from.len() > archive.articles.len() / 8;
        let mut m = Matcher::new(index, archive, query, many);
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
