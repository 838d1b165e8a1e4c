//! A later visit's photo laid onto the design's photo, so that the impressions planned and the
//! impressions healed line up: the same view, taken weeks later, is framed, scaled and turned a
//! little differently, and lit differently.
//!
//! The map from design pixels to the later photo is an affine transform, found in two steps:
//! a coarse search (scale, turn and shift on a grid, scored by normalised correlation) on
//! 64-pixel-wide copies of both photos, then Gauss-Newton refinement (Lucas-Kanade) down a
//! pyramid to the design photo's full resolution. The refinement weighs only the part of the photo the
//! work covers (`roi`, the treated area with a margin): that is where the dots must line up,
//! whatever the ears or the background did. Brightness and contrast are normalised in that
//! area first, so a brighter or darker photo aligns the same.

use crate::geometry::{Point, Rect};
use image::RgbaImage;

/// `later = [a b c; d e f] * [x y 1]` with x, y design pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Affine(pub [f64; 6]);

impl Affine {
    pub fn apply(&self, p: Point) -> Point {
        let [a, b, c, d, e, f] = self.0;
        Point::new(a * p.x + b * p.y + c, d * p.x + e * p.y + f)
    }

    /// The scale it applies (geometric mean of its two axes).
    pub fn scale(&self) -> f64 {
        let [a, b, _, d, e, _] = self.0;
        (a * e - b * d).abs().sqrt()
    }

    /// The turn it applies, degrees.
    pub fn rotation_deg(&self) -> f64 {
        let [a, _, _, d, _, _] = self.0;
        d.atan2(a).to_degrees()
    }
}

/// How the later photo lies on the design's.
#[derive(Clone, Copy, Debug)]
pub struct Alignment {
    /// Design pixel to later-photo pixel.
    pub later_from_design: Affine,
    /// Normalised correlation of the two photos over the area compared, -1 to 1: above 0.5 the
    /// photos show the same skin; below 0.3 the alignment is not to be trusted.
    pub correlation: f64,
}

/// A grey image with its sampling.
struct Gray {
    w: usize,
    h: usize,
    px: Vec<f32>,
}

impl Gray {
    fn from_rgba(img: &RgbaImage) -> Gray {
        let px = img
            .pixels()
            .map(|p| 0.299 * p[0] as f32 + 0.587 * p[1] as f32 + 0.114 * p[2] as f32)
            .collect();
        Gray {
            w: img.width() as usize,
            h: img.height() as usize,
            px,
        }
    }

    fn half(&self) -> Gray {
        let (w, h) = (self.w / 2, self.h / 2);
        let mut px = Vec::with_capacity(w * h);
        for y in 0..h {
            for x in 0..w {
                let i = 2 * y * self.w + 2 * x;
                px.push(
                    0.25 * (self.px[i]
                        + self.px[i + 1]
                        + self.px[i + self.w]
                        + self.px[i + self.w + 1]),
                );
            }
        }
        Gray { w, h, px }
    }

    /// Bilinear sample at (x, y), `None` outside.
    fn at(&self, x: f64, y: f64) -> Option<f32> {
        if !(x >= 0.0 && y >= 0.0 && x <= (self.w - 1) as f64 && y <= (self.h - 1) as f64) {
            return None;
        }
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(self.w - 1), (y0 + 1).min(self.h - 1));
        let (fx, fy) = ((x - x0 as f64) as f32, (y - y0 as f64) as f32);
        let p = |x, y| self.px[y * self.w + x];
        Some(
            (p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx) * (1.0 - fy)
                + (p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx) * fy,
        )
    }
}

/// Both photos halved together, each level with its factor from full resolution.
fn pyramid(img: &RgbaImage, min_side: usize) -> Vec<(f64, Gray)> {
    let mut levels = vec![(1.0, Gray::from_rgba(img))];
    loop {
        let (f, g) = levels.last().expect("level 0");
        if g.w / 2 < min_side || g.h / 2 < min_side / 2 {
            break;
        }
        let next = (f * 0.5, g.half());
        levels.push(next);
    }
    levels
}

