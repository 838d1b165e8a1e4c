//! A later visit compared with the plan: a photo of the same view taken weeks or years later is
//! aligned onto the design's photo (`crate::align`) and resampled into its frame, so the canvas
//! and every tool work on it in the design's own pixels. It is shown alone, with the plan's
//! impressions over it, flickering with the plan, or side by side with the plan (the split's
//! left side); a touch-up zone painted on it is counted like any zone.

use super::Studio;
use crate::render::PhotoPyramid;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// How the later photo is shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum VisitMode {
    /// The client's photo with the plan, as usual.
    #[default]
    Off,
    /// The later photo alone, in the design's frame.
    Later,
    /// The plan's impressions over the later photo: where they were meant to be.
    Overlay,
    /// The plan and the later photo in turn, every `FLICKER`.
    Flicker,
    /// The later photo left of the split, the plan right of it.
    SideBySide,
}

impl VisitMode {
    pub const ALL: [(VisitMode, &'static str); 5] = [
        (VisitMode::Off, "Off"),
        (VisitMode::Later, "Later photo"),
        (VisitMode::Overlay, "Plan over it"),
        (VisitMode::Flicker, "Flicker"),
        (VisitMode::SideBySide, "Side by side"),
    ];
}

const FLICKER: Duration = Duration::from_millis(700);

/// What the alignment thread sends back: the later photo in the design's frame, how well it
/// matched, and the file's name.
type Aligned = Result<(Arc<PhotoPyramid>, f64, String), String>;

#[derive(Default)]
pub struct LaterVisit {
    pub mode: VisitMode,
    /// The later photo resampled into the design's frame.
    pub warped: Option<Arc<PhotoPyramid>>,
    /// Its file's name and how well it matched (normalised correlation over the treated area).
    pub name: String,
    pub correlation: f64,
    /// The client's photo while the later one stands in for it.
    original: Option<Arc<PhotoPyramid>>,
    aligning: Option<Receiver<Aligned>>,
    /// In flicker: whether the later photo is the one shown, and since when.
    flicker: (bool, Option<Instant>),
}

/// The later photo at `path` aligned onto `design` over `roi` and resampled into its frame.
fn align_file(
    design: &image::RgbaImage,
    path: &Path,
    roi: Option<crate::geometry::Rect>,
) -> Aligned {
    let later = crate::photo::load_photo(path).map_err(|e| e.to_string())?;
    let a = crate::align::align(design, &later.image, roi)
        .ok_or_else(|| format!("{}: too small to compare", path.display()))?;
    let warped = crate::align::warp_into(&later.image, &a, design.dimensions());
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    Ok((Arc::new(PhotoPyramid::new(warped)), a.correlation, name))
}

impl Studio {
    /// Starts aligning the photo at `path` on its own thread (a second or so).
    pub fn compare_later_photo(&mut self, path: PathBuf) {
        if self.doc.design().head.is_some() {
            self.status = "Comparing visits works on a design on one photo; on a head design, \
                           not yet"
                .into();
            return;
        }
        let design = Arc::clone(self.later.original.as_ref().unwrap_or(&self.photo));
        // The treated area with a margin: where the impressions must line up (the dots worked
        // out now if the canvas has not yet).
        let computed = match self.latest_computed() {
            Some(c) => c,
            None => self.computed(),
        };
        let dots =
            crate::geometry::Rect::from_points(computed.dots.dots.iter().map(|d| d.pos_px()));
        let roi = (!dots.is_empty()).then(|| dots.expanded(dots.width().max(dots.height()) * 0.1));
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(align_file(&design.levels[0], &path, roi));
        });
        self.later.aligning = Some(rx);
        self.status = "Aligning the later photo with the design…".into();
    }

    /// Whether the canvas shows the later photo in place of the client's now.
    pub fn shows_later_photo(&self) -> bool {
        self.later
            .warped
            .as_ref()
            .is_some_and(|w| Arc::ptr_eq(w, &self.photo))
    }

    /// Whether a later photo is being aligned.
    pub fn is_aligning(&self) -> bool {
        self.later.aligning.is_some()
    }

    /// Puts the photo the canvas shows in line with the mode; called once a frame.
    pub(super) fn sync_later_visit(&mut self, ctx: &egui::Context) {
        if let Some(rx) = &self.later.aligning {
            match rx.try_recv() {
                Ok(Ok((warped, correlation, name))) => {
                    self.later.aligning = None;
                    self.status = if correlation < 0.3 {
                        format!(
                            "{name} does not match the design's photo (match {correlation:.2}): is it the same view?"
                        )
                    } else {
                        format!("{name} aligned with the design (match {correlation:.2})")
                    };
                    self.later.warped = Some(warped);
                    self.later.correlation = correlation;
                    self.later.name = name;
                    self.later.mode = VisitMode::Overlay;
                    self.view.worst_case = None;
                }
                Ok(Err(e)) => {
                    self.later.aligning = None;
                    self.status = format!("Not compared: {e}");
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(50)),
                Err(TryRecvError::Disconnected) => self.later.aligning = None,
            }
        }
        if self.view.worst_case.is_some() {
            // The worst case has the photo.
            self.later.mode = VisitMode::Off;
        }
        let show_later = match self.later.mode {
            VisitMode::Later | VisitMode::Overlay => true,
            VisitMode::Flicker => {
                let (on, since) = self.later.flicker;
                let since = since.unwrap_or_else(Instant::now);
                let (on, since) = if since.elapsed() >= FLICKER {
                    (!on, Instant::now())
                } else {
                    (on, since)
                };
                self.later.flicker = (on, Some(since));
                ctx.request_repaint_after(FLICKER.saturating_sub(since.elapsed()));
                on
            }
            VisitMode::Off | VisitMode::SideBySide => false,
        };
        if self.later.mode == VisitMode::SideBySide && self.view.split.is_none() {
            self.view.split = Some(0.5);
            self.view.compare = None;
        }
        match (show_later, &self.later.warped) {
            (true, Some(w)) => {
                if !Arc::ptr_eq(&self.photo, w) {
                    if self.later.original.is_none() {
                        self.later.original = Some(Arc::clone(&self.photo));
                    }
                    self.photo = Arc::clone(w);
                }
            }
            _ => {
                if let Some(o) = self.later.original.take() {
                    self.photo = o;
                }
            }
        }
    }

    /// Whether the canvas draws the plan's impressions now (not on the later photo alone, nor
    /// on its turn of the flicker).
    pub(super) fn later_visit_hides_dots(&self) -> bool {
        match self.later.mode {
            VisitMode::Later => true,
            VisitMode::Flicker => self.later.flicker.0,
            _ => false,
        }
    }

    /// The photo the split's left side shows instead of the client's: the later one, side by
    /// side with the plan.
    pub(super) fn later_visit_before_photo(&self) -> Option<Arc<PhotoPyramid>> {
        (self.later.mode == VisitMode::SideBySide)
            .then(|| self.later.warped.clone())
            .flatten()
    }

    /// A variant for the touch-up with one zone to paint, at the density of the design's first
    /// zone, chosen with the zone brush; one undo step.
    pub fn start_touch_up(&mut self) {
        let today = crate::records::date::today();
        let name = format!("Touch-up {today}");
        let vi = self.variant_index();
        if let Some(k) = self.doc.design().variant_index(&name) {
            self.doc
                .edit(super::Gesture::Once, |d| d.active_variant = k);
        } else {
            let base = self.doc.design().variants[vi].clone();
            let density = base.zones.first().map_or(80.0, |z| z.density_per_cm2);
            let mut v = base;
            v.name = name.clone();
            v.hairline = None;
            v.scars.clear();
            v.test_patch = None;
            v.zones = vec![crate::design::Zone {
                name: "Touch-up".into(),
                shape: Default::default(),
                feather_mm: 2.0,
                density_per_cm2: density,
            }];
            v.sessions.sessions.truncate(1);
            if let Some(s) = v.sessions.sessions.first_mut() {
                s.share = 1.0;
                s.days_after_previous = 0;
            }
            self.doc.edit(super::Gesture::Once, |d| {
                d.variants.push(v);
                d.active_variant = d.variants.len() - 1;
            });
        }
        let k = self.variant_index();
        self.show_variant(k);
        self.tool.active = super::Tool::ZoneBrush;
        self.tool.zone = 0;
        self.status = format!(
            "{name}: paint where the later photo shows the work too light or missing; its count is under Impressions"
        );
    }
}

