//! Compositing dots on the photo, for a screen viewport or the full photo.

use super::look::{DotAppearance, Look, PreviewOptions, appearance};
use super::pyramid::PhotoPyramid;
use crate::design::Variant;
use crate::dots::DotSet;
use crate::geometry::{Point, polygon_contains};
use image::RgbaImage;

/// Maps photo pixels to output pixels: `out = (photo - origin_px) * scale`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewTransform {
    /// Output pixels per photo pixel.
    pub scale: f64,
    /// Photo pixel at the output's top-left corner.
    pub origin_px: Point,
}

impl ViewTransform {
    pub const IDENTITY: ViewTransform = ViewTransform {
        scale: 1.0,
        origin_px: Point::new(0.0, 0.0),
    };

    pub fn screen_from_image(&self, p: Point) -> Point {
        (p - self.origin_px) * self.scale
    }
    pub fn image_from_screen(&self, q: Point) -> Point {
        q * (1.0 / self.scale) + self.origin_px
    }
    /// The view that fits a `w` x `h` photo centred in an output of `out_w` x `out_h`.
    pub fn fit(w: f64, h: f64, out_w: f64, out_h: f64) -> ViewTransform {
        let scale = (out_w / w).min(out_h / h);
        let origin_px = Point::new(w * 0.5 - out_w * 0.5 / scale, h * 0.5 - out_h * 0.5 / scale);
        ViewTransform { scale, origin_px }
    }
}

/// Colour outside the photo.
const BACKDROP: [u8; 4] = [38, 38, 40, 255];
/// Plain skin tone shown when the photo layer is hidden.
const PLAIN_SKIN: [u8; 4] = [222, 186, 164, 255];

/// A dot ready to splat in output pixels.
#[derive(Clone, Copy)]
struct Splat {
    x: f32,
    y: f32,
    radius: f32,
    edge: f32,
    alpha: f32,
    tint: [f32; 3],
    halo_radius: f32,
    halo_alpha: f32,
}

/// Renders the photo with dots (if `dots` is given) into an `out_w` x `out_h` image.
pub fn render_view(
    photo: &PhotoPyramid,
    variant: &Variant,
    dots: Option<&DotSet>,
    options: &PreviewOptions,
    view: ViewTransform,
    (out_w, out_h): (u32, u32),
) -> RgbaImage {
    let mut out = RgbaImage::new(out_w.max(1), out_h.max(1));
    let splats = dots
        .map(|d| prepare(variant, d, options, view, out_w, out_h))
        .unwrap_or_default();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let rows_per_band = (out_h as usize).div_ceil(threads).max(1);
    let stride = out_w as usize * 4;
    std::thread::scope(|scope| {
        for (band, chunk) in out.chunks_mut(rows_per_band * stride).enumerate() {
            let splats = &splats;
            scope.spawn(move || {
                let y0 = band * rows_per_band;
                if options.hide_photo {
                    for px in chunk.chunks_exact_mut(4) {
                        px.copy_from_slice(&PLAIN_SKIN);
                    }
                } else {
                    background(photo, view, chunk, out_w as usize, y0);
                }
                for s in splats {
                    splat(chunk, out_w as usize, y0, s);
                }
            });
        }
    });
    out
}

fn prepare(
    variant: &Variant,
    dots: &DotSet,
    options: &PreviewOptions,
    view: ViewTransform,
    out_w: u32,
    out_h: u32,
) -> Vec<Splat> {
    let count = dots.session_count.max(1);
    let latest = options.sessions.latest().min(count - 1);
    let looks: Vec<DotAppearance> = (0..count)
        .map(|k| {
            // In a fresh preview only the latest session is fresh; earlier ones have healed.
            let look = if options.look == Look::Fresh && k < latest {
                Look::Healed
            } else {
                options.look
            };
            appearance(variant, look, k)
        })
        .collect();
    let patch = if options.test_patch_only {
        variant
            .test_patch
            .as_ref()
            .map(|t| t.corners_px(dots.mm_per_px))
    } else {
        None
    };
    let px_per_mm = (view.scale / dots.mm_per_px) as f32;
    let (w, h) = (out_w as f32, out_h as f32);
    let mut splats = Vec::with_capacity(dots.dots.len());
    for d in &dots.dots {
        if !options.sessions.shows(d.session) {
            continue;
        }
        if options.test_patch_only
            && !patch
                .as_ref()
                .is_some_and(|c| polygon_contains(c, d.pos_px()))
        {
            continue;
        }
        let a = looks[(d.session as usize).min(count - 1)];
        let c = view.screen_from_image(d.pos_px());
        let (x, y) = (c.x as f32, c.y as f32);
        let mut radius = 0.5 * d.diameter_mm * a.diameter_scale * px_per_mm;
        let edge = (a.edge_mm * px_per_mm).max(0.8);
        let mut alpha = (a.opacity * d.shade).min(1.0);
        let halo_radius = radius * a.halo_scale;
        if radius < 0.6 {
            // Smaller than a pixel: keep the ink (area x opacity) so a zoomed-out view shows the
            // same overall shading as the real scalp.
            alpha *= (radius / 0.6) * (radius / 0.6);
            radius = 0.6;
        }
        let reach = radius.max(halo_radius) + edge;
        if x + reach < 0.0 || y + reach < 0.0 || x - reach > w || y - reach > h || alpha <= 0.002 {
            continue;
        }
        splats.push(Splat {
            x,
            y,
            radius,
            edge,
            alpha,
            tint: a.tint,
            halo_radius,
            halo_alpha: a.halo_opacity,
        });
    }
    splats
}

