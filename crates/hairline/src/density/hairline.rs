//! The hairline's effect on density: a mask that is 0 well ahead of the line, scatters a few dots
//! just ahead of it, rises through the transition zone and is 1 behind it.

use super::grid::Grid;
use super::{DENSITY, FIRST_SESSION, HAIRLINE_WEIGHT};
use crate::design::{Hairline, HairlineStyle, Side};
use crate::geometry::{Point, Rect, catmull_rom_by_length, point_segment_distance_sq};
use crate::noise::{NoiseTable, smoothstep};
use crate::recycle;

struct Profile {
    transition: f64,
    reach: f64,
    base: f64,
    /// Fraction of the transition over which the rise happens (crisp styles rise quickly).
    rise: f64,
    ahead: f64,
    grain: f64,
}

impl Profile {
    fn new(h: &Hairline) -> Self {
        let micro = h.micro_irregularity;
        let (base, rise, ahead, grain) = match h.style {
            HairlineStyle::Natural | HairlineStyle::Mature | HairlineStyle::WidowsPeak => {
                (0.25, 1.0, 0.35, 0.6)
            }
            HairlineStyle::Soft => (0.08, 1.0, 0.3, 0.5),
            HairlineStyle::Broken => (0.3, 1.0, 0.5, 1.0),
            HairlineStyle::Defined => (0.7, 0.35, 0.1, 0.2),
        };
        Profile {
            transition: h.transition_mm,
            reach: h.transition_mm * (0.15 + 0.35 * micro),
            base,
            rise,
            ahead: ahead * micro,
            grain: grain * micro,
        }
    }

    /// Mask at depth `s` mm behind the line (negative ahead of it), before grain.
    fn at(&self, s: f64) -> f64 {
        if s < 0.0 {
            if s < -self.reach || self.reach <= 0.0 {
                0.0
            } else {
                self.ahead * (1.0 + s / self.reach)
            }
        } else {
            let u = s / (self.transition * self.rise);
            let shaped = if self.base < 0.1 {
                u.min(1.0) * u.min(1.0).sqrt()
            } else {
                smoothstep(0.0, 1.0, u)
            };
            self.base + (1.0 - self.base) * shaped
        }
    }

    /// Half-width of the band around the line where the mask is neither 0 nor 1.
    fn band(&self, extra: f64) -> f64 {
        self.transition.max(self.reach) + extra + 2.0
    }
}

/// The signed depth (mm behind the line) of every node, and the band around the line where it is
/// exact. It does not depend on the zones, so the field builds it while they are rasterised.
pub struct HairlineDepth {
    depth: Vec<f32>,
    band: f64,
}

impl Drop for HairlineDepth {
    fn drop(&mut self) {
        recycle::F32.give(std::mem::take(&mut self.depth));
    }
}

pub fn hairline_depth(
    h: &Hairline,
    mm_per_px: f64,
    holdback_mm: f64,
    grid: &Grid,
) -> HairlineDepth {
    let profile = Profile::new(h);
    let control: Vec<Point> = h.points_px.iter().map(|&p| p * mm_per_px).collect();
    // 3 mm chords: the hairline bends over centimetres, so the chord error is hundredths of a mm.
    let mut curve = catmull_rom_by_length(&control, 3.0);
    let shift = h.macro_amplitude_mm + h.asymmetry_mm.abs();
    let band = profile.band(shift + holdback_mm);
    extend_ends(&mut curve, grid, band);
    HairlineDepth {
        depth: signed_depth(&curve, h.treated_side, band, grid),
        band,
    }
}

/// Applies the hairline to the zones' density held in channel `DENSITY` of `nodes`: the mask for
/// the finished work gives the final density, the mask held back behind the final line gives
/// session 1's (`FIRST_SESSION`), and `HAIRLINE_WEIGHT` is set to 1 where the finer hairline
/// needle is used, fading to 0 behind the transition zone.
pub fn apply_hairline(
    h: &Hairline,
    line: &HairlineDepth,
    holdback_mm: f64,
    grid: &Grid,
    seed: u64,
    nodes: &mut [[f32; 4]],
) {
    let profile = Profile::new(h);
    let (depth, band) = (&line.depth, line.band);
    let centre_x = (grid.nx - 1) as f64 * grid.cell_mm * 0.5;
    let extent = grid.node(grid.nx - 1, grid.ny - 1);
    let waves = NoiseTable::new(
        seed ^ 0x3a7e,
        extent.x / h.macro_wavelength_mm,
        extent.y / h.macro_wavelength_mm,
    );
    let grain_noise = NoiseTable::new(seed ^ 0x91c0, extent.x / 5.0, extent.y / 5.0);
    let far = (band + 1.0) as f32;
    crate::par::par_rows(grid.ny, grid.nx, vec![nodes], |rows, out| {
        for j in rows.clone() {
            for i in 0..grid.nx {
                let k = j * grid.nx + i;
                let o = (j - rows.start) * grid.nx + i;
                let d = depth[k];
                let node = &mut out[0][o];
                let zones = node[DENSITY];
                if d.abs() >= far {
                    // Far from the line the mask is constant: fully treated or untouched.
                    let v = if d > 0.0 { 1.0 } else { 0.0 };
                    node[DENSITY] = zones * v;
                    node[FIRST_SESSION] = zones * v;
                    node[HAIRLINE_WEIGHT] = 0.0;
                    continue;
                }
                let p = grid.node(i, j);
                // Gentle waves along the line, and a slight lowering of one side.
                let mut s = d as f64
                    + h.macro_amplitude_mm
                        * waves.at(p.x / h.macro_wavelength_mm, p.y / h.macro_wavelength_mm);
                let t = (p.x - centre_x) / 30.0;
                s += h.asymmetry_mm * 0.5 * t / (1.0 + t * t).sqrt();
                // Clusters and gaps in the transition zone: stronger for broken styles.
                let grain = if s < profile.transition && s > -profile.reach {
                    let n = grain_noise.at(p.x / 5.0, p.y / 5.0);
                    1.0 + profile.grain
                        * n
                        * (1.0 - smoothstep(0.6 * profile.transition, profile.transition, s))
                } else {
                    1.0
                };
                node[DENSITY] = zones * (profile.at(s) * grain).clamp(0.0, 1.0) as f32;
                node[FIRST_SESSION] =
                    zones * (profile.at(s - holdback_mm) * grain).clamp(0.0, 1.0) as f32;
                node[HAIRLINE_WEIGHT] = if s > -profile.reach - 1.0 {
                    (1.0 - smoothstep(profile.transition, profile.transition + 3.0, s)) as f32
                } else {
                    0.0
                };
            }
        }
    });
}

