//! The shaved hair: follicular units about 1.05 mm apart (about 90 per cm2, within the 60-120
//! of ../shared/DOMAIN.md), one to three hairs each. A hair is a short cut shaft of 0.08-0.11 mm
//! leaning away from the crown (a day or two of growth), or a dot where it points at the
//! camera, over the blue-grey shadow of its root under the skin. Hair is dark brown, not black,
//! and each hair's shade differs; a few are grey. Along the receding edge the hairs thin and
//! pale (miniaturised), as a thinning hairline's do.

use super::super::{AX, AY, CX, CY, HEIGHT, WIDTH, hair_density};
use super::Frame;
use crate::noise::{hash, unit};

/// One hair's look.
struct Hair {
    /// Linear-light colour, lit by the light the skin under it gets.
    colour: [f64; 3],
    /// Half the shaft's width, pixels.
    half_width: f64,
    /// How opaque the shaft is.
    opacity: f64,
}

/// One hair's shaft, from `(x, y)` along `dir` for `len` pixels, composited over the frame in
/// linear light.
fn shaft(f: &mut Frame, x: f64, y: f64, dir: (f64, f64), len: f64, hair: &Hair) {
    let (w, h) = (WIDTH as i64, HEIGHT as i64);
    let (x1, y1) = (x + dir.0 * len, y + dir.1 * len);
    let (xa, xb) = (x.min(x1).floor() as i64 - 1, x.max(x1).ceil() as i64 + 1);
    let (ya, yb) = (y.min(y1).floor() as i64 - 1, y.max(y1).ceil() as i64 + 1);
    for py in ya.max(0)..=yb.min(h - 1) {
        for px in xa.max(0)..=xb.min(w - 1) {
            let (qx, qy) = (px as f64 + 0.5 - x, py as f64 + 0.5 - y);
            let t = (qx * dir.0 + qy * dir.1).clamp(0.0, len);
            let d = ((qx - t * dir.0).powi(2) + (qy - t * dir.1).powi(2)).sqrt();
            // Coverage of a pixel by the shaft, and a cut tip a little paler than the root.
            let along = t / len.max(1e-6);
            let cover = (hair.half_width + 0.5 - d).clamp(0.0, 1.0) * (1.0 - 0.3 * along);
            if cover <= 0.0 {
                continue;
            }
            let k = (py * w + px) as usize;
            let a = cover * hair.opacity;
            let lit = f.light[k].max(0.2);
            // A hair has its own small highlight where it faces the key light.
            let sheen = 0.010 * (1.0 - (along - 0.4).abs());
            for c in 0..3 {
                let target = hair.colour[c] * lit + sheen;
                f.rgb[k][c] += (target - f.rgb[k][c]) * a;
            }
        }
    }
}

/// The shadow of a follicle's roots under the skin: a soft blue-grey darkening.
fn root_shadow(f: &mut Frame, x: f64, y: f64, radius: f64, depth: f64) {
    let (w, h) = (WIDTH as i64, HEIGHT as i64);
    let reach = (radius * 2.5).ceil() as i64;
    let tint = [0.80, 0.84, 0.92];
    for py in (y as i64 - reach).max(0)..=(y as i64 + reach).min(h - 1) {
        for px in (x as i64 - reach).max(0)..=(x as i64 + reach).min(w - 1) {
            let d2 = (px as f64 + 0.5 - x).powi(2) + (py as f64 + 0.5 - y).powi(2);
            let g = depth * (-d2 / (2.0 * radius * radius)).exp();
            if g < 0.002 {
                continue;
            }
            let k = (py * w + px) as usize;
            for c in 0..3 {
                f.rgb[k][c] *= 1.0 - g * (1.0 - tint[c] * 0.6);
            }
        }
    }
}

