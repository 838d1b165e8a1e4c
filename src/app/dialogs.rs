//! File dialogs that never block a frame: the system dialog runs on its own thread and the path
//! chosen arrives through a channel, polled each frame; the window keeps drawing meanwhile.

use super::Studio;
use super::opening::PHOTO_EXTENSIONS;
use crate::output::IMAGE_EXTENSIONS;
use crate::render::ExportKind;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// What the chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    NewFromPhoto,
    SaveAs,
    Export(ExportKind),
    LocatePhoto,
}

/// A dialog open on its thread.
pub struct Dialog {
    purpose: Purpose,
    chosen: Receiver<Option<PathBuf>>,
}

impl Dialog {
    /// Shows the system dialog for `purpose` on a new thread.
    pub fn start(purpose: Purpose) -> Dialog {
        let (tx, chosen) = channel();
        std::thread::spawn(move || {
            // The studio may have closed meanwhile; then nobody is waiting for the answer.
            let _ = tx.send(show(purpose));
        });
        Dialog { purpose, chosen }
    }
}

/// The blocking system dialog (on the dialog's thread).
fn show(purpose: Purpose) -> Option<PathBuf> {
    let design = |d: rfd::FileDialog| d.add_filter("Hairline design", &["json"]);
    let photo = |d: rfd::FileDialog| d.add_filter("Photo", &PHOTO_EXTENSIONS);
    let d = rfd::FileDialog::new();
    match purpose {
        Purpose::Open => design(d).pick_file(),
        Purpose::NewFromPhoto | Purpose::LocatePhoto => photo(d).pick_file(),
        Purpose::SaveAs => design(d).set_file_name("design.json").save_file(),
        Purpose::Export(_) => d
            .add_filter("PNG or JPEG image", &IMAGE_EXTENSIONS)
            .set_file_name("preview.png")
            .save_file(),
    }
}

impl Studio {
    /// Opens a file dialog unless one is already open.
    pub(super) fn ask_for_file(&mut self, purpose: Purpose) {
        if self.dialog.is_none() {
            self.dialog = Some(Dialog::start(purpose));
        }
    }

    /// Acts on the file chosen in a dialog, once it has been chosen.
    pub(super) fn dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &self.dialog else { return };
        let chosen = match dialog.chosen.try_recv() {
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            Ok(chosen) => chosen,
            Err(TryRecvError::Disconnected) => None,
        };
        let purpose = dialog.purpose;
        self.dialog = None;
        let Some(path) = chosen else { return };
        match purpose {
            Purpose::Open | Purpose::NewFromPhoto => self.open_any(&path),
            Purpose::SaveAs => self.save(path),
            Purpose::Export(kind) => self.export(&path, kind),
            Purpose::LocatePhoto => {
                if let Err(e) = self.relink_photo(&path) {
                    self.status = e;
                }
            }
        }
    }
}
