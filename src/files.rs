//! File access that hostile paths cannot turn into hangs, endless reads or
//! writes in the wrong place. Terminal-free; used by the state store and
//! the importer.
//!
//! - [`read_regular`] opens without blocking (a FIFO would otherwise wait
//!   for a writer for ever), refuses anything that is not a regular file
//!   (`/dev/zero` never ends, a FIFO or a terminal may never answer) and
//!   reads at most a stated number of bytes.
//! - [`replace_atomic`] writes a new version of a file: a temporary file
//!   created exclusively, with an unpredictable name, in the directory of
//!   the *real* file (a symlinked target is written through, not replaced
//!   by a regular file), fsynced, then renamed over the real file.

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// How many symbolic links [`resolve_links`] follows before giving up (as
/// Linux's `MAXSYMLINKS`).
const MAX_LINKS: usize = 40;

/// What kind of file a non-regular file is, for messages ("a FIFO").
pub fn kind_name(ft: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() {
            return "a character device";
        }
        if ft.is_block_device() {
            return "a block device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else if ft.is_symlink() {
        "a symbolic link"
    } else if ft.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// The error for a path that is not a regular file.
pub fn not_regular(ft: FileType) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({})", kind_name(ft)),
    )
}

/// Whether `e` is the error of [`not_regular`] or [`too_large`].
pub fn is_refusal(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::InvalidInput | io::ErrorKind::FileTooLarge
    )
}

/// The error for a file larger than `max` bytes.
pub fn too_large(len: u64, max: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!("too large ({len} bytes; at most {max} are read)"),
    )
}

/// Opens `path` for reading if it is a regular file (following symbolic
/// links), without ever blocking on a FIFO or a device.
pub fn open_regular(path: &Path) -> io::Result<(File, Metadata)> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A FIFO opened for reading waits for a writer unless non-blocking.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(not_regular(meta.file_type()));
    }
    #[cfg(unix)]
    clear_nonblocking(&file)?;
    Ok((file, meta))
}

#[cfg(unix)]
fn clear_nonblocking(file: &File) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let fd = file.as_raw_fd();
    // SAFETY: fcntl on a descriptor this function borrows; no memory passed.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFL) };
    // SAFETY: as above.
    if flags < 0 || unsafe { libc::fcntl(fd, libc::F_SETFL, flags & !libc::O_NONBLOCK) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Reads the regular file `path` whole, refusing special files and files
/// longer than `max` bytes (also one that grows past `max` while read).
pub fn read_regular(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(bytes.len() as u64, max));
    }
    Ok(bytes)
}

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

    fn fifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }

    #[test]
    fn special_files_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("fifo");
        fifo(&f);
        let e = read_regular(&f, 100).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a FIFO)");
        let e = read_regular(Path::new("/dev/zero"), 100).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a character device)");
        let e = read_regular(dir.path(), 100).unwrap_err();
        assert!(is_refusal(&e), "{e}");
    }

    #[test]
    fn reads_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_regular(&f, 5).unwrap(), b"12345");
        assert!(is_refusal(&read_regular(&f, 4).unwrap_err()));
    }

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
