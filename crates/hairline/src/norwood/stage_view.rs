//! A photo at a later stage: the client's hair taken out where the stage is bald, and the skin
//! that would then be bare and untreated, on a grid of about 1 mm.

use super::grid::{blur, blur_once, grid_of, hair_now, per_count};
use super::head::{HeadWorst, photo_mm_per_px};
use super::{UNTREATED_BELOW, scalp_mm, stage, unsupported};
use crate::density::DensityField;
use crate::design::Design;
use crate::geometry::Point;
use crate::head::Camera;
use crate::specks::speck_mask;
use image::RgbaImage;
use std::sync::Arc;

/// A photo as it would look at one stage, before any design is drawn on it: the client's own
/// hair taken out wherever the stage is bald (each pixel replaced by the skin around it without
/// the hairs' specks, with a 2 mm soft edge), and where hair would be lost (hair there now, bald
/// at that stage) on a grid of about 1 mm. The design's part (`untreated`) is cheap beside it, so
/// the studio keeps this while the design is edited.
pub struct StageView {
    pub stage: u8,
    pub photo: RgbaImage,
    /// The grid: a node every `step` photo pixels, `size` nodes across and down.
    pub step: f64,
    pub size: (usize, usize),
    /// Where the client's hair would be lost at this stage, by node.
    lost: Vec<bool>,
    mm_per_px: f64,
    /// A head design's picture: the head's stage, and each node's place on the scalp map (mm;
    /// `None` off the scalp).
    head: Option<OnHead>,
}

struct OnHead {
    worst: Arc<HeadWorst>,
    chart_mm: Vec<Option<Point>>,
}

/// `photo` with the client's hair taken out where `bald` is 1 (by node), with a soft edge.
fn without_hair(
    photo: &RgbaImage,
    mask: &[bool],
    mm_per_px: f64,
    step: f64,
    (gw, gh): (usize, usize),
    bald: &[f32],
) -> RgbaImage {
    let bare = bare_skin_with(photo, mask, mm_per_px);
    let soft = blur(bald, gw, gh, edge_cells(step, mm_per_px));
    let mut out = photo.clone();
    for (x, y, px) in out.enumerate_pixels_mut() {
        let b = sample_grid(&soft, (gw, gh), step, x, y);
        if b > 0.0 {
            let s = bare.get_pixel(x, y).0;
            for c in 0..3 {
                px.0[c] = (px.0[c] as f32 * (1.0 - b) + s[c] as f32 * b).round() as u8;
            }
        }
    }
    out
}

/// The grid nodes' soft edge, mm.
const EDGE_MM: f64 = 2.0;

/// How strongly bare, untreated skin is tinted red.
const RED_OPACITY: f32 = 0.45;
const RED: [f32; 3] = [235.0, 60.0, 50.0];

impl StageView {
    /// `photo` (the design's) at stage `n`; `None` for a design `unsupported` says why, and for
    /// a head design (`on_head`).
    pub fn new(photo: &RgbaImage, design: &Design, n: u8) -> Option<StageView> {
        if unsupported(design).is_some() || design.head.is_some() {
            return None;
        }
        let st = stage(n);
        let mm = design.calibration.mm_per_px();
        let (step, (gw, gh)) = grid_of(photo, mm);
        let specks = speck_mask(photo, mm);
        let hair = hair_now(&specks, photo.width() as usize, step, gw, gh);
        // The hair goes wherever the stage is bald (where there is none, taking it out changes
        // nothing); it is lost where there is hair now.
        let mut bald = vec![0.0f32; gw * gh];
        let mut lost = vec![false; gw * gh];
        for j in 0..gh {
            for i in 0..gw {
                let p = Point::new(i as f64 * step, j as f64 * step);
                if let Some((u, v)) = scalp_mm(design, p)
                    && st.bald(u, v)
                {
                    bald[j * gw + i] = 1.0;
                    lost[j * gw + i] = hair[j * gw + i];
                }
            }
        }
        Some(StageView {
            stage: n.clamp(1, 7),
            photo: without_hair(photo, &specks, mm, step, (gw, gh), &bald),
            step,
            size: (gw, gh),
            lost,
            mm_per_px: mm,
            head: None,
        })
    }

