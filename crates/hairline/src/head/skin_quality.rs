//! How even a head design's impressions are on the skin itself, band by band from the top of the
//! head down: what a practitioner sees from the side and the back, where a layout made on a flat
//! chart of the head is stretched by the chart's shape distortion.
//!
//! Every measure is taken in 3-D on the head's ellipsoid, from the impressions' places on it and
//! the density the design asks for there, with nothing of how the layout was made: the band's
//! skin area is integrated over the ellipsoid itself. Figures: docs/dot-layout.md, "On the head".

use super::shape::HeadShape;
use super::vec3::V3;

/// Neighbours each impression's stretch is measured over.
const STRETCH_NEIGHBOURS: usize = 6;

/// What one band of polar angle shows.
#[derive(Clone, Debug, PartialEq)]
pub struct BandQuality {
    /// Polar angle from the top of the head, degrees (the head's ellipsoid scaled to a sphere,
    /// the scalp map's own angle).
    pub from_deg: f64,
    pub to_deg: f64,
    /// Impressions in the band.
    pub dots: usize,
    /// The design's density integrated over the band's skin: how many there should be.
    pub expected: f64,
    /// Root mean square of the neighbours' distance along the meridian over that across it, in
    /// the skin's tangent plane (1 when even; the chart's stretch otherwise).
    pub stretch: f64,
    /// Share of nearest-neighbour bonds within 45 degrees of the meridian (0.5 when even).
    pub along_share: f64,
    /// Nearest-neighbour distance over the local mean spacing (1 / sqrt(density)): 1st
    /// percentile and median.
    pub nn_p1: f64,
    pub nn_median: f64,
}

impl BandQuality {
    /// Count over expected count.
    pub fn count_ratio(&self) -> f64 {
        self.dots as f64 / self.expected.max(1e-9)
    }
}

/// The direction of the meridian (down from the top of the head) at surface point `p`, in the
/// skin's tangent plane; `None` at the top itself, where no meridian is defined.
fn meridian(head: &HeadShape, p: V3) -> Option<V3> {
    let s = p.unscale(head.axes).normalized();
    let h = (s.x * s.x + s.z * s.z).sqrt();
    if h < 1e-6 {
        return None;
    }
    // d s / d theta on the unit sphere, carried onto the ellipsoid (already tangent to it).
    let ds = V3::new(s.y * s.x / h, -h, s.y * s.z / h);
    Some(ds.scale(head.axes).normalized())
}

/// Polar angle of surface point `p`, degrees.
pub fn polar_deg(head: &HeadShape, p: V3) -> f64 {
    let s = p.unscale(head.axes).normalized();
    s.y.clamp(-1.0, 1.0).acos().to_degrees()
}

/// Skin area (cm²) of the band of polar angle `from..to` degrees, and the integral of
/// `density` (impressions per cm² of skin) over it, by the midpoint rule on the ellipsoid.
pub fn band_skin(
    head: &HeadShape,
    from_deg: f64,
    to_deg: f64,
    density: &dyn Fn(V3) -> f64,
) -> (f64, f64) {
    let (nt, nf) = (((to_deg - from_deg) * 10.0).ceil() as usize, 1440);
    let dt = (to_deg - from_deg).to_radians() / nt as f64;
    let df = std::f64::consts::TAU / nf as f64;
    let a = head.axes;
    let (mut area, mut count) = (0.0, 0.0);
    for i in 0..nt {
        let t = from_deg.to_radians() + (i as f64 + 0.5) * dt;
        for j in 0..nf {
            let f = (j as f64 + 0.5) * df;
            let s = V3::new(t.sin() * f.cos(), t.cos(), t.sin() * f.sin());
            let dp_dt = V3::new(t.cos() * f.cos(), -t.sin(), t.cos() * f.sin()).scale(a);
            let dp_df = V3::new(-t.sin() * f.sin(), 0.0, t.sin() * f.cos()).scale(a);
            let cm2 = dp_dt.cross(dp_df).norm() * dt * df / 100.0;
            area += cm2;
            count += cm2 * density(s.scale(a));
        }
    }
    (area, count)
}

