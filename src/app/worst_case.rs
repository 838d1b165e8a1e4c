//! The worst case on screen: the photo at a later Norwood stage stands in for the client's photo
//! (the worker draws the impressions over it as usual), and the skin that would be bare and
//! untreated is laid over it in red. The stage's photo takes half a second and depends only on
//! the photo, the glabella and the scale, so it is kept while the design is edited; the red
//! follows every edit.

use super::Studio;
use crate::geometry::Point;
use crate::norwood::{StageView, unsupported};
use crate::render::PhotoPyramid;
use std::sync::Arc;

/// What a stage's photo was made from: stage, glabella and scale.
type MadeFor = (u8, Option<Point>, f64);

#[derive(Default)]
pub struct WorstCase {
    /// The client's photo, while a stage's photo stands in for it.
    original: Option<Arc<PhotoPyramid>>,
    stage: Option<(MadeFor, Arc<StageView>)>,
    /// The red for a design revision and variant: its texture and area (cm2).
    red: Option<((u64, usize), egui::TextureHandle, f64)>,
}

impl Studio {
    /// Why the design cannot be shown at a later stage, if it cannot.
    pub fn worst_case_unsupported(&self) -> Option<&'static str> {
        unsupported(&self.doc.design)
    }

    /// The untreated bald skin at the stage shown, cm2 (`None` when no stage is shown).
    pub fn worst_case_untreated_cm2(&self) -> Option<f64> {
        self.worst
            .red
            .as_ref()
            .map(|r| r.2)
            .filter(|_| self.worst.stage.is_some())
    }

    /// Puts the photo the canvas shows in line with the stage asked for: the stage's photo in
    /// place of the client's, or the client's back. Called once a frame before the canvas.
    pub fn sync_worst_case(&mut self, ctx: &egui::Context) {
        let wanted = self
            .view
            .worst_case
            .filter(|_| self.worst_case_unsupported().is_none());
        let Some(n) = wanted else {
            if let Some(original) = self.worst.original.take() {
                self.photo = original;
            }
            self.worst.stage = None;
            self.worst.red = None;
            return;
        };
        let d = &self.doc.design;
        let made_for = (n, d.glabella_px, d.calibration.mm_per_px());
        if self.worst.stage.as_ref().map(|s| s.0) != Some(made_for) {
            let original = Arc::clone(
                self.worst
                    .original
                    .get_or_insert_with(|| Arc::clone(&self.photo)),
            );
            let Some(view) = StageView::new(&original.levels[0], d, n) else {
                return;
            };
            self.photo = Arc::new(PhotoPyramid::new(view.photo.clone()));
            self.worst.stage = Some((made_for, Arc::new(view)));
            self.worst.red = None;
        }
        let key = (self.doc.revision, self.variant_index());
        if self.worst.red.as_ref().map(|r| r.0) != Some(key)
            && let Some((_, view)) = &self.worst.stage
        {
            let (red, cm2) = view.untreated(&self.doc.design, key.1);
            let img = view.red_overlay(&red);
            let size = [img.width() as usize, img.height() as usize];
            let texture = ctx.load_texture(
                "worst case",
                egui::ColorImage::from_rgba_unmultiplied(size, img.as_raw()),
                egui::TextureOptions::LINEAR,
            );
            self.worst.red = Some((key, texture, cm2));
        }
    }

    /// The red over the photo, drawn by the canvas with `screen_from_photo`.
    pub fn paint_worst_case(
        &self,
        painter: &egui::Painter,
        screen_from_photo: impl Fn(Point) -> egui::Pos2,
    ) {
        let (Some((_, view)), Some((_, texture, _))) = (&self.worst.stage, &self.worst.red) else {
            return;
        };
        // Texture pixel (i, j) is centred on grid node (i, j), at photo pixel (i, j) x step.
        let half = view.step / 2.0;
        let (gw, gh) = view.size;
        let rect = egui::Rect::from_min_max(
            screen_from_photo(Point::new(-half, -half)),
            screen_from_photo(Point::new(
                gw as f64 * view.step - half,
                gh as f64 * view.step - half,
            )),
        );
        let uv = egui::Rect::from_min_max(egui::Pos2::ZERO, egui::Pos2::new(1.0, 1.0));
        painter.image(texture.id(), rect, uv, egui::Color32::WHITE);
    }

    /// The stage's photo shown for the worst case at stage `n`, made from the design's glabella
    /// and scale as they are now (an export reuses it rather than making it again).
    pub fn worst_case_stage(&self, n: u8) -> Option<Arc<StageView>> {
        let d = &self.doc.design;
        let made_for = (n, d.glabella_px, d.calibration.mm_per_px());
        let (kept, view) = self.worst.stage.as_ref()?;
        (*kept == made_for).then(|| Arc::clone(view))
    }

    /// The client's photo itself, whatever stage the canvas shows.
    pub fn client_photo(&self) -> Arc<PhotoPyramid> {
        Arc::clone(self.worst.original.as_ref().unwrap_or(&self.photo))
    }
}
