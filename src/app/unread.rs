//! Read marks and what follows from them: `r` toggles an article's mark,
//! `U` opens the next unread article (newsboat's habit), the group pane
//! counts unread articles, and the list starts on the article read last,
//! which `C` continues. Also the list's order (`S`) and the group pane's
//! visibility (`V`).

use std::collections::HashSet;

use super::browse::Pane;
use super::{App, Msg};
use crate::store::Status;
use crate::text::sanitize_line;

impl App {
    /// `r`: marks the open article, or the one under the list's cursor,
    /// read, or (when it is read) unread. The reading position stays.
    pub(super) fn toggle_read(&mut self) {
        let Some(article) = self
            .view
            .reader()
            .map(|r| r.article)
            .or(self.browse.current())
        else {
            return;
        };
        let Some(p) = self.persist.as_ref() else {
            return self.say(Msg::NoStore);
        };
        let id = &self.archive.articles[article].id;
        let read = p.status(id) != Status::Read;
        let status = if read { Status::Read } else { Status::Unread };
        // An article never opened has no position yet: its start, once
        // its body is read.
        if p.store.position(&p.key, id).is_none() {
            return self.load_then(article, super::loads::Then::Mark(status));
        }
        if let Some(r) = self.view.reader_mut() {
            r.finished = read;
            r.remembered = Some((r.reading, r.finished));
        }
        self.marked(article, None, status);
    }

    /// `U`: the next article not read yet, after the current one in the
    /// list the reader came from (or the list on screen), wrapping round:
    /// in the list, the article under the cursor comes last (it is not
    /// open yet), as newsboat does; the open article is never next.
    pub(super) fn next_unread(&mut self) {
        let open = self.view.reader().map(|r| r.article);
        let (list, here) = match self.view.reader() {
            Some(r) => (
                r.siblings.clone(),
                r.siblings.iter().position(|&i| i == r.article),
            ),
            None => (self.browse.visible.clone(), Some(self.browse.selected)),
        };
        let n = list.len();
        let start = here.map_or(0, |h| h + 1);
        let found = (0..n)
            .map(|k| list[(start + k) % n])
            .find(|&i| Some(i) != open && self.read_status(i) != Status::Read);
        let Some(article) = found else {
            return self.say(self.no_next_unread(open, &list));
        };
        if self.view.reader().is_some() {
            self.open_sibling(article, list);
        } else {
            self.browse.selected = list.iter().position(|&i| i == article).unwrap_or(0);
            self.open_article(article, list);
        }
    }

    /// Why `U` found nothing in `list`: the open article is the last one
    /// unread, or there are unread ones only outside the list, or none.
    fn no_next_unread(&self, open: Option<usize>, list: &[usize]) -> Msg {
        let unread = |i: usize| self.read_status(i) != Status::Read;
        let listed: HashSet<usize> = list.iter().copied().chain(open).collect();
        let elsewhere = (0..self.archive.articles.len())
            .filter(|i| !listed.contains(i) && self.archive.broken(*i).is_none())
            .any(unread);
        match (elsewhere, open.is_some_and(unread)) {
            (true, _) => Msg::NoUnreadHere,
            (false, true) => Msg::LastUnread,
            (false, false) => Msg::NoUnread,
        }
    }

    /// The article read last (see `Persist::last_read`).
    pub fn last_read_article(&self) -> Option<usize> {
        let id = self.persist.as_ref()?.last_read()?;
        self.archive.articles.iter().position(|a| a.id == id)
    }

    /// `C`: opens the article read last where reading stopped (showing
    /// the whole list if a group or filter hid it).
    pub(super) fn continue_reading(&mut self) {
        let Some(article) = self.last_read_article() else {
            return self.say(Msg::NothingToContinue);
        };
        if !self.browse.visible.contains(&article) {
            self.browse.filter.clear();
            self.browse.group = 0;
            self.browse.refresh(&self.archive);
        }
        self.browse.focus = Pane::Articles;
        self.browse.selected = (self.browse.visible.iter())
            .position(|&i| i == article)
            .unwrap_or(0);
        self.open_article(article, self.browse.visible.clone());
    }

    /// At start: the list's cursor on the article read last, and, if it
    /// was left unfinished, an offer to continue it on the status line.
    pub(super) fn start_on_last_read(&mut self) {
        let Some(article) = self.last_read_article() else {
            return;
        };
        if let Some(row) = self.browse.visible.iter().position(|&i| i == article) {
            self.browse.selected = row;
        }
        if self.read_status(article) == Status::InProgress {
            // The key first: a long title may be cut at the edge.
            let a = &self.archive.articles[article];
            let key = (self.keymap)
                .first_key(super::Context::Browse, &super::Action::ContinueReading)
                .map_or_else(String::new, |k| k.label());
            let (title, id) = (sanitize_line(&a.title), sanitize_line(&a.id));
            let lang = self.settings.lang;
            self.status = Some(super::i18n::continue_reading(lang, &key, &title, &id));
        }
    }

    /// Counts each group's unread articles again when read marks may
    /// have changed.
    pub(super) fn refresh_unread(&mut self) {
        let Some(p) = self.persist.as_ref() else {
            return;
        };
        if self.browse.unread_gen == Some(p.generation) {
            return;
        }
        // From each group's size, less its articles read: the read ones
        // are few, the articles may be a hundred thousand (this runs
        // whenever a read mark may have changed, saves included).
        let statuses = p.store.statuses(&p.key);
        let b = &mut self.browse;
        let mut unread: Vec<usize> = (0..b.entries.len()).map(|e| b.count(e)).collect();
        let read = (statuses.iter())
            .filter(|(_, s)| **s == Status::Read)
            .filter_map(|(id, _)| self.archive.index_of(id));
        for i in read {
            for e in b.entries_holding(i) {
                if let Some(n) = unread.get_mut(e) {
                    *n = n.saturating_sub(1);
                }
            }
        }
        b.unread = unread;
        b.unread_gen = Some(p.generation);
    }

    /// `S`: the next order of the article list, the cursor staying on
    /// its article.
    pub(super) fn cycle_sort(&mut self) {
        let current = self.browse.current();
        self.browse.sort = self.browse.sort.next();
        self.browse.refresh(&self.archive);
        if let Some(row) = current.and_then(|a| self.browse.visible.iter().position(|&i| i == a)) {
            self.browse.selected = row;
        }
        self.say(self.browse.sort.label());
        if self.browse.sort == super::order::SortKey::Date && super::order::undated(&self.archive) {
            self.say_too(Msg::NoDatesInArchive);
        }
    }

    /// `V`: hides or shows the group pane (an archive with one group has
    /// none to show).
    pub(super) fn toggle_groups(&mut self) {
        if self.browse.entries.len() <= 1 {
            return self.say(Msg::OneGroupOnly);
        }
        self.browse.hidden = !self.browse.hidden;
        self.browse.focus = Pane::Articles;
        let (w, h) = self.size;
        self.resize(w, h);
    }
}
