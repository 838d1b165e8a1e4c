//! The bundled sample photo, rendered procedurally (no third-party image, no licence question):
//! a scalp seen from above and in front, with a horseshoe fringe of shaved hair, a healed strip
//! scar at the back, the brows at the bottom edge and a millimetre ruler on the forehead.
//!
//! `hairline-studio sample-photo OUT.jpg` regenerates `assets/sample-scalp.jpg`.

use crate::noise::{hash, smoothstep, unit, value_noise};
use image::{Rgb, RgbImage};

/// A bundled sample design, `designs/NAME.json`, for the library's own tests.
#[cfg(test)]
pub(crate) fn bundled_design(name: &str) -> crate::design::Design {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
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

/// Normalised elliptical radius: 1 on the head outline.
fn rho(x: f64, y: f64) -> f64 {
    (((x - CX) / AX).powi(2) + ((y - CY) / AY).powi(2)).sqrt()
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
    let line = scar_line();
    line.windows(2)
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
    let scar = if scar_distance_px(x, y) < 22.0 + 6.0 * value_noise(13, x / 40.0, y / 40.0) {
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

/// Renders the sample photo.
pub fn scalp_photo() -> RgbImage {
    let mut img = RgbImage::new(WIDTH, HEIGHT);
    let skin = [222.0, 178.0, 150.0];
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let (fx, fy) = (x as f64, y as f64);
            let r = rho(fx, fy);
            // A soft studio backdrop outside the head.
            let back = [
                70.0 + 20.0 * fy / HEIGHT as f64,
                78.0 + 18.0 * fy / HEIGHT as f64,
                88.0,
            ];
            let inside = 1.0 - smoothstep(1.0, 1.012, r);
            // Light from above-front: the dome is brightest near its middle, darker at the edges.
            let shade =
                0.72 + 0.3 * (1.0 - r.min(1.0).powi(2)).sqrt() - 0.05 * (fy / HEIGHT as f64);
            // Broad, soft blotches only: finer value noise shows its lattice as faint squares.
            let blotch = 0.03 * value_noise(21, fx / 260.0, fy / 260.0)
                + 0.015 * value_noise(22, (fx + fy) / 420.0, (fx - fy) / 420.0);
            let pore = if unit(hash(&[23, x as u64, y as u64])) < 0.004 {
                -0.06
            } else {
                0.0
            };
            let grain = 0.012 * (unit(hash(&[24, x as u64, y as u64])) - 0.5);
            let k = shade + blotch + pore + grain;
            let scar_d = scar_distance_px(fx, fy);
            let scar = 1.0 - smoothstep(14.0, 24.0, scar_d);
            let mut c = [0.0; 3];
            for i in 0..3 {
                let s = skin[i] * k + scar * [18.0, 8.0, 10.0][i];
                c[i] = back[i] + (s - back[i]) * inside;
            }
            img.put_pixel(x, y, Rgb(c.map(|v| v.clamp(0.0, 255.0) as u8)));
        }
    }
    stubble(&mut img);
    ruler(&mut img);
    img
}

/// Shaved hair: short dark stubs on a jittered grid, about 0.4 mm apart where the fringe is full.
fn stubble(img: &mut RgbImage) {
    let step = 4.0;
    let (nx, ny) = ((WIDTH as f64 / step) as u64, (HEIGHT as f64 / step) as u64);
    for j in 0..ny {
        for i in 0..nx {
            let h = hash(&[31, i, j]);
            let x = (i as f64 + unit(h)) * step;
            let y = (j as f64 + unit(hash(&[32, i, j]))) * step;
            let density = hair_density(x, y);
            if unit(hash(&[33, i, j])) > density * 0.55 {
                continue;
            }
            // Stubs lean away from the crown, as shaved hair grows.
            let dir = ((x - CX) / AX, (y - CY + 400.0) / AY);
            let len = (dir.0 * dir.0 + dir.1 * dir.1).sqrt().max(1e-6);
            let (dx, dy) = (dir.0 / len, dir.1 / len);
            let stub = 2.0 + 3.0 * unit(hash(&[34, i, j]));
            let dark = 0.35 + 0.25 * unit(hash(&[35, i, j]));
            for s in 0..=(stub as i32 * 2) {
                let t = s as f64 * 0.5;
                dab(img, x + dx * t, y + dy * t, 0.9, dark);
            }
        }
    }
}

/// Darkens a small soft disc.
fn dab(img: &mut RgbImage, x: f64, y: f64, radius: f64, darkness: f64) {
    let hair = [42.0, 34.0, 30.0];
    for py in (y - radius - 1.0).floor() as i64..=(y + radius + 1.0).ceil() as i64 {
        for px in (x - radius - 1.0).floor() as i64..=(x + radius + 1.0).ceil() as i64 {
            if px < 0 || py < 0 || px >= WIDTH as i64 || py >= HEIGHT as i64 {
                continue;
            }
            let d = ((px as f64 + 0.5 - x).powi(2) + (py as f64 + 0.5 - y).powi(2)).sqrt();
            let a = darkness * (1.0 - smoothstep(radius - 0.5, radius + 0.5, d));
            let p = img.get_pixel_mut(px as u32, py as u32);
            for c in 0..3 {
                p.0[c] = (p.0[c] as f64 + (hair[c] - p.0[c] as f64) * a) as u8;
            }
        }
    }
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
