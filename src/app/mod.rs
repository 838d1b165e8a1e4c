//! The egui studio: the window a practitioner designs in and shows clients.
//!
//! `Studio` holds the open document and the view state; `canvas` draws the photo with dots and
//! handles the tools; `panels` holds the side panels; `commands` defines every command once.

mod canvas;
mod commands;
mod document;
mod files;
mod fonts;
mod opening;
mod panels;
pub mod recovery;
mod tools;
mod worker;

pub use commands::Command;
pub use document::Document;
pub use files::{Prefs, new_design_for_photo, today};

use crate::design::{Design, load_design, validate};
use crate::engine::{Computed, compute, load_design_photo, photo_path};
use crate::render::{
    Caption, ExportKind, Look, PhotoPyramid, PreviewOptions, SessionView, export_composite,
};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The design the studio opens when it is given none.
pub fn sample_design_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("designs")
        .join("shaved-soft-hairline.json")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Select,
    Hairline,
    Pan,
    Calibrate,
    Measure,
    Glabella,
    ZoneBrush,
    ZonePolygon,
    ScarBrush,
    ScarPolygon,
    TestPatch,
}

impl Tool {
    pub const ALL: [(Tool, Command); 11] = [
        (Tool::Select, Command::ToolSelect),
        (Tool::Hairline, Command::ToolHairline),
        (Tool::Pan, Command::ToolPan),
        (Tool::Calibrate, Command::ToolCalibrate),
        (Tool::Measure, Command::ToolMeasure),
        (Tool::Glabella, Command::ToolGlabella),
        (Tool::ZoneBrush, Command::ToolZoneBrush),
        (Tool::ZonePolygon, Command::ToolZonePolygon),
        (Tool::ScarBrush, Command::ToolScarBrush),
        (Tool::ScarPolygon, Command::ToolScarPolygon),
        (Tool::TestPatch, Command::ToolTestPatch),
    ];
}

/// What the canvas shows: preview look and sessions, layers, split and presentation. View state
/// only: none of it is saved in the design.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewOptions {
    pub preview: PreviewOptions,
    /// Years shown by the "years later" look.
    pub aged_years: f32,
    pub show_dots: bool,
    pub show_overlays: bool,
    /// With the split: the variant shown on its left instead of the bare photo.
    pub compare: Option<usize>,
    /// Before/after split position across the canvas (0..1), when shown.
    pub split: Option<f32>,
    /// Presentation mode: full screen, no tools, for showing the client.
    pub presenting: bool,
}

/// The active tool and what it paints with.
#[derive(Clone, Debug, PartialEq)]
pub struct ToolSettings {
    pub active: Tool,
    /// The zone and scar the brush and polygon tools paint into (one past the end: a new one).
    pub zone: usize,
    pub scar: usize,
    /// Brush radius, mm.
    pub brush_mm: f64,
    /// Brushes erase instead of paint.
    pub erase: bool,
}

/// The studio's state.
pub struct Studio {
    pub doc: Document,
    photo: Arc<PhotoPyramid>,
    /// Problems with the photo, shown in a banner until dismissed.
    pub notice: Option<String>,
    computed: Option<(u64, usize, Arc<Computed>)>,
    /// What the canvas shows (not part of the design).
    pub view: ViewOptions,
    /// The active tool and its settings.
    pub tool: ToolSettings,
    /// Gesture state of the canvas tools.
    tools: tools::ToolState,
    /// Whether the window was last asked to be full screen.
    fullscreen: bool,
    canvas: canvas::CanvasState,
    show_help: bool,
    /// Whether a panel edit gesture is under way (one undo step per gesture).
    panel_gesture: bool,
    pub status: String,
    /// When unsaved work was last written to the recovery file, and at which revision.
    autosaved: (std::time::Instant, u64),
    /// Unsaved work from earlier sessions, offered back at start.
    pub recoveries: Vec<(PathBuf, recovery::Recovery)>,
    /// An export running in the background: its stage (0 rendering, 1 encoding) and its thread.
    export_job: Option<ExportJob>,
    /// Remembered between runs.
    pub prefs: Prefs,
    /// An action waiting for the user's answer about unsaved changes.
    pub pending: Option<Pending>,
    /// The user agreed to close with unsaved changes (or saved them).
    pub allow_close: bool,
    /// A design or photo being opened in the background.
    opening: Option<opening::Opening>,
}

