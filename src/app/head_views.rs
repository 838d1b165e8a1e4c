//! The photos of a head design: which one the canvas shows (the scalp map, where the design is
//! drawn, or one of the photos, where it is seen), the photos loaded so far and the cameras solved
//! from their clicks.

use super::Studio;
use crate::geometry::Point;
use crate::head::{Camera, Landmark, Registration, ScalpChart, ViewKind};
use crate::render::PhotoPyramid;
use std::sync::Arc;

/// What a click on a photo of the head places.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub enum Placing {
    #[default]
    Nothing,
    Landmark(Landmark),
    Outline,
    PenDot(u32),
}

/// A click the other clicks of its photo disagree with, and by how many pixels.
type ClickOff = (crate::head::Clicked, f64);

/// What the cameras are solved from.
type SolvedFor = (Option<crate::design::HeadModel>, Vec<crate::design::View>);

/// What `d`'s head and photos' clicks are, to keep beside what was worked out from them.
fn solved_for(d: &crate::design::Design) -> SolvedFor {
    (d.head, d.views.clone())
}

/// Whether `kept` was worked out from `d`'s head and photos' clicks as they are now.
fn still_current<T>(kept: &Option<(SolvedFor, T)>, d: &crate::design::Design) -> bool {
    kept.as_ref()
        .is_some_and(|((head, views), _)| *head == d.head && *views == d.views)
}

#[derive(Default)]
pub struct HeadViews {
    /// What a click on the photo shown places.
    pub placing: Placing,
    /// The head's length, breadth and height the photos fit best, for the head and clicks it was worked out for.
    pub size_from_photos: Option<(SolvedFor, Result<crate::head::Measurements, String>)>,
    /// The photo shown, by index in the design's `views`; `None` for the scalp map.
    pub shown: Option<usize>,
    /// The scalp map's image, kept while a photo is shown.
    map: Option<Arc<PhotoPyramid>>,
    /// The photos loaded so far, by path and content hash (views come and go with undo).
    photos: std::collections::HashMap<(String, String), Arc<PhotoPyramid>>,
    /// The cameras solved for a head and its views' clicks (or why they could not be): kept
    /// while only the drawing changes, so dragging a hairline point re-solves nothing.
    solved: Option<(SolvedFor, Result<Vec<Registration>, String>)>,
    /// Each photo's landmark click that the others disagree with, for the head and clicks it
    /// was worked out for.
    off: Option<(SolvedFor, Vec<Option<ClickOff>>)>,
}

impl Studio {
    /// The view whose photo the canvas shows (`None`: the scalp map, or a design on one photo).
    pub fn shown_head_view(&self) -> Option<usize> {
        self.head_views.shown
    }

    /// The names of the design's photos of the head, in order (for choosing one).
    pub fn head_view_names(&self) -> Vec<String> {
        self.doc
            .design()
            .views
            .iter()
            .map(|v| v.name.clone())
            .collect()
    }

    /// The size of the photo the canvas shows, pixels.
    pub fn shown_photo_size(&self) -> (u32, u32) {
        (self.photo.width(), self.photo.height())
    }

    /// The head view the preview on screen was rendered for, once one has arrived.
    pub fn preview_head_view(&self) -> Option<Option<usize>> {
        self.canvas.shown_head_view()
    }

    /// The design's photos' cameras, solved again when the head or a photo's clicks changed.
    pub fn registrations(&mut self) -> &Result<Vec<Registration>, String> {
        let d = &self.doc.design();
        if !still_current(&self.head_views.solved, d) {
            let solved = crate::engine::register_design(d).map_err(|e| e.to_string());
            self.head_views.solved = Some((solved_for(d), solved));
        }
        &self.head_views.solved.as_ref().expect("just solved").1
    }

    /// The landmark click of photo `k` that the photo's other clicks disagree with, if one
    /// clearly is off, and by how many pixels: worked out again when the head or the clicks
    /// change (one registration of each photo per landmark, a few milliseconds).
    pub fn click_off(&mut self, k: usize) -> Option<ClickOff> {
        let d = &self.doc.design();
        if !still_current(&self.head_views.off, d) {
            let off = crate::engine::clicks_off(d);
            self.head_views.off = Some((solved_for(d), off));
        }
        self.head_views.off.as_ref()?.1.get(k).copied().flatten()
    }

