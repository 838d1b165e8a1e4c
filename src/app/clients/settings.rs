//! The library's settings in the studio: the clinic as the report names it, the pace and price
//! its estimates use, the paper, and the aftercare and consent texts it prints.

use super::super::Studio;
use crate::records::settings::{AFTERCARE_FILE, CONSENT_FILE};
use crate::records::{Paper, PriceBasis};

impl Studio {
    pub(super) fn library_settings_ui(&mut self, ctx: &egui::Context) {
        let c = &mut self.clients;
        let Some(s) = &mut c.settings else { return };
        if c.texts.is_none() {
            c.texts = c.library.as_ref().map(|l| l.templates());
        }
        let (mut save, mut cancel) = (false, false);
        egui::Modal::new(egui::Id::unique("library-settings")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading("Library settings");
            egui::ScrollArea::vertical()
                .max_height(600.0)
                .show(ui, |ui| {
                    egui::Grid::new("settings-grid")
                        .num_columns(2)
                        .spacing([12.0, 6.0])
                        .show(ui, |ui| {
                            for (label, value) in [
                                ("Clinic", &mut s.clinic_name),
                                ("Address", &mut s.clinic_address),
                                ("Practitioner", &mut s.practitioner),
                                ("Currency", &mut s.currency),
                            ] {
                                let l = ui.label(label);
                                ui.add(egui::TextEdit::singleline(value).desired_width(320.0))
                                    .labelled_by(l.id);
                                ui.end_row();
                            }
                            let l = ui.label("Impressions per hour");
                            ui.add(
                                egui::DragValue::new(&mut s.impressions_per_hour)
                                    .range(100.0..=50_000.0)
                                    .speed(50.0),
                            )
                            .labelled_by(l.id)
                            .on_hover_text("The pace the report's time estimates use");
                            ui.end_row();
                            ui.label("Price");
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::DragValue::new(&mut s.price)
                                        .range(0.0..=1e7)
                                        .speed(1.0)
                                        .max_decimals(4),
                                );
                                egui::ComboBox::from_id_salt("price-basis")
                                    .selected_text(s.price_basis.label())
                                    .show_ui(ui, |ui| {
                                        for b in PriceBasis::ALL {
                                            ui.selectable_value(&mut s.price_basis, b, b.label());
                                        }
                                    });
                            });
                            ui.end_row();
                            let l = ui.label("Lock after");
                            ui.add(
                                egui::DragValue::new(&mut s.lock_after_min)
                                    .range(0..=240)
                                    .suffix(" min without use"),
                            )
                            .labelled_by(l.id)
                            .on_hover_text(
                                "A library with a passphrase locks itself (0: only on request and \
                             when the studio closes)",
                            );
                            ui.end_row();
                            ui.label("Paper");
                            ui.horizontal(|ui| {
                                ui.selectable_value(&mut s.paper, Paper::A4, "A4");
                                ui.selectable_value(&mut s.paper, Paper::Letter, "Letter");
                            });
                            ui.end_row();
                        });
                    if let Some((aftercare, consent)) = &mut c.texts {
                        ui.add_space(6.0);
                        ui.strong("Aftercare instructions (printed in every report)");
                        ui.add(
                            egui::TextEdit::multiline(aftercare)
                                .desired_rows(6)
                                .desired_width(f32::INFINITY),
                        );
                        ui.strong("Consent text (signed by the client)");
                        ui.add(
                            egui::TextEdit::multiline(consent)
                                .desired_rows(6)
                                .desired_width(f32::INFINITY),
                        );
                    }
                });
            ui.separator();
            ui.horizontal(|ui| {
                save = ui.button("Save").clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
        if save {
            c.save_settings();
        } else if cancel {
            c.settings = None;
            c.texts = None;
        }
    }
}

impl super::ClientsScreen {
    /// Saves the settings and texts being edited.
    pub fn save_settings(&mut self) {
        let (Some(lib), Some(s)) = (&self.library, &self.settings) else {
            return;
        };
        let texts = self.texts.clone();
        let result = lib.save_settings(s).and_then(|()| match &texts {
            Some((a, c)) => lib
                .save_template(AFTERCARE_FILE, a)
                .and_then(|()| lib.save_template(CONSENT_FILE, c)),
            None => Ok(()),
        });
        match result {
            Ok(()) => {
                self.message = "Saved the library's settings".into();
                self.settings = None;
                self.texts = None;
                self.refresh();
            }
            Err(e) => self.message = format!("Not saved: {e}"),
        }
    }
}
