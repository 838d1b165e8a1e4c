//! The status bar: export progress, the photo notice and the last message.

use super::Studio;

impl Studio {
    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            self.export_progress_ui(ui);
            if let Some(n) = self.notice.clone() {
                ui.colored_label(ui.visuals().warn_fg_color, format!("Warning: {n}"));
                if ui.small_button("Locate photo…").clicked() {
                    self.ask_for_file(super::dialogs::Purpose::LocatePhoto);
                }
                if ui.small_button("Dismiss").clicked() {
                    self.notice = None;
                }
                ui.separator();
            }
            ui.label(&self.status);
        });
    }
}
