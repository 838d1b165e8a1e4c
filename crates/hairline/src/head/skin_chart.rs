//! The chart a head design's impressions are laid out on: a conformal map of the head, so that
//! the flat ranked layout, thresholded on it, is as even on the skin as on a flat photo.
//!
//! The scalp map (`chart.rs`) keeps areas, which keeps the counts right, but its shape distortion
//! (up to 2:1 towards the ears and the nape) stretched the layout on the skin. A conformal chart
//! keeps angles instead: its scale changes from place to place but is the same in every
//! direction, so a blue-noise set on it is a blue-noise set on the skin, locally just scaled,
//! and the scale is made up by the density (each point's density looked up per cm² of skin).
//!
//! The head's ellipsoid is nearly a spheroid about its left-right axis (its height above the
//! centre and half length agree within a few per cent; its half breadth is a quarter less). A
//! spheroid has an exact conformal map onto a sphere (Gauss's conformal latitude, as geodesy's
//! double projections use), and the sphere one onto the plane (the stereographic projection,
//! here about the top of the head). The ellipsoid is taken to the spheroid by scaling its height
//! and length to their geometric mean: the only shape distortion left is at most their ratio
//! (1.013 on the mean head, where the skin faces the ears; 1.006 on the top). One chart, no seams. What was measured against an atlas of
//! charts: docs/dot-layout.md.
//!
//! Transcendental functions come from the `libm` crate (a port of musl's), not the platform's,
//! so the same head gives the same chart, and the same dots, on every machine.

use super::chart::ScalpChart;
use super::shape::HeadShape;
use super::vec3::V3;
use crate::density::Grid;
use crate::dots::Warp;
use crate::geometry::Point;
use std::sync::{Arc, Mutex};

/// Spacing of the nodes the chart is tabulated at, mm of chart. The map's place of each point
/// between them is interpolated: the map's scale changes by a few per mille per millimetre, so
/// the interpolation's own shape error stays below 1 %.
pub const WARP_CELL_MM: f64 = 2.0;

/// A conformal chart of the head (see the module's comment).
#[derive(Clone, Copy, Debug)]
pub struct SkinChart {
    axes: V3,
    /// Equatorial radius of the spheroid: the geometric mean of the height and half length.
    b: f64,
    /// The spheroid's eccentricity squared (negative for a prolate one, a head wider than long).
    e2: f64,
}

impl SkinChart {
    pub fn new(head: &HeadShape) -> SkinChart {
        let a = head.axes;
        let b = (a.y * a.z).sqrt();
        SkinChart {
            axes: a,
            b,
            e2: 1.0 - (a.x * a.x) / (b * b),
        }
    }

    /// `e atanh(e t)` for the spheroid's eccentricity `e` (real or imaginary).
    fn e_atanh(&self, t: f64) -> f64 {
        if self.e2 >= 0.0 {
            let e = self.e2.sqrt();
            e * libm::atanh(e * t)
        } else {
            let k = (-self.e2).sqrt();
            -k * libm::atan(k * t)
        }
    }

    /// Isometric latitude of the geodetic latitude whose sine is `t`.
    fn isometric(&self, t: f64) -> f64 {
        libm::atanh(t) - self.e_atanh(t)
    }

    /// The sine of the geodetic latitude of isometric latitude `psi`: Newton's method from
    /// above the root, where the function is increasing and convex, so it never overshoots.
    fn geodetic_sin(&self, psi: f64) -> f64 {
        let (sign, psi) = if psi < 0.0 { (-1.0, -psi) } else { (1.0, psi) };
        let bound = if self.e2 >= 0.0 {
            self.e_atanh(1.0 - 1e-16).min(40.0)
        } else {
            0.0
        };
        let mut t = libm::tanh(psi + bound).min(1.0 - 1e-16);
        for _ in 0..60 {
            let f = self.isometric(t) - psi;
            let d = (1.0 - self.e2) / ((1.0 - t * t) * (1.0 - self.e2 * t * t));
            let next = (t - f / d).clamp(0.0, 1.0 - 1e-16);
            if (next - t).abs() < 1e-15 {
                t = next;
                break;
            }
            t = next;
        }
        sign * t
    }

