//! Jumps and the jump list. A jump moves the view without reading: `g`,
//! `G`, `NN%`, `NNg`, section and outline jumps, search confirmations and
//! `n`/`N`, bookmarks, and hits followed from outside the article. Each
//! records where it started in the article's jump list, and `''`, Ctrl-o
//! and Ctrl-i walk it. The places are anchors (text with a fingerprint,
//! so they survive a resize and a new version of the archive) and the
//! lists are kept by article id for the session (so they survive closing
//! and reopening, and a reload that moves articles about).

use super::mode::View;
use super::persist::{locate, units};
use super::screens::Screen;
use super::{App, Msg, Reader};
use crate::store::{Anchor, make_anchor};
use crate::text::{Doc, Pos};

/// Most places kept per article.
const MAX_JUMPS: usize = 100;

/// One article's jump list, like a browser's history: the places jumps
/// started from (`back`, oldest first) and, after going back, the places
/// to go forward to again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JumpList<P = Anchor> {
    back: Vec<P>,
    forward: Vec<P>,
}

impl<P> Default for JumpList<P> {
    fn default() -> Self {
        JumpList {
            back: Vec::new(),
            forward: Vec::new(),
        }
    }
}

impl<P: PartialEq> JumpList<P> {
    /// A jump from `from`: remembered; places ahead are forgotten.
    pub fn record(&mut self, from: P) {
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
    pub fn swap(&mut self, here: P) -> Option<P> {
        let to = self.back.pop()?;
        self.record(here);
        Some(to)
    }

    /// Ctrl-o: one place back; `here` can be returned to with Ctrl-i.
    pub fn older(&mut self, here: P) -> Option<P> {
        let to = self.back.pop()?;
        self.forward.push(here);
        Some(to)
    }

    /// Ctrl-i: forward again after Ctrl-o.
    pub fn newer(&mut self, here: P) -> Option<P> {
        let to = self.forward.pop()?;
        self.back.push(here);
        Some(to)
    }

    /// The places jumps started from, oldest first.
    pub fn places(&self) -> &[P] {
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

/// `pos` in the open article as a place for its jump list.
fn place(id: &str, doc: &Doc, pos: Pos) -> Anchor {
    make_anchor(id, &units(doc), pos.unit, pos.offset)
}

/// Where a place of the jump list is in `doc` now: its text, or, when
/// that is gone, the start of its unit (or the nearest one).
fn where_now(place: &Anchor, doc: &Doc) -> Pos {
    locate(place, doc).unwrap_or(Pos {
        unit: place.unit.min(doc.units.len().saturating_sub(1)),
        offset: 0,
    })
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
        self.record_jump(from);
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
        self.record_jump(from);
    }

    /// The open article's view landed where it is by a jump from `from`.
    fn record_jump(&mut self, from: Pos) {
        let Some(r) = self.view.reader_mut() else {
            return;
        };
        r.landed_here();
        let id = &self.archive.articles[r.article].id;
        let list = self.jumps.entry(id.clone()).or_default();
        list.record(place(id, &r.doc, from));
    }

    /// `''`, Ctrl-o, Ctrl-i: walks the open article's jump list `count`
    /// times.
    pub(super) fn walk_jumps(&mut self, walk: Walk, count: usize) {
        let height = self.geo.reader.body_height;
        let Some(r) = self.view.reader_mut() else {
            return;
        };
        let id = &self.archive.articles[r.article].id;
        let list = self.jumps.entry(id.clone()).or_default();
        match walk_list(list, walk, count, place(id, &r.doc, r.anchor)) {
            Some(to) => go(r, &to, height),
            None if walk == Walk::Newer => self.say(Msg::NoJumpForward),
            None => self.say(Msg::NoJumpBack),
        }
    }

    /// `'` in the bookmark list (so `''` from the reader): closes the list
    /// and goes back to where the last jump in the article under it started.
    pub(super) fn jump_back_from_marks(&mut self) {
        if !self.view.is(Screen::Bookmarks) {
            return;
        }
        if self.view.back().and_then(View::reader).is_none() {
            return self.say(Msg::NoJumpBack);
        }
        self.close_over(Screen::Bookmarks);
        self.walk_jumps(Walk::Swap, 1);
    }
}

/// Walks `list` `count` times from `here`; where it ends, if it moved.
fn walk_list(list: &mut JumpList, walk: Walk, count: usize, here: Anchor) -> Option<Anchor> {
    let mut to = None;
    for _ in 0..count.max(1) {
        let here = to.clone().unwrap_or_else(|| here.clone());
        let next = match walk {
            Walk::Swap => list.swap(here),
            Walk::Older => list.older(here),
            Walk::Newer => list.newer(here),
        };
        match next {
            Some(next) => to = Some(next),
            None => break,
        }
    }
    to
}

/// Puts the reader's view at `place`, as the end of a jump.
fn go(r: &mut Reader, place: &Anchor, height: u16) {
    r.jump_to(where_now(place, &r.doc), height);
    r.landed_here();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(unit: usize) -> Pos {
        Pos { unit, offset: 0 }
    }

    #[test]
    fn quote_quote_goes_back_and_forth() {
        let mut j = JumpList::<Pos>::default();
        j.record(p(1));
        assert_eq!(j.swap(p(9)), Some(p(1)));
        assert_eq!(j.swap(p(1)), Some(p(9)));
        assert_eq!(j.swap(p(9)), Some(p(1)));
    }

    #[test]
    fn older_and_newer_walk_like_a_browser_history() {
        let mut j = JumpList::<Pos>::default();
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
        let mut j = JumpList::<Pos>::default();
        for i in 0..300 {
            j.record(p(i / 2));
        }
        assert_eq!(j.places().len(), MAX_JUMPS);
        assert_eq!(j.places().last(), Some(&p(149)));
    }
}
