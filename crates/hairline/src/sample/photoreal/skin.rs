//! The skin's colour and fine relief, in linear light, per photo pixel (0.1 mm).

use super::super::{CX, hair_density, scar_distance_px};
use crate::colour::srgb_to_linear;
use crate::noise::{hash, smoothstep, unit, value_noise};

/// Value noise summed over octaves, each on axes turned by its own angle (a lattice that
/// lines up from octave to octave shows as faint squares).
pub fn fbm(seed: u64, x: f64, y: f64, scale: f64, octaves: u32) -> f64 {
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

/// How far the forehead is: 0 over the scalp, 1 at the brows (the bottom of the photo). The
/// forehead sees the sun and the scalp under the hair did not, so it is tanned and redder.
fn forehead(y: f64) -> f64 {
    smoothstep(1250.0, 1750.0, y)
}

/// The skin's base tone (Fitzpatrick III) in linear light.
pub fn albedo(x: f64, y: f64) -> [f64; 3] {
    let base = [220.0, 178.0, 154.0].map(srgb_to_linear);
    let f = forehead(y);
    // Melanin: broad, soft, a few per cent; redness: patchier, in the red channel.
    let melanin = 1.0 + 0.09 * fbm(101, x, y, 320.0, 4) - 0.10 * f;
    let redness = 0.05 * fbm(111, x, y, 180.0, 3).max(-0.3) + 0.05 * f;
    let fine = 1.0 + 0.035 * fbm(121, x, y, 9.0, 2) + 0.02 * fbm(125, x, y, 40.0, 2);
    // Where hair grows, the hair under the skin greys it (a shaved head's "shadow").
    // Roots lie under the skin a millimetre round where each hair comes out, so the grey has no
    // sharp border.
    let around = [(8.0, 0.0), (-8.0, 0.0), (0.0, 8.0), (0.0, -8.0)]
        .iter()
        .map(|(dx, dy)| hair_density(x + dx, y + dy).min(1.0))
        .sum::<f64>()
        / 4.0;
    let under = 0.2 * around * (1.0 - f);
    let under_tint = [1.0, 0.9, 0.72];
    // Freckles and a few small moles: brown spots of 0.3 to 2 mm, placed once per 6 mm cell
    // at most, most cells without.
    let (cx, cy) = ((x / 60.0).floor(), (y / 60.0).floor());
    let mut spot: f64 = 0.0;
    let mut bump: f64 = 0.0;
    for dj in -1..=1 {
        for di in -1..=1 {
            let (i, j) = (
                (cx + di as f64) as i64 as u64,
                (cy + dj as f64) as i64 as u64,
            );
            let h = unit(hash(&[151, i, j]));
            let sx = (cx + di as f64 + unit(hash(&[152, i, j]))) * 60.0;
            let sy = (cy + dj as f64 + unit(hash(&[153, i, j]))) * 60.0;
            let d = ((x - sx).powi(2) + (y - sy).powi(2)).sqrt();
            if h < 0.12 {
                let r = 1.5 + 8.5 * unit(hash(&[154, i, j])).powi(3);
                let depth = 0.12 + 0.4 * unit(hash(&[155, i, j])).powi(2);
                spot = spot.max(depth * (1.0 - smoothstep(0.6 * r, r, d)));
            } else if h > 0.9 && hair_density(sx, sy) > 0.3 {
                // The razor's small red bumps, where hair was shaved.
                bump = bump.max(0.18 * (1.0 - smoothstep(3.0, 9.0, d)));
            }
        }
    }
    // Sun spots (solar lentigines) on the bald top, which the sun reaches: irregular, pale
    // brown patches of 3 to 8 mm, one in a few 25 mm cells.
    let (cx, cy) = ((x / 250.0).floor(), (y / 250.0).floor());
    for dj in -1..=1 {
        for di in -1..=1 {
            let (i, j) = (
                (cx + di as f64) as i64 as u64,
                (cy + dj as f64) as i64 as u64,
            );
            if unit(hash(&[156, i, j])) > 0.3 {
                continue;
            }
            let sx = (cx + di as f64 + unit(hash(&[157, i, j]))) * 250.0;
            let sy = (cy + dj as f64 + unit(hash(&[158, i, j]))) * 250.0;
            if hair_density(sx, sy) > 0.1 || forehead(sy) > 0.5 {
                continue;
            }
            let r = 15.0 + 25.0 * unit(hash(&[159, i, j]));
            let d = ((x - sx).powi(2) + (y - sy).powi(2)).sqrt() / r
                + 0.35 * value_noise(160, x / 12.0, y / 12.0);
            spot = spot.max(0.13 * (1.0 - smoothstep(0.6, 1.0, d)));
        }
    }
    let brown = [0.82, 0.68, 0.6];
    let vein = 0.1 * veins(x, y);
    let vein_tint = [1.0, 0.55, 0.1];
    [0, 1, 2].map(|i| {
        let red = [1.0 + redness, 1.0 - 0.4 * redness, 1.0 - 0.3 * redness][i];
        let irritated = [1.0 + 0.25 * bump, 1.0 - 0.3 * bump, 1.0 - 0.25 * bump][i];
        base[i]
            * melanin
            * fine
            * red
            * irritated
            * (1.0 - under * under_tint[i])
            * (1.0 - spot * (1.0 - brown[i]) * 1.6)
            * (1.0 - vein * vein_tint[i])
    })
}

/// How oily the skin is, 0..1: the forehead most, and patches over the scalp. Oil is what makes
/// a shaved head shine.
pub fn oiliness(x: f64, y: f64) -> f64 {
    (0.45 + 0.35 * forehead(y) + 0.3 * fbm(161, x, y, 260.0, 3)).clamp(0.1, 1.0)
}

/// The forehead's horizontal creases: how deep (pixels) the skin folds at a point, each crease a
/// broken arc above the brows.
fn creases(x: f64, y: f64) -> f64 {
    if y < 1540.0 {
        return 0.0;
    }
    let dx = x - CX;
    let mut fold = 0.0;
    for k in 0..4 {
        let kf = k as f64;
        let half_length = 420.0 - 55.0 * kf;
        if dx.abs() > half_length {
            continue;
        }
        let line =
            1735.0 - 48.0 * kf - 0.00016 * dx * dx + 6.0 * value_noise(171 + k, x / 90.0, kf);
        let across = (y - line) / (6.0 + 1.5 * kf);
        let along = 1.0 - smoothstep(0.6 * half_length, half_length, dx.abs());
        let broken = smoothstep(-0.4, 0.3, value_noise(175 + k, x / 70.0, 3.0 * kf));
        fold += (5.0 - 0.8 * kf) * (-across * across).exp() * along * broken;
    }
    fold
}

/// The fine relief of the skin, in pixels of height: pores (small pits about every half
/// millimetre), a grain, and the forehead's creases.
pub fn relief(x: f64, y: f64) -> f64 {
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
    grain + pits - creases(x, y)
}

/// How much a crease shades the skin in it (light reaches its floor less).
pub fn crease_shade(x: f64, y: f64) -> f64 {
    1.0 - 0.025 * creases(x, y).min(4.0)
}

/// How much a point is scar tissue, 0..1: the healed strip scar, 1 to 3 mm wide along its
/// length, with no sharp border.
pub fn scar_tissue(x: f64, y: f64) -> f64 {
    let d = scar_distance_px(x, y) + 5.0 * value_noise(181, x / 60.0, y / 60.0);
    1.0 - smoothstep(6.0 + 4.0 * value_noise(182, x / 150.0, 0.5), 16.0, d)
}

/// The veins at the temples, seen through thin skin: how much, 0..1.
fn veins(x: f64, y: f64) -> f64 {
    let temple = smoothstep(430.0, 620.0, (x - CX).abs()) * smoothstep(1200.0, 1450.0, y);
    if temple <= 0.0 {
        return 0.0;
    }
    // Where a smooth field crosses zero runs a winding line; its branches where a second does.
    let line = |seed: u64, scale: f64| {
        let v = fbm(seed, x, y, scale, 3);
        1.0 - smoothstep(0.0, 0.035, v.abs())
    };
    temple * line(191, 420.0).max(0.6 * line(195, 260.0))
}

/// The skull's broad bumps, in pixels of height: up to a millimetre over a few centimetres.
pub fn skull(x: f64, y: f64) -> f64 {
    6.0 * fbm(191, x, y, 700.0, 3)
}
