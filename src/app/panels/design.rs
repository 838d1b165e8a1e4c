//! The left panel: the design's properties, from calibration and client to sessions. Every
//! widget bound to the design reports its change, so each gesture is one undo step.

use super::region_list::RegionList;
use super::{Changes, current_tool_help, param_slider, param_slider_in};
use crate::app::{Gesture, Studio, Tool};
use crate::design::{HairlineStyle, Side, params};
use egui::Slider;

/// The guided step after the two ends of a known length were clicked: an empty field with the
/// keyboard, so the practitioner just types the millimetres and presses Enter.
fn length_entry(studio: &mut Studio, ui: &mut egui::Ui) {
    let length = params::CALIBRATION_DISTANCE;
    let mut done = false;
    ui.horizontal(|ui| {
        ui.label("Length between the points");
        let field = ui.add(
            egui::TextEdit::singleline(&mut studio.tools.length_text)
                .hint_text("e.g. 90")
                .desired_width(60.0),
        );
        ui.label("mm");
        if !field.has_focus() && !field.lost_focus() {
            field.request_focus();
        }
        let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        done = enter || ui.button("Set").clicked();
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            studio.tools.awaiting_length = false;
            studio.status = "Calibration not changed".into();
        }
    });
    if !done {
        ui.label(
            egui::RichText::new(format!(
                "The real distance between the two points you clicked ({} to {} mm)",
                length.min, length.max
            ))
            .small()
            .weak(),
        );
        return;
    }
    // People type "90", "90 mm" or "62,5".
    let typed = studio
        .tools
        .length_text
        .trim()
        .trim_end_matches("mm")
        .trim();
    match typed.replace(',', ".").parse::<f64>() {
        Ok(mm) if length.range().contains(&mm) => {
            studio.doc.edit(Gesture::Once, |d| {
                d.calibration.distance_mm = mm;
                d.calibration.measured = true;
            });
            studio.tools.awaiting_length = false;
            studio.status = format!(
                "Calibrated: {:.4} mm per pixel",
                studio.doc.design().calibration.mm_per_px()
            );
        }
        _ => {
            studio.status = format!(
                "\"{}\" is not a length from {} to {} mm: type the millimetres, e.g. 90",
                studio.tools.length_text.trim(),
                length.min,
                length.max
            );
            // The field takes the keyboard again next frame, for another try.
        }
    }
}

