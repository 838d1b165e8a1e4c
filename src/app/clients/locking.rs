//! Locking the client library in the studio: the passphrase asked before anything is shown,
//! "Lock now", a passphrase given for the first time, and the lock that closes the library by
//! itself after the minutes of disuse the settings name (and when the studio closes).

use super::super::Studio;
use super::ClientsScreen;
use crate::records::library::client_folder_of;
use std::time::{Duration, Instant};

/// The passphrase fields while they are shown.
#[derive(Default)]
pub struct PassphraseForm {
    pub passphrase: String,
    /// Typed again, when a passphrase is being set.
    pub again: String,
    pub error: Option<String>,
}

/// Unsaved work on a client's page when the library locked (by "Lock now" or left alone): the
/// client's details as saved (to find them again), as being edited, and the session being
/// logged. Kept in memory, not shown while locked, and given back on unlocking: a lock must not
/// cost the practitioner what they were typing.
pub struct Held {
    saved: crate::records::ClientDetails,
    details: crate::records::ClientDetails,
    log_form: Option<super::LogForm>,
}

impl ClientsScreen {
    /// Gives back what was being typed when the library locked: the client's page again (their
    /// record unsealed), their details as they were being edited and the session being logged.
    fn give_back_held(&mut self) {
        let Some(held) = self.held.take() else {
            return;
        };
        let name = held.saved.name.clone();
        let Some(summary) = self
            .listing
            .clients
            .iter()
            .find(|c| c.details == held.saved)
            .cloned()
        else {
            self.message = format!(
                "Unlocked; {name}'s record is no longer in the library: what was being typed for them is lost"
            );
            return;
        };
        self.select(&summary);
        let Some(page) = &mut self.page else {
            return;
        };
        page.details = held.details;
        self.log_form = held.log_form;
        self.message = format!("Unlocked; {name}'s page is back as it was left, not yet saved");
    }

    /// What the lock's message adds when unsaved work is kept for after unlocking.
    fn held_note(&self) -> String {
        self.held.as_ref().map_or(String::new(), |h| {
            format!(
                "; {}'s unsaved page comes back when the library is unlocked",
                h.saved.name
            )
        })
    }

    /// Whether the library has a passphrase and is locked now.
    pub fn is_locked(&self) -> bool {
        self.library.as_ref().is_some_and(|l| l.is_locked())
    }

    /// Unlocks with the passphrase typed.
    pub fn unlock(&mut self) {
        let typed = std::mem::take(&mut self.passphrase.passphrase);
        let Some(lib) = &mut self.library else { return };
        match lib.unlock(&typed) {
            Ok(()) => {
                self.passphrase = Default::default();
                self.last_use = Instant::now();
                self.message = "Unlocked".into();
                self.refresh();
                self.give_back_held();
            }
            Err(e) => self.passphrase.error = Some(format!("Not unlocked: {e}")),
        }
    }

    /// Gives the library the passphrase typed (twice); whether it took. The studio then locks
    /// it (`Studio::lock_library`, which knows the record still in use).
    pub fn set_passphrase(&mut self) -> bool {
        let f = &mut self.passphrase;
        if f.passphrase != f.again {
            f.error = Some("The two passphrases differ".into());
            return false;
        }
        let typed = std::mem::take(&mut f.passphrase);
        f.again.clear();
        let Some(lib) = &mut self.library else {
            return false;
        };
        match lib.set_passphrase(&typed, crate::records::lock::WORK_LOG_N) {
            Ok(()) => {
                self.passphrase = Default::default();
                self.setting_passphrase = false;
                true
            }
            Err(e) => {
                self.passphrase.error = Some(e.to_string());
                false
            }
        }
    }
}

