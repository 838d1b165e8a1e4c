//! Compositing dots on the photo, for a screen viewport or the full photo.

use super::impression::{Impression, MAX_ELONGATION, SessionLook, impression, session_looks};
use super::look::PreviewOptions;
use super::pyramid::PhotoPyramid;
use crate::design::Variant;
use crate::dots::DotSet;
use crate::geometry::Point;
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
///
/// Dots darken the skin in linear light, where light adds up: a pixel covered by a fraction
/// `c` of a dot loses `c * absorb` of its light, so the ink a dot leaves in an image is the same
/// whether it covers many pixels or part of one (a coarse photo shows the treated area as the
/// tone it will have). `absorb` is set so that a pixel wholly under a dot looks as it did when
/// the skin was multiplied in sRGB.
#[derive(Clone, Copy)]
struct Splat {
    x: f32,
    y: f32,
    radius: f32,
    edge: f32,
    /// Share of each channel's linear light taken where the dot covers a pixel wholly.
    absorb: [f32; 3],
    halo_radius: f32,
    /// The same for the fresh redness at the dot's centre (fading to its edge).
    halo_absorb: [f32; 3],
    /// Seeds the unbiased rounding of this dot's pixels (see `round_unbiased`).
    seed: u32,
    /// The impression's long axis (a unit vector) and its stretch: a needle enters at a slight
    /// angle and the skin stretches, so no impression is a perfect disc. The semi-axes are
    /// `radius * aspect` and `radius / aspect` (the area is kept; length over width `aspect^2`).
    axis: [f32; 2],
    aspect: f32,
    /// The impression's ragged outline: its edge pushed out and in round it by three and four
    /// lobes (cosine and sine parts, in its own frame, as shares of the radius); zero for a
    /// dot too small to show it.
    lobes: [f32; 4],
}

/// sRGB bytes to linear light.
fn linear_table() -> &'static [f32; 256] {
    static LUT: std::sync::OnceLock<[f32; 256]> = std::sync::OnceLock::new();
    LUT.get_or_init(|| {
        std::array::from_fn(|i| {
            let c = i as f32 / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
    })
}

/// Steps of `srgb_table`.
const SRGB_STEPS: usize = 16_384;

/// Linear light in steps of 1/`SRGB_STEPS` to sRGB values in 0..=255, unrounded: interpolated,
/// exact to a few hundredths of a level.
fn srgb_table() -> &'static [f32] {
    static LUT: std::sync::OnceLock<Vec<f32>> = std::sync::OnceLock::new();
    LUT.get_or_init(|| {
        (0..=SRGB_STEPS + 1)
            .map(|i| {
                let l = (i as f32 / SRGB_STEPS as f32).min(1.0);
                let c = if l <= 0.003_130_8 {
                    12.92 * l
                } else {
                    1.055 * l.powf(1.0 / 2.4) - 0.055
                };
                c * 255.0
            })
            .collect()
    })
}

fn to_srgb(table: &[f32], l: f32) -> f32 {
    let t = l.clamp(0.0, 1.0) * SRGB_STEPS as f32;
    let i = t as usize;
    table[i] + (table[i + 1] - table[i]) * (t - i as f32)
}

/// Rounds `v` up with probability equal to its fraction, by a hash of the pixel and the dot:
/// deterministic, and on average exact, so many faint dots on one pixel (a zoomed-out view)
/// darken it by their sum instead of each being rounded away.
fn round_unbiased(v: f32, x: usize, y: usize, seed: u32) -> u8 {
    let h = (x as u32).wrapping_mul(0x9e37_79b1) ^ (y as u32).wrapping_mul(0x85eb_ca77) ^ seed;
    let h = (h ^ (h >> 15)).wrapping_mul(0x2c1b_3c6d);
    let h = h ^ (h >> 12);
    let u = (h >> 8) as f32 * (1.0 / (1u32 << 24) as f32);
    (v + u).clamp(0.0, 255.0) as u8
}

