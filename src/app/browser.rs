//! The studio's own file browser, for desktops that offer no file dialog (a bare X session): a
//! folder's subfolders and the files of the kind wanted, a path field, and for saving a name.
//! It is used when the system dialog answers faster than a person could (there is none), and
//! the studio says so once.

use super::Studio;
use super::purpose::Purpose;
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
    /// The path field as typed: it follows the folder shown, and is never rewritten while the
    /// user types (a path that does not exist yet is one still being typed).
    pub typed: String,
}

impl Browser {
    pub fn new(purpose: Purpose, start: PathBuf, name: String, replaces_unsaved: bool) -> Self {
        Browser {
            purpose,
            typed: start.display().to_string(),
            folder: start,
            name,
            replaces_unsaved,
        }
    }

    /// Shows `folder` (the path field follows).
    fn go_to(&mut self, folder: PathBuf) {
        self.typed = folder.display().to_string();
        self.folder = folder;
    }

    /// What Enter in the path field does with the typed path: a folder is opened; a file is
    /// chosen (opening: an existing file of the kind wanted; saving: a name in an existing
    /// folder). `None` when the path is neither yet.
    fn typed_target(&self) -> Option<Typed> {
        let path = PathBuf::from(self.typed.trim());
        if path.as_os_str().is_empty() {
            return None;
        }
        if path.is_dir() {
            return Some(Typed::Folder(path));
        }
        let parent_exists = path.parent().is_some_and(Path::is_dir);
        let wanted = path
            .extension()
            .is_some_and(|x| self.extensions().iter().any(|w| x.eq_ignore_ascii_case(w)));
        let saved_here = self.saving() && parent_exists && path.file_name().is_some();
        let opened = path.is_file() && wanted;
        (self.purpose != Purpose::LibraryFolder && (saved_here || opened))
            .then_some(Typed::File(path))
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
            | Purpose::LaterVisitPhoto => &super::opening::LISTED_PHOTO_EXTENSIONS,
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

impl Studio {
    /// The folder the studio's browser shows and the name it proposes, while it is open.
    pub fn browser_proposal(&self) -> Option<(PathBuf, String)> {
        self.browser
            .as_ref()
            .map(|b| (b.folder.clone(), b.name.clone()))
    }
}

/// What a typed path is.
enum Typed {
    Folder(PathBuf),
    File(PathBuf),
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
            ui.horizontal(|ui| {
                if ui.button("Up").clicked()
                    && let Some(parent) = b.folder.parent()
                {
                    b.go_to(parent.to_path_buf());
                }
                let field = ui.add(
                    egui::TextEdit::singleline(&mut b.typed)
                        .desired_width(440.0)
                        .hint_text("A folder or file: type or paste, Enter opens"),
                );
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if field.changed() && Path::new(b.typed.trim()).is_dir() {
                    // The list follows a folder as it is typed; the field keeps the typing.
                    b.folder = PathBuf::from(b.typed.trim());
                }
                if entered {
                    match b.typed_target() {
                        Some(Typed::Folder(f)) => b.go_to(f),
                        Some(Typed::File(f)) => outcome = Some(Outcome::Chosen(f)),
                        None => {}
                    }
                }
            });
            ui.separator();
            // A fixed height: the window keeps its size and place as the list changes, so a
            // click lands on what was under the pointer.
            egui::ScrollArea::vertical()
                .min_scrolled_height(300.0)
                .max_height(300.0)
                .show(ui, |ui| {
                    ui.set_min_height(300.0);
                    ui.set_min_width(500.0);
                    for d in &dirs {
                        if ui.selectable_label(false, format!("{d}/")).clicked() {
                            let to = b.folder.join(d);
                            b.go_to(to);
                        }
                    }
                    for f in &files {
                        let mut picked = ui.selectable_label(b.name == *f, f.as_str());
                        if let Some(why) = super::opening::refused_photo(Path::new(f)) {
                            // Listed so it is found; it says why it will not open.
                            picked = picked.on_hover_text(why);
                        }
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
                    let path = b.folder.join(b.name.trim());
                    if path.is_dir() {
                        // A folder's name typed here opens the folder.
                        b.name.clear();
                        b.go_to(path);
                    } else {
                        outcome = Some(Outcome::Chosen(path));
                    }
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
