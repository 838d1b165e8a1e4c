//! A client's page: their details (edited in place, saved on request), their designs (open,
//! report, file the open design here, start one on a new photo), the session log as it stands
//! after corrections, the next appointment, and deleting the record.

use super::super::Studio;
use super::super::dialogs::Purpose;
use crate::design::SKIN_TYPES;
use crate::records::library::client_folder_of;
use std::path::{Path, PathBuf};

impl Studio {
    pub(super) fn client_page_ui(&mut self, ui: &mut egui::Ui) {
        if self.clients.page.is_none() {
            ui.add_space(40.0);
            ui.vertical_centered(|ui| {
                ui.weak("Choose a client on the left, or add one with New client.");
            });
            return;
        }
        self.client_details_ui(ui);
        ui.add_space(10.0);
        self.client_designs_ui(ui);
        ui.add_space(10.0);
        self.client_log_ui(ui);
        ui.add_space(16.0);
        self.client_delete_ui(ui);
    }

    fn client_details_ui(&mut self, ui: &mut egui::Ui) {
        let mut save = false;
        let Some(p) = &mut self.clients.page else {
            return;
        };
        ui.heading(&p.saved.name);
        ui.weak(p.folder.path.display().to_string());
        ui.add_space(6.0);
        let d = &mut p.details;
        egui::Grid::new("client-details")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for (label, value, hint, width) in [
                    ("Name", &mut d.name, "", 320.0),
                    ("Date of birth", &mut d.date_of_birth, "YYYY-MM-DD", 120.0),
                    ("Contact", &mut d.contact, "telephone, e-mail", 320.0),
                ] {
                    let l = ui.label(label);
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .hint_text(hint)
                            .desired_width(width),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                }
                ui.label("Skin type");
                let current = SKIN_TYPES
                    .iter()
                    .find(|(k, _)| *k == d.skin_type)
                    .map_or("Not recorded", |(_, t)| t);
                egui::ComboBox::from_id_salt("client-skin")
                    .selected_text(current)
                    .width(320.0)
                    .show_ui(ui, |ui| {
                        for (k, t) in SKIN_TYPES {
                            ui.selectable_value(&mut d.skin_type, k, t);
                        }
                    });
                ui.end_row();
                let l = ui.label("Hair colour");
                ui.add(egui::TextEdit::singleline(&mut d.hair_colour).desired_width(320.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label("Notes");
                ui.add(
                    egui::TextEdit::multiline(&mut d.notes)
                        .desired_rows(3)
                        .desired_width(420.0),
                )
                .labelled_by(l.id);
                ui.end_row();
            });
        let changed = p.details != p.saved;
        ui.horizontal(|ui| {
            save = ui
                .add_enabled(changed, egui::Button::new("Save details"))
                .clicked();
            if changed && ui.button("Undo changes").clicked() {
                p.details = p.saved.clone();
            }
        });
        if save {
            self.clients.save_details();
        }
    }

    fn client_designs_ui(&mut self, ui: &mut egui::Ui) {
        let Some(p) = &self.clients.page else { return };
        ui.heading("Designs");
        let designs = p.designs.clone();
        let folder = p.folder.clone();
        let mut open = None;
        let mut report = None;
        if designs.is_empty() {
            ui.weak("No design yet: start one on a photo, or file the design open in the studio.");
        }
        for d in &designs {
            ui.horizontal(|ui| {
                ui.label(
                    d.file_stem()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                );
                if ui.button("Open").clicked() {
                    open = Some(d.clone());
                }
                if ui
                    .add_enabled(
                        !self.clients.is_reporting(),
                        egui::Button::new("Report (PDF)…"),
                    )
                    .on_hover_text(
                        "The consultation report and treatment plan: previews, counts, time, \
                         price, aftercare and consent",
                    )
                    .clicked()
                {
                    report = Some(d.clone());
                }
            });
        }
        let open_is_filed = self
            .doc
            .path
            .as_deref()
            .and_then(client_folder_of)
            .is_some_and(|c| crate::output::same_file(&c, &folder.path));
        ui.horizontal(|ui| {
            if ui
                .button("New design from photo…")
                .on_hover_text(
                    "The photo is copied into the client's folder and a design started on it",
                )
                .clicked()
            {
                self.ask_for_file(Purpose::ClientNewDesign);
            }
            if ui
                .add_enabled(
                    !open_is_filed,
                    egui::Button::new(format!("File {} here", self.doc.short_name())),
                )
                .on_hover_text(
                    "Copy the design open in the studio, with its photos, into this client's \
                     record, and go on editing the client's copy",
                )
                .clicked()
            {
                self.file_open_design();
            }
        });
        if let Some(d) = open {
            self.clients.shown = false;
            self.open_any(&d);
        }
        if let Some(d) = report {
            self.clients.report_design = Some(d);
            self.ask_for_file(Purpose::Report);
        }
    }