/// Renders the photo with dots (if `dots` is given) into an `out_w` x `out_h` image, opaque
/// (a transparent photo's alpha is dropped).
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
    let threads = crate::par::threads().min(8);
    let rows_per_band = (out_h as usize).div_ceil(threads).max(1);
    let stride = out_w as usize * 4;
    let bands: Vec<_> = out.chunks_mut(rows_per_band * stride).enumerate().collect();
    crate::par::spread(bands, |(band, chunk)| {
        let y0 = band * rows_per_band;
        if options.hide_photo {
            for px in chunk.chunks_exact_mut(4) {
                px.copy_from_slice(&PLAIN_SKIN);
            }
        } else {
            background(photo, view, chunk, out_w as usize, y0);
        }
        for s in &splats {
            splat(chunk, out_w as usize, y0, s);
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
    let looks = session_looks(variant, options, dots.session_count);
    let patch = if options.test_patch_only {
        variant
            .test_patch
            .as_ref()
            .map(|t| t.corners_px(dots.made_mm_per_px()))
    } else {
        None
    };
    let px_per_mm = (view.scale / dots.mm_per_px) as f32;
    let (w, h) = (out_w as f32, out_h as f32);
    let mut splats = Vec::with_capacity(dots.dots.len());
    for (i, d) in dots.dots.iter().enumerate() {
        if !options.sessions.shows(d.session) {
            continue;
        }
        let look = &looks[(d.session as usize).min(looks.len() - 1)];
        let c = view.screen_from_image(d.pos_px());
        let (x, y) = (c.x as f32, c.y as f32);
        // Off the view at the longest any impression of its size can be: skipped before its
        // shape is worked out (most dots, zoomed in).
        let radius = 0.5 * d.diameter_mm * look.diameter_scale * px_per_mm;
        let edge = (look.edge_mm * px_per_mm).max(0.8);
        let reach = (radius.max(0.6) * MAX_ELONGATION.sqrt()).max(radius * look.halo_scale) + edge;
        if x + reach < 0.0 || y + reach < 0.0 || x - reach > w || y - reach > h {
            continue;
        }
        let imp = impression(d, dots.place(i), patch.as_deref());
        if options.test_patch_only && imp.in_patch == 0.0 {
            continue;
        }
        if let Some(s) = splat_of(&imp, look, px_per_mm, x, y) {
            splats.push(s);
        }
    }
    splats
}

/// The impression `imp` in `look`, centred at output pixel `(x, y)` with `px_per_mm` output
/// pixels per millimetre; `None` when too faint to show. (The GPU's vertex shader does the same.)
fn splat_of(imp: &Impression, look: &SessionLook, px_per_mm: f32, x: f32, y: f32) -> Option<Splat> {
    let mut radius = 0.5 * imp.diameter_mm * look.diameter_scale * px_per_mm;
    let edge = (look.edge_mm * px_per_mm).max(0.8);
    let halo_radius = radius * look.halo_scale;
    let mut area = imp.shade;
    area *= 1.0 - look.patchiness * imp.patch;
    if radius < 0.6 {
        // Smaller than a pixel: drawn at 0.6 px with the ink (area x opacity) it has.
        area *= (radius / 0.6) * (radius / 0.6);
        radius = 0.6;
    }
    // The soft edge is a ramp across `edge`: it covers pi (r^2 + edge^2 / 12), not pi r^2.
    area *= radius * radius / (radius * radius + edge * edge / 12.0);
    // A wholly covered pixel keeps the tone the look gives it; the ink scales with the
    // dot's area (and its natural variation in shade) in linear light.
    let mut absorb = look.absorb.map(|k| (area * k).min(1.0));
    if absorb.iter().all(|&k| k <= 0.001) {
        return None;
    }
    // Its ragged edge, seen once it spans a few pixels.
    let lobes = if radius * imp.elongation.sqrt() >= 2.0 {
        // The lobes add area: the ink stays the dot's.
        for k in absorb.iter_mut() {
            *k /= imp.lobed;
        }
        imp.lobes
    } else {
        [0.0; 4]
    };
    let mut aspect = imp.elongation.sqrt();
    let mut axis = imp.axis;
    if imp.squash < 1.0 {
        // Seen at an angle on a curved head: the skin's circle is an ellipse, as long as
        // the dot across the tilt and `squash` of that along it; its area (and ink) shrink
        // alike. The impression's own stretch is laid along the same axis: on a photo that
        // sees the skin at a slant, the slant's foreshortening dominates its shape.
        axis = imp.slant;
        aspect /= imp.squash.sqrt();
        radius *= imp.squash.sqrt();
    }
    Some(Splat {
        x,
        y,
        radius,
        edge,
        absorb,
        halo_radius,
        halo_absorb: look.halo_absorb,
        seed: imp.seed,
        axis,
        aspect,
        lobes,
    })
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
    // Where each output column samples the photo (byte offsets of the two source pixels and the
    // weight between them), or `None` beside the photo: the same on every row, so worked out
    // once instead of per pixel.
    let columns: Vec<Option<(usize, usize, u32)>> = if exact {
        Vec::new()
    } else {
        (0..out_w)
            .map(|ox| {
                let u = view.origin_px.x / f + (ox as f64 + 0.5) * inv - 0.5;
                if u < -0.5 || u > lw as f64 - 0.5 {
                    return None;
                }
                let x0 = u.floor();
                let cx = |x: i64| (x.clamp(0, lw - 1) * 4) as usize;
                Some((cx(x0 as i64), cx(x0 as i64 + 1), weight(u - x0)))
            })
            .collect()
    };
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
                    // The output is always opaque, as a print of the photo would be.
                    px[..3].copy_from_slice(&src[i..i + 3]);
                    px[3] = 255;
                } else {
                    px.copy_from_slice(&BACKDROP);
                }
            }
            continue;
        }
        let v = (view.origin_px.y + (oy + 0.5) / view.scale) / f - 0.5;
        if v < -0.5 || v > lh as f64 - 0.5 {
            for px in row.chunks_exact_mut(4) {
                px.copy_from_slice(&BACKDROP);
            }
            continue;
        }
        let y0f = v.floor();
        let wy = weight(v - y0f);
        let cy = |y: i64| (y.clamp(0, lh - 1) * lw * 4) as usize;
        let (ra, rb) = (&src[cy(y0f as i64)..], &src[cy(y0f as i64 + 1)..]);
        for (px, col) in row.chunks_exact_mut(4).zip(&columns) {
            let Some((xa, xb, wx)) = *col else {
                px.copy_from_slice(&BACKDROP);
                continue;
            };
            // Fixed point (weights in 1/1024, at most 255 * 2^20 in all: fits a u32): a third
            // faster than converting each byte to a float and back, within one level of the
            // exact value.
            for c in 0..3 {
                let top = ra[xa + c] as u32 * (ONE - wx) + ra[xb + c] as u32 * wx;
                let bottom = rb[xa + c] as u32 * (ONE - wx) + rb[xb + c] as u32 * wx;
                px[c] = ((top * (ONE - wy) + bottom * wy + ONE * ONE / 2) >> 20) as u8;
            }
            px[3] = 255;
        }
    }
}

