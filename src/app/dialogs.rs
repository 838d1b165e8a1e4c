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
    /// The user already agreed to replace unsaved work (asked before the dialog).
    replaces_unsaved: bool,
}

impl Dialog {
    /// Shows the system dialog for `purpose` on a new thread.
    pub fn start(purpose: Purpose, replaces_unsaved: bool, file_name: String) -> Dialog {
        let (tx, chosen) = channel();
        std::thread::spawn(move || {
            // The studio may have closed meanwhile; then nobody is waiting for the answer.
            let _ = tx.send(show(purpose, &file_name));
        });
        Dialog {
            purpose,
            chosen,
            replaces_unsaved,
        }
    }
}

/// The blocking system dialog (on the dialog's thread); `file_name` is the name suggested when
/// saving.
fn show(purpose: Purpose, file_name: &str) -> Option<PathBuf> {
    let design = |d: rfd::FileDialog| d.add_filter("Hairline design", &["json"]);
    let photo = |d: rfd::FileDialog| d.add_filter("Photo", &PHOTO_EXTENSIONS);
    let d = rfd::FileDialog::new();
    match purpose {
        Purpose::Open => design(d).pick_file(),
        Purpose::NewFromPhoto | Purpose::LocatePhoto => photo(d).pick_file(),
        Purpose::SaveAs => design(d).set_file_name(file_name).save_file(),
        Purpose::Export(_) => d
            .add_filter("PNG or JPEG image", &IMAGE_EXTENSIONS)
            .set_file_name(file_name)
            .save_file(),
    }
}

impl Studio {
    /// Opens a file dialog unless one is already open. A file chosen to replace the design is
    /// asked about (unsaved changes) before the dialog, not after it.
    pub(super) fn ask_for_file(&mut self, purpose: Purpose) {
        let replaces = matches!(purpose, Purpose::Open | Purpose::NewFromPhoto);
        if replaces && self.doc.is_dirty() {
            self.pending = Some(super::Pending::Choose(purpose));
        } else if self.dialog.is_none() {
            self.dialog = Some(Dialog::start(purpose, false, self.suggested_name(purpose)));
        }
    }

    /// The file name a save dialog suggests. An export's name says what it shows (client,
    /// variant, look and sessions), so the choice is explicit before it is written: the image
    /// is the preview as it is set now.
    pub fn suggested_name(&self, purpose: Purpose) -> String {
        let d = &self.doc.design;
        match purpose {
            Purpose::Export(kind) => {
                let vi = self.variant_index();
                let options = &self.view.preview;
                let sessions = options
                    .sessions
                    .label(d.variants[vi].sessions.sessions.len());
                let parts = [
                    d.client.id.as_str(),
                    d.variants[vi].name.as_str(),
                    &options.look.label(),
                    &sessions,
                    if kind == ExportKind::BeforeAfter {
                        "before-after"
                    } else {
                        ""
                    },
                ];
                file_name_from(&parts) + ".png"
            }
            _ => {
                let name = [d.client.id.as_str(), d.client.name.as_str()];
                let base = file_name_from(&name);
                if base.is_empty() {
                    "design.json".into()
                } else {
                    base + ".json"
                }
            }
        }
    }

    /// Whether a file dialog is open.
    pub fn is_choosing_file(&self) -> bool {
        self.dialog.is_some()
    }

    /// The dialog for `purpose` once the user agreed to replace unsaved work.
    pub(super) fn ask_for_file_replacing(&mut self, purpose: Purpose) {
        if self.dialog.is_none() {
            self.dialog = Some(Dialog::start(purpose, true, self.suggested_name(purpose)));
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
        let (purpose, replaces_unsaved) = (dialog.purpose, dialog.replaces_unsaved);
        self.dialog = None;
        let Some(path) = chosen else { return };
        match purpose {
            // Asked already: the design is replaced once the file has opened.
            Purpose::Open | Purpose::NewFromPhoto if replaces_unsaved => {
                self.opening = Some(super::opening::Opening::start(&path, true));
            }
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

/// Words joined into a file name: lower case, spaces as hyphens, nothing a file system refuses.
fn file_name_from(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(|p| {
            p.chars()
                .map(|c| {
                    if c.is_alphanumeric() {
                        c.to_ascii_lowercase()
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-")
        .split('-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}
