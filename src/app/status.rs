//! The status bar: export progress, the photo notice and the last message. A message goes
//! after a while (a stale "Saved …" minutes later misleads); the window wakes once to clear it.

use super::Studio;
use std::time::{Duration, Instant};

/// How long a message stays in the status bar.
pub const STATUS_LIFETIME: Duration = Duration::from_secs(12);

/// A message and when it was first shown, to let it expire.
pub struct Shown {
    text: String,
    since: Option<Instant>,
    /// How long a message stays (`STATUS_LIFETIME`; shorter in tests).
    pub lifetime: Duration,
}

impl Default for Shown {
    fn default() -> Self {
        Shown {
            text: String::new(),
            since: None,
            lifetime: STATUS_LIFETIME,
        }
    }
}

impl Shown {
    /// Clears `message` once it has been shown for `STATUS_LIFETIME`, and asks for the one
    /// repaint that will clear it (none while nothing is shown).
    pub fn expire(&mut self, message: &mut String, ctx: &egui::Context) {
        if message.is_empty() {
            self.since = None;
            return;
        }
        if *message != self.text || self.since.is_none() {
            self.text = message.clone();
            self.since = Some(Instant::now());
        }
        let age = self.since.map_or(Duration::ZERO, |s| s.elapsed());
        if age >= self.lifetime {
            message.clear();
            self.since = None;
        } else {
            ctx.request_repaint_after(self.lifetime - age);
        }
    }
}

impl Studio {
    /// How long status messages stay (for tests, which cannot wait the real lifetime).
    pub fn set_status_lifetime(&mut self, lifetime: Duration) {
        self.status_shown.lifetime = lifetime;
        self.clients.message_shown.lifetime = lifetime;
    }

    pub(super) fn status_ui(&mut self, ui: &mut egui::Ui) {
        self.status_shown.expire(&mut self.status, ui.ctx());
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
