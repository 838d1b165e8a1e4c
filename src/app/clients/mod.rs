//! The client library in the studio: the practitioner's clients (search, recent first), each
//! client's details, designs, session log and report. The records themselves live in
//! `crate::records` (plain folders); this room only shows and edits them.

mod list;
mod locking;
mod log_form;
mod page;
mod settings;

pub use log_form::LogForm;

use super::Studio;
use crate::records::session_log::next_appointment;
use crate::records::{ClientDetails, ClientFolder, Library, Listing, SessionLog, Settings};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

/// The clients screen's state; it lives across designs opened from it.
pub struct ClientsScreen {
    /// Shown instead of the editor.
    pub shown: bool,
    /// The library's folder (chosen by the user; the documents folder by default).
    pub root: Option<PathBuf>,
    library: Option<Library>,
    /// Why the library could not be opened.
    pub error: Option<String>,
    pub listing: Listing,
    pub query: String,
    /// The client whose page is shown.
    pub page: Option<ClientPage>,
    /// The "New client" form while it is open.
    pub new_client: Option<ClientDetails>,
    /// A session being logged (or corrected).
    pub log_form: Option<LogForm>,
    /// What was being typed on a client's page when the library locked, given back once it is
    /// unlocked (`locking::Held`).
    held: Option<locking::Held>,
    /// The library settings being edited, and the report's aftercare and consent texts.
    pub settings: Option<Settings>,
    pub texts: Option<(String, String)>,
    /// The client a design being started on their photo is for (applied once it opens).
    pub new_design_for: Option<ClientDetails>,
    /// A logged photo to compare with the design being opened, once it has opened.
    pub compare_on_open: Option<PathBuf>,
    /// The name typed to confirm deleting the client shown.
    pub delete_confirm: Option<String>,
    /// The last thing done or refused, shown at the screen's foot.
    pub message: String,
    /// When the message was first shown, so it expires.
    pub(in crate::app) message_shown: super::status::Shown,
    /// A report being made on its thread: the PDF's path and the outcome.
    report: Option<(PathBuf, Receiver<Result<String, String>>)>,
    /// The design whose report the next chosen file is for.
    pub report_design: Option<PathBuf>,
    /// The passphrase being typed (to unlock, or to lock for the first time).
    pub passphrase: locking::PassphraseForm,
    pub setting_passphrase: bool,
    /// The last time the user did anything: a library with a passphrase locks after the
    /// settings' minutes without use.
    pub last_use: std::time::Instant,
    /// The settings' minutes before it locks itself (read when the library opens or its
    /// settings are saved, not every frame).
    pub lock_after_min: u32,
    /// The settings' impressions an hour, for a session's expected duration.
    pub pace_per_hour: f64,
}

impl Default for ClientsScreen {
    fn default() -> Self {
        ClientsScreen {
            shown: false,
            root: None,
            library: None,
            error: None,
            listing: Listing::default(),
            query: String::new(),
            page: None,
            new_client: None,
            log_form: None,
            held: None,
            settings: None,
            texts: None,
            new_design_for: None,
            compare_on_open: None,
            delete_confirm: None,
            message: String::new(),
            message_shown: Default::default(),
            report: None,
            report_design: None,
            passphrase: Default::default(),
            setting_passphrase: false,
            last_use: std::time::Instant::now(),
            lock_after_min: crate::records::Settings::default().lock_after_min,
            pace_per_hour: crate::records::Settings::default().impressions_per_hour,
        }
    }
}

/// One client as their page shows them.
pub struct ClientPage {
    pub folder: ClientFolder,
    /// The details as saved, and as being edited.
    pub saved: ClientDetails,
    pub details: ClientDetails,
    pub log: SessionLog,
    pub designs: Vec<PathBuf>,
    /// The plan's next session and its date, from the latest logged session.
    pub next: Option<(u32, String)>,
}

impl ClientPage {
    pub fn load(folder: ClientFolder) -> Result<ClientPage, String> {
        let saved = folder.details().map_err(|e| e.to_string())?;
        let log = folder.log();
        let designs = folder.designs();
        let next = next_for(&log, &designs);
        Ok(ClientPage {
            folder,
            details: saved.clone(),
            saved,
            log,
            designs,
            next,
        })
    }
}

