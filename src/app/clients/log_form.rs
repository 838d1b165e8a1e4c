//! Logging a treatment session: what was done, with which needle and pigment lot, how the skin
//! took it, and the photos before and after, each tagged with its view. Filled in from the plan
//! (the session's planned impressions, the design's needle and pigment) and from the last entry
//! (the same bottle and machine, usually); a correction starts from the entry it corrects.

use super::super::Studio;
use super::super::dialogs::Purpose;
use super::ClientsScreen;
use crate::records::{LogEntry, PhotoWhen, SessionPhoto};
use std::path::PathBuf;

/// The views clinics photograph at every visit, so visits can be compared.
pub const PHOTO_VIEWS: [&str; 10] = [
    "front",
    "front, head down",
    "left 45",
    "left 90",
    "right 45",
    "right 90",
    "top",
    "crown",
    "back",
    "close-up",
];

/// A photo chosen for the entry, copied into the client's folder when the entry is saved.
#[derive(Clone, Debug, PartialEq)]
pub struct NewPhoto {
    pub source: PathBuf,
    pub view: String,
    pub when: PhotoWhen,
}

/// The entry being written.
pub struct LogForm {
    pub entry: LogEntry,
    /// The client's designs, and which one the session worked from.
    pub designs: Vec<PathBuf>,
    pub design: usize,
    /// Photos already in the entry being corrected (kept unless removed).
    pub kept: Vec<SessionPhoto>,
    pub photos: Vec<NewPhoto>,
    pub error: Option<String>,
    /// The clinic's impressions an hour: the duration expected until the real one is typed.
    pace_per_hour: f64,
    /// The plan of the design chosen: its variants' names, and per variant its zones and
    /// impressions per session.
    plan: Option<Plan>,
}

struct Plan {
    design: usize,
    variant: String,
    zones: Vec<String>,
    per_session: Vec<usize>,
}

impl LogForm {
    /// The session's planned impressions, zones and the design's needle and pigment, for the
    /// design, variant and session chosen now.
    fn sync_plan(&mut self) {
        let Some(path) = self.designs.get(self.design) else {
            return;
        };
        let stale = self
            .plan
            .as_ref()
            .is_none_or(|p| p.design != self.design || p.variant != self.entry.variant);
        if !stale {
            return;
        }
        let Ok(design) = crate::design::load_design(path) else {
            self.error = Some(format!("{} does not open", path.display()));
            return;
        };
        let vi = design
            .variant_index(&self.entry.variant)
            .unwrap_or(design.active_variant);
        let v = &design.variants[vi];
        let stats = crate::engine::compute(&design, vi).stats;
        self.entry.variant = v.name.clone();
        // Named from the client's folder, as the log keeps it.
        let client = crate::records::library::client_folder_of(path).unwrap_or_default();
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
        self.entry.design = abs.strip_prefix(client).map_or_else(
            |_| path.display().to_string(),
            |r| r.to_string_lossy().replace('\\', "/"),
        );
        self.plan = Some(Plan {
            design: self.design,
            variant: v.name.clone(),
            zones: v.zones.iter().map(|z| z.name.clone()).collect(),
            per_session: stats.per_session,
        });
        if self.entry.needle.diameter_mm == 0.0 {
            self.entry.needle.diameter_mm = v.dots.needle_mm;
        }
        if self.entry.pigment.shade.is_empty() {
            self.entry.pigment.shade = v.pigment.shade.clone();
            self.entry.pigment.dilution = v.pigment.dilution;
        }
        self.sync_planned();
    }

