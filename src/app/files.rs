//! Starting designs from photos, dropped files, recent files and preferences that persist.

use super::Studio;
use super::opening::{Opening, Progress, is_photo};
use crate::design::{
    Calibration, Client, Design, DotSpec, FORMAT_NAME, FORMAT_VERSION, PhotoRef, Pigment,
    SessionPlan, Variant,
};
use crate::geometry::Point;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Recent design files kept in the menu.
const MAX_RECENT: usize = 10;

/// What the studio remembers between runs (stored by eframe in the app's data folder).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    pub recent: Vec<PathBuf>,
    /// Quality of JPEG exports, 1 to 100.
    pub jpeg_quality: u32,
    /// The client library's folder, once the user has chosen one.
    pub library: Option<PathBuf>,
}

impl Default for Prefs {
    fn default() -> Self {
        Self {
            recent: Vec::new(),
            jpeg_quality: u32::from(crate::output::DEFAULT_JPEG_QUALITY),
            library: None,
        }
    }
}

impl Prefs {
    pub fn add_recent(&mut self, path: &Path) {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &abs);
        self.recent.insert(0, abs);
        self.recent.truncate(MAX_RECENT);
    }
}

/// A new design with one empty variant, dated today, on `photo`, with a fresh seed.
fn blank_design(photo: PhotoRef) -> Design {
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(1, |d| d.as_nanos() as u64);
    Design {
        format: FORMAT_NAME.into(),
        version: FORMAT_VERSION,
        client: Client {
            consultation_date: crate::records::date::today(),
            ..Client::default()
        },
        photo,
        calibration: Calibration {
            a_px: Point::new(0.0, 0.0),
            b_px: Point::new(100.0, 0.0),
            distance_mm: 10.0,
            measured: true,
        },
        seed,
        layout: crate::design::Layout::CURRENT,
        active_variant: 0,
        glabella_px: None,
        variants: vec![Variant {
            name: "Design A".into(),
            hairline: None,
            zones: Vec::new(),
            scars: Vec::new(),
            dots: DotSpec::default(),
            pigment: Pigment::default(),
            sessions: SessionPlan::default(),
            test_patch: None,
        }],
        head: None,
        views: Vec::new(),
    }
}

/// A new, empty design on a photo. The calibration is a placeholder across the lower part of the
/// photo until the practitioner clicks the ruler (the studio says so).
pub fn new_design_for_photo(photo_path: &Path) -> Result<(Design, crate::photo::Photo), String> {
    let photo = crate::photo::load_photo(photo_path).map_err(|e| e.to_string())?;
    let (w, h) = photo.image.dimensions();
    let (wf, hf) = (w as f64, h as f64);
    let mut design = blank_design(PhotoRef {
        path: photo_path.to_string_lossy().into_owned(),
        width_px: w,
        height_px: h,
        sha256: photo.sha256.clone(),
    });
    // A placeholder scale (0.1 mm a pixel) so the engine can run; `measured: false` keeps it
    // from being shown or taken as a measurement until the ruler is clicked.
    design.calibration = Calibration {
        a_px: Point::new(wf * 0.3, hf * 0.9),
        b_px: Point::new(wf * 0.7, hf * 0.9),
        distance_mm: wf * 0.4 * 0.1,
        measured: false,
    };
    Ok((design, photo))
}

/// A new, empty design on the client's head (an average adult man's until measured), drawn on
/// its scalp map; its photos are added as views.
pub fn new_head_design() -> Design {
    let head = crate::design::HeadModel::adult_male();
    let mut design = blank_design(PhotoRef {
        path: String::new(),
        width_px: 1,
        height_px: 1,
        sha256: String::new(),
    });
    crate::head::set_chart_frame(&mut design, &head.chart(), head.map_mm_per_px);
    design.head = Some(head);
    design
}