/// A uniform grid of cells over points in 3-D, to find each one's nearest others.
struct Cells {
    cell: f64,
    min: V3,
    n: [usize; 3],
    start: Vec<u32>,
    items: Vec<u32>,
}

impl Cells {
    fn new(pts: &[V3], cell: f64) -> Cells {
        let mut min = V3::new(f64::MAX, f64::MAX, f64::MAX);
        let mut max = V3::new(f64::MIN, f64::MIN, f64::MIN);
        for p in pts {
            min = V3::new(min.x.min(p.x), min.y.min(p.y), min.z.min(p.z));
            max = V3::new(max.x.max(p.x), max.y.max(p.y), max.z.max(p.z));
        }
        let n = [max.x - min.x, max.y - min.y, max.z - min.z].map(|e| (e / cell) as usize + 1);
        let mut c = Cells {
            cell,
            min,
            n,
            start: vec![0; n[0] * n[1] * n[2] + 1],
            items: vec![0; pts.len()],
        };
        let keys: Vec<usize> = pts.iter().map(|&p| c.key(c.coords(p))).collect();
        for &k in &keys {
            c.start[k + 1] += 1;
        }
        for k in 1..c.start.len() {
            c.start[k] += c.start[k - 1];
        }
        let mut fill = c.start.clone();
        for (i, &k) in keys.iter().enumerate() {
            c.items[fill[k] as usize] = i as u32;
            fill[k] += 1;
        }
        c
    }
    fn coords(&self, p: V3) -> [usize; 3] {
        let d = p - self.min;
        [d.x, d.y, d.z]
            .iter()
            .zip(self.n)
            .map(|(&v, n)| ((v / self.cell) as usize).min(n - 1))
            .collect::<Vec<_>>()
            .try_into()
            .unwrap_or([0; 3])
    }
    fn key(&self, c: [usize; 3]) -> usize {
        (c[2] * self.n[1] + c[1]) * self.n[0] + c[0]
    }

    /// The `k` points nearest `pts[i]` (other than itself), nearest first, searching the cells
    /// within one of its own (the cell is a few spacings wide, so that is enough).
    fn nearest(&self, pts: &[V3], i: usize, k: usize) -> Vec<(f64, usize)> {
        let c = self.coords(pts[i]);
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(k + 1);
        for z in c[2].saturating_sub(1)..=(c[2] + 1).min(self.n[2] - 1) {
            for y in c[1].saturating_sub(1)..=(c[1] + 1).min(self.n[1] - 1) {
                for x in c[0].saturating_sub(1)..=(c[0] + 1).min(self.n[0] - 1) {
                    let key = self.key([x, y, z]);
                    for &j in &self.items[self.start[key] as usize..self.start[key + 1] as usize] {
                        let j = j as usize;
                        if j == i {
                            continue;
                        }
                        let d = (pts[j] - pts[i]).norm();
                        if best.len() < k || d < best[best.len() - 1].0 {
                            let at = best.partition_point(|b| b.0 <= d);
                            best.insert(at, (d, j));
                            best.truncate(k);
                        }
                    }
                }
            }
        }
        best
    }
}

/// The `q`-quantile of `v` (sorted in place).
fn quantile(v: &mut [f64], q: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[((v.len() - 1) as f64 * q).round() as usize]
}

