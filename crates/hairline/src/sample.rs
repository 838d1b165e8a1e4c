//! The bundled sample photo, rendered procedurally (no third-party image, no licence question):
//! a scalp seen from above and in front, with a horseshoe fringe of shaved hair, a healed strip
//! scar at the back, the brows at the bottom edge and a millimetre ruler on the forehead.
//!
//! `hairline-studio sample-photo OUT.jpg` regenerates `assets/sample-scalp.jpg`.

mod photoreal;

pub use photoreal::{BROWS_BELOW_PX, FollicularUnit, follicular_units};

use crate::noise::{smoothstep, value_noise};
use image::{Rgb, RgbImage};

/// A bundled sample design, `designs/NAME.json`, for the library's own tests.
#[cfg(test)]
pub(crate) fn bundled_design(name: &str) -> crate::design::Design {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join("designs")
        .join(format!("{name}.json"));
    crate::design::load_design(&path).expect("bundled sample design")
}

pub const WIDTH: u32 = 2400;
pub const HEIGHT: u32 = 1800;
/// The photo's scale, which the ruler shows.
pub const MM_PER_PX: f64 = 0.1;
/// Head outline: an ellipse.
const CX: f64 = 1200.0;
const CY: f64 = 1000.0;
const AX: f64 = 800.0;
const AY: f64 = 950.0;
/// The ruler: its zero tick and its y, 0.1 mm per pixel.
pub const RULER_ZERO: (f64, f64) = (760.0, 1540.0);
pub const RULER_MM: f64 = 90.0;

/// Normalised radius: 1 on the head's outline. A head seen from above is no ellipse: it is an
/// egg, wider over the parietal bones at the back (the top of the photo) than at the forehead,
/// and its outline wavers a little. The outline only ever lies outside the ellipse `AX`, `AY`,
/// on which the bundled designs were drawn, so none of their zones reaches past the skin.
fn rho(x: f64, y: f64) -> f64 {
    let (u, v) = ((x - CX) / AX, (y - CY) / AY);
    let egg = 1.0 + 0.04 * (-v).max(0.0);
    let (u, v) = (u / egg, v);
    let a = v.atan2(u);
    let waver = 1.0
        + 0.005 * (1.0 + (3.0 * a + 0.4).sin())
        + 0.004 * (1.0 + (5.0 * a + 1.9).sin())
        + 0.002 * (1.0 + (8.0 * a + 0.3).sin());
    (u * u + v * v).sqrt() / waver
}

/// Whether a photo pixel is on the head's skin, not on an ear or the cape past it.
pub fn on_head(x: f64, y: f64) -> bool {
    rho(x, y) < 1.0
}

/// Centre line of the strip scar across the back (top of the photo).
pub fn scar_line() -> Vec<(f64, f64)> {
    (0..=12)
        .map(|i| {
            let t = -0.5 + i as f64 / 12.0;
            (CX + 0.9 * AX * t.sin(), CY - 0.9 * AY * t.cos())
        })
        .collect()
}

fn scar_distance_px(x: f64, y: f64) -> f64 {
    // Asked for every pixel, several times over: the line is made once.
    static LINE: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    LINE.get_or_init(scar_line)
        .windows(2)
        .map(|w| {
            let a = crate::geometry::Point::new(w[0].0, w[0].1);
            let b = crate::geometry::Point::new(w[1].0, w[1].1);
            crate::geometry::point_segment_distance_sq(crate::geometry::Point::new(x, y), a, b)
                .sqrt()
        })
        .fold(f64::INFINITY, f64::min)
}

/// How much shaved hair grows at a point, 0..1: the horseshoe fringe at the sides and back, the
/// brows at the bottom.
fn hair_density(x: f64, y: f64) -> f64 {
    let r = rho(x, y);
    let edge = 0.8 + 0.03 * value_noise(11, x / 90.0, y / 90.0);
    // The fringe fades out towards the front (larger y) where the hairline has receded.
    let front_fade = 1.0 - smoothstep(1050.0, 1250.0, y + 60.0 * value_noise(12, x / 120.0, 0.0));
    let fringe = smoothstep(edge, edge + 0.06, r) * front_fade * (1.0 - smoothstep(1.02, 1.04, r));
    let scar = if scar_distance_px(x, y) < 17.0 + 7.0 * value_noise(13, x / 40.0, y / 40.0) {
        0.0
    } else {
        1.0
    };
    let brow = |bx: f64| {
        let d = (((x - bx) / 170.0).powi(2)
            + ((y - 1770.0 + 0.0006 * (x - bx).powi(2)) / 28.0).powi(2))
        .sqrt();
        1.0 - smoothstep(0.7, 1.0, d)
    };
    (fringe * scar).max(brow(CX - 260.0)).max(brow(CX + 260.0))
}

/// Renders the sample photo (`photoreal`), with the ruler laid on the forehead.
pub fn scalp_photo() -> RgbImage {
    photoreal::render(ruler)
}

/// A paper ruler with millimetre ticks laid across the forehead.
fn ruler(img: &mut RgbImage) {
    let (x0, y0) = RULER_ZERO;
    let (left, right) = (x0 - 40.0, x0 + RULER_MM / MM_PER_PX + 40.0);
    let (top, bottom) = (y0 - 10.0, y0 + 95.0);
    for y in top as u32 - 4..bottom as u32 + 6 {
        for x in left as u32 - 4..right as u32 + 6 {
            let inside = (x as f64) >= left
                && (x as f64) < right
                && (y as f64) >= top
                && (y as f64) < bottom;
            let p = img.get_pixel_mut(x, y);
            if inside {
                let n = 3.0 * value_noise(41, x as f64 / 6.0, y as f64 / 6.0);
                *p = Rgb([(246.0 + n) as u8, (240.0 + n) as u8, (214.0 + n) as u8]);
            } else if x as f64 >= left && y as f64 >= top {
                // A soft shadow below and to the right.
                for c in 0..3 {
                    p.0[c] = (p.0[c] as f64 * 0.8) as u8;
                }
            }
        }
    }
    let ink = [30u8, 30, 34];
    for mm in 0..=RULER_MM as u32 {
        let x = x0 + mm as f64 / MM_PER_PX;
        let len = if mm % 10 == 0 {
            42.0
        } else if mm % 5 == 0 {
            30.0
        } else {
            20.0
        };
        for y in y0 as u32..(y0 + len) as u32 {
            for dx in 0..2 {
                img.put_pixel((x - 1.0) as u32 + dx, y, Rgb(ink));
            }
        }
        if mm % 10 == 0 {
            let label = format!("{}", mm / 10);
            let mut rgba = image::RgbaImage::new(60, 40);
            crate::render::draw_text(&mut rgba, &label, 0.0, 0.0, 30.0, [255, 255, 255]);
            let w = crate::render::text_width(&label, 30.0);
            for (gx, gy, p) in rgba.enumerate_pixels() {
                let a = p.0[0] as f64 / 255.0;
                if a > 0.0 {
                    let (tx, ty) = ((x - w as f64 * 0.5) as u32 + gx, (y0 + 46.0) as u32 + gy);
                    let q = img.get_pixel_mut(tx, ty);
                    for c in 0..3 {
                        q.0[c] = (q.0[c] as f64 + (ink[c] as f64 - q.0[c] as f64) * a) as u8;
                    }
                }
            }
        }
    }
}
