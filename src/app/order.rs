//! The article list's order: by group (the grouping's order, newest first
//! within each group), archive order, date (newest first) or title (by
//! pinyin). `S` cycles through them.

use super::Msg;
use crate::model::Library;
use crate::text::pinyin::sort_key;

/// How the article list is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// As grouped: district-level pieces, then each subdistrict, newest
    /// first within each.
    #[default]
    Groups,
    /// The order of the archive file.
    Archive,
    /// Newest first; undated articles last.
    Date,
    /// By title, in pinyin order.
    Title,
}

impl SortKey {
    /// The next order in the cycle.
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Groups => SortKey::Archive,
            SortKey::Archive => SortKey::Date,
            SortKey::Date => SortKey::Title,
            SortKey::Title => SortKey::Groups,
        }
    }

    /// Its name, for the list's title and the status line.
    pub fn label(self) -> Msg {
        match self {
            SortKey::Groups => Msg::SortGroups,
            SortKey::Archive => Msg::SortArchive,
            SortKey::Date => Msg::SortDate,
            SortKey::Title => Msg::SortTitle,
        }
    }
}

/// True when no article of the archive has a date: ordering by date or
/// picking a year then does nothing, and the user is told so.
pub fn undated(archive: &Library) -> bool {
    !archive.articles.iter().any(|a| a.date.is_some())
}

/// Puts `list` (indexes into the archive, in group order) in `key`'s
/// order. Ties keep the archive order.
pub fn sort(archive: &Library, list: &mut [usize], key: SortKey) {
    let a = &archive.articles;
    match key {
        SortKey::Groups => {}
        SortKey::Archive => list.sort_unstable(),
        SortKey::Date => {
            list.sort_unstable();
            // `YYYY-MM-DD` strings order as dates do; undated last.
            list.sort_by(|&x, &y| {
                a[y].date
                    .is_some()
                    .cmp(&a[x].date.is_some())
                    .then(a[y].date.cmp(&a[x].date))
            });
        }
        SortKey::Title => {
            list.sort_by_cached_key(|&i| (sort_key(&a[i].title), a[i].title.clone(), i))
        }
    }
}
