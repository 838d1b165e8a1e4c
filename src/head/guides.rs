//! Hairline height guides on the head: the lines 7, 8 and 10 cm up the forehead from the
//! glabella, measured over the skin along the face's midline, as a tape on the client reads, and
//! running across the forehead square to the midline (the head cut by the plane square to the
//! midline there), from temple to temple.

use super::shape::HeadShape;
use super::vec3::V3;

/// The point `height_mm` up the midline from the glabella, over the skin, and the midline's
/// direction there.
pub fn midline_point(head: &HeadShape, height_mm: f64) -> (V3, V3) {
    let a = head.axes;
    let at = |t: f64| V3::new(0.0, a.y * t.sin(), a.z * t.cos());
    let (mut arc, mut t) = (0.0, 0.0);
    let step = 2e-4;
    while arc < height_mm && t < std::f64::consts::PI {
        arc += (at(t + step) - at(t)).norm();
        t += step;
    }
    let tangent = V3::new(0.0, a.y * t.cos(), -a.z * t.sin()).normalized();
    (at(t), tangent)
}

/// The guide `height_mm` above the glabella: points on the head across the forehead, from one
/// temple to the other (the front half of the head's section square to the midline).
pub fn height_guide(head: &HeadShape, height_mm: f64) -> Vec<V3> {
    let (m, tangent) = midline_point(head, height_mm);
    let across = V3::new(1.0, 0.0, 0.0);
    let up = tangent.cross(across);
    let a = head.axes;
    let n = 96;
    let mut points: Vec<V3> = (0..=n)
        .filter_map(|i| {
            let phi = std::f64::consts::TAU * i as f64 / n as f64;
            let d = across * phi.cos() + up * phi.sin();
            // m is on the surface: the other root of |(m + r d) / a| = 1.
            let (ma, da) = (m.unscale(a), d.unscale(a));
            let r = -2.0 * ma.dot(da) / da.dot(da);
            (r > 0.0).then(|| m + d * r)
        })
        .chain(std::iter::once(m))
        .filter(|p| p.z > 0.0)
        .collect();
    // Over the forehead the section runs from one side to the other: in order across.
    points.sort_by(|a, b| a.x.total_cmp(&b.x));
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::Measurements;

    #[test]
    fn the_guides_lie_on_the_head_at_their_height_across_the_forehead() {
        let head = HeadShape::from_measurements(Measurements::ADULT_MALE);
        for h in [70.0, 80.0, 100.0] {
            let g = height_guide(&head, h);
            assert!(g.len() > 20);
            for p in &g {
                assert!(
                    (p.unscale(head.axes).norm() - 1.0).abs() < 1e-9,
                    "on the head"
                );
            }
            let (m, _) = midline_point(&head, h);
            // The arc from the glabella to the midline point is the height.
            let glabella = V3::new(0.0, 0.0, head.axes.z);
            assert!((m - glabella).norm() < h && (m - glabella).norm() > 0.9 * h);
            // Across the forehead: from the client's right to the left side of the head.
            let xs: Vec<f64> = g.iter().map(|p| p.x).collect();
            let span = xs.iter().cloned().fold(f64::MIN, f64::max)
                - xs.iter().cloned().fold(f64::MAX, f64::min);
            assert!(span > 100.0, "{span}");
        }
    }
}
