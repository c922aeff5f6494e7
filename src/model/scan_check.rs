//! The quick pass's strict check (`model::scan` with `check`: `bulletin
//! check`, `--strict` on the command line): each article parsed whole
//! from the bytes the window already holds and checked by the full
//! loader's per-article check (`model::whole_parse`), so the error is
//! word for word the full loader's, in one reading of the file.
//!
//! Ids are not all gathered for the duplicate check (a string and a place
//! for each article: 45 MB for the 100 k-article archive, where the whole
//! check needed 14 MB). Each id is known by a 64-bit hash, with the place
//! of the first article to use it (16 bytes an article); only an id used
//! again is gathered, with every use. The first use is known only by its
//! hash, so its own id is read back before it is gathered
//! ([`FirstIds::finish`]): two ids that share a hash are never taken for
//! one, and a later use of either still names its own first use.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use serde_json::Value;

use super::Problem;
use super::convert::accept_article;
use super::describe::Fault;
use super::mend::Strictness;
use super::rules::good_id;
use super::unique_names::UniqueNames;
use super::whole_parse::{Parsed, Seen};

/// Each id seen so far in the files checked (a directory's, in order),
/// by its hash: where the first article to use it is (its index over all
/// the files, and its line). An id used again is gathered: every later
/// use at once, the first when [`finish`]ed, into its own file's list.
///
/// [`finish`]: FirstIds::finish
#[derive(Default)]
pub(super) struct FirstIds {
    /// The index (low 32 bits) and line (high 32 bits, 0 for none) of
    /// the first article with each id hash.
    first: HashMap<u64, u64>,
    /// The hashes gathered.
    gathered: HashSet<u64>,
    /// Each file's name in messages and the index of its first article;
    /// the last is the one being checked.
    files: Vec<(String, usize)>,
    /// Articles in the files before the one being checked.
    before: usize,
    /// First uses gathered, by file, to be read back.
    firsts: Vec<(usize, Seen)>,
}

/// Each article (a range of `bytes`, with its JSON Lines line) parsed
/// whole and checked into `parsed`; `None` when one cannot be parsed so
/// (the full loader then says why).
pub(super) fn check_whole(
    parsed: &mut Parsed,
    ids: &mut FirstIds,
    bytes: &[u8],
    wholes: &[(Range<usize>, Option<usize>)],
) -> Option<()> {
    for (range, line) in wholes {
        let UniqueNames(value) = serde_json::from_slice(&bytes[range.clone()]).ok()?;
        let id = value.get("id").and_then(Value::as_str);
        let id = id.filter(|id| good_id(id)).map(str::to_owned);
        parsed.take(value, *line);
        if let Some(id) = id {
            ids.see(parsed, id, *line);
        }
    }
    Some(())
}

/// What a lenient check of each body as the pass read it found
/// (`Check::Bodies`): the faults of each body that has some (by article
/// index in the file), and the articles that could not be parsed whole
/// (bad UTF-8 in a body: opening them says where).
#[derive(Debug, Default)]
pub(super) struct BodyFaults {
    /// Whether the bodies were checked at all.
    pub checked: bool,
    pub faulty: Vec<(usize, Vec<Fault>)>,
    pub unread: Vec<usize>,
}

impl BodyFaults {
    /// Those of `more`, whose first article is article `base` of these
    /// (whether all were checked is the caller's to say).
    pub(super) fn append(&mut self, more: BodyFaults, base: usize) {
        let faulty = more.faulty.into_iter().map(|(i, f)| (base + i, f));
        self.faulty.extend(faulty);
        self.unread
            .extend(more.unread.into_iter().map(|i| base + i));
    }

    /// Article `i`'s body faults, as the check found them; `None` when
    /// it was not checked or could not be parsed (it must be read).
    pub(super) fn of(&self, i: usize) -> Option<&[Fault]> {
        if !self.checked || self.unread.binary_search(&i).is_ok() {
            return None;
        }
        match self.faulty.binary_search_by_key(&i, |(k, _)| *k) {
            Ok(k) => Some(&self.faulty[k].1),
            Err(_) => Some(&[]),
        }
    }
}

/// Each article (numbered on from `first`) read leniently as opening it
/// reads it, its body's faults kept. A broken article's body is never
/// read (its head's faults are the pass's own).
pub(super) fn check_bodies(
    found: &mut BodyFaults,
    first: usize,
    bytes: &[u8],
    wholes: &[(Range<usize>, Option<usize>)],
) {
    for (k, (range, _)) in wholes.iter().enumerate() {
        let Ok(UniqueNames(value)) = serde_json::from_slice(&bytes[range.clone()]) else {
            found.unread.push(first + k);
            continue;
        };
        if let Ok(m) = accept_article(value, Strictness::Lenient) {
            let faults: Vec<Fault> = m.faults.into_iter().filter(Fault::is_body).collect();
            if !faults.is_empty() {
                found.faulty.push((first + k, faults));
            }
        }
    }
}