    /// The planned impressions of the session chosen (and all zones ticked for a new entry).
    fn sync_planned(&mut self) {
        let Some(plan) = &self.plan else { return };
        let k = self.entry.planned_session as usize;
        let planned = if k == 0 {
            0
        } else {
            plan.per_session.get(k - 1).copied().unwrap_or(0)
        } as u64;
        if self.entry.impressions_done == self.entry.impressions_planned {
            self.entry.impressions_done = planned;
        }
        let expected = |n: u64| (n as f64 / self.pace_per_hour.max(1.0) * 60.0).round() as u32;
        if self.entry.duration_min == expected(self.entry.impressions_planned) {
            self.entry.duration_min = expected(planned);
        }
        self.entry.impressions_planned = planned;
        if self.entry.zones.is_empty() {
            self.entry.zones = plan.zones.clone();
        }
    }
}

impl ClientsScreen {
    /// Opens the form for the client's next session.
    pub fn start_log(&mut self) {
        let Some(p) = &self.page else { return };
        let mut entry = LogEntry::new();
        let current = p.log.current();
        if let Some(last) = current.last().map(|c| c.entry) {
            // The same bottle, needle and machine, usually: the practitioner changes what differs.
            entry.needle = last.needle.clone();
            entry.pigment = last.pigment.clone();
            entry.machine = last.machine.clone();
            entry.design = last.design.clone();
            entry.variant = last.variant.clone();
        }
        entry.planned_session = current
            .iter()
            .map(|c| c.entry.planned_session)
            .max()
            .unwrap_or(0)
            + 1;
        let designs = p.designs.clone();
        let design = designs
            .iter()
            .position(|d| !entry.design.is_empty() && d.ends_with(&entry.design))
            .unwrap_or(0);
        let mut form = LogForm {
            entry,
            designs,
            design,
            kept: Vec::new(),
            photos: Vec::new(),
            error: None,
            pace_per_hour: self.pace_per_hour,
            plan: None,
        };
        form.sync_plan();
        self.log_form = Some(form);
    }

    /// Opens the form on a copy of `entry`, to be saved as its correction.
    pub fn start_correction(&mut self, entry: LogEntry) {
        let Some(p) = &self.page else { return };
        let designs = p.designs.clone();
        let design = designs
            .iter()
            .position(|d| d.ends_with(&entry.design))
            .unwrap_or(0);
        let kept = entry.photos.clone();
        let mut corrected = entry.clone();
        corrected.corrects = Some(entry.entry);
        corrected.photos.clear();
        self.log_form = Some(LogForm {
            entry: corrected,
            designs,
            design,
            kept,
            photos: Vec::new(),
            error: None,
            pace_per_hour: self.pace_per_hour,
            plan: None,
        });
    }

    /// Adds a photo chosen for the entry being written.
    pub fn add_session_photo(&mut self, source: PathBuf) {
        if let Some(f) = &mut self.log_form {
            // The camera's date dates the visit, unless the practitioner already chose one.
            let first = f.photos.is_empty() && f.kept.is_empty();
            if first
                && f.entry.corrects.is_none()
                && f.entry.date == crate::records::date::today()
                && let Some(taken) = std::fs::read(&source)
                    .ok()
                    .and_then(|b| crate::photo_exif::date_taken(&b))
            {
                f.entry.date = taken;
            }
            let view = f
                .photos
                .last()
                .map_or_else(|| PHOTO_VIEWS[0].to_string(), |p| p.view.clone());
            f.photos.push(NewPhoto {
                source,
                view,
                when: PhotoWhen::Before,
            });
        }
    }

    /// Saves the entry: the photos copied into the visit's folder, then the entry written.
    pub fn save_log(&mut self) {
        let (Some(f), Some(p)) = (&mut self.log_form, &self.page) else {
            return;
        };
        // Checked before any photo is copied, so a refused entry leaves nothing behind.
        let mut check = f.entry.clone();
        check.entry = f.entry.corrects.map_or(1, |c| c + 1);
        if let Err(e) = check.validate() {
            f.error = Some(e.to_string());
            return;
        }
        let mut entry = f.entry.clone();
        entry.photos = f.kept.clone();
        for photo in &f.photos {
            match p
                .folder
                .import_photo(&photo.source, &photo.view, photo.when, &entry.date)
            {
                Ok(sp) => entry.photos.push(sp),
                Err(e) => {
                    f.error = Some(e.to_string());
                    return;
                }
            }
        }
        match p.folder.append(entry.clone()) {
            Ok(n) => {
                self.message = match entry.corrects {
                    Some(c) => format!("Entry {c} corrected by entry {n} (the old one is kept)"),
                    None => format!("Logged session {} on {}", entry.planned_session, entry.date),
                };
                self.log_form = None;
                self.refresh();
            }
            Err(e) => f.error = Some(e.to_string()),
        }
    }
}

