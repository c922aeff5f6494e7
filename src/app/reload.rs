//! Following the archive on disk: reading it again (when the watcher
//! sees it change, or on `R`), and carrying the reader's state over to
//! the new version: the list's group, filter and selection, every open
//! article at the same words (anchors), bookmarks and positions (kept by
//! id). An article that is gone says so; a file that cannot be read
//! (being written) leaves the old version on screen.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Weak};

use super::browse::{Browse, GroupEntry};
use super::effect::{Effect, ReloadJob, ReloadWhat};
use super::finder::IndexState;
use super::mode::View;
use super::persist::{locate, units};
use super::screens::{self, Under};
use super::search::run_query;
use super::{App, Msg, Reader, i18n};
use crate::model::{Groups, Library, LoadError, Strictness, group_items};
use crate::store::{ArchiveKey, make_anchor};
use crate::text::{Doc, Pos};

/// Where the archive came from, to read it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveSource {
    pub path: PathBuf,
    pub strictness: Strictness,
    /// Where search indexes are kept (the new version's is looked up).
    pub cache_dir: Option<PathBuf>,
}

/// The archive as read again, with its search index; or why it could not
/// be read. Equal when it is the same reading.
#[derive(Debug, Clone)]
pub struct Reloaded(pub Result<Fresh, Arc<LoadError>>);

/// A new version of the archive.
#[derive(Debug, Clone)]
pub struct Fresh {
    pub library: Arc<Library>,
    pub index: IndexState,
    /// The documents of the articles open when it was asked for, by id
    /// (an empty error: the article is gone), read with it off the UI
    /// thread; the articles open now but missing here are asked for.
    pub docs: HashMap<String, Result<Doc, String>>,
    /// The request it answers (`None`: the watcher's own reading).
    pub seq: Option<u64>,
    /// Its districts and subdistricts (worked out with the reading).
    pub groups: Option<Groups>,
    /// How many articles are new and gone against the version in hand
    /// then (worked out off the UI thread: it compares every id).
    pub changes: Option<Changes>,
}

/// Articles new and gone in a reading, against the version `against`.
#[derive(Debug, Clone)]
pub struct Changes {
    pub against: Weak<Library>,
    pub added: usize,
    pub removed: usize,
}

impl Changes {
    /// What `new` adds to and takes from `old`.
    pub fn between(old: &Arc<Library>, new: &Library) -> Changes {
        let (added, removed) = changes(old, new);
        Changes {
            against: Arc::downgrade(old),
            added,
            removed,
        }
    }
}

