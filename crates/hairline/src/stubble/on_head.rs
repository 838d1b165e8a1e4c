//! The client's stubble measured in a photo of the head: the skin round the point is seen at a
//! slant and at its own distance, so the photo is first resampled onto the skin's tangent plane
//! there, square-on, at one scale in millimetres (`skin_patch`); the stubble is then measured on
//! that patch as on a calibrated photo, per cm² of skin.
//!
//! The patch is made at the photo's coarsest scale at that point (across the slant, where a
//! millimetre of skin has the fewest pixels), so a photo too coarse to show single hairs there is
//! said to be, whichever way the hairs lie.

use super::{Stubble, StubbleError, measure_stubble};
use crate::geometry::Point;
use crate::head::{Camera, HeadShape};
use image::RgbaImage;

/// Skin seen more slanted than this (degrees from square-on) is not measured: hairs overlap and
/// the skin's shading changes across a speck.
pub const MAX_SLANT_DEG: f64 = 65.0;

/// Room kept round the area for the skin around each pixel (`measure_stubble` looks 0.6 mm
/// round each pixel), mm.
const MARGIN_MM: f64 = 1.5;

/// A patch of skin seen square-on.
pub struct SkinPatch {
    pub image: RgbaImage,
    pub mm_per_px: f64,
    /// The point asked for, in the patch.
    pub centre: Point,
    /// How slanted the photo sees the skin there, degrees from square-on.
    pub slant_deg: f64,
    /// The photo's pixels per mm of skin there, along and across the slant.
    pub px_per_mm: (f64, f64),
}

/// The skin within `radius_mm` of the head's point under photo pixel `at_px` (the photo taken by
/// `camera` of `head`), resampled square-on (bilinear).
pub fn skin_patch(
    photo: &RgbaImage,
    head: &HeadShape,
    camera: &Camera,
    at_px: Point,
    radius_mm: f64,
) -> Result<SkinPatch, StubbleError> {
    if !(at_px.x.is_finite() && at_px.y.is_finite() && radius_mm > 0.0) {
        return Err(StubbleError::Outside);
    }
    let (o, d) = camera.ray(at_px.x, at_px.y);
    let p = head.intersect(o, d).ok_or(StubbleError::OffHead)?;
    if head.ears_hide(p, o) {
        return Err(StubbleError::OffHead);
    }
    let n = head.normal(p);
    let facing = n.dot((o - p).normalized()).clamp(-1.0, 1.0);
    let slant_deg = facing.acos().to_degrees();
    if slant_deg > MAX_SLANT_DEG {
        return Err(StubbleError::Oblique { degrees: slant_deg });
    }
    let along = camera.px_per_mm_at(p);
    let across = along * facing;
    let mm_per_px = 1.0 / across;
    // The tangent plane's axes.
    let (t1, t2) = n.basis();
    let half_mm = radius_mm + MARGIN_MM;
    let side = (2.0 * half_mm / mm_per_px).ceil() as u32;
    if side > 4096 {
        return Err(StubbleError::Outside);
    }
    let (w, h) = (photo.width() as f64, photo.height() as f64);
    let mut image = RgbaImage::new(side, side);
    for j in 0..side {
        for i in 0..side {
            let (u, v) = (
                (i as f64 + 0.5) * mm_per_px - half_mm,
                (j as f64 + 0.5) * mm_per_px - half_mm,
            );
            // Back onto the head from the tangent plane, towards its centre (a few mm off the
            // point the two differ by micrometres).
            let q = p + t1 * u + t2 * v;
            let on_head = q * (1.0 / q.unscale(head.axes).norm());
            if !head.seen_from(on_head, o) {
                return Err(StubbleError::Outside);
            }
            let Some((x, y)) = camera.project(on_head) else {
                return Err(StubbleError::Outside);
            };
            if x < 0.0 || y < 0.0 || x > w - 1.0 || y > h - 1.0 {
                return Err(StubbleError::Outside);
            }
            image.put_pixel(i, j, bilinear(photo, x, y));
        }
    }
    let c = side as f64 / 2.0;
    Ok(SkinPatch {
        image,
        mm_per_px,
        centre: Point::new(c, c),
        slant_deg,
        px_per_mm: (along, across),
    })
}

fn bilinear(photo: &RgbaImage, x: f64, y: f64) -> image::Rgba<u8> {
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = (
        (x0 + 1).min(photo.width() - 1),
        (y0 + 1).min(photo.height() - 1),
    );
    let (tx, ty) = (x - x0 as f64, y - y0 as f64);
    let at = |x: u32, y: u32, c: usize| photo.get_pixel(x, y).0[c] as f64;
    image::Rgba(std::array::from_fn(|c| {
        let v = (at(x0, y0, c) * (1.0 - tx) + at(x1, y0, c) * tx) * (1.0 - ty)
            + (at(x0, y1, c) * (1.0 - tx) + at(x1, y1, c) * tx) * ty;
        v.round().clamp(0.0, 255.0) as u8
    }))
}

/// The client's stubble within `radius_mm` of the head's point under photo pixel `at_px`,
/// per cm² of skin (`skin_patch`, then `measure_stubble` on it).
pub fn measure_stubble_on_head(
    photo: &RgbaImage,
    head: &HeadShape,
    camera: &Camera,
    at_px: Point,
    radius_mm: f64,
) -> Result<Stubble, StubbleError> {
    let patch = skin_patch(photo, head, camera, at_px, radius_mm)?;
    measure_stubble(
        &patch.image,
        patch.centre,
        radius_mm / patch.mm_per_px,
        patch.mm_per_px,
    )
}
