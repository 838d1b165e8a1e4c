//! The egui studio: the window a practitioner designs in and shows clients.
//!
//! `Studio` (here) holds the open document, the view and tool state and the transient UI state,
//! and runs the frame. Each room has its own file: `commands` declares every action once and
//! `actions` carries them out; `menus`, `help` and the palette are generated from the command
//! table; `canvas` and `tools` draw and edit on the photo; `panels` hold the side panels;
//! `presentation`, `modals`, `status`, `dialogs`, `export`, `opening` and `recovery` each do one
//! thing; `window` is eframe's entry point. docs/architecture.md draws the whole.

mod actions;
mod browser;
mod canvas;
pub mod clients;
mod commands;
mod dialogs;
mod document;
mod export;
mod files;
mod fonts;
mod framing;
mod gpu_canvas;
mod head_overlay;
pub(crate) mod head_views;
mod help;
pub mod later_visit;
mod menus;
mod modals;
mod opening;
mod panels;
mod presentation;
mod proposals;
mod purpose;
pub mod recovery;
mod regions;
mod screen;
mod state;
mod status;
mod tools;
mod window;
mod worker;
mod worst_case;

pub use crate::records::date::today;
pub use commands::{COMMANDS, Command, Menu};
pub use dialogs::Purpose;
pub use document::{Document, Gesture};
pub use files::{Prefs, new_design_for_photo};
pub use state::{Tool, ToolSettings, ViewOptions};
pub use window::run;

use crate::design::{Design, load_design, validate};
use crate::engine::{Computed, compute, load_design_photo, photo_path};
use crate::render::{PhotoPyramid, SessionView};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The design the studio opens when it is given none.
pub fn sample_design_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("designs")
        .join("shaved-soft-hairline.json")
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
    /// The window title last sent. Kept here because the window cannot be asked: on X11 winit
    /// reports every title as empty, and a title sent each frame is a repaint each frame.
    title_sent: String,
    canvas: canvas::CanvasState,
    show_help: bool,
    pub status: String,
    /// When the status message was first shown, so it expires.
    status_shown: status::Shown,
    /// When unsaved work was last written to the recovery file, and at which revision.
    autosaved: (std::time::Instant, u64),
    /// Unsaved work from earlier sessions, offered back at start.
    pub recoveries: Vec<(PathBuf, recovery::Recovery)>,
    /// An export running in the background: its stage (0 rendering, 1 encoding) and its thread.
    export_job: Option<export::ExportJob>,
    /// Remembered between runs.
    pub prefs: Prefs,
    /// An action waiting for the user's answer about unsaved changes.
    pub pending: Option<Pending>,
    /// The user answered Save to that question and the save dialog is open: the action goes
    /// on once the design is saved.
    saving_first: bool,
    /// The user agreed to close with unsaved changes (or saved them).
    pub allow_close: bool,
    /// A design or photo being opened in the background.
    opening: Option<opening::Opening>,
    /// A file dialog open on its own thread.
    dialog: Option<dialogs::Dialog>,
    /// The studio's own file browser, when open.
    browser: Option<browser::Browser>,
    /// The desktop offers no file dialog: use the studio's browser (set the first time a
    /// dialog answers faster than a person could, or by tests).
    pub use_own_browser: bool,
    /// The command palette's query while it is open.
    palette: Option<String>,
    /// Commands asked for during this frame, run at its end.
    queued: Vec<Command>,
    /// A head design's photos and which one the canvas shows.
    head_views: head_views::HeadViews,
    /// The worst case shown, if any: the photo at a later Norwood stage.
    worst: worst_case::WorstCase,
    /// The client library screen (shown instead of the editor when open).
    pub clients: clients::ClientsScreen,
    /// A later visit's photo compared with the plan.
    pub later: later_visit::LaterVisit,
}

