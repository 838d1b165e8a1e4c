//! Side panels: the design's properties (left) and the preview controls with statistics (right).

use super::{Studio, Tool};
use crate::design::{HairlineStyle, Param, Side, params};
use crate::render::{Look, SessionView};
use egui::Slider;

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
            &mut studio.tool.brush_mm,
        );
        ui.checkbox(&mut studio.tool.erase, "Erase");
    }
    ui.separator();
    let d = &mut studio.doc.design;
    ui.heading("Calibration");
    ui.horizontal(|ui| {
        ui.label("Ruler length");
        ui.add(
            egui::DragValue::new(&mut d.calibration.distance_mm)
                .range(0.1..=2000.0)
                .speed(0.1)
                .suffix(" mm"),
        );
    });
    let px = d.calibration.a_px.distance(d.calibration.b_px);
    ui.label(
        egui::RichText::new(format!(
            "{px:.0} px between the points: {:.4} mm per pixel",
            d.calibration.mm_per_px()
        ))
        .small()
        .weak(),
    );
    if d.glabella_px.is_some() && ui.small_button("Remove glabella guides").clicked() {
        d.glabella_px = None;
    }
    ui.separator();
    ui.heading("Client");
    egui::Grid::new("client").num_columns(2).show(ui, |ui| {
        ui.label("Name");
        ui.text_edit_singleline(&mut d.client.name);
        ui.end_row();
        ui.label("ID");
        ui.text_edit_singleline(&mut d.client.id);
        ui.end_row();
        ui.label("Date");
        ui.text_edit_singleline(&mut d.client.consultation_date);
        ui.end_row();
    });
    ui.label("Notes");
    ui.text_edit_multiline(&mut d.client.notes);
    ui.separator();
    let vi = d.active_variant.min(d.variants.len() - 1);
    let v = &mut d.variants[vi];
    ui.heading("Hairline");
    match &mut v.hairline {
        None => {
            ui.label("No hairline. Click on the photo with the hairline tool to start one.");
        }
        Some(h) => {
            ui.horizontal_wrapped(|ui| {
                ui.label("Preset");
                for (style, transition, micro, amplitude) in [
                    (HairlineStyle::Natural, 8.0, 0.5, 1.5),
                    (HairlineStyle::Soft, 10.0, 0.6, 1.5),
                    (HairlineStyle::Broken, 10.0, 0.85, 2.0),
                    (HairlineStyle::Defined, 4.0, 0.15, 0.5),
                    (HairlineStyle::WidowsPeak, 6.0, 0.3, 1.0),
                    (HairlineStyle::Mature, 8.0, 0.5, 1.5),
                ] {
                    if ui
                        .small_button(style.label())
                        .on_hover_text("Sets style, transition and irregularity; the points stay")
                        .clicked()
                    {
                        h.style = style;
                        h.transition_mm = transition;
                        h.micro_irregularity = micro;
                        h.macro_amplitude_mm = amplitude;
                    }
                }
            });
            egui::ComboBox::from_label("Style")
                .selected_text(h.style.label())
                .show_ui(ui, |ui| {
                    for s in HairlineStyle::ALL {
                        ui.selectable_value(&mut h.style, s, s.label());
                    }
                });
            ui.horizontal(|ui| {
                ui.label("Treated side");
                ui.selectable_value(&mut h.treated_side, Side::Left, "Left of line");
                ui.selectable_value(&mut h.treated_side, Side::Right, "Right of line");
            });
            param_slider(ui, &params::TRANSITION, &mut h.transition_mm);
            param_slider(ui, &params::MICRO_IRREGULARITY, &mut h.micro_irregularity);
            param_slider(ui, &params::MACRO_AMPLITUDE, &mut h.macro_amplitude_mm);
            param_slider(ui, &params::MACRO_WAVELENGTH, &mut h.macro_wavelength_mm);
            param_slider(ui, &params::ASYMMETRY, &mut h.asymmetry_mm);
            ui.label(format!("{} control points", h.points_px.len()));
        }
    }
    ui.separator();
    ui.heading("Density zones");
    let zone_list = RegionList {
        new_label: "New zone",
        new_help: "The next brush stroke or polygon starts a new zone",
    };
    zone_list.ui(
        ui,
        &mut v.zones,
        &mut studio.tool.zone,
        |z| &mut z.name,
        |ui, z| {
            param_slider(ui, &params::ZONE_DENSITY, &mut z.density_per_cm2);
            param_slider(ui, &params::ZONE_FEATHER, &mut z.feather_mm);
        },
    );
    ui.separator();
    ui.heading("Scars");
    let scar_list = RegionList {
        new_label: "New scar",
        new_help: "The next scar brush stroke or polygon starts a new scar",
    };
    scar_list.ui(
        ui,
        &mut v.scars,
        &mut studio.tool.scar,
        |s| &mut s.name,
        |ui, s| {
            param_slider(ui, &params::SCAR_DENSITY, &mut s.density_per_cm2);
            param_slider(ui, &params::SCAR_HALO, &mut s.halo_mm);
            param_slider(ui, &params::SCAR_DOT_SCALE, &mut s.dot_scale);
        },
    );
    if let Some(t) = &mut v.test_patch {
        ui.separator();
        ui.heading("Test patch");
        param_slider(ui, &params::TEST_PATCH_SIZE, &mut t.size_mm);
        // A square looks the same every 90°: the slider covers one turn of that.
        param_slider_in(
            ui,
            &params::TEST_PATCH_ANGLE,
            -90.0..=90.0,
            &mut t.angle_deg,
        );
        if ui.small_button("Remove test patch").clicked() {
            v.test_patch = None;
        }
    }
    ui.separator();
    ui.heading("Impressions");
    param_slider(ui, &params::NEEDLE, &mut v.dots.needle_mm);
    param_slider(ui, &params::HAIRLINE_NEEDLE, &mut v.dots.hairline_needle_mm);
    param_slider(ui, &params::SIZE_VARIATION, &mut v.dots.size_variation);
    param_slider(ui, &params::DILUTION, &mut v.pigment.dilution);
    if let Some(rgb) = v.pigment.rgb() {
        let mut c = rgb;
        ui.horizontal(|ui| {
            ui.label("Shade");
            if ui.color_edit_button_rgb(&mut c).changed() {
                let h = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
                v.pigment.shade = format!("#{:02x}{:02x}{:02x}", h(c[0]), h(c[1]), h(c[2]));
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
    }
    for (i, s) in plan.sessions.iter_mut().enumerate() {
        ui.label(format!("Session {}", i + 1));
        param_slider(ui, &params::SESSION_DARKNESS, &mut s.darkness);
    }
    param_slider(ui, &params::HOLDBACK, &mut plan.first_session_holdback_mm);
}

/// A selectable list of zones or scars: the selected one shows its properties and is what the
/// brush and polygon tools paint into; "New" selects one past the end, so the next stroke starts
/// a new item.
struct RegionList {
    new_label: &'static str,
    new_help: &'static str,
}

impl RegionList {
    fn ui<T>(
        &self,
        ui: &mut egui::Ui,
        items: &mut Vec<T>,
        selected: &mut usize,
        name: impl Fn(&mut T) -> &mut String,
        properties: impl Fn(&mut egui::Ui, &mut T),
    ) {
        let mut remove = None;
        for (i, item) in items.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .selectable_label(*selected == i, name(item).as_str())
                    .clicked()
                {
                    *selected = i;
                }
                if ui.small_button("Delete").clicked() {
                    remove = Some(i);
                }
            });
            if *selected == i {
                ui.text_edit_singleline(name(item));
                properties(ui, item);
            }
        }
        if let Some(i) = remove {
            items.remove(i);
            *selected = (*selected).min(items.len().saturating_sub(1));
        }
        if ui
            .button(self.new_label)
            .on_hover_text(self.new_help)
            .clicked()
        {
            *selected = items.len();
        }
    }
}

