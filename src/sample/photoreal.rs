//! The sample photo's look: a shaved scalp lit as a clinic photographs it, so that what the
//! studio shows on it is judged as on a client's photo (the flat, stroke-drawn sample hid what a
//! real photo shows: the skin's sheen and texture, stubble as fine hairs and the shadow of the
//! follicles under the skin).
//!
//! Everything is worked in linear light and converted to sRGB at the end, as a camera does:
//! - the head is a dome (an ellipsoid seen from above), lit by a soft key light from the front
//!   left and a weaker fill from the right, with light wrapping round (skin scatters light
//!   under its surface, so its shadows are soft and warm);
//! - skin: an even base tone with broad mottling (melanin and redness at several scales, each on
//!   its own rotated axes so no lattice shows), pores every half millimetre or so, and a fine
//!   bump that breaks up the oily sheen a shaved scalp has;
//! - stubble: follicular units about 1.05 mm apart (about 90 per cm2, within the 60-120 of
//!   ../shared/DOMAIN.md), one to three hairs each, every hair a short shaft of 0.07 mm leaning away from the crown (a day or
//!   two of growth) over the blue-grey shadow of its roots under the skin;
//! - the camera: a slight vignette and sensor noise.

use super::{AX, AY, CX, CY, HEIGHT, WIDTH, hair_density, rho, scar_distance_px};
use crate::colour::{linear_to_srgb, srgb_to_linear};
use crate::noise::{hash, smoothstep, unit, value_noise};
use image::{Rgb, RgbImage};

/// Height of the dome over the photo plane, as a share of its half width.
const DOME: f64 = 0.8;

