//! The sample client's head and where points of it fall on the scalp map: shared by the head
//! sample (`sample_head.rs`) and the whole-head design made beside it (`sample_full_head.rs`).

use crate::design::HeadModel;
use crate::geometry::Point;
use crate::head::{ScalpChart, V3};

/// The sample client's head: a little longer and narrower than the average man's.
pub const SAMPLE_HEAD: HeadModel = HeadModel {
    length_mm: 202.0,
    breadth_mm: 151.0,
    height_mm: 133.0,
    pupils_mm: 63.5,
    map_mm_per_px: 0.1,
};

pub(super) fn round(p: (f64, f64)) -> Point {
    Point::new((p.0 * 10.0).round() / 10.0, (p.1 * 10.0).round() / 10.0)
}

/// Where the polar angle `theta` (on the unit sphere, from the top) and azimuth `phi` (from the
/// front towards the client's left) are on the scalp map, in map pixels.
pub(super) fn map_px(chart: &ScalpChart, theta: f64, phi: f64) -> Point {
    let s = V3::new(
        theta.sin() * phi.sin(),
        theta.cos(),
        theta.sin() * phi.cos(),
    );
    chart.to_chart(s.scale(chart.head.axes)) * (1.0 / SAMPLE_HEAD.map_mm_per_px)
}

/// The polar angle of the point 75 mm up the forehead's midline from the glabella.
pub(super) fn hairline_theta(chart: &ScalpChart) -> f64 {
    let (m, _) = crate::head::midline_point(&chart.head, 75.0);
    m.unscale(chart.head.axes).y.acos()
}
