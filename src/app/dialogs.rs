//! File dialogs that never block a frame: the system dialog runs on its own thread and the path
//! chosen arrives through a channel, polled each frame; the window keeps drawing meanwhile.

use super::Studio;
use super::opening::LISTED_PHOTO_EXTENSIONS;
use crate::output::IMAGE_EXTENSIONS;
use crate::render::ExportKind;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

pub use super::purpose::Purpose;

/// A dialog open on its thread.
pub struct Dialog {
    purpose: Purpose,
    chosen: Receiver<Option<PathBuf>>,
    /// The user already agreed to replace unsaved work (asked before the dialog).
    replaces_unsaved: bool,
    /// When it was shown: an answer quicker than a person is no dialog at all.
    started: std::time::Instant,
    /// The name it suggested, for the studio's own browser if it is needed.
    file_name: String,
}

/// Faster than anyone can cancel a dialog: the desktop has none. (150 ms was too short on a busy
/// machine: the failed portal call took longer, and a Save was taken for a cancel.)
const NO_DIALOG_WITHIN: std::time::Duration = std::time::Duration::from_millis(600);

impl Dialog {
    /// Shows the system dialog for `purpose` on a new thread.
    pub fn start(
        purpose: Purpose,
        replaces_unsaved: bool,
        file_name: String,
        folder: Option<PathBuf>,
    ) -> Dialog {
        let (tx, chosen) = channel();
        let name = file_name.clone();
        std::thread::spawn(move || {
            // The studio may have closed meanwhile; then nobody is waiting for the answer.
            let _ = tx.send(show(purpose, &name, folder));
        });
        Dialog {
            purpose,
            chosen,
            replaces_unsaved,
            started: std::time::Instant::now(),
            file_name,
        }
    }
}

