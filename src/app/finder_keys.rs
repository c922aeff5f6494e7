//! The archive search screen's actions: the prompt that searches as the
//! user types, the results list and its group pane, opening a hit, and
//! `n`/`N` walking on from the last hit of one article into the next.

use super::browse::{Pane, step};
use super::effect::{Effect, SearchJob, SnippetJob, SnippetsLoaded};
use super::finder::{Finder, IndexState};
use super::input::TextInput;
use super::loads::Then;
use super::mode::{Modal, PromptKind, View};
use super::screens::Screen;
use super::{Action, App, Msg};
use crate::find::{ArchiveQuery, Batch, Order};

/// Rows each result takes on screen (title line, snippet line).
pub const ROWS_PER_RESULT: u16 = 2;

impl App {
    /// `s` on a list: the archive search, its prompt open with the query
    /// shown (or, with none, the last one searched for) selected: typing
    /// replaces it, Right or End keeps it to edit.
    pub(super) fn open_finder(&mut self) {
        self.show_over(Screen::Results);
        let shown = self.finder.as_ref().map(|f| f.text.clone());
        let shown = shown.filter(|t| !t.is_empty());
        let text = shown.clone().or_else(|| self.last_entry("find"));
        self.finder.get_or_insert_with(Finder::default);
        self.modal = Modal::Prompt {
            kind: PromptKind::Find,
            input: TextInput::offered(text.as_deref().unwrap_or_default()),
        };
        if let (Some(text), None) = (text, shown) {
            self.find_typed(&text);
        }
    }

    /// The prompt's text changed: search again (cancelling the search in
    /// flight).
    pub(super) fn find_typed(&mut self, text: &str) {
        let entries = self.browse.entries.len();
        let finder = self.finder.get_or_insert_with(Finder::default);
        // A year picked was one of the old query's years: an edited query
        // starts over with every year (the same query run again, once the
        // index is ready, keeps it).
        if finder.text != text {
            finder.year = None;
        }
        finder.text = text.to_string();
        finder.restart(entries);
        match ArchiveQuery::parse(text) {
            Ok(q) => {
                finder.error = None;
                finder.undated = q.facets.dates_unknown(&self.archive.articles);
                finder.query = Some(q.clone());
                self.start_index_if_missing();
                // While the index is built the search waits for it (it
                // runs again when the index is ready): searching a large
                // archive article by article would take as long and slow
                // the build down.
                let effect = match self.index {
                    IndexState::Building(..) => Effect::StopSearch,
                    _ => Effect::Search(SearchJob {
                        generation: self.finder.as_ref().map_or(0, |f| f.generation),
                        query: q,
                    }),
                };
                self.effects.push(effect);
            }
            Err(e) => {
                finder.query = None;
                finder.undated = false;
                finder.error = Some(e.text(self.settings.lang));
                self.effects.push(Effect::StopSearch);
            }
        }
    }

