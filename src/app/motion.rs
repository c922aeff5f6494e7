//! The reader's keys: scrolling (reading), jumps (`g`, `G`, `NN%`,
//! `NNg`, sections), the jump list, and a count typed before any of them
//! (`5j`, `3}`, `50%`).

use super::jumps::Walk;
use super::{Action, App, Msg};
use crate::text::Pos;

/// The largest count kept (more digits are ignored).
const MAX_COUNT: u32 = 99_999;

impl App {
    /// The reader's actions; `count` is the number typed before the key.
    pub(super) fn update_reader(&mut self, action: Action, count: Option<u32>) {
        let height = self.geo.reader.body_height;
        let page = height.saturating_sub(1).max(1) as isize;
        let n = count.unwrap_or(1).max(1) as isize;
        let times = n as usize;
        let Some(r) = self.view.reader_mut() else {
            return;
        };
        match action {
            Action::Digit(d) => {
                let c = count.unwrap_or(0).saturating_mul(10) + u32::from(d);
                self.count = Some(c.min(MAX_COUNT));
            }
            Action::Down => r.read_by(n, height),
            Action::Up => r.scroll_by(-n, height),
            Action::PageDown => r.read_by(page * n, height),
            Action::PageUp => r.scroll_by(-page * n, height),
            Action::HalfPageDown => r.read_by((page / 2 + 1) * n, height),
            Action::HalfPageUp => r.scroll_by(-(page / 2 + 1) * n, height),
            Action::Scroll(d) if d > 0 => r.read_by(isize::from(d), height),
            Action::Scroll(d) => r.scroll_by(isize::from(d), height),
            Action::Top => self.go_to_line(count.map_or(0, |c| c as usize)),
            Action::Bottom => self.go_to_line(count.map_or(usize::MAX, |c| c as usize)),
            Action::Percent => match count {
                Some(c) => self.go_to_percent(c as usize),
                None => self.say(Msg::CountFirst),
            },
            Action::NextSection => self.section_motion(times, true, false),
            Action::PrevSection => self.section_motion(times, false, false),
            Action::NextSameLevel => self.section_motion(times, true, true),
            Action::PrevSameLevel => self.section_motion(times, false, true),
            Action::JumpBack => self.walk_jumps(Walk::Swap, 1),
            Action::JumpOlder => self.walk_jumps(Walk::Older, times),
            Action::JumpNewer => self.walk_jumps(Walk::Newer, times),
            Action::Outline => self.open_toc(),
            Action::NextArticle => self.sibling(n),
            Action::PrevArticle => self.sibling(-n),
            Action::NextUnread => self.next_unread(),
            Action::ToggleRead => self.toggle_read(),
            // Esc with a count pending drops the count only.
            Action::Cancel if count.is_some() => {}
            Action::Back | Action::Cancel => self.close_reader(),
            Action::AddBookmark => self.start_note(),
            Action::Copy | Action::CopyCitation => self.copy(&action),
            Action::Search => self.start_search(),
            Action::NextMatch => self.next_match(true, times),
            Action::PrevMatch => self.next_match(false, times),
            _ => {}
        }
    }

    /// `g`, `G`, `NNg`, `NNG`: display line `line` (1-based; 0 is the
    /// top, past the end is the end) at the top of the view, as a jump.
    fn go_to_line(&mut self, line: usize) {
        let height = self.geo.reader.body_height;
        let Some(r) = self.view.reader() else {
            return;
        };
        let top = line.saturating_sub(1).min(r.max_top(height));
        let pos = r.layout.pos_of(&r.doc, top);
        self.jump(pos);
    }

    /// `NN%`: that far into the text, as a jump (like `less`).
    fn go_to_percent(&mut self, percent: usize) {
        let Some(r) = self.view.reader() else {
            return;
        };
        let lines = r.layout.lines.len();
        let line = lines.saturating_mul(percent.min(100)) / 100;
        self.go_to_line(line + 1);
    }

    /// `}`, `{`, `)`, `(`: `times` sections on (or back), at any level or
    /// at the current section's level or above, as one jump.
    fn section_motion(&mut self, times: usize, forward: bool, same_level: bool) {
        let Some(r) = self.view.reader() else {
            return;
        };
        let outline = &r.outline;
        if outline.is_empty() {
            return self.say(Msg::NoSections);
        }
        let depth = match same_level {
            true => Some(r.section().map_or(0, |i| outline.sections[i].depth)),
            false => None,
        };
        let mut at: Option<Pos> = None;
        for _ in 0..times {
            let from = at.unwrap_or(r.anchor);
            let next = match forward {
                true => outline.next(from, depth),
                false => outline.prev(from, depth),
            };
            match next {
                Some(i) => at = Some(outline.sections[i].start()),
                None => break,
            }
        }
        match at {
            Some(pos) => self.jump(pos),
            None if forward => self.say(Msg::NoNextSection),
            None => self.say(Msg::NoPrevSection),
        }
    }
}
