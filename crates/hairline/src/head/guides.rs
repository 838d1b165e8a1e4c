//! Hairline height guides on the head: the lines 7, 8 and 10 cm up the forehead from the
//! glabella, measured over the skin along the face's midline, as a tape on the client reads, and
//! running across the forehead square to the midline (the head cut by the plane square to the
//! midline there), from temple to temple (to 80 % of the head's half breadth each way).

use super::shape::HeadShape;
use super::vec3::V3;

/// The point `height_mm` up the midline from the glabella, over the skin, and the midline's
/// direction there.
pub fn midline_point(head: &HeadShape, height_mm: f64) -> (V3, V3) {
    let a = head.axes;
    let at = |t: f64| V3::new(0.0, a.y * t.sin(), a.z * t.cos());
    // Chords of a thousandth of a radian (a tenth of a millimetre: the chord is shorter than its
    // arc by under a nanometre), the last one cut where the height is reached. The guides are
    // drawn every frame, so this stays a few hundred steps.
    let (mut arc, mut t) = (0.0, 0.0);
    let step = 1e-3;
    while t < std::f64::consts::PI {
        let chord = (at(t + step) - at(t)).norm();
        if arc + chord >= height_mm {
            t += step * (height_mm - arc) / chord;
            break;
        }
        arc += chord;
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
    let n = 192;
    // Chords from m to the rest of the section, in angle order: the directions into the head
    // are one half-turn of angles, and they sweep the section once, from beside m round the
    // head back to beside m.
    let chord: Vec<Option<V3>> = (0..n)
        .map(|i| {
            let phi = std::f64::consts::TAU * i as f64 / n as f64;
            let d = across * phi.cos() + up * phi.sin();
            // m is on the surface: the other root of |(m + r d) / a| = 1.
            let (ma, da) = (m.unscale(a), d.unscale(a));
            let r = -2.0 * ma.dot(da) / da.dot(da);
            (r > 1e-6).then(|| m + d * r)
        })
        .collect();
    let start = (0..n)
        .find(|&i| chord[i].is_some() && chord[(i + n - 1) % n].is_none())
        .unwrap_or(0);
    let around: Vec<V3> = (0..n).filter_map(|k| chord[(start + k) % n]).collect();
    // The forehead's part: out from m each way to the temples (where the section turns down
    // the side of the head towards the ear, a height guide means nothing).
    let forehead = |p: &V3| p.z > 0.0 && p.x.abs() < 0.8 * a.x;
    let side_a: Vec<V3> = around.iter().copied().take_while(forehead).collect();
    let side_b: Vec<V3> = around.iter().rev().copied().take_while(forehead).collect();
    side_a
        .into_iter()
        .rev()
        .chain(std::iter::once(m))
        .chain(side_b)
        .collect()
}

/// The face's symmetry plane on the head: the midline from the glabella over the top of the head
/// to the back, down to the centre's height.
pub fn midline(head: &HeadShape) -> Vec<V3> {
    let a = head.axes;
    (0..=90)
        .map(|i| {
            let t = std::f64::consts::PI * i as f64 / 90.0;
            V3::new(0.0, a.y * t.sin(), a.z * t.cos())
        })
        .collect()
}

/// The temple lines: on each side, the head straight above the outer corner of the eye, from the
/// brow up to `up_to_mm` above the glabella's height; the temple points of a hairline are set on
/// or near them.
pub fn temple_lines(head: &HeadShape, up_to_mm: f64) -> [Vec<V3>; 2] {
    use super::shape::Landmark;
    let a = head.axes;
    [Landmark::OuterEyeRight, Landmark::OuterEyeLeft].map(|l| {
        let x = head.landmark(l).x;
        (0..=40)
            .filter_map(|i| {
                let y = up_to_mm * i as f64 / 40.0;
                // The front of the head at (x, y).
                let zz = 1.0 - (x / a.x).powi(2) - (y / a.y).powi(2);
                (zz > 0.0).then(|| V3::new(x, y, a.z * zz.sqrt()))
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::Measurements;

    #[test]
    fn the_midline_and_temple_lines_lie_on_the_head() {
        let head = HeadShape::from_measurements(Measurements::ADULT_MALE);
        for p in midline(&head) {
            assert!((p.unscale(head.axes).norm() - 1.0).abs() < 1e-9 && p.x == 0.0);
        }
        let [right, left] = temple_lines(&head, 80.0);
        for (line, side) in [(right, -1.0), (left, 1.0)] {
            assert!(line.len() > 30);
            for p in &line {
                assert!((p.unscale(head.axes).norm() - 1.0).abs() < 1e-9);
                assert!(p.x * side > 30.0 && p.z > 0.0, "{p:?}");
            }
        }
    }

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
            assert!(span > 100.0 && span < 1.6 * head.axes.x + 1.0, "{span}");
            // One continuous line: no jump between neighbours.
            for w in g.windows(2) {
                assert!((w[1] - w[0]).norm() < 10.0, "{:?}", w);
            }
        }
    }
}
