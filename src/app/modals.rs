//! Questions asked in the window, which block the canvas until answered: unsaved changes
//! before a file replaces the design or the window closes, and work recovered after a crash.

use super::{Command, Pending, Studio, opening, recovery};

impl Studio {
    /// The question about unsaved changes, asked in the window itself (no system dialog needed).
    pub(super) fn pending_ui(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        if self.saving_first {
            // The user chose Save and the design had no file yet: the save dialog is the one
            // thing shown until it closes; then the action goes on if the work was saved, and
            // stops (the work kept, unsaved) if the dialog was cancelled.
            if self.browser.is_some() || self.dialog.is_some() {
                return;
            }
            self.saving_first = false;
            if self.doc.is_dirty() {
                self.pending = None;
                return;
            }
            self.pending = None;
            self.go_on(pending, ctx);
            return;
        }
        let what = match &pending {
            Pending::Open(p) => format!(
                "open {}",
                p.file_name()
                    .map_or("it".into(), |n| n.to_string_lossy().into_owned())
            ),
            Pending::Choose(
                super::dialogs::Purpose::NewFromPhoto | super::dialogs::Purpose::NewHeadFromPhoto,
            ) => "start a new design".into(),
            Pending::Choose(_) => "open another design".into(),
            Pending::Close => "close Hairline Studio".into(),
        };
        let mut choice = None;
        let shown = egui::Modal::new(egui::Id::unique("unsaved-changes")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            ui.label(format!(
                "{} has changes that are not saved. Save them before you {what}?",
                self.doc
                    .title()
                    .trim_end_matches(" — Hairline Studio")
                    .trim_start_matches("● ")
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some(0);
                }
                if ui.button("Discard changes").clicked() {
                    choice = Some(1);
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(2);
                }
            });
        });
        // Escape (or a click beside the box) is Cancel: nothing is lost.
        if choice.is_none() && shown.should_close() {
            choice = Some(2);
        }
        let go_on = match choice {
            Some(0) => {
                self.run(Command::Save);
                // A design without a file asks where: wait for that dialog.
                self.saving_first = self.browser.is_some() || self.dialog.is_some();
                !self.doc.is_dirty()
            }
            Some(1) => true,
            Some(_) => {
                self.pending = None;
                false
            }
            None => false,
        };
        if go_on {
            self.pending = None;
            self.go_on(pending, ctx);
        }
    }

    /// Carries out the action that waited for the answer about unsaved changes.
    fn go_on(&mut self, pending: Pending, ctx: &egui::Context) {
        match pending {
            Pending::Open(p) => {
                // The design is replaced only once the file has opened: if it cannot be, the
                // unsaved work stays, still marked unsaved.
                self.opening = Some(opening::Opening::start(&p, true));
            }
            Pending::Choose(purpose) => self.ask_for_file_replacing(purpose),
            Pending::Close => {
                self.allow_close = true;
                recovery::clear_recovery(self.doc.path.as_deref());
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Whether a modal question or dialog is up (another must wait its turn).
    pub(super) fn modal_shown(&self) -> bool {
        self.pending.is_some()
            || self.opening.is_some()
            || self.dialog.is_some()
            || self.browser.is_some()
    }

    pub(super) fn recovery_ui(&mut self, ctx: &egui::Context) {
        let mut action = None;
        // Modal: nothing reaches the design underneath until the work is recovered or discarded
        // (a brush stroke under the question would edit a design about to be replaced).
        egui::Modal::new(egui::Id::unique("recover unsaved work")).show(ctx, |ui| {
            ui.heading("Recover unsaved work");
            ui.label("Hairline Studio closed before this work was saved:");
            for (i, (_, rec)) in self.recoveries.iter().enumerate() {
                ui.horizontal(|ui| {
                    let age = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0, |d| d.as_secs())
                        .saturating_sub(rec.saved_unix);
                    ui.label(format!("{} ({} min ago)", rec.label(), age / 60));
                    if ui.button("Recover").clicked() {
                        action = Some((i, true));
                    }
                    if ui.button("Discard").clicked() {
                        action = Some((i, false));
                    }
                });
            }
        });
        match action {
            Some((i, true)) => self.recover(i),
            Some((i, false)) => {
                let (file, _) = self.recoveries.remove(i);
                let _ = std::fs::remove_file(file);
            }
            None => {}
        }
    }
}
