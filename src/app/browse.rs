//! The browse screen: the group pane, the article list and its filter,
//! and `impl App` for the keys of that screen.

use std::sync::Arc;

use super::geometry::scroll_offset;
use super::input::TextInput;
use super::list_filter::{Narrowing, TitleIndex};
use super::mode::Modal;
use super::screens::Screen;
use super::{Action, App, Effect};
use crate::model::{Groups, Library};

/// One row of the group pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupEntry {
    /// Every article of the archive.
    All,
    /// Every article of district `d`.
    District(usize),
    /// District `d`'s district-level pieces (no subdistrict).
    DistrictLevel(usize),
    /// Subdistrict `s` of district `d`.
    Sub(usize, usize),
}

/// Which pane has the focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pane {
    Groups,
    #[default]
    Articles,
}

/// Browse state. `visible` is the filtered article list of the selected
/// group, kept up to date by `refresh`.
#[derive(Debug, Clone, Default)]
pub struct Browse {
    pub entries: Vec<GroupEntry>,
    /// Each entry's articles in display order, worked out once.
    members: Vec<Vec<usize>>,
    /// For each article, the entries holding it besides All (its district
    /// and its subdistrict or district-level entry).
    holding: Vec<[u32; 2]>,
    pub group: usize,
    pub selected: usize,
    pub focus: Pane,
    /// The filter in force (edited in a `Modal::Filter`).
    pub filter: String,
    pub visible: Vec<usize>,
    /// The article list's order.
    pub sort: super::order::SortKey,
    /// The group pane was hidden with its key.
    pub hidden: bool,
    /// Each entry's count of articles not read yet (with a state store).
    pub unread: Vec<usize>,
    /// The store's generation `unread` was counted at.
    pub(super) unread_gen: Option<u64>,
    /// The filter's index of this version of the archive, once built.
    pub(super) titles: Option<Arc<TitleIndex>>,
    /// The last query's candidates (with the index).
    pub(super) narrowing: Option<Narrowing>,
    /// While edits typed at once are taken (`App::update_edits`): the
    /// filter changed and the list is yet to follow.
    pub(super) held: Option<bool>,
    /// The group's articles in the list's order: group, order, list.
    pub(super) ordered: Option<(usize, super::order::SortKey, Arc<[usize]>)>,
}

impl Browse {
    /// The group pane of `groups`: All, then each district followed by its
    /// district-level pieces and its subdistricts.
    ///
    /// An entry that would list the same articles as the one above it is
    /// left out: a district's district-level pieces when it has no
    /// subdistricts, and the district itself when the archive has only
    /// that one (and no subdistricts), so such an archive has only "All"
    /// and no group pane at all.
    pub fn new(archive: &Library, groups: &Groups) -> Browse {
        let mut entries = vec![GroupEntry::All];
        let single = groups.districts.len() == 1;
        for (d, district) in groups.districts.iter().enumerate() {
            let has_subs = !district.subdistricts.is_empty();
            if has_subs || !single {
                entries.push(GroupEntry::District(d));
            }
            if has_subs && !district.district_level.is_empty() {
                entries.push(GroupEntry::DistrictLevel(d));
            }
            entries.extend((0..district.subdistricts.len()).map(|s| GroupEntry::Sub(d, s)));
        }
        let n = archive.articles.len();
        let members: Vec<Vec<usize>> = entries
            .iter()
            .map(|&e| {
                let list: Vec<&usize> = match e {
                    GroupEntry::All => groups.districts.iter().flat_map(|d| &d.all).collect(),
                    GroupEntry::District(d) => groups.districts[d].all.iter().collect(),
                    GroupEntry::DistrictLevel(d) => {
                        groups.districts[d].district_level.iter().collect()
                    }
                    GroupEntry::Sub(d, s) => groups.districts[d].subdistricts[s]
                        .articles
                        .iter()
                        .collect(),
                };
                list.into_iter()
                    .copied()
                    .filter(|&i: &usize| i < n)
                    .collect()
            })
            .collect();
        let mut holding = vec![[0u32; 2]; n];
        for (e, list) in members.iter().enumerate().skip(1) {
            let slot = usize::from(!matches!(entries[e], GroupEntry::District(_)));
            for &a in list {
                holding[a][slot] = e as u32;
            }
        }
        let mut browse = Browse {
            entries,
            members,
            holding,
            ..Browse::default()
        };
        browse.refresh(archive);
        browse
    }

