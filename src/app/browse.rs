//! The browse screen's state: the group pane, the article list, the filter.

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
    pub group: usize,
    pub selected: usize,
    pub focus: Pane,
    pub filter: String,
    pub filtering: bool,
    pub visible: Vec<usize>,
}

impl Browse {
    /// The group pane of `groups`: All, then each district followed by its
    /// district-level pieces and its subdistricts.
    pub fn new(archive: &Library, groups: &Groups) -> Browse {
        let mut entries = vec![GroupEntry::All];
        for (d, district) in groups.districts.iter().enumerate() {
            entries.push(GroupEntry::District(d));
            if !district.district_level.is_empty() {
                entries.push(GroupEntry::DistrictLevel(d));
            }
            entries.extend((0..district.subdistricts.len()).map(|s| GroupEntry::Sub(d, s)));
        }
        let mut browse = Browse {
            entries,
            ..Browse::default()
        };
        browse.refresh(archive, groups);
        browse
    }

    /// Article indexes of a group, in display order.
    pub fn members(entry: GroupEntry, archive: &Library, groups: &Groups) -> Vec<usize> {
        match entry {
            GroupEntry::All => groups
                .districts
                .iter()
                .flat_map(|d| d.all.clone())
                .collect(),
            GroupEntry::District(d) => groups.districts[d].all.clone(),
            GroupEntry::DistrictLevel(d) => groups.districts[d].district_level.clone(),
            GroupEntry::Sub(d, s) => groups.districts[d].subdistricts[s].articles.clone(),
        }
        .into_iter()
        .filter(|&i| i < archive.articles.len())
        .collect()
    }

    /// Recomputes `visible` after the group or the filter changed.
    pub fn refresh(&mut self, archive: &Library, groups: &Groups) {
        let entry = self
            .entries
            .get(self.group)
            .copied()
            .unwrap_or(GroupEntry::All);
        let needle = self.filter.to_lowercase();
        self.visible = Self::members(entry, archive, groups)
            .into_iter()
            .filter(|&i| needle.is_empty() || matches_filter(archive, i, &needle))
            .collect();
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
    }

    /// The article under the cursor, if the list is not empty.
    pub fn current(&self) -> Option<usize> {
        self.visible.get(self.selected).copied()
    }
}

/// A filter matches an article's title, subtitle, subdistrict, district,
/// date or id, case-insensitively.
fn matches_filter(archive: &Library, i: usize, needle: &str) -> bool {
    let a = &archive.articles[i];
    [
        Some(a.title.as_str()),
        a.subtitle.as_deref(),
        a.subdistrict.as_deref(),
        Some(a.district.as_str()),
        a.date.as_deref(),
        Some(a.id.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(|field| field.to_lowercase().contains(needle))
}

/// Moves a cursor within `0..len` by `delta`, clamping at both ends.
pub fn step(cursor: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    cursor.saturating_add_signed(delta).min(len - 1)
}

/// Width of the group pane on a `w`-column screen (shared by the renderer
/// and mouse clicks so they agree).
pub fn group_pane_width(w: u16) -> u16 {
    (w / 3).clamp(12, 30)
}

/// First visible row of a list so that `selected` stays on screen.
pub fn scroll_offset(selected: usize, rows: usize) -> usize {
    if rows == 0 {
        0
    } else {
        selected.saturating_sub(rows - 1)
    }
}