impl Studio {
    /// A studio on a new, untitled head design with the photo `photo_path` as its first view
    /// (a front view until the practitioner says otherwise), shown, ready for its landmarks.
    pub fn for_new_head(photo_path: &Path) -> Result<Studio, String> {
        let design = new_head_design();
        let head = design.head.expect("a head design");
        let map = crate::head::scalp_map_image(&head.chart(), head.map_mm_per_px);
        let map = crate::photo::Photo {
            image: image::DynamicImage::ImageRgb8(map).to_rgba8(),
            sha256: String::new(),
        };
        let mut s = Studio::with_loaded_photo(design, None, photo_path.to_path_buf(), map);
        s.add_head_photo(photo_path)?;
        s.doc.mark_new();
        Ok(s)
    }

    /// A studio on a new, untitled design on `photo_path`, starting with the calibration (the
    /// status bar asks for it until it is done).
    pub fn for_new_photo(photo_path: &Path) -> Result<Studio, String> {
        let (design, photo) = new_design_for_photo(photo_path)?;
        let mut s = Studio::with_loaded_photo(design, None, photo_path.to_path_buf(), photo);
        s.doc.mark_new();
        s.tool.active = super::Tool::Calibrate;
        Ok(s)
    }

    /// Opens a design file or starts a design on a photo, by extension (menus and dropped
    /// files), in the background. Unsaved work is asked about first.
    pub fn open_any(&mut self, path: &Path) {
        if self.doc.has_unsaved_work() {
            // Ask first, in the window; `pending_ui` starts the opening once the user has answered.
            self.pending = Some(super::Pending::Open(path.to_path_buf()));
            return;
        }
        self.opening = Some(Opening::start(path, false));
    }

    /// Whether a file is being opened in the background.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Takes the opened studio in when it is ready; meanwhile a window says what is being opened
    /// and lets the user cancel (the modal also keeps edits from going to a design about to be
    /// replaced).
    pub fn opening_ui(&mut self, ctx: &egui::Context) {
        let Some(opening) = self.opening.take() else {
            return;
        };
        let path = opening.path.clone();
        let replaces_unsaved = opening.replaces_unsaved;
        match opening.poll() {
            Progress::Waiting(opening) => {
                let mut cancel = false;
                egui::Modal::new(egui::Id::unique("opening")).show(ctx, |ui| {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(format!("Opening {}…", opening.name()));
                    });
                    ui.add_space(6.0);
                    cancel = ui.button("Cancel").clicked();
                });
                if cancel {
                    self.status = format!("Did not open {}", opening.name());
                } else {
                    self.opening = Some(opening);
                    ctx.request_repaint_after(std::time::Duration::from_millis(30));
                }
            }
            Progress::Done(Ok(mut s)) => {
                if replaces_unsaved {
                    // The user chose to discard the changes: their recovery file goes too.
                    super::recovery::clear_recovery(self.doc.path.as_deref());
                }
                s.prefs = std::mem::take(&mut self.prefs);
                if !is_photo(&path) {
                    s.prefs.add_recent(&path);
                }
                s.clients = std::mem::take(&mut self.clients);
                s.clients.shown = false;
                if let Some(client) = s.clients.new_design_for.take() {
                    // A design started on a client's photo is theirs from the start.
                    // Part of the design as opened, not an edit: undoing the first edit (the
                    // calibration, usually) keeps whose design it is.
                    let id = crate::records::library::client_folder_of(&path)
                        .and_then(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
                        .unwrap_or_default();
                    s.doc.amend_as_opened(|d| {
                        d.client.name = client.name;
                        d.client.skin_type = client.skin_type;
                        d.client.id = id;
                    });
                }
                s.use_own_browser = self.use_own_browser;
                let compare = s.clients.compare_on_open.take();
                *self = *s;
                if let Some(photo) = compare {
                    // Its photo arrived with it: the comparison can start.
                    self.compare_later_photo(photo);
                }
                ctx.request_repaint();
            }
            // The open design stays as it was, unsaved changes and all.
            Progress::Done(Err(e)) => {
                self.clients.compare_on_open = None;
                self.clients.new_design_for = None;
                self.status = e;
            }
        }
    }

    /// Handles files dropped on the window.
    pub fn dropped_files_ui(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(path) = dropped.first() {
            self.open_any(path);
        }
    }
}