impl Studio {
    /// The form, in a window over the clients screen, while it is open.
    pub(super) fn log_form_ui(&mut self, ctx: &egui::Context) {
        let Some(f) = &mut self.clients.log_form else {
            return;
        };
        f.sync_plan();
        let title = match f.entry.corrects {
            Some(n) => format!("Correct entry {n}"),
            None => "Log a session".to_string(),
        };
        let (mut save, mut cancel, mut add_photo) = (false, false, false);
        egui::Modal::new(egui::Id::unique("log-form")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.heading(&title);
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, |ui| {
                    form_fields(ui, f);
                    ui.add_space(6.0);
                    ui.strong("Photos");
                    photos_ui(ui, f);
                    add_photo = ui.button("Add photo…").clicked();
                });
            if let Some(e) = &f.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.separator();
            ui.horizontal(|ui| {
                save = ui.button("Save entry").clicked();
                cancel = ui.button("Cancel").clicked();
                ui.weak("An entry is never changed once saved; a correction is a new entry.");
            });
        });
        if add_photo {
            self.ask_for_file(Purpose::SessionPhoto);
        }
        if save {
            self.clients.save_log();
        } else if cancel {
            self.clients.log_form = None;
        }
    }
}

/// A labelled single-line field (the label names the field for screen readers and tests).
fn field(ui: &mut egui::Ui, label: &str, value: &mut String, width: f32) {
    let l = ui.label(label);
    ui.add(egui::TextEdit::singleline(value).desired_width(width))
        .labelled_by(l.id);
    ui.end_row();
}