/// Actions that would replace unsaved work, held until the user answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Open(PathBuf),
    Close,
}

struct ExportJob {
    stage: Arc<std::sync::atomic::AtomicU8>,
    handle: std::thread::JoinHandle<Result<PathBuf, String>>,
}

/// How often unsaved work is written to the recovery file.
const AUTOSAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(20);

impl Studio {
    /// Opens `path`, or reports why it cannot be opened.
    pub fn open(path: &Path) -> Result<Studio, String> {
        let design = load_design(path).map_err(|e| e.to_string())?;
        Ok(Self::with_design(design, Some(path.to_path_buf())))
    }

    /// A studio on an already loaded design. A missing or changed photo does not stop the work:
    /// the design opens on a blank canvas of the photo's size and the banner says why.
    pub fn with_design(mut design: Design, path: Option<PathBuf>) -> Studio {
        let base = path.clone().unwrap_or_else(|| PathBuf::from("design.json"));
        let photo_path = photo_path(&base, &design);
        let drawn_on = (design.photo.width_px, design.photo.height_px);
        match load_design_photo(&base, &mut design) {
            Ok(p) => {
                let rescaled = drawn_on != (design.photo.width_px, design.photo.height_px);
                let mut s = Studio::with_loaded_photo(design, path, photo_path, p.photo);
                if rescaled {
                    // The file on disk still has the old coordinates until it is saved.
                    s.doc.mark_unsaved();
                }
                s.notice = p.warning;
                s
            }
            Err(e) => {
                let (w, h) = (
                    design.photo.width_px.min(8000),
                    design.photo.height_px.min(8000),
                );
                let blank = crate::photo::Photo {
                    image: image::RgbaImage::from_pixel(w, h, image::Rgba([128, 120, 116, 255])),
                    sha256: String::new(),
                };
                let mut s = Studio::with_loaded_photo(design, path, photo_path, blank);
                s.notice = Some(e.to_string());
                s
            }
        }
    }

    /// A studio on a design whose photo is already decoded.
    pub fn with_loaded_photo(
        design: Design,
        path: Option<PathBuf>,
        photo_path: PathBuf,
        photo: crate::photo::Photo,
    ) -> Studio {
        let pyramid = PhotoPyramid::new(photo.image);
        let notice = None;
        let sessions = design.active().sessions.sessions.len();
        Studio {
            doc: Document::new(design, path, photo_path),
            photo: Arc::new(pyramid),
            notice,
            computed: None,
            view: ViewOptions {
                preview: PreviewOptions {
                    look: Look::Healed,
                    sessions: SessionView::Cumulative(sessions - 1),
                    test_patch_only: false,
                    hide_photo: false,
                },
                aged_years: crate::design::params::AGED_YEARS.default as f32,
                show_dots: true,
                show_overlays: true,
                compare: None,
                split: None,
                presenting: false,
            },
            tool: ToolSettings {
                active: Tool::Hairline,
                zone: 0,
                scar: 0,
                brush_mm: 4.0,
                erase: false,
            },
            tools: tools::ToolState::default(),
            fullscreen: false,
            canvas: canvas::CanvasState::default(),
            show_help: false,
            panel_gesture: false,
            status: String::new(),
            autosaved: (std::time::Instant::now(), 1),
            recoveries: Vec::new(),
            export_job: None,
            prefs: Prefs::default(),
            pending: None,
            allow_close: false,
            opening: None,
        }
    }

    /// Writes unsaved work to the recovery file now.
    pub fn autosave_now(&mut self) {
        match recovery::write_recovery(&self.doc) {
            Ok(_) => self.autosaved = (std::time::Instant::now(), self.doc.revision),
            Err(e) => self.status = format!("Autosave failed: {e}"),
        }
    }

    fn autosave_if_due(&mut self) {
        let (when, rev) = self.autosaved;
        if self.doc.is_dirty() && rev != self.doc.revision && when.elapsed() >= AUTOSAVE_EVERY {
            self.autosave_now();
        }
    }