    /// The head's length, breadth and height the photos fit best (searched on demand: about
    /// 150 joint registrations, a third of a second for five photos), while the head and the
    /// clicks are those it was worked out for.
    pub fn head_size_from_photos(
        &mut self,
        work_out: bool,
    ) -> Option<&Result<crate::head::Measurements, String>> {
        let d = &self.doc.design();
        if !still_current(&self.head_views.size_from_photos, d) {
            self.head_views.size_from_photos = None;
            if work_out {
                let k = crate::engine::head_size_from_photos(d)?.map_err(|e| e.to_string());
                self.head_views.size_from_photos = Some((solved_for(d), k));
            }
        }
        self.head_views.size_from_photos.as_ref().map(|(_, k)| k)
    }

    /// The camera and scalp map the canvas draws the design through, when it shows a photo.
    pub fn shown_camera(&mut self) -> Option<(Camera, ScalpChart)> {
        let k = self.head_views.shown?;
        let chart = self.doc.design().head?.chart();
        let camera = self.registrations().as_ref().ok()?.get(k)?.camera;
        Some((camera, chart))
    }

    /// Adds the photo at `path` to a head design as a new view (the first a front view, the
    /// others free until named), with its EXIF focal length, and shows it.
    pub fn add_head_photo(&mut self, path: &std::path::Path) -> Result<(), String> {
        if self.doc.design().head.is_none() {
            return Err("only a design on a head has photos of the head".into());
        }
        // Read once: the pixels and the EXIF focal length come from the same bytes.
        let bytes = crate::photo::read_photo_file(path).map_err(|e| e.to_string())?;
        let photo = crate::photo::decode_photo(&bytes, path).map_err(|e| e.to_string())?;
        let focal_35mm = crate::photo_exif::focal_35mm(&bytes);
        let (w, h) = photo.image.dimensions();
        let views = &self.doc.design().views;
        let k = views.len();
        let kind = if k == 0 { "front" } else { "free" };
        let name = (1..)
            .map(|i| {
                if i == 1 && k == 0 {
                    "front".to_string()
                } else {
                    format!("photo {}", k + i)
                }
            })
            .find(|n| views.iter().all(|v| &v.name != n))
            .expect("a free name");
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let key = (
            absolute.to_string_lossy().into_owned(),
            photo.sha256.clone(),
        );
        let view = crate::design::View {
            name,
            kind: kind.into(),
            photo: crate::design::PhotoRef {
                path: absolute.to_string_lossy().into_owned(),
                width_px: w,
                height_px: h,
                sha256: photo.sha256.clone(),
            },
            focal_35mm,
            landmarks: Default::default(),
            outline: Vec::new(),
            pen_dots: Default::default(),
        };
        self.doc.edit(super::Gesture::Once, |d| d.views.push(view));
        self.head_views
            .photos
            .insert(key, Arc::new(PhotoPyramid::new(photo.image)));
        self.show_head_view(Some(k))
    }

    /// Sets the head's measurements. The scalp map grows or shrinks with the head: what is drawn
    /// on it keeps its place on the scalp (its map pixels scale with the map), and the map's
    /// image is made again.
    pub fn set_head(&mut self, head: crate::design::HeadModel) {
        let chart = head.chart();
        let side = (chart.side_mm() / head.map_mm_per_px).ceil() as u32;
        self.doc.edit(super::Gesture::Panel, |d| {
            d.head = Some(head);
            d.rescale_to_photo(side, side);
            crate::head::set_chart_frame(d, &chart, head.map_mm_per_px);
        });
        let map = crate::head::scalp_map_image(&chart, head.map_mm_per_px);
        let map = Arc::new(PhotoPyramid::new(
            image::DynamicImage::ImageRgb8(map).to_rgba8(),
        ));
        if self.head_views.shown.is_none() {
            self.photo = map;
            self.canvas.fit_next_frame();
        } else {
            self.head_views.map = Some(map);
        }
    }

