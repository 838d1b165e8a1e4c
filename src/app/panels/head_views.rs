//! The photos of a head design: choose what the canvas shows (the scalp map, where the design is
//! drawn, or a photo, where it is seen through the photo's solved camera) and how well each photo
//! is registered.

use crate::app::Studio;

pub fn head_views_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    if studio.doc.design.head.is_none() {
        return;
    }
    ui.separator();
    ui.heading("Views of the head");
    let names: Vec<String> = studio
        .doc
        .design
        .views
        .iter()
        .map(|v| v.name.clone())
        .collect();
    let fits: Vec<Option<(f64, f64)>> = match studio.registrations() {
        Ok(r) => r.iter().map(|r| Some((r.rms_px, r.rms_mm))).collect(),
        Err(e) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Photos not registered: {e}"),
            );
            vec![None; names.len()]
        }
    };
    let mut chosen = studio.head_views.shown;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut chosen, None, "Scalp map")
            .on_hover_text("The whole scalp from above: the design is drawn here, per cm² of skin");
        for (k, name) in names.iter().enumerate() {
            let hover = match fits.get(k).copied().flatten() {
                Some((px, mm)) => format!(
                    "The design seen in this photo. Fit of the clicks: {px:.1} px ({mm:.2} mm) rms"
                ),
                None => "The design seen in this photo".to_string(),
            };
            ui.selectable_value(&mut chosen, Some(k), name)
                .on_hover_text(hover);
        }
    });
    if let Some((px, mm)) = chosen.and_then(|k| fits.get(k).copied().flatten()) {
        ui.label(format!(
            "Registered: clicks within {px:.1} px ({mm:.2} mm) rms. Edit on the scalp map."
        ));
    }
    if chosen != studio.head_views.shown
        && let Err(e) = studio.show_head_view(chosen)
    {
        studio.status = e;
    }
}
