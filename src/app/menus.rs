//! The menu bar, generated from the command table: each menu lists its commands with their
//! shortcuts, plus the few entries that are not commands (recent files, export quality, theme).

use super::Studio;
use super::commands::{COMMANDS, Command, Menu};

impl Studio {
    /// A menu entry for `c`: its label, shortcut and help from the table; greyed out when it
    /// cannot run now.
    pub(super) fn command_button(&mut self, ui: &mut egui::Ui, c: Command) {
        let enabled = match c {
            Command::Undo => self.doc.can_undo(),
            Command::Redo => self.doc.can_redo(),
            _ => true,
        };
        let button = egui::Button::new(c.label()).shortcut_text(c.shortcut_text(ui.ctx()));
        if ui
            .add_enabled(enabled, button)
            .on_hover_text(c.help())
            .clicked()
        {
            self.queue(c);
            ui.close();
        }
    }

    pub(super) fn menu_ui(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            for menu in Menu::ALL {
                ui.menu_button(menu.title(), |ui| {
                    for spec in COMMANDS.iter().filter(|s| s.menu == menu) {
                        self.command_button(ui, spec.command);
                    }
                    self.menu_extras_ui(ui, menu);
                });
            }
        });
    }

    /// What a menu holds besides commands.
    fn menu_extras_ui(&mut self, ui: &mut egui::Ui, menu: Menu) {
        match menu {
            Menu::File => {
                ui.separator();
                ui.menu_button("Open recent", |ui| {
                    if self.prefs.recent.is_empty() {
                        ui.label("No recent designs");
                    }
                    for p in self.prefs.recent.clone() {
                        if ui.button(p.display().to_string()).clicked() {
                            self.open_any(&p);
                            ui.close();
                        }
                    }
                });
                ui.add(
                    egui::Slider::new(&mut self.prefs.jpeg_quality, 1..=100)
                        .text("JPEG export quality"),
                )
                .on_hover_text(
                    "Used when an export's name ends in .jpg or .jpeg; .png exports are lossless",
                );
            }
            Menu::View => {
                ui.separator();
                egui::widgets::global_theme_preference_buttons(ui);
            }
            _ => {}
        }
    }
}
