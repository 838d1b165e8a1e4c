//! The client list: a search box, "New client", and the clients most recent first, each with
//! their last session; folders that could not be read are named under the list.

use super::super::Studio;
use crate::records::ClientDetails;

impl Studio {
    pub(super) fn client_list_ui(&mut self, ui: &mut egui::Ui) {
        let c = &mut self.clients;
        if let Some(e) = &c.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
            return;
        }
        ui.add_space(4.0);
        let l = ui.label("Search");
        ui.add(
            egui::TextEdit::singleline(&mut c.query)
                .hint_text("name or contact")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
        ui.add_space(4.0);
        if c.new_client.is_none() && ui.button("New client…").clicked() {
            c.new_client = Some(ClientDetails::new(""));
        }
        let (mut create, mut cancel) = (false, false);
        if let Some(new) = &mut c.new_client {
            ui.group(|ui| {
                let l = ui.label("New client's name");
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut new.name)
                            .hint_text("Full name")
                            .desired_width(f32::INFINITY),
                    )
                    .labelled_by(l.id);
                if r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                    create = !new.name.trim().is_empty();
                }
                ui.horizontal(|ui| {
                    create |= ui
                        .add_enabled(!new.name.trim().is_empty(), egui::Button::new("Add client"))
                        .clicked();
                    cancel = ui.button("Cancel").clicked();
                });
            });
        }
        if cancel {
            c.new_client = None;
        }
        if create {
            if let Some(n) = &mut c.new_client {
                n.name = n.name.trim().to_string();
            }
            c.create_client();
        }
        ui.separator();
        let shown: Vec<_> = c.listing.search(&c.query).cloned().collect();
        let selected = c.page.as_ref().map(|p| p.folder.path.clone());
        let mut chosen = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            if c.listing.clients.is_empty() && c.listing.problems.is_empty() {
                ui.weak("No clients yet: add the first with New client.");
            } else if shown.is_empty() {
                ui.weak(format!("No client matches \"{}\"", c.query.trim()));
            }
            for s in &shown {
                let when = match &s.last_session {
                    Some(d) => format!(
                        "last session {d} · {} log entr{}",
                        s.log_entries,
                        if s.log_entries == 1 { "y" } else { "ies" }
                    ),
                    None => format!("added {}", s.details.created),
                };
                let is_selected = selected.as_ref() == Some(&s.folder.path);
                // The name as the line read first, when and how much in small grey under it.
                let mut job = egui::text::LayoutJob::default();
                let style = ui.style();
                egui::RichText::new(format!("{}\n", s.details.name))
                    .strong()
                    .append_to(
                        &mut job,
                        style,
                        egui::FontSelection::Default,
                        egui::Align::LEFT,
                    );
                egui::RichText::new(when).weak().append_to(
                    &mut job,
                    style,
                    egui::FontSelection::Default,
                    egui::Align::LEFT,
                );
                let r = ui.add(
                    egui::Button::selectable(is_selected, job)
                        .min_size(egui::vec2(ui.available_width(), 0.0)),
                );
                if r.clicked() {
                    chosen = Some(s.clone());
                }
            }
            if !c.listing.problems.is_empty() {
                ui.separator();
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} folder{} could not be read and {} left out:",
                        c.listing.problems.len(),
                        if c.listing.problems.len() == 1 {
                            ""
                        } else {
                            "s"
                        },
                        if c.listing.problems.len() == 1 {
                            "is"
                        } else {
                            "are"
                        }
                    ),
                );
                for p in &c.listing.problems {
                    ui.small(p);
                }
            }
        });
        if let Some(f) = chosen {
            c.select(&f);
        }
    }
}
