//! The sample photo's look: a shaved scalp photographed from above as a clinic photographs it,
//! so that what the studio shows on it is judged as on a client's photo (the flat, stroke-drawn
//! sample hid what a real photo shows: the skin's sheen and texture, stubble as fine hairs and
//! the shadow of the follicles under the skin, a lens that is never pixel-sharp).
//!
//! Everything is worked in linear light, as a camera records it:
//! - the head is an egg-shaped dome, wider at the back than at the forehead, its outline
//!   wavering a little; lit by a soft key light from the front left and a weaker fill from the
//!   right, with light wrapping round (skin scatters light under its surface, so its shadows are
//!   soft and warm), and an oily shine where the skin is oily (`skin`);
//! - skin: an even base tone with broad mottling, a tanned forehead with creases above the
//!   brows, pores every half millimetre or so, freckles, the razor's red bumps, and the grey of
//!   hair under the skin where it grows (`skin`);
//! - stubble as follicular units of short cut hairs (`hair`);
//! - past the head, the ears and the client's shoulders under a cape (`surroundings`);
//! - the camera: focused on the top of the head, so the rim, the ears and the cape blur as they
//!   fall away; a vignette and sensor noise (`camera`).

mod camera;
mod hair;
mod skin;
mod surroundings;

pub use hair::{BROWS_BELOW_PX, FollicularUnit, follicular_units};

use super::{AX, HEIGHT, WIDTH, rho};
use crate::colour::linear_to_srgb;
use crate::noise::smoothstep;
use image::{Rgb, RgbImage};

/// Height of the dome over the photo plane, as a share of its half width.
const DOME: f64 = 0.8;
/// Where the lens is focused: near the top of the dome, in pixels over the photo's plane.
const FOCUS: f64 = 0.93 * DOME * AX;

fn normalize(v: [f64; 3]) -> [f64; 3] {
    let n = (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]).sqrt().max(1e-12);
    [v[0] / n, v[1] / n, v[2] / n]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

/// The lit scene in linear light, with each pixel's light on the skin (for the hairs, which
/// are lit by the same lights) and its height over the photo's plane (for the lens's focus).
pub struct Frame {
    rgb: Vec<[f64; 3]>,
    light: Vec<f64>,
    height: Vec<f32>,
}

fn lit_frame() -> Frame {
    let (w, h) = (WIDTH as usize, HEIGHT as usize);
    let mut rgb = vec![[0.0; 3]; w * h];
    let mut light = vec![0.0; w * h];
    let mut height = vec![0.0f32; w * h];
    let key = normalize([-0.35, 0.45, 0.82]);
    let fill = normalize([0.7, -0.1, 0.7]);
    let view = [0.0, 0.0, 1.0];
    let half = normalize([key[0] + view[0], key[1] + view[1], key[2] + view[2]]);
    let c = DOME * AX;
    crate::par::spread(
        rgb.chunks_mut(w)
            .zip(light.chunks_mut(w))
            .zip(height.chunks_mut(w))
            .enumerate()
            .collect(),
        |(y, ((row, lrow), hrow))| {
            let fy = y as f64 + 0.5;
            for x in 0..w {
                let fx = x as f64 + 0.5;
                let r = rho(fx, fy);
                let inside = 1.0 - smoothstep(0.997, 1.004, r);
                let past = (inside < 1.0).then(|| surroundings::past_the_head(fx, fy));
                if inside <= 0.0 {
                    let past = past.expect("a pixel off the head");
                    row[x] = past.rgb;
                    hrow[x] = past.height as f32;
                    continue;
                }
                // The dome's normal, from the slope of its outline's radius, bent by the skin's
                // relief.
                // The dome's height, 0..1 of `DOME * AX`.
                let z = (1.0 - r.min(1.0).powi(2)).max(0.0).sqrt();
                let e = 1.0;
                let (rx, ry) = (
                    (rho(fx + e, fy).powi(2) - rho(fx - e, fy).powi(2)) / (2.0 * e),
                    (rho(fx, fy + e).powi(2) - rho(fx, fy - e).powi(2)) / (2.0 * e),
                );
                // A skull is no smooth dome: broad bumps of up to a millimetre over a few
                // centimetres tilt the skin and so its shading.
                let e = 6.0;
                let (bx, by) = (
                    skin::skull(fx + e, fy) - skin::skull(fx - e, fy),
                    skin::skull(fx, fy + e) - skin::skull(fx, fy - e),
                );
                let mut n = normalize([
                    rx - bx / (2.0 * e) * 2.0 * z / c,
                    ry - by / (2.0 * e) * 2.0 * z / c,
                    2.0 * z / c,
                ]);
                let e = 0.7;
                let (gx, gy) = (
                    skin::relief(fx + e, fy) - skin::relief(fx - e, fy),
                    skin::relief(fx, fy + e) - skin::relief(fx, fy - e),
                );
                let scar = skin::scar_tissue(fx, fy);
                // Scar tissue is smooth and shiny.
                let bump = 0.22 * (1.0 - 0.8 * scar);
                n = normalize([
                    n[0] - bump * gx / (2.0 * e),
                    n[1] - bump * gy / (2.0 * e),
                    n[2],
                ]);
                // Light wraps round: skin scatters it under the surface.
                let wrap = |l: [f64; 3]| ((dot(n, l) + 0.4) / 1.4).max(0.0);
                let diffuse = 0.95 * wrap(key) + 0.2 * wrap(fill) + 0.08;
                // Towards the rim the skin turns away and sits in the other's shade.
                let rim = 0.55 + 0.45 * z.powf(0.35);
                let lit = diffuse * rim * skin::crease_shade(fx, fy);
                let nh = dot(n, half).max(0.0);
                let oil = skin::oiliness(fx, fy);
                let shine =
                    (0.10 + 0.22 * oil + 0.05 * scar) * nh.powi(60) + 0.05 * oil * nh.powi(6);
                let mut albedo = skin::albedo(fx, fy);
                // A healed strip scar is paler than the skin round it (fewer melanocytes).
                for (i, t) in [0.06, 0.11, 0.13].iter().enumerate() {
                    albedo[i] *= 1.0 + scar * t;
                }
                // Warm, soft shadows: the red light that scattered under the skin comes back.
                let warmth = [1.0, 0.93 + 0.07 * lit.min(1.0), 0.9 + 0.1 * lit.min(1.0)];
                let skin = [0, 1, 2].map(|i| albedo[i] * lit * warmth[i] + shine);
                let (back, back_height) = past.map_or(([0.0; 3], 0.0), |p| (p.rgb, p.height));
                row[x] = [0, 1, 2].map(|i| back[i] + (skin[i] - back[i]) * inside);
                hrow[x] = (back_height + (c * z - back_height) * inside) as f32;
                lrow[x] = lit;
            }
        },
    );
    Frame { rgb, light, height }
}

/// The whole photo: the lit head and its stubble, `paint` laid on it (the ruler on the
/// forehead, which the same lens then sees), and the camera's lens, vignette and noise.
pub fn render(paint: impl FnOnce(&mut RgbImage)) -> RgbImage {
    let mut f = lit_frame();
    hair::stubble(&mut f);
    let mut scene = RgbImage::new(WIDTH, HEIGHT);
    for (p, c) in scene.pixels_mut().zip(&f.rgb) {
        *p = Rgb(c.map(|v| linear_to_srgb(v * 1.05).round().clamp(0.0, 255.0) as u8));
    }
    paint(&mut scene);
    camera::develop(&scene, &f.height, FOCUS)
}