    /// Replaces the open design with recovered work; it stays unsaved until the user saves.
    pub fn recover(&mut self, index: usize) {
        if index >= self.recoveries.len() {
            return;
        }
        let (file, rec) = self.recoveries.remove(index);
        match rec.design() {
            Ok(design) => {
                let mut s = Studio::with_design(design, rec.original_path.clone());
                s.doc.mark_unsaved();
                s.status = format!("Recovered unsaved work on {}", rec.label());
                s.recoveries = std::mem::take(&mut self.recoveries);
                *self = s;
                self.autosave_now();
                if recovery::recovery_path(self.doc.path.as_deref()).as_deref()
                    != Some(file.as_path())
                {
                    let _ = std::fs::remove_file(&file);
                }
            }
            Err(e) => self.status = format!("Cannot recover {}: {e}", file.display()),
        }
    }

    /// Points the design at its photo when the photo was moved. The photo must have the
    /// proportions the design was drawn on (another resolution rescales the design); a different
    /// content is accepted but reported.
    pub fn relink_photo(&mut self, path: &Path) -> Result<(), String> {
        let photo = crate::photo::load_photo(path).map_err(|e| e.to_string())?;
        let mut design = self.doc.design.clone();
        let notice = crate::engine::fit_design_to_photo(path, &mut design, &photo)
            .map_err(|e| e.to_string())?;
        design.photo.sha256 = photo.sha256.clone();
        self.doc.checkpoint();
        self.doc.design = design;
        self.doc.photo_path = path.to_path_buf();
        self.doc.touch();
        self.photo = Arc::new(PhotoPyramid::new(photo.image));
        self.notice = notice;
        Ok(())
    }

    pub fn variant_index(&self) -> usize {
        self.doc
            .design
            .active_variant
            .min(self.doc.design.variants.len() - 1)
    }

    /// Dots and statistics for the current revision, computed now if they are not yet (the
    /// canvas computes them on its worker thread; this is for callers that need them at once).
    pub fn computed(&mut self) -> &Computed {
        let (rev, vi) = (self.doc.revision, self.variant_index());
        if !matches!(&self.computed, Some((r, v, _)) if *r == rev && *v == vi) {
            self.computed = Some((rev, vi, Arc::new(compute(&self.doc.design, vi))));
        }
        &self.computed.as_ref().expect("just computed").2
    }

    /// The computed dots if they belong to the current revision and variant.
    fn computed_if_current(&self) -> Option<Arc<Computed>> {
        let (rev, vi) = (self.doc.revision, self.variant_index());
        self.computed
            .as_ref()
            .filter(|(r, v, _)| *r == rev && *v == vi)
            .map(|(_, _, c)| Arc::clone(c))
    }

    /// The most recent dots and statistics, possibly of an earlier revision while the worker
    /// catches up (the panel shows them rather than stall the frame).
    pub fn latest_computed(&self) -> Option<&Computed> {
        self.computed.as_ref().map(|(_, _, c)| c.as_ref())
    }

    fn store_computed(&mut self, revision: u64, variant: usize, computed: Arc<Computed>) {
        if self
            .computed
            .as_ref()
            .is_none_or(|(r, _, _)| *r <= revision)
        {
            self.computed = Some((revision, variant, computed));
        }
    }

    /// The design revision the canvas preview currently shows (it lags edits while the worker
    /// renders).
    pub fn preview_revision(&self) -> Option<u64> {
        self.canvas.shown_revision()
    }

    /// Where photo pixel `p` is on screen (egui points), once the canvas was laid out.
    pub fn screen_from_photo(&self, p: crate::geometry::Point) -> Option<egui::Pos2> {
        self.canvas.screen_from_photo(p)
    }

    pub fn session_count(&self) -> usize {
        self.doc.design.variants[self.variant_index()]
            .sessions
            .sessions
            .len()
    }

