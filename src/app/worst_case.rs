//! The worst case on screen: the photo at a later Norwood stage stands in for the client's photo
//! (the worker draws the impressions over it as usual), and the skin that would be bare and
//! untreated is laid over it in red. The stage's photo takes half a second to a second (on a
//! head design it reads every photo of the head) and depends only on the photo, the glabella and
//! the scale (on a head, the head and its photos' clicks), so it is made on a thread of its own,
//! the client's photo shown meanwhile, and kept while the design is edited; the red follows
//! every edit.

use super::Studio;
use crate::geometry::Point;
use crate::head::Camera;
use crate::norwood::{HeadWorst, StageView, unsupported};
use crate::render::PhotoPyramid;
use std::sync::Arc;

/// What a stage's photo was made from: stage, glabella and scale, and on a head design the
/// picture shown (a view, or the scalp map) and the head.
type MadeFor = (u8, Option<Point>, f64, Option<usize>, Option<HeadMadeFor>);

/// What a head's stage was made from: the stage, the head and its photos with their clicks.
type HeadMadeFor = (
    u8,
    Option<crate::design::HeadModel>,
    Vec<crate::design::View>,
);

/// A stage's photo made on its thread, with the head's stage it was made from (a head design).
struct Made {
    view: StageView,
    /// The stage's photo ready for the canvas (its levels are made on the thread too).
    pyramid: Arc<PhotoPyramid>,
    head: Option<(HeadMadeFor, Arc<HeadWorst>)>,
}

/// A head's stage for a new picture: the one kept, or what it is made from.
enum HeadInputs {
    Kept(Arc<HeadWorst>),
    Build {
        chart: crate::head::ScalpChart,
        photos: Vec<(Arc<PhotoPyramid>, Camera)>,
    },
}

#[derive(Default)]
pub struct WorstCase {
    /// The client's photo, while a stage's photo stands in for it.
    original: Option<Arc<PhotoPyramid>>,
    stage: Option<(MadeFor, Arc<StageView>)>,
    /// A head design's head at the stage: kept while only the drawing or the picture shown
    /// changes (it reads every photo).
    head: Option<(HeadMadeFor, Arc<HeadWorst>)>,
    /// The red for a design revision and variant: its texture and area (cm2).
    red: Option<((u64, usize), egui::TextureHandle, f64)>,
    /// A stage's photo being made on its own thread, and what for.
    making: Option<(MadeFor, std::thread::JoinHandle<Made>)>,
}

