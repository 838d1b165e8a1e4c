//! Presentation mode: the preview fills the screen for the client; a slim bar steps sessions,
//! looks and (on a head design) the photos of the head. No tools, no panels.

use super::{Command, Studio, canvas};
use crate::render::Look;

impl Studio {
    /// On a head design: the scalp map and each photo of the head, one click each, so the client
    /// sees the work from every side.
    fn views_bar(&mut self, ui: &mut egui::Ui) {
        if self.doc.design().head.is_none() {
            return;
        }
        ui.separator();
        let names = self.head_view_names();
        let mut chosen = self.shown_head_view();
        ui.selectable_value(&mut chosen, None, "From above");
        for (k, name) in names.iter().enumerate() {
            ui.selectable_value(&mut chosen, Some(k), name);
        }
        if chosen != self.shown_head_view()
            && let Err(e) = self.show_head_view(chosen)
        {
            self.status = e;
        }
    }

    /// Presentation mode: the preview fills the screen; a slim bar steps sessions and looks.
    pub(super) fn presentation_ui(&mut self, ui: &mut egui::Ui) {
        egui::Panel::bottom("present").show(ui, |ui| {
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.style_mut()
                    .text_styles
                    .insert(egui::TextStyle::Button, egui::FontId::proportional(20.0));
                let n = self.session_count();
                let k = self.view.preview.sessions.latest().min(n - 1);
                if ui
                    .add_enabled(k > 0, egui::Button::new("< Previous"))
                    .clicked()
                {
                    self.run(Command::PreviousSession);
                }
                ui.label(egui::RichText::new(self.view.preview.sessions.label(n)).size(20.0));
                if ui
                    .add_enabled(k + 1 < n, egui::Button::new("Next >"))
                    .clicked()
                {
                    self.run(Command::NextSession);
                }
                ui.separator();
                for (c, text, on) in [
                    (
                        Command::LookFresh,
                        "Fresh",
                        self.view.preview.look == Look::Fresh,
                    ),
                    (
                        Command::LookHealed,
                        "Healed",
                        self.view.preview.look == Look::Healed,
                    ),
                    (
                        Command::LookAged,
                        "Years later",
                        matches!(self.view.preview.look, Look::Aged { .. }),
                    ),
                ] {
                    if ui.selectable_label(on, text).clicked() {
                        self.run(c);
                    }
                }
                ui.separator();
                if ui
                    .selectable_label(self.view.split.is_some(), "Before / after")
                    .clicked()
                {
                    self.run(Command::BeforeAfter);
                }
                // The worst case for the client to see: the stage the practitioner chose last.
                if self.worst_case_unsupported().is_none() {
                    let last = self.view.last_worst_case;
                    if ui
                        .selectable_label(self.view.worst_case.is_some(), "If the hair recedes")
                        .on_hover_text(format!(
                            "The design if the hair recedes to Norwood {last} (a template, not a prediction); bare, untreated skin in red"
                        ))
                        .clicked()
                    {
                        self.view.worst_case = match self.view.worst_case {
                            Some(_) => None,
                            None => Some(last),
                        };
                    }
                }
                self.views_bar(ui);
                ui.separator();
                if ui
                    .button("Treated area")
                    .on_hover_text("Framed on the work, at a zoom where the impressions read")
                    .clicked()
                {
                    self.frame_treated_area();
                }
                if ui
                    .button("Whole head")
                    .on_hover_text("The whole photo")
                    .clicked()
                {
                    self.canvas.fit_next_frame();
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui.button("Exit (Esc)").clicked() {
                        self.run(Command::Present);
                    }
                });
            });
            ui.add_space(6.0);
        });
        let show_overlays = std::mem::replace(&mut self.view.show_overlays, false);
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| canvas::canvas_ui(self, ui));
        self.view.show_overlays = show_overlays;
    }
}