    /// The chart point (mm) of surface point `p`: at the top of the head the chart's scale is
    /// one (its x to the client's left, its y to the back).
    pub fn to_chart(&self, p: V3) -> Point {
        let a = self.axes;
        let (y, z) = (p.y * self.b / a.y, p.z * self.b / a.z);
        let r = (y * y + z * z).sqrt();
        let (cp2, b2) = (a.x * a.x, self.b * self.b);
        let (nx, nr) = (p.x / cp2, r / b2);
        // At the spheroid's poles (the sides of the head, where t is one) the isometric latitude
        // is infinite; a hair short of them it is finite and the chart is smooth.
        let t = (nx / (nx * nx + nr * nr).sqrt()).clamp(-1.0 + 1e-16, 1.0 - 1e-16);
        let psi = self.isometric(t);
        let big_x = libm::tanh(psi);
        let c = 1.0 / libm::cosh(psi);
        let (big_y, big_z) = if r > 0.0 {
            (c * y / r, c * z / r)
        } else {
            (0.0, 0.0)
        };
        let k = 2.0 * self.b / (1.0 + big_y);
        Point::new(k * big_x, -k * big_z)
    }

    /// The surface point at chart point `q` (mm).
    pub fn from_chart(&self, q: Point) -> V3 {
        let (u, v) = (q.x / self.b, -q.y / self.b);
        let rho2 = u * u + v * v;
        let den = 4.0 + rho2;
        let (big_x, big_y, big_z) = (4.0 * u / den, (4.0 - rho2) / den, 4.0 * v / den);
        let t = self.geodetic_sin(libm::atanh(big_x.clamp(-1.0 + 1e-16, 1.0 - 1e-16)));
        let a = self.axes;
        let (cp2, b2) = (a.x * a.x, self.b * self.b);
        let cos = ((1.0 - t) * (1.0 + t)).max(0.0).sqrt();
        let n = b2 / (b2 * cos * cos + cp2 * t * t).sqrt();
        let (x, r) = (n * cp2 / b2 * t, n * cos);
        let h = (big_y * big_y + big_z * big_z).sqrt();
        let (dy, dz) = if h > 0.0 {
            (big_y / h, big_z / h)
        } else {
            (1.0, 0.0)
        };
        V3::new(x, r * dy * a.y / self.b, r * dz * a.z / self.b)
    }
}

/// The scalp map's place (mm) of surface point `p`: `ScalpChart::to_chart`, with its angle's
/// sine and cosine worked out by square roots (exact in IEEE arithmetic on every machine).
fn map_of(map: &ScalpChart, p: V3) -> Point {
    map.to_chart_portable(p)
}

