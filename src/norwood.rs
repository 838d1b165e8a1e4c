//! The worst case: the client's hair receding further, by the Hamilton-Norwood scale, and where
//! untreated skin would then show.
//!
//! A consultation has to plan for hair the client may still lose (../shared/DOMAIN.md: "Plan for
//! the worst case"). The scale's stages are drawings, not measurements; the template here reads
//! them as distances on a photo taken from above, in millimetres from the glabella (`v` back
//! along the midline, `u` across), for an average adult head: the hairline's height over the
//! glabella at the midline and how much deeper it cuts at the temples, the bald crown (vertex)
//! round a point 150 mm back, and from stage 6 one bald area down to the horseshoe of hair that
//! always stays at the sides and back. docs/looks.md lists every number. It is a picture of a
//! possible future for the consultation, not a prediction for this client.

use crate::density::DensityField;
use crate::design::Design;
use crate::geometry::Point;
use image::RgbaImage;

/// The stages of the scale shown (1: no recession, 7: only the horseshoe left).
pub const STAGES: std::ops::RangeInclusive<u8> = 1..=7;

/// Where hair grows at no stage: the forehead below a juvenile hairline (mm above the glabella).
pub const FOREHEAD_MM: f64 = 70.0;

/// One stage of the template, mm on a photo from above, measured from the glabella.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage {
    /// The hairline's distance behind the glabella at the midline.
    pub front_mm: f64,
    /// How much further back it cuts at the temples (from 20 mm off the midline, fully at 40).
    pub temples_mm: f64,
    /// The bald crown: its centre's distance behind the glabella, and its radius (0: none).
    pub vertex_at_mm: f64,
    pub vertex_mm: f64,
    /// Hair stays beyond this distance from the midline (the sides seen from above) ...
    pub sides_mm: f64,
    /// ... and beyond this distance behind the glabella (the back of the head).
    pub back_mm: f64,
}

/// The template's stage `n` (clamped to 1-7).
pub fn stage(n: u8) -> Stage {
    // front, temples, vertex radius, sides, back: read from the scale's drawings.
    let (front_mm, temples_mm, vertex_mm, sides_mm, back_mm) = match n.clamp(1, 7) {
        1 => (70.0, 0.0, 0.0, 60.0, 230.0),
        2 => (78.0, 15.0, 0.0, 60.0, 230.0),
        3 => (88.0, 30.0, 0.0, 60.0, 230.0),
        4 => (100.0, 35.0, 30.0, 60.0, 230.0),
        5 => (108.0, 40.0, 37.0, 62.0, 230.0),
        // From 6 the frontal and crown areas are one: the hairline is the crown's back edge.
        6 => (190.0, 0.0, 0.0, 62.0, 190.0),
        _ => (200.0, 0.0, 0.0, 68.0, 200.0),
    };
    Stage {
        front_mm,
        temples_mm,
        vertex_at_mm: 150.0,
        vertex_mm,
        sides_mm,
        back_mm,
    }
}

impl Stage {
    /// Whether the scalp at (`u`, `v`) mm is bald at this stage (the forehead is not counted:
    /// it never had hair).
    pub fn bald(&self, u: f64, v: f64) -> bool {
        if v < FOREHEAD_MM || u.abs() >= self.sides_mm || v >= self.back_mm {
            return false;
        }
        let temple = crate::noise::smoothstep(20.0, 40.0, u.abs());
        if v < self.front_mm + self.temples_mm * temple {
            return true;
        }
        (u * u + (v - self.vertex_at_mm).powi(2)).sqrt() < self.vertex_mm
    }
}

/// Where the template puts a design's photo pixel: mm across and back from the glabella, on a
/// photo taken from above with the forehead down (the studio's 7/8/10 cm guides go up the
/// photo). `None` without a glabella or a calibration.
pub fn scalp_mm(design: &Design, p: Point) -> Option<(f64, f64)> {
    let g = design.glabella_px?;
    let mm = design.calibration.mm_per_px();
    Some(((p.x - g.x) * mm, (g.y - p.y) * mm))
}

