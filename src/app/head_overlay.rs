//! Over a photo of the head: the fitted head as a wireframe and each click beside where the fit
//! puts it, so a bad registration is seen (a ring off the skull, a click far from its point) and
//! the click to fix is found.

use super::Studio;
use super::screen::ScreenPhoto;
use crate::geometry::Point;
use crate::head::{Camera, HeadShape, V3};
use egui::{Color32, Stroke};

const WIRE: Color32 = Color32::from_rgba_premultiplied(120, 200, 255, 150);
const CLICK: Color32 = Color32::from_rgb(255, 210, 60);
const FIT: Color32 = Color32::from_rgb(80, 230, 120);

/// Draws the wireframe and the clicks of the view the canvas shows.
pub fn head_overlay(studio: &mut Studio, painter: &egui::Painter, t: &ScreenPhoto) {
    let (Some(k), Some(model)) = (studio.head_views.shown, studio.doc.design().head) else {
        return;
    };
    let head = model.shape();
    let Some(r) = studio
        .registrations()
        .as_ref()
        .ok()
        .and_then(|r| r.get(k))
        .cloned()
    else {
        return;
    };
    wireframe(painter, t, &head, &r.camera);
    let Some(view) = studio.doc.design().views.get(k) else {
        return;
    };
    let clicks = view.clicks();
    for (l, (x, y)) in &clicks.landmarks {
        let at = t.screen_from_photo(Point::new(*x, *y));
        if let Some(p) = r.camera.project(head.landmark(*l)) {
            let fit = t.screen_from_photo(Point::new(p.0, p.1));
            painter.line_segment([at, fit], Stroke::new(1.5, FIT));
            painter.circle_filled(fit, 2.5, FIT);
        }
        painter.circle_stroke(at, 4.0, Stroke::new(1.5, CLICK));
    }
    for (id, (x, y)) in &clicks.marks {
        let at = t.screen_from_photo(Point::new(*x, *y));
        painter.circle_stroke(at, 5.0, Stroke::new(1.5, CLICK));
        super::regions::label(
            painter,
            at + egui::vec2(7.0, -7.0),
            egui::Align2::LEFT_BOTTOM,
            &id.to_string(),
            CLICK,
        );
    }
    for (x, y) in &clicks.outline {
        painter.circle_filled(t.screen_from_photo(Point::new(*x, *y)), 2.0, CLICK);
    }
}

/// Rings of latitude and meridians of the upper head, where they face the camera.
fn wireframe(painter: &egui::Painter, t: &ScreenPhoto, head: &HeadShape, camera: &Camera) {
    let eye = camera.centre();
    let screen = |s: V3| -> Option<egui::Pos2> {
        let p = s.scale(head.axes);
        if !head.seen_from(p, eye) {
            return None;
        }
        let (x, y) = camera.project(p)?;
        Some(t.screen_from_photo(Point::new(x, y)))
    };
    // One line shape per visible run (not a shape per segment: a thousand shapes a frame).
    let path = |points: &mut dyn Iterator<Item = V3>| {
        let mut run: Vec<egui::Pos2> = Vec::new();
        let flush = |run: &mut Vec<egui::Pos2>| {
            if run.len() > 1 {
                painter.add(egui::Shape::line(
                    std::mem::take(run),
                    Stroke::new(1.0, WIRE),
                ));
            }
            run.clear();
        };
        for s in points {
            match screen(s) {
                Some(q) => run.push(q),
                None => flush(&mut run),
            }
        }
        flush(&mut run);
    };
    let tau = std::f64::consts::TAU;
    for ring in 0..6 {
        let theta = (15.0 + 15.0 * ring as f64).to_radians();
        path(&mut (0..=96).map(|i| {
            let phi = tau * i as f64 / 96.0;
            V3::new(
                theta.sin() * phi.sin(),
                theta.cos(),
                theta.sin() * phi.cos(),
            )
        }));
    }
    for m in 0..12 {
        let phi = tau * m as f64 / 12.0;
        path(&mut (0..=40).map(|i| {
            let theta = (i as f64 / 40.0) * 95f64.to_radians();
            V3::new(
                theta.sin() * phi.sin(),
                theta.cos(),
                theta.sin() * phi.cos(),
            )
        }));
    }
}
