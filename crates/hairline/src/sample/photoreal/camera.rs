//! The camera: a lens that is never pixel-sharp and focuses at one depth, a vignette and
//! sensor noise. A rendering's tell is that every pixel is sharp and clean; a photo's lens
//! spreads each point over a pixel or two, and more the further it is from the focus.

use crate::colour::{linear_to_srgb, srgb_to_linear};
use crate::noise::{hash, unit};
use image::{Rgb, RgbImage};

/// The blur at the focus (pixels, a Gaussian's sigma): a good phone lens at 0.1 mm per pixel.
const SHARPEST: f64 = 0.55;
/// The blurs made whole, between which each pixel's own is blended.
const LEVELS: [f64; 5] = [SHARPEST, 1.1, 2.0, 3.6, 6.5];

/// The blur of a point `height` pixels over the photo's plane, the lens focused at `focus`.
/// The head's rim, 64 mm below its top, gets about 1.5 px; the shoulders, far below, the most.
pub fn blur_at(height: f64, focus: f64) -> f64 {
    let off = (focus - height).abs() / 640.0;
    (SHARPEST + 1.1 * off.powf(1.5) + 2.0 * (off - 1.0).max(0.0)).min(LEVELS[LEVELS.len() - 1])
}

fn kernel(sigma: f64) -> Vec<f32> {
    let r = (3.0 * sigma).ceil() as i64;
    let k: Vec<f64> = (-r..=r)
        .map(|i| (-(i * i) as f64 / (2.0 * sigma * sigma)).exp())
        .collect();
    let sum: f64 = k.iter().sum();
    k.iter().map(|v| (v / sum) as f32).collect()
}

/// A separable Gaussian blur of colour and weight, edges clamped.
fn gaussian(src: &[[f32; 4]], w: usize, h: usize, sigma: f64) -> Vec<[f32; 4]> {
    let k = kernel(sigma);
    let r = (k.len() / 2) as i64;
    let rows: Vec<Vec<[f32; 4]>> = crate::par::spread((0..h).collect(), |y| {
        let row = &src[y * w..(y + 1) * w];
        (0..w as i64)
            .map(|x| {
                let mut acc = [0.0f32; 4];
                for (i, kv) in k.iter().enumerate() {
                    let p = row[(x + i as i64 - r).clamp(0, w as i64 - 1) as usize];
                    for c in 0..4 {
                        acc[c] += kv * p[c];
                    }
                }
                acc
            })
            .collect()
    });
    let across: Vec<[f32; 4]> = rows.into_iter().flatten().collect();
    crate::par::spread((0..h).collect(), |y| {
        let mut out = vec![[0.0f32; 4]; w];
        for (i, kv) in k.iter().enumerate() {
            let sy = (y as i64 + i as i64 - r).clamp(0, h as i64 - 1) as usize;
            let row = &across[sy * w..(sy + 1) * w];
            for (o, p) in out.iter_mut().zip(row) {
                for c in 0..4 {
                    o[c] += kv * p[c];
                }
            }
        }
        out
    })
    .into_iter()
    .flatten()
    .collect()
}

/// How much of blur level `l` a pixel whose blur is `sigma` takes (a hat between levels).
fn level_weight(l: usize, sigma: f64) -> f32 {
    let at = LEVELS[l];
    let below = if l > 0 { LEVELS[l - 1] } else { at };
    let above = LEVELS.get(l + 1).copied().unwrap_or(at);
    let w = if sigma <= at {
        if at == below {
            1.0
        } else {
            ((sigma - below) / (at - below)).clamp(0.0, 1.0)
        }
    } else if at == above {
        1.0
    } else {
        ((above - sigma) / (above - at)).clamp(0.0, 1.0)
    };
    w as f32
}

/// The depth layer a point belongs to, front to back: the head, the ears, the shoulders.
fn layer_of(height: f32) -> usize {
    if height > -60.0 {
        0
    } else if height > -1000.0 {
        1
    } else {
        2
    }
}