pub fn design_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    ui.heading("Tools");
    ui.horizontal_wrapped(|ui| {
        for (tool, command) in Tool::ALL {
            let key = command.shortcut_text(ui.ctx());
            if ui
                .selectable_label(studio.tool.active == tool, command.label())
                .on_hover_text(format!("{} ({key})", command.help()))
                .clicked()
            {
                studio.queue(command);
            }
        }
    });
    ui.label(
        egui::RichText::new(current_tool_help(studio.tool.active))
            .small()
            .weak(),
    );
    if matches!(studio.tool.active, Tool::ZoneBrush | Tool::ScarBrush) {
        param_slider_in(
            ui,
            &params::STROKE_RADIUS,
            0.5..=30.0,
            studio.tool.brush_mm(),
        );
        ui.checkbox(&mut studio.tool.erase, "Erase");
    }
    if studio.tool.active == Tool::Stubble {
        crate::app::tools::stubble::stubble_ui(studio, ui);
    }
    ui.separator();
    let changes = Changes::default();
    ui.heading("Calibration");
    if let Some(h) = studio.doc.design().head {
        // The scalp map's scale is the head model's: millimetres on the skin, no ruler.
        let mut edited = h;
        for (param, value) in [
            (&params::HEAD_LENGTH, &mut edited.length_mm),
            (&params::HEAD_BREADTH, &mut edited.breadth_mm),
            (&params::HEAD_HEIGHT, &mut edited.height_mm),
            (&params::HEAD_PUPILS, &mut edited.pupils_mm),
        ] {
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(value)
                        .range(param.range())
                        .speed(0.5)
                        .suffix(" mm"),
                )
                .on_hover_text(param.help);
                ui.label(param.label);
            });
        }
        // Breadth over length reads as swapped: not taken.
        if edited != h && edited.breadth_mm <= edited.length_mm {
            studio.set_head(edited);
        }
        ui.label(
            egui::RichText::new(format!(
                "The head's size sets the scale: the scalp map is {:.2} mm a pixel and densities \
                 are per cm² of skin.",
                h.map_mm_per_px
            ))
            .small()
            .weak(),
        );
    } else if studio.tools.awaiting_length {
        length_entry(studio, ui);
    } else {
        let mut d = studio.doc.bind(Gesture::Panel);
        ui.horizontal(|ui| {
            ui.label("Ruler length");
            let length = params::CALIBRATION_DISTANCE;
            changes.track(
                ui.add(
                    egui::DragValue::new(&mut d.calibration.distance_mm)
                        .range(length.range())
                        .speed(0.1)
                        .suffix(" mm"),
                )
                .on_hover_text(length.help),
            );
        });
        if changes.any() {
            d.changed();
        }
    }
    let mut d = studio.doc.bind(Gesture::Panel);
    if d.head.is_none() && !d.calibration.measured && !studio.tools.awaiting_length {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Not calibrated: with the Calibrate tool (C), click the two ends of a known length \
             (a ruler held to the head, or the centres of the pupils: measure the client's, \
             about 64 mm in men and 62 mm in women), then type its millimetres.",
        );
    }
    let px = d.calibration.a_px.distance(d.calibration.b_px);
    if d.head.is_none() {
        ui.label(
            egui::RichText::new(format!(
                "{px:.0} px between the points: {:.4} mm per pixel",
                d.calibration.mm_per_px()
            ))
            .small()
            .weak(),
        );
    }
    if d.glabella_px.is_some() && ui.small_button("Remove glabella guides").clicked() {
        d.glabella_px = None;
        changes.mark();
    }
    ui.separator();
    ui.heading("Client");
    egui::Grid::new("client").num_columns(2).show(ui, |ui| {
        ui.label("Name");
        changes.track(ui.text_edit_singleline(&mut d.client.name));
        ui.end_row();
        ui.label("ID");
        changes.track(ui.text_edit_singleline(&mut d.client.id));
        ui.end_row();
        ui.label("Date");
        changes.track(ui.text_edit_singleline(&mut d.client.consultation_date));
        ui.end_row();
        ui.label("Skin type");
        let types = crate::design::SKIN_TYPES;
        let current = types
            .iter()
            .find(|t| t.0 == d.client.skin_type)
            .map_or("", |t| t.1);
        egui::ComboBox::from_id_salt("skin-type")
            .selected_text(current)
            .show_ui(ui, |ui| {
                for (n, label) in types {
                    changes.track(ui.selectable_value(&mut d.client.skin_type, n, label));
                }
            })
            .response
            .on_hover_text(
                "Fitzpatrick scale: the design check weighs the pigment's shade against it",
            );
        ui.end_row();
    });
    ui.label("Notes");
    changes.track(ui.text_edit_multiline(&mut d.client.notes));
    ui.separator();
    let vi = d.active_variant.min(d.variants.len() - 1);
    let mm_per_px = d.calibration.mm_per_px();
    let v = &mut d.variants[vi];
    ui.heading("Hairline");
    match &mut v.hairline {
        None => {
            ui.label("No hairline. Click on the photo with the hairline tool to start one.");
        }
        Some(h) => {
            ui.horizontal_wrapped(|ui| {
                ui.label("Preset");
                for style in HairlineStyle::ALL {
                    let help = match style {
                        HairlineStyle::Mature => {
                            "Sets style, transition and irregularity, and moves the line back: 5 \
                             mm higher, receding 15 mm at the temples (another preset puts it \
                             back)"
                        }
                        HairlineStyle::WidowsPeak => {
                            "Sets style, transition and irregularity, and brings the middle of \
                             the line forward into a V (its depth below; another preset puts it \
                             back)"
                        }
                        _ => "Sets style, transition and irregularity; the points stay as drawn",
                    };
                    if ui.small_button(style.label()).on_hover_text(help).clicked() {
                        h.apply_preset(style, mm_per_px);
                        changes.mark();
                    }
                }
            });
            egui::ComboBox::from_label("Style")
                .selected_text(h.style.label())
                .show_ui(ui, |ui| {
                    for s in HairlineStyle::ALL {
                        changes.track(ui.selectable_value(&mut h.style, s, s.label()));
                    }
                });
            ui.horizontal(|ui| {
                ui.label("Treated side");
                changes.track(ui.selectable_value(&mut h.treated_side, Side::Left, "Left of line"));
                changes.track(ui.selectable_value(
                    &mut h.treated_side,
                    Side::Right,
                    "Right of line",
                ));
            });
            changes.track(param_slider(ui, &params::TRANSITION, &mut h.transition_mm));
            changes.track(param_slider(
                ui,
                &params::MICRO_IRREGULARITY,
                &mut h.micro_irregularity,
            ));
            changes.track(param_slider(
                ui,
                &params::MACRO_AMPLITUDE,
                &mut h.macro_amplitude_mm,
            ));
            changes.track(param_slider(
                ui,
                &params::MACRO_WAVELENGTH,
                &mut h.macro_wavelength_mm,
            ));
            changes.track(param_slider(ui, &params::ASYMMETRY, &mut h.asymmetry_mm));
            if h.style == HairlineStyle::WidowsPeak {
                let mut depth = h.peak_mm;
                if param_slider(ui, &params::PEAK_DEPTH, &mut depth).changed() {
                    h.set_peak_depth(depth, mm_per_px);
                    changes.mark();
                }
            }
            ui.label(format!("{} control points", h.points_px.len()));
        }
    }
    ui.separator();
    ui.heading("Density zones");
    let zone_list = RegionList {
        new_label: "New zone",
        new_help: "The next brush stroke or polygon starts a new zone",
        scars: false,
    };
    zone_list.ui(
        ui,
        &changes,
        &mut v.zones,
        &mut studio.tool.zone,
        |z| &mut z.name,
        |ui, z| {
            changes.track(param_slider(
                ui,
                &params::ZONE_DENSITY,
                &mut z.density_per_cm2,
            ));
            changes.track(param_slider(ui, &params::ZONE_FEATHER, &mut z.feather_mm));
        },
    );
    ui.separator();
    ui.heading("Scars");
    let scar_list = RegionList {
        new_label: "New scar",
        new_help: "The next scar brush stroke or polygon starts a new scar",
        scars: true,
    };
    scar_list.ui(
        ui,
        &changes,
        &mut v.scars,
        &mut studio.tool.scar,
        |s| &mut s.name,
        |ui, s| {
            changes.track(param_slider(
                ui,
                &params::SCAR_DENSITY,
                &mut s.density_per_cm2,
            ));
            changes.track(param_slider(ui, &params::SCAR_HALO, &mut s.halo_mm));
            changes.track(param_slider(ui, &params::SCAR_DOT_SCALE, &mut s.dot_scale));
        },
    );
    if let Some(t) = &mut v.test_patch {
        ui.separator();
        ui.heading("Test patch");
        changes.track(param_slider(ui, &params::TEST_PATCH_SIZE, &mut t.size_mm));
        // A square looks the same every 90°: the slider covers one turn of that.
        changes.track(param_slider_in(
            ui,
            &params::TEST_PATCH_ANGLE,
            -90.0..=90.0,
            &mut t.angle_deg,
        ));
        if ui.small_button("Remove test patch").clicked() {
            v.test_patch = None;
            changes.mark();
        }
    }
    ui.separator();
    ui.heading("Impressions");
    changes.track(param_slider(ui, &params::NEEDLE, &mut v.dots.needle_mm));
    changes.track(param_slider(
        ui,
        &params::HAIRLINE_NEEDLE,
        &mut v.dots.hairline_needle_mm,
    ));
    changes.track(param_slider(
        ui,
        &params::SIZE_VARIATION,
        &mut v.dots.size_variation,
    ));
    changes.track(param_slider(ui, &params::DILUTION, &mut v.pigment.dilution));
    if let Some(rgb) = v.pigment.rgb() {
        let mut c = rgb;
        ui.horizontal(|ui| {
            ui.label("Shade");
            if ui.color_edit_button_rgb(&mut c).changed() {
                let h = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
                v.pigment.shade = format!("#{:02x}{:02x}{:02x}", h(c[0]), h(c[1]), h(c[2]));
                changes.mark();
            }
        });
    }
    ui.separator();
    ui.heading("Sessions");
    let plan = &mut v.sessions;
    let mut count = plan.sessions.len();
    if ui
        .add(Slider::new(&mut count, 1..=crate::design::Limits::MAX_SESSIONS).text("sessions"))
        .changed()
    {
        plan.sessions = crate::design::SessionPlan::evenly(count).sessions;
        changes.mark();
        // The stepper follows the plan: show the result of all the sessions now planned.
        studio.view.preview.sessions = crate::render::SessionView::Cumulative(count - 1);
    }
    for i in 0..plan.sessions.len() {
        ui.label(format!("Session {}", i + 1));
        let mut share = plan.sessions[i].share;
        if changes
            .track(param_slider(ui, &params::SESSION_SHARE, &mut share))
            .changed()
        {
            plan.set_share(i, share);
        }
        let s = &mut plan.sessions[i];
        changes.track(param_slider(ui, &params::SESSION_DARKNESS, &mut s.darkness));
        if i > 0 {
            let mut days = f64::from(s.days_after_previous);
            if changes
                .track(param_slider(ui, &params::SESSION_INTERVAL, &mut days))
                .changed()
            {
                s.days_after_previous = days.round() as u32;
            }
        }
    }
    changes.track(param_slider(
        ui,
        &params::HOLDBACK,
        &mut plan.first_session_holdback_mm,
    ));
    if changes.any() {
        d.changed();
    }
}