/// A full-resolution pixel coordinate on a level `factor` as large: each halving averages 2x2
/// pixels, so pixel centres move by half a pixel, not only scale.
fn to_level(v: f64, factor: f64) -> f64 {
    (v + 0.5) * factor - 0.5
}

fn to_full(v: f64, factor: f64) -> f64 {
    (v + 0.5) / factor - 0.5
}

/// Sample points of the design level in the region of interest (design full-res pixels), with
/// their normalised values.
fn samples(level: &Gray, factor: f64, roi: Rect, budget: usize) -> Vec<(Point, f32)> {
    let mut out = Vec::new();
    let lv = |v: f64| to_level(v, factor);
    let (x0, y0) = (
        lv(roi.min.x).max(1.0) as usize,
        lv(roi.min.y).max(1.0) as usize,
    );
    let x1 = (lv(roi.max.x).max(0.0) as usize).min(level.w - 2);
    let y1 = (lv(roi.max.y).max(0.0) as usize).min(level.h - 2);
    let area = (x1.saturating_sub(x0) + 1) * (y1.saturating_sub(y0) + 1);
    let step = ((area as f64 / budget as f64).sqrt().floor() as usize).max(1);
    for y in (y0..=y1).step_by(step) {
        for x in (x0..=x1).step_by(step) {
            out.push((
                Point::new(to_full(x as f64, factor), to_full(y as f64, factor)),
                level.px[y * level.w + x],
            ));
        }
    }
    normalise(&mut out);
    out
}

fn normalise(v: &mut [(Point, f32)]) {
    let n = v.len().max(1) as f32;
    let mean = v.iter().map(|s| s.1).sum::<f32>() / n;
    let sd = (v.iter().map(|s| (s.1 - mean).powi(2)).sum::<f32>() / n)
        .sqrt()
        .max(1e-3);
    for s in v.iter_mut() {
        s.1 = (s.1 - mean) / sd;
    }
}

/// Normalised correlation of the design samples with the later level under `t`.
fn correlation(design: &[(Point, f32)], later: &Gray, lf: f64, t: &Affine) -> f64 {
    let mut vals = Vec::with_capacity(design.len());
    for (p, d) in design {
        let q = t.apply(*p);
        if let Some(v) = later.at(to_level(q.x, lf), to_level(q.y, lf)) {
            vals.push((*d, v));
        }
    }
    // Too little of the area in view is no match, however well that little correlates.
    if vals.len() * 2 < design.len() {
        return -1.0;
    }
    let n = vals.len() as f64;
    let (md, ml) = vals
        .iter()
        .fold((0.0, 0.0), |a, v| (a.0 + v.0 as f64, a.1 + v.1 as f64));
    let (md, ml) = (md / n, ml / n);
    let (mut sdl, mut sll, mut sdd) = (0.0, 0.0, 0.0);
    for (d, l) in vals {
        let (d, l) = (d as f64 - md, l as f64 - ml);
        sdl += d * l;
        sll += l * l;
        sdd += d * d;
    }
    sdl / (sll * sdd).sqrt().max(1e-9)
}

