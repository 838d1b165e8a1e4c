//! The bundled head sample: a rendered mannequin photographed from the clinic's views, with the
//! clicks a practitioner would make on each photo (landmarks the photo shows, the scalp's
//! outline, pen dots on the scalp). The tests' ground truth uses the same pieces.

use super::camera::{Camera, focal_px_from_35mm};
use super::chart::ScalpChart;
use super::register::{Clicks, ViewKind};
use super::shape::{HeadShape, Landmark};
use super::vec3::V3;
use crate::geometry::Point;

/// Points on the outline of the upper head (above the brow) as `camera` sees it, `n` round the
/// whole outline of which those on the upper head are kept.
pub fn outline_points(head: &HeadShape, camera: &Camera, n: usize) -> Vec<V3> {
    // Seen from the eye, the unit sphere's outline is the circle of points s with s.eye = 1.
    let c = camera.centre().unscale(head.axes);
    let k = c.dot(c);
    let centre = c / k;
    let radius = (1.0 - 1.0 / k).max(0.0).sqrt();
    let axis = c.normalized();
    let (e1, e2) = axis.basis();
    (0..n)
        .map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (centre + (e1 * a.cos() + e2 * a.sin()) * radius).scale(head.axes)
        })
        .filter(|p| p.y > 0.0)
        .collect()
}

/// Whether `camera` sees the skin at `p` within `degrees` of square-on.
pub fn faces(head: &HeadShape, camera: &Camera, p: V3, degrees: f64) -> bool {
    let to_eye = (camera.centre() - p).normalized();
    head.normal(p).dot(to_eye) > degrees.to_radians().cos()
}

/// Eight pen dots a practitioner puts on the scalp before the photos: front, top, crown, back
/// and both sides, at chart offsets (mm) from the top of the head.
pub fn pen_dots(head: &HeadShape) -> Vec<V3> {
    let chart = ScalpChart::new(*head);
    let c = chart.side_mm() / 2.0;
    [
        (0.0, -60.0),
        (0.0, 0.0),
        (0.0, 50.0),
        (0.0, 95.0),
        (-55.0, -25.0),
        (55.0, -25.0),
        (-50.0, 45.0),
        (50.0, 45.0),
    ]
    .into_iter()
    .filter_map(|(x, y)| chart.from_chart(Point::new(c + x, c + y)))
    .collect()
}

/// Whether a landmark shows in a photo taken from `eye`: face landmarks from in front, each ear's
/// from its own side.
fn shows(head: &HeadShape, l: Landmark, eye: V3) -> bool {
    let p = head.landmark(l);
    let to_eye = (eye - p).normalized();
    match l {
        Landmark::TragionLeft | Landmark::EarTopLeft => to_eye.x > 0.3,
        Landmark::TragionRight | Landmark::EarTopRight => to_eye.x < -0.3,
        _ => to_eye.z > 0.25 && to_eye.dot(V3::new(p.x, 0.0, p.z).normalized()) > 0.0,
    }
}

/// What a practitioner clicks on the photo of `camera`, exactly where the model puts it: the
/// landmarks the photo shows, `outline` points of the scalp's outline and the pen dots on skin
/// the photo sees within 70 degrees of square-on.
pub fn exact_clicks(head: &HeadShape, camera: &Camera, outline: usize) -> Clicks {
    let eye = camera.centre();
    let px = |p: V3| camera.project(p);
    Clicks {
        landmarks: Landmark::ALL
            .into_iter()
            .filter(|&l| shows(head, l, eye))
            .filter_map(|l| Some((l, px(head.landmark(l))?)))
            .collect(),
        outline: outline_points(head, camera, outline)
            .into_iter()
            .filter_map(px)
            .collect(),
        marks: pen_dots(head)
            .into_iter()
            .enumerate()
            .filter(|(_, p)| faces(head, camera, *p, 70.0))
            .filter_map(|(i, p)| Some((i as u32 + 1, px(p)?)))
            .collect(),
    }
}

/// The sample's photos: a phone's 2x lens (52 mm equivalent) at arm's length, portrait.
pub const SAMPLE_SIZE: (u32, u32) = (1512, 2016);

/// The sample's views: name, kind and camera.
pub fn sample_views() -> Vec<(&'static str, ViewKind, Camera)> {
    let size = (SAMPLE_SIZE.0 as f64, SAMPLE_SIZE.1 as f64);
    let f = focal_px_from_35mm(52.0, size.0, size.1);
    let up = V3::new(0.0, 1.0, 0.0);
    vec![
        (
            "front",
            ViewKind::Front,
            Camera::look_at(
                V3::new(15.0, -5.0, 720.0),
                V3::new(0.0, 15.0, 10.0),
                up,
                f,
                size,
            ),
        ),
        (
            "left",
            ViewKind::Left,
            Camera::look_at(
                V3::new(700.0, 40.0, 60.0),
                V3::new(0.0, 10.0, 0.0),
                up,
                f,
                size,
            ),
        ),
        (
            "top",
            ViewKind::Top,
            Camera::look_at(
                V3::new(-10.0, 700.0, 40.0),
                V3::new(0.0, 0.0, 5.0),
                V3::new(0.0, 0.0, 1.0),
                f,
                size,
            ),
        ),
    ]
}
