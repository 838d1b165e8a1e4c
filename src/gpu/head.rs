//! A head design's impressions kept on the head, drawn through any of its photos' cameras by the
//! vertex shader: turning to another photo changes a few numbers, not the impressions. The
//! shader sees each impression as `head::dots_in_view` does (hidden where the skin turns away
//! or an ear is in the way, sized by its distance, foreshortened by the skin's slant).

use crate::design::Variant;
use crate::dots::DotSet;
use crate::head::{Camera, HeadShape, ScalpChart, V3, chart_px_to_head};
use crate::render::{Impression, impressions};

/// The impressions of a head design with each one's point on the head and the skin's normal
/// there (head frame, millimetres): `[x, y, z, nx, ny, nz]`. Dots off the map's head are left
/// out, as every photo leaves them out.
pub struct OnHead {
    pub impressions: Vec<Impression>,
    pub points: Vec<[f32; 6]>,
}

/// `dots` (made on `chart`) ready to be seen from any photo of the head.
pub fn impressions_on_head(variant: &Variant, chart: &ScalpChart, dots: &DotSet) -> OnHead {
    let all = impressions(variant, dots);
    let mut out = OnHead {
        impressions: Vec::with_capacity(all.len()),
        points: Vec::with_capacity(all.len()),
    };
    for (imp, d) in all.into_iter().zip(&dots.dots) {
        let Some(p) = chart_px_to_head(chart, dots.mm_per_px, d.pos_px()) else {
            continue;
        };
        let n = chart.head.normal(p);
        out.impressions.push(imp);
        out.points
            .push([p.x, p.y, p.z, n.x, n.y, n.z].map(|v| v as f32));
    }
    out
}

/// A photo's camera as the vertex shader takes it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ViewCamera {
    /// Head frame to camera frame: rows of the rotation, and the translation.
    pub rows: [[f32; 3]; 3],
    pub translation: [f32; 3],
    pub focal_px: f32,
    pub principal_px: [f32; 2],
    /// The photo's size: impressions outside it are left out, as `dots_in_view` leaves them.
    pub photo_px: [f32; 2],
    /// The camera's centre in the head frame.
    pub eye: [f32; 3],
    /// The ears (ellipsoids: centre and semi-axes) that hide the skin behind them.
    pub ears: [[f32; 6]; 2],
    /// The photo's pixels per millimetre at the head's centre: the scale the seen impressions'
    /// diameters are given in (`dots_in_view`'s `mm_per_px`).
    pub nominal_px_per_mm: f32,
}

fn v3(v: V3) -> [f32; 3] {
    [v.x as f32, v.y as f32, v.z as f32]
}

impl ViewCamera {
    pub fn new(camera: &Camera, head: &HeadShape, photo_px: (f64, f64)) -> ViewCamera {
        let ears = head.ears().map(|(c, a)| {
            let (c, a) = (v3(c), v3(a));
            [c[0], c[1], c[2], a[0], a[1], a[2]]
        });
        ViewCamera {
            rows: camera.rotation.rows.map(v3),
            translation: v3(camera.translation),
            focal_px: camera.focal_px as f32,
            principal_px: [camera.cx_px as f32, camera.cy_px as f32],
            photo_px: [photo_px.0 as f32, photo_px.1 as f32],
            eye: v3(camera.centre()),
            ears,
            nominal_px_per_mm: camera.px_per_mm_at(V3::default()) as f32,
        }
    }
}