/// The next appointment, from the plan of the design the latest planned session used.
fn next_for(log: &SessionLog, designs: &[PathBuf]) -> Option<(u32, String)> {
    let current = log.current();
    let last = current.iter().rev().find(|c| c.entry.planned_session > 0)?;
    let folder_design = designs
        .iter()
        .find(|d| d.ends_with(&last.entry.design))
        .or_else(|| designs.first())?;
    let design = crate::design::load_design(folder_design).ok()?;
    let vi = design
        .variant_index(&last.entry.variant)
        .unwrap_or(design.active_variant);
    let intervals: Vec<u32> = design.variants[vi]
        .sessions
        .sessions
        .iter()
        .map(|s| s.days_after_previous)
        .collect();
    next_appointment(log, &intervals)
}

impl ClientsScreen {
    /// The library, opened (and made, for a new folder) on first use.
    pub fn library(&mut self) -> Option<&Library> {
        if self.library.is_none() && self.error.is_none() {
            let root = self
                .root
                .clone()
                .unwrap_or_else(crate::records::library::default_root);
            match Library::open(&root) {
                Ok(l) => {
                    self.root = Some(root);
                    self.library = Some(l);
                    self.refresh();
                }
                Err(e) => self.error = Some(format!("The client library cannot be opened: {e}")),
            }
        }
        self.library.as_ref()
    }

    /// Moves to the library at `root`.
    pub fn use_library(&mut self, root: &Path) {
        self.root = Some(root.to_path_buf());
        self.library = None;
        self.error = None;
        self.page = None;
        self.log_form = None;
        let _ = self.library();
    }

    /// Reads the list again from the folders (after a change, or when the screen opens).
    pub fn refresh(&mut self) {
        if let Some(lib) = &self.library {
            self.listing = lib.list();
            if let Ok(s) = lib.settings() {
                self.lock_after_min = s.lock_after_min;
                self.pace_per_hour = s.impressions_per_hour;
            }
        }
        if let Some(p) = &self.page {
            let folder = p.folder.clone();
            let editing = (p.details != p.saved).then(|| p.details.clone());
            match ClientPage::load(folder) {
                Ok(mut page) => {
                    if let Some(d) = editing {
                        page.details = d;
                    }
                    self.page = Some(page);
                }
                Err(e) => {
                    self.message = e;
                    self.page = None;
                }
            }
        }
    }

    /// Shows a listed client's page (their record unsealed first, in a locked library).
    pub fn select(&mut self, summary: &crate::records::ClientSummary) {
        self.delete_confirm = None;
        self.log_form = None;
        let folder = match self.library.as_ref().map(|l| l.client_folder(summary)) {
            Some(Ok(f)) => f,
            Some(Err(e)) => {
                self.message = format!("{} cannot be opened: {e}", summary.details.name);
                return;
            }
            None => summary.folder.clone(),
        };
        if summary.sealed.is_some() {
            // Listed from its folder from now on.
            self.refresh();
        }
        self.show_folder(&folder);
    }

    /// Shows the page of the client in `folder`.
    pub fn show_folder(&mut self, folder: &ClientFolder) {
        match ClientPage::load(folder.clone()) {
            Ok(p) => self.page = Some(p),
            Err(e) => self.message = e,
        }
    }

    /// Adds the client in the "New client" form and shows their page.
    pub fn create_client(&mut self) {
        let Some(details) = self.new_client.clone() else {
            return;
        };
        let Some(lib) = self.library() else { return };
        match lib.add_client(&details) {
            Ok(folder) => {
                self.new_client = None;
                self.message = format!("Added {}", details.name);
                self.refresh();
                self.show_folder(&folder);
            }
            Err(e) => self.message = format!("Not added: {e}"),
        }
    }

    /// Saves the details edited on the client's page.
    pub fn save_details(&mut self) {
        let Some(p) = &mut self.page else { return };
        match p.folder.save_details(&p.details) {
            Ok(()) => {
                p.saved = p.details.clone();
                self.message = format!("Saved {}'s details", p.details.name);
                self.refresh();
            }
            Err(e) => self.message = format!("Not saved: {e}"),
        }
    }

    /// Deletes the client shown, once the typed name matches.
    pub fn delete_client(&mut self) {
        let (Some(p), Some(typed)) = (&self.page, &self.delete_confirm) else {
            return;
        };
        if typed.trim() != p.saved.name.trim() {
            self.message = "Type the client's name exactly to delete their record".into();
            return;
        }
        let name = p.saved.name.clone();
        match p.folder.clone().delete() {
            Ok(()) => {
                self.message = format!("Deleted {name}'s record and every file in it");
                self.page = None;
                self.delete_confirm = None;
                self.refresh();
            }
            Err(e) => self.message = format!("Not deleted: {e}"),
        }
    }

