//! The right panel: variant, look and sessions shown, layers, the live impression counts and
//! the design check.

use super::{command_checkbox, param_slider};
use crate::app::{Command, Gesture, Studio};
use crate::design::params;
use crate::render::{Look, SessionView};

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
        studio
            .doc
            .edit(Gesture::Once, |d| d.active_variant = active);
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
    if command_checkbox(ui, &mut split, Command::BeforeAfter).changed() {
        studio.view.split = split.then_some(0.5);
    }
    let present = Command::Present;
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
