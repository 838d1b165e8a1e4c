//! Why an output was not written. Each message names the file, the problem and what to do, once;
//! none carries a `source` chain, so a caller printing the chain never repeats a cause.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{}: is a folder; give a file name inside it", path.display())]
    IsFolder { path: PathBuf },
    #[error("{}: is not a regular file (a device, pipe or socket); choose a file name", path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: the folder {} does not exist; create it or choose another folder", path.display(), folder.display())]
    MissingFolder { path: PathBuf, folder: PathBuf },
    #[error("{}: is {what} ({}), which this job reads; choose another output name", path.display(), input.display())]
    IsAnInput {
        path: PathBuf,
        input: PathBuf,
        what: String,
    },
    #[error("{}: cannot write {ext} images; the extensions written are {}", path.display(), super::IMAGE_EXTENSIONS.join(", "))]
    UnsupportedExtension { path: PathBuf, ext: String },
    #[error("{}: JPEG quality {quality} is outside 1 to 100", path.display())]
    BadQuality { path: PathBuf, quality: u32 },
    #[error("{}: cannot write: {}; the previous file is unchanged", path.display(), describe(cause))]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
}

impl OutputError {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Self::IsFolder { path }
            | Self::NotAFile { path }
            | Self::MissingFolder { path, .. }
            | Self::IsAnInput { path, .. }
            | Self::UnsupportedExtension { path, .. }
            | Self::BadQuality { path, .. }
            | Self::Write { path, .. } => path,
        }
    }
}

/// The cause of a failed write in words a user can act on; the OS text otherwise.
fn describe(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::StorageFull => "the disk is full (free some space)".into(),
        K::ReadOnlyFilesystem => "the disk is read-only".into(),
        K::PermissionDenied => "permission denied (the folder or file is not writable)".into(),
        K::QuotaExceeded => "the disk quota is exceeded".into(),
        K::FileTooLarge => "the file is too large for this disk".into(),
        _ => e.to_string(),
    }
}
