//! Canvas tools other than the hairline: calibrate, measure, glabella, zone and scar brushes,
//! zone polygons and the test patch. Each gesture is one undo step.

pub mod hairline;
pub mod stubble;

use super::document::Gesture;
use super::screen::ScreenPhoto;
use super::{Studio, Tool};
use crate::design::{Scar, Shape, Stroke, TestPatch, Zone, params};
use crate::geometry::Point;
use egui::{Color32, Pos2, Stroke as Pen};

/// Screen distance (points) within which a click closes a polygon on its first point.
const CLOSE_PT: f32 = 10.0;

/// State of a gesture in progress.
#[derive(Default)]
pub struct ToolState {
    /// Points clicked so far (calibration, measurement, polygon).
    pub pending: Vec<Point>,
    /// The last measurement, photo pixels.
    pub measured: Option<(Point, Point)>,
    /// A brush stroke is being painted.
    stroking: bool,
    /// The hairline control point being dragged.
    pub dragging_point: Option<usize>,
    /// The two calibration points were just clicked: the length field has the keyboard until
    /// the length is typed.
    pub awaiting_length: bool,
    /// What has been typed into that field: it starts empty, so typing never appends to an old
    /// or placeholder length.
    pub length_text: String,
    /// The client's stubble last measured with the stubble tool, and what blends with it.
    pub stubble: Option<stubble::StubblePick>,
}

pub fn tool_input(studio: &mut Studio, response: &egui::Response, xf: &ScreenPhoto) {
    let pointer = response.interact_pointer_pos();
    let clicked = response.clicked_by(egui::PointerButton::Primary);
    match studio.tool.active {
        Tool::Calibrate | Tool::Measure => {
            if clicked && let Some(pos) = pointer {
                let state = &mut studio.tools;
                state.pending.push(xf.photo_from_screen(pos));
                if state.pending.len() == 2 {
                    let (a, b) = (state.pending[0], state.pending[1]);
                    state.pending.clear();
                    if studio.tool.active == Tool::Calibrate {
                        if a.distance(b) >= 2.0 {
                            studio.doc.edit(Gesture::Once, |d| {
                                d.calibration.a_px = a;
                                d.calibration.b_px = b;
                            });
                            // The length box takes the keyboard next: type the millimetres.
                            studio.tools.awaiting_length = true;
                            studio.tools.length_text.clear();
                            studio.status = "Type the real length between the two points (mm) in the Calibration box, then Enter".into();
                        }
                    } else {
                        studio.tools.measured = Some((a, b));
                    }
                }
            }
        }
        Tool::Stubble => {
            if clicked && let Some(pos) = pointer {
                // The stubble is measured in the picture shown, in its own pixels (on a photo of
                // the head, through its camera), not on the scalp map.
                let at = xf.picture_from_screen(pos);
                studio.tools.stubble = Some(stubble::pick(studio, at));
            }
        }
        Tool::Glabella => {
            if clicked && let Some(pos) = pointer {
                let p = xf.photo_from_screen(pos);
                studio.doc.edit(Gesture::Once, |d| d.glabella_px = Some(p));
            }
        }
        Tool::TestPatch => {
            if clicked && let Some(pos) = pointer {
                let vi = studio.variant_index();
                let center_px = xf.photo_from_screen(pos);
                studio.doc.edit(Gesture::Once, |d| {
                    let v = &mut d.variants[vi];
                    match &mut v.test_patch {
                        Some(t) => t.center_px = center_px,
                        None => {
                            v.test_patch = Some(TestPatch {
                                center_px,
                                size_mm: params::TEST_PATCH_SIZE.default,
                                angle_deg: params::TEST_PATCH_ANGLE.default,
                            })
                        }
                    }
                });
            }
        }
        Tool::ZoneBrush | Tool::ScarBrush => brush(studio, response, xf),
        Tool::ZonePolygon | Tool::ScarPolygon => {
            if clicked && let Some(pos) = pointer {
                let first = studio
                    .tools
                    .pending
                    .first()
                    .map(|&p| xf.screen_from_photo(p));
                let closes = first.is_some_and(|f| f.distance(pos) <= CLOSE_PT)
                    && studio.tools.pending.len() >= 3;
                if closes || (response.double_clicked() && studio.tools.pending.len() >= 3) {
                    finish_polygon(studio);
                } else {
                    studio.tools.pending.push(xf.photo_from_screen(pos));
                }
            }
        }
        Tool::Select => {
            if clicked && let Some(pos) = pointer {
                select_at(studio, xf.photo_from_screen(pos));
            }
        }
        Tool::Hairline | Tool::Pan => {}
    }
}

/// Selects the scar or zone under `p` (photo pixels) for editing in the side panel.
fn select_at(studio: &mut Studio, p: Point) {
    use super::regions::{Region, region_at};
    if studio.latest_computed().is_none() {
        return;
    }
    let v = studio.doc.design().active();
    studio.status = match region_at(studio, p) {
        Some(Region::Scar(i)) => {
            let status = format!("Selected scar \"{}\"", v.scars[i].name);
            studio.tool.scar = i;
            status
        }
        Some(Region::Zone(i)) => {
            let status = format!("Selected zone \"{}\"", v.zones[i].name);
            studio.tool.zone = i;
            status
        }
        None => "Nothing here: no zone or scar".into(),
    };
}

