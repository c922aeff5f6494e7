//! Jumps and the jump list. A jump moves the view without reading: `g`,
//! `G`, `NN%`, `NNg`, section and outline jumps, search confirmations and
//! `n`/`N`, bookmarks, and hits followed from outside the article. Each
//! records where it started in the article's jump list (text positions,
//! so it survives a resize; kept per article for the session, so it
//! survives closing and reopening), and `''`, Ctrl-o and Ctrl-i walk it.

use super::mode::View;
use super::{App, Msg};
use crate::text::Pos;

/// Most places kept per article.
const MAX_JUMPS: usize = 100;

/// One article's jump list, like a browser's history: the places jumps
/// started from (`back`, oldest first) and, after going back, the places
/// to go forward to again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    back: Vec<Pos>,
    forward: Vec<Pos>,
}

impl JumpList {
    /// A jump from `from`: remembered; places ahead are forgotten.
    pub fn record(&mut self, from: Pos) {
        if self.back.last() != Some(&from) {
            self.back.push(from);
        }
        if self.back.len() > MAX_JUMPS {
            self.back.remove(0);
        }
        self.forward.clear();
    }

    /// `''`: where the last jump started; `here` becomes the place `''`
    /// returns to next (so `''` twice comes back).
    pub fn swap(&mut self, here: Pos) -> Option<Pos> {
        let to = self.back.pop()?;
        self.record(here);
        Some(to)
    }

    /// Ctrl-o: one place back; `here` can be returned to with Ctrl-i.
    pub fn older(&mut self, here: Pos) -> Option<Pos> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// Ctrl-i: forward again after Ctrl-o.
    pub fn newer(&mut self, here: Pos) -> Option<Pos> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// The places jumps started from, oldest first.
    pub fn places(&self) -> &[Pos] {
        &self.back
    }
}

/// Which way to walk the jump list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Walk {
    /// `''`: to the last jump's start and back again.
    Swap,
    /// Ctrl-o.
    Older,
    /// Ctrl-i.
    Newer,
}

impl App {
    /// Moves the open article's view to `pos` as a jump: the place the
    /// view leaves goes into the article's jump list (`''`, Ctrl-o return
    /// there), and the move is not reading (the saved reading position
    /// and the read mark stay as they were). Does nothing without an open
    /// article; a jump to where the view already is records nothing.
    pub fn jump(&mut self, pos: Pos) {
        let height = self.geo.reader.body_height;
        let Some(r) = self.view.reader_mut() else {
            return;
        };
        let (from, top) = (r.anchor, r.top);
        r.jump_to(pos, height);
        if r.anchor == from && r.top == top {
            return;
        }
        r.landed_here();
        let article = r.article;
        self.jumps.entry(article).or_default().record(from);
    }

    /// Records that the view of the open article moved from `from` to
    /// where it is now by a jump (for moves made by other code, such as
    /// showing a search match).
    pub(super) fn jumped_from(&mut self, from: Pos) {
        let Some(r) = self.view.reader_mut() else {
            return;
        };
        if r.anchor == from {
            return;
        }
        r.landed_here();
        let article = r.article;
        self.jumps.entry(article).or_default().record(from);
    }

    /// `''`, Ctrl-o, Ctrl-i: walks the open article's jump list `count`
    /// times.
    pub(super) fn walk_jumps(&mut self, walk: Walk, count: usize) {
        let height = self.geo.reader.body_height;
        let Some(r) = self.view.reader_mut() else {
            return;
        };
        let list = self.jumps.entry(r.article).or_default();
        let mut to = None;
        for _ in 0..count.max(1) {
            let here = to.unwrap_or(r.anchor);
            let Some(next) = (match walk {
                Walk::Swap => list.swap(here),
                Walk::Older => list.older(here),
                Walk::Newer => list.newer(here),
            }) else {
                break;
            };
            to = Some(next);
        }
        match to {
            Some(pos) => {
                r.jump_to(pos, height);
                r.landed_here();
            }
            None if walk == Walk::Newer => self.say(Msg::NoJumpForward),
            None => self.say(Msg::NoJumpBack),
        }
    }

    /// `'` in the bookmark list (so `''` from the reader): closes the list
    /// and goes back to where the last jump in the article under it started.
    pub(super) fn jump_back_from_marks(&mut self) {
        let View::Bookmarks { back } = &self.view else {
            return;
        };
        if back.reader().is_none() {
            return self.say(Msg::NoJumpBack);
        }
        if let View::Bookmarks { back } = std::mem::replace(&mut self.view, View::Browse) {
            self.view = *back;
        }
        self.walk_jumps(Walk::Swap, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(unit: usize) -> Pos {
        Pos { unit, offset: 0 }
    }

    #[test]
    fn quote_quote_goes_back_and_forth() {
        let mut j = JumpList::default();
        j.record(p(1));
        assert_eq!(j.swap(p(9)), Some(p(1)));
        assert_eq!(j.swap(p(1)), Some(p(9)));
        assert_eq!(j.swap(p(9)), Some(p(1)));
    }

    #[test]
    fn older_and_newer_walk_like_a_browser_history() {
        let mut j = JumpList::default();
        j.record(p(1)); // 1 -> 2
        j.record(p(2)); // 2 -> 3
        assert_eq!(j.older(p(3)), Some(p(2)));
        assert_eq!(j.older(p(2)), Some(p(1)));
        assert_eq!(j.older(p(1)), None);
        assert_eq!(j.newer(p(1)), Some(p(2)));
        assert_eq!(j.newer(p(2)), Some(p(3)));
        assert_eq!(j.newer(p(3)), None);
        j.older(p(3));
        j.record(p(2)); // a new jump forgets the places ahead
        assert_eq!(j.newer(p(7)), None);
    }

    #[test]
    fn the_list_is_bounded_and_skips_repeats() {
        let mut j = JumpList::default();
        for i in 0..300 {
            j.record(p(i / 2));
        }
        assert_eq!(j.places().len(), MAX_JUMPS);
        assert_eq!(j.places().last(), Some(&p(149)));
    }
}
