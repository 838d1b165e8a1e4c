//! The client's record: who they are, every design and photo, and a log of each treatment
//! session as it was done (needle, pigment lot, reactions), kept as plain folders and JSON a
//! person can read, back up and move. See `library` for the layout.

pub mod archive;
pub mod client;
pub mod date;
pub mod library;
pub mod lock;
pub mod session_log;
pub mod settings;

/// The folder of a library that holds one folder (or one sealed file) per client.
pub const CLIENTS_DIR: &str = "clients";

pub use client::ClientDetails;
pub use library::{ClientFolder, ClientSummary, Library, Listing};
pub use session_log::{LogEntry, Needle, PhotoWhen, PigmentUsed, SessionLog, SessionPhoto};
pub use settings::{Paper, PriceBasis, Settings};

use serde::de::DeserializeOwned;
use std::fs;
use std::path::{Path, PathBuf};

/// `Err` naming a field and what is wrong with it.
pub(crate) fn invalid<T>(field: &str, why: String) -> Result<T, RecordError> {
    Err(RecordError::Invalid {
        field: field.into(),
        why,
    })
}

/// That a record's `format` field names the record it should be.
pub(crate) fn check_format(found: &str, expected: &str) -> Result<(), RecordError> {
    if found == expected {
        Ok(())
    } else {
        invalid("format", format!("is \"{found}\", not \"{expected}\""))
    }
}

/// An I/O error's cause with the file it was about.
pub(crate) fn io_err(path: &Path) -> impl Fn(std::io::Error) -> RecordError + '_ {
    move |cause| RecordError::Io {
        path: path.to_path_buf(),
        cause,
    }
}

/// The one way a record's file is written: atomically, readable by the user alone (client
/// records are medical records), the previous version kept as `NAME.bak` when `backup`.
pub(crate) fn write_private(path: &Path, bytes: &[u8], backup: bool) -> Result<(), RecordError> {
    crate::output::write_atomic(
        path,
        crate::output::WriteOptions {
            backup,
            private: true,
        },
        |w| w.write_all(bytes),
    )?;
    Ok(())
}

/// Every file under `dir`, as paths relative to it, sorted, in every subfolder; names starting
/// with a dot (temporary files, markers) are left out.
pub(crate) fn files_under(dir: &Path) -> Result<Vec<PathBuf>, RecordError> {
    let mut out = Vec::new();
    let mut todo = vec![PathBuf::new()];
    while let Some(rel) = todo.pop() {
        let here = dir.join(&rel);
        let entries = std::fs::read_dir(&here).map_err(io_err(&here))?;
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue;
            }
            if e.path().is_dir() {
                todo.push(rel.join(&name));
            } else {
                out.push(rel.join(&name));
            }
        }
    }
    out.sort();
    Ok(out)
}

#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// A value that makes no sense, named by its field.
    #[error("{field} {why}")]
    Invalid { field: String, why: String },
    /// The same, in a file.
    #[error("{}: {inner}", path.display())]
    InFile {
        path: PathBuf,
        inner: Box<RecordError>,
    },
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: {cause}", path.display())]
    Json { path: PathBuf, cause: String },
    #[error("{}: {why}", path.display())]
    Photo { path: PathBuf, why: String },
    #[error(transparent)]
    Write(#[from] crate::output::OutputError),
    #[error("the passphrase is not this library's")]
    WrongPassphrase,
}

/// Client and log files are a few kilobytes; a bigger one is not ours.
pub(crate) const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// Reads and checks a small JSON record, naming the file and the field on any problem.
pub(crate) fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, RecordError> {
    let meta = fs::metadata(path).map_err(io_err(path))?;
    if meta.len() > MAX_RECORD_BYTES {
        return Err(RecordError::Json {
            path: path.to_path_buf(),
            cause: format!("{} bytes: too large to be a record", meta.len()),
        });
    }
    let text = fs::read_to_string(path).map_err(io_err(path))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| RecordError::Json {
        path: path.to_path_buf(),
        cause: if e.path().to_string() == "." {
            e.inner().to_string()
        } else {
            format!("{}: {}", e.path(), e.inner())
        },
    })
}
