//! Where presentation opens: framed on the treated area, at a zoom where the impressions read.
//! Fitted to the whole photo a real portrait shows the work at a third of a pixel an impression,
//! where before and after are the same picture; the client must see the dots.

use super::Studio;
use crate::geometry::Point;
use crate::render::ViewTransform;

/// The smallest on-screen size of a typical impression, physical pixels, for it to read as a
/// dot: below about 2 px the renderer's impressions merge into a faint tint.
const IMPRESSION_READS_PX: f64 = 2.5;
/// The most an impression is enlarged when the treated area is small: beyond this the photo's
/// own pixels show and the view no longer looks like skin.
const IMPRESSION_MAX_PX: f64 = 8.0;
/// Room left around the treated area, as a share of the canvas.
const MARGIN: f64 = 0.08;

/// What a view is framed on when it is next laid out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Framing {
    /// The whole photo.
    Whole,
    /// The treated area (photo pixels: min and max corners) with impressions of `dot_px` photo
    /// pixels across, and the point to keep in view when the whole area cannot be shown at a
    /// zoom where they read (the middle of the hairline).
    Treated {
        min: Point,
        max: Point,
        dot_px: f64,
        focus: Point,
    },
}

impl Framing {
    /// The view of a canvas `w` x `h` physical pixels on a photo of `pw` x `ph` pixels.
    pub fn view(self, pw: f64, ph: f64, w: f64, h: f64) -> ViewTransform {
        match self {
            Framing::Whole => {
                let mut v = ViewTransform::fit(pw, ph, w, h);
                v.scale *= 0.96;
                v.origin_px =
                    Point::new(pw * 0.5 - w * 0.5 / v.scale, ph * 0.5 - h * 0.5 / v.scale);
                v
            }
            Framing::Treated {
                min,
                max,
                dot_px,
                focus,
            } => {
                let (bw, bh) = ((max.x - min.x).max(1.0), (max.y - min.y).max(1.0));
                let fit = ((w * (1.0 - 2.0 * MARGIN)) / bw).min((h * (1.0 - 2.0 * MARGIN)) / bh);
                let reads = IMPRESSION_READS_PX / dot_px.max(1e-6);
                let most = IMPRESSION_MAX_PX / dot_px.max(1e-6);
                let scale = fit.clamp(reads.min(most), most);
                // The whole area when it fits; else the focus, kept as near the area's centre as
                // the zoom allows.
                let centre = (min + max) * 0.5;
                let half = Point::new(w * 0.5 / scale, h * 0.5 / scale);
                let clamp_axis = |c: f64, f: f64, lo: f64, hi: f64, half: f64| {
                    if hi - lo <= 2.0 * half {
                        c
                    } else {
                        c.clamp(f - half * 0.6, f + half * 0.6)
                            .clamp(lo + half, hi - half)
                    }
                };
                let c = Point::new(
                    clamp_axis(centre.x, focus.x, min.x, max.x, half.x),
                    clamp_axis(centre.y, focus.y, min.y, max.y, half.y),
                );
                ViewTransform {
                    scale,
                    origin_px: c - half,
                }
            }
        }
    }
}

impl Studio {
    /// The treated area of the shown variant, from its impressions: the 1st to 99th percentile
    /// of their places either way (a stray impression does not widen the frame), their median
    /// size, and the middle of the hairline to keep in view. `None` with no impressions, or on a
    /// photo of a head design (the impressions are then where the head's camera sees them).
    pub fn treated_framing(&mut self) -> Option<Framing> {
        if self.head_views.shown.is_some() {
            return None;
        }
        let vi = self.variant_index();
        let hairline_middle = self.doc.design().variants[vi]
            .hairline
            .as_ref()
            .and_then(|h| {
                let curve = crate::geometry::catmull_rom(&h.points_px, 8);
                curve.get(curve.len() / 2).copied()
            });
        let dots = &self.computed().dots;
        if dots.dots.is_empty() || dots.mm_per_px <= 0.0 {
            return None;
        }
        let mut xs: Vec<f32> = dots.dots.iter().map(|d| d.x_px).collect();
        let mut ys: Vec<f32> = dots.dots.iter().map(|d| d.y_px).collect();
        let mut ds: Vec<f32> = dots.dots.iter().map(|d| d.diameter_mm).collect();
        let pick = |v: &mut Vec<f32>, q: f64| {
            let k = ((v.len() - 1) as f64 * q).round() as usize;
            let (_, x, _) = v.select_nth_unstable_by(k, f32::total_cmp);
            f64::from(*x)
        };
        let min = Point::new(pick(&mut xs, 0.01), pick(&mut ys, 0.01));
        let max = Point::new(pick(&mut xs, 0.99), pick(&mut ys, 0.99));
        let dot_px = pick(&mut ds, 0.5) / dots.mm_per_px;
        Some(Framing::Treated {
            min,
            max,
            dot_px,
            focus: hairline_middle.unwrap_or((min + max) * 0.5),
        })
    }

    /// Frames the canvas on the treated area when it is next laid out (the whole photo when
    /// there is none).
    pub fn frame_treated_area(&mut self) {
        let framing = self.treated_framing().unwrap_or(Framing::Whole);
        self.canvas.frame_next(framing);
    }

    /// The canvas's zoom: output pixels per photo pixel, once it was laid out.
    pub fn canvas_zoom(&self) -> Option<f64> {
        self.canvas.transform().map(|t| t.view.scale)
    }
}
