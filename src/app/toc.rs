//! The outline over an article (its table of contents): every section,
//! indented by level, the current one marked; typing filters it with the
//! search's folding (and pinyin); Enter jumps to the section.

use super::screens::Screen;
use super::{Action, App, Msg};
use crate::text::pinyin::{is_pinyin_query, pinyin_matches};
use crate::text::search::fold_key;

/// State of the outline view.
#[derive(Debug, Clone, Default)]
pub struct Toc {
    /// Row of the cursor in the (filtered) list.
    pub selected: usize,
    /// The filter in force (edited in a `Modal::Filter`).
    pub filter: String,
}

impl App {
    /// The sections the outline lists: all, or those whose number and
    /// title match the filter (folded like the search: full and half
    /// width, traditional and simplified, case; or by pinyin).
    pub fn toc_rows(&self) -> Vec<usize> {
        let Some(r) = self.view.reader() else {
            return Vec::new();
        };
        let raw = self.toc.filter.trim();
        let folded = fold_key(raw);
        let pinyin = is_pinyin_query(raw);
        let sections = &r.outline.sections;
        (0..sections.len())
            .filter(|&i| {
                let label = sections[i].label();
                folded.is_empty()
                    || fold_key(&label).contains(&folded)
                    || pinyin && pinyin_matches(&sections[i].title, raw)
            })
            .collect()
    }

    /// Opens the outline of the article on screen, the cursor on the
    /// section being read; an article without sections says so instead.
    pub(super) fn open_toc(&mut self) {
        let Some(r) = self.reader() else {
            return;
        };
        if r.outline.is_empty() {
            return self.say(Msg::NoSections);
        }
        let current = r.section().unwrap_or(0);
        self.toc = super::toc::Toc {
            selected: current,
            filter: String::new(),
        };
        self.show_over(Screen::Outline);
    }

    pub(super) fn update_toc(&mut self, action: Action) {
        let len = self.toc_rows().len();
        let page = usize::from(self.geo.body.height.saturating_sub(2).max(1)) as isize;
        let step = |at, d| super::browse::step(at, d, len);
        let t = &mut self.toc;
        match action {
            Action::Down => t.selected = step(t.selected, 1),
            Action::Up => t.selected = step(t.selected, -1),
            Action::PageDown => t.selected = step(t.selected, page),
            Action::PageUp => t.selected = step(t.selected, -page),
            Action::Top => t.selected = 0,
            Action::Bottom => t.selected = len.saturating_sub(1),
            Action::StartFilter => self.start_filter(None),
            Action::Input(c) => self.start_filter(Some(c.to_string())),
            Action::Paste(text) => self.start_filter(Some(text)),
            Action::Open => self.toc_jump(),
            Action::Back | Action::Cancel if !t.filter.is_empty() => self.set_filter(""),
            Action::Back | Action::Cancel | Action::Outline => self.close_toc(),
            _ => {}
        }
    }

    /// Back to the article.
    fn close_toc(&mut self) {
        self.close_over(Screen::Outline);
    }

    /// Enter: back to the article, at the selected section (a jump).
    fn toc_jump(&mut self) {
        let rows = self.toc_rows();
        let target = rows.get(self.toc.selected).and_then(|&i| {
            let r = self.view.reader()?;
            Some(r.outline.sections[i].start())
        });
        self.close_toc();
        if let Some(pos) = target {
            self.jump(pos);
        }
    }
}