    /// Runs one command.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::Open => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter("Hairline design", &["json"])
                    .pick_file()
                {
                    self.open_any(&p);
                }
            }
            Command::NewFromPhoto => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter("Photo", &opening::PHOTO_EXTENSIONS)
                    .pick_file()
                {
                    self.open_any(&p);
                }
            }
            Command::Save => match self.doc.path.clone() {
                Some(p) => self.save(p),
                None => self.run(Command::SaveAs),
            },
            Command::SaveAs => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter("Hairline design", &["json"])
                    .set_file_name("design.json")
                    .save_file()
                {
                    self.save(p);
                }
            }
            Command::ExportPreview | Command::ExportBeforeAfter => {
                if let Some(p) = rfd::FileDialog::new()
                    .add_filter("PNG image", &["png"])
                    .add_filter("JPEG image", &["jpg", "jpeg"])
                    .set_file_name("preview.png")
                    .save_file()
                {
                    let kind = if command == Command::ExportPreview {
                        ExportKind::Preview
                    } else {
                        ExportKind::BeforeAfter
                    };
                    self.export(&p, kind);
                }
            }
            Command::Undo => self.doc.undo(),
            Command::Redo => self.doc.redo(),
            Command::FitView => self.canvas.fit_next_frame(),
            Command::ActualSize => self.canvas.actual_size(),
            Command::ToolSelect
            | Command::ToolHairline
            | Command::ToolPan
            | Command::ToolCalibrate
            | Command::ToolMeasure
            | Command::ToolGlabella
            | Command::ToolZoneBrush
            | Command::ToolZonePolygon
            | Command::ToolScarBrush
            | Command::ToolScarPolygon
            | Command::ToolTestPatch => {
                if let Some((t, _)) = Tool::ALL.iter().find(|(_, c)| *c == command) {
                    self.tool.active = *t;
                    self.tools.pending.clear();
                }
            }
            Command::FinishPolygon => tools::finish_polygon(self),
            Command::NextSession | Command::PreviousSession => {
                let n = self.session_count();
                let k = self.view.preview.sessions.latest().min(n - 1);
                let k = if command == Command::NextSession {
                    (k + 1).min(n - 1)
                } else {
                    k.saturating_sub(1)
                };
                self.view.preview.sessions = match self.view.preview.sessions {
                    SessionView::Only(_) => SessionView::Only(k),
                    SessionView::Cumulative(_) => SessionView::Cumulative(k),
                };
            }
            Command::LookFresh => self.view.preview.look = Look::Fresh,
            Command::LookHealed => self.view.preview.look = Look::Healed,
            Command::LookAged => {
                self.view.preview.look = Look::Aged {
                    years: self.view.aged_years,
                }
            }
            Command::ToggleDots => self.view.show_dots = !self.view.show_dots,
            Command::ToggleOverlays => self.view.show_overlays = !self.view.show_overlays,
            Command::BeforeAfter => {
                self.view.split = if self.view.split.is_some() {
                    None
                } else {
                    Some(0.5)
                };
                self.view.compare = None;
            }
            Command::Present => {
                self.view.presenting = !self.view.presenting;
                self.canvas.fit_next_frame();
            }
            Command::Help => self.show_help = !self.show_help,
        }
    }

    /// The question about unsaved changes, asked in the window itself (no system dialog needed).
    fn pending_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let what = match &pending {
            Pending::Open(p) => format!(
                "open {}",
                p.file_name()
                    .map_or("it".into(), |n| n.to_string_lossy().into_owned())
            ),
            Pending::Close => "close Hairline Studio".into(),
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{} has changes that are not saved. Save them before you {what}?",
                self.doc
                    .title()
                    .trim_end_matches(" — Hairline Studio")
                    .trim_start_matches("● ")
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(2);
                }
            });
        });
        let go_on = match choice {
            Some(0) => {
                self.run(Command::Save);
                !self.doc.is_dirty()
            }
            Some(1) => true,
            Some(_) => {
                self.pending = None;
                false
            }
            None => false,
        };
        if go_on {
            self.pending = None;
            match pending {
                Pending::Open(p) => {
                    // The design is replaced only once the file has opened: if it cannot be,
                    // the unsaved work stays, still marked unsaved.
                    self.opening = Some(opening::Opening::start(&p, true));
                }
                Pending::Close => {
                    self.allow_close = true;
                    recovery::clear_recovery(self.doc.path.as_deref());
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Saves to `path` after validating, so a saved file always opens again.
    pub fn save(&mut self, path: PathBuf) {
        if let Err(e) = validate(&self.doc.design) {
            self.status = format!("Not saved: {e}");
            return;
        }
        let before = self.doc.path.clone();
        self.status = match self.doc.save_to(path.clone()) {
            Ok(()) => {
                recovery::clear_recovery(before.as_deref());
                recovery::clear_recovery(Some(&path));
                self.prefs.add_recent(&path);
                format!("Saved {}", path.display())
            }
            Err(e) => format!("Not saved: {e}"),
        };
    }

    /// Exports the preview as shown, at the photo's full resolution, on a background thread:
    /// a 50-megapixel composite takes seconds and the window must stay responsive.
    /// The output is refused, before any work, if its extension is not one the program writes or
    /// if it is the design file or its photo.
    pub fn export(&mut self, path: &Path, kind: ExportKind) {
        if self.export_job.is_some() {
            self.status = "An export is already running".into();
            return;
        }
        let mut inputs = vec![crate::output::Input {
            path: &self.doc.photo_path,
            what: "the design's photo",
        }];
        if let Some(design) = &self.doc.path {
            inputs.push(crate::output::Input {
                path: design,
                what: "the design file",
            });
        }
        let format = match crate::output::ImageFormatOut::for_path(path, self.prefs.jpeg_quality)
            .and_then(|f| crate::output::refuse_inputs(path, &inputs).map(|()| f))
        {
            Ok(f) => f,
            Err(e) => {
                self.status = format!("Not exported: {e}");
                return;
            }
        };
        let vi = self.variant_index();
        let options = self.view.preview;
        let design = self.doc.design.clone();
        let photo = Arc::clone(&self.photo);
        let count = self.session_count();
        let dots = self.computed().dots.clone();
        let stage = Arc::new(std::sync::atomic::AtomicU8::new(0));
        let path = path.to_path_buf();
        let progress = Arc::clone(&stage);
        let handle = std::thread::spawn(move || {
            let variant = &design.variants[vi];
            let caption = Caption {
                client: format!("{} {}", design.client.name, design.client.id)
                    .trim()
                    .to_string(),
                date: design.client.consultation_date.clone(),
                design: variant.name.clone(),
                session: options.sessions.label(count),
                look: options.look.label(),
            };
            let img = export_composite(&photo, variant, &dots, &options, kind, &caption);
            progress.store(1, std::sync::atomic::Ordering::Relaxed);
            crate::output::write_image(&path, &img, format).map_err(|e| e.to_string())?;
            Ok(path)
        });
        self.export_job = Some(ExportJob { stage, handle });
    }

    /// Waits for a running export to finish (tests and closing).
    pub fn finish_export(&mut self) {
        if let Some(job) = self.export_job.take() {
            self.status = match job.handle.join() {
                Ok(Ok(p)) => format!("Exported {}", p.display()),
                Ok(Err(e)) => e,
                Err(_) => "The export failed unexpectedly".into(),
            };
        }
    }

    fn export_progress_ui(&mut self, ui: &mut egui::Ui) {
        let Some(job) = &self.export_job else { return };
        if job.handle.is_finished() {
            self.finish_export();
            return;
        }
        let stage = job.stage.load(std::sync::atomic::Ordering::Relaxed);
        let (text, fraction) = if stage == 0 {
            ("Rendering the export…", 0.35)
        } else {
            ("Writing the image…", 0.8)
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(160.0)
                .text(text)
                .animate(true),
        );
        ui.separator();
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }

    /// The whole studio UI; called by eframe each frame and by the headless tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        for c in Command::pressed(&ctx) {
            self.run(c);
        }
        self.dropped_files_ui(&ctx);
        if self.view.presenting
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.run(Command::Present);
        }
        if self.fullscreen != self.view.presenting {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.view.presenting));
            self.fullscreen = self.view.presenting;
        }
        if self.view.presenting {
            self.presentation_ui(ui);
            return;
        }
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
        let before = self.doc.design.clone();
        egui::Panel::left("design")
            .default_size(290.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| panels::design_ui(self, ui));
            });
        egui::Panel::right("preview")
            .default_size(270.0)
            .resizable(true)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| panels::preview_ui(self, ui));
            });
        self.finish_panel_edit(&ctx, before);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::canvas_ui(self, ui));
        if self.show_help {
            self.help_ui(&ctx);
        }
        if !self.recoveries.is_empty() {
            self.recovery_ui(&ctx);
        }
        if ctx.input(|i| i.viewport().close_requested()) && self.doc.is_dirty() && !self.allow_close
        {
            // Never close over unsaved work without asking.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
        self.pending_ui(&ctx);
        self.opening_ui(&ctx);
        self.autosave_if_due();
        if self.doc.is_dirty() {
            // Wake up for the autosave even when the user is idle.
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        }
        let title = self.doc.title();
        if ctx.input(|i| i.viewport().title.as_deref() != Some(title.as_str())) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
    }

    /// One undo step per panel gesture: the state before the first change of a drag or edit.
    fn finish_panel_edit(&mut self, ctx: &egui::Context, before: Design) {
        if self.doc.design != before {
            if !self.panel_gesture {
                let after = std::mem::replace(&mut self.doc.design, before);
                self.doc.checkpoint();
                self.doc.design = after;
                self.panel_gesture = true;
            }
            self.doc.touch();
        }
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.memory(|m| m.focused().is_some());
        if !busy {
            self.panel_gesture = false;
        }
    }

    fn command_button(&mut self, ui: &mut egui::Ui, c: Command) {
        let sc = c
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let enabled = match c {
            Command::Undo => self.doc.can_undo(),
            Command::Redo => self.doc.can_redo(),
            _ => true,
        };
        if ui
            .add_enabled(enabled, egui::Button::new(c.label()).shortcut_text(sc))
            .on_hover_text(c.help())
            .clicked()
        {
            self.run(c);
            ui.close();
        }
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for c in [Command::NewFromPhoto, Command::Open] {
                    self.command_button(ui, c);
                }
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent designs");
                    }
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_any(&p);
                            ui.close();
                        }
                    }
                });
                for c in [
                    Command::Save,
                    Command::SaveAs,
                    Command::ExportPreview,
                    Command::ExportBeforeAfter,
                ] {
                    self.command_button(ui, c);
                }
                ui.add(
                    egui::Slider::new(&mut self.prefs.jpeg_quality, 1..=100)
                        .text("JPEG export quality"),
                )
                .on_hover_text(
                    "Used when an export's name ends in .jpg or .jpeg; .png exports are lossless",
                );
            });
            ui.menu_button("Edit", |ui| {
                for c in [Command::Undo, Command::Redo] {
                    self.command_button(ui, c);
                }
            });
            ui.menu_button("View", |ui| {
                for c in [
                    Command::FitView,
                    Command::ActualSize,
                    Command::ToggleDots,
                    Command::ToggleOverlays,
                ] {
                    self.command_button(ui, c);
                }
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            });
            ui.menu_button("Preview", |ui| {
                for c in [
                    Command::LookFresh,
                    Command::LookHealed,
                    Command::LookAged,
                    Command::PreviousSession,
                    Command::NextSession,
                ] {
                    self.command_button(ui, c);
                }
            });
            ui.menu_button("Help", |ui| self.command_button(ui, Command::Help));
        });
    }

    fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            self.export_progress_ui(ui);
            if let Some(n) = self.notice.clone() {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Warning: {n}"));
                if ui.small_button("Locate photo…").clicked()
                    && let Some(p) = rfd::FileDialog::new()
                        .add_filter("Photo", &opening::PHOTO_EXTENSIONS)
                        .pick_file()
                    && let Err(e) = self.relink_photo(&p)
                {
                    self.status = e;
                }
                if ui.small_button("Dismiss").clicked() {
                    self.notice = None;
                }
                ui.separator();
            }
            ui.label(&self.status);
        });
    }

    /// Presentation mode: the preview fills the screen; a slim bar steps sessions and looks.
    fn presentation_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("present").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.style_mut()
                    .text_styles
                    .insert(egui::TextStyle::Button, egui::FontId::proportional(20.0));
                let n = self.session_count();
                let k = self.view.preview.sessions.latest().min(n - 1);
                if ui
                    .add_enabled(k > 0, egui::Button::new("< Previous"))
                    .clicked()
                {
                    self.run(Command::PreviousSession);
                }
                ui.label(egui::RichText::new(self.view.preview.sessions.label(n)).size(20.0));
                if ui
                    .add_enabled(k + 1 < n, egui::Button::new("Next >"))
                    .clicked()
                {
                    self.run(Command::NextSession);
                }
                ui.separator();
                for (c, text, on) in [
                    (
                        Command::LookFresh,
                        "Fresh",
                        self.view.preview.look == Look::Fresh,
                    ),
                    (
                        Command::LookHealed,
                        "Healed",
                        self.view.preview.look == Look::Healed,
                    ),
                    (
                        Command::LookAged,
                        "Years later",
                        matches!(self.view.preview.look, Look::Aged { .. }),
                    ),
                ] {
                    if ui.selectable_label(on, text).clicked() {
                        self.run(c);
                    }
                }
                ui.separator();
                if ui
                    .selectable_label(self.view.split.is_some(), "Before / after")
                    .clicked()
                {
                    self.run(Command::BeforeAfter);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Exit (Esc)").clicked() {
                        self.run(Command::Present);
                    }
                });
            });
            ui.add_space(6.0);
        });
        let show_overlays = std::mem::replace(&mut self.view.show_overlays, false);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::canvas_ui(self, ui));
        self.view.show_overlays = show_overlays;
    }

    fn recovery_ui(&mut self, ctx: &egui::Context) {
        let mut action = None;
        egui::Window::new("Recover unsaved work")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.label("Hairline Studio closed before this work was saved:");
                for (i, (_, rec)) in self.recoveries.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let age = std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_secs())
                            .saturating_sub(rec.saved_unix);
                        ui.label(format!("{} ({} min ago)", rec.label(), age / 60));
                        if ui.button("Recover").clicked() {
                            action = Some((i, true));
                        }
                        if ui.button("Discard").clicked() {
                            action = Some((i, false));
                        }
                    });
                }
            });
        match action {
            Some((i, true)) => self.recover(i),
            Some((i, false)) => {
                let (file, _) = self.recoveries.remove(i);
                let _ = std::fs::remove_file(file);
            }
            None => {}
        }
    }

    fn help_ui(&mut self, ctx: &egui::Context) {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for c in Command::ALL {
                        ui.label(
                            c.shortcut()
                                .map(|s| ctx.format_shortcut(&s))
                                .unwrap_or_default(),
                        );
                        ui.label(c.help());
                        ui.end_row();
                    }
                    ui.label("Ctrl+Y");
                    ui.label("Redo");
                    ui.end_row();
                    ui.label("Wheel / pinch");
                    ui.label("Zoom about the cursor");
                    ui.end_row();
                });
            });
        self.show_help = open;
    }
}

