//! A head design's dots: made once on the scalp map, per cm² of skin, and seen in each photo
//! through its registered camera (foreshortened, and hidden where the head turns away).
//!
//! A head design is an ordinary `Design` whose "photo" is the scalp map (`set_chart_frame`): its
//! zones, hairline and scars are drawn in chart pixels, so the whole engine (density field,
//! ranked layout, sessions) works unchanged, with the density field told the chart's skin area
//! per chart area. A flat design is the case where that factor is 1.

use super::camera::Camera;
use super::chart::ScalpChart;
use super::skin_chart::skin_warp;
use super::vec3::V3;
use crate::density::DensityField;
use crate::design::{Design, Variant};
use crate::dots::{Dot, DotSet, generate_warped};
use crate::geometry::Point;

/// Makes `design`'s photo frame the scalp map at `mm_per_px` (its calibration then says so).
pub fn set_chart_frame(design: &mut Design, chart: &ScalpChart, mm_per_px: f64) {
    let side_px = (chart.side_mm() / mm_per_px).ceil() as u32;
    design.photo.width_px = side_px;
    design.photo.height_px = side_px;
    design.calibration.a_px = Point::new(0.0, 0.0);
    design.calibration.b_px = Point::new(100.0, 0.0);
    design.calibration.distance_mm = 100.0 * mm_per_px;
    design.calibration.measured = true;
}

/// The dots of `variant` on the head: impressions per cm² of skin, laid out on the conformal
/// chart of the head (`skin_warp`) so that they are as even on the skin as on a flat photo.
pub fn generate_on_head(design: &Design, variant: &Variant, chart: &ScalpChart) -> DotSet {
    let field = DensityField::build_on_surface(design, variant, &|p| chart.skin_per_chart(p));
    generate_warped(design, variant, &field, &skin_warp(chart))
}

/// The chart pixel under photo pixel (x, y) of a photo taken by `camera`: where a click or a
/// brush stroke in that photo lands on the head. `None` off the head.
pub fn cast_to_chart(
    chart: &ScalpChart,
    mm_per_px: f64,
    camera: &Camera,
    x_px: f64,
    y_px: f64,
) -> Option<Point> {
    let (o, d) = camera.ray(x_px, y_px);
    let p = chart.head.intersect(o, d)?;
    Some(chart.to_chart(p) * (1.0 / mm_per_px))
}

/// Where chart pixel `q` is in the photo of `camera` (the way back of `cast_to_chart`), whether
/// or not the head hides it there; `None` beyond the chart.
pub fn chart_px_in_photo(
    chart: &ScalpChart,
    mm_per_px: f64,
    camera: &Camera,
    q: Point,
) -> Option<Point> {
    let (x, y) = camera.project(chart_px_to_head(chart, mm_per_px, q)?)?;
    Some(Point::new(x, y))
}

/// The surface point of chart pixel `q`.
pub fn chart_px_to_head(chart: &ScalpChart, mm_per_px: f64, q: Point) -> Option<V3> {
    chart.from_chart(q * mm_per_px)
}

/// One impression as a photo shows it: an ellipse.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SeenDot {
    /// Index into the dot set.
    pub index: usize,
    pub x_px: f64,
    pub y_px: f64,
    /// Diameter along the surface's direction square to the line of sight, photo pixels.
    pub major_px: f64,
    /// Diameter along the foreshortened direction: `major_px` times the cosine of the angle
    /// between the skin's normal and the line of sight.
    pub minor_px: f64,
    /// Direction of the minor axis in the photo, radians from the x axis.
    pub minor_angle: f64,
}

/// The dots of `dots` (made on `chart`) seen by `camera` in a photo of `size_px`: only those on
/// skin facing the camera and inside the frame.
pub fn seen_dots(
    chart: &ScalpChart,
    dots: &DotSet,
    camera: &Camera,
    size_px: (f64, f64),
) -> Vec<SeenDot> {
    let eye = camera.centre();
    let mut seen = Vec::new();
    for (index, dot) in dots.dots.iter().enumerate() {
        let Some(p) = chart_px_to_head(chart, dots.mm_per_px, dot.pos_px()) else {
            continue;
        };
        let n = chart.head.normal(p);
        let to_eye = eye - p;
        let dist = to_eye.norm();
        let cos = n.dot(to_eye) / dist;
        if cos <= 0.0 || chart.head.ears_hide(p, eye) {
            continue; // the head turns away, or an ear covers the skin
        }
        let Some((x, y)) = camera.project(p) else {
            continue;
        };
        if x < 0.0 || y < 0.0 || x > size_px.0 || y > size_px.1 {
            continue;
        }
        let major = dot.diameter_mm as f64 * camera.px_per_mm_at(p);
        // The foreshortened direction: the normal's tilt away from the line of sight, in the
        // photo.
        let tilt = camera.rotation.apply(n - to_eye / dist * cos);
        let minor_angle = tilt.y.atan2(tilt.x);
        seen.push(SeenDot {
            index,
            x_px: x,
            y_px: y,
            major_px: major,
            minor_px: major * cos,
            minor_angle,
        });
    }
    seen
}

/// The dots of `dots` (made on `chart`) as the photo of `camera` shows them, ready for the
/// renderer: positions in photo pixels, each impression's size at its distance (diameters in
/// the millimetres of the returned set's `mm_per_px`, the scale at the head's centre) and its
/// foreshortening. Dots on skin turned away from the camera or outside the frame are left out.
pub fn dots_in_view(
    chart: &ScalpChart,
    dots: &DotSet,
    camera: &Camera,
    size_px: (f64, f64),
) -> DotSet {
    let nominal_px_per_mm = camera.px_per_mm_at(V3::default());
    let mut out = DotSet {
        dots: Vec::new(),
        session_count: dots.session_count,
        mm_per_px: 1.0 / nominal_px_per_mm,
        made: None,
    };
    let mut made = crate::dots::Made {
        places: Vec::new(),
        mm_per_px: dots.made_mm_per_px(),
    };
    for s in seen_dots(chart, dots, camera, size_px) {
        let d = dots.dots[s.index];
        made.places.push(dots.place(s.index));
        let squash = (s.minor_px / s.major_px).clamp(0.0, 1.0);
        let tilt = s.minor_angle.rem_euclid(std::f64::consts::PI) / std::f64::consts::PI;
        out.dots.push(crate::dots::Dot {
            x_px: s.x_px as f32,
            y_px: s.y_px as f32,
            diameter_mm: (s.major_px / nominal_px_per_mm) as f32,
            squash: (squash * Dot::FLAT as f64).round() as u8,
            tilt: ((tilt * 256.0) as u32 % 256) as u8,
            ..d
        });
    }
    out.made = Some(made);
    out
}
