//! Archive output: the canonical JSON text and an atomic file write.

use std::io::{self, Write};
use std::path::Path;

use crate::model::Archive;

/// The archive as written: serde_json's pretty printer (2-space indent)
/// and a trailing newline.
pub fn to_json(archive: &Archive) -> String {
    let mut s = serde_json::to_string_pretty(archive).expect("an archive always serialises");
    s.push('\n');
    s
}

/// Writes `archive` to `path` atomically: a temporary file in the same
/// directory, flushed and fsynced, then renamed over `path` (and the
/// directory fsynced where the platform allows). Readers see the old file or
/// the new one, never a partial one; on any error the temporary file is
/// removed and `path` is untouched. An existing file's permissions are kept;
/// a new file gets the platform default for new files (0644 on Unix).
pub fn write_archive_atomic(path: &Path, archive: &Archive) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".bulletin-import-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(to_json(archive).as_bytes())?;
    tmp.flush()?;
    set_permissions(tmp.as_file(), path)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

#[cfg(unix)]
fn set_permissions(file: &std::fs::File, path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let perms = match std::fs::metadata(path) {
        Ok(m) => m.permissions(),
        Err(_) => std::fs::Permissions::from_mode(0o644),
    };
    file.set_permissions(perms)
}

#[cfg(not(unix))]
fn set_permissions(file: &std::fs::File, path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(m) => file.set_permissions(m.permissions()),
        Err(_) => Ok(()),
    }
}

/// Makes the rename durable; best effort (not every platform can).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
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
