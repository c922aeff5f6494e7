//! Writing a file so that a crash, a planted link or a special file
//! cannot leave it half-written or send the bytes elsewhere (see the
//! module above).

use std::fs::{File, Metadata};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::not_regular;

/// How many symbolic links [`resolve_links`] follows before giving up (as
/// Linux's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// The file `path` names once symbolic links in its last component are
/// followed (the target need not exist). Paths that are not links come
/// back unchanged.
pub fn resolve_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match current.symlink_metadata() {
            Ok(m) if m.file_type().is_symlink() => {
                let target = std::fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// The directory a file `path` is in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// How [`replace_atomic`] sets the new file's permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Owner only (0600), whatever the old file had.
    Private,
    /// The old file's permissions, or the usual 0644 for a new file.
    KeepOr644,
}

/// Replaces the file at `path` with the bytes `contents`, atomically.
///
/// A symbolic link at `path` is followed: the real file is replaced and
/// the link stays. The temporary file is created exclusively (`O_EXCL`,
/// so a planted file or link is never followed) under a random name in
/// the real file's directory, written, fsynced, renamed over the real file,
/// and the directory is fsynced. On error the temporary file is removed and
/// the old file is untouched. An existing target that is not a regular
/// file (a directory, a device, a FIFO) is refused.
pub fn replace_atomic(path: &Path, contents: &[u8], mode: Mode) -> io::Result<PathBuf> {
    // `metadata` follows links as the kernel does (`/dev/stdout` and
    // `/proc/self/fd/1` included), so a pipe or a device is seen as one.
    let old = match path.metadata() {
        Ok(m) if !m.is_file() => return Err(not_regular(m.file_type())),
        Ok(m) => Some(m),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let real = resolve_links(path)?;
    let dir = parent_dir(&real);
    let name = real.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{}.", name.unwrap_or_default()))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(contents)?;
    set_mode(tmp.as_file(), old.as_ref(), mode)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&real).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(real)
}

#[cfg(unix)]
fn set_mode(file: &File, old: Option<&Metadata>, mode: Mode) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let perms = match (mode, old) {
        (Mode::Private, _) => std::fs::Permissions::from_mode(0o600),
        (Mode::KeepOr644, Some(m)) => m.permissions(),
        (Mode::KeepOr644, None) => std::fs::Permissions::from_mode(0o644),
    };
    file.set_permissions(perms)
}

#[cfg(not(unix))]
fn set_mode(file: &File, old: Option<&Metadata>, mode: Mode) -> io::Result<()> {
    match (mode, old) {
        (Mode::KeepOr644, Some(m)) => file.set_permissions(m.permissions()),
        _ => Ok(()),
    }
}

/// Makes a rename in `dir` durable; best effort (not every platform can).
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    #[test]
    fn replacing_writes_through_a_link_and_keeps_it() {
        let dir = tempfile::tempdir().unwrap();
        let real_dir = dir.path().join("real");
        std::fs::create_dir(&real_dir).unwrap();
        let real = real_dir.join("state.json");
        std::fs::write(&real, b"old").unwrap();
        let link = dir.path().join("state.json");
        symlink("real/state.json", &link).unwrap();
        let written = replace_atomic(&link, b"new", Mode::Private).unwrap();
        assert_eq!(written, dir.path().join("real/state.json"));
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        assert_eq!(std::fs::read_dir(&real_dir).unwrap().count(), 1);
    }

    #[test]
    fn replacing_refuses_special_targets() {
        let e = replace_atomic(Path::new("/dev/full"), b"x", Mode::KeepOr644).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a character device)");
    }
}