/// 1.0 in the fixed point of the background's bilinear weights.
const ONE: u32 = 1024;

/// A bilinear weight in [0, 1] as a fixed-point fraction of `ONE`.
fn weight(t: f64) -> u32 {
    (t * ONE as f64 + 0.5).clamp(0.0, ONE as f64) as u32
}

/// Multiplies the skin under one dot (and its redness halo) into the rows of `chunk`.
fn splat(chunk: &mut [u8], out_w: usize, y0: usize, s: &Splat) {
    let rows = chunk.len() / (out_w * 4);
    let halo = s.halo_absorb.iter().any(|&k| k > 0.0);
    let outer = s.radius + 0.5 * s.edge;
    let ragged = s.lobes != [0.0; 4];
    let swell = 1.0 + s.lobes[0].hypot(s.lobes[1]) + s.lobes[2].hypot(s.lobes[3]);
    let reach = (s.radius * s.aspect * swell).max(if halo { s.halo_radius } else { 0.0 }) + s.edge;
    let ([c, sn], inv_aspect) = (s.axis, 1.0 / s.aspect);
    // Truncation instead of floor/ceil (library calls on baseline x86-64): clamped at 0 first,
    // and the far bounds one further, which only adds pixels the dot does not cover.
    let ya = ((s.y - reach).max(0.0) as usize).max(y0);
    let yb = ((s.y + reach).max(0.0) as usize + 1).min(y0 + rows);
    let xa = (s.x - reach).max(0.0) as usize;
    let xb = ((s.x + reach).max(0.0) as usize + 1).min(out_w);
    if ya >= yb || xa >= xb {
        return;
    }
    let (inv_edge, inv_halo) = (1.0 / s.edge, 1.0 / s.halo_radius);
    let (to_linear, srgb) = (linear_table(), srgb_table());
    for oy in ya..yb {
        let row = &mut chunk[(oy - y0) * out_w * 4..][xa * 4..xb * 4];
        let dy = oy as f32 + 0.5 - s.y;
        for (px, ox) in row.chunks_exact_mut(4).zip(xa..) {
            let dx = ox as f32 + 0.5 - s.x;
            let dist = (dx * dx + dy * dy).sqrt();
            let mut keep = [1.0f32; 3];
            if halo && dist < s.halo_radius {
                let t = 1.0 - dist * inv_halo;
                for c in 0..3 {
                    keep[c] *= 1.0 - t * s.halo_absorb[c];
                }
            }
            // Distance in the impression's own frame: stretched along its axis, narrowed across.
            let (along, across) = (dx * c + dy * sn, dy * c - dx * sn);
            let shaped = ((along * inv_aspect).powi(2) + (across * s.aspect).powi(2)).sqrt();
            let mut edge_at = outer;
            if ragged {
                // The direction's cosine and sine of three and four times its angle, from the
                // unit vector itself (no trigonometry per pixel).
                let r2 = along * along + across * across;
                if r2 > 1e-6 {
                    let inv = r2.sqrt().recip();
                    let (u, v) = (along * inv, across * inv);
                    let (uu, vv) = (u * u, v * v);
                    let (c3, s3) = (u * (uu - 3.0 * vv), v * (3.0 * uu - vv));
                    let (c4, s4) = (uu * uu - 6.0 * uu * vv + vv * vv, 4.0 * u * v * (uu - vv));
                    let [a, b, c, d] = s.lobes;
                    edge_at *= 1.0 + a * c3 + b * s3 + c * c4 + d * s4;
                }
            }
            let cover = ((edge_at - shaped) * inv_edge).clamp(0.0, 1.0);
            if cover > 0.0 {
                for c in 0..3 {
                    keep[c] *= 1.0 - cover * s.absorb[c];
                }
            }
            if keep != [1.0; 3] {
                for c in 0..3 {
                    let v = to_srgb(srgb, to_linear[px[c] as usize] * keep[c]);
                    px[c] = round_unbiased(v, ox, oy, s.seed.wrapping_add(c as u32));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