/// Measures the impressions at `skin` (points on `head`'s surface, mm) band by band: `bands` in
/// degrees of polar angle, `density(p)` what the design asks for at `p`, per cm² of skin.
/// Every impression counts as a neighbour; only those inside a band are measured in it.
pub fn measure_bands(
    head: &HeadShape,
    skin: &[V3],
    density: &dyn Fn(V3) -> f64,
    bands: &[(f64, f64)],
) -> Vec<BandQuality> {
    let mean_density = skin.len() as f64 / band_skin(head, 0.0, 120.0, &|_| 1.0).0;
    // A few spacings a cell: the six nearest are then within the cell's neighbours.
    let cell = (3.0 * 10.0 / mean_density.max(1.0).sqrt()).max(1.0);
    let cells = Cells::new(skin, cell);
    let polar: Vec<f64> = skin.iter().map(|&p| polar_deg(head, p)).collect();
    bands
        .iter()
        .map(|&(from, to)| {
            let (mut along2, mut across2) = (0.0, 0.0);
            let (mut along_bonds, mut bonds) = (0usize, 0usize);
            let mut ratios = Vec::new();
            let mut dots = 0;
            for (i, &p) in skin.iter().enumerate() {
                if polar[i] < from || polar[i] >= to {
                    continue;
                }
                dots += 1;
                let nn = cells.nearest(skin, i, STRETCH_NEIGHBOURS);
                let Some(&(d1, _)) = nn.first() else {
                    continue;
                };
                let spacing = 10.0 / density(p).max(1e-9).sqrt();
                ratios.push(d1 / spacing);
                let Some(m) = meridian(head, p) else {
                    continue;
                };
                let across = head.normal(p).cross(m);
                for (k, &(_, j)) in nn.iter().enumerate() {
                    let d = skin[j] - p;
                    let (a, c) = (d.dot(m), d.dot(across));
                    along2 += a * a;
                    across2 += c * c;
                    if k == 0 {
                        bonds += 1;
                        along_bonds += usize::from(a.abs() > c.abs());
                    }
                }
            }
            let expected = band_skin(head, from, to, density).1;
            BandQuality {
                from_deg: from,
                to_deg: to,
                dots,
                expected,
                stretch: (along2 / across2.max(1e-12)).sqrt(),
                along_share: along_bonds as f64 / bonds.max(1) as f64,
                nn_p1: quantile(&mut ratios.clone(), 0.01),
                nn_median: quantile(&mut ratios, 0.5),
            }
        })
        .collect()
}

/// The bands of the issue: 15 degrees each from the top down to 110.
pub const BANDS: [(f64, f64); 8] = [
    (0.0, 15.0),
    (15.0, 30.0),
    (30.0, 45.0),
    (45.0, 60.0),
    (60.0, 75.0),
    (75.0, 90.0),
    (90.0, 105.0),
    (105.0, 110.0),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::shape::Measurements;

    /// The band integral against a closed form: a sphere's zone of polar angle a..b has area
    /// 2 pi r² (cos a - cos b).
    #[test]
    fn band_area_is_the_sphere_zone_on_a_sphere() {
        let mut head = HeadShape::from_measurements(Measurements::ADULT_MALE);
        head.axes = V3::new(100.0, 100.0, 100.0);
        let (area, n) = band_skin(&head, 30.0, 60.0, &|_| 2.0);
        let exact =
            std::f64::consts::TAU * 100.0 * (30f64.to_radians().cos() - 60f64.to_radians().cos());
        assert!((area - exact).abs() / exact < 1e-4, "{area} {exact}");
        assert!((n - 2.0 * area).abs() < 1e-9);
    }

    /// A square lattice laid along the meridians near the equator of a sphere: the bond share
    /// and the stretch see its direction and its aspect.
    #[test]
    fn a_stretched_lattice_reads_as_stretched() {
        let mut head = HeadShape::from_measurements(Measurements::ADULT_MALE);
        head.axes = V3::new(100.0, 100.0, 100.0);
        // 1 mm across (around the head), 0.8 mm along the meridian: squeezed along.
        let pts: Vec<V3> = (0..200)
            .flat_map(|i| {
                (0..300).map(move |j| {
                    let t = (80.0f64).to_radians() + i as f64 * 0.8 / 100.0;
                    let f = j as f64 / 100.0;
                    V3::new(t.sin() * f.cos(), t.cos(), t.sin() * f.sin()) * 100.0
                })
            })
            .collect();
        // Near the equator only: further down the circles shrink and the points crowd across.
        let q = measure_bands(&head, &pts, &|_| 100.0, &[(85.0, 100.0)]);
        let b = &q[0];
        // Each point's nearest neighbour is along the meridian, 0.8 of the mean spacing.
        assert!(b.along_share > 0.99, "{b:?}");
        assert!((b.nn_median - 0.8).abs() < 0.01, "{b:?}");
        assert!(b.stretch < 0.95, "{b:?}");
    }
}