/// A hair's colour: dark brown, its shade its own; one in twenty-five grey.
fn hair_look(keys: &[u64], density: f64, brow: bool) -> Hair {
    let grey = unit(hash(&[keys, &[220]].concat())) < 0.04 && !brow;
    let shade = 0.6 + 0.8 * unit(hash(&[keys, &[221]].concat()));
    let colour = if grey {
        [0.30, 0.28, 0.26]
    } else if brow {
        // Brow hairs are long and catch light along their length: a warmer, lighter brown.
        [0.060, 0.038, 0.026].map(|c| c * shade)
    } else {
        [0.030, 0.020, 0.015].map(|c| c * shade)
    };
    // Miniaturised hairs along the receding edge: finer and fainter.
    let fine = if brow {
        1.0
    } else {
        (density / 0.7).clamp(0.35, 1.0)
    };
    Hair {
        colour,
        half_width: (0.38
            + 0.17 * unit(hash(&[keys, &[222]].concat()))
            + if brow { 0.2 } else { 0.0 })
            * fine.sqrt(),
        opacity: (0.85 + 0.15 * unit(hash(&[keys, &[223]].concat()))) * fine,
    }
}

/// One follicular unit the sample draws: where (photo pixels) and how many hairs.
#[derive(Clone, Copy, Debug)]
pub struct FollicularUnit {
    pub x: f64,
    pub y: f64,
    pub hairs: u64,
    /// Its cell on the jittered grid (the seed of its hairs' looks).
    cell: (u64, u64),
    density: f64,
}

/// Every follicular unit the sample photo has, where `hair_density` says hair grows: one per
/// cell of a jittered grid of 1.05 mm (about 90 per cm2 where the fringe is full), a cell kept
/// with the density's chance. The brows' units are those below `BROWS_BELOW_PX`.
pub fn follicular_units() -> impl Iterator<Item = FollicularUnit> {
    let step = 10.5;
    let (nx, ny) = (
        (WIDTH as f64 / step) as u64 + 1,
        (HEIGHT as f64 / step) as u64 + 1,
    );
    (0..ny).flat_map(move |j| {
        (0..nx).filter_map(move |i| {
            let x = (i as f64 + unit(hash(&[201, i, j]))) * step;
            let y = (j as f64 + unit(hash(&[202, i, j]))) * step;
            let density = hair_density(x, y);
            (unit(hash(&[203, i, j])) < density).then(|| FollicularUnit {
                x,
                y,
                hairs: 1 + (unit(hash(&[205, i, j])) * 2.8) as u64,
                cell: (i, j),
                density,
            })
        })
    })
}

/// The brows' hairs grow below this photo row.
pub const BROWS_BELOW_PX: f64 = 1690.0;

/// Shaved hair, unit by unit (`follicular_units`), and the brows.
pub fn stubble(f: &mut Frame) {
    for unit_ in follicular_units() {
        let FollicularUnit {
            x,
            y,
            hairs,
            cell: (i, j),
            density,
        } = unit_;
        let brow = y > BROWS_BELOW_PX;
        root_shadow(f, x, y, 3.0, 0.38 + 0.15 * unit(hash(&[204, i, j])));
        // Shaved hair leans away from the crown; brows grow out to the sides and up.
        let (ax, ay) = if brow {
            ((x - CX).signum() * 0.95, -0.3)
        } else {
            ((x - CX) / AX, (y - CY + 400.0) / AY)
        };
        let base = ay.atan2(ax);
        for k in 0..hairs {
            let angle = base + 0.5 * (unit(hash(&[206, i, j, k])) - 0.5);
            let dir = (angle.cos(), angle.sin());
            let toward_camera = !brow && unit(hash(&[211, i, j, k])) < 0.15;
            let len = if brow {
                25.0 + 35.0 * unit(hash(&[207, i, j, k]))
            } else if toward_camera {
                0.3 + 0.8 * unit(hash(&[207, i, j, k]))
            } else {
                2.5 + 6.0 * unit(hash(&[207, i, j, k]))
            };
            let (ox, oy) = (
                x + 1.2 * (unit(hash(&[208, i, j, k])) - 0.5),
                y + 1.2 * (unit(hash(&[209, i, j, k])) - 0.5),
            );
            let mut look = hair_look(&[i, j, k], density, brow);
            if toward_camera {
                // A cut end seen end-on: a round dot a little wider than the shaft.
                look.half_width += 0.15;
            }
            shaft(f, ox, oy, dir, len, &look);
        }
    }
}
