//! Mouse clicks on the browse screen (only with `--mouse`): a click selects
//! a group or an article; a click on the selected article opens it.

use super::browse::{group_pane_width, scroll_offset};
use super::{Action, App, Pane};

impl App {
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let (w, h) = self.size;
        // Rows: the top bar, the pane border, then the list rows.
        let first_row = 2;
        let rows = usize::from(h.saturating_sub(4));
        if y < first_row || usize::from(y - first_row) >= rows {
            return;
        }
        let row = usize::from(y - first_row);
        let b = &mut self.browse;
        if x < group_pane_width(w) {
            let i = scroll_offset(b.group, rows) + row;
            if i < b.entries.len() {
                b.focus = Pane::Groups;
                b.group = i;
                b.selected = 0;
                b.refresh(&self.archive, &self.groups);
            }
            return;
        }
        let i = scroll_offset(b.selected, rows) + row;
        if i < b.visible.len() {
            let again = b.focus == Pane::Articles && b.selected == i;
            b.focus = Pane::Articles;
            b.selected = i;
            if again {
                self.update(Action::Open);
            }
        }
    }
}
