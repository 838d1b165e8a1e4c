//! A later visit's photo laid onto the design: the impressions must line up, whatever the
//! framing, scale, turn, brightness and resolution of the later photo.

mod common;

use hairline::align::{Affine, Alignment, align, warp_into};
use hairline::geometry::{Point, Rect};

/// The inverse of an affine map.
fn inverse(t: &Affine) -> Affine {
    let [a, b, c, d, e, f] = t.0;
    let det = a * e - b * d;
    let (ia, ib, id, ie) = (e / det, -b / det, -d / det, a / det);
    Affine([ia, ib, -(ia * c + ib * f), id, ie, -(id * c + ie * f)])
}

/// A similarity: scale `s`, turn `deg`, then shift.
fn similarity(s: f64, deg: f64, tx: f64, ty: f64) -> Affine {
    let (sin, cos) = deg.to_radians().sin_cos();
    Affine([s * cos, -s * sin, tx, s * sin, s * cos, ty])
}

/// The design's photo, and the treated area of the sample design (its dots' extent).
fn design_and_roi() -> (image::RgbaImage, Rect, Vec<Point>) {
    let path = common::root().join("designs/shaved-soft-hairline.json");
    let mut d = hairline::design::load_design(&path).unwrap();
    let photo = hairline::engine::load_design_photo(&path, &mut d)
        .unwrap()
        .photo
        .image;
    let dots = hairline::engine::compute(&d, d.active_variant).dots;
    let pts: Vec<Point> = dots.dots.iter().map(|d| d.pos_px()).collect();
    (photo, Rect::from_points(pts.iter().copied()), pts)
}

/// A "later visit": the design photo as another camera framing would see it, at another
/// resolution, darker and with sensor noise.
fn later_photo(design: &image::RgbaImage, truth: &Affine, size: (u32, u32)) -> image::RgbaImage {
    let mut later = warp_into(
        design,
        &Alignment {
            later_from_design: inverse(truth),
            correlation: 1.0,
        },
        size,
    );
    for (i, p) in later.pixels_mut().enumerate() {
        let noise = ((i as u32).wrapping_mul(2_654_435_761) >> 28) as f64 - 8.0;
        for c in 0..3 {
            p[c] = (p[c] as f64 * 0.85 + 6.0 + noise).clamp(0.0, 255.0) as u8;
        }
    }
    later
}

#[test]
fn the_dots_line_up_on_a_later_photo_framed_scaled_and_lit_differently() {
    let (design, roi, dots) = design_and_roi();
    let (w, h) = (design.width(), design.height());
    for (truth, size) in [
        (similarity(1.06, 3.0, 70.0, -45.0), (w, h)),
        (similarity(0.93, -5.0, -60.0, 80.0), (w, h)),
        // A phone photo at another resolution: 0.6 of the size.
        (
            similarity(0.6 * 1.04, 2.0, 30.0, 20.0),
            (w * 6 / 10, h * 6 / 10),
        ),
    ] {
        let later = later_photo(&design, &truth, size);
        let found = align(&design, &later, Some(roi)).expect("aligned");
        // Where each planned impression is in the later photo, against where it truly is, in
        // later-photo pixels: the dots must land on their own impressions (each about 10 px
        // across on the sample photo).
        let worst = dots
            .iter()
            .map(|p| found.later_from_design.apply(*p).distance(truth.apply(*p)))
            .fold(0.0, f64::max);
        eprintln!(
            "{size:?}: worst dot {worst:.2} px off, correlation {:.3}",
            found.correlation
        );
        assert!(
            worst < 1.5,
            "worst dot {worst:.2} px off (scale {:.3} turn {:.2}, truth {:.3} {:.2}); correlation {:.2}",
            found.later_from_design.scale(),
            found.later_from_design.rotation_deg(),
            truth.scale(),
            truth.rotation_deg(),
            found.correlation
        );
        assert!(found.correlation > 0.8, "{}", found.correlation);
    }
}

#[test]
fn an_unrelated_photo_is_told_by_its_low_correlation() {
    let (design, roi, _) = design_and_roi();
    // Another scene: smooth gradients with no skin texture of the design's.
    let other = image::RgbaImage::from_fn(design.width(), design.height(), |x, y| {
        let v = ((x / 40 + y / 90) % 7 * 30) as u8;
        image::Rgba([v, 255 - v, v / 2, 255])
    });
    let found = align(&design, &other, Some(roi)).expect("runs");
    assert!(found.correlation < 0.3, "{}", found.correlation);
}
