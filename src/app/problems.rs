//! The problems view (`!`): every problem the lenient reading of the
//! archive found, with where it is; Enter opens the article of one.

use super::browse::step;
use super::screens::Screen;
use super::{Action, App, Msg};
use crate::text::sanitize_line;

/// State of the problems view.
#[derive(Debug, Clone, Default)]
pub struct ProblemsView {
    pub selected: usize,
    /// What `App::problem_list` was worked out for: the version of the
    /// archive, how many problems it knew, whether a reload had failed.
    seen: Option<(u64, usize, Option<usize>)>,
}

/// One row of the problems view, in the interface language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProblemItem {
    /// What is wrong: `文章 blank：第 1 块：text 为空`.
    pub what: String,
    /// Where: the file (and line).
    pub place: String,
    /// The article it is about, to open.
    pub article: Option<usize>,
}

impl App {
    /// Every problem known so far, in archive order; first, why the
    /// archive could not be read again, if it could not (as of the last
    /// update: see [`App::refresh_problems`]).
    pub fn problems(&self) -> &[ProblemItem] {
        &self.problem_list
    }

    /// Works the problem list out again if problems were found since
    /// (bodies read by a worker, a new version of the archive, a reload
    /// that failed); called as their answers come in, never per frame.
    pub(super) fn refresh_problems(&mut self) {
        let seen = (
            self.loads.epoch,
            self.archive.problem_count(),
            (self.reload_failed.as_ref()).map(|e| std::sync::Arc::as_ptr(e) as usize),
        );
        if self.problems_view.seen == Some(seen) {
            return;
        }
        self.problems_view.seen = Some(seen);
        let lang = self.settings.lang;
        let reload = self.reload_failed.as_ref().map(|e| ProblemItem {
            what: Msg::ReloadFailed.text(lang).to_string(),
            place: sanitize_line(&e.text(lang)),
            article: None,
        });
        let found = self
            .archive
            .problems()
            .into_iter()
            .map(|(article, p)| ProblemItem {
                what: sanitize_line(&p.what(lang)),
                place: p.location.as_deref().map(sanitize_line).unwrap_or_default(),
                article,
            });
        self.problem_list = reload.into_iter().chain(found).collect();
    }

    /// How many problems are known so far.
    pub fn problem_count(&self) -> usize {
        self.problem_list.len()
    }

    /// `3 problems - press ! to see`, when there are any.
    pub fn problems_line(&self) -> Option<String> {
        self.problems_note(super::i18n::problems_line)
    }

    /// `3 problems (!)`, when there are any: beside another message.
    pub fn problems_short(&self) -> Option<String> {
        self.problems_note(super::i18n::problems_short)
    }

    fn problems_note(&self, say: fn(super::Lang, usize, &str) -> String) -> Option<String> {
        let count = self.problem_count();
        let key = self
            .keymap
            .first_key(super::Context::Global, &Action::Problems)?;
        (count > 0).then(|| say(self.settings.lang, count, &key.label()))
    }

    pub(super) fn open_problems(&mut self) {
        self.show_over(Screen::Problems);
        self.problems_view.selected = 0;
        if self.problem_count() == 0 {
            self.say(Msg::NoProblems);
        }
    }

    pub(super) fn update_problems(&mut self, action: Action) {
        let len = self.problem_count();
        let page = self.geo.list_page() as isize;
        let p = &mut self.problems_view;
        match action {
            Action::Down => p.selected = step(p.selected, 1, len),
            Action::Up => p.selected = step(p.selected, -1, len),
            Action::PageDown => p.selected = step(p.selected, page, len),
            Action::PageUp => p.selected = step(p.selected, -page, len),
            Action::Top => p.selected = 0,
            Action::Bottom => p.selected = len.saturating_sub(1),
            Action::Open => self.open_problem(),
            Action::Back | Action::Cancel => self.close_over(Screen::Problems),
            _ => {}
        }
    }

    /// Opens the article of the selected problem, if it can be opened
    /// (else says why).
    fn open_problem(&mut self) {
        let Some(article) = (self.problems())
            .get(self.problems_view.selected)
            .and_then(|p| p.article)
        else {
            return;
        };
        let siblings = if self.browse.visible.contains(&article) {
            self.browse.visible.clone()
        } else {
            vec![article]
        };
        self.open_article(article, siblings);
    }
}