impl FirstIds {
    /// The next file's articles come, named `location` in messages.
    pub(super) fn begin_file(&mut self, location: &str) {
        self.files.push((location.to_owned(), self.before));
    }

    /// The file being checked held `count` articles.
    pub(super) fn end_file(&mut self, count: usize) {
        self.before += count;
    }

    /// The article just taken by `parsed` has `id`: gathered, and the
    /// first to use it too, when it is used again.
    fn see(&mut self, parsed: &mut Parsed, id: String, line: Option<usize>) {
        let hash = twox_hash::XxHash3_64::oneshot(id.as_bytes());
        self.see_hashed(parsed, id, line, hash);
    }

    /// [`see`](FirstIds::see) with the id's hash given.
    fn see_hashed(&mut self, parsed: &mut Parsed, id: String, line: Option<usize>, hash: u64) {
        let number = parsed.count;
        let index = self.before + number - 1;
        let first = match self.first.entry(hash) {
            Entry::Vacant(v) => {
                let line = line.unwrap_or(0) as u64;
                v.insert((index as u64 & 0xffff_ffff) | (line << 32));
                return;
            }
            Entry::Occupied(o) => *o.get(),
        };
        if self.gathered.insert(hash) {
            let (there, line) = ((first & 0xffff_ffff) as usize, (first >> 32) as usize);
            let file = self.files.partition_point(|f| f.1 <= there) - 1;
            let (name, base) = &self.files[file];
            let line = (line > 0).then_some(line);
            // Its id is read back when finished: it may be another that
            // shares the hash.
            let first = seen(name, String::new(), there - base + 1, line);
            self.firsts.push((file, first));
        }
        parsed.seen.push(seen(&parsed.location, id, number, line));
    }

    /// Every file's gathered ids (`files`, in the order checked), in
    /// article order, as the full loader's check takes them: each first
    /// use under the id `id_of` (file, article number) reads back, which
    /// is another than the later uses' only when two ids share a hash.
    pub(super) fn finish(
        self,
        files: &mut [Parsed],
        mut id_of: impl FnMut(usize, usize) -> Option<String>,
    ) {
        for (file, mut first) in self.firsts {
            if let Some(id) = id_of(file, first.number).filter(|id| good_id(id)) {
                first.id = id;
                files[file].seen.push(first);
            }
        }
        for parsed in files {
            parsed.seen.sort_by_key(|s| s.number);
        }
    }
}

/// Article `number` of the file named `file`, with `id`, on `line`.
fn seen(file: &str, id: String, number: usize, line: Option<usize>) -> Seen {
    Seen {
        id,
        number,
        location: Some(Problem::place(file, line)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::mend::Strictness;

    /// Articles with `ids`, every id given the same hash.
    fn seen_with_one_hash(ids: &[&str], first_id: &str) -> Vec<(String, usize)> {
        let mut parsed = Parsed::new("a.jsonl".into(), Strictness::Strict).ids_unique();
        let mut first = FirstIds::default();
        first.begin_file("a.jsonl");
        for (i, id) in ids.iter().enumerate() {
            parsed.count += 1;
            first.see_hashed(&mut parsed, id.to_string(), Some(i + 1), 7);
        }
        let mut files = [parsed];
        first.finish(&mut files, |_, n| (n == 1).then(|| first_id.to_owned()));
        let [parsed] = files;
        parsed.seen.into_iter().map(|s| (s.id, s.number)).collect()
    }

    /// Two ids that share a hash are not one: the first use is read back
    /// and gathered under its own id.
    #[test]
    fn a_shared_hash_is_not_a_duplicate() {
        let (x, y) = ("x".to_string(), "y".to_string());
        let gathered = seen_with_one_hash(&["x", "y"], "x");
        assert_eq!(gathered, [(x.clone(), 1), (y.clone(), 2)]);
        let gathered = seen_with_one_hash(&["x", "y", "y"], "x");
        assert_eq!(gathered, [(x.clone(), 1), (y.clone(), 2), (y.clone(), 3)]);
        // The first use's own id comes back, later uses keep theirs.
        let gathered = seen_with_one_hash(&["x", "y", "x"], "x");
        assert_eq!(gathered, [(x.clone(), 1), (y.clone(), 2), (x.clone(), 3)]);
        let gathered = seen_with_one_hash(&["y", "y"], "y");
        assert_eq!(gathered, [(y.clone(), 1), (y, 2)]);
    }
}
