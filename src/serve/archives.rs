//! What a server serves: one archive or several, each by a name clients
//! use (`ssh HOST list NAME`, `ssh -t HOST NAME`): the file's name
//! without its extension (a directory's name), `sample` for the bundled
//! sample.

use std::path::Path;
use std::sync::Arc;

use crate::app::{ArchiveSource, IndexHandle, IndexState};
use crate::find::FoldIndex;
use crate::lang::Lang;
use crate::model::Library;

/// One archive a server serves, as last read.
#[derive(Debug, Clone)]
pub struct Archive {
    /// What clients call it.
    pub name: String,
    pub library: Arc<Library>,
    pub index: IndexState,
    /// Its file, followed for changes and read again on `R` (`None`: the
    /// bundled sample, which never changes).
    pub source: Option<ArchiveSource>,
}

impl Archive {
    /// Its index taken up if it was missing and has been built since (a
    /// reader's search builds it): what sessions and commands started
    /// later use, instead of building it again or searching without.
    pub fn refresh_index(&mut self) {
        let lib = &self.library;
        if let IndexState::Missing { path } = &self.index
            && let Some(index) = FoldIndex::open(path, &lib.fingerprint(), lib.articles.len())
        {
            self.index = IndexState::Ready(IndexHandle(Arc::new(index)));
        }
    }
}

/// The name of the sample when it is served.
pub const SAMPLE: &str = "sample";

/// The names clients call the archives at `paths` by (the sample's, when
/// there are none); an error when two would be alike or a name could be
/// taken for a command or an option.
pub fn names(paths: &[&Path], lang: Lang) -> Result<Vec<String>, String> {
    if paths.is_empty() {
        return Ok(vec![SAMPLE.to_string()]);
    }
    let mut names: Vec<String> = Vec::new();
    for p in paths {
        let name = name_of(p);
        let shown = crate::text::sanitize_line(&name);
        if name.is_empty() || name.starts_with('-') || super::exec::ALLOWED.contains(&&*name) {
            return Err(lang.pick(
                format!("{}：档案名“{shown}”不能用（它会被当作命令或选项）；请改个文件名", p.display()),
                format!("{}: an archive cannot be called \"{shown}\" (it reads as a command or an option): rename the file", p.display()),
            ));
        }
        if names.contains(&name) {
            return Err(lang.pick(
                format!("两个档案都叫“{shown}”：客户端用文件名（不含扩展名）区分档案，请改个文件名"),
                format!("two archives are called \"{shown}\": clients name an archive by its file name without the extension, so rename one"),
            ));
        }
        names.push(name);
    }
    Ok(names)
}

/// A file's name without its extension; a directory's name.
fn name_of(path: &Path) -> String {
    let stem = match path.is_dir() {
        true => path.file_name(),
        false => path.file_stem(),
    };
    stem.map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The archive a client named, by its place.
pub fn find(archives: &[Archive], name: &str) -> Option<usize> {
    archives.iter().position(|a| a.name == name)
}

/// The names served, for messages: `a, b, c`.
pub fn listed(archives: &[Archive]) -> String {
    let names: Vec<String> = archives
        .iter()
        .map(|a| crate::text::sanitize_line(&a.name))
        .collect();
    names.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_archive_is_called_by_its_file_name() {
        let (a, b) = (Path::new("/x/zhongyuan.json"), Path::new("y/erqi.jsonl"));
        assert_eq!(names(&[a, b], Lang::En).unwrap(), ["zhongyuan", "erqi"]);
        assert_eq!(names(&[], Lang::En).unwrap(), ["sample"]);
    }

    #[test]
    fn an_index_built_since_is_taken_up() {
        let lib = crate::model::Library::from(crate::model::load_sample().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index");
        let mut a = Archive {
            name: SAMPLE.into(),
            library: Arc::new(lib),
            index: IndexState::Missing { path: path.clone() },
            source: None,
        };
        a.refresh_index();
        assert!(matches!(a.index, IndexState::Missing { .. }));
        let never = std::sync::atomic::AtomicBool::new(false);
        crate::find::index::build(&*a.library, &path, &never, &mut |_, _| {}).unwrap();
        a.refresh_index();
        assert!(matches!(a.index, IndexState::Ready(_)));
    }

    #[test]
    fn names_alike_or_read_as_commands_are_refused() {
        let twice = [Path::new("a/x.json"), Path::new("b/x.jsonl")];
        assert!(names(&twice, Lang::En).unwrap_err().contains("\"x\""));
        assert!(names(&[Path::new("list.json")], Lang::En).is_err());
        assert!(names(&[Path::new("--x.json")], Lang::En).is_err());
    }
}
