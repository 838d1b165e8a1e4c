use super::Point;

/// Samples a centripetal Catmull-Rom spline through `points` (an open curve).
///
/// Centripetal parameterisation never forms cusps or loops between close control points, which
/// matters when a practitioner places points unevenly. Each segment depends only on its four
/// neighbouring control points, so moving one point changes the curve only nearby: the engine's
/// locality promise starts here. Only `sqrt` is used (no `powf`), so the result is bit-identical on
/// every IEEE-754 machine.
pub fn catmull_rom(points: &[Point], samples_per_segment: usize) -> Vec<Point> {
    catmull_rom_with(points, |_, _| samples_per_segment)
}

/// Like `catmull_rom`, with each segment sampled so that no step is longer than about `max_step`.
/// The count depends only on the segment's own chord, so an edit elsewhere never resamples it.
pub fn catmull_rom_by_length(points: &[Point], max_step: f64) -> Vec<Point> {
    catmull_rom_with(points, |a, b| {
        ((a.distance(b) * 1.3 / max_step).ceil() as usize).clamp(1, 10_000)
    })
}

fn catmull_rom_with(points: &[Point], samples_for: impl Fn(Point, Point) -> usize) -> Vec<Point> {
    let n = points.len();
    if n < 2 {
        return points.to_vec();
    }
    let mut out = Vec::new();
    for i in 0..n - 1 {
        let samples = samples_for(points[i], points[i + 1]).max(1);
        let p1 = points[i];
        let p2 = points[i + 1];
        // Reflect the missing neighbours at the ends so the curve starts and ends on the points.
        let p0 = if i > 0 { points[i - 1] } else { p1 + (p1 - p2) };
        let p3 = if i + 2 < n {
            points[i + 2]
        } else {
            p2 + (p2 - p1)
        };
        let knot = |a: Point, b: Point| a.distance(b).sqrt().max(1e-9);
        let t0 = 0.0;
        let t1 = t0 + knot(p0, p1);
        let t2 = t1 + knot(p1, p2);
        let t3 = t2 + knot(p2, p3);
        for s in 0..samples {
            let t = t1 + (t2 - t1) * (s as f64 / samples as f64);
            let a1 = p0 * ((t1 - t) / (t1 - t0)) + p1 * ((t - t0) / (t1 - t0));
            let a2 = p1 * ((t2 - t) / (t2 - t1)) + p2 * ((t - t1) / (t2 - t1));
            let a3 = p2 * ((t3 - t) / (t3 - t2)) + p3 * ((t - t2) / (t3 - t2));
            let b1 = a1 * ((t2 - t) / (t2 - t0)) + a2 * ((t - t0) / (t2 - t0));
            let b2 = a2 * ((t3 - t) / (t3 - t1)) + a3 * ((t - t1) / (t3 - t1));
            out.push(b1 * ((t2 - t) / (t2 - t1)) + b2 * ((t - t1) / (t2 - t1)));
        }
    }
    out.push(points[n - 1]);
    out
}

/// An open polyline with helpers for nearest-point queries.
#[derive(Clone, Debug, Default)]
pub struct Polyline {
    pub points: Vec<Point>,
}

impl Polyline {
    pub fn new(points: Vec<Point>) -> Self {
        Self { points }
    }

    /// Distance from `p` to the polyline and the index of the nearest segment.
    pub fn nearest(&self, p: Point) -> Option<(f64, usize)> {
        let mut best: Option<(f64, usize)> = None;
        for (i, w) in self.points.windows(2).enumerate() {
            let d = super::point_segment_distance_sq(p, w[0], w[1]);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, i));
            }
        }
        best.map(|(d, i)| (d.sqrt(), i))
    }

    pub fn length(&self) -> f64 {
        self.points.windows(2).map(|w| w[0].distance(w[1])).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_through_control_points() {
        let pts = vec![
            Point::new(0.0, 0.0),
            Point::new(10.0, 5.0),
            Point::new(20.0, 0.0),
            Point::new(30.0, 8.0),
        ];
        let curve = catmull_rom(&pts, 8);
        for (i, p) in pts.iter().enumerate() {
            let on = curve[(i * 8).min(curve.len() - 1)];
            assert!(on.distance(*p) < 1e-9, "control point {i} not on curve");
        }
    }

    #[test]
    fn moving_one_point_changes_only_neighbouring_segments() {
        let mut pts: Vec<Point> = (0..8)
            .map(|i| Point::new(i as f64 * 10.0, (i % 2) as f64 * 3.0))
            .collect();
        let before = catmull_rom(&pts, 4);
        pts[1].y += 5.0;
        let after = catmull_rom(&pts, 4);
        // Point 1 influences segments 0..=2 (samples 0..12); segment 3 onwards is untouched.
        assert_eq!(before[12..], after[12..]);
        assert_ne!(before[4..8], after[4..8]);
    }
}
