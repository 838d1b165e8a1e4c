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

pub use client::ClientDetails;
pub use library::{ClientFolder, ClientSummary, Library, Listing};
pub use session_log::{LogEntry, Needle, PhotoWhen, PigmentUsed, SessionLog, SessionPhoto};
pub use settings::{Paper, PriceBasis, Settings};

use std::path::PathBuf;

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
