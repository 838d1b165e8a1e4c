//! The studio's native window: eframe's entry point, persistence of preferences, and the
//! choice of the design it opens on.

use super::{Prefs, Studio, fonts, recovery, sample_design_path};
use crate::design::load_design;
use std::path::PathBuf;

struct StudioApp {
    studio: Studio,
    /// The preferences as last written to eframe's storage.
    prefs_written: String,
}

impl eframe::App for StudioApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = serde_json::to_string(&self.studio.prefs) {
            storage.set_string("prefs", text);
        }
    }

    fn on_exit(&mut self, gl: Option<&eframe::glow::Context>) {
        if let (Some(gl), Some(g)) = (gl, &self.studio.canvas.gpu) {
            g.destroy(gl);
        }
        // Let a running export finish writing its file.
        self.studio.finish_export();
        // A clean close with nothing unsaved needs no recovery file.
        if !self.studio.doc.is_dirty() {
            recovery::clear_recovery(self.studio.doc.path.as_deref());
        }
        // A library with a passphrase is left locked.
        self.studio.lock_library();
    }

    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.studio.ui(ui);
        // The recent list and the library's folder are written as soon as they change, not
        // only at a clean exit: after a crash they are still there.
        if let Ok(text) = serde_json::to_string(&self.studio.prefs)
            && text != self.prefs_written
            && let Some(storage) = frame.storage_mut()
        {
            storage.set_string("prefs", text.clone());
            storage.flush();
            self.prefs_written = text;
        }
    }
}

/// Opens the studio window; returns the process exit code. Given a photo it starts a new design
/// on it; given a design it opens it; given neither it opens the last design (if it still
/// opens), otherwise the bundled sample.
pub fn run(design: Option<PathBuf>) -> i32 {
    // A file given on the command line is opened before the window, so a bad one is reported
    // on the terminal with the file and the problem, and the window never shows half a state.
    let given = match design.as_deref() {
        None => None,
        Some(p) if super::opening::is_photo(p) => Some(Studio::for_new_photo(p)),
        Some(p) => Some(
            load_design(p)
                .map_err(|e| e.to_string())
                .map(|d| Studio::with_design(d, Some(p.to_path_buf()))),
        ),
    };
    let given = match given.transpose() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return 1;
        }
    };
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1500.0, 940.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        "Hairline Studio",
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let prefs: Prefs = cc
                .storage
                .and_then(|s| s.get_string("prefs"))
                .and_then(|t| serde_json::from_str(&t).ok())
                .unwrap_or_default();
            let last = prefs.recent.first().cloned();
            // Started without a file, the studio opens on the client library (the last design
            // waits behind it).
            let start_on_clients = given.is_none();
            let opened = match given {
                Some(s) => Some(Ok(s)),
                None => last.map(|p| Studio::open(&p)),
            };
            let mut studio = match opened {
                Some(Ok(s)) => s,
                Some(Err(e)) => {
                    let mut s = Studio::open(&sample_design_path())
                        .map_err(|e| format!("the bundled sample design does not open: {e}"))?;
                    s.notice = Some(format!("The last design could not be opened: {e}"));
                    s
                }
                None => Studio::open(&sample_design_path())
                    .map_err(|e| format!("the bundled sample design does not open: {e}"))?,
            };
            studio.prefs = prefs;
            if let Some(p) = studio.doc.path.clone() {
                studio.prefs.add_recent(&p);
            }
            studio.recoveries = recovery::list_recoveries();
            // The system file dialog on Linux goes through the desktop portal, on the session's
            // D-Bus: without one (a bare X session) there is no dialog, so the studio's own
            // browser is used from the start rather than after a dialog that never showed.
            studio.use_own_browser =
                cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none();
            if start_on_clients {
                studio.show_clients(true);
            }
            // The preview on the GPU where it can be; said once in the status bar either way.
            studio.draw_on_gpu(cc.gl.as_deref(), false);
            Ok(Box::new(StudioApp {
                studio,
                prefs_written: String::new(),
            }))
        }),
    );
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot open the studio window: {e}");
            1
        }
    }
}