    /// A picture of a head design at the stage of `worst`: one of its photos, taken by
    /// `camera` (the client's hair taken out where the stage is bald), or with no camera the
    /// scalp map itself (`map_mm_per_px`; it draws no hair). Where hair is lost and the design
    /// leaves skin untreated comes from the head (`HeadWorst`), so every picture shows the same
    /// skin, and `untreated` gives its area over the whole head.
    pub fn on_head(
        picture: &RgbaImage,
        worst: Arc<HeadWorst>,
        camera: Option<&Camera>,
        map_mm_per_px: f64,
    ) -> StageView {
        let chart = worst.chart;
        let mm = match camera {
            Some(c) => photo_mm_per_px(&chart.head, c, picture.dimensions()),
            None => map_mm_per_px,
        };
        let (step, (gw, gh)) = grid_of(picture, mm);
        let st = stage(worst.stage);
        let mut bald = vec![0.0f32; gw * gh];
        let mut lost = vec![false; gw * gh];
        let mut chart_mm = vec![None; gw * gh];
        for j in 0..gh {
            for i in 0..gw {
                let p = Point::new(i as f64 * step, j as f64 * step);
                let on_head = match camera {
                    Some(c) => {
                        let (o, d) = c.ray(p.x, p.y);
                        chart
                            .head
                            .intersect(o, d)
                            .filter(|&h| !chart.head.ears_hide(h, o))
                    }
                    None => chart.from_chart(p * mm),
                };
                let Some(h) = on_head else { continue };
                let k = j * gw + i;
                let q = chart.to_chart(h);
                chart_mm[k] = Some(q);
                if st.bald_on_head(&chart.head, h) {
                    bald[k] = 1.0;
                    lost[k] = worst.lost_at(q);
                }
            }
        }
        let photo = match camera {
            Some(_) => without_hair(picture, &speck_mask(picture, mm), mm, step, (gw, gh), &bald),
            None => picture.clone(),
        };
        StageView {
            stage: worst.stage,
            photo,
            step,
            size: (gw, gh),
            lost,
            mm_per_px: mm,
            head: Some(OnHead { worst, chart_mm }),
        }
    }

    /// Where skin would be bare and untreated by variant `vi` of `design` (hair lost there and
    /// the design placing under 8 impressions/cm², a tenth of a full density), by node, softened
    /// as the photo's edge is (0 to 1), and its area in cm2.
    pub fn untreated(&self, design: &Design, vi: usize) -> (Vec<f32>, f64) {
        let (gw, gh) = self.size;
        if let Some(on) = &self.head {
            // On a head the skin is counted once, on the map, whatever the picture shows of it.
            let (chart_red, cm2) = on.worst.untreated(design, vi);
            let red: Vec<f32> = on
                .chart_mm
                .iter()
                .map(|q| match q {
                    Some(q) if on.worst.red_at(&chart_red, *q) => 1.0,
                    _ => 0.0,
                })
                .zip(&self.lost)
                .map(|(r, &lost)| if lost { r } else { 0.0 })
                .collect();
            return (
                blur(&red, gw, gh, edge_cells(self.step, self.mm_per_px)),
                cm2,
            );
        }
        let field = DensityField::build(design, &design.variants[vi]);
        let mut red = vec![0.0f32; gw * gh];
        let mut cells = 0usize;
        for (k, lost) in self.lost.iter().enumerate() {
            let p = Point::new((k % gw) as f64 * self.step, (k / gw) as f64 * self.step);
            if *lost && field.density_at(p * self.mm_per_px) < UNTREATED_BELOW {
                red[k] = 1.0;
                cells += 1;
            }
        }
        let cell_cm2 = (self.step * self.mm_per_px / 10.0).powi(2);
        (
            blur(&red, gw, gh, edge_cells(self.step, self.mm_per_px)),
            cells as f64 * cell_cm2,
        )
    }

    /// The stage's photo with `red` (from `untreated`) tinted in, for an export.
    pub fn tinted(&self, red: &[f32]) -> RgbaImage {
        let mut out = self.photo.clone();
        for (x, y, px) in out.enumerate_pixels_mut() {
            let r = sample_grid(red, self.size, self.step, x, y) * RED_OPACITY;
            if r > 0.0 {
                for c in 0..3 {
                    px.0[c] = (px.0[c] as f32 * (1.0 - r) + RED[c] * r).round() as u8;
                }
            }
        }
        out
    }

    /// The stage's photo for variant `vi` of `design`: the untreated skin tinted in (`untreated`
    /// then `tinted`), and that skin's area in cm2.
    pub fn for_design(&self, design: &Design, vi: usize) -> (RgbaImage, f64) {
        let (red, cm2) = self.untreated(design, vi);
        (self.tinted(&red), cm2)
    }