impl PartialEq for Reloaded {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Ok(a), Ok(b)) => Arc::ptr_eq(&a.library, &b.library),
            (Err(a), Err(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Reloaded {}

/// What the view was opened over: the old version of the archive and
/// the article list shown then.
struct Before<'a> {
    library: &'a Library,
    list: &'a [usize],
    /// The new version's documents of the articles open, by id.
    docs: &'a HashMap<String, Result<Doc, String>>,
}

/// The list's state by names and ids, which survive a new version.
struct ListState {
    group: Option<(String, Option<String>, bool)>,
    selected: Option<String>,
    filter: String,
    focus: super::Pane,
}

impl App {
    /// `R`: read the archive again now.
    /// `R`: read the archive again, on a worker: the reader keeps
    /// answering keys on the old version until the new one arrives.
    pub(super) fn reload(&mut self) {
        match self.source.clone() {
            Some(source) => {
                self.ask_reload(ReloadWhat::Source(source), self.open_ids());
                self.say(Msg::Reloading);
            }
            None => self.say(Msg::NothingToReload),
        }
    }

    /// Asks for a reading (or for the open articles of one), as the
    /// latest request: answers to earlier ones are dropped.
    fn ask_reload(&mut self, what: ReloadWhat, open: Vec<String>) {
        let seq = self.loads.next_seq();
        self.loads.reload = seq;
        let lang = self.settings.lang;
        let job = ReloadJob {
            seq,
            what,
            open,
            lang,
            old: self.archive.clone(),
        };
        self.effects.push(Effect::Reload(job));
    }

    /// The ids of the articles open in the view (and under it).
    fn open_ids(&self) -> Vec<String> {
        let mut ids = Vec::new();
        let mut view = &self.view;
        loop {
            view = match view {
                View::Browse => return ids,
                View::Read { reader, back } => {
                    ids.push(self.archive.articles[reader.article].id.clone());
                    back
                }
                View::Over { back, .. } => back,
            };
        }
    }

    /// A new reading of the archive arrived: taken when the documents
    /// of every article open, and what changed against the version in
    /// hand, are with it; else those are asked for first (off the UI
    /// thread: on a large archive they take longer than a frame). An
    /// answer to a request since superseded is dropped.
    pub(super) fn reloaded(&mut self, r: Reloaded) {
        let stale = |seq: Option<u64>| seq.is_some_and(|s| s != self.loads.reload);
        match r.0 {
            Ok(fresh) if stale(fresh.seq) => {}
            Ok(fresh) => {
                let missing: Vec<String> = (self.open_ids().into_iter())
                    .filter(|id| !fresh.docs.contains_key(id))
                    .collect();
                let compared = (fresh.changes.as_ref())
                    .is_some_and(|c| std::ptr::eq(c.against.as_ptr(), Arc::as_ptr(&self.archive)));
                if missing.is_empty() && compared {
                    self.loads.reload = self.loads.next_seq();
                    self.take_fresh(fresh);
                } else {
                    self.ask_reload(ReloadWhat::Reading(Box::new(fresh)), missing);
                }
            }
            Err(e) => {
                let key = self
                    .keymap
                    .first_key(super::Context::Global, &super::Action::Problems);
                let key = key.map_or_else(|| "!".to_string(), |k| k.label());
                self.status = Some(i18n::reload_failed(self.settings.lang, &key));
                self.reload_failed = Some(e);
            }
        }
        // The new version may have fewer problems than the cursor's row.
        self.refresh_problems();
        let last = self.problem_count().saturating_sub(1);
        self.problems_view.selected = self.problems_view.selected.min(last);
    }

    fn take_fresh(&mut self, fresh: Fresh) {
        let list = self.list_state();
        let old_list = std::mem::take(&mut self.browse.visible);
        self.reload_failed = None;
        let library = std::mem::replace(&mut self.archive, fresh.library);
        self.index = fresh.index;
        self.loads.new_library();
        self.groups = (fresh.groups).unwrap_or_else(|| group_items(&self.archive.articles));
        self.browse = Browse::new(&self.archive, &self.groups);
        self.restore_list(list);
        let mut gone = None;
        let view = std::mem::replace(&mut self.view, View::Browse);
        let old = Before {
            library: &library,
            list: &old_list,
            docs: &fresh.docs,
        };
        self.view = self.carry_view(view, &old, &mut gone);
        if let Some(p) = self.persist.as_mut() {
            p.key = ArchiveKey::new(&self.archive.title, self.archive.key.as_deref());
        }
        self.recheck_marks();
        if let Some(text) = self.finder.as_ref().map(|f| f.text.clone()) {
            self.find_typed(&text);
        }
        let lang = self.settings.lang;
        self.status = Some(match gone {
            Some(why) => why,
            None => {
                let c = fresh.changes.as_ref();
                let (added, removed) = c.map_or_else(
                    || changes(&library, &self.archive),
                    |c| (c.added, c.removed),
                );
                i18n::reloaded(lang, added, removed)
            }
        });
        self.effects.push(Effect::Release(library));
        self.effects.push(Effect::IndexTitles(self.archive.clone()));
    }

    fn list_state(&self) -> ListState {
        let b = &self.browse;
        let group = match b.entry() {
            GroupEntry::All => None,
            GroupEntry::District(d) => Some((self.groups.districts[d].name.clone(), None, false)),
            GroupEntry::DistrictLevel(d) => {
                Some((self.groups.districts[d].name.clone(), None, true))
            }
            GroupEntry::Sub(d, s) => {
                let district = &self.groups.districts[d];
                let sub = district.subdistricts[s].name.clone();
                Some((district.name.clone(), Some(sub), false))
            }
        };
        ListState {
            group,
            selected: b.current().map(|i| self.archive.articles[i].id.clone()),
            filter: b.filter.clone(),
            focus: b.focus,
        }
    }

    /// The same group, filter and selection in the new list (by name and
    /// id; the same row when the selected article is gone).
    fn restore_list(&mut self, list: ListState) {
        let at = (self.browse.entries.iter()).position(|&e| self.names_of(e) == list.group);
        let row = self.browse.selected;
        let b = &mut self.browse;
        b.group = at.unwrap_or(0);
        b.filter = list.filter;
        b.focus = list.focus;
        b.refresh(&self.archive);
        let found = list.selected.and_then(|id| self.archive.index_of(&id));
        let b = &mut self.browse;
        b.selected = found
            .and_then(|i| b.visible.iter().position(|&v| v == i))
            .unwrap_or(row.min(b.visible.len().saturating_sub(1)));
    }

    fn names_of(&self, entry: GroupEntry) -> Option<(String, Option<String>, bool)> {
        let d = |d: usize| self.groups.districts[d].name.clone();
        match entry {
            GroupEntry::All => None,
            GroupEntry::District(i) => Some((d(i), None, false)),
            GroupEntry::DistrictLevel(i) => Some((d(i), None, true)),
            GroupEntry::Sub(i, s) => {
                let sub = self.groups.districts[i].subdistricts[s].name.clone();
                Some((d(i), Some(sub), false))
            }
        }
    }

    /// The view with every open article carried over to the new version;
    /// an article that cannot be is closed, and `gone` says why.
    fn carry_view(&self, view: View, old: &Before, gone: &mut Option<String>) -> View {
        match view {
            View::Browse => View::Browse,
            // A screen over an article (the outline) stays over it, or
            // closes with it; the others stay over whatever is left.
            View::Over { screen, back } => match self.carry_view(*back, old, gone) {
                back if screens::info(screen).under() == Under::Article
                    && !matches!(back, View::Read { .. }) =>
                {
                    back
                }
                back => View::Over {
                    screen,
                    back: Box::new(back),
                },
            },
            View::Read { reader, back } => {
                let back = Box::new(self.carry_view(*back, old, gone));
                match self.carry_reader(&reader, old) {
                    Ok(reader) => View::Read {
                        reader: Box::new(reader),
                        back,
                    },
                    Err(why) => {
                        *gone = Some(why);
                        *back
                    }
                }
            }
        }
    }

    /// The reader on the new version of its article, at the same words,
    /// with how far reading got there and where the last jump landed.
    fn carry_reader(&self, r: &Reader, old: &Before) -> Result<Reader, String> {
        let lang = self.settings.lang;
        let meta = &old.library.articles[r.article];
        let Some(article) = self.archive.index_of(&meta.id) else {
            return Err(i18n::article_gone(
                lang,
                &crate::text::sanitize_line(&meta.title),
            ));
        };
        let doc = match old.docs.get(&meta.id) {
            Some(Ok(doc)) => doc.clone(),
            Some(Err(why)) if !why.is_empty() => return Err(why.clone()),
            _ => {
                return Err(i18n::article_gone(
                    lang,
                    &crate::text::sanitize_line(&meta.title),
                ));
            }
        };
        let siblings = self.carry_siblings(&r.siblings, article, old);
        let g = self.geo.reader;
        let mut next = Reader::open(article, doc, siblings, g.text_width, self.settings.mode);
        let old_units = units(&r.doc);
        let carry = |p: Pos| {
            locate(
                &make_anchor(&meta.id, &old_units, p.unit, p.offset),
                &next.doc,
            )
        };
        let pos = carry(r.anchor).unwrap_or_default();
        let reading = carry(r.reading);
        let landed = r.landed.and_then(|(p, _)| carry(p));
        next.jump_to(pos, g.body_height);
        next.landed = landed.map(|p| (p, next.layout.line_of(&next.doc, p)));
        // Where reading got stays saved as it was when its text is gone.
        next.reading = reading.unwrap_or_default();
        next.finished = r.finished;
        let synced = r.remembered == Some((r.reading, r.finished));
        next.remembered = (synced || reading.is_none()).then_some((next.reading, next.finished));
        if !r.search.text.is_empty() {
            run_query(&mut next, &r.search.text, pos);
        }
        Ok(next)
    }

    /// The list a reader was opened from, in the new version: the new
    /// list when it was the list on screen (so an article added to the
    /// group is in it), else the same articles (by id).
    fn carry_siblings(&self, siblings: &[usize], article: usize, old: &Before) -> Vec<usize> {
        if siblings == old.list && self.browse.visible.contains(&article) {
            return self.browse.visible.clone();
        }
        (siblings.iter())
            .filter_map(|&i| old.library.articles.get(i))
            .filter_map(|a| self.archive.index_of(&a.id))
            .collect()
    }
}

/// Articles new in `new`, and those of `old` no longer there (by id).
fn changes(old: &Library, new: &Library) -> (usize, usize) {
    let ids = |l: &Library| -> HashSet<String> {
        (0..l.articles.len())
            .filter(|&i| l.broken(i).is_none())
            .map(|i| l.articles[i].id.clone())
            .collect()
    };
    let (before, after) = (ids(old), ids(new));
    (
        after.difference(&before).count(),
        before.difference(&after).count(),
    )
}