    /// Back to the scalp map when the view shown is gone (undone, or another design).
    pub fn keep_head_view_valid(&mut self) {
        if self
            .head_views
            .shown
            .is_some_and(|k| k >= self.doc.design().views.len())
        {
            let _ = self.show_head_view(None);
        }
    }

    /// View `k`'s photo, read once (the same file with the same content is not read again).
    pub fn head_view_photo(&mut self, k: usize) -> Result<Arc<PhotoPyramid>, String> {
        let view = self
            .doc
            .design()
            .views
            .get(k)
            .ok_or_else(|| format!("no view {k}"))?;
        let key = (view.photo.path.clone(), view.photo.sha256.clone());
        if let Some(p) = self.head_views.photos.get(&key) {
            return Ok(Arc::clone(p));
        }
        let base = self.doc.path.clone().unwrap_or_default();
        let photo = crate::engine::load_view_photo(&base, view).map_err(|e| e.to_string())?;
        let p = Arc::new(PhotoPyramid::new(photo.image));
        self.head_views.photos.insert(key, Arc::clone(&p));
        Ok(p)
    }

    /// Shows view `k`'s photo (`None`: the scalp map). A photo that cannot be read leaves the
    /// canvas as it was and says why.
    pub fn show_head_view(&mut self, k: Option<usize>) -> Result<(), String> {
        if k == self.head_views.shown {
            return Ok(());
        }
        // Read first: a photo that cannot be read changes nothing.
        let photo = k.map(|k| self.head_view_photo(k)).transpose()?;
        if k.is_none() && self.head_views.map.is_none() {
            return Ok(());
        }
        // A stage's photo (the worst case) stands in for the picture shown: the client's goes
        // back first, and the next frame makes the stage's for the new picture.
        self.put_back_client_photo();
        // A stubble measurement belongs to the photo it was made on.
        self.tools.stubble = None;
        let photo = match photo {
            Some(p) => p,
            None => self.head_views.map.take().expect("checked above"),
        };
        let previous = std::mem::replace(&mut self.photo, photo);
        if self.head_views.shown.is_none() {
            self.head_views.map = Some(previous);
        }
        self.head_views.shown = k;
        self.canvas.fit_next_frame();
        // A photo with nothing clicked on it yet asks for its first landmark straight away.
        self.head_views.placing = match k.and_then(|k| self.doc.design().views.get(k)) {
            Some(v) if v.landmarks.is_empty() && v.pen_dots.is_empty() => next_to_place(v, None),
            _ => Placing::Nothing,
        };
        Ok(())
    }
}

/// What a click on the photo of `view` should place next, after `after`: the next landmark a
/// photo of its kind shows that is not placed yet, in the kind's order; then, for the top, crown
/// and back, the next pen dot; otherwise nothing (the tools draw again).
pub fn next_to_place(view: &crate::design::View, after: Option<Landmark>) -> Placing {
    let kind = view.kind().unwrap_or(ViewKind::Free);
    let order = kind.landmarks();
    let from = after
        .and_then(|l| order.iter().position(|&m| m == l))
        .map_or(0, |i| i + 1);
    let missing = |l: &&Landmark| !view.landmarks.contains_key(l.name());
    if let Some(&l) = order[from..]
        .iter()
        .find(missing)
        .or(order[..from].iter().find(missing))
    {
        return Placing::Landmark(l);
    }
    if kind.needs_pen_dots() {
        return Placing::PenDot(next_pen_dot(view));
    }
    Placing::Nothing
}

/// The lowest pen dot number not yet clicked on `view`.
pub fn next_pen_dot(view: &crate::design::View) -> u32 {
    (1..)
        .find(|id| !view.pen_dots.contains_key(id))
        .unwrap_or(1)
}

/// How near (screen points) a right-click must be to a click to remove it.
const REMOVE_WITHIN: f32 = 12.0;