    /// Files the open design under the client shown and opens the filed copy.
    pub fn file_open_design(&mut self) {
        let Some(p) = &self.clients.page else { return };
        let folder = p.folder.clone();
        // An untitled design names its photo from where it was opened: make it absolute so
        // the copy finds it.
        let mut design = self.doc.design().clone();
        let from = match &self.doc.path {
            Some(path) => path.clone(),
            None => {
                design.photo.path = std::path::absolute(&self.doc.photo_path)
                    .unwrap_or_else(|_| self.doc.photo_path.clone())
                    .to_string_lossy()
                    .into_owned();
                PathBuf::from("untitled.json")
            }
        };
        let name = self
            .doc
            .path
            .as_ref()
            .and_then(|p| p.file_stem())
            .map_or_else(
                || format!("Design {}", crate::records::date::today()),
                |s| s.to_string_lossy().into_owned(),
            );
        let mut name = name;
        let mut k = 2;
        while folder.designs_dir().join(format!("{name}.json")).exists() {
            name = format!("{name} ({k})");
            k += 1;
        }
        match folder.add_design(&design, &from, &name) {
            Ok(filed) => {
                self.clients.message = format!("Filed as {}", filed.display());
                self.clients.refresh();
                self.clients.shown = false;
                // The filed copy holds the unsaved changes too: nothing is lost by replacing.
                self.opening = Some(super::super::opening::Opening::start(&filed, true));
            }
            Err(e) => self.clients.message = format!("Not filed: {e}"),
        }
    }

    /// Starts a design for the client shown on `photo`, copied into their folder first.
    pub(in crate::app) fn new_design_for_client(&mut self, photo: &Path) {
        let Some(p) = &self.clients.page else { return };
        // Refused before it is copied into their folder, so a retry leaves no copies behind.
        if let Some(why) = crate::app::opening::refused_photo(photo) {
            self.clients.message = format!("Not started: {why}");
            return;
        }
        let today = crate::records::date::today();
        match p
            .folder
            .import_photo(photo, "design", crate::records::PhotoWhen::Before, &today)
        {
            Ok(imported) => {
                let path = p.folder.path.join(&imported.file);
                self.clients.new_design_for = Some(p.saved.clone());
                self.clients.shown = false;
                self.open_any(&path);
            }
            Err(e) => self.clients.message = format!("Not started: {e}"),
        }
    }

