//! The studio's native window: eframe's entry point, persistence of preferences, and the
//! choice of the design it opens on.

use super::{Prefs, Studio, fonts, recovery, sample_design_path};
use crate::design::load_design;
use std::path::PathBuf;

struct StudioApp {
    studio: Studio,
}

impl eframe::App for StudioApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let Ok(text) = serde_json::to_string(&self.studio.prefs) {
            storage.set_string("prefs", text);
        }
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // Let a running export finish writing its file.
        self.studio.finish_export();
        // A clean close with nothing unsaved needs no recovery file.
        if !self.studio.doc.is_dirty() {
            recovery::clear_recovery(self.studio.doc.path.as_deref());
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.studio.ui(ui);
    }
}

/// Opens the studio window; returns the process exit code. With no design given it opens the
/// last design (if it still opens), otherwise the bundled sample.
pub fn run(design: Option<PathBuf>) -> i32 {
    if let Some(p) = &design
        && let Err(e) = load_design(p)
    {
        eprintln!("error: {e}");
        return 1;
    }
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
            let mut studio = match design.or(last).map(|p| Studio::open(&p)) {
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
            Ok(Box::new(StudioApp { studio }))
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