    /// Enter in the prompt keeps the results; Esc keeps them too once a
    /// search was accepted, else leaves the search.
    pub(super) fn find_prompt_closed(&mut self, accepted: bool) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        if accepted {
            f.confirmed = true;
            f.focus = Pane::Articles;
        } else if !f.confirmed {
            self.effects.push(Effect::StopSearch);
            self.leave_finder();
        }
    }

    fn leave_finder(&mut self) {
        self.close_over(Screen::Results);
    }

    /// Whether index `h` was built from the archive in hand (a build of
    /// an older version may end after a reload).
    pub(super) fn index_fits(&self, h: &super::IndexHandle) -> bool {
        let stamp = self.archive.fingerprint().content;
        h.0.len() == self.archive.articles.len() && h.0.stamp() == stamp
    }

    /// A batch of results arrived.
    pub(super) fn found(&mut self, generation: u64, batch: Batch) {
        if batch.index_damaged {
            self.index_damaged();
        }
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        if f.add(generation, batch, &self.browse, &self.archive.articles) {
            f.relist(&self.archive.articles, &self.browse);
            self.fill_snippets();
        }
    }

    /// The index in use was found damaged (its text did not hash as
    /// written; the search counted those articles itself): said once, and
    /// built again in the background.
    fn index_damaged(&mut self) {
        if let IndexState::Ready(h) = &self.index {
            let damaged = h.clone();
            self.index = IndexState::Missing {
                path: h.0.path().to_path_buf(),
            };
            self.say(Msg::IndexDamaged);
            self.build_missing_index(Some(damaged));
        }
    }

    /// Builds the search index in the background the first time one is
    /// needed; searches go article by article meanwhile.
    fn start_index_if_missing(&mut self) {
        self.build_missing_index(None);
    }

    /// Asks for the missing index (instead of `damaged`, if it was).
    fn build_missing_index(&mut self, damaged: Option<super::IndexHandle>) {
        if let IndexState::Missing { path } = &self.index {
            let path = path.clone();
            self.effects.push(Effect::BuildIndex { path, damaged });
            self.index = IndexState::Building(0, self.archive.articles.len());
        }
    }

    /// The index is ready: run the current search again with it.
    pub(super) fn index_ready(&mut self, state: IndexState) {
        self.index = state;
        let text = self.finder.as_ref().map(|f| f.text.clone());
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            self.find_typed(&text);
        }
    }

    pub(super) fn update_results(&mut self, action: Action) {
        let page = (self.geo.articles.inner().height / ROWS_PER_RESULT).max(1) as isize;
        let metas = &self.archive.articles;
        let Some(f) = self.finder.as_mut() else {
            return self.leave_finder();
        };
        let mv = |f: &mut Finder, d: isize, browse: &super::Browse| match f.focus {
            Pane::Articles => f.selected = step(f.selected, d, f.listed.len()),
            Pane::Groups => {
                f.group = step(f.group, d, browse.entries.len());
                f.selected = 0;
            }
        };
        match action {
            Action::Down => mv(f, 1, &self.browse),
            Action::Up => mv(f, -1, &self.browse),
            Action::PageDown | Action::HalfPageDown => mv(f, page, &self.browse),
            Action::PageUp | Action::HalfPageUp => mv(f, -page, &self.browse),
            Action::Top => mv(f, isize::MIN / 2, &self.browse),
            Action::Bottom => mv(f, isize::MAX / 2, &self.browse),
            Action::NextPane => {
                f.focus = match f.focus {
                    Pane::Groups => Pane::Articles,
                    Pane::Articles => Pane::Groups,
                }
            }
            Action::FocusGroups => f.focus = Pane::Groups,
            Action::FocusArticles => f.focus = Pane::Articles,
            Action::Sort => f.order = f.order.next(),
            Action::CycleYear => f.next_year(metas, &self.browse),
            Action::ArchiveSearch | Action::StartFilter => return self.open_finder(),
            Action::Open if f.focus == Pane::Groups => f.focus = Pane::Articles,
            Action::Open => return self.open_hit(),
            Action::Back | Action::Cancel => {
                self.effects.push(Effect::StopSearch);
                return self.leave_finder();
            }
            _ => return,
        }
        f.relist(metas, &self.browse);
        self.fill_snippets();
        self.say_if_undated(&action);
    }

    /// `y`, or ordering the results by date, in an archive without dates:
    /// says why nothing changes.
    fn say_if_undated(&mut self, action: &Action) {
        let by_date = self.finder.as_ref().is_some_and(|f| f.order == Order::Date);
        let asked = match action {
            Action::CycleYear => true,
            Action::Sort => by_date,
            _ => false,
        };
        if asked && super::order::undated(&self.archive) {
            self.say_too(Msg::NoDatesInArchive);
        }
    }

    /// Asks for the snippets of the results on screen not asked for yet
    /// (a worker parses those articles once each; the answer is
    /// [`Action::SnippetsLoaded`]). Until it comes the rows show none.
    pub(super) fn fill_snippets(&mut self) {
        let rows = usize::from((self.geo.articles.inner().height / ROWS_PER_RESULT).max(1));
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        let Some(query) = f.query.as_ref().and_then(|q| q.query.clone()) else {
            return;
        };
        let first = super::geometry::scroll_offset(f.selected, rows);
        let wanted: Vec<usize> = f.listed[first.min(f.listed.len())..]
            .iter()
            .take(rows)
            .map(|h| h.article)
            .filter(|a| !f.snippets.contains_key(a) && !f.asked.contains(a))
            .collect();
        if wanted.is_empty() {
            return;
        }
        f.asked.extend(wanted.iter().copied());
        let job = SnippetJob {
            epoch: self.loads.epoch,
            generation: f.generation,
            text: f.query_text(),
            query,
            library: self.archive.clone(),
            articles: wanted,
            lang: self.settings.lang,
        };
        self.effects.push(Effect::LoadSnippets(job));
    }

    /// Snippets arrived: kept if they are for the results shown (the
    /// same search over the same version of the archive).
    pub(super) fn snippets_loaded(&mut self, answer: SnippetsLoaded) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        if answer.epoch != self.loads.epoch
            || answer.generation != f.generation
            || answer.text != f.query_text()
        {
            return;
        }
        for (a, snippet, why) in answer.items {
            f.snippets.insert(a, snippet);
            if let Some(why) = why {
                f.why.insert(a, why);
            }
        }
    }

    /// Enter on a result: the article, at the hit of its snippet, with the
    /// in-article search active.
    fn open_hit(&mut self) {
        let Some(f) = self.finder.as_ref() else {
            return;
        };
        let Some(hit) = f.current() else {
            return;
        };
        let index = f
            .snippets
            .get(&hit.article)
            .cloned()
            .flatten()
            .map(|s| s.index);
        self.open_at_hit(hit.article, index.unwrap_or(0));
    }

    /// Opens `article` from the results at its match number `index`
    /// (`usize::MAX`: the last one), with the in-article search active. It
    /// is a jump: `''` goes back to where reading stopped in the article,
    /// and the saved reading position stays.
    fn open_at_hit(&mut self, article: usize, index: usize) {
        let Some(f) = self.finder.as_ref() else {
            return;
        };
        let (text, siblings) = (f.query_text(), f.articles());
        let Some(query) = f.query.as_ref().and_then(|q| q.query.clone()) else {
            return;
        };
        let then = Then::Hit {
            index,
            siblings,
            text,
            query,
        };
        self.load_then(article, then);
    }

    /// `n` past the last hit (or `N` before the first) of an article opened
    /// from the results: on into the next (previous) article with hits.
    /// False when the reader did not come from the results.
    pub(super) fn follow_hit(&mut self, forward: bool) -> bool {
        let (Some(f), View::Read { reader, back }) = (self.finder.as_ref(), &self.view) else {
            return false;
        };
        if !back.is(Screen::Results) || reader.search.text != f.query_text() {
            return false;
        }
        let Some(here) = f.position_of(reader.article) else {
            return false;
        };
        let next = here.checked_add_signed(if forward { 1 } else { -1 });
        let Some(hit) = next.and_then(|i| f.listed.get(i).copied()) else {
            self.say(if forward {
                Msg::LastArticleWithHits
            } else {
                Msg::FirstArticleWithHits
            });
            return true;
        };
        if let Some(f) = self.finder.as_mut() {
            f.selected = next.unwrap_or(0);
        }
        self.open_at_hit(hit.article, if forward { 0 } else { usize::MAX });
        let title = crate::text::sanitize_line(&self.archive.articles[hit.article].title);
        let msg = if forward {
            Msg::NextArticleWithHits
        } else {
            Msg::PrevArticleWithHits
        };
        self.status = Some(format!("{}: {title}", msg.text(self.settings.lang)));
        true
    }
}

impl Finder {
    /// The text part of the query (facets taken out): what the reader
    /// searches for inside an article.
    pub fn query_text(&self) -> String {
        self.query
            .as_ref()
            .map_or(String::new(), |q| q.text.clone())
    }

    /// The ordering's name, for the status line.
    pub fn order_msg(&self) -> Msg {
        match self.order {
            Order::Archive => Msg::OrderArchive,
            Order::Hits => Msg::OrderHits,
            Order::Date => Msg::OrderDate,
        }
    }
}
