//! The list filter's index of one version of the archive: each article's
//! folded fields and its title's pinyin key sets, worked out once (about
//! 0.3 s for 100k articles, off the UI thread: `Effect::IndexTitles`) and
//! kept in a few long arrays, so a pass over 100k articles reads memory
//! in order instead of chasing 100k allocations.

use std::collections::HashMap;
use std::sync::{Arc, Weak};

use crate::model::Library;
use crate::text::pinyin_table::{Pinyin, PinyinTable};
use crate::text::search::{fold_key, fold_key_into};

/// Joins an article's own folded fields (a query never holds it, so a
/// match never spans two fields).
pub(super) const SEP: char = '\0';
/// No subdistrict.
pub(super) const NONE: u32 = u32::MAX;
/// A date that is not printable ASCII (measured when drawn).
const ODD_DATE: u8 = u8::MAX;

/// What the filter needs of one version of the archive.
pub struct TitleIndex {
    /// The version it was made from (never kept alive by it).
    of: Weak<Library>,
    /// Every article's folded title, subtitle, date and id, joined by
    /// `SEP` and ended by it, one after the other; `own_end[i]` ends
    /// article `i`'s.
    own: String,
    own_end: Vec<usize>,
    /// Per article: its district's and its subdistrict's number in
    /// `places` (`NONE`: no subdistrict).
    pub(super) place: Vec<[u32; 2]>,
    /// Each district and subdistrict name once: as it is, and folded.
    pub(super) places: Vec<(Box<str>, Box<str>)>,
    /// The keys of every character of the titles and places.
    pub(super) pinyin: PinyinTable,
    /// Every title's characters as key-set numbers, one after the other
    /// (`None` for a title the table cannot number).
    title_ids: Vec<u16>,
    title_end: Vec<Option<usize>>,
    /// Per article: its date's width when printable ASCII (0: no date).
    date_width: Vec<u8>,
}

impl std::fmt::Debug for TitleIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TitleIndex({} articles)", self.own_end.len())
    }
}

impl TitleIndex {
    /// The index of `library`.
    pub fn new(library: &Arc<Library>) -> TitleIndex {
        let articles = &library.articles;
        let mut numbers: HashMap<&str, u32> = HashMap::new();
        let mut places: Vec<(Box<str>, Box<str>)> = Vec::new();
        let mut place = Vec::with_capacity(articles.len());
        let (mut own, mut own_end) = (String::new(), Vec::with_capacity(articles.len()));
        for a in articles.iter() {
            let district = intern(&mut numbers, &mut places, &a.district);
            let sub =
                (a.subdistrict.as_deref()).map_or(NONE, |s| intern(&mut numbers, &mut places, s));
            place.push([district, sub]);
            for f in [Some(&a.title), a.subtitle.as_ref(), a.date.as_ref()] {
                fold_key_into(f.map_or("", |f| f), &mut own, |_| {});
                own.push(SEP);
            }
            fold_key_into(&a.id, &mut own, |_| {});
            own.push(SEP);
            own_end.push(own.len());
        }
        let names = (articles.iter().map(|a| a.title.as_str()))
            .chain(places.iter().map(|(name, _)| &**name));
        let pinyin = PinyinTable::new(names);
        let (mut title_ids, mut title_end) = (Vec::new(), Vec::with_capacity(articles.len()));
        for a in articles.iter() {
            let ok = pinyin.numbers_into(&a.title, &mut title_ids);
            title_end.push(ok.then_some(title_ids.len()));
        }
        let date_width = (articles.iter())
            .map(|a| a.date.as_deref().map_or(0, ascii_width))
            .collect();
        TitleIndex {
            of: Arc::downgrade(library),
            own,
            own_end,
            place,
            places,
            pinyin,
            title_ids,
            title_end,
            date_width,
        }
    }

    /// Whether it was made from `library` (and not an earlier version).
    pub fn is_of(&self, library: &Library) -> bool {
        std::ptr::eq(self.of.as_ptr(), library)
    }

    /// Article `i`'s own folded fields, joined by `SEP`.
    pub(super) fn own(&self, i: usize) -> &[u8] {
        let start = i.checked_sub(1).map_or(0, |p| self.own_end[p]);
        &self.own.as_bytes()[start..self.own_end[i]]
    }

    /// Which articles' own fields hold `finder`'s needle (one that holds
    /// no `SEP`), in one pass over all of them: on 100k articles far
    /// faster than a search per article.
    pub(super) fn holding(&self, finder: &memchr::memmem::Finder) -> Vec<bool> {
        let mut hit = vec![false; self.own_end.len()];
        let mut article = 0;
        for at in finder.find_iter(self.own.as_bytes()) {
            while self.own_end[article] <= at {
                article += 1;
            }
            hit[article] = true;
        }
        hit
    }

    /// Whether article `i`'s title could match `q` by pinyin, and does
    /// (see [`PinyinTable::test`]).
    pub(super) fn pinyin_test(
        &self,
        i: usize,
        archive: &Library,
        q: &Pinyin,
        ids: &mut Vec<u32>,
    ) -> (bool, bool) {
        let start = (i.checked_sub(1)).map_or(Some(0), |p| self.title_end[p]);
        match (start, self.title_end[i]) {
            (Some(start), Some(end)) => self.pinyin.test_numbers(&self.title_ids[start..end], q),
            _ => self.pinyin.test(&archive.articles[i].title, q, ids),
        }
    }

    /// Article `i`'s date's display width, if it is printable ASCII (as
    /// dates are): the same sanitised or not, in any width mode.
    pub fn date_width(&self, i: usize) -> Option<usize> {
        (self.date_width.get(i).copied()).and_then(|w| (w != ODD_DATE).then_some(usize::from(w)))
    }
}

fn ascii_width(d: &str) -> u8 {
    match d.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        true => u8::try_from(d.len()).unwrap_or(ODD_DATE),
        false => ODD_DATE,
    }
}

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