/// The photo as the camera records it: `scene` (sRGB) through a lens focused at `focus`, each
/// pixel `height` over the photo's plane; then the vignette and the sensor's noise.
///
/// Each depth layer is blurred on its own, its colour and coverage together, and the layers are
/// laid over each other back to front: a blurred edge in front spreads over what is behind it,
/// and what is behind never glows through it (a single blur of the whole picture would smear
/// the bright head into the dark cape).
pub fn develop(scene: &RgbImage, height: &[f32], focus: f64) -> RgbImage {
    let (w, h) = (scene.width() as usize, scene.height() as usize);
    let linear: Vec<[f32; 3]> = scene
        .pixels()
        .map(|p| p.0.map(|c| srgb_to_linear(c as f64) as f32))
        .collect();
    let layer: Vec<usize> = height.iter().map(|&z| layer_of(z)).collect();
    let own: Vec<f64> = height.iter().map(|&z| blur_at(z as f64, focus)).collect();
    let mut out = vec![[0.0f32; 3]; w * h];
    for l in (0..3).rev() {
        // A pixel of the layer takes its own blur; elsewhere the layer is blurred as at its
        // widest, so its edge spreads as much as the layer does where it ends.
        let Some(widest) = own
            .iter()
            .zip(&layer)
            .filter(|&(_, &m)| m == l)
            .map(|(&s, _)| s)
            .reduce(f64::max)
        else {
            continue;
        };
        let sigma: Vec<f64> = own
            .iter()
            .zip(&layer)
            .map(|(&s, &m)| if m == l { s } else { widest })
            .collect();
        let premultiplied: Vec<[f32; 4]> = linear
            .iter()
            .zip(&layer)
            .map(|(p, &m)| {
                let a = if m == l { 1.0 } else { 0.0 };
                [p[0] * a, p[1] * a, p[2] * a, a]
            })
            .collect();
        let mut acc = vec![[0.0f32; 4]; w * h];
        for (k, &level) in LEVELS.iter().enumerate() {
            let weights: Vec<f32> = sigma.iter().map(|&s| level_weight(k, s)).collect();
            if weights.iter().all(|&v| v == 0.0) {
                continue;
            }
            let blurred = gaussian(&premultiplied, w, h, level);
            for ((a, b), wt) in acc.iter_mut().zip(&blurred).zip(&weights) {
                for c in 0..4 {
                    a[c] += wt * b[c];
                }
            }
        }
        for (o, a) in out.iter_mut().zip(&acc) {
            for c in 0..3 {
                o[c] = if l == 2 {
                    // The back layer: its colour where it is seen, spread under what hides it.
                    a[c] / a[3].max(1e-4)
                } else {
                    a[c] + (1.0 - a[3]) * o[c]
                };
            }
        }
    }
    let diag = ((w * w + h * h) as f64).sqrt() / 2.0;
    let mut img = RgbImage::new(w as u32, h as u32);
    for (k, p) in img.pixels_mut().enumerate() {
        let (x, y) = ((k % w) as f64, (k / w) as f64);
        let r2 = ((x - w as f64 / 2.0).powi(2) + (y - h as f64 / 2.0).powi(2)) / (diag * diag);
        let vignette = 1.0 - 0.18 * r2;
        // Sensor noise: a little in brightness, less in colour.
        let n = |s: u64| unit(hash(&[301, s, k as u64])) + unit(hash(&[302, s, k as u64])) - 1.0;
        let luma = 1.6 * n(0);
        let c = out[k];
        *p = Rgb([0, 1, 2].map(|i| {
            (linear_to_srgb(c[i] as f64 * vignette) + luma + 0.6 * n(i as u64 + 1))
                .round()
                .clamp(0.0, 255.0) as u8
        }));
    }
    img
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bright head in focus over a dark cape far below: the head's edge is soft (the lens's
    /// blur at its depth), and the cape beyond it does not glow with the head's light (which a
    /// single blur of the whole picture at the cape's blur would spread 20 px out).
    #[test]
    fn a_blurred_background_does_not_glow_with_the_sharp_head_in_front() {
        let (w, h) = (120u32, 40u32);
        let edge = 60;
        let scene = RgbImage::from_fn(w, h, |x, _| {
            if x < edge {
                Rgb([220, 180, 150])
            } else {
                Rgb([30, 34, 40])
            }
        });
        let height: Vec<f32> = (0..w * h)
            .map(|k| if k % w < edge { 600.0 } else { -2400.0 })
            .collect();
        let out = develop(&scene, &height, 600.0);
        let at = |x: u32| (0..h).map(|y| out.get_pixel(x, y).0[0] as f64).sum::<f64>() / h as f64;
        // The head, two pixels from its edge, is still the head; the cape 8 px out is the cape.
        assert!(at(edge - 3) > 200.0, "{}", at(edge - 3));
        assert!(at(edge + 8) < 40.0, "{}", at(edge + 8));
        // The edge itself is spread, not a step: the first cape pixel takes some head light.
        assert!(at(edge) > 40.0 && at(edge) < 200.0, "{}", at(edge));
        // A single blur at the cape's 6.5 px would have lit the cape 8 px out to about 70.
    }

    /// The lens is focused on the top of the head: sharpest there, the rim 64 mm lower about
    /// 1.5 px, the ears a little below it more, the cape far below the most; and the further from
    /// the focus, the blurrier, either way.
    #[test]
    fn the_lens_is_sharp_at_its_focus_and_blurs_with_depth() {
        let focus = 600.0;
        assert_eq!(blur_at(focus, focus), SHARPEST);
        let rim = blur_at(0.0, focus);
        assert!((1.3..1.7).contains(&rim), "{rim}");
        assert!(blur_at(-200.0, focus) > rim);
        assert_eq!(blur_at(-2400.0, focus), LEVELS[LEVELS.len() - 1]);
        let mut last = SHARPEST;
        for h in (-3000..=600).rev().step_by(50) {
            let b = blur_at(h as f64, focus);
            assert!(b >= last, "{h}: {b} < {last}");
            last = b;
        }
        assert!(blur_at(700.0, focus) > SHARPEST);
    }
}
