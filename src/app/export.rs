//! Exports run on a background thread: a 50-megapixel composite takes seconds and the window
//! must stay responsive. The output is checked (format, not an input) before any work starts.

use super::Studio;
use crate::render::{Caption, ExportKind, export_composite, export_design};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub(super) struct ExportJob {
    stage: Arc<std::sync::atomic::AtomicU8>,
    handle: std::thread::JoinHandle<Result<PathBuf, String>>,
}

impl Studio {
    /// Exports the preview as shown, at the photo's full resolution, on a background thread:
    /// a 50-megapixel composite takes seconds and the window must stay responsive.
    /// The output is refused, before any work, if its extension is not one the program writes,
    /// if it cannot be written there, or if it is the design file or its photo.
    pub fn export(&mut self, path: &Path, kind: ExportKind) {
        if self.export_job.is_some() {
            self.status = "An export is already running".into();
            return;
        }
        // On a photo of a head design, that photo is the input not to write over, and the
        // design is drawn on it through its camera.
        let shown = self.shown_head_view().and_then(|k| {
            let view = self.doc.design().views.get(k)?.clone();
            let base = self.doc.path.clone().unwrap_or_default();
            Some((crate::engine::view_photo_path(&base, &view), view.name))
        });
        let photo_file = shown
            .as_ref()
            .map_or_else(|| self.doc.photo_path.clone(), |(p, _)| p.clone());
        let inputs = crate::output::design_inputs(self.doc.path.as_deref(), &photo_file);
        let format = match crate::output::check_image_output(path, self.prefs.jpeg_quality, &inputs)
        {
            Ok(f) => f,
            Err(e) => {
                self.status = format!("Not exported: {e}");
                return;
            }
        };
        let vi = self.variant_index();
        let options = self.view.preview;
        let design = self.doc.design().clone();
        // The worst case shown is exported as shown: the stage's photo, its red baked in.
        let worst = self
            .view
            .worst_case
            .filter(|_| self.worst_case_unsupported().is_none());
        // The stage's photo the canvas shows, if it is current; else (a photo design) made on
        // the export's thread.
        let shown_stage = worst.and_then(|n| self.worst_case_stage(n));
        if worst.is_some() && shown_stage.is_none() && self.doc.design().head.is_some() {
            self.status = "Not exported: the worst case is not drawn on this picture yet".into();
            return;
        }
        let photo = match worst {
            Some(_) => self.client_photo(),
            None => Arc::clone(&self.photo),
        };
        let camera = self.shown_camera();
        let mut dots = self.computed().dots.clone();
        if let Some((camera, chart)) = &camera {
            let size = (photo.width() as f64, photo.height() as f64);
            dots = crate::head::dots_in_view(chart, &dots, camera, size);
        } else if shown.is_some() {
            self.status = "Not exported: this photo is not registered to the head yet".into();
            return;
        }
        let view_name = shown.map(|(_, name)| name);
        let stage = Arc::new(std::sync::atomic::AtomicU8::new(0));
        let path = path.to_path_buf();
        let progress = Arc::clone(&stage);
        let handle = std::thread::spawn(move || {
            let img = match (&view_name, worst) {
                (None, None) => export_design(&photo, &design, vi, &dots, &options, kind),
                (name, worst) => {
                    let mut caption = match name {
                        Some(name) => Caption::for_view(&design, vi, &options, name),
                        None => Caption::for_variant(&design, vi, &options),
                    };
                    let photo = match worst {
                        None => photo,
                        Some(n) => {
                            let view = match shown_stage {
                                Some(view) => view,
                                None => Arc::new(
                                    crate::norwood::StageView::new(&photo.levels[0], &design, n)
                                        .ok_or("The worst case cannot be drawn on this design")?,
                                ),
                            };
                            let (tinted, cm2) = view.for_design(&design, vi);
                            caption.look += &crate::norwood::caption_note(n, cm2);
                            Arc::new(crate::render::PhotoPyramid::new(tinted))
                        }
                    };
                    export_composite(
                        &photo,
                        &design.variants[vi],
                        &dots,
                        &options,
                        kind,
                        &caption,
                    )
                }
            };
            progress.store(1, std::sync::atomic::Ordering::Relaxed);
            crate::output::write_image(&path, &img, format).map_err(|e| e.to_string())?;
            Ok(path)
        });
        self.export_job = Some(ExportJob { stage, handle });
    }

    /// Waits for a running export to finish (tests and closing).
    pub fn finish_export(&mut self) {
        if let Some(job) = self.export_job.take() {
            self.status = match job.handle.join() {
                Ok(Ok(p)) => format!("Exported {}", p.display()),
                Ok(Err(e)) => e,
                Err(_) => "The export failed unexpectedly".into(),
            };
        }
    }

    pub(super) fn export_progress_ui(&mut self, ui: &mut egui::Ui) {
        let Some(job) = &self.export_job else { return };
        if job.handle.is_finished() {
            self.finish_export();
            return;
        }
        let stage = job.stage.load(std::sync::atomic::Ordering::Relaxed);
        let (text, fraction) = if stage == 0 {
            ("Rendering the export…", 0.35)
        } else {
            ("Writing the image…", 0.8)
        };
        ui.add(
            egui::ProgressBar::new(fraction)
                .desired_width(160.0)
                .text(text)
                .animate(true),
        );
        ui.separator();
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(100));
    }
}