/// The panel's section: choose the later photo, how it is shown, and start a touch-up.
pub fn later_visit_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(
                !studio.is_aligning(),
                egui::Button::new("Compare a later photo…"),
            )
            .on_hover_text(
                "A photo of the same view from a later visit, aligned with the design so the \
                 impressions line up",
            )
            .clicked()
        {
            studio.ask_for_file(super::dialogs::Purpose::LaterVisitPhoto);
        }
        if studio.is_aligning() {
            ui.spinner();
        }
    });
    if studio.later.warped.is_none() {
        return;
    }
    ui.label(
        egui::RichText::new(format!(
            "{} (match {:.2})",
            studio.later.name, studio.later.correlation
        ))
        .small()
        .weak(),
    );
    ui.horizontal_wrapped(|ui| {
        for (mode, label) in VisitMode::ALL {
            if ui
                .selectable_label(studio.later.mode == mode, label)
                .clicked()
            {
                studio.later.mode = mode;
                if mode != VisitMode::Off {
                    studio.view.worst_case = None;
                }
                if mode != VisitMode::SideBySide && studio.view.split.is_some() {
                    studio.view.split = None;
                }
            }
        }
    });
    if ui
        .button("Paint a touch-up zone")
        .on_hover_text("A touch-up variant with one zone to paint on the later photo; its impressions are counted")
        .clicked()
    {
        studio.start_touch_up();
    }
}
