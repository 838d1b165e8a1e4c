//! The right panel: variant, look and sessions shown, layers, the live impression counts and
//! the design check.

use super::{command_checkbox, param_slider};
use crate::app::{Command, Gesture, Studio};
use crate::design::params;
use crate::render::{Look, SessionView};

pub fn preview_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    ui.heading("Design");
    super::layout_notice::layout_notice_ui(studio, ui);
    let names: Vec<String> = studio
        .doc
        .design()
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
    if active != studio.doc.design().active_variant {
        studio
            .doc
            .edit(Gesture::Once, |d| d.active_variant = active);
        studio.show_variant(active);
    }
    if variant_actions_ui(studio, ui) {
        // Variants were added or removed: the rest of the panel draws from them next frame.
        ui.ctx().request_repaint();
        return;
    }
    super::head_views::head_views_ui(studio, ui);
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
        let healing = matches!(look, Look::Healing { .. });
        if ui
            .selectable_label(healing, "Healing")
            .on_hover_text(
                "Days after the session: scabs, the phantom fade, the colour coming back",
            )
            .clicked()
        {
            *look = Look::Healing {
                days: studio.view.healing_days,
            };
        }
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
    if let Look::Healing { .. } = studio.view.preview.look {
        let days = &mut studio.view.healing_days;
        ui.add(
            egui::Slider::new(days, 0.0..=crate::render::HEALED_AFTER_DAYS)
                .step_by(1.0)
                .text("days after the session"),
        );
        let stage = match *days {
            d if d < 1.0 => "fresh: crisp and dark, the skin pink",
            d if d <= 7.0 => "scabs: each larger and darker than its dot",
            d if d <= 14.0 => "phantom fade: the scabs have fallen, patchy and much lighter",
            d if d < crate::render::HEALED_AFTER_DAYS => "the colour coming back",
            _ => "healed",
        };
        ui.label(egui::RichText::new(stage).small().weak());
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
    let has_patch = studio.doc.design().variants[studio.variant_index()]
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
    worst_case_ui(studio, ui);
    crate::app::later_visit::later_visit_ui(studio, ui);
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
    let zone_names: Vec<String> = studio.doc.design().variants[vi]
        .zones
        .iter()
        .map(|z| z.name.clone())
        .collect();
    let Some(stats) = studio.latest_computed().map(|c| c.stats.clone()) else {
        ui.spinner();
        return;
    };
    counts_table(ui, &stats, &zone_names);
    review_ui(studio, ui, vi, &stats);
}

/// The worst case: the client's hair receded to a later Norwood stage, and how much bald skin the
/// design would then leave untreated.
fn worst_case_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    let why_not = studio.worst_case_unsupported();
    let label = |n: Option<u8>| match n {
        None => "as today".to_string(),
        Some(n) => format!("Norwood {n}"),
    };
    let mut stage = studio.view.worst_case;
    ui.add_enabled_ui(why_not.is_none(), |ui| {
        ui.horizontal(|ui| {
            egui::ComboBox::from_label("Hair")
                .selected_text(label(stage))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut stage, None, label(None));
                    for n in 2..=7 {
                        ui.selectable_value(&mut stage, Some(n), label(Some(n)));
                    }
                })
                .response
                .on_hover_text(
                    "The worst case: the client's hair receded to a later stage of the Norwood scale (a template, not a prediction), and the skin that would then be bare and untreated in red",
                )
                .on_disabled_hover_text(why_not.unwrap_or_default());
        });
    });
    studio.view.worst_case = stage.filter(|_| why_not.is_none());
    if let Some(n) = studio.view.worst_case {
        studio.view.last_worst_case = n;
    }
    if let (Some(n), true) = (studio.view.worst_case, studio.is_making_worst_case()) {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!("Working out Norwood {n}…"));
        });
    }
    if let (Some(n), Some(cm2)) = (studio.view.worst_case, studio.worst_case_untreated_cm2()) {
        if cm2 > 0.05 {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("At Norwood {n}: {cm2:.1} cm² of bald skin left untreated (red)"),
            );
        } else {
            let seen = if studio.worst_case_unseen_cm2().is_some_and(|a| a >= 1.0) {
                " the photos show"
            } else {
                ""
            };
            ui.label(format!(
                "At Norwood {n}: the design covers every bald area{seen}"
            ));
        }
        if let Some(unseen) = studio.worst_case_unseen_cm2().filter(|&a| a >= 1.0) {
            ui.label(format!(
                "{unseen:.0} cm² of the skin bald at Norwood {n} is in no photo clearly enough to tell whether it has hair now: a photo of it would show what it loses"
            ))
            .on_hover_text("Skin no photo faces is not counted as lost: add a photo of the back or crown of the head");
        }
    }
}

