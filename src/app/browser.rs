//! The studio's own file browser, for desktops that offer no file dialog (a bare X session): a
//! folder's subfolders and the files of the kind wanted, a path field, and for saving a name.
//! It is used when the system dialog answers faster than a person could (there is none), and
//! the studio says so once.

use super::Studio;
use super::dialogs::Purpose;
use std::path::{Path, PathBuf};

/// The browser's state while it is open.
pub struct Browser {
    pub purpose: Purpose,
    /// The folder shown.
    pub folder: PathBuf,
    /// The file name typed (saving) or picked (opening).
    pub name: String,
    /// Whether the user agreed to replace unsaved work before it opened.
    pub replaces_unsaved: bool,
}

impl Browser {
    pub fn new(purpose: Purpose, start: PathBuf, name: String, replaces_unsaved: bool) -> Self {
        Browser {
            purpose,
            folder: start,
            name,
            replaces_unsaved,
        }
    }

    /// The extensions the purpose takes.
    fn extensions(&self) -> &'static [&'static str] {
        match self.purpose {
            Purpose::Open | Purpose::SaveAs => &["json"],
            Purpose::NewFromPhoto
            | Purpose::NewHeadFromPhoto
            | Purpose::AddHeadPhoto
            | Purpose::LocatePhoto
            | Purpose::SessionPhoto
            | Purpose::ClientNewDesign
            | Purpose::LaterVisitPhoto => &crate::photo::PHOTO_EXTENSIONS,
            Purpose::Export(_) => &crate::output::IMAGE_EXTENSIONS,
            Purpose::Report => &["pdf"],
            Purpose::ClientArchive => &["tar"],
            // Folders only.
            Purpose::LibraryFolder => &[],
        }
    }

    fn saving(&self) -> bool {
        matches!(
            self.purpose,
            Purpose::SaveAs | Purpose::Export(_) | Purpose::Report | Purpose::ClientArchive
        )
    }

    /// The folder's subfolders and matching files, sorted; hidden entries left out.
    pub fn entries(&self) -> (Vec<String>, Vec<String>) {
        let (mut dirs, mut files) = (Vec::new(), Vec::new());
        if let Ok(read) = std::fs::read_dir(&self.folder) {
            for e in read.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if name.starts_with('.') {
                    continue;
                }
                let path = e.path();
                if path.is_dir() {
                    dirs.push(name);
                } else if path
                    .extension()
                    .is_some_and(|x| self.extensions().iter().any(|w| x.eq_ignore_ascii_case(w)))
                {
                    files.push(name);
                }
            }
        }
        dirs.sort();
        files.sort();
        (dirs, files)
    }
}

/// What the browser did this frame.
enum Outcome {
    Chosen(PathBuf),
    Cancelled,
}

impl Studio {
    /// Draws the browser while it is open; a chosen file goes where a dialog's would.
    pub(super) fn browser_ui(&mut self, ctx: &egui::Context) {
        let Some(b) = self.browser.as_mut() else {
            return;
        };
        let (dirs, files) = b.entries();
        let mut outcome = None;
        let title = match b.purpose {
            Purpose::Open => "Open design",
            Purpose::NewFromPhoto => "New design from photo",
            Purpose::NewHeadFromPhoto => "New head design from photo",
            Purpose::AddHeadPhoto => "Add photo of the head",
            Purpose::SaveAs => "Save design as",
            Purpose::Export(_) => "Export image as",
            Purpose::LocatePhoto => "Locate photo",
            Purpose::LibraryFolder => "Folder of the client library",
            Purpose::SessionPhoto => "Photo of the session",
            Purpose::ClientNewDesign => "New design on the client's photo",
            Purpose::Report => "Save report as",
            Purpose::LaterVisitPhoto => "Photo of a later visit",
            Purpose::ClientArchive => "Export the client's record as",
        };
        let picks_folder = b.purpose == Purpose::LibraryFolder;
        egui::Modal::new(egui::Id::unique("file browser")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(title);
            let mut folder = b.folder.display().to_string();
            ui.horizontal(|ui| {
                if ui.button("Up").clicked()
                    && let Some(parent) = b.folder.parent()
                {
                    b.folder = parent.to_path_buf();
                }
                if ui
                    .add(egui::TextEdit::singleline(&mut folder).desired_width(440.0))
                    .changed()
                    && Path::new(&folder).is_dir()
                {
                    b.folder = PathBuf::from(&folder);
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    for d in &dirs {
                        if ui.selectable_label(false, format!("{d}/")).clicked() {
                            b.folder = b.folder.join(d);
                        }
                    }
                    for f in &files {
                        let picked = ui.selectable_label(b.name == *f, f.as_str());
                        if picked.double_clicked() {
                            outcome = Some(Outcome::Chosen(b.folder.join(f)));
                        } else if picked.clicked() {
                            b.name = f.clone();
                        }
                    }
                    if dirs.is_empty() && files.is_empty() {
                        ui.weak(if b.extensions().is_empty() {
                            "No folders here".to_string()
                        } else {
                            format!("No folders or {} files here", b.extensions().join(", "))
                        });
                    }
                });
            ui.separator();
            if picks_folder {
                ui.horizontal(|ui| {
                    if ui.button("Use this folder").clicked() {
                        outcome = Some(Outcome::Chosen(b.folder.clone()));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(Outcome::Cancelled);
                    }
                });
                return;
            }
            ui.horizontal(|ui| {
                ui.label(if b.saving() { "Name" } else { "File" });
                ui.add(egui::TextEdit::singleline(&mut b.name).desired_width(300.0));
                let ok = if b.saving() { "Save" } else { "Open" };
                if ui
                    .add_enabled(!b.name.trim().is_empty(), egui::Button::new(ok))
                    .clicked()
                {
                    outcome = Some(Outcome::Chosen(b.folder.join(b.name.trim())));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancelled);
                }
            });
        });
        match outcome {
            Some(Outcome::Chosen(path)) => {
                let b = self.browser.take().expect("open");
                self.file_chosen(b.purpose, path, b.replaces_unsaved);
            }
            Some(Outcome::Cancelled) => self.browser = None,
            None => {}
        }
    }
}