    /// `red` as an image of the grid (one pixel a node, the red's colour with its opacity), to
    /// lay over the photo on screen: node (i, j) is photo pixel (i, j) x `step`.
    pub fn red_overlay(&self, red: &[f32]) -> RgbaImage {
        let (gw, gh) = self.size;
        RgbaImage::from_fn(gw as u32, gh as u32, |i, j| {
            let a = red[j as usize * gw + i as usize] * RED_OPACITY;
            image::Rgba([
                RED[0] as u8,
                RED[1] as u8,
                RED[2] as u8,
                (a * 255.0).round() as u8,
            ])
        })
    }
}

fn edge_cells(step: f64, mm_per_px: f64) -> usize {
    (EDGE_MM / (step * mm_per_px)).ceil() as usize
}

/// The grid's value at photo pixel (`x`, `y`), bilinear between nodes.
fn sample_grid(grid: &[f32], (gw, gh): (usize, usize), step: f64, x: u32, y: u32) -> f32 {
    let (fx, fy) = (x as f64 / step, y as f64 / step);
    let (i, j) = (fx as usize, fy as usize);
    let (tx, ty) = ((fx - i as f64) as f32, (fy - j as f64) as f32);
    let at = |i: usize, j: usize| grid[j.min(gh - 1) * gw + i.min(gw - 1)];
    (at(i, j) * (1.0 - tx) + at(i + 1, j) * tx) * (1.0 - ty)
        + (at(i, j + 1) * (1.0 - tx) + at(i + 1, j + 1) * tx) * ty
}

/// The photo with its hairs taken out: the colour of the skin around each pixel, from the
/// pixels within about 0.6 mm that are not a hair's speck (`crate::specks`), so bare skin keeps
/// its shading and colour. Worked on cells of about 0.2 mm (the skin's colour changes slowly)
/// and interpolated between their centres, so a 12-megapixel photo needs a few megabytes beside
/// the speck mask, not a summed table per channel.
pub fn bare_skin(photo: &RgbaImage, mm_per_px: f64) -> RgbaImage {
    bare_skin_with(photo, &speck_mask(photo, mm_per_px), mm_per_px)
}

/// `bare_skin` with the photo's speck mask already made.
fn bare_skin_with(photo: &RgbaImage, mask: &[bool], mm_per_px: f64) -> RgbaImage {
    let (w, h) = (photo.width() as usize, photo.height() as usize);
    let k = ((0.2 / mm_per_px).round() as usize).max(1);
    let (cw, ch) = (w.div_ceil(k), h.div_ceil(k));
    let r = ((0.6 / (k as f64 * mm_per_px)).ceil() as usize).max(1);
    let raw = photo.as_raw();
    let cell_of = |x: usize, y: usize| (y / k) * cw + x / k;
    // The mean over the cells within `r` of each cell, of `sum` counted by `n`.
    let around = |sum: &[f32], n: &[f32]| per_count(&blur_once(sum, cw, ch, r), n, f32::NAN);
    let mut skin_sum = [
        vec![0.0f32; cw * ch],
        vec![0.0f32; cw * ch],
        vec![0.0f32; cw * ch],
    ];
    let mut skin_n = vec![0.0f32; cw * ch];
    for y in 0..h {
        for x in 0..w {
            let c = cell_of(x, y);
            let p = &raw[4 * (y * w + x)..4 * (y * w + x) + 4];
            if !mask[y * w + x] {
                for i in 0..3 {
                    skin_sum[i][c] += p[i] as f32;
                }
                skin_n[c] += 1.0;
            }
        }
    }
    let skin_counted = blur_once(&skin_n, cw, ch, r);
    let colour: Vec<Vec<f32>> = skin_sum.iter().map(|s| around(s, &skin_counted)).collect();
    let mut out = photo.clone();
    for (x, y, px) in out.enumerate_pixels_mut() {
        // Bilinear between the cells' centres.
        let fx = ((x as f32 + 0.5) / k as f32 - 0.5).clamp(0.0, (cw - 1) as f32);
        let fy = ((y as f32 + 0.5) / k as f32 - 0.5).clamp(0.0, (ch - 1) as f32);
        let (i, j) = (fx as usize, fy as usize);
        let (i1, j1) = ((i + 1).min(cw - 1), (j + 1).min(ch - 1));
        let (tx, ty) = (fx - i as f32, fy - j as f32);
        for c in 0..3 {
            let g = &colour[c];
            let v = (g[j * cw + i] * (1.0 - tx) + g[j * cw + i1] * tx) * (1.0 - ty)
                + (g[j1 * cw + i] * (1.0 - tx) + g[j1 * cw + i1] * tx) * ty;
            if v.is_finite() {
                px.0[c] = v.round().clamp(0.0, 255.0) as u8;
            }
        }
    }
    out
}
