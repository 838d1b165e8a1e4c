//! The stubble tool: a click on the client's own stubble measures it (`crate::stubble`) and the
//! side panel offers what blends with it.

use super::super::screen::ScreenPhoto;
use super::super::{Gesture, Studio};
use crate::geometry::Point;
use crate::stubble::{Stubble, StubbleMatch, match_stubble, measure_stubble};

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

/// Measures the stubble around `at` (photo pixels) on the photo shown, for the active variant.
pub fn pick(studio: &Studio, at: Point) -> StubblePick {
    let d = &studio.doc.design;
    let mm_per_px = d.calibration.mm_per_px();
    let radius_px = PICK_RADIUS_MM / mm_per_px;
    let found = if d.head.is_some() {
        Err("On a design on the client's head the photos have no one scale: match the stubble on a calibrated photo design (through the head's photos: not yet)".to_string())
    } else if !d.calibration.measured {
        Err("Calibrate first: the stubble's density and size need millimetres".to_string())
    } else {
        measure_stubble(&studio.photo.levels[0], at, radius_px, mm_per_px)
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
            })
    };
    StubblePick {
        at,
        radius_px,
        found,
    }
}

/// The measured area on the canvas.
pub fn draw(painter: &egui::Painter, xf: &ScreenPhoto, pick: &StubblePick, colour: egui::Color32) {
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
    let zone_name = studio.doc.design.variants[vi]
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