struct StudioApp {
    studio: Studio,
}

impl eframe::App for StudioApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = serde_json::to_string(&self.studio.prefs) {
            storage.set_string("prefs", text);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Let a running export finish writing its file.
        self.studio.finish_export();
        // A clean close with nothing unsaved needs no recovery file.
        if !self.studio.doc.is_dirty() {
            recovery::clear_recovery(self.studio.doc.path.as_deref());
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.studio.ui(ui);
    }
}

/// Opens the studio window; returns the process exit code. With no design given it opens the
/// last design (if it still opens), otherwise the bundled sample.
pub fn run(design: Option<PathBuf>) -> i32 {
    if let Some(p) = &design
        && let Err(e) = load_design(p)
    {
        eprintln!("error: {e}");
        return 1;
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1500.0, 940.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Hairline Studio",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let prefs: Prefs = cc
                .storage
                .and_then(|s| s.get_string("prefs"))
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default();
            let last = prefs.recent.first().cloned();
            let mut studio = match design.or(last).map(|p| Studio::open(&p)) {
                Some(Ok(s)) => s,
                Some(Err(e)) => {
                    let mut s = Studio::open(&sample_design_path())
                        .map_err(|e| format!("the bundled sample design does not open: {e}"))?;
                    s.notice = Some(format!("The last design could not be opened: {e}"));
                    s
                }
                None => Studio::open(&sample_design_path())
                    .map_err(|e| format!("the bundled sample design does not open: {e}"))?,
            };
            studio.prefs = prefs;
            if let Some(p) = studio.doc.path.clone() {
                studio.prefs.add_recent(&p);
            }
            studio.recoveries = recovery::list_recoveries();
            Ok(Box::new(StudioApp { studio }))
        }),
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot open the studio window: {e}");
            1
        }
    }
}
