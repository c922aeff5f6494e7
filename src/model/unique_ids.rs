//! The one check that ids are unique (bookmarks, positions and links
//! refer to them), for every way of reading an archive: the builder of
//! what the quick pass found (`model::build`, one file or a directory's),
//! the full loader's problems gathered into one error
//! (`model::whole_library`, strict), and `validate`. The first article
//! with an id keeps it; each later one gets a [`What::Duplicate`] naming
//! the first by its number and, when it is somewhere else, its place.

use std::collections::HashMap;

use super::describe::What;

/// The first article of each id seen so far.
#[derive(Debug, Default)]
pub(super) struct Ids {
    first: HashMap<String, First>,
}

#[derive(Debug)]
struct First {
    /// Its index in the archive.
    index: usize,
    /// Its number (1-based) in its file, for messages.
    number: usize,
    /// Its place (`file` or `file:line`), when the reader knows it.
    place: Option<String>,
}

impl Ids {
    pub(super) fn with_capacity(n: usize) -> Ids {
        Ids {
            first: HashMap::with_capacity(n),
        }
    }

    /// Article `index` (number `number` in its file, at `place`) has `id`:
    /// `None` when it is the first to, else the fault that makes it a
    /// duplicate.
    pub(super) fn see(
        &mut self,
        id: &str,
        index: usize,
        number: usize,
        place: Option<&str>,
    ) -> Option<What> {
        if let Some(first) = self.first.get(id) {
            let at = first.place.as_deref().filter(|&there| Some(there) != place);
            return Some(What::Duplicate {
                first: first.number,
                at: at.map(str::to_owned),
            });
        }
        let place = place.map(str::to_owned);
        let first = First {
            index,
            number,
            place,
        };
        self.first.insert(id.to_owned(), first);
        None
    }

    /// Where each id's first article is.
    pub(super) fn into_index(self) -> HashMap<String, usize> {
        self.first
            .into_iter()
            .map(|(id, f)| (id, f.index))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_keeps_an_id_and_later_ones_name_it() {
        let mut ids = Ids::default();
        assert_eq!(ids.see("a", 0, 1, Some("x.json")), None);
        assert_eq!(ids.see("b", 1, 2, Some("x.json")), None);
        let same_file = What::Duplicate { first: 1, at: None };
        assert_eq!(ids.see("a", 2, 3, Some("x.json")), Some(same_file));
        let elsewhere = What::Duplicate {
            first: 1,
            at: Some("x.json".into()),
        };
        assert_eq!(ids.see("a", 3, 1, Some("y.json")), Some(elsewhere));
        let index = ids.into_index();
        assert_eq!((index["a"], index["b"], index.len()), (0, 1, 2));
    }
}