    /// The group entries holding `article`: All (0), its district, and its
    /// subdistrict or district-level entry.
    pub fn entries_holding(&self, article: usize) -> Vec<usize> {
        let mut out = vec![0];
        if let Some(h) = self.holding.get(article) {
            out.extend(h.iter().filter(|&&e| e != 0).map(|&e| e as usize));
        }
        out
    }

    /// How many articles group entry `i` holds.
    pub fn count(&self, i: usize) -> usize {
        self.members.get(i).map_or(0, Vec::len)
    }

    /// Group entry `i`'s articles, in group order.
    pub fn members(&self, i: usize) -> &[usize] {
        self.members.get(i).map_or(&[], Vec::as_slice)
    }

    /// Whether the group pane is drawn: there is something to choose
    /// (more than "All") and it was not hidden.
    pub fn groups_shown(&self) -> bool {
        self.entries.len() > 1 && !self.hidden
    }

    /// The article under the cursor, if the list is not empty.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }

    /// The selected group entry.
    pub fn entry(&self) -> GroupEntry {
        self.entries
            .get(self.group)
            .copied()
            .unwrap_or(GroupEntry::All)
    }
}

/// Moves a cursor within `0..len` by `delta`, clamping at both ends.
pub fn step(cursor: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    cursor.saturating_add_signed(delta).min(len - 1)
}

impl App {
    pub(super) fn update_browse(&mut self, action: Action) {
        let page = self.geo.list_page() as isize;
        match action {
            Action::Down => self.move_cursor(1),
            Action::Up => self.move_cursor(-1),
            Action::PageDown => self.move_cursor(page),
            Action::PageUp => self.move_cursor(-page),
            Action::HalfPageDown => self.move_cursor(page / 2),
            Action::HalfPageUp => self.move_cursor(-page / 2),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::NextPane | Action::FocusGroups if !self.browse.groups_shown() => {}
            Action::NextPane => {
                self.browse.focus = match self.browse.focus {
                    Pane::Groups => Pane::Articles,
                    Pane::Articles => Pane::Groups,
                }
            }
            Action::FocusGroups => self.browse.focus = Pane::Groups,
            Action::ToggleRead => self.toggle_read(),
            Action::MarkAllRead => self.mark_all_read(),
            Action::Undo => self.undo_mark_all(),
            Action::NextUnread => self.next_unread(),
            Action::ContinueReading => self.continue_reading(),
            Action::Sort => self.cycle_sort(),
            Action::ToggleGroups => self.toggle_groups(),
            Action::FocusArticles => self.browse.focus = Pane::Articles,
            Action::Open => self.open_selected(),
            Action::StartFilter => self.start_filter(None),
            Action::Input(c) => self.start_filter(Some(c.to_string())),
            Action::Paste(text) => self.start_filter(Some(text)),
            Action::Scroll(n) => self.move_cursor(isize::from(n)),
            Action::Click(x, y) => self.click(x, y),
            Action::Back | Action::Cancel if !self.browse.filter.is_empty() => self.set_filter(""),
            Action::Back => self.request_quit(true),
            _ => {}
        }
    }

    /// `/` opens the list's filter, its current text (or, with none, the
    /// last one used) offered selected; typing a character on the list
    /// starts a new filter with it, and so does pasting (the same on
    /// every list).
    pub(super) fn start_filter(&mut self, first: Option<String>) {
        let current = match self.view.screen() {
            Screen::Browse => &self.browse.filter,
            Screen::Outline => &self.toc.filter,
            _ => &self.marks.filter,
        };
        let input = match first {
            Some(text) => TextInput::with_text(&text),
            None if current.is_empty() => {
                TextInput::offered(&self.last_filter().unwrap_or_default())
            }
            None => TextInput::offered(current),
        };
        self.browse.focus = Pane::Articles;
        self.set_filter(input.text());
        self.modal = Modal::Filter(input);
    }