    fn client_log_ui(&mut self, ui: &mut egui::Ui) {
        let Some(p) = &self.clients.page else { return };
        ui.heading("Session log");
        match &p.next {
            Some((k, date)) => {
                ui.label(format!(
                    "Next: session {k}, planned for {date} (the plan's interval)"
                ));
            }
            None if p.log.entries.is_empty() => {
                ui.weak("No session logged yet.");
            }
            None => {
                ui.weak("The plan's sessions are all logged.");
            }
        }
        for problem in &p.log.problems {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        let current = p.log.current();
        let mut correct = None;
        let mut compare: Option<(String, PathBuf)> = None;
        if !current.is_empty() {
            egui::Grid::new("session-log")
                .striped(true)
                .spacing([14.0, 6.0])
                .show(ui, |ui| {
                    for h in [
                        "Date",
                        "Session",
                        "Impressions",
                        "Needle",
                        "Pigment (lot)",
                        "Time",
                        "Reactions",
                        "Photos",
                        "",
                    ] {
                        ui.strong(h);
                    }
                    ui.end_row();
                    for c in &current {
                        let e = c.entry;
                        ui.label(&e.date);
                        ui.label(if e.planned_session == 0 {
                            "touch-up".to_string()
                        } else {
                            format!("{}", e.planned_session)
                        });
                        ui.label(format!(
                            "{} of {}",
                            e.impressions_done, e.impressions_planned
                        ));
                        ui.label(format!(
                            "{} {} {:.2} mm",
                            e.needle.configuration, e.needle.kind, e.needle.diameter_mm
                        ));
                        ui.label(format!(
                            "{} {} {:.0}% ({})",
                            e.pigment.brand,
                            e.pigment.shade,
                            e.pigment.dilution * 100.0,
                            if e.pigment.lot.is_empty() {
                                "no lot"
                            } else {
                                &e.pigment.lot
                            }
                        ));
                        ui.label(format!("{} min", e.duration_min));
                        ui.label(if e.reactions.is_empty() {
                            "none noted"
                        } else {
                            &e.reactions
                        });
                        ui.horizontal(|ui| {
                            if e.photos.is_empty() {
                                ui.weak("none");
                            }
                            for ph in &e.photos {
                                let when = match ph.when {
                                    crate::records::PhotoWhen::Before => "before",
                                    crate::records::PhotoWhen::After => "after",
                                };
                                if ui
                                    .small_button(format!("{} {when}", ph.view))
                                    .on_hover_text(
                                        "Compare this photo with the plan: aligned onto the \
                                         design it was taken for",
                                    )
                                    .clicked()
                                {
                                    compare = Some((
                                        c.entry.design.clone(),
                                        p.folder.path.join(&ph.file),
                                    ));
                                }
                            }
                        });
                        ui.horizontal(|ui| {
                            if ui
                                .small_button("Correct…")
                                .on_hover_text(
                                    "Write a corrected entry; this one is kept as it was",
                                )
                                .clicked()
                            {
                                correct = Some(e.clone());
                            }
                            if !c.replaced.is_empty() {
                                ui.weak(format!("corrected {}", e.recorded)).on_hover_text(
                                    format!(
                                        "Replaces {} earlier entr{}, kept in the log",
                                        c.replaced.len(),
                                        if c.replaced.len() == 1 { "y" } else { "ies" }
                                    ),
                                );
                            }
                        });
                        ui.end_row();
                    }
                });
        }
        let log_new = ui.button("Log a session…").clicked();
        if let Some((design, photo)) = compare {
            self.compare_logged_photo(&design, photo);
        }
        if let Some(e) = correct {
            self.clients.start_correction(e);
        } else if log_new {
            self.clients.start_log();
        }
    }

    /// Compares a photo from the log with the plan of the design it names (relative to the
    /// client's folder): at once if that design is open, else once it has opened.
    fn compare_logged_photo(&mut self, design: &str, photo: PathBuf) {
        let Some(p) = &self.clients.page else { return };
        let design = if design.is_empty() {
            p.designs.first().cloned()
        } else {
            Some(p.folder.path.join(design))
        };
        let Some(design) = design.filter(|d| d.is_file()) else {
            self.clients.message =
                "The entry names no design of this client's to compare with".into();
            return;
        };
        self.clients.shown = false;
        if self
            .doc
            .path
            .as_deref()
            .is_some_and(|o| crate::output::same_file(o, &design))
        {
            self.compare_later_photo(photo);
        } else {
            self.clients.compare_on_open = Some(photo);
            self.open_any(&design);
        }
    }

    fn client_delete_ui(&mut self, ui: &mut egui::Ui) {
        ui.separator();
        let c = &mut self.clients;
        let Some(p) = &c.page else { return };
        let name = p.saved.name.clone();
        let mut export = false;
        match &mut c.delete_confirm {
            None => {
                ui.horizontal(|ui| {
                    export = ui
                        .button("Export for hand-over…")
                        .on_hover_text(
                            "The whole record as one archive (.tar), photos without camera \
                         metadata or location",
                        )
                        .clicked();
                    if ui
                        .button("Delete client…")
                        .on_hover_text(
                            "Erase the client's record: details, designs, photos and log",
                        )
                        .clicked()
                    {
                        c.delete_confirm = Some(String::new());
                    }
                })
                .inner
            }
            Some(typed) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "This erases {name}'s whole record from this computer: details, designs, \
                         photos and session log. It cannot be undone (backups are not touched). \
                         Type the name to confirm:"
                    ),
                );
                let (mut delete, mut cancel) = (false, false);
                ui.horizontal(|ui| {
                    let l = ui.label("Their name");
                    ui.add(egui::TextEdit::singleline(typed).desired_width(240.0))
                        .labelled_by(l.id);
                    delete = ui
                        .add_enabled(
                            typed.trim() == name.trim(),
                            egui::Button::new("Delete for ever"),
                        )
                        .clicked();
                    cancel = ui.button("Cancel").clicked();
                });
                if delete {
                    c.delete_client();
                } else if cancel {
                    c.delete_confirm = None;
                }
            }
        }
        if export {
            self.ask_for_file(Purpose::ClientArchive);
        }
    }
}
