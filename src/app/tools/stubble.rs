//! The stubble tool: a click on the client's own stubble measures it (`crate::stubble`) and the
//! side panel offers what blends with it.

use super::super::screen::ScreenPhoto;
use super::super::{Gesture, Studio};
use crate::geometry::Point;
use crate::stubble::{
    Stubble, StubbleMatch, match_stubble, measure_stubble, measure_stubble_on_head,
};

/// The radius of the area measured around the click, mm: about a hundred hairs on a shaved
/// side, enough for a density within a few per cent, small enough to stay in one kind of hair.
pub const PICK_RADIUS_MM: f64 = 6.0;

/// One measurement: where, how large (photo pixels), and what was found or why not.
#[derive(Clone, Debug, PartialEq)]
pub struct StubblePick {
    pub at: Point,
    pub radius_px: f64,
    pub found: Result<(Stubble, StubbleMatch), String>,
}

/// Measures the stubble around `at` (photo pixels) on the photo shown, for the active variant:
/// on a head design's photo per cm² of skin through its camera.
pub fn pick(studio: &mut Studio, at: Point) -> StubblePick {
    let on_head = studio.shown_camera();
    let d = &studio.doc.design();
    let photo = &studio.photo.levels[0];
    let mut radius_px = PICK_RADIUS_MM / d.calibration.mm_per_px();
    let measured = match (d.head, on_head) {
        (Some(_), Some((camera, chart))) => {
            // The circle drawn is the area's size where it is, seen square-on.
            let (o, dir) = camera.ray(at.x, at.y);
            if let Some(p) = chart.head.intersect(o, dir) {
                radius_px = PICK_RADIUS_MM * camera.px_per_mm_at(p);
            }
            Some(measure_stubble_on_head(
                photo,
                &chart.head,
                &camera,
                at,
                PICK_RADIUS_MM,
            ))
        }
        (Some(_), None) => None,
        (None, _) if !d.calibration.measured => None,
        (None, _) => Some(measure_stubble(
            photo,
            at,
            radius_px,
            d.calibration.mm_per_px(),
        )),
    };
    let found = match measured {
        None if d.head.is_some() && studio.shown_head_view().is_none() => Err(
            "Point at the client's stubble in one of the photos of the head (Views of the head): the scalp map has none".to_string(),
        ),
        None if d.head.is_some() => {
            Err("This photo is not registered to the head yet: place its landmarks first".to_string())
        }
        None => Err("Calibrate first: the stubble's density and size need millimetres".to_string()),
        Some(m) => m
            .map(|s| {
                let m = match_stubble(&s, &d.variants[studio.variant_index()]);
                (s, m)
            })
            .map_err(|e| {
                let mut text = e.to_string();
                if let Some(first) = text.get(..1) {
                    text = first.to_uppercase() + &text[1..];
                }
                text
            }),
    };
    StubblePick {
        at,
        radius_px,
        found,
    }
}

/// The measured area on the canvas.
pub fn draw(painter: &egui::Painter, xf: &ScreenPhoto, pick: &StubblePick, colour: egui::Color32) {
    // In the picture's own pixels, like the pick.
    let xf = ScreenPhoto { head: None, ..*xf };
    let c = xf.screen_from_photo(pick.at);
    let edge = xf.screen_from_photo(pick.at + Point::new(pick.radius_px, 0.0));
    painter.circle_stroke(c, (edge.x - c.x).abs(), egui::Stroke::new(1.5, colour));
}

/// The side panel's part: what the stubble measures and what blends with it, with buttons to
/// apply it to the active variant (needle, shade, dilution) and to the selected zone (density).
pub fn stubble_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    let Some(pick) = studio.tools.stubble.clone() else {
        ui.label(
            egui::RichText::new("Click an area of the client's own stubble on the photo.").small(),
        );
        return;
    };
    let (s, m) = match &pick.found {
        Ok(found) => found,
        Err(e) => {
            ui.colored_label(ui.visuals().warn_fg_color, e);
            return;
        }
    };
    ui.label(format!(
        "Stubble: {} hairs, {:.0}/cm², {:.2} mm across; darkens the skin {:.1} %.",
        s.count,
        s.density_per_cm2,
        s.diameter_mm,
        s.darkening * 100.0
    ));
    ui.label(format!(
        "Blends healed: needle {:.2} mm, {:.0}/cm², shade {}, dilution {:.0} % (renders {:.1} %).",
        m.needle_mm,
        m.density_per_cm2,
        m.shade,
        m.dilution * 100.0,
        m.darkening * 100.0
    ));
    for n in &m.notes {
        ui.label(
            egui::RichText::new(n)
                .small()
                .color(ui.visuals().warn_fg_color),
        );
    }
    let vi = studio.variant_index();
    if ui
        .button("Apply needle, shade and dilution")
        .on_hover_text("To the fill of the active variant; one undo step")
        .clicked()
    {
        let m = m.clone();
        studio.doc.edit(Gesture::Once, |d| {
            let v = &mut d.variants[vi];
            v.dots.needle_mm = m.needle_mm;
            v.pigment.shade = m.shade;
            v.pigment.dilution = m.dilution;
        });
    }
    let zone = studio.tool.zone;
    let zone_name = studio.doc.design().variants[vi]
        .zones
        .get(zone)
        .map(|z| z.name.clone());
    if let Some(name) = zone_name
        && ui
            .button(format!("Set \"{name}\" to {:.0}/cm²", m.density_per_cm2))
            .on_hover_text("The selected zone's density; one undo step")
            .clicked()
    {
        let density = m.density_per_cm2;
        studio.doc.edit(Gesture::Once, |d| {
            d.variants[vi].zones[zone].density_per_cm2 = density;
        });
    }
}