/// Duplicate, rename and delete the active variant: alternatives are made here, in the studio.
/// Returns whether a variant was added or removed.
fn variant_actions_ui(studio: &mut Studio, ui: &mut egui::Ui) -> bool {
    let vi = studio.variant_index();
    let count = studio.doc.design().variants.len();
    ui.horizontal(|ui| {
        let can_add = count < crate::design::Limits::MAX_VARIANTS;
        if ui
            .add_enabled(can_add, egui::Button::new("Duplicate variant"))
            .on_hover_text("A copy of this variant to change: compare the two side by side")
            .clicked()
        {
            let copy = studio.doc.edit(Gesture::Once, |d| d.duplicate_variant(vi));
            studio.show_variant(copy);
        }
        if ui
            .add_enabled(count > 1, egui::Button::new("Delete variant"))
            .on_hover_text("Remove this variant from the design")
            .clicked()
        {
            studio.doc.edit(Gesture::Once, |d| d.remove_variant(vi));
            studio.view.compare = None;
            studio.view.split = None;
            studio.show_variant(studio.variant_index());
        }
    });
    if studio.doc.design().variants.len() != count {
        return true;
    }
    let mut name = studio.doc.design().variants[vi].name.clone();
    let edit = ui.add(egui::TextEdit::singleline(&mut name).hint_text("Variant name"));
    if edit.changed() {
        studio
            .doc
            .edit(Gesture::Panel, |d| d.variants[vi].name = name.clone());
    }
    let taken = studio
        .doc
        .design()
        .variants
        .iter()
        .enumerate()
        .any(|(i, v)| i != vi && v.name == name);
    if name.trim().is_empty() || taken {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Each variant needs a name of its own (the design cannot be saved until it has one)",
        );
    }
    false
}

/// The impression counts for planning and pricing: what, how many, and the density achieved
/// where it applies. A table with a header and right-aligned numbers, so figures line up.
fn counts_table(ui: &mut egui::Ui, stats: &crate::dots::Stats, zone_names: &[String]) {
    use egui_extras::{Column, TableBuilder};
    let mut rows: Vec<(String, String, String)> =
        vec![("Total".into(), stats.total.to_string(), String::new())];
    for (i, c) in stats.per_session.iter().enumerate() {
        rows.push((format!("Session {}", i + 1), c.to_string(), String::new()));
    }
    rows.push((
        "Treated area".into(),
        String::new(),
        format!("{:.1} cm²", stats.treated_area_cm2),
    ));
    for (z, name) in stats.zones.iter().zip(zone_names) {
        rows.push((
            name.clone(),
            z.impressions.to_string(),
            // Where the zone is at its own density: the figure the practitioner set, checked.
            // (Over the whole zone it would include the skin a hairline or feather thins.)
            if z.full_density_area_cm2 > 0.0 {
                format!("{:.0}/cm²", z.full_density_per_cm2)
            } else {
                format!("{:.0}/cm²", z.achieved_per_cm2)
            },
        ));
    }
    for s in &stats.scars {
        rows.push((
            format!("Scar: {}", s.name),
            s.impressions.to_string(),
            String::new(),
        ));
    }
    if let Some(t) = stats.test_patch {
        rows.push(("Test patch".into(), t.to_string(), String::new()));
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    TableBuilder::new(ui)
        .id_salt("counts")
        .striped(true)
        .vscroll(false)
        .column(Column::remainder().at_least(90.0))
        .column(Column::auto().at_least(60.0))
        .column(Column::auto().at_least(60.0))
        .header(row_h, |mut header| {
            header.col(|_| {});
            header.col(|ui| {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.weak("impressions");
                });
            });
            header.col(|ui| {
                ui.weak("density");
            });
        })
        .body(|mut body| {
            for (i, (what, count, extra)) in rows.iter().enumerate() {
                body.row(row_h, |mut row| {
                    row.col(|ui| {
                        ui.add(egui::Label::new(what.as_str()).truncate());
                    });
                    row.col(|ui| {
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if i == 0 {
                                ui.strong(count.as_str());
                            } else {
                                ui.label(count.as_str());
                            }
                        });
                    });
                    row.col(|ui| {
                        ui.weak(extra.as_str());
                    });
                });
            }
        });
}

/// The design checked against the rules of thumb, under the counts it partly rests on.
fn review_ui(studio: &Studio, ui: &mut egui::Ui, vi: usize, stats: &crate::dots::Stats) {
    let advice = crate::review::review(studio.doc.design(), vi, stats);
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