/// Adds the pending polygon to the selected zone or scar (or a new one), by the tool in use.
pub fn finish_polygon(studio: &mut Studio) {
    let points = std::mem::take(&mut studio.tools.pending);
    if points.len() < 3
        || crate::geometry::polygon_self_intersects(&points)
        || crate::geometry::polygon_area(&points) < 1.0
    {
        studio.status =
            "Polygon not added: it needs 3 or more points and must not cross itself".into();
        return;
    }
    let scar = studio.tool.active == Tool::ScarPolygon;
    edit_shape(studio, scar, Gesture::Once, |shape| {
        shape.polygons.push(points)
    });
    if scar {
        // Each closed scar polygon is a scar of its own (FUE punches, a second strip): the next
        // polygon starts a new one. Select a scar in the list to add to it instead.
        studio.tool.scar = studio.doc.design().active().scars.len();
    }
}

/// The zone or scar at `index` that the brush and polygon tools paint into, created (and
/// selected) if there is none.
fn selected_or_new<'a, T>(
    list: &'a mut Vec<T>,
    index: &mut usize,
    new: impl FnOnce(usize) -> T,
) -> &'a mut T {
    if *index >= list.len() {
        list.push(new(list.len() + 1));
        *index = list.len() - 1;
    }
    &mut list[*index]
}

/// Paints (or, with Erase on or the right button, erases) a stroke into the selected zone or
/// scar. The stroke is one undo step; points are added as the pointer moves a third of the radius.
fn brush(studio: &mut Studio, response: &egui::Response, xf: &ScreenPhoto) {
    let Some(pos) = response.interact_pointer_pos() else {
        return;
    };
    let p = xf.photo_from_screen(pos);
    let erase = studio.tool.erase || response.dragged_by(egui::PointerButton::Secondary);
    let radius_mm = *studio.tool.brush_mm();
    let scar = studio.tool.active == Tool::ScarBrush;
    let started = response.drag_started() || (response.clicked() && !studio.tools.stroking);
    if started {
        let stroke = Stroke {
            points_px: vec![p],
            radius_mm,
            erase,
        };
        edit_shape(studio, scar, Gesture::Canvas, |shape| {
            shape.strokes.push(stroke)
        });
        studio.tools.stroking = true;
    } else if studio.tools.stroking && response.dragged() {
        let step_px = radius_mm / 3.0 / studio.doc.design().calibration.mm_per_px();
        let vi = studio.variant_index();
        let (zone, scar_i) = (studio.tool.zone, studio.tool.scar);
        let last = {
            let v = &studio.doc.design().variants[vi];
            let shape = if scar {
                v.scars.get(scar_i).map(|s| &s.shape)
            } else {
                v.zones.get(zone).map(|z| &z.shape)
            };
            shape
                .and_then(|s| s.strokes.last())
                .and_then(|s| s.points_px.last().copied())
        };
        if last.is_none_or(|q| q.distance(p) >= step_px) {
            edit_shape(studio, scar, Gesture::Canvas, |shape| {
                if let Some(s) = shape.strokes.last_mut() {
                    s.points_px.push(p);
                }
            });
        }
    }
    if response.drag_stopped() || response.clicked() {
        studio.tools.stroking = false;
        studio.doc.end_gesture(Gesture::Canvas);
    }
}

/// Edits the shape of the zone or scar the brush and polygon tools paint into (the selected one,
/// or a new one with the parameters' defaults, then selected), through the one edit path.
fn edit_shape(studio: &mut Studio, scar: bool, gesture: Gesture, change: impl FnOnce(&mut Shape)) {
    let vi = studio.variant_index();
    let tool = &mut studio.tool;
    studio.doc.edit(gesture, |d| {
        let v = &mut d.variants[vi];
        let shape = if scar {
            let new = |k| Scar {
                name: format!("Scar {k}"),
                shape: Shape::default(),
                halo_mm: params::SCAR_HALO.default,
                density_per_cm2: params::SCAR_DENSITY.default,
                dot_scale: params::SCAR_DOT_SCALE.default,
            };
            &mut selected_or_new(&mut v.scars, &mut tool.scar, new).shape
        } else {
            let new = |k| Zone {
                name: format!("Zone {k}"),
                shape: Shape::default(),
                density_per_cm2: params::ZONE_DENSITY.default,
                feather_mm: params::ZONE_FEATHER.default,
            };
            &mut selected_or_new(&mut v.zones, &mut tool.zone, new).shape
        };
        change(shape)
    });
}