/// The blocking system dialog (on the dialog's thread); `file_name` is the name suggested when
/// saving.
fn show(purpose: Purpose, file_name: &str, folder: Option<PathBuf>) -> Option<PathBuf> {
    let design = |d: rfd::FileDialog| d.add_filter("Hairline design", &["json"]);
    let photo = |d: rfd::FileDialog| d.add_filter("Photo", &LISTED_PHOTO_EXTENSIONS);
    let mut d = rfd::FileDialog::new();
    if let Some(dir) = folder {
        d = d.set_directory(dir);
    }
    match purpose {
        Purpose::Open => design(d).pick_file(),
        Purpose::NewFromPhoto
        | Purpose::NewHeadFromPhoto
        | Purpose::AddHeadPhoto
        | Purpose::LocatePhoto
        | Purpose::SessionPhoto
        | Purpose::ClientNewDesign
        | Purpose::LaterVisitPhoto => photo(d).pick_file(),
        Purpose::LibraryFolder => d.pick_folder(),
        Purpose::Report => d
            .add_filter("PDF document", &["pdf"])
            .set_file_name(file_name)
            .save_file(),
        Purpose::ClientArchive => d
            .add_filter("Archive", &["tar"])
            .set_file_name(file_name)
            .save_file(),
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
        let replaces = matches!(
            purpose,
            Purpose::Open | Purpose::NewFromPhoto | Purpose::NewHeadFromPhoto
        );
        if replaces && self.doc.has_unsaved_work() {
            self.pending = Some(super::Pending::Choose(purpose));
        } else {
            self.choose_file(purpose, false);
        }
    }

    /// The file name a save dialog suggests. An export's name says what it shows (client,
    /// variant, look and sessions), so the choice is explicit before it is written: the image
    /// is the preview as it is set now.
    pub fn suggested_name(&self, purpose: Purpose) -> String {
        let d = &self.doc.design();
        match purpose {
            Purpose::Export(kind) => {
                let vi = self.variant_index();
                let options = &self.view.preview;
                let sessions = options
                    .sessions
                    .label(d.variants[vi].sessions.sessions.len());
                let owner = self.export_owner();
                let parts = [
                    owner.as_str(),
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
            // Named from the design the report is made of, not the client selected.
            Purpose::Report => {
                let who = self
                    .clients
                    .report_design
                    .as_deref()
                    .map_or_else(|| d.client.name.clone(), |p| self.report_owner(p));
                file_name_from(&[&who, "treatment plan", &crate::records::date::today()]) + ".pdf"
            }
            Purpose::ClientArchive => {
                let who = self
                    .clients
                    .page
                    .as_ref()
                    .map_or("client", |p| p.saved.name.as_str());
                file_name_from(&[who, "record", &crate::records::date::today()]) + ".tar"
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
        self.choose_file(purpose, true);
    }

    /// The system dialog for `purpose`, or the studio's browser where there is none.
    fn choose_file(&mut self, purpose: Purpose, replaces_unsaved: bool) {
        self.prepare_folder(purpose);
        let name = self.suggested_name(purpose);
        if self.use_own_browser {
            self.open_browser(purpose, name, replaces_unsaved);
        } else if self.dialog.is_none() {
            let folder = self.start_folder(purpose);
            self.dialog = Some(Dialog::start(purpose, replaces_unsaved, name, folder));
        }
    }

    /// Where a dialog for `purpose` starts when the studio knows better than the system: a
    /// client's designs folder for saving a design drawn on one of their photos, the client's
    /// folder for their photos and reports, the library's parent for choosing the library.
    pub fn start_folder(&self, purpose: Purpose) -> Option<PathBuf> {
        let client = self.clients.page.as_ref().map(|p| p.folder.path.clone());
        match purpose {
            // What is written of the open design goes where the design belongs
            // (`proposals`), never by the client selected in the library.
            Purpose::SaveAs | Purpose::Export(_) | Purpose::Report => self.proposed_folder(purpose),
            Purpose::SessionPhoto | Purpose::ClientNewDesign => client,
            // A later visit's photos are in the client's folder, when the design is filed.
            Purpose::LaterVisitPhoto => self
                .doc
                .path
                .as_deref()
                .and_then(crate::records::library::client_folder_of)
                .map(|c| c.join(crate::records::library::PHOTOS_DIR)),
            Purpose::LibraryFolder => self
                .clients
                .root
                .as_ref()
                .and_then(|r| r.parent().map(PathBuf::from)),
            // Beside the library, not inside a client's own folder.
            Purpose::ClientArchive => self.clients.root.clone(),
            _ => None,
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
        let no_dialog = chosen.is_none() && dialog.started.elapsed() < NO_DIALOG_WITHIN;
        let file_name = dialog.file_name.clone();
        self.dialog = None;
        match chosen {
            Some(path) => self.file_chosen(purpose, path, replaces_unsaved),
            None if no_dialog => {
                self.status = "This desktop offers no file dialog: the studio's own file \
                               browser is used instead"
                    .into();
                self.use_own_browser = true;
                self.open_browser(purpose, file_name, replaces_unsaved);
            }
            None => {}
        }
    }

    /// The studio's own browser for `purpose`, starting in the design's folder.
    pub(super) fn open_browser(&mut self, purpose: Purpose, name: String, replaces_unsaved: bool) {
        let start = self
            .doc
            .path
            .as_deref()
            .and_then(|p| std::path::absolute(p).ok())
            .and_then(|p| p.parent().map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("."));
        let start = self
            .start_folder(purpose)
            .filter(|f| f.is_dir())
            .unwrap_or(start);
        let name = if matches!(
            purpose,
            Purpose::SaveAs | Purpose::Export(_) | Purpose::Report | Purpose::ClientArchive
        ) {
            name
        } else {
            String::new()
        };
        self.browser = Some(super::browser::Browser::new(
            purpose,
            start,
            name,
            replaces_unsaved,
        ));
    }

    /// Acts on a file chosen in a dialog or the studio's browser.
    pub(super) fn file_chosen(&mut self, purpose: Purpose, path: PathBuf, replaces_unsaved: bool) {
        match purpose {
            // Asked already: the design is replaced once the file has opened.
            Purpose::Open | Purpose::NewFromPhoto if replaces_unsaved => {
                self.opening = Some(super::opening::Opening::start(&path, true));
            }
            Purpose::Open | Purpose::NewFromPhoto => self.open_any(&path),
            // Unsaved changes were asked about before the dialog.
            Purpose::NewHeadFromPhoto => {
                self.opening = Some(super::opening::Opening::start_head(&path, replaces_unsaved));
            }
            Purpose::AddHeadPhoto => {
                if let Err(e) = self.add_head_photo(&path) {
                    self.status = e;
                }
            }
            Purpose::SaveAs => self.save(path),
            Purpose::Export(kind) => self.export(&path, kind),
            Purpose::LocatePhoto => {
                if let Err(e) = self.relink_photo(&path) {
                    self.status = e;
                }
            }
            Purpose::LibraryFolder => {
                self.clients.use_library(&path);
                self.prefs.library = Some(path);
            }
            Purpose::SessionPhoto => self.clients.add_session_photo(path),
            Purpose::ClientNewDesign => self.new_design_for_client(&path),
            Purpose::Report => {
                if let Some(design) = self.clients.report_design.take() {
                    self.clients.start_report(&design, path);
                }
            }
            Purpose::LaterVisitPhoto => self.compare_later_photo(path),
            Purpose::ClientArchive => self.clients.export_archive(&path),
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
