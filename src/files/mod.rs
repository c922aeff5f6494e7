//! File access that hostile paths cannot turn into hangs, endless reads or
//! writes in the wrong place. Terminal-free; used by the state store, the
//! importer and the archive loader.
//!
//! - [`read_regular`] opens without blocking (a FIFO would otherwise wait
//!   for a writer for ever), refuses anything that is not a regular file
//!   (`/dev/zero` never ends, a FIFO or a terminal may never answer) and
//!   reads at most a stated number of bytes.
//! - [`read_as_opened`] reads a whole regular file, but no more than it
//!   held when it was opened, and keeps it open for later reads at offsets
//!   ([`read_exact_at`]): the archive loader reads an archive this way.
//! - [`replace_atomic`] writes a new version of a file: a temporary file
//!   created exclusively, with an unpredictable name, in the directory of
//!   the *real* file (a symlinked target is written through, not replaced
//!   by a regular file), fsynced, then renamed over the real file.

mod replace;

use std::fs::{File, FileType, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::lang::Lang;

pub use replace::{Mode, parent_dir, replace_atomic, resolve_links, sync_dir};

/// What kind of file a path names, for messages about files that are not
/// regular ("not a regular file (a FIFO)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Directory,
    Symlink,
    Regular,
    Other,
}

impl FileKind {
    pub fn of(ft: FileType) -> FileKind {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if ft.is_fifo() {
                return FileKind::Fifo;
            }
            if ft.is_char_device() {
                return FileKind::CharDevice;
            }
            if ft.is_block_device() {
                return FileKind::BlockDevice;
            }
            if ft.is_socket() {
                return FileKind::Socket;
            }
        }
        if ft.is_dir() {
            FileKind::Directory
        } else if ft.is_symlink() {
            FileKind::Symlink
        } else if ft.is_file() {
            FileKind::Regular
        } else {
            FileKind::Other
        }
    }

    /// "a FIFO", or in Chinese "命名管道".
    pub fn text(self, lang: Lang) -> &'static str {
        match self {
            FileKind::Fifo => lang.pick("命名管道", "a FIFO"),
            FileKind::CharDevice => lang.pick("字符设备", "a character device"),
            FileKind::BlockDevice => lang.pick("块设备", "a block device"),
            FileKind::Socket => lang.pick("套接字", "a socket"),
            FileKind::Directory => lang.pick("目录", "a directory"),
            FileKind::Symlink => lang.pick("符号链接", "a symbolic link"),
            FileKind::Regular => lang.pick("普通文件", "a regular file"),
            FileKind::Other => lang.pick("特殊文件", "a special file"),
        }
    }
}

/// What kind of file a non-regular file is, for messages ("a FIFO").
pub fn kind_name(ft: FileType) -> &'static str {
    FileKind::of(ft).text(Lang::En)
}

/// The inside of [`not_regular`]'s error: callers find the kind of file
/// there ([`refused_kind`]) to say it in the user's language.
#[derive(Debug)]
struct NotRegular(FileKind);

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not a regular file ({})", self.0.text(Lang::En))
    }
}

impl std::error::Error for NotRegular {}

/// The error for a path that is not a regular file.
pub fn not_regular(ft: FileType) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidInput, NotRegular(FileKind::of(ft)))
}

/// The kind of file `e` refused, if it is the error of [`not_regular`].
pub fn refused_kind(e: &io::Error) -> Option<FileKind> {
    let inner = e.get_ref()?.downcast_ref::<NotRegular>()?;
    Some(inner.0)
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

/// Reads the regular file `path` whole, refusing special files (see
/// [`open_regular`]), but no more bytes than it held when it was opened: a
/// file that keeps growing (a log being written, some files under `/proc`)
/// cannot make the read endless. Fewer bytes if it shrank meanwhile. The
/// file is handed back open, for later reads at offsets ([`read_exact_at`]).
pub fn read_as_opened(path: &Path) -> io::Result<(File, Vec<u8>)> {
    let (file, meta) = open_regular(path)?;
    let len = meta.len();
    let mut bytes = Vec::new();
    let room = usize::try_from(len).map_err(|_| too_large(len, usize::MAX as u64))?;
    // A huge (perhaps sparse) file is an error, not an abort.
    bytes
        .try_reserve_exact(room)
        .map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
    (&file).take(len).read_to_end(&mut bytes)?;
    Ok((file, bytes))
}

/// Fills `buf` from `file` at `offset`, without moving a file position
/// (several threads may read one file). A file that ends before `buf` is
/// full gives `UnexpectedEof`.
pub fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            match file.seek_read(&mut buf[done..], offset + done as u64) {
                Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
                Ok(n) => done += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

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
        assert_eq!(refused_kind(&e), Some(FileKind::CharDevice));
        let e = read_regular(dir.path(), 100).unwrap_err();
        assert!(is_refusal(&e), "{e}");
        let e = read_as_opened(&f).unwrap_err();
        assert_eq!(refused_kind(&e), Some(FileKind::Fifo));
        assert_eq!(refused_kind(&io::Error::other("x")), None);
    }

    /// Files under /proc say they are empty and then never end for some;
    /// what a file held when opened is all that is read.
    #[cfg(target_os = "linux")]
    #[test]
    fn whole_reads_stop_at_the_length_when_opened() {
        let (_, bytes) = read_as_opened(Path::new("/proc/self/status")).unwrap();
        assert!(bytes.is_empty());
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"12345").unwrap();
        let (file, bytes) = read_as_opened(&f).unwrap();
        assert_eq!(bytes, b"12345");
        let mut two = [0; 2];
        read_exact_at(&file, &mut two, 3).unwrap();
        assert_eq!(&two, b"45");
        let e = read_exact_at(&file, &mut two, 4).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
    }

    #[test]
    fn reads_are_capped() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f");
        std::fs::write(&f, b"12345").unwrap();
        assert_eq!(read_regular(&f, 5).unwrap(), b"12345");
        assert!(is_refusal(&read_regular(&f, 4).unwrap_err()));
    }
}