/// Continues the curve straight along its end tangents until it leaves the grid (plus the band),
/// so that the line divides the whole photo into a treated and an untreated side.
fn extend_ends(curve: &mut Vec<Point>, grid: &Grid, band: f64) {
    if curve.len() < 2 {
        return;
    }
    let bounds = Rect {
        min: Point::default(),
        max: grid.node(grid.nx - 1, grid.ny - 1),
    }
    .expanded(band + 1.0);
    let reach = (grid.nx + grid.ny) as f64 * grid.cell_mm;
    // The rays are straight: longer steps lose nothing and splat fewer overlapping windows.
    let step = 12.0;
    let ray = |from: Point, dir: Point| -> Vec<Point> {
        let steps = (reach / step).ceil() as usize;
        let mut out = Vec::new();
        for k in 1..=steps {
            let p = from + dir * (k as f64 * step);
            out.push(p);
            if !bounds.contains(p) {
                break;
            }
        }
        out
    };
    let n = curve.len();
    let end_dir = (curve[n - 1] - curve[n - 2]).normalized();
    let start_dir = (curve[0] - curve[1]).normalized();
    let tail = ray(curve[n - 1], end_dir);
    let mut head = ray(curve[0], start_dir);
    head.reverse();
    head.append(curve);
    head.extend(tail);
    *curve = head;
}

/// Signed distance (mm) behind the line at every node: exact within `band` of the curve, and
/// ±(band + 1) elsewhere, the side found by flood fill from the band (far nodes only need a side).
fn signed_depth(curve: &[Point], side: Side, band: f64, grid: &Grid) -> Vec<f32> {
    let n = grid.len();
    // Squared distance to the curve, negated on the untreated side.
    let mut sd2 = recycle::F64.take(n, f64::INFINITY);
    let band2 = band * band;
    for seg in curve.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let Some(w) = grid.window(Rect::from_points([a, b]).expanded(band)) else {
            continue;
        };
        let dir = b - a;
        for j in w.y0..=w.y1 {
            for i in w.x0..=w.x1 {
                let p = grid.node(i, j);
                let d2 = point_segment_distance_sq(p, a, b);
                let k = j * grid.nx + i;
                if d2 < sd2[k].abs() && d2 <= band2 {
                    // In photo coordinates (y down) a point on the visual left has a negative
                    // cross product.
                    let left = dir.cross(p - a) < 0.0;
                    let treated = left == (side == Side::Left);
                    sd2[k] = if treated { d2 } else { -d2 };
                }
            }
        }
    }
    let far = (band + 1.0) as f32;
    // Nodes outside the band only need their side. A run of them along a row lies in one region
    // (the band, at least two nodes wide, separates the sides), so it takes the side of the band
    // node beside it; a row the band never reaches takes the side of the row next to it.
    let side_of = |v: f64| if v.is_sign_negative() { -1.0f32 } else { 1.0 };
    let mut depth = recycle::F32.take(n, 0.0);
    let mut row_done = vec![false; grid.ny];
    let rows = sd2
        .chunks_exact(grid.nx)
        .zip(depth.chunks_exact_mut(grid.nx));
    for (j, (row, out)) in rows.enumerate() {
        let Some(&first_known) = row.iter().find(|v| v.is_finite()) else {
            continue;
        };
        row_done[j] = true;
        let mut side = side_of(first_known);
        for (&v, d) in row.iter().zip(out) {
            if v.is_finite() {
                side = side_of(v);
                *d = side * v.abs().sqrt() as f32;
            } else {
                *d = side * far;
            }
        }
    }
    for pass in 0..2 {
        let order: Vec<usize> = if pass == 0 {
            (1..grid.ny).collect()
        } else {
            (0..grid.ny.saturating_sub(1)).rev().collect()
        };
        for j in order {
            let from = if pass == 0 { j - 1 } else { j + 1 };
            if !row_done[j] && row_done[from] {
                for i in 0..grid.nx {
                    depth[j * grid.nx + i] = depth[from * grid.nx + i].signum() * far;
                }
                row_done[j] = true;
            }
        }
    }
    if !row_done.iter().any(|&d| d) {
        depth.iter_mut().for_each(|d| *d = -far);
    }
    recycle::F64.give(sd2);
    depth
}