/// Fills the rows of `chunk` (starting at output row `y0`) with the photo.
fn background(
    photo: &PhotoPyramid,
    view: ViewTransform,
    chunk: &mut [u8],
    out_w: usize,
    y0: usize,
) {
    let rows = chunk.len() / (out_w * 4);
    // Pick the pyramid level whose pixels are no smaller than output pixels.
    let mut level = 0;
    while level + 1 < photo.levels.len() && view.scale * (1u64 << (level + 1)) as f64 <= 1.0 {
        level += 1;
    }
    let img = &photo.levels[level];
    let f = (1u64 << level) as f64;
    let (lw, lh) = (img.width() as i64, img.height() as i64);
    let src = img.as_raw();
    let inv = 1.0 / (view.scale * f);
    let exact = level == 0
        && view.scale == 1.0
        && view.origin_px.x.fract() == 0.0
        && view.origin_px.y.fract() == 0.0;
    for r in 0..rows {
        let row = &mut chunk[r * out_w * 4..(r + 1) * out_w * 4];
        let oy = (y0 + r) as f64;
        if exact {
            // Export at full resolution: a straight copy of the photo rows.
            let sy = oy as i64 + view.origin_px.y as i64;
            let sx0 = view.origin_px.x as i64;
            for (ox, px) in row.chunks_exact_mut(4).enumerate() {
                let sx = sx0 + ox as i64;
                if sx >= 0 && sy >= 0 && sx < lw && sy < lh {
                    let i = ((sy * lw + sx) * 4) as usize;
                    px.copy_from_slice(&src[i..i + 4]);
                } else {
                    px.copy_from_slice(&BACKDROP);
                }
            }
            continue;
        }
        let v = (view.origin_px.y + (oy + 0.5) / view.scale) / f - 0.5;
        for (ox, px) in row.chunks_exact_mut(4).enumerate() {
            let u = view.origin_px.x / f + (ox as f64 + 0.5) * inv - 0.5;
            if u < -0.5 || v < -0.5 || u > lw as f64 - 0.5 || v > lh as f64 - 0.5 {
                px.copy_from_slice(&BACKDROP);
                continue;
            }
            let (x0, y0f) = (u.floor(), v.floor());
            let (tx, ty) = ((u - x0) as f32, (v - y0f) as f32);
            let cx = |x: i64| x.clamp(0, lw - 1);
            let cy = |y: i64| y.clamp(0, lh - 1);
            let (xa, xb, ya, yb) = (
                cx(x0 as i64),
                cx(x0 as i64 + 1),
                cy(y0f as i64),
                cy(y0f as i64 + 1),
            );
            let at = |x: i64, y: i64, c: usize| src[((y * lw + x) * 4) as usize + c] as f32;
            for c in 0..3 {
                let top = at(xa, ya, c) + (at(xb, ya, c) - at(xa, ya, c)) * tx;
                let bottom = at(xa, yb, c) + (at(xb, yb, c) - at(xa, yb, c)) * tx;
                px[c] = (top + (bottom - top) * ty + 0.5) as u8;
            }
            px[3] = 255;
        }
    }
}

/// Multiplies the skin under one dot (and its redness halo) into the rows of `chunk`.
fn splat(chunk: &mut [u8], out_w: usize, y0: usize, s: &Splat) {
    let rows = chunk.len() / (out_w * 4);
    let reach = s.radius.max(if s.halo_alpha > 0.0 {
        s.halo_radius
    } else {
        0.0
    }) + s.edge;
    let ya = ((s.y - reach).floor().max(y0 as f32) as usize).max(y0);
    let yb = ((s.y + reach).ceil().max(0.0) as usize).min(y0 + rows);
    let xa = (s.x - reach).floor().max(0.0) as usize;
    let xb = ((s.x + reach).ceil().max(0.0) as usize).min(out_w);
    for oy in ya..yb {
        let row = &mut chunk[(oy - y0) * out_w * 4..(oy - y0 + 1) * out_w * 4];
        let dy = oy as f32 + 0.5 - s.y;
        for ox in xa..xb {
            let dx = ox as f32 + 0.5 - s.x;
            let dist = (dx * dx + dy * dy).sqrt();
            let px = &mut row[ox * 4..ox * 4 + 3];
            if s.halo_alpha > 0.0 && dist < s.halo_radius {
                // Fresh redness: the skin around the impression is slightly pink.
                let a = s.halo_alpha * (1.0 - dist / s.halo_radius);
                let pink = [1.0, 0.8, 0.82];
                for c in 0..3 {
                    px[c] = (px[c] as f32 * (1.0 - a * (1.0 - pink[c]))) as u8;
                }
            }
            let cover = ((s.radius + 0.5 * s.edge - dist) / s.edge).clamp(0.0, 1.0);
            if cover > 0.0 {
                let a = s.alpha * cover;
                for c in 0..3 {
                    px[c] = (px[c] as f32 * (1.0 - a * (1.0 - s.tint[c])) + 0.5) as u8;
                }
            }
        }
    }
}
