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

/// Whether only its owner may enter `dir` (no permission bits for group or others).
fn is_private_dir(dir: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::metadata(dir).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        false
    }
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
    // Client records are medical records: a file written into a folder only the user may enter
    // (a client's record), or anywhere inside a client library, is the user's alone too, so that
    // it stays private wherever it is later copied.
    let options = WriteOptions {
        private: options.private || is_private_dir(&dir) || in_client_library(&target),
        ..options
    };

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
            ".{}.{}-{n}{TEMP_SUFFIX}",
            temp_stem(target_name),
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

/// The longest target name kept whole in a temporary file's name: with the dot, the process id,
/// the counter and the suffix (at most 46 bytes) it stays within the 255 bytes file systems allow
/// a name, so any name the target may have can be written.
const STEM_MAX: usize = 200;

/// The target's name as its temporary files carry it: whole when short enough, else its first
/// bytes and a hash of the whole name (FNV-1a, to tell apart long names that begin alike).
fn temp_stem(target_name: &str) -> String {
    if target_name.len() <= STEM_MAX {
        return target_name.to_string();
    }
    let mut cut = STEM_MAX - 20;
    while !target_name.is_char_boundary(cut) {
        cut -= 1;
    }
    let hash = target_name.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{}~{hash:016x}", &target_name[..cut])
}

/// Whether `path` lies in a client library: a folder above it (up to the library's root, four
/// levels up from a visit's photo) holds the library's settings or a client's details.
fn in_client_library(path: &Path) -> bool {
    let Ok(abs) = std::path::absolute(path) else {
        return false;
    };
    abs.ancestors().skip(1).take(5).any(|a| {
        a.join(crate::records::settings::SETTINGS_FILE).is_file()
            || a.join(crate::records::client::CLIENT_FILE).is_file()
    })
}

/// Removes temporary files for `target_name` (and its backup's) left by runs that were killed
/// mid-write. A file of a process still running (another export in progress) is left alone.
fn remove_stale_temps(dir: &Path, target_name: &str) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefixes = [
        format!(".{}.", temp_stem(target_name)),
        format!(".{}.", temp_stem(&format!("{target_name}.bak"))),
    ];
    let me = std::process::id();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(middle) = prefixes
            .iter()
            .find_map(|p| name.strip_prefix(p.as_str()))
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
mod tests;
