//! Opening a design or starting one on a photo, on a background thread: decoding a 50-megapixel
//! photo, hashing it and building its pyramid takes a second or two, and the window must keep
//! drawing (and say what it is doing) meanwhile.

use super::Studio;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A file being opened.
pub struct Opening {
    pub path: PathBuf,
    /// The user agreed to replace unsaved work (answered "Save" or "Discard" first).
    pub replaces_unsaved: bool,
    result: Receiver<Result<Box<Studio>, String>>,
}

/// What an opening makes of its file.
#[derive(Clone, Copy, PartialEq)]
enum Making {
    /// A design file, or a new flat design on a photo.
    AsFound,
    /// A new head design with the photo as its first view.
    Head,
}

/// What became of an opening this frame.
pub enum Progress {
    Waiting(Opening),
    Done(Result<Box<Studio>, String>),
}

/// The photos the file dialogs list: those this build decodes, and HEIC/HEIF (an iPhone's) even
/// when it cannot, so that the file is found and, chosen, says why it does not open and what to
/// do, rather than being read as a design.
pub const LISTED_PHOTO_EXTENSIONS: [&str; 8] =
    ["jpg", "jpeg", "png", "webp", "tif", "tiff", "heic", "heif"];

/// Whether `path` is a photo to start a new design on (by extension), rather than a design file.
pub fn is_photo(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        LISTED_PHOTO_EXTENSIONS.contains(&e.to_string_lossy().to_lowercase().as_str())
    })
}

/// Why the photo at `path` cannot be used by this build, known from its name alone (an HEIC
/// photo without the HEIC decoder), before anything is copied or read.
pub fn refused_photo(path: &Path) -> Option<String> {
    let heif = path
        .extension()
        .is_some_and(|e| matches!(e.to_string_lossy().to_lowercase().as_str(), "heic" | "heif"));
    (heif && !crate::heic::DECODES).then(|| {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        format!("{name}: {}", crate::heic::NOT_DECODED)
    })
}

/// Loads what `path` holds into a new studio (the caller's preferences are added on arrival).
fn load_as(path: &Path, making: Making) -> Result<Box<Studio>, String> {
    if making == Making::Head {
        Studio::for_new_head(path).map(Box::new)
    } else if is_photo(path) {
        Studio::for_new_photo(path).map(Box::new)
    } else {
        Studio::open(path).map(Box::new)
    }
}

impl Opening {
    /// Starts loading `path` on its own thread.
    pub fn start(path: &Path, replaces_unsaved: bool) -> Opening {
        Self::start_as(path, replaces_unsaved, Making::AsFound)
    }

    /// Starts a new head design on the photo `path`, on its own thread.
    pub fn start_head(path: &Path, replaces_unsaved: bool) -> Opening {
        Self::start_as(path, replaces_unsaved, Making::Head)
    }

    fn start_as(path: &Path, replaces_unsaved: bool, making: Making) -> Opening {
        let (tx, result) = channel();
        let (p, thread_tx) = (path.to_path_buf(), tx.clone());
        let spawned = std::thread::Builder::new()
            .name("open".into())
            .spawn(move || {
                // A cancelled opening has dropped the receiver: nothing to do with the result.
                let _ = thread_tx.send(load_as(&p, making));
            });
        if spawned.is_err() {
            // No thread to be had: open here, the window waits as it used to.
            let _ = tx.send(load_as(path, making));
        }
        Opening {
            path: path.to_path_buf(),
            replaces_unsaved,
            result,
        }
    }

    /// The file name, for messages.
    pub fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// Checks whether the studio is ready, without waiting.
    pub fn poll(self) -> Progress {
        match self.result.try_recv() {
            Ok(r) => Progress::Done(r),
            Err(TryRecvError::Empty) => Progress::Waiting(self),
            Err(TryRecvError::Disconnected) => Progress::Done(Err(format!(
                "{}: could not be opened (the loader stopped unexpectedly)",
                self.path.display()
            ))),
        }
    }
}