    /// Edits in the filter prompt; the list follows every keystroke.
    pub(super) fn update_filter(&mut self, action: Action) {
        if matches!(action, Action::InputOlder | Action::InputNewer) {
            if self.walk_history(action == Action::InputOlder) {
                self.filter_typed();
            }
            return;
        }
        let Modal::Filter(input) = &mut self.modal else {
            return;
        };
        match action {
            Action::InputAccept => {
                let text = input.text().to_string();
                self.remember_entry(&text);
                self.modal = Modal::None;
            }
            Action::InputCancel => {
                self.modal = Modal::None;
                self.set_filter("");
            }
            action if input.edit(&action) => self.filter_typed(),
            _ => {}
        }
    }

    /// Whether `action` edits the article list's filter (and leaves it
    /// open): edits typed at once can go to [`App::update_edits`].
    pub fn is_filter_edit(&self, action: &Action) -> bool {
        matches!(self.modal, Modal::Filter(_))
            && self.screen() == Screen::Browse
            && matches!(
                action,
                Action::Input(_)
                    | Action::Paste(_)
                    | Action::InputBackspace
                    | Action::InputDelete
                    | Action::InputDeleteWord
                    | Action::InputClear
                    | Action::InputLeft
                    | Action::InputRight
                    | Action::InputHome
                    | Action::InputEnd
            )
    }

    /// Edits of the list's filter that came in at once (keys typed
    /// faster than frames, a paste the terminal did not bracket), each
    /// as `update` takes it; the list follows the last one only.
    #[must_use = "the effects must be performed (see app::effect)"]
    pub fn update_edits(&mut self, edits: Vec<Action>) -> Vec<Effect> {
        self.browse.held = Some(false);
        let mut effects = Vec::new();
        for action in edits {
            effects.extend(self.update(action));
        }
        if self.browse.held.take() == Some(true) {
            self.browse.refresh(&self.archive);
        }
        effects
    }

    /// The filter's text changed: the list follows.
    fn filter_typed(&mut self) {
        if let Some(text) = self.modal.input().map(|i| i.text().to_string()) {
            self.set_filter(&text);
        }
    }

    /// Puts `text` in force as the filter of the list on screen.
    pub(super) fn set_filter(&mut self, text: &str) {
        // Only the lists that bind `filter` come here.
        match self.view.screen() {
            Screen::Browse => {
                self.browse.filter = text.to_string();
                self.browse.selected = 0;
                match self.browse.held.as_mut() {
                    Some(stale) => *stale = true,
                    None => self.browse.refresh(&self.archive),
                }
            }
            Screen::Bookmarks => {
                self.marks.filter = text.to_string();
                self.marks.selected = 0;
            }
            Screen::Outline => {
                self.toc.filter = text.to_string();
                self.toc.selected = 0;
            }
            _ => {}
        }
    }

    fn move_cursor(&mut self, delta: isize) {
        let b = &mut self.browse;
        match b.focus {
            Pane::Groups => {
                let group = step(b.group, delta, b.entries.len());
                self.select_group(group);
            }
            Pane::Articles => b.selected = step(b.selected, delta, b.visible.len()),
        }
    }

    pub(super) fn select_group(&mut self, group: usize) {
        let b = &mut self.browse;
        if group != b.group && group < b.entries.len() {
            b.group = group;
            b.selected = 0;
            b.refresh(&self.archive);
        }
    }

    fn open_selected(&mut self) {
        if self.browse.focus == Pane::Groups {
            self.browse.focus = Pane::Articles;
            return;
        }
        if let Some(i) = self.browse.current() {
            self.open_article(i, self.browse.visible.clone());
        }
    }

    /// Mouse clicks (only with `--mouse`): a click selects a group or an
    /// article; a click on the selected article opens it.
    fn click(&mut self, x: u16, y: u16) {
        let (groups, articles) = (self.geo.groups.inner(), self.geo.articles.inner());
        let b = &mut self.browse;
        if let Some(row) = groups.row_at(x, y) {
            let i = scroll_offset(b.group, usize::from(groups.height)) + row;
            b.focus = Pane::Groups;
            self.select_group(i);
        } else if let Some(row) = articles.row_at(x, y) {
            let i = scroll_offset(b.selected, usize::from(articles.height)) + row;
            if i < b.visible.len() {
                let again = b.focus == Pane::Articles && b.selected == i;
                b.focus = Pane::Articles;
                b.selected = i;
                if again {
                    self.open_selected();
                }
            }
        }
    }
}
