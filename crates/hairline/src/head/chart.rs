//! The scalp map: a chart of the whole upper head seen from above, on which a head design is
//! drawn and its dots are generated.
//!
//! Lambert's azimuthal equal-area projection about the top of the head, applied to the ellipsoid
//! scaled to a sphere. On a sphere it keeps areas exactly; on a head's ellipsoid the skin area per
//! chart area (`skin_per_chart`) stays within about 15 % of 1 over the scalp, and the density
//! field multiplies each zone's density per cm² of skin by it, so the counts are per cm² of skin
//! exactly, whatever the chart's distortion. The face is at the top of the map, the client's left
//! on the right (as seen from above and in front).

use super::shape::HeadShape;
use super::vec3::V3;
use crate::geometry::Point;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScalpChart {
    pub head: HeadShape,
    /// Chart millimetres per unit of the projection's radius.
    radius_mm: f64,
    /// Largest projection radius (unit sphere) on the chart.
    max_rho: f64,
}

/// How far down the chart reaches: 120 degrees from the top of the head on the unit sphere,
/// below the ears and the nape's hairline.
const MAX_POLAR_DEG: f64 = 120.0;

impl ScalpChart {
    pub fn new(head: HeadShape) -> ScalpChart {
        // A sphere with the upper half-ellipsoid's area maps onto the chart without change of
        // area: chart and skin agree on average over the scalp.
        let radius_mm = (head.upper_area_cm2() * 100.0 / (2.0 * std::f64::consts::PI)).sqrt();
        let max_rho = 2.0 * (MAX_POLAR_DEG.to_radians() / 2.0).sin();
        ScalpChart {
            head,
            radius_mm,
            max_rho,
        }
    }

    /// The chart's side, mm (it is a square with the top of the head at its centre).
    pub fn side_mm(&self) -> f64 {
        2.0 * self.radius_mm * self.max_rho
    }

    /// Where the surface point `p` lies on the chart (mm from the top-left corner).
    pub fn to_chart(&self, p: V3) -> Point {
        let s = p.unscale(self.head.axes).normalized();
        let theta = s.y.clamp(-1.0, 1.0).acos();
        let rho = 2.0 * (theta / 2.0).sin();
        let h = (s.x * s.x + s.z * s.z).sqrt();
        let (dx, dz) = if h > 1e-12 {
            (s.x / h, s.z / h)
        } else {
            (0.0, 0.0)
        };
        let c = self.side_mm() / 2.0;
        Point::new(c + self.radius_mm * rho * dx, c - self.radius_mm * rho * dz)
    }

    /// The surface point at chart position `q` (mm), or `None` beyond the chart's disc.
    pub fn from_chart(&self, q: Point) -> Option<V3> {
        let c = self.side_mm() / 2.0;
        let (u, v) = ((q.x - c) / self.radius_mm, (c - q.y) / self.radius_mm);
        let rho = (u * u + v * v).sqrt();
        if rho > self.max_rho + 1e-9 {
            return None;
        }
        let theta = 2.0 * (rho / 2.0).clamp(-1.0, 1.0).asin();
        let (dx, dz) = if rho > 1e-12 {
            (u / rho, v / rho)
        } else {
            (0.0, 0.0)
        };
        let s = V3::new(dx * theta.sin(), theta.cos(), dz * theta.sin());
        Some(s.scale(self.head.axes))
    }

    /// `to_chart` with the half angle's sine worked out by a square root (2 sin(t/2) is
    /// sqrt(2 - 2 cos t)): IEEE square roots are exact, so this is the same on every machine.
    pub fn to_chart_portable(&self, p: V3) -> Point {
        let s = p.unscale(self.head.axes).normalized();
        let rho = (2.0 - 2.0 * s.y.clamp(-1.0, 1.0)).sqrt();
        let h = (s.x * s.x + s.z * s.z).sqrt();
        let (dx, dz) = if h > 1e-12 {
            (s.x / h, s.z / h)
        } else {
            (0.0, 0.0)
        };
        let c = self.side_mm() / 2.0;
        Point::new(c + self.radius_mm * rho * dx, c - self.radius_mm * rho * dz)
    }

    /// Whether surface point `p` is on the chart's disc (within 120 degrees of the top, whose
    /// cosine is exactly -1/2).
    pub fn on_disc(&self, p: V3) -> bool {
        p.unscale(self.head.axes).normalized().y >= -0.5
    }

    /// Skin area per chart area at chart position `q` (0 beyond the chart's disc).
    pub fn skin_per_chart(&self, q: Point) -> f64 {
        let h = 0.05;
        let at = |dx: f64, dy: f64| self.from_chart(Point::new(q.x + dx, q.y + dy));
        match (at(h, 0.0), at(-h, 0.0), at(0.0, h), at(0.0, -h)) {
            (Some(xp), Some(xm), Some(yp), Some(ym)) => {
                let du = (xp - xm) / (2.0 * h);
                let dv = (yp - ym) / (2.0 * h);
                du.cross(dv).norm()
            }
            _ => 0.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::shape::Measurements;

    #[test]
    fn chart_round_trips_and_keeps_areas_near_one() {
        let head = HeadShape::from_measurements(Measurements::ADULT_MALE);
        let chart = ScalpChart::new(head);
        let mut lo: f64 = 9.0;
        let mut hi: f64 = 0.0;
        let n = 60;
        for j in 0..=n {
            for i in 0..=n {
                let q = Point::new(
                    chart.side_mm() * i as f64 / n as f64,
                    chart.side_mm() * j as f64 / n as f64,
                );
                let Some(p) = chart.from_chart(q) else {
                    continue;
                };
                // On the ellipsoid, and back to the same chart point.
                assert!((p.unscale(head.axes).norm() - 1.0).abs() < 1e-9);
                let back = chart.to_chart(p);
                assert!((back - q).length() < 1e-6, "{q:?} {back:?}");
                if p.y > 0.0 {
                    let k = chart.skin_per_chart(q);
                    lo = lo.min(k);
                    hi = hi.max(k);
                }
            }
        }
        eprintln!("skin per chart area over the scalp: {lo:.3} to {hi:.3}");
        assert!(lo > 0.8 && hi < 1.25, "{lo} {hi}");
        // The face is at the top of the chart, the client's left on the right.
        let c = chart.side_mm() / 2.0;
        let front = chart.to_chart(V3::new(0.0, 0.0, head.axes.z));
        assert!(front.y < c && (front.x - c).abs() < 1e-9);
        let left = chart.to_chart(V3::new(head.axes.x, 0.0, 0.0));
        assert!(left.x > c);
    }
}
