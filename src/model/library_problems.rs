//! What a [`Library`] knows of its archive's problems: those its reading
//! found, those of bodies read since (or checked as the pass read them),
//! and a strict open's refusal made of them.

use std::path::Path;

use super::{Library, Source};
use crate::model::scan_check::BodyFaults;
use crate::model::{LoadError, Problem};

impl Library {
    pub(super) fn note_found(&self, i: usize, problems: Vec<Problem>) {
        if problems.is_empty() {
            return;
        }
        if let Ok(mut found) = self.found.lock() {
            found.entry(i).or_insert(problems);
        }
    }

    /// Every problem known so far, with the article it is about (`None`:
    /// the archive itself), in archive order: those seen on opening, and
    /// those of bodies read since.
    pub fn problems(&self) -> Vec<(Option<usize>, Problem)> {
        let mut all = self.problems.clone();
        if let Ok(found) = self.found.lock() {
            for (&i, problems) in found.iter() {
                all.extend(problems.iter().map(|p| (Some(i), p.clone())));
            }
        }
        all.sort_by_key(|(i, _)| i.map_or(0, |i| i + 1));
        all
    }

    /// How many problems are known so far.
    pub fn problem_count(&self) -> usize {
        let found = self
            .found
            .lock()
            .map_or(0, |f| f.values().map(Vec::len).sum());
        self.problems.len() + found
    }

    /// A strict open's refusal of this library: every problem the
    /// reading found, as one error (`path`: the archive), in the full
    /// loader's order (by file, each file's own fields first).
    pub(in crate::model) fn refused(&self, path: &Path) -> LoadError {
        let mut problems = self.problems();
        if let Source::OnDisk(bodies) = &self.source {
            problems.sort_by_key(|(i, p)| bodies.order_of(*i, p.location.as_deref()));
        }
        LoadError::Invalid {
            path: path.to_path_buf(),
            problems: problems.into_iter().map(|(_, p)| p).collect(),
            articles: self.articles.len(),
        }
    }

    /// The bodies the pass checked as it read them (a directory's,
    /// leniently: `model::scan_check`): the problems of each, as opening
    /// its article would note them; one it could not parse is read now,
    /// for the error's place. A broken article's body is never read.
    pub(in crate::model) fn note_bodies(&self, found: BodyFaults) {
        let Source::OnDisk(bodies) = &self.source else {
            return;
        };
        for (i, faults) in found.faulty {
            let Some(meta) = self
                .articles
                .get(i)
                .filter(|_| !self.broken.contains_key(&i))
            else {
                continue;
            };
            self.note_found(i, bodies.body_problems(i, &meta.id, faults.iter()));
        }
        found.unread.into_iter().for_each(|i| drop(self.open(i)));
    }

    /// Reads every body now, so that their problems are known (small
    /// archives do this on opening; large ones as articles are read).
    pub fn check_bodies(&self) {
        if self.is_lazy() {
            (0..self.articles.len()).for_each(|i| drop(self.open(i)));
        }
    }
}