/// Clicks on a photo of the head: a left click places what `placing` says (a landmark moves to
/// the click, then the next landmark not yet placed is asked for; outline points and pen dots
/// add up), a right click removes the nearest click. Each is one undo step.
pub fn place_clicks(
    studio: &mut Studio,
    response: &egui::Response,
    t: &super::screen::ScreenPhoto,
) {
    let Some(k) = studio.head_views.shown else {
        return;
    };
    if k >= studio.doc.design().views.len() {
        return;
    }
    if response.clicked() {
        let Some(pos) = response.interact_pointer_pos() else {
            return;
        };
        let p = t.photo_from_screen(pos);
        match studio.head_views.placing {
            Placing::Nothing => {}
            Placing::Landmark(l) => {
                studio.doc.edit(super::Gesture::Once, |d| {
                    d.views[k].landmarks.insert(l.name().to_string(), p);
                });
                studio.head_views.placing = next_to_place(&studio.doc.design().views[k], Some(l));
            }
            Placing::Outline => studio
                .doc
                .edit(super::Gesture::Once, |d| d.views[k].outline.push(p)),
            Placing::PenDot(id) => {
                studio.doc.edit(super::Gesture::Once, |d| {
                    d.views[k].pen_dots.insert(id, p);
                });
                studio.head_views.placing = Placing::PenDot(id + 1);
            }
        }
    } else if response.secondary_clicked() {
        let Some(pos) = response.interact_pointer_pos() else {
            return;
        };
        /// One click on the photo, of any kind.
        enum Click {
            Landmark(String),
            Outline(usize),
            PenDot(u32),
        }
        let view = &studio.doc.design().views[k];
        let near = |q: &Point| (t.screen_from_photo(*q) - pos).length();
        let clicks = view
            .landmarks
            .iter()
            .map(|(name, q)| (near(q), Click::Landmark(name.clone())))
            .chain(
                view.outline
                    .iter()
                    .enumerate()
                    .map(|(i, q)| (near(q), Click::Outline(i))),
            )
            .chain(
                view.pen_dots
                    .iter()
                    .map(|(id, q)| (near(q), Click::PenDot(*id))),
            );
        // The nearest click of any kind, if near enough.
        let nearest = clicks
            .filter(|(d, _)| *d < REMOVE_WITHIN)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, click)) = nearest {
            studio.doc.edit(super::Gesture::Once, |d| {
                let v = &mut d.views[k];
                match click {
                    Click::Landmark(name) => {
                        v.landmarks.remove(&name);
                    }
                    Click::Outline(i) => {
                        v.outline.remove(i);
                    }
                    Click::PenDot(id) => {
                        v.pen_dots.remove(&id);
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view(kind: &str) -> crate::design::View {
        crate::design::View {
            name: kind.into(),
            kind: kind.into(),
            photo: crate::design::PhotoRef {
                path: String::new(),
                width_px: 1000,
                height_px: 1000,
                sha256: String::new(),
            },
            focal_35mm: None,
            landmarks: Default::default(),
            outline: Vec::new(),
            pen_dots: Default::default(),
        }
    }

    /// Each kind of photo asks for what it shows, in its order; the top then for pen dots.
    #[test]
    fn each_kind_of_photo_asks_for_what_it_shows() {
        let mut side = view("left");
        assert_eq!(
            next_to_place(&side, None),
            Placing::Landmark(Landmark::Glabella)
        );
        side.landmarks
            .insert("glabella".into(), Point::new(1.0, 1.0));
        let next = next_to_place(&side, Some(Landmark::Glabella));
        assert_eq!(next, Placing::Landmark(Landmark::PupilLeft));
        // The right ear is never asked for in a left photo.
        for &l in ViewKind::Left.landmarks() {
            side.landmarks.insert(l.name().into(), Point::new(1.0, 1.0));
        }
        assert_eq!(
            next_to_place(&side, Some(Landmark::EarTopLeft)),
            Placing::Nothing
        );
        let mut top = view("top");
        for &l in ViewKind::Top.landmarks() {
            top.landmarks.insert(l.name().into(), Point::new(1.0, 1.0));
        }
        assert_eq!(
            next_to_place(&top, Some(Landmark::EarTopLeft)),
            Placing::PenDot(1)
        );
        top.pen_dots.insert(1, Point::new(2.0, 2.0));
        top.pen_dots.insert(3, Point::new(2.0, 2.0));
        assert_eq!(next_to_place(&top, None), Placing::PenDot(2));
    }
}
