//! The zone and scar lists: one widget for both.

use super::Changes;

/// A selectable list of zones or scars: the selected one shows its properties and is what the
/// brush and polygon tools paint into; "New" selects one past the end, so the next stroke starts
/// a new item.
pub struct RegionList {
    pub new_label: &'static str,
    pub new_help: &'static str,
    /// Scars (their colours) rather than zones.
    pub scars: bool,
}

impl RegionList {
    pub fn ui<T>(
        &self,
        ui: &mut egui::Ui,
        changes: &Changes,
        items: &mut Vec<T>,
        selected: &mut usize,
        name: impl Fn(&mut T) -> &mut String,
        properties: impl Fn(&mut egui::Ui, &mut T),
    ) {
        let mut remove = None;
        for (i, item) in items.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                // The colour the region has on the canvas.
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
                ui.painter().circle_filled(
                    swatch.center(),
                    5.0,
                    crate::app::regions::region_colour(i, self.scars),
                );
                if ui
                    .selectable_label(*selected == i, name(item).as_str())
                    .clicked()
                {
                    *selected = i;
                }
                if ui.small_button("Delete").clicked() {
                    remove = Some(i);
                    changes.mark();
                }
            });
            if *selected == i {
                changes.track(ui.text_edit_singleline(name(item)));
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