/// Actions that would replace unsaved work, held until the user answers.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Open(PathBuf),
    /// Choosing a file (to open, or a photo for a new design) that will replace the design.
    Choose(dialogs::Purpose),
    Close,
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
            view: ViewOptions::showing_all(sessions),
            tool: ToolSettings {
                active: Tool::Hairline,
                zone: 0,
                scar: 0,
                zone_brush_mm: 4.0,
                scar_brush_mm: 1.5,
                erase: false,
            },
            tools: tools::ToolState::default(),
            fullscreen: false,
            title_sent: String::new(),
            canvas: canvas::CanvasState::default(),
            show_help: false,
            status: String::new(),
            status_shown: Default::default(),
            autosaved: (std::time::Instant::now(), 1),
            recoveries: Vec::new(),
            export_job: None,
            prefs: Prefs::default(),
            pending: None,
            saving_first: false,
            allow_close: false,
            opening: None,
            dialog: None,
            browser: None,
            use_own_browser: false,
            palette: None,
            queued: Vec::new(),
            head_views: Default::default(),
            worst: Default::default(),
            clients: Default::default(),
            later: Default::default(),
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
                // What belongs to the studio, not the design, stays: preferences, the library
                // (the editor shown, on the recovered work), the choice of file browser.
                s.prefs = std::mem::take(&mut self.prefs);
                s.clients = std::mem::take(&mut self.clients);
                s.clients.shown = false;
                s.use_own_browser = self.use_own_browser;
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
        let mut design = self.doc.design().clone();
        let notice = crate::engine::fit_design_to_photo(path, &mut design, &photo)
            .map_err(|e| e.to_string())?;
        design.photo.sha256 = photo.sha256.clone();
        self.doc.edit(Gesture::Once, |d| *d = design);
        self.doc.photo_path = path.to_path_buf();
        self.photo = Arc::new(PhotoPyramid::new(photo.image));
        self.notice = notice;
        Ok(())
    }

    /// The dot layout shown left of the split beside the design's own, while comparing layouts.
    pub fn layout_compared(&self) -> Option<crate::design::Layout> {
        let current = crate::design::Layout::CURRENT;
        (self.view.compare_layout
            && self.view.split.is_some()
            && self.view.compare.is_none()
            && self.doc.design().layout != current)
            .then_some(current)
    }

    /// Moves the design to the current dot layout: every impression is placed anew. One undo
    /// step; the comparison, having served, is closed.
    pub fn move_to_current_layout(&mut self) {
        let current = crate::design::Layout::CURRENT;
        let old = self.doc.design().layout;
        if old == current {
            return;
        }
        self.doc.edit(Gesture::Once, |d| d.layout = current);
        if self.view.compare_layout {
            self.view.compare_layout = false;
            self.view.split = None;
        }
        self.status = format!(
            "Moved to dot layout {}: every impression is placed anew (Undo goes back to layout {})",
            current.number(),
            old.number()
        );
    }

    pub fn variant_index(&self) -> usize {
        self.doc
            .design()
            .active_variant
            .min(self.doc.design().variants.len() - 1)
    }

    /// Dots and statistics for the current revision, computed now if they are not yet (the
    /// canvas computes them on its worker thread; this is for callers that need them at once).
    pub fn computed(&mut self) -> &Computed {
        let (rev, vi) = (self.doc.revision, self.variant_index());
        if !matches!(&self.computed, Some((r, v, _)) if *r == rev && *v == vi) {
            self.computed = Some((rev, vi, Arc::new(compute(self.doc.design(), vi))));
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

    /// Whether a preview is being made in the background: the panels change once it arrives
    /// (the counts appear), so a test waits for it before pointing at a widget.
    pub fn is_rendering(&self) -> bool {
        // A stage's photo for the worst case is part of the preview being made.
        self.canvas.is_rendering() || self.is_making_worst_case()
    }

    /// The most recent dots and statistics, possibly of an earlier revision while the worker
    /// catches up (the panel shows them rather than stall the frame).
    pub fn latest_computed(&self) -> Option<&Computed> {
        self.computed.as_ref().map(|(_, _, c)| c.as_ref())
    }

    /// The same, with the revision and variant it was computed for.
    pub fn latest_computed_with_key(&self) -> Option<(u64, usize, &Computed)> {
        self.computed.as_ref().map(|(r, v, c)| (*r, *v, c.as_ref()))
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
        Some(self.canvas.transform()?.screen_from_photo(p))
    }

    /// Shows variant `vi` (now the active one): all its sessions, no stale comparison.
    pub fn show_variant(&mut self, vi: usize) {
        if self.view.compare == Some(vi) {
            self.view.compare = None;
            self.view.split = None;
        }
        let n = self
            .doc
            .design()
            .variants
            .get(vi)
            .map_or(1, |v| v.sessions.sessions.len());
        self.view.preview.sessions = SessionView::Cumulative(n.saturating_sub(1));
    }

    pub fn session_count(&self) -> usize {
        self.doc.design().variants[self.variant_index()]
            .sessions
            .sessions
            .len()
    }

    /// Saves to `path` after validating, so a saved file always opens again.
    pub fn save(&mut self, path: PathBuf) {
        if let Err(e) = validate(self.doc.design()) {
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

    /// The whole studio UI; called by eframe each frame and by the headless tests.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        let pressed = Command::pressed(&ctx);
        // Over the clients screen only the commands that make sense there: the design behind
        // it is not edited by a key meant for a text field.
        let pressed = pressed.into_iter().filter(|c| {
            !self.clients.shown
                || matches!(
                    c,
                    Command::Clients
                        | Command::Help
                        | Command::Palette
                        | Command::Open
                        | Command::NewFromPhoto
                )
        });
        self.queued.extend(pressed);
        self.dropped_files_ui(&ctx);
        self.lock_when_idle(&ctx);
        self.sync_worst_case(&ctx);
        self.sync_later_visit(&ctx);
        if self.view.presenting
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.queue(Command::Present);
        }
        if self.fullscreen != self.view.presenting {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.view.presenting));
            self.fullscreen = self.view.presenting;
        }
        if self.clients.shown {
            self.clients_ui(ui);
        } else if self.view.presenting {
            self.presentation_ui(ui);
        } else {
            self.editor_ui(ui, &ctx);
        }
        if ctx.input(|i| i.viewport().close_requested())
            && self.doc.has_unsaved_work()
            && !self.allow_close
        {
            // Never close over unsaved work without asking.
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
            self.view.presenting = false;
        }
        self.pending_ui(&ctx);
        self.opening_ui(&ctx);
        self.dialog_ui(&ctx);
        self.browser_ui(&ctx);
        // Work lost in a crash is offered back wherever the studio opened (the library or a
        // design), once no other question is up: one modal at a time.
        if !self.recoveries.is_empty() && !self.modal_shown() {
            self.recovery_ui(&ctx);
        }
        // Commands asked for by any part of this frame run now, after everything drew from the
        // same state.
        for c in std::mem::take(&mut self.queued) {
            self.run(c);
        }
        self.autosave_if_due();
        if self.doc.is_dirty() {
            // Wake up for the autosave even when the user is idle.
            ctx.request_repaint_after(AUTOSAVE_EVERY);
        }
        let title = self.doc.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// The editor: menus, side panels, the canvas and the windows over it.
    fn editor_ui(&mut self, ui: &mut egui::Ui, ctx: &egui::Context) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_ui(ui));
        egui::Panel::bottom("status").show(ui, |ui| self.status_ui(ui));
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
        self.finish_panel_edit(ctx);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::canvas_ui(self, ui));
        if self.show_help {
            self.help_ui(ctx);
        }
        self.palette_ui(ctx);
    }

    /// One undo step per panel gesture: the panels report their changes as they make them
    /// (`Document::bind`); the gesture ends once the pointer is up and no field has
    /// the keyboard.
    fn finish_panel_edit(&mut self, ctx: &egui::Context) {
        let busy = ctx.input(|i| i.pointer.any_down()) || ctx.memory(|m| m.focused().is_some());
        if !busy {
            self.doc.end_gesture(Gesture::Panel);
        }
    }
}
