//! In-article search: `/` opens the prompt, matches update as the user
//! types, Enter keeps them, Esc returns to where reading was, `n`/`N` walk
//! through them with wrap-around. The last query is kept for the session.

use super::input::TextInput;
use super::mode::{Modal, PromptKind, View};
use super::{App, Msg, Reader};
use crate::text::Pos;
use crate::text::search::{Match, Query, SearchIndex, first_from, match_pos};

/// Lines of context kept above the current match when scrolling to it.
const CONTEXT_ABOVE: usize = 2;

/// The search state of the open article.
#[derive(Debug, Clone, Default)]
pub struct Search {
    pub text: String,
    pub matches: Vec<Match>,
    pub current: Option<usize>,
    /// Why the query could not be used (a bad regular expression).
    pub error: Option<crate::text::search::QueryError>,
    /// Where the view was when the prompt opened (for Esc): the text at
    /// its top, never a line, which a resize meanwhile would make wrong.
    origin: Option<Pos>,
}

impl Search {
    /// `3/17`, `no match`, or the error, for the status line and prompt.
    pub fn summary(&self, lang: super::Lang) -> String {
        if let Some(e) = &self.error {
            return e.text(lang);
        }
        match (self.current, self.matches.len()) {
            (_, 0) if self.text.trim().is_empty() => String::new(),
            (_, 0) => Msg::NoMatch.text(lang).to_string(),
            (Some(i), n) => format!("{}/{n}", i + 1),
            (None, n) => format!("{n}"),
        }
    }
}

impl App {
    /// The open article's reader when it is on screen.
    pub(super) fn reader_mut(&mut self) -> Option<&mut Reader> {
        match &mut self.view {
            View::Read { reader, .. } => Some(reader),
            _ => None,
        }
    }

    pub(super) fn start_search(&mut self) {
        let Some(r) = self.reader_mut() else {
            return;
        };
        r.search = Search {
            origin: Some(r.anchor),
            ..Search::default()
        };
        let last = self
            .last_query
            .clone()
            .or_else(|| self.last_entry("search"));
        self.modal = Modal::Prompt {
            kind: PromptKind::Search,
            input: TextInput::offered(last.as_deref().unwrap_or_default()),
        };
        // The view shows the matches of the text offered, as of any typed.
        if last.is_some() {
            self.search_typed();
        }
    }

    /// Re-runs the query after every keystroke in the prompt.
    pub(super) fn search_typed(&mut self) {
        let text = self.modal.input().map(|i| i.text().to_string());
        let text = text.unwrap_or_default();
        let height = self.geo.reader.body_height;
        let Some(r) = self.reader_mut() else {
            return;
        };
        let from = r.search.origin.unwrap_or(r.anchor);
        run_query(r, &text, from);
        match r.search.current {
            Some(i) => show_match(r, i, height),
            None => {
                if let Some(origin) = r.search.origin {
                    r.jump_to(origin, height);
                }
            }
        }
    }

    /// Enter: keep the matches, close the prompt, remember the query.
    /// Moving to the match was a jump from where the prompt opened.
    pub(super) fn search_accepted(&mut self) {
        let mut origin = None;
        if let View::Read { reader: r, .. } = &mut self.view {
            origin = r.search.origin.take();
            if !r.search.text.trim().is_empty() {
                self.last_query = Some(r.search.text.clone());
            }
        }
        if let Some(from) = origin {
            self.jumped_from(from);
        }
    }

    /// Esc: back to where reading was, no highlights.
    pub(super) fn search_cancelled(&mut self) {
        let height = self.geo.reader.body_height;
        let Some(r) = self.reader_mut() else {
            return;
        };
        if let Some(origin) = r.search.origin.take() {
            r.jump_to(origin, height);
        }
        r.search = Search::default();
    }

    /// `n`/`N` (`times` over with a count): the next or previous match,
    /// as a jump.
    pub(super) fn next_match(&mut self, forward: bool, times: usize) {
        let Some((from, article)) = self.reader().map(|r| (r.anchor, r.article)) else {
            return;
        };
        for _ in 0..times.max(1) {
            if !self.step_match(forward) {
                break;
            }
        }
        // On into another article (from the archive search), the jump was
        // recorded there on opening.
        if self.reader().is_some_and(|r| r.article == article) {
            self.jumped_from(from);
        }
    }

    /// One match on, wrapping with a notice; false when there is none.
    /// With no search in this article yet, the session's last query runs
    /// again.
    fn step_match(&mut self, forward: bool) -> bool {
        let height = self.geo.reader.body_height;
        let last = self.last_query.clone();
        let Some(r) = self.reader_mut() else {
            return false;
        };
        if r.search.text.is_empty() {
            let Some(q) = last else {
                self.say(Msg::NoSearch);
                return false;
            };
            let from = r.anchor;
            run_query(r, &q, from);
            if let Some(i) = r.search.current {
                show_match(r, i, height);
                return true;
            }
        }
        let n = r.search.matches.len();
        let Some(cur) = r.search.current.filter(|_| n > 0) else {
            self.say(Msg::NoMatch);
            return false;
        };
        let (next, wrapped) = match forward {
            true => ((cur + 1) % n, cur + 1 == n),
            false => ((cur + n - 1) % n, cur == 0),
        };
        // From the archive search, past the last hit goes on to the next
        // article with hits.
        if wrapped && self.follow_hit(forward) {
            return false;
        }
        let Some(r) = self.reader_mut() else {
            return false;
        };
        r.search.current = Some(next);
        show_match(r, next, height);
        if wrapped {
            self.say(if forward {
                Msg::WrappedTop
            } else {
                Msg::WrappedBottom
            });
        }
        true
    }
}

/// Runs `text` as a query over the reader's article; the current match is
/// the first at or after `from`.
pub(super) fn run_query(r: &mut Reader, text: &str, from: Pos) {
    r.search.text = text.to_string();
    r.search.error = None;
    r.search.matches.clear();
    r.search.current = None;
    match Query::parse(text) {
        Ok(Some(q)) => {
            let index = r.index.get_or_insert_with(|| SearchIndex::new(&r.doc));
            r.search.matches = index.find_all(&q);
            r.search.current = first_from(&r.doc, &r.search.matches, from);
        }
        Ok(None) => {}
        Err(e) => r.search.error = Some(e),
    }
}

/// Scrolls so match `i` is visible with a little context above it.
pub(super) fn show_match(r: &mut Reader, i: usize, height: u16) {
    let Some(m) = r.search.matches.get(i) else {
        return;
    };
    let pos = match_pos(&r.doc, m);
    let line = r.layout.line_of(&r.doc, pos);
    let visible = r.top..r.top + usize::from(height);
    if !visible.contains(&line) || line < r.top + CONTEXT_ABOVE.min(line) {
        r.scroll_to(line.saturating_sub(CONTEXT_ABOVE), height);
    }
}