/// Why a design cannot be shown at a later stage, if it cannot.
pub fn unsupported(design: &Design) -> Option<&'static str> {
    if design.head.is_some() {
        Some("the worst case is drawn on a photo from above; on the client's head it is not yet")
    } else if design.glabella_px.is_none() {
        Some("the worst case is measured from the glabella: place it first (the Glabella tool)")
    } else if !design.calibration.measured {
        Some("the worst case needs millimetres: calibrate the design first")
    } else {
        None
    }
}

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
}

/// The grid nodes' soft edge, mm.
const EDGE_MM: f64 = 2.0;

/// How strongly bare, untreated skin is tinted red.
const RED_OPACITY: f32 = 0.45;
const RED: [f32; 3] = [235.0, 60.0, 50.0];

impl StageView {
    /// `photo` (the design's) at stage `n`; `None` for a design `unsupported` says why.
    pub fn new(photo: &RgbaImage, design: &Design, n: u8) -> Option<StageView> {
        if unsupported(design).is_some() {
            return None;
        }
        let st = stage(n);
        let mm = design.calibration.mm_per_px();
        let bare = bare_skin(photo, mm);
        let (w, h) = photo.dimensions();
        let step = (1.0 / mm).max(1.0);
        let (gw, gh) = (
            (w as f64 / step).ceil() as usize + 1,
            (h as f64 / step).ceil() as usize + 1,
        );
        let hair = hair_now(photo, step, gw, gh);
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
        let soft = blur(&bald, gw, gh, edge_cells(step, mm));
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
        Some(StageView {
            stage: n.clamp(1, 7),
            photo: out,
            step,
            size: (gw, gh),
            lost,
            mm_per_px: mm,
        })
    }

