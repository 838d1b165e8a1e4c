//! The one write path: encode into a temporary file in the target's folder, flush and sync it,
//! rename it over the target, sync the folder. A crash or kill at any moment leaves the target
//! either as it was or as it was meant to become.

use super::OutputError;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Every temporary file ends with this, so a later run can recognise and remove strays.
pub const TEMP_SUFFIX: &str = ".hairline-tmp";

/// How a file is written.
#[derive(Clone, Copy, Debug, Default)]
pub struct WriteOptions {
    /// Keep the previous version as `NAME.bak` (design files).
    pub backup: bool,
    /// Readable and writable by the user alone, whatever the old file allowed (recovery files).
    pub private: bool,
}

/// Whether `name` is one of our temporary files.
pub fn is_temp_file(name: &str) -> bool {
    name.starts_with('.') && name.ends_with(TEMP_SUFFIX)
}

/// Writes `path` through `write`, atomically. `write` gets a buffered writer on a temporary file;
/// whatever it returns as an error (a full disk, an encoder failure) leaves the old file whole
/// and no temporary file behind.
///
/// A symlink is written through (the file it points to is replaced, the link kept). A folder, a
/// device or a missing folder is refused before anything is created.
pub fn write_atomic(
    path: &Path,
    options: WriteOptions,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), OutputError> {
    let Target {
        path: target,
        dir,
        name,
        old,
    } = inspect(path)?;
    let io_err = |cause| OutputError::Write {
        path: path.to_path_buf(),
        cause,
    };
    remove_stale_temps(&dir, &name);

    let (tmp, file) = TempFile::create(&dir, &name, options.private).map_err(io_err)?;
    if let Some(old) = &old
        && !options.private
    {
        // A design kept private by the user stays private after a save.
        fs::set_permissions(&tmp.path, old.permissions()).map_err(io_err)?;
    }
    let written = (|| {
        let mut w = BufWriter::new(file);
        write(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()
    })();
    written.map_err(io_err)?;
    if let Some(old) = old.as_ref().filter(|_| options.backup) {
        // Copy (not rename) so the target never goes missing, even for a moment; the copy is
        // itself made whole before it takes the backup's name.
        let bak = dir.join(format!("{name}.bak"));
        let (bak_tmp, mut bak_file) =
            TempFile::create(&dir, &format!("{name}.bak"), options.private).map_err(io_err)?;
        if !options.private {
            fs::set_permissions(&bak_tmp.path, old.permissions()).map_err(io_err)?;
        }
        fs::File::open(&target)
            .and_then(|mut old| std::io::copy(&mut old, &mut bak_file))
            .and_then(|_| bak_file.sync_all())
            .and_then(|()| bak_tmp.rename_to(&bak))
            .map_err(io_err)?;
    }
    tmp.rename_to(&target).map_err(io_err)?;
    sync_folder(&dir);
    Ok(())
}

/// Checks, without writing anything, that `path` could be written: not a folder or a device, in
/// a folder that exists. Callers with slow work ahead (a full-resolution render) check first.
pub fn check_target(path: &Path) -> Result<(), OutputError> {
    inspect(path).map(|_| ())
}

/// What is at the place about to be written.
struct Target {
    /// The file actually written (a symlink's destination).
    path: PathBuf,
    dir: PathBuf,
    name: String,
    /// The file there now, if any.
    old: Option<fs::Metadata>,
}

fn inspect(path: &Path) -> Result<Target, OutputError> {
    let target = resolve_target(path)?;
    let old = match fs::metadata(&target) {
        Ok(m) if m.is_dir() => {
            return Err(OutputError::IsFolder {
                path: path.to_path_buf(),
            });
        }
        Ok(m) if !m.is_file() => {
            return Err(OutputError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(cause) => {
            return Err(OutputError::Write {
                path: path.to_path_buf(),
                cause,
            });
        }
    };
    let dir = folder_of(&target);
    if !dir.is_dir() {
        return Err(OutputError::MissingFolder {
            path: path.to_path_buf(),
            folder: dir,
        });
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| OutputError::IsFolder {
            path: path.to_path_buf(),
        })?;
    Ok(Target {
        path: target,
        dir,
        name,
        old,
    })
}

/// The file actually written: a symlink's destination, so the link keeps working.
fn resolve_target(path: &Path) -> Result<PathBuf, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            fs::canonicalize(path).map_err(|cause| OutputError::Write {
                path: path.to_path_buf(),
                cause,
            })
        }
        _ => Ok(path.to_path_buf()),
    }
}

fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// Makes the rename itself durable. Folders cannot be opened for syncing on every platform, and
/// the data is already safe in either version, so a failure here is not an error.
fn sync_folder(dir: &Path) {
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

/// A temporary file beside its target, removed when dropped unless it was renamed into place.
struct TempFile {
    path: PathBuf,
    kept: bool,
}

impl TempFile {
    /// A name no other writer uses: this process's id and a counter, created exclusively.
    fn create(
        dir: &Path,
        target_name: &str,
        private: bool,
    ) -> std::io::Result<(TempFile, fs::File)> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = dir.join(format!(
            ".{target_name}.{}-{n}{TEMP_SUFFIX}",
            std::process::id()
        ));
        let mut o = fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let file = o.open(&path)?;
        Ok((TempFile { path, kept: false }, file))
    }

    fn rename_to(mut self, target: &Path) -> std::io::Result<()> {
        fs::rename(&self.path, target)?;
        self.kept = true;
        Ok(())
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.kept {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Removes temporary files for `target_name` left by runs that were killed mid-write. A file of
/// a process still running (another export in progress) is left alone.
fn remove_stale_temps(dir: &Path, target_name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{target_name}.");
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(middle) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(TEMP_SUFFIX))
        else {
            continue;
        };
        // `PID-N`, after the backup's `bak.` when it is the backup's temporary file.
        let id = middle.rsplit_once('.').map_or(middle, |(_, id)| id);
        let pid = id.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| pid != me && !process_alive(pid, &e.path())) {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Whether the process that made a temporary file may still be writing it. Where the process
/// table cannot be read, a file untouched for a day is taken as abandoned.
fn process_alive(pid: u32, temp: &Path) -> bool {
    let proc = Path::new("/proc");
    if proc.join("self").exists() {
        return proc.join(pid.to_string()).exists();
    }
    fs::metadata(temp)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_none_or(|age| age.as_secs() < 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temps(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| is_temp_file(n))
            .collect()
    }

    #[test]
    fn a_failing_write_leaves_the_old_file_whole_and_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.png");
        fs::write(&path, b"the old version").unwrap();
        // Half the bytes go out, then the disk is full.
        let err = write_atomic(&path, WriteOptions::default(), |w| {
            w.write_all(&[7u8; 100_000])?;
            Err(std::io::Error::from(std::io::ErrorKind::StorageFull))
        })
        .unwrap_err();
        assert!(err.to_string().contains("the disk is full"), "{err}");
        assert!(err.to_string().contains("out.png"), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"the old version");
        assert!(temps(dir.path()).is_empty(), "{:?}", temps(dir.path()));
    }

    #[test]
    fn a_symlink_is_written_through_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.json");
        let link = dir.path().join("link.json");
        fs::write(&real, b"old").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&real, &link).unwrap();
            write_atomic(&link, WriteOptions::default(), |w| w.write_all(b"new")).unwrap();
            assert!(
                fs::symlink_metadata(&link)
                    .unwrap()
                    .file_type()
                    .is_symlink()
            );
            assert_eq!(fs::read(&real).unwrap(), b"new");
        }
    }

    #[test]
    fn stale_temporaries_of_dead_processes_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        // No process has pid 4294967295; this one (our own) is alive.
        let dead = dir.path().join(format!(".a.png.4294967295-0{TEMP_SUFFIX}"));
        let dead_backup = dir
            .path()
            .join(format!(".a.png.bak.4294967295-3{TEMP_SUFFIX}"));
        let live = dir
            .path()
            .join(format!(".a.png.{}-999{TEMP_SUFFIX}", std::process::id()));
        let other = dir.path().join(format!(".b.png.4294967295-0{TEMP_SUFFIX}"));
        for p in [&dead, &dead_backup, &live, &other] {
            fs::write(p, b"partial").unwrap();
        }
        write_atomic(&dir.path().join("a.png"), WriteOptions::default(), |w| {
            w.write_all(b"x")
        })
        .unwrap();
        assert!(!dead.exists(), "a dead run's temporary file is cleaned up");
        assert!(!dead_backup.exists(), "and its backup's");
        assert!(live.exists(), "a running writer's file is left alone");
        assert!(other.exists(), "another target's files are not touched");
    }

    #[test]
    fn folders_devices_and_missing_folders_are_refused_before_anything_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let e = write_atomic(dir.path(), WriteOptions::default(), |_| Ok(())).unwrap_err();
        assert!(matches!(e, OutputError::IsFolder { .. }), "{e}");
        let missing = dir.path().join("no-such-folder").join("x.png");
        let e = write_atomic(&missing, WriteOptions::default(), |_| Ok(())).unwrap_err();
        assert!(matches!(e, OutputError::MissingFolder { .. }), "{e}");
        #[cfg(unix)]
        {
            let e = write_atomic(Path::new("/dev/null"), WriteOptions::default(), |_| Ok(()))
                .unwrap_err();
            assert!(matches!(e, OutputError::NotAFile { .. }), "{e}");
        }
        assert!(temps(dir.path()).is_empty());
    }

    #[test]
    fn backup_keeps_the_previous_version_and_private_files_are_the_users_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.json");
        let opts = WriteOptions {
            backup: true,
            private: true,
        };
        write_atomic(&path, opts, |w| w.write_all(b"one")).unwrap();
        write_atomic(&path, opts, |w| w.write_all(b"two")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read(dir.path().join("d.json.bak")).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        assert!(temps(dir.path()).is_empty());
    }
}