/// Draws the tool's gesture in progress and its guides.
pub fn tool_overlays(studio: &Studio, painter: &egui::Painter, xf: &ScreenPhoto) {
    let mm_per_px = studio.doc.design().calibration.mm_per_px();
    // On a dark backing: white text alone vanishes on the cream ruler or pale skin.
    let label = |painter: &egui::Painter, at: Pos2, text: String| {
        super::regions::label(
            painter,
            at + egui::vec2(8.0, -8.0),
            egui::Align2::LEFT_BOTTOM,
            &text,
            Color32::WHITE,
        );
    };
    let accent = Color32::from_rgb(255, 200, 80);
    let pending: Vec<Pos2> = studio
        .tools
        .pending
        .iter()
        .map(|&p| xf.screen_from_photo(p))
        .collect();
    if !pending.is_empty() {
        painter.add(egui::Shape::line(pending.clone(), Pen::new(1.5, accent)));
        for p in &pending {
            painter.circle_filled(*p, 4.0, accent);
        }
    }
    if let Some(pick) = &studio.tools.stubble {
        stubble::draw(painter, xf, pick, accent);
    }
    if let Some((a, b)) = studio.tools.measured {
        let (sa, sb) = (xf.screen_from_photo(a), xf.screen_from_photo(b));
        painter.line_segment([sa, sb], Pen::new(2.0, accent));
        label(painter, sb, format!("{:.1} mm", a.distance(b) * mm_per_px));
    }
    if let Some(head) = studio.doc.design().head {
        head_guides(painter, xf, head);
    }
    if let Some(g) = studio.doc.design().glabella_px {
        // Hairline height guides: 7 cm (aggressive), 8 cm (typical), 10 cm (conservative).
        let sg = xf.screen_from_photo(g);
        painter.circle_stroke(sg, 5.0, Pen::new(1.5, Color32::WHITE));
        label(painter, sg, "glabella".into());
        // 7 and 8 cm are a centimetre apart: their labels go on opposite sides so they never
        // overlap, however far the view is zoomed out.
        for (mm, what, left) in [
            (70.0, "7 cm", true),
            (80.0, "8 cm", false),
            (100.0, "10 cm", false),
        ] {
            let p = xf.screen_from_photo(g - Point::new(0.0, mm / mm_per_px));
            painter.line_segment(
                [p - egui::vec2(40.0, 0.0), p + egui::vec2(40.0, 0.0)],
                Pen::new(1.0, Color32::from_rgba_unmultiplied(255, 255, 255, 180)),
            );
            let (at, anchor) = if left {
                (p - egui::vec2(44.0, 0.0), egui::Align2::RIGHT_CENTER)
            } else {
                (p + egui::vec2(44.0, 0.0), egui::Align2::LEFT_CENTER)
            };
            super::regions::label(painter, at, anchor, what, Color32::WHITE);
        }
        let top = xf.screen_from_photo(g - Point::new(0.0, 100.0 / mm_per_px));
        painter.line_segment(
            [sg, top],
            Pen::new(1.0, Color32::from_rgba_unmultiplied(255, 255, 255, 90)),
        );
    }
}

/// On a head design: the height guides 7, 8 and 10 cm up the forehead from the glabella, over
/// the skin, across the forehead; drawn through `xf`, so on the scalp map and on every photo.
fn head_guides(painter: &egui::Painter, xf: &ScreenPhoto, head: crate::design::HeadModel) {
    let chart = head.chart();
    let shape = chart.head;
    let map = |p: crate::head::V3| chart.to_chart(p) * (1.0 / head.map_mm_per_px);
    let faint = Color32::from_rgba_unmultiplied(255, 255, 255, 170);
    // The face's symmetry plane and the temple lines above the outer eye corners.
    let faintest = Color32::from_rgba_unmultiplied(255, 255, 255, 90);
    let temples = crate::head::temple_lines(&shape, 100.0);
    for line in std::iter::once(crate::head::midline(&shape)).chain(temples) {
        let line: Vec<Point> = line.into_iter().map(map).collect();
        for run in xf.seen_runs(&line) {
            painter.add(egui::Shape::dashed_line(
                &run,
                Pen::new(1.0, faintest),
                6.0,
                4.0,
            ));
        }
    }
    let glabella = xf.screen_from_photo(map(shape.landmark(crate::head::Landmark::Glabella)));
    painter.circle_stroke(glabella, 5.0, Pen::new(1.5, Color32::WHITE));
    // 7 and 8 cm are a centimetre apart (less seen at a slant): labels on opposite sides.
    for (mm, what, left) in [
        (70.0, "7 cm", true),
        (80.0, "8 cm", false),
        (100.0, "10 cm", false),
    ] {
        let line: Vec<Point> = crate::head::height_guide(&shape, mm)
            .into_iter()
            .map(map)
            .collect();
        for run in xf.seen_runs(&line) {
            painter.add(egui::Shape::line(run, Pen::new(1.0, faint)));
        }
        let (m, _) = crate::head::midline_point(&shape, mm);
        let at = xf.screen_from_photo(map(m));
        let (at, anchor) = if left {
            (at - egui::vec2(30.0, 0.0), egui::Align2::RIGHT_CENTER)
        } else {
            (at + egui::vec2(30.0, 0.0), egui::Align2::LEFT_CENTER)
        };
        super::regions::label(painter, at, anchor, what, Color32::WHITE);
    }
}