    /// Where skin would be bare and untreated by variant `vi` of `design` (hair lost there and
    /// the design placing under 8 impressions/cm², a tenth of a full density), by node, softened
    /// as the photo's edge is (0 to 1), and its area in cm2.
    pub fn untreated(&self, design: &Design, vi: usize) -> (Vec<f32>, f64) {
        let (gw, gh) = self.size;
        let field = DensityField::build(design, &design.variants[vi]);
        let mut red = vec![0.0f32; gw * gh];
        let mut cells = 0usize;
        for (k, lost) in self.lost.iter().enumerate() {
            let p = Point::new((k % gw) as f64 * self.step, (k / gw) as f64 * self.step);
            if *lost && field.density_at(p * self.mm_per_px) < 8.0 {
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

/// What an export's caption adds for the worst case at stage `n`, `untreated_cm2` of it shown red.
pub fn caption_note(n: u8, untreated_cm2: f64) -> String {
    if untreated_cm2 > 0.05 {
        format!(" · worst case Norwood {n} (red: bare, untreated)")
    } else {
        format!(" · worst case Norwood {n}")
    }
}

/// The photo as it would look at stage `n` with variant `vi` of `design`: the stage's photo
/// (`StageView`) with the skin that would be bare and untreated tinted red. Render the design's
/// impressions over it as usual. Returns the photo and the untreated area in cm2; `None` for a
/// design `unsupported` says why.
pub fn photo_at_stage(
    photo: &RgbaImage,
    design: &Design,
    vi: usize,
    n: u8,
) -> Option<(RgbaImage, f64)> {
    Some(StageView::new(photo, design, n)?.for_design(design, vi))
}

/// Whether the client has hair now round each node of a grid of `step` pixels (`gw` x `gh`
/// nodes): over a 3 mm neighbourhood, more than 2 % of the pixels are a hair's speck (a fifth
/// darker than the skin around them). Bare skin's texture stays under the fifth; a shaved side
/// has 5-20 % of its pixels on hairs.
fn hair_now(photo: &RgbaImage, step: f64, gw: usize, gh: usize) -> Vec<bool> {
    let (w, h) = (photo.width() as usize, photo.height() as usize);
    let node = |x: usize, y: usize| {
        let (i, j) = (
            ((x as f64 + 0.5) / step).round() as usize,
            ((y as f64 + 0.5) / step).round() as usize,
        );
        j.min(gh - 1) * gw + i.min(gw - 1)
    };
    let lum = |x: usize, y: usize| luma(&photo.as_raw()[4 * (y * w + x)..]);
    let (mut sum, mut n) = (vec![0.0f32; gw * gh], vec![0.0f32; gw * gh]);
    for y in 0..h {
        for x in 0..w {
            let k = node(x, y);
            sum[k] += lum(x, y);
            n[k] += 1.0;
        }
    }
    // The skin around: the mean over the node's cell and its neighbours (about 3 mm).
    let counted = blur_once(&n, gw, gh, 1);
    let mean = per_count(&blur_once(&sum, gw, gh, 1), &counted, 0.0);
    let mut dark = vec![0.0f32; gw * gh];
    for y in 0..h {
        for x in 0..w {
            let k = node(x, y);
            if lum(x, y) < 0.8 * mean[k] {
                dark[k] += 1.0;
            }
        }
    }
    let share = per_count(&blur_once(&dark, gw, gh, 1), &counted, 0.0);
    share.iter().map(|&s| s > 0.02).collect()
}

/// A pixel's brightness (sRGB luma, 0-255): what tells a hair's speck from the skin around it.
fn luma(p: &[u8]) -> f32 {
    0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32
}

/// Each cell's `sums` over its `counts` (both box-blurred alike, so this is the mean over the
/// box), or `empty` where nothing was counted.
fn per_count(sums: &[f32], counts: &[f32], empty: f32) -> Vec<f32> {
    sums.iter()
        .zip(counts)
        .map(|(&s, &m)| if m > 0.0 { s / m } else { empty })
        .collect()
}

/// One box blur of radius `r` cells (both directions).
fn blur_once(grid: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
        let mut out = vec![0.0; src.len()];
        let (n, m) = if horizontal { (h, w) } else { (w, h) };
        for a in 0..n {
            let idx = |b: usize| if horizontal { a * w + b } else { b * w + a };
            for b in 0..m {
                let (lo, hi) = (b.saturating_sub(r), (b + r).min(m - 1));
                out[idx(b)] = (lo..=hi).map(|k| src[idx(k)]).sum::<f32>() / (hi - lo + 1) as f32;
            }
        }
        out
    };
    pass(&pass(grid, true), false)
}

/// A box blur of radius `r` cells over a `w` x `h` grid, twice: close to a Gaussian.
fn blur(grid: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    blur_once(&blur_once(grid, w, h, r), w, h, r)
}

/// The photo with its hairs taken out: the colour of the skin around each pixel, from the
/// pixels within about 0.6 mm that are not a fifth darker than their surroundings (the hairs'
/// specks), so bare skin keeps its shading and colour. Worked on cells of about 0.2 mm (the
/// skin's colour changes slowly) and interpolated between their centres, so a 12-megapixel
/// photo needs a few megabytes, not a summed table per channel.
pub fn bare_skin(photo: &RgbaImage, mm_per_px: f64) -> RgbaImage {
    let (w, h) = (photo.width() as usize, photo.height() as usize);
    let k = ((0.2 / mm_per_px).round() as usize).max(1);
    let (cw, ch) = (w.div_ceil(k), h.div_ceil(k));
    let r = ((0.6 / (k as f64 * mm_per_px)).ceil() as usize).max(1);
    let raw = photo.as_raw();
    let cell_of = |x: usize, y: usize| (y / k) * cw + x / k;
    let mut cell_lum = vec![0.0f32; cw * ch];
    let mut cell_n = vec![0.0f32; cw * ch];
    for y in 0..h {
        for x in 0..w {
            let c = cell_of(x, y);
            cell_lum[c] += luma(&raw[4 * (y * w + x)..]);
            cell_n[c] += 1.0;
        }
    }
    // The mean over the cells within `r` of each cell, of `sum` counted by `n`.
    let around = |sum: &[f32], n: &[f32]| per_count(&blur_once(sum, cw, ch, r), n, f32::NAN);
    let local = around(&cell_lum, &blur_once(&cell_n, cw, ch, r));
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
            if luma(p) >= 0.9 * local[c] {
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