    /// Writes the client shown as one archive for hand-over, photos without their metadata.
    pub fn export_archive(&mut self, out: &Path) {
        let Some(p) = &self.page else { return };
        self.message = match crate::records::archive::export_client(&p.folder.path, out) {
            Ok(s) => format!(
                "Exported {}'s record to {}: {} files, {} photo{} without camera metadata or location",
                p.saved.name,
                out.display(),
                s.files,
                s.photos_cleaned,
                if s.photos_cleaned == 1 { "" } else { "s" }
            ),
            Err(e) => format!("Not exported: {e}"),
        };
    }

    /// Starts making the report of `design` into `out` on its own thread.
    pub fn start_report(&mut self, design: &Path, out: PathBuf) {
        let (tx, rx) = std::sync::mpsc::channel();
        let (d, o) = (design.to_path_buf(), out.clone());
        std::thread::spawn(move || {
            let _ = tx.send(make_report_file(&d, &o));
        });
        self.message = format!("Making the report {}…", out.display());
        self.report = Some((out, rx));
    }

    /// Whether a report is being made.
    pub fn is_reporting(&self) -> bool {
        self.report.is_some()
    }

    fn poll_report(&mut self, ctx: &egui::Context) {
        let Some((_, rx)) = &self.report else { return };
        match rx.try_recv() {
            Ok(r) => {
                self.message = r.unwrap_or_else(|e| format!("No report: {e}"));
                self.report = None;
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.message = "No report: it stopped unexpectedly".into();
                self.report = None;
            }
        }
    }
}

/// The report of the design at `design` written to `out`, with the settings and texts of the
/// library it is filed in (the command line's `report` does the same).
pub fn make_report_file(design: &Path, out: &Path) -> Result<String, String> {
    crate::cli::report_file(design, out, None, None, None)
        .map(|said| format!("Report written: {}", said.trim()))
        .map_err(|e| crate::cli::error_line(&e))
}

impl Studio {
    /// Shows or hides the clients screen.
    pub fn show_clients(&mut self, shown: bool) {
        self.clients.shown = shown;
        if shown {
            self.view.presenting = false;
            if let Some(root) = &self.prefs.library
                && self.clients.root.is_none()
            {
                self.clients.root = Some(root.clone());
            }
            let _ = self.clients.library();
            self.clients.refresh();
        }
    }

    /// The clients screen: the list on the left, the client's page on the right.
    pub(super) fn clients_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.clients.poll_report(&ctx);
        egui::Panel::top("clients-bar").show(ui, |ui| self.clients_bar_ui(ui));
        egui::Panel::bottom("clients-status").show(ui, |ui| {
            let c = &mut self.clients;
            c.message_shown.expire(&mut c.message, ui.ctx());
            ui.label(&c.message);
        });
        let locked = self.clients.is_locked();
        egui::Panel::left("client-list")
            .default_size(320.0)
            .resizable(true)
            .show(ui, |ui| {
                if locked {
                    self.unlock_ui(ui);
                } else {
                    self.client_list_ui(ui);
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if !locked {
                egui::ScrollArea::vertical().show(ui, |ui| self.client_page_ui(ui));
            }
        });
        self.library_settings_ui(&ctx);
        self.log_form_ui(&ctx);
        self.set_passphrase_ui(&ctx);
    }

    fn clients_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("Clients");
            ui.separator();
            let root = self
                .clients
                .root
                .as_ref()
                .map_or_else(String::new, |r| r.display().to_string());
            ui.weak(format!("Library: {root}"));
            if ui
                .button("Change…")
                .on_hover_text("Choose the folder the client library is kept in")
                .clicked()
            {
                self.ask_for_file(super::dialogs::Purpose::LibraryFolder);
            }
            let (has, locked) = self
                .clients
                .library
                .as_ref()
                .map_or((false, false), |l| (l.has_passphrase(), l.is_locked()));
            if !has {
                if ui
                    .button("Lock with passphrase…")
                    .on_hover_text("Encrypt every client's record on this computer")
                    .clicked()
                {
                    self.clients.setting_passphrase = true;
                }
            } else if !locked
                && ui
                    .button("Lock now")
                    .on_hover_text("Seal every record; the passphrase opens them again")
                    .clicked()
            {
                self.lock_library();
            }
            if ui.button("Settings…").clicked() {
                let settings = self.clients.library().and_then(|l| l.settings().ok());
                self.clients.settings = Some(settings.unwrap_or_default());
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button(format!("Back to {}", self.doc.short_name()))
                    .on_hover_text("The design open in the studio")
                    .clicked()
                {
                    self.show_clients(false);
                }
            });
        });
    }
}
