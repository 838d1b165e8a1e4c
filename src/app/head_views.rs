//! The photos of a head design: which one the canvas shows (the scalp map, where the design is
//! drawn, or one of the photos, where it is seen), the photos loaded so far and the cameras solved
//! from their clicks.

use super::Studio;
use crate::head::{Camera, Registration, ScalpChart};
use crate::render::PhotoPyramid;
use std::sync::Arc;

#[derive(Default)]
pub struct HeadViews {
    /// The photo shown, by index in the design's `views`; `None` for the scalp map.
    pub shown: Option<usize>,
    /// The scalp map's image, kept while a photo is shown.
    map: Option<Arc<PhotoPyramid>>,
    /// Each view's photo once loaded.
    photos: Vec<Option<Arc<PhotoPyramid>>>,
    /// The cameras solved at a design revision (or why they could not be).
    solved: Option<(u64, Result<Vec<Registration>, String>)>,
}

impl Studio {
    /// The view whose photo the canvas shows (`None`: the scalp map, or a design on one photo).
    pub fn shown_head_view(&self) -> Option<usize> {
        self.head_views.shown
    }

    /// The size of the photo the canvas shows, pixels.
    pub fn shown_photo_size(&self) -> (u32, u32) {
        (self.photo.width(), self.photo.height())
    }

    /// The head view the preview on screen was rendered for, once one has arrived.
    pub fn preview_head_view(&self) -> Option<Option<usize>> {
        self.canvas.shown_head_view()
    }

    /// The design's photos' cameras, solved again when the design changed.
    pub fn registrations(&mut self) -> &Result<Vec<Registration>, String> {
        let revision = self.doc.revision;
        let stale = self
            .head_views
            .solved
            .as_ref()
            .is_none_or(|(r, _)| *r != revision);
        if stale {
            let solved =
                crate::engine::register_design(&self.doc.design).map_err(|e| e.to_string());
            self.head_views.solved = Some((revision, solved));
        }
        &self.head_views.solved.as_ref().expect("just solved").1
    }

    /// The camera and scalp map the canvas draws the design through, when it shows a photo.
    pub fn shown_camera(&mut self) -> Option<(Camera, ScalpChart)> {
        let k = self.head_views.shown?;
        let chart = self.doc.design.head?.chart();
        let camera = self.registrations().as_ref().ok()?.get(k)?.camera;
        Some((camera, chart))
    }

    /// Shows view `k`'s photo (`None`: the scalp map). A photo that cannot be read leaves the
    /// canvas as it was and says why.
    pub fn show_head_view(&mut self, k: Option<usize>) -> Result<(), String> {
        if k == self.head_views.shown {
            return Ok(());
        }
        let photo = match k {
            None => match self.head_views.map.take() {
                Some(map) => map,
                None => return Ok(()),
            },
            Some(k) => {
                let view = self
                    .doc
                    .design
                    .views
                    .get(k)
                    .ok_or_else(|| format!("no view {k}"))?;
                self.head_views
                    .photos
                    .resize(self.doc.design.views.len().max(k + 1), None);
                match &self.head_views.photos[k] {
                    Some(p) => Arc::clone(p),
                    None => {
                        let base = self.doc.path.clone().unwrap_or_default();
                        let path = crate::engine::view_photo_path(&base, view);
                        let photo = crate::photo::load_photo(&path).map_err(|e| e.to_string())?;
                        let (w, h) = photo.image.dimensions();
                        if (w, h) != (view.photo.width_px, view.photo.height_px) {
                            return Err(format!(
                                "{}: the photo is {w}x{h} pixels but view \"{}\" was clicked on it at {}x{}",
                                path.display(),
                                view.name,
                                view.photo.width_px,
                                view.photo.height_px
                            ));
                        }
                        let p = Arc::new(PhotoPyramid::new(photo.image));
                        self.head_views.photos[k] = Some(Arc::clone(&p));
                        p
                    }
                }
            }
        };
        let previous = std::mem::replace(&mut self.photo, photo);
        if self.head_views.shown.is_none() {
            self.head_views.map = Some(previous);
        }
        self.head_views.shown = k;
        self.canvas.fit_next_frame();
        Ok(())
    }
}