/// A checkbox for a command that toggles something, labelled and explained from the command table.
fn command_checkbox(ui: &mut egui::Ui, on: &mut bool, c: super::Command) -> egui::Response {
    ui.checkbox(on, c.label()).on_hover_text(format!(
        "{} ({})",
        c.help(),
        c.shortcut_text(ui.ctx())
    ))
}

/// A slider for a design parameter: its range, label, unit and help from its one definition.
fn param_slider(ui: &mut egui::Ui, param: &Param, value: &mut f64) -> egui::Response {
    param_slider_in(ui, param, param.range(), value)
}

/// The same within a narrower range the studio offers (the file may hold any value of `param`).
fn param_slider_in(
    ui: &mut egui::Ui,
    param: &Param,
    range: std::ops::RangeInclusive<f64>,
    value: &mut f64,
) -> egui::Response {
    ui.add(Slider::new(value, range).text(param.label_with_unit()))
        .on_hover_text(param.help)
}

fn current_tool_help(tool: Tool) -> &'static str {
    Tool::ALL
        .iter()
        .find(|(t, _)| *t == tool)
        .map_or("", |(_, c)| c.help())
}

pub fn preview_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    ui.heading("Design");
    let names: Vec<String> = studio
        .doc
        .design
        .variants
        .iter()
        .map(|v| v.name.clone())
        .collect();
    let mut active = studio.variant_index();
    egui::ComboBox::from_label("Variant")
        .selected_text(names[active].clone())
        .show_ui(ui, |ui| {
            for (i, n) in names.iter().enumerate() {
                ui.selectable_value(&mut active, i, n);
            }
        });
    if active != studio.doc.design.active_variant {
        studio.doc.design.active_variant = active;
        let n = studio.session_count();
        studio.view.preview.sessions = SessionView::Cumulative(n - 1);
    }
    if names.len() > 1 {
        let mut compare = studio.view.compare.filter(|_| studio.view.split.is_some());
        egui::ComboBox::from_label("Compare side by side")
            .selected_text(compare.map_or("No".to_string(), |c| names[c].clone()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut compare, None, "No");
                for (i, n) in names.iter().enumerate() {
                    if i != studio.variant_index() {
                        ui.selectable_value(&mut compare, Some(i), n);
                    }
                }
            });
        if compare != studio.view.compare.filter(|_| studio.view.split.is_some()) {
            studio.view.compare = compare;
            studio.view.split = compare.map(|_| 0.5);
        }
    }
    ui.separator();
    ui.heading("Preview");
    ui.horizontal(|ui| {
        let look = &mut studio.view.preview.look;
        ui.selectable_value(look, Look::Fresh, "Fresh");
        ui.selectable_value(look, Look::Healed, "Healed");
        let aged = matches!(look, Look::Aged { .. });
        if ui.selectable_label(aged, "Years later").clicked() {
            *look = Look::Aged {
                years: studio.view.aged_years,
            };
        }
    });
    if let Look::Aged { .. } = studio.view.preview.look {
        let mut years = f64::from(studio.view.aged_years);
        param_slider(ui, &params::AGED_YEARS, &mut years);
        studio.view.aged_years = years as f32;
    }
    let n = studio.session_count();
    let mut k = studio.view.preview.sessions.latest().min(n - 1);
    let mut only = matches!(studio.view.preview.sessions, SessionView::Only(_));
    ui.horizontal(|ui| {
        ui.label("Session");
        for i in 0..n {
            ui.selectable_value(&mut k, i, format!("{}", i + 1));
        }
    });
    ui.checkbox(&mut only, "This session's impressions only");
    studio.view.preview.sessions = if only {
        SessionView::Only(k)
    } else {
        SessionView::Cumulative(k)
    };
    let has_patch = studio.doc.design.variants[studio.variant_index()]
        .test_patch
        .is_some();
    ui.add_enabled(
        has_patch,
        egui::Checkbox::new(&mut studio.view.preview.test_patch_only, "Test patch only"),
    );
    let mut split = studio.view.split.is_some();
    if command_checkbox(ui, &mut split, super::Command::BeforeAfter).changed() {
        studio.view.split = split.then_some(0.5);
    }
    let present = super::Command::Present;
    if ui
        .button(present.label())
        .on_hover_text(format!(
            "{} ({})",
            present.help(),
            present.shortcut_text(ui.ctx())
        ))
        .clicked()
    {
        studio.queue(present);
    }
    let mut photo = !studio.view.preview.hide_photo;
    if ui.checkbox(&mut photo, "Show photo").changed() {
        studio.view.preview.hide_photo = !photo;
    }
    ui.checkbox(&mut studio.view.show_dots, "Show dots");
    ui.checkbox(&mut studio.view.show_overlays, "Show guides");
    ui.separator();
    ui.heading("Impressions");
    let vi = studio.variant_index();
    let zone_names: Vec<String> = studio.doc.design.variants[vi]
        .zones
        .iter()
        .map(|z| z.name.clone())
        .collect();
    let Some(stats) = studio.latest_computed().map(|c| c.stats.clone()) else {
        ui.spinner();
        return;
    };
    egui::Grid::new("stats")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            ui.label("Total");
            ui.strong(format!("{}", stats.total));
            ui.end_row();
            for (i, c) in stats.per_session.iter().enumerate() {
                ui.label(format!("Session {}", i + 1));
                ui.label(format!("{c}"));
                ui.end_row();
            }
            ui.label("Treated area");
            ui.label(format!("{:.1} cm²", stats.treated_area_cm2));
            ui.end_row();
            for (z, name) in stats.zones.iter().zip(zone_names) {
                ui.label(name);
                ui.label(format!("{} ({:.0}/cm²)", z.impressions, z.achieved_per_cm2));
                ui.end_row();
            }
            for s in &stats.scars {
                ui.label(format!("Scar: {}", s.name));
                ui.label(format!("{}", s.impressions));
                ui.end_row();
            }
            if let Some(t) = stats.test_patch {
                ui.label("Test patch");
                ui.label(format!("{t}"));
                ui.end_row();
            }
        });
    review_ui(studio, ui, vi, &stats);
}

/// The design checked against the rules of thumb, under the counts it partly rests on.
fn review_ui(studio: &Studio, ui: &mut egui::Ui, vi: usize, stats: &crate::dots::Stats) {
    let advice = crate::review::review(&studio.doc.design, vi, stats);
    ui.separator();
    ui.heading("Design check");
    if advice.is_empty() {
        ui.weak("Nothing to point out: the design is within the usual rules of thumb.");
        return;
    }
    for a in advice {
        let color = match a.level {
            crate::review::Level::Caution => ui.visuals().warn_fg_color,
            crate::review::Level::Note => ui.visuals().weak_text_color(),
        };
        ui.label(egui::RichText::new(a.topic).strong().color(color));
        ui.label(a.text);
        ui.add_space(4.0);
    }
}
