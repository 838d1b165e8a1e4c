//! The keyboard shortcut list, generated from the command table, and the command palette that
//! finds any command by name.

use super::Studio;
use super::commands::{COMMANDS, Command, Menu};

impl Studio {
    /// Every command, menu by menu, with its shortcut and what it does. It scrolls, so it fits
    /// any window.
    pub(super) fn help_ui(&mut self, ctx: &egui::Context) {
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .default_height(ctx.content_rect().height() * 0.7)
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for menu in Menu::ALL {
                            ui.strong(menu.title());
                            ui.end_row();
                            for s in COMMANDS.iter().filter(|s| s.menu == menu) {
                                let keys: Vec<String> = [s.shortcut, s.also]
                                    .into_iter()
                                    .flatten()
                                    .map(|k| super::commands::shortcut_text(ctx, &k))
                                    .collect();
                                ui.label(keys.join(" or "));
                                ui.label(s.label);
                                ui.label(s.help);
                                ui.end_row();
                            }
                        }
                        ui.strong("Canvas");
                        ui.end_row();
                        for (keys, what) in [
                            ("Wheel / pinch", "Zoom about the cursor"),
                            ("Middle-drag / Space-drag", "Pan with any tool"),
                        ] {
                            ui.label(keys);
                            ui.label(what);
                            ui.label("");
                            ui.end_row();
                        }
                    });
                });
            });
        self.show_help = open;
    }

    /// The command palette: type part of a command's name, Enter runs the first match.
    pub(super) fn palette_ui(&mut self, ctx: &egui::Context) {
        let Some(query) = self.palette.as_mut() else {
            return;
        };
        let mut chosen = None;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("command palette")).show(ctx, |ui| {
            ui.set_width(420.0);
            let edit = ui.add(
                egui::TextEdit::singleline(query)
                    .hint_text("Type a command…")
                    .desired_width(f32::INFINITY),
            );
            edit.request_focus();
            // Commands whose name matches come before those whose help does, so Enter runs
            // what was typed the name of.
            let q = query.to_lowercase();
            let mut matches: Vec<(bool, Command)> = COMMANDS
                .iter()
                .filter(|s| s.command != Command::Palette)
                .filter_map(|s| {
                    let by_name = s.label.to_lowercase().contains(&q);
                    (by_name || s.help.to_lowercase().contains(&q)).then_some((!by_name, s.command))
                })
                .collect();
            matches.sort_by_key(|&(by_help, _)| by_help);
            let matches: Vec<Command> = matches.into_iter().map(|(_, c)| c).collect();
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for c in &matches {
                        let button =
                            egui::Button::new(c.label()).shortcut_text(c.shortcut_text(ctx));
                        if ui.add(button).on_hover_text(c.help()).clicked() {
                            chosen = Some(*c);
                        }
                    }
                });
            if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
                chosen = matches.first().copied();
            }
            close = ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
        if let Some(c) = chosen {
            self.queue(c);
        }
        if chosen.is_some() || close {
            self.palette = None;
        }
    }
}
