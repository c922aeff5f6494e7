//! Archive output: the canonical JSON text and an atomic file write.

use std::io;
use std::path::Path;

use crate::files;

use crate::model::Archive;

/// The archive as written: serde_json's pretty printer (2-space indent)
/// and a trailing newline.
pub fn to_json(archive: &Archive) -> String {
    let mut s = serde_json::to_string_pretty(archive).expect("an archive always serialises");
    s.push('\n');
    s
}

/// The archive as JSON Lines: one article per line, compact, in order. The
/// archive's title, key and unknown fields have no place in this form.
pub fn to_json_lines(archive: &Archive) -> String {
    let mut s = String::new();
    for a in &archive.articles {
        s.push_str(&serde_json::to_string(a).expect("an article always serialises"));
        s.push('\n');
    }
    s
}

/// How an archive file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// One JSON object (`to_json`).
    Json,
    /// One article per line (`to_json_lines`).
    JsonLines,
}

/// [`write_archive_atomic`] in the given form.
pub fn write_form_atomic(path: &Path, archive: &Archive, form: Form) -> io::Result<()> {
    let text = match form {
        Form::Json => to_json(archive),
        Form::JsonLines => to_json_lines(archive),
    };
    files::replace_atomic(path, text.as_bytes(), files::Mode::KeepOr644).map(|_| ())
}

/// Writes `archive` to `path` atomically ([`files::replace_atomic`]): a
/// temporary file created exclusively under a random name beside the real
/// file (a symlinked `path` is written through, and stays a link), flushed
/// and fsynced, then renamed over it. Readers see the old file or the new
/// one, never a partial one; on any error the temporary file is removed and
/// `path` is untouched. An existing file's permissions are kept; a new file
/// gets 0644 on Unix. A `path` that exists and is not a regular file is
/// refused.
pub fn write_archive_atomic(path: &Path, archive: &Archive) -> io::Result<()> {
    files::replace_atomic(path, to_json(archive).as_bytes(), files::Mode::KeepOr644).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FORMAT_TAG;

    fn archive(title: &str) -> Archive {
        Archive {
            format: FORMAT_TAG.into(),
            title: title.into(),
            key: None,
            articles: vec![],
            extra: Default::default(),
        }
    }

    #[test]
    fn writes_replaces_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.json");
        write_archive_atomic(&p, &archive("一")).unwrap();
        write_archive_atomic(&p, &archive("二")).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(text, to_json(&archive("二")));
        assert!(text.ends_with("}\n"));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failure_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing-dir").join("a.json");
        assert!(write_archive_atomic(&p, &archive("一")).is_err());
        assert!(!p.exists());
    }
}