fn form_fields(ui: &mut egui::Ui, f: &mut LogForm) {
    egui::Grid::new("log-fields")
        .num_columns(2)
        .spacing([12.0, 5.0])
        .show(ui, |ui| {
            field(ui, "Date", &mut f.entry.date, 110.0);
            ui.label("Design");
            let names: Vec<String> = f
                .designs
                .iter()
                .map(|d| {
                    d.file_stem()
                        .map_or_else(String::new, |s| s.to_string_lossy().into_owned())
                })
                .collect();
            egui::ComboBox::from_id_salt("log-design")
                .selected_text(
                    names
                        .get(f.design)
                        .cloned()
                        .unwrap_or_else(|| "none filed".into()),
                )
                .show_ui(ui, |ui| {
                    for (k, n) in names.iter().enumerate() {
                        ui.selectable_value(&mut f.design, k, n);
                    }
                });
            ui.end_row();
            let sessions = f.plan.as_ref().map_or(4, |p| p.per_session.len()) as u32;
            ui.label("Session");
            let before = f.entry.planned_session;
            egui::ComboBox::from_id_salt("log-session")
                .selected_text(if f.entry.planned_session == 0 {
                    "touch-up".to_string()
                } else {
                    format!("{} of {sessions}", f.entry.planned_session)
                })
                .show_ui(ui, |ui| {
                    for k in 1..=sessions.max(f.entry.planned_session) {
                        ui.selectable_value(
                            &mut f.entry.planned_session,
                            k,
                            format!("{k} of {sessions}"),
                        );
                    }
                    ui.selectable_value(
                        &mut f.entry.planned_session,
                        0,
                        "touch-up (outside the plan)",
                    );
                });
            if before != f.entry.planned_session {
                f.sync_planned();
            }
            ui.end_row();
            ui.label("Zones worked");
            ui.horizontal_wrapped(|ui| {
                let zones = f.plan.as_ref().map(|p| p.zones.clone()).unwrap_or_default();
                for z in zones {
                    let mut on = f.entry.zones.contains(&z);
                    if ui.checkbox(&mut on, &z).changed() {
                        if on {
                            f.entry.zones.push(z.clone());
                        } else {
                            f.entry.zones.retain(|x| x != &z);
                        }
                    }
                }
            });
            ui.end_row();
            let l = ui.label("Impressions done");
            ui.horizontal(|ui| {
                ui.add(egui::DragValue::new(&mut f.entry.impressions_done).range(0..=200_000))
                    .labelled_by(l.id);
                ui.weak(format!("planned {}", f.entry.impressions_planned));
            });
            ui.end_row();
            field(ui, "Needle", &mut f.entry.needle.kind, 200.0);
            field(ui, "Configuration", &mut f.entry.needle.configuration, 80.0);
            let l = ui.label("Needle diameter");
            ui.add(
                egui::DragValue::new(&mut f.entry.needle.diameter_mm)
                    .range(0.0..=2.0)
                    .speed(0.01)
                    .suffix(" mm"),
            )
            .labelled_by(l.id);
            ui.end_row();
            field(ui, "Pigment brand", &mut f.entry.pigment.brand, 200.0);
            field(ui, "Shade", &mut f.entry.pigment.shade, 200.0);
            let l = ui.label("Dilution");
            let mut pct = f.entry.pigment.dilution * 100.0;
            if ui
                .add(
                    egui::DragValue::new(&mut pct)
                        .range(0.0..=100.0)
                        .suffix(" % pigment"),
                )
                .labelled_by(l.id)
                .changed()
            {
                f.entry.pigment.dilution = pct / 100.0;
            }
            ui.end_row();
            field(ui, "Lot number", &mut f.entry.pigment.lot, 160.0);
            field(ui, "Machine settings", &mut f.entry.machine, 300.0);
            let l = ui.label("Duration");
            ui.add(
                egui::DragValue::new(&mut f.entry.duration_min)
                    .range(0..=900)
                    .suffix(" min"),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Reactions");
            ui.add(
                egui::TextEdit::multiline(&mut f.entry.reactions)
                    .desired_rows(2)
                    .desired_width(380.0),
            )
            .labelled_by(l.id);
            ui.end_row();
            let l = ui.label("Notes");
            ui.add(
                egui::TextEdit::multiline(&mut f.entry.notes)
                    .desired_rows(2)
                    .desired_width(380.0),
            )
            .labelled_by(l.id);
            ui.end_row();
        });
}

fn photos_ui(ui: &mut egui::Ui, f: &mut LogForm) {
    let mut remove_kept = None;
    for (k, p) in f.kept.iter().enumerate() {
        ui.horizontal(|ui| {
            ui.label(format!("{} ({}, {:?})", p.file, p.view, p.when).to_lowercase());
            if ui.small_button("Remove").clicked() {
                remove_kept = Some(k);
            }
        });
    }
    if let Some(k) = remove_kept {
        f.kept.remove(k);
    }
    let mut remove = None;
    for (k, p) in f.photos.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            ui.label(
                p.source
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            );
            egui::ComboBox::from_id_salt(("photo-view", k))
                .selected_text(p.view.clone())
                .show_ui(ui, |ui| {
                    for v in PHOTO_VIEWS {
                        ui.selectable_value(&mut p.view, v.to_string(), v);
                    }
                });
            ui.selectable_value(&mut p.when, PhotoWhen::Before, "before");
            ui.selectable_value(&mut p.when, PhotoWhen::After, "after");
            if ui.small_button("Remove").clicked() {
                remove = Some(k);
            }
        });
    }
    if let Some(k) = remove {
        f.photos.remove(k);
    }
    if f.kept.is_empty() && f.photos.is_empty() {
        ui.weak("None yet: add the photos taken before and after, each with its view.");
    }
}