/// The layout chart tabulated over the scalp map's disc: each node's place on the map and the
/// map area per chart area there (zero off the disc), for the dot generator (`dots::Warp`).
pub fn build_warp(map: &ScalpChart) -> Warp {
    let chart = SkinChart::new(&map.head);
    // How far the chart reaches: the map's edge, all round.
    let mut reach: f64 = 0.0;
    for i in 0..720 {
        let a = i as f64 / 720.0 * std::f64::consts::TAU;
        let c = map.side_mm() / 2.0;
        let edge = Point::new(c + c * libm::cos(a), c + c * libm::sin(a));
        if let Some(p) = map.from_chart(edge) {
            let q = chart.to_chart(p);
            reach = reach.max(q.x.abs()).max(q.y.abs());
        }
    }
    let half = (reach / WARP_CELL_MM).ceil() + 2.0;
    let origin = Point::new(-half * WARP_CELL_MM, -half * WARP_CELL_MM);
    let n = 2 * half as usize + 1;
    let grid = Grid {
        nx: n,
        ny: n,
        cell_mm: WARP_CELL_MM,
    };
    let rows: Vec<Vec<(Point, bool)>> = crate::par::spread((0..n).collect(), |j| {
        (0..n)
            .map(|i| {
                let q = origin + grid.node(i, j);
                let p = chart.from_chart(q);
                let on_map = map.on_disc(p);
                (map_of(map, p), on_map)
            })
            .collect()
    });
    let mut nodes = vec![[0f32; 4]; n * n];
    for j in 0..n {
        for i in 0..n {
            let (m, on) = rows[j][i];
            let ratio = if on && i > 0 && j > 0 && i + 1 < n && j + 1 < n {
                // Map area per chart area: the determinant of the map's derivative.
                let du = (rows[j][i + 1].0 - rows[j][i - 1].0) * (0.5 / WARP_CELL_MM);
                let dv = (rows[j + 1][i].0 - rows[j - 1][i].0) * (0.5 / WARP_CELL_MM);
                (du.x * dv.y - du.y * dv.x).abs()
            } else {
                0.0
            };
            nodes[j * n + i] = [m.x as f32, m.y as f32, ratio as f32, 0.0];
        }
    }
    Warp {
        grid,
        origin,
        nodes,
    }
}

/// The layout chart of `map`'s head, built once per head and kept: the last one is reused while
/// the practitioner edits (only a change of the head's size makes it again).
pub fn skin_warp(map: &ScalpChart) -> Arc<Warp> {
    type Key = [u64; 4];
    static LAST: Mutex<Option<(Key, Arc<Warp>)>> = Mutex::new(None);
    let a = map.head.axes;
    let key = [a.x, a.y, a.z, map.side_mm()].map(f64::to_bits);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((k, w)) = last.as_ref()
        && *k == key
    {
        return w.clone();
    }
    let w = Arc::new(build_warp(map));
    *last = Some((key, w.clone()));
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::shape::Measurements;

    /// Round trip, and the chart's shape distortion measured by finite differences: the ratio
    /// of the largest to the smallest stretch of the skin per chart length, all over the scalp.
    #[test]
    fn the_chart_is_conformal_to_within_the_heads_residual() {
        for m in [Measurements::ADULT_MALE, Measurements::ADULT_FEMALE] {
            let head = HeadShape::from_measurements(m);
            let chart = SkinChart::new(&head);
            let residual = (head.axes.y / head.axes.z).max(head.axes.z / head.axes.y);
            let mut worst: f64 = 1.0;
            for ti in 0..=58 {
                for fi in 0..72 {
                    let (t, f) = (
                        (ti as f64 * 2.0).to_radians(),
                        (fi as f64 * 5.0).to_radians(),
                    );
                    let s = V3::new(t.sin() * f.cos(), t.cos(), t.sin() * f.sin());
                    let p = s.scale(head.axes);
                    let q = chart.to_chart(p);
                    let back = chart.from_chart(q);
                    assert!((back - p).norm() < 1e-5, "{p:?} {back:?}");
                    let h = 1e-3;
                    let du = (chart.from_chart(q + Point::new(h, 0.0))
                        - chart.from_chart(q - Point::new(h, 0.0)))
                        * (0.5 / h);
                    let dv = (chart.from_chart(q + Point::new(0.0, h))
                        - chart.from_chart(q - Point::new(0.0, h)))
                        * (0.5 / h);
                    // Singular values of the 3x2 derivative, from its 2x2 metric.
                    let (g11, g12, g22) = (du.dot(du), du.dot(dv), dv.dot(dv));
                    let (tr, det) = (g11 + g22, g11 * g22 - g12 * g12);
                    let disc = (tr * tr / 4.0 - det).max(0.0).sqrt();
                    let aniso = ((tr / 2.0 + disc) / (tr / 2.0 - disc)).sqrt();
                    worst = worst.max(aniso);
                }
            }
            eprintln!("{m:?}: worst shape distortion {worst:.4}, residual {residual:.4}");
            assert!(worst <= residual + 1e-3, "{worst} {residual}");
        }
    }
}
