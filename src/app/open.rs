//! Opening and closing articles: where reading resumes, the previous and
//! next article of the group, and going back to the list.

use super::effect::Effect;
use super::loads::Then;
use super::mode::View;
use super::screens::{self, Under};
use super::{App, Msg, Reader};
use crate::text::{Doc, Pos};

impl App {
    /// Opens an article where reading last stopped (once its body is
    /// read: see `loads`).
    pub(super) fn open_article(&mut self, article: usize, siblings: Vec<usize>) {
        let then = Then::Open {
            siblings,
            jump: None,
        };
        self.load_then(article, then);
    }

    /// Opens `article` (resuming where reading stopped) and jumps to `pos`
    /// in it: the resumed place goes into the article's jump list, so `''`
    /// returns there, and the saved reading position stays where it was.
    /// For following a hit or a link into an article. The body is read
    /// by the effects returned (perform them, then the answer opens it).
    #[must_use = "the effects read the article (see app::effect)"]
    pub fn open_and_jump(&mut self, article: usize, siblings: Vec<usize>, pos: Pos) -> Vec<Effect> {
        let then = Then::Open {
            siblings,
            jump: Some(pos),
        };
        self.load_then(article, then);
        std::mem::take(&mut self.effects)
    }

    /// Opens an article with `pos`, where reading stopped, at the top of
    /// the view (or the top). The reader goes back to the list, or to
    /// where the article it replaces would have gone back to. An article
    /// that fits on one screen is read as soon as it is open.
    pub(super) fn open_article_at(
        &mut self,
        article: usize,
        doc: Doc,
        siblings: Vec<usize>,
        pos: Option<Pos>,
    ) {
        let g = self.geo.reader;
        let mut reader = Reader::open(article, doc, siblings, g.text_width, self.settings.mode);
        if let Some(pos) = pos {
            reader.jump_to(pos, g.body_height);
            reader.reading = pos;
        }
        reader.finished = reader.max_top(g.body_height) == 0;
        let back = match std::mem::replace(&mut self.view, View::Browse) {
            View::Read { back, .. } => back,
            // The screen's row says where `q` returns.
            View::Over { screen, back } => match screens::info(screen).under() {
                Under::Kept => Box::new(View::Over { screen, back }),
                Under::List | Under::Article | Under::None => Box::new(View::Browse),
            },
            View::Browse => Box::new(View::Browse),
        };
        self.view = View::Read {
            reader: Box::new(reader),
            back,
        };
    }

    /// The article `delta` places along the list the reader was opened
    /// from.
    pub(super) fn sibling(&mut self, delta: isize) {
        let Some(r) = self.reader_mut() else {
            return;
        };
        let siblings = r.siblings.clone();
        let here = siblings.iter().position(|&i| i == r.article).unwrap_or(0);
        let Some(next) = here
            .checked_add_signed(delta)
            .filter(|&n| n < siblings.len())
        else {
            return self.say(if delta < 0 {
                Msg::FirstInGroup
            } else {
                Msg::LastInGroup
            });
        };
        self.open_sibling(siblings[next], siblings);
    }

    /// Opens `article` from the reader, keeping the list's cursor on it.
    pub(super) fn open_sibling(&mut self, article: usize, siblings: Vec<usize>) {
        if let Some(pos) = self.browse.visible.iter().position(|&i| i == article) {
            self.browse.selected = pos;
        }
        self.open_article(article, siblings);
    }

    pub(super) fn close_reader(&mut self) {
        if let View::Read { back, .. } = std::mem::replace(&mut self.view, View::Browse) {
            self.view = *back;
        }
    }
}
