//! The read side of the same promise: every file the program takes in (a design, a photo, a
//! record) is read only if it is a regular file, and its size limit is applied to the bytes
//! actually read, not to the size the file system reports. A device (`/dev/zero` reports 0 bytes
//! and never ends), a named pipe (opening one waits for a writer for ever) or a socket is refused
//! at once, naming what it is.

use std::fs;
use std::io::Read;
use std::path::Path;

/// Why an input file was not read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file: what it is instead ("a device", "a named pipe (FIFO)", "a folder").
    NotAFile(&'static str),
    /// Longer than the limit: at least `bytes` (the reported size, or the limit and one more).
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::NotAFile(what) => {
                write!(f, "is {what}, not a regular file; only files are read")
            }
            ReadError::TooLarge { limit, .. } => write!(f, "is larger than {limit} bytes"),
            ReadError::Io(e) => write!(f, "{e}"),
        }
    }
}

/// `O_NONBLOCK` of `open(2)`: opening a named pipe then returns at once instead of waiting for
/// a writer. Its value on Linux (most architectures) and on macOS and the BSDs; elsewhere no flag,
/// and the type checked before opening is the guard.
#[cfg(all(
    target_os = "linux",
    not(any(
        target_arch = "mips",
        target_arch = "mips64",
        target_arch = "sparc",
        target_arch = "sparc64"
    ))
))]
const O_NONBLOCK: i32 = 0o4000;
#[cfg(any(
    target_os = "macos",
    target_os = "ios",
    target_os = "freebsd",
    target_os = "openbsd",
    target_os = "netbsd"
))]
const O_NONBLOCK: i32 = 0x0004;
#[cfg(all(
    unix,
    not(any(
        all(
            target_os = "linux",
            not(any(
                target_arch = "mips",
                target_arch = "mips64",
                target_arch = "sparc",
                target_arch = "sparc64"
            ))
        ),
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    ))
))]
const O_NONBLOCK: i32 = 0;

/// What a non-regular file is, in words.
fn kind_of(t: fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
    }
    if t.is_dir() {
        return "a folder";
    }
    "not a regular file"
}

/// Reads the regular file at `path`, at most `limit` bytes; anything else is refused before it is
/// opened (a named pipe is opened without waiting, should it replace the file in between, and
/// the opened file is checked again).
pub fn read_input(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotAFile(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            bytes: meta.len(),
            limit,
        });
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(O_NONBLOCK);
    }
    let file = options.open(path).map_err(ReadError::Io)?;
    let opened = file.metadata().map_err(ReadError::Io)?;
    if !opened.is_file() {
        return Err(ReadError::NotAFile(kind_of(opened.file_type())));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_longer_one_refused_at_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_input(&p, 5).unwrap(), b"12345");
        assert!(matches!(
            read_input(&p, 4),
            Err(ReadError::TooLarge { limit: 4, .. })
        ));
        assert!(matches!(
            read_input(dir.path(), 10),
            Err(ReadError::NotAFile("a folder"))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_pipes_are_refused_without_reading() {
        let start = std::time::Instant::now();
        for dev in ["/dev/zero", "/dev/urandom"] {
            let e = read_input(Path::new(dev), 1 << 20).unwrap_err();
            assert!(matches!(e, ReadError::NotAFile("a device")), "{dev}: {e}");
        }
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo runs");
        let e = read_input(&fifo, 1 << 20).unwrap_err();
        assert!(
            matches!(e, ReadError::NotAFile("a named pipe (FIFO)")),
            "{e}"
        );
        assert!(start.elapsed().as_secs() < 1);
    }
}