impl Studio {
    /// Seals every client record and forgets the key, if the library has a passphrase. A
    /// record whose design is open with unsaved changes stays open until they are saved; a
    /// design open from a sealed record is closed (nothing of it is unsaved).
    pub fn lock_library(&mut self) {
        let Some(lib) = &mut self.clients.library else {
            return;
        };
        if !lib.has_passphrase() || lib.is_locked() {
            return;
        }
        let open_in = self.doc.path.as_deref().and_then(client_folder_of);
        let keep = open_in.clone().filter(|_| self.doc.is_dirty());
        match lib.lock(keep.as_deref()) {
            Ok(n) => {
                self.clients.message = match &keep {
                    Some(k) => format!(
                        "Locked {n} record{}; {} stays open: its design has unsaved changes",
                        if n == 1 { "" } else { "s" },
                        k.file_name()
                            .map_or(String::new(), |n| n.to_string_lossy().into_owned())
                    ),
                    None => "Locked".into(),
                };
            }
            Err(e) => self.clients.message = format!("Not everything was locked: {e}"),
        }
        // Nothing of a sealed record stays on screen; what was being typed is kept to give back.
        let page = self.clients.page.take();
        let log_form = self.clients.log_form.take();
        if let Some(p) = page
            && (p.details != p.saved || log_form.is_some())
        {
            self.clients.held = Some(Held {
                saved: p.saved,
                details: p.details,
                log_form,
            });
        }
        self.clients.message += &self.clients.held_note();
        self.clients.refresh();
        if open_in.is_some() && keep.is_none() {
            // Its file is sealed now: the studio shows the sample, the clients ask for the
            // passphrase.
            if let Ok(mut s) = Studio::open(&super::super::sample_design_path()) {
                s.prefs = std::mem::take(&mut self.prefs);
                s.clients = std::mem::take(&mut self.clients);
                s.use_own_browser = self.use_own_browser;
                *self = s;
            }
            self.show_clients(true);
        }
    }

    /// Locks the library once it has been left alone for the settings' minutes.
    pub(in crate::app) fn lock_when_idle(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| !i.events.is_empty() || i.pointer.is_moving()) {
            self.clients.last_use = Instant::now();
        }
        let Some(lib) = &self.clients.library else {
            return;
        };
        if !lib.has_passphrase() || lib.is_locked() {
            return;
        }
        let minutes = self.clients.lock_after_min;
        if minutes == 0 {
            return;
        }
        let after = Duration::from_secs(u64::from(minutes) * 60);
        let idle = self.clients.last_use.elapsed();
        if idle >= after {
            self.lock_library();
            self.clients.message = format!(
                "Locked after {minutes} minute{} without use{}",
                if minutes == 1 { "" } else { "s" },
                self.clients.held_note()
            );
        } else {
            ctx.request_repaint_after(after - idle);
        }
    }

    /// The passphrase asked for in place of the list, while the library is locked.
    pub(super) fn unlock_ui(&mut self, ui: &mut egui::Ui) {
        let c = &mut self.clients;
        ui.add_space(8.0);
        ui.strong("The client library is locked");
        ui.label("Its records are encrypted on this computer. Type the passphrase to open them.");
        let l = ui.label("Passphrase");
        let r = ui
            .add(
                egui::TextEdit::singleline(&mut c.passphrase.passphrase)
                    .password(true)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(e) = &c.passphrase.error {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        if ui.button("Unlock").clicked() || enter {
            c.unlock();
        }
    }

    /// Setting the passphrase for the first time (from the bar's "Lock with passphrase…").
    pub(super) fn set_passphrase_ui(&mut self, ctx: &egui::Context) {
        let c = &mut self.clients;
        if !c.setting_passphrase {
            return;
        }
        let (mut lock, mut cancel) = (false, false);
        egui::Modal::new(egui::Id::unique("set-passphrase")).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Lock the library with a passphrase");
            ui.label(
                "Every client's record is encrypted on this computer and opens only with the \
                 passphrase. Nobody can recover it if it is lost: write it down and keep it safe.",
            );
            for (label, value) in [
                ("New passphrase", &mut c.passphrase.passphrase),
                ("The same again", &mut c.passphrase.again),
            ] {
                let l = ui.label(label);
                ui.add(egui::TextEdit::singleline(value).password(true))
                    .labelled_by(l.id);
            }
            if let Some(e) = &c.passphrase.error {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            ui.horizontal(|ui| {
                lock = ui.button("Lock the library").clicked();
                cancel = ui.button("Cancel").clicked();
            });
        });
        if lock {
            if c.set_passphrase() {
                self.lock_library();
                self.clients.message = format!(
                    "{}. Keep the passphrase safe: without it the records cannot be opened by \
                     anyone, the clinic included.",
                    self.clients.message
                );
            }
        } else if cancel {
            c.setting_passphrase = false;
            c.passphrase = Default::default();
        }
    }
}