/// Gauss-Newton steps on the six affine parameters at one level.
fn refine(design: &[(Point, f32)], later: &Gray, lf: f64, mut t: Affine, scale_px: f64) -> Affine {
    for _ in 0..30 {
        // Normalise the later values over the samples in view, so gain and offset drop out.
        let mut vals = Vec::with_capacity(design.len());
        for (p, d) in design {
            let q = t.apply(*p);
            let (x, y) = (to_level(q.x, lf), to_level(q.y, lf));
            if let (Some(v), Some(vx0), Some(vx1), Some(vy0), Some(vy1)) = (
                later.at(x, y),
                later.at(x - 1.0, y),
                later.at(x + 1.0, y),
                later.at(x, y - 1.0),
                later.at(x, y + 1.0),
            ) {
                vals.push((*p, *d, v, (vx1 - vx0) * 0.5, (vy1 - vy0) * 0.5));
            }
        }
        if vals.len() < 64 {
            return t;
        }
        let n = vals.len() as f32;
        let mean = vals.iter().map(|v| v.2).sum::<f32>() / n;
        let sd = (vals.iter().map(|v| (v.2 - mean).powi(2)).sum::<f32>() / n)
            .sqrt()
            .max(1e-3);
        // J^T J and J^T r over parameters in units that keep them comparable: x, y in units of
        // `scale_px` design pixels.
        let mut jtj = [[0.0f64; 6]; 6];
        let mut jtr = [0.0f64; 6];
        for (p, d, v, gx, gy) in &vals {
            let r = ((v - mean) / sd - d) as f64;
            // d(later value)/d(later full-res coordinate) = gradient * lf / sd.
            let (gx, gy) = (*gx as f64 * lf / sd as f64, *gy as f64 * lf / sd as f64);
            let (x, y) = (p.x / scale_px, p.y / scale_px);
            let j = [gx * x, gx * y, gx, gy * x, gy * y, gy];
            for a in 0..6 {
                jtr[a] += j[a] * r;
                for b in 0..6 {
                    jtj[a][b] += j[a] * j[b];
                }
            }
        }
        for (a, row) in jtj.iter_mut().enumerate() {
            row[a] *= 1.0 + 1e-6;
            row[a] += 1e-9;
        }
        let Some(delta) = solve6(jtj, jtr) else {
            return t;
        };
        let mut m = t.0;
        m[0] -= delta[0] / scale_px;
        m[1] -= delta[1] / scale_px;
        m[2] -= delta[2];
        m[3] -= delta[3] / scale_px;
        m[4] -= delta[4] / scale_px;
        m[5] -= delta[5];
        t = Affine(m);
        // Converged: the step moves no point of the area by a hundredth of a level pixel.
        let moved = (delta[0].abs()
            + delta[1].abs()
            + delta[2].abs()
            + delta[3].abs()
            + delta[4].abs()
            + delta[5].abs())
            * lf;
        if moved < 0.01 {
            break;
        }
    }
    t
}