fn normalize(v: [f64; 3]) -> [f64; 3] {
    let n = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt().max(1e-12);
    [v[0] / n, v[1] / n, v[2] / n]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// Value noise summed over octaves, each on axes turned by its own angle (a lattice that
/// lines up from octave to octave shows as faint squares).
fn fbm(seed: u64, x: f64, y: f64, scale: f64, octaves: u32) -> f64 {
    let mut sum = 0.0;
    let (mut amp, mut s) = (1.0, scale);
    for o in 0..octaves {
        let a = 0.7 + 1.3 * o as f64;
        let (c, sn) = (a.cos(), a.sin());
        let (u, v) = ((x * c - y * sn) / s, (x * sn + y * c) / s);
        sum += amp * value_noise(seed + o as u64, u + 17.3 * o as f64, v - 9.1 * o as f64);
        amp *= 0.5;
        s *= 0.5;
    }
    sum
}

/// The lit scalp and backdrop, linear light, with each pixel's light on the skin (for the
/// hairs, which are lit by the same lights).
struct Frame {
    rgb: Vec<[f64; 3]>,
    light: Vec<f64>,
}

/// The skin's base tone (Fitzpatrick III) in linear light.
fn skin_albedo(x: f64, y: f64) -> [f64; 3] {
    let base = [218.0, 176.0, 152.0].map(srgb_to_linear);
    // Melanin: broad, soft, a few per cent; redness: patchier, in the red channel.
    let melanin = 1.0 + 0.07 * fbm(101, x, y, 320.0, 4);
    let redness = 0.045 * fbm(111, x, y, 180.0, 3).max(-0.3);
    let fine = 1.0 + 0.035 * fbm(121, x, y, 9.0, 2) + 0.02 * fbm(125, x, y, 40.0, 2);
    // Freckles and a few small moles: brown spots of 0.3 to 2 mm, placed once per 6 mm cell
    // at most, most cells without.
    let (cx, cy) = ((x / 60.0).floor(), (y / 60.0).floor());
    let mut spot: f64 = 0.0;
    for dj in -1..=1 {
        for di in -1..=1 {
            let (i, j) = (
                (cx + di as f64) as i64 as u64,
                (cy + dj as f64) as i64 as u64,
            );
            let h = unit(hash(&[151, i, j]));
            if h > 0.12 {
                continue;
            }
            let sx = (cx + di as f64 + unit(hash(&[152, i, j]))) * 60.0;
            let sy = (cy + dj as f64 + unit(hash(&[153, i, j]))) * 60.0;
            let r = 1.5 + 8.5 * unit(hash(&[154, i, j])).powi(3);
            let d = ((x - sx).powi(2) + (y - sy).powi(2)).sqrt();
            let depth = 0.12 + 0.4 * unit(hash(&[155, i, j])).powi(2);
            spot = spot.max(depth * (1.0 - smoothstep(0.6 * r, r, d)));
        }
    }
    let brown = [0.82, 0.68, 0.6];
    [0, 1, 2].map(|i| {
        let red = [1.0 + redness, 1.0 - 0.4 * redness, 1.0 - 0.3 * redness][i];
        base[i] * melanin * fine * red * (1.0 - spot * (1.0 - brown[i]) * 1.6)
    })
}

/// The fine relief of the skin: pores (small pits about every half millimetre) and a grain,
/// in pixels of height.
fn relief(x: f64, y: f64) -> f64 {
    let grain = 0.35 * fbm(131, x, y, 2.6, 2);
    // Pores on a jittered grid of 5 px (0.5 mm), not every cell.
    let (cx, cy) = ((x / 5.0).floor(), (y / 5.0).floor());
    let mut pits = 0.0;
    for dj in -1..=1 {
        for di in -1..=1 {
            let (i, j) = (
                (cx + di as f64) as i64 as u64,
                (cy + dj as f64) as i64 as u64,
            );
            let h = hash(&[141, i, j]);
            if unit(h) > 0.55 {
                continue;
            }
            let px = (cx + di as f64 + unit(hash(&[142, i, j]))) * 5.0;
            let py = (cy + dj as f64 + unit(hash(&[143, i, j]))) * 5.0;
            let d2 = (x - px).powi(2) + (y - py).powi(2);
            pits -= 0.9 * (-d2 / 0.9).exp();
        }
    }
    grain + pits
}

fn lit_frame() -> Frame {
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let mut rgb = vec![[0.0; 3]; w * h];
    let mut light = vec![0.0; w * h];
    let key = normalize([-0.35, 0.45, 0.82]);
    let fill = normalize([0.7, -0.1, 0.7]);
    let view = [0.0, 0.0, 1.0];
    let half = normalize([key[0] + view[0], key[1] + view[1], key[2] + view[2]]);
    let c = DOME * AX;
    crate::par::spread(
        rgb.chunks_mut(w)
            .zip(light.chunks_mut(w))
            .enumerate()
            .collect(),
        |(y, (row, lrow))| {
            let fy = y as f64 + 0.5;
            for x in 0..w {
                let fx = x as f64 + 0.5;
                let r = rho(fx, fy);
                // A studio backdrop: a soft grey-blue gradient, the head's shadow on it.
                let shadow = 1.0 - 0.35 * (1.0 - smoothstep(1.0, 1.35, rho(fx - 40.0, fy - 60.0)));
                let back_srgb = [
                    78.0 + 22.0 * fy / h as f64,
                    86.0 + 18.0 * fy / h as f64,
                    98.0 + 6.0 * fy / h as f64,
                ];
                let back = back_srgb.map(|v| srgb_to_linear(v) * shadow);
                let inside = 1.0 - smoothstep(0.997, 1.006, r);
                if inside <= 0.0 {
                    row[x] = back;
                    continue;
                }
                // The dome's normal, bent by the skin's relief.
                let z = (1.0 - r.min(1.0).powi(2)).max(0.0).sqrt();
                let (px, py, pz) = (fx - CX, fy - CY, c * z);
                let mut n = normalize([px / (AX * AX), py / (AY * AY), pz / (c * c)]);
                let e = 0.7;
                let (gx, gy) = (
                    relief(fx + e, fy) - relief(fx - e, fy),
                    relief(fx, fy + e) - relief(fx, fy - e),
                );
                let scar = 1.0 - smoothstep(12.0, 24.0, scar_distance_px(fx, fy));
                // Scar tissue is smooth and shiny.
                let bump = 0.22 * (1.0 - 0.8 * scar);
                n = normalize([
                    n[0] - bump * gx / (2.0 * e),
                    n[1] - bump * gy / (2.0 * e),
                    n[2],
                ]);
                // Light wraps round: skin scatters it under the surface.
                let wrap = |l: [f64; 3]| ((dot(n, l) + 0.4) / 1.4).max(0.0);
                let diffuse = 0.95 * wrap(key) + 0.28 * wrap(fill) + 0.10;
                // Towards the rim the skin turns away and sits in the other's shade.
                let rim = 0.55 + 0.45 * z.powf(0.35);
                let lit = diffuse * rim;
                let nh = dot(n, half).max(0.0);
                let shine = (0.16 + 0.2 * scar) * nh.powi(48) + 0.045 * nh.powi(6);
                let mut albedo = skin_albedo(fx, fy);
                for (i, t) in [0.16, 0.04, 0.05].iter().enumerate() {
                    albedo[i] *= 1.0 + scar * t;
                }
                // Warm, soft shadows: the red light that scattered under the skin comes back.
                let warmth = [1.0, 0.93 + 0.07 * lit.min(1.0), 0.9 + 0.1 * lit.min(1.0)];
                let skin = [0, 1, 2].map(|i| albedo[i] * lit * warmth[i] + shine);
                row[x] = [0, 1, 2].map(|i| back[i] + (skin[i] - back[i]) * inside);
                lrow[x] = lit;
            }
        },
    );
    Frame { rgb, light }
}

/// One hair's shaft, from `(x, y)` along `(dx, dy)` for `len` pixels, 0.7 px wide, composited
/// over the frame in linear light.
fn shaft(f: &mut Frame, x: f64, y: f64, dir: (f64, f64), len: f64, dark: f64) {
    let (w, h) = (WIDTH as i64, HEIGHT as i64);
    let half_width = 0.45;
    let (x1, y1) = (x + dir.0 * len, y + dir.1 * len);
    let (xa, xb) = (x.min(x1).floor() as i64 - 1, x.max(x1).ceil() as i64 + 1);
    let (ya, yb) = (y.min(y1).floor() as i64 - 1, y.max(y1).ceil() as i64 + 1);
    let hair = [0.016, 0.012, 0.010];
    for py in ya.max(0)..=yb.min(h - 1) {
        for px in xa.max(0)..=xb.min(w - 1) {
            let (qx, qy) = (px as f64 + 0.5 - x, py as f64 + 0.5 - y);
            let t = (qx * dir.0 + qy * dir.1).clamp(0.0, len);
            let d = ((qx - t * dir.0).powi(2) + (qy - t * dir.1).powi(2)).sqrt();
            // Coverage of a pixel by a line 0.7 px wide, and a tip that thins.
            let cover = (half_width + 0.5 - d).clamp(0.0, 1.0) * (1.0 - 0.4 * t / len.max(1e-6));
            if cover <= 0.0 {
                continue;
            }
            let k = (py * w + px) as usize;
            let a = cover * dark;
            let lit = f.light[k].max(0.2);
            // A hair has its own small highlight where it faces the key light.
            let sheen = 0.012 * (1.0 - (t / len.max(1e-6) - 0.4).abs());
            for c in 0..3 {
                let target = hair[c] * lit + sheen;
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

/// Shaved hair where `hair_density` says it grows: follicular units on a jittered grid of
/// 1.05 mm (about 90 per cm2 where the fringe is full).
fn stubble(f: &mut Frame) {
    let step = 10.5;
    let (nx, ny) = (
        (WIDTH as f64 / step) as u64 + 1,
        (HEIGHT as f64 / step) as u64 + 1,
    );
    for j in 0..ny {
        for i in 0..nx {
            let x = (i as f64 + unit(hash(&[201, i, j]))) * step;
            let y = (j as f64 + unit(hash(&[202, i, j]))) * step;
            let density = hair_density(x, y);
            if unit(hash(&[203, i, j])) >= density {
                continue;
            }
            let brow = y > 1690.0;
            root_shadow(f, x, y, 3.0, 0.38 + 0.15 * unit(hash(&[204, i, j])));
            let hairs = 1 + (unit(hash(&[205, i, j])) * 2.8) as u64;
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
                let len = if brow {
                    25.0 + 35.0 * unit(hash(&[207, i, j, k]))
                } else {
                    3.0 + 7.0 * unit(hash(&[207, i, j, k]))
                };
                let (ox, oy) = (
                    x + 1.2 * (unit(hash(&[208, i, j, k])) - 0.5),
                    y + 1.2 * (unit(hash(&[209, i, j, k])) - 0.5),
                );
                shaft(f, ox, oy, dir, len, 0.8 + 0.2 * unit(hash(&[210, i, j, k])));
            }
        }
    }
}

/// The whole photo, as a camera gives it: vignette, sensor noise, sRGB.
pub fn render() -> RgbImage {
    let mut f = lit_frame();
    stubble(&mut f);
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let mut img = RgbImage::new(WIDTH, HEIGHT);
    let diag = ((w * w + h * h) as f64).sqrt() / 2.0;
    for (k, p) in img.pixels_mut().enumerate() {
        let (x, y) = ((k % w) as f64, (k / w) as f64);
        let r2 = ((x - w as f64 / 2.0).powi(2) + (y - h as f64 / 2.0).powi(2)) / (diag * diag);
        let vignette = 1.0 - 0.18 * r2;
        // Sensor noise: a little in brightness, less in colour.
        let n = |s: u64| unit(hash(&[301, s, k as u64])) + unit(hash(&[302, s, k as u64])) - 1.0;
        let luma = 1.6 * n(0);
        let c = f.rgb[k];
        *p = Rgb([0, 1, 2].map(|i| {
            (linear_to_srgb(c[i] * 1.05 * vignette) + luma + 0.6 * n(i as u64 + 1))
                .round()
                .clamp(0.0, 255.0) as u8
        }));
    }
    img
}
