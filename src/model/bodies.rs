//! The articles of an archive of one file or many (a directory), each
//! read from its own file when opened (`model::body`): article `i` of the
//! archive is article `i - first` of the file it is in.

use super::Problem;
use super::article_error::ArticleError;
use super::body::OnDisk;
use super::convert::Mended;
use super::library::Fingerprint;
use super::mend::Strictness;

#[derive(Debug)]
pub(super) struct Bodies {
    files: Vec<OnDisk>,
    /// The index in the archive of each file's first article.
    firsts: Vec<usize>,
}

impl Bodies {
    pub(super) fn new(files: Vec<OnDisk>) -> Bodies {
        let mut firsts = Vec::with_capacity(files.len());
        let mut n = 0;
        for f in &files {
            firsts.push(n);
            n += f.count();
        }
        Bodies { files, firsts }
    }

    /// The file article `i` is in, and its index there.
    fn locate(&self, i: usize) -> Option<(&OnDisk, usize)> {
        let k = self
            .firsts
            .partition_point(|&first| first <= i)
            .checked_sub(1)?;
        let local = i - self.firsts[k];
        let file = &self.files[k];
        (local < file.count()).then_some((file, local))
    }

    /// Where a problem falls in the full loader's order: by file, the
    /// archive's own fields (`i`: `None`, about the file named `location`)
    /// before its articles.
    pub(super) fn order_of(&self, i: Option<usize>, location: Option<&str>) -> (usize, usize) {
        match i {
            Some(i) => {
                let file = self.firsts.partition_point(|&first| first <= i);
                (file.saturating_sub(1), i + 1)
            }
            None => {
                let named = |f: &OnDisk| Some(f.file_name().as_str()) == location;
                (self.files.iter().position(named).unwrap_or(0), 0)
            }
        }
    }

    /// Article `i`'s body `faults` as problems, placed in its file.
    pub(super) fn body_problems<'f>(
        &self,
        i: usize,
        id: &str,
        faults: impl Iterator<Item = &'f super::describe::Fault>,
    ) -> Vec<Problem> {
        match self.locate(i) {
            Some((file, local)) => file.body_problems(local, id, faults),
            None => Vec::new(),
        }
    }

    /// Article `i`, whose id is `id`, as read with `strictness` from its
    /// file, or why it cannot be read.
    pub(super) fn read(
        &self,
        i: usize,
        id: &str,
        strictness: Strictness,
    ) -> Result<Mended, ArticleError> {
        let (file, local) = self.locate(i).ok_or(ArticleError::NoSuch(i))?;
        file.read(local, id, strictness)
    }

    /// Article `i`'s JSON if unchanged since the pass (`model::body`).
    pub(super) fn bytes_of(&self, i: usize) -> Option<Vec<u8>> {
        let (file, local) = self.locate(i)?;
        file.bytes_of(local)
    }

    /// The problems of article `i`'s body just read (`model::body`).
    pub(super) fn problems_of(
        &self,
        i: usize,
        id: &str,
        read: &Result<Mended, ArticleError>,
    ) -> Vec<Problem> {
        match self.locate(i) {
            Some((file, local)) => file.problems_of(local, id, read),
            None => Vec::new(),
        }
    }

    /// Where article `i` is, for messages: its file, and for JSON Lines
    /// the line it starts on.
    pub(super) fn place(&self, i: usize) -> String {
        match self.locate(i) {
            Some((file, local)) => file.place(local),
            None => String::new(),
        }
    }

    /// The name of the file article `i` is in, for messages.
    pub(super) fn file_name(&self, i: usize) -> String {
        match self.locate(i) {
            Some((file, _)) => file.file_name(),
            None => String::new(),
        }
    }

    /// What the pass read: of one file, its fingerprint; of many, their
    /// lengths added and their contents hashed together, in order.
    pub(super) fn fingerprint(&self) -> Fingerprint {
        if let [one] = self.files.as_slice() {
            return one.fingerprint();
        }
        let prints: Vec<Fingerprint> = self.files.iter().map(OnDisk::fingerprint).collect();
        let mut all = Vec::with_capacity(16 * (prints.len() + 1));
        all.extend_from_slice(&(prints.len() as u64).to_le_bytes());
        prints
            .iter()
            .for_each(|p| all.extend_from_slice(&p.content.to_le_bytes()));
        Fingerprint {
            len: prints.iter().map(|p| p.len).sum(),
            content: twox_hash::XxHash3_128::oneshot(&all),
        }
    }
}