impl Studio {
    /// Why the design cannot be shown at a later stage, if it cannot.
    pub fn worst_case_unsupported(&self) -> Option<&'static str> {
        unsupported(self.doc.design())
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
            self.put_back_client_photo();
            self.worst.head = None;
            return;
        };
        let made_for = self.worst_case_made_for(n);
        if self.worst.stage.as_ref().map(|s| &s.0) != Some(&made_for) {
            match self.worst.making.take() {
                Some((for_, handle)) if for_ == made_for => {
                    if !handle.is_finished() {
                        self.worst.making = Some((for_, handle));
                        ctx.request_repaint_after(std::time::Duration::from_millis(30));
                        return;
                    }
                    let Ok(made) = handle.join() else {
                        self.status = "The worst case could not be drawn".into();
                        self.view.worst_case = None;
                        return;
                    };
                    if let Some(head) = made.head {
                        self.worst.head = Some(head);
                    }
                    self.photo = made.pyramid;
                    self.worst.stage = Some((made_for, Arc::new(made.view)));
                    self.worst.red = None;
                }
                // Nothing made yet, or made for what is no longer shown (that thread's work is
                // dropped when it ends).
                _ => {
                    self.start_worst_case(n, made_for);
                    ctx.request_repaint_after(std::time::Duration::from_millis(30));
                    return;
                }
            }
        }
        let key = (self.doc.revision, self.variant_index());
        if self.worst.red.as_ref().map(|r| r.0) != Some(key)
            && let Some((_, view)) = &self.worst.stage
        {
            let (red, cm2) = view.untreated(self.doc.design(), key.1);
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

    /// What the stage's photo for stage `n` is made from now.
    fn worst_case_made_for(&self, n: u8) -> MadeFor {
        let d = &self.doc.design();
        (
            n,
            d.glabella_px,
            d.calibration.mm_per_px(),
            self.shown_head_view(),
            d.head.is_some().then(|| (n, d.head, d.views.clone())),
        )
    }

    /// Starts making the stage's photo for stage `n` on a thread of its own, the client's photo
    /// shown meanwhile (nothing of another stage stays on screen under this one's name).
    fn start_worst_case(&mut self, n: u8, made_for: MadeFor) {
        self.put_back_client_photo();
        let original = Arc::clone(
            self.worst
                .original
                .get_or_insert_with(|| Arc::clone(&self.photo)),
        );
        let job: Box<dyn FnOnce() -> Made + Send> = match self.doc.design().head {
            Some(head) => {
                let camera = self.shown_camera().map(|(c, _)| c);
                if self.shown_head_view().is_some() && camera.is_none() {
                    // A photo not registered yet: the head cannot be seen in it.
                    return;
                }
                let head_for = made_for.4.clone().expect("a head design");
                let inputs = self.head_inputs(&head_for);
                Box::new(move || {
                    let worst = match inputs {
                        HeadInputs::Kept(w) => w,
                        HeadInputs::Build { chart, photos } => {
                            let seen: Vec<_> =
                                photos.iter().map(|(p, c)| (&p.levels[0], c)).collect();
                            Arc::new(HeadWorst::new(chart, n, &seen))
                        }
                    };
                    let view = StageView::on_head(
                        &original.levels[0],
                        Arc::clone(&worst),
                        camera.as_ref(),
                        head.map_mm_per_px,
                    );
                    Made {
                        pyramid: Arc::new(PhotoPyramid::new(view.photo.clone())),
                        view,
                        head: Some((head_for, worst)),
                    }
                })
            }
            None => {
                let design = self.doc.design().clone();
                Box::new(move || {
                    let view = StageView::new(&original.levels[0], &design, n)
                        .expect("supported: checked before");
                    Made {
                        pyramid: Arc::new(PhotoPyramid::new(view.photo.clone())),
                        view,
                        head: None,
                    }
                })
            }
        };
        self.worst.making = Some((made_for, std::thread::spawn(job)));
    }

    /// Whether a stage's photo is being made (the canvas shows the client's photo meanwhile).
    pub fn is_making_worst_case(&self) -> bool {
        self.worst.making.is_some()
    }

    /// What a head design's head at stage `n` is: the one kept, or the design's photos to find
    /// its hair in (those that can be read and are registered; the rest are left out, and the
    /// skin only they show is not counted as lost).
    fn head_inputs(&mut self, made_for: &HeadMadeFor) -> HeadInputs {
        if let Some((kept, worst)) = &self.worst.head
            && kept == made_for
        {
            return HeadInputs::Kept(Arc::clone(worst));
        }
        let cameras: Vec<Option<Camera>> = match self.registrations() {
            Ok(r) => r.iter().map(|r| Some(r.camera)).collect(),
            Err(_) => Vec::new(),
        };
        let photos: Vec<(Arc<PhotoPyramid>, Camera)> = (0..self.doc.design().views.len())
            .filter_map(|k| {
                let camera = (*cameras.get(k)?)?;
                Some((self.head_view_photo(k).ok()?, camera))
            })
            .collect();
        let chart = self.doc.design().head.expect("a head design").chart();
        HeadInputs::Build { chart, photos }
    }

    /// The skin bald at the stage shown that no photo shows well enough to tell whether there is
    /// hair on it now, cm² (a head design's; `None` otherwise).
    pub fn worst_case_unseen_cm2(&self) -> Option<f64> {
        self.worst
            .head
            .as_ref()
            .filter(|_| self.worst.stage.is_some() && self.doc.design().head.is_some())
            .map(|(_, w)| w.unseen_cm2())
    }

    /// Puts the client's photo back in place of a stage's (before another picture of the head is
    /// shown: the stage's is made again for it).
    pub fn put_back_client_photo(&mut self) {
        if let Some(original) = self.worst.original.take() {
            self.photo = original;
        }
        self.worst.stage = None;
        self.worst.red = None;
        // A stage being made for the picture that was shown is not wanted now.
        self.worst.making = None;
    }

    /// The stage's photo shown for the worst case at stage `n`, made from the design's glabella
    /// and scale (a head design's picture shown) as they are now (an export reuses it rather
    /// than making it again).
    pub fn worst_case_stage(&self, n: u8) -> Option<Arc<StageView>> {
        let made_for = self.worst_case_made_for(n);
        let (kept, view) = self.worst.stage.as_ref()?;
        (*kept == made_for).then(|| Arc::clone(view))
    }

    /// The picture the canvas shows: the client's photo (or a head design's scalp map), or a
    /// stage's photo in its place.
    pub fn shown_photo(&self) -> &Arc<PhotoPyramid> {
        &self.photo
    }

    /// The client's photo itself, whatever stage the canvas shows.
    pub fn client_photo(&self) -> Arc<PhotoPyramid> {
        Arc::clone(self.worst.original.as_ref().unwrap_or(&self.photo))
    }
}