/// Solves the 6x6 system by Gaussian elimination with partial pivoting.
fn solve6(mut a: [[f64; 6]; 6], mut b: [f64; 6]) -> Option<[f64; 6]> {
    for col in 0..6 {
        let piv = (col..6).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[piv][col].abs() < 1e-12 {
            return None;
        }
        a.swap(col, piv);
        b.swap(col, piv);
        for row in col + 1..6 {
            let f = a[row][col] / a[col][col];
            for k in col..6 {
                a[row][k] -= f * a[col][k];
            }
            b[row] -= f * b[col];
        }
    }
    let mut x = [0.0; 6];
    for row in (0..6).rev() {
        let s: f64 = (row + 1..6).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Aligns `later` onto `design`: where each design pixel is in the later photo. `roi` is the
/// area that must line up (design pixels); the whole photo when
/// `None`. `None` when the photos are too small to compare.
pub fn align(design: &RgbaImage, later: &RgbaImage, roi: Option<Rect>) -> Option<Alignment> {
    let (dw, dh) = (design.width() as f64, design.height() as f64);
    if dw < 64.0 || dh < 64.0 || later.width() < 64 || later.height() < 64 {
        return None;
    }
    let roi = roi.unwrap_or(Rect {
        min: Point::new(0.0, 0.0),
        max: Point::new(dw - 1.0, dh - 1.0),
    });
    let dp = pyramid(design, 48);
    let lp = pyramid(later, 48);
    // The same number of levels from each, from 64 px wide to full resolution.
    let top = |p: &Vec<(f64, Gray)>| p.iter().position(|(_, g)| g.w <= 96).unwrap_or(p.len() - 1);
    let (dt, lt) = (top(&dp), top(&lp));
    let ratio = later.width() as f64 / dw;
    let centre = (roi.min + roi.max) * 0.5;

    // Coarse: scale, turn and shift of the area's centre on a grid.
    let (df, dg) = (&dp[dt].0, &dp[dt].1);
    let (lf, lg) = (&lp[lt].0, &lp[lt].1);
    let coarse = samples(dg, *df, roi, 4000);
    let mut best: Vec<(f64, Affine)> = Vec::new();
    for s in [0.8, 0.9, 1.0, 1.1, 1.25] {
        for deg in [-8.0f64, -4.0, 0.0, 4.0, 8.0] {
            let (sin, cos) = deg.to_radians().sin_cos();
            let k = s * ratio;
            for ix in -4..=4 {
                for iy in -4..=4 {
                    // The area's centre goes where it is in the design's frame, plus a shift.
                    let target = Point::new(
                        centre.x * ratio + ix as f64 * 0.06 * later.width() as f64,
                        centre.y * ratio + iy as f64 * 0.06 * later.height() as f64,
                    );
                    let (a, b, d, e) = (k * cos, -k * sin, k * sin, k * cos);
                    let c = target.x - (a * centre.x + b * centre.y);
                    let f = target.y - (d * centre.x + e * centre.y);
                    let t = Affine([a, b, c, d, e, f]);
                    let score = correlation(&coarse, lg, *lf, &t);
                    best.push((score, t));
                }
            }
        }
    }
    best.sort_by(|a, b| b.0.total_cmp(&a.0));
    best.truncate(4);
    // The best starts refined on the coarse levels (to about 200 px wide); the one that
    // correlates best then down to the photo's own pixels. Stopping at half resolution left a
    // photo's lens blur (each point spread over a pixel or two) room for a 0.2 % error in
    // scale: 1.7 px at the far edge of the work on the sample photo; at full resolution under 0.2 px.
    let fine = 0;
    let middle = dp
        .iter()
        .position(|(_, g)| g.w <= 220)
        .unwrap_or(fine)
        .clamp(fine, dt);
    let later_level = |f: f64| {
        lp.iter()
            .min_by(|a, b| (a.0 / ratio - f).abs().total_cmp(&(b.0 / ratio - f).abs()))
            .expect("a level")
    };
    let down = |mut t: Affine, from: usize, to: usize| {
        for level in (to..=from).rev() {
            let (f, g) = &dp[level];
            let (lf, lg) = later_level(*f);
            t = refine(&samples(g, *f, roi, 20_000), lg, *lf, t, dw);
        }
        t
    };
    let score_at = |t: &Affine, level: usize| {
        let (f, g) = &dp[level];
        let (lf, lg) = later_level(*f);
        correlation(&samples(g, *f, roi, 20_000), lg, *lf, t)
    };
    let start = best
        .into_iter()
        .map(|(_, t)| down(t, dt, middle))
        .map(|t| (score_at(&t, middle), t))
        .max_by(|a, b| a.0.total_cmp(&b.0))?
        .1;
    let t = if middle > fine {
        down(start, middle - 1, fine)
    } else {
        start
    };
    Some(Alignment {
        later_from_design: t,
        correlation: score_at(&t, fine),
    })
}

/// The later photo resampled into the design photo's frame (`w` x `h`), so the canvas and the
/// tools work on it in design pixels. Outside the later photo: mid grey.
pub fn warp_into(later: &RgbaImage, a: &Alignment, (w, h): (u32, u32)) -> RgbaImage {
    let mut out = RgbaImage::from_pixel(w, h, image::Rgba([96, 96, 96, 255]));
    let (lw, lh) = (later.width() as f64, later.height() as f64);
    let t = a.later_from_design;
    let rows: Vec<(usize, &mut [u8])> = out.chunks_mut(w as usize * 4).enumerate().collect();
    crate::par::spread(rows, |(y, row)| {
        for x in 0..w as usize {
            let q = t.apply(Point::new(x as f64, y as f64));
            if q.x < 0.0 || q.y < 0.0 || q.x > lw - 1.0 || q.y > lh - 1.0 {
                continue;
            }
            let (x0, y0) = (q.x.floor() as u32, q.y.floor() as u32);
            let (x1, y1) = (
                (x0 + 1).min(later.width() - 1),
                (y0 + 1).min(later.height() - 1),
            );
            let (fx, fy) = (q.x - x0 as f64, q.y - y0 as f64);
            for c in 0..3 {
                let p = |x, y| later.get_pixel(x, y)[c] as f64;
                let v = (p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx) * (1.0 - fy)
                    + (p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx) * fy;
                row[4 * x + c] = v.round().clamp(0.0, 255.0) as u8;
            }
        }
    });
    out
}
