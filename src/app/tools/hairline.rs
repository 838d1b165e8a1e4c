//! The hairline tool: click to add a control point (into the segment clicked near, otherwise at
//! the nearer end), drag a point to move it, right-click a point to delete it.

use crate::app::Studio;
use crate::app::document::Gesture;
use crate::app::screen::ScreenPhoto;
use crate::design::{Hairline, HairlineStyle, Side};
use crate::geometry::Point;
use egui::Pos2;

/// Screen distance (points) within which a control point is grabbed.
const GRAB_PT: f32 = 9.0;

pub fn hairline_tool(studio: &mut Studio, response: &egui::Response, xf: &ScreenPhoto) {
    let vi = studio.variant_index();
    let nearest = |studio: &Studio, pos: Pos2| -> Option<usize> {
        let h = studio.doc.design().variants[vi].hairline.as_ref()?;
        h.points_px
            .iter()
            .enumerate()
            .map(|(i, &p)| (i, xf.screen_from_photo(p).distance(pos)))
            .filter(|&(_, d)| d <= GRAB_PT)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    };
    let pointer = response.interact_pointer_pos();
    // A drag is recognised only after the pointer has moved a little: grab the point under the
    // press, not under the pointer now.
    let press_origin = response.ctx.input(|i| i.pointer.press_origin());
    if response.drag_started_by(egui::PointerButton::Primary)
        && let Some(i) = press_origin.and_then(|p| nearest(studio, p))
    {
        studio.tools.dragging_point = Some(i);
    }
    if let (Some(i), Some(pos)) = (studio.tools.dragging_point, pointer)
        && response.dragged()
    {
        let p = xf.photo_from_screen(pos);
        studio.doc.edit(Gesture::Canvas, |d| {
            if let Some(slot) = d.variants[vi]
                .hairline
                .as_mut()
                .and_then(|h| h.points_px.get_mut(i))
            {
                *slot = p;
            }
        });
    }
    if response.drag_stopped() {
        studio.tools.dragging_point = None;
        studio.doc.end_gesture(Gesture::Canvas);
    }
    if response.clicked_by(egui::PointerButton::Primary)
        && let Some(pos) = pointer
        && nearest(studio, pos).is_none()
    {
        let p = xf.photo_from_screen(pos);
        studio.doc.edit(Gesture::Once, |d| {
            add_point(d.variants[vi].hairline.get_or_insert_with(new_hairline), p)
        });
    }
    if response.secondary_clicked()
        && let Some(i) = pointer.and_then(|p| nearest(studio, p))
    {
        studio.doc.edit(Gesture::Once, |d| {
            if let Some(h) = d.variants[vi].hairline.as_mut() {
                h.points_px.remove(i);
            }
        });
    }
}

fn new_hairline() -> Hairline {
    Hairline {
        points_px: Vec::new(),
        treated_side: Side::Left,
        style: HairlineStyle::Natural,
        transition_mm: 8.0,
        micro_irregularity: 0.5,
        macro_amplitude_mm: 1.5,
        macro_wavelength_mm: 25.0,
        asymmetry_mm: 0.0,
        peak_mm: 0.0,
        preset_moved: None,
    }
}

/// Adds `p` where it belongs: into the segment it was clicked near, otherwise at the nearer end.
fn add_point(h: &mut Hairline, p: Point) {
    let pts = &mut h.points_px;
    if pts.len() < 2 {
        pts.push(p);
        return;
    }
    let (best, dist) = pts
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            (
                i,
                crate::geometry::point_segment_distance_sq(p, w[0], w[1]).sqrt(),
            )
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0, f64::INFINITY));
    let span = pts[best].distance(pts[best + 1]);
    if dist < span * 0.25 {
        pts.insert(best + 1, p);
    } else if p.distance(pts[0]) < p.distance(pts[pts.len() - 1]) {
        pts.insert(0, p);
    } else {
        pts.push(p);
    }
}
