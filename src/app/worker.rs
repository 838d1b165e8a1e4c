//! Background work, so the window never stutters: dot generation and preview rendering run on a
//! worker thread, and the canvas shows the last result until the new one is ready.

use crate::design::Design;
use crate::engine::{Computed, compute};
use crate::render::{PhotoPyramid, PreviewOptions, ViewTransform, render_view};
use egui::ColorImage;
use image::RgbaImage;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};

/// Everything a preview depends on; a new render is needed when any of it changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RenderKey {
    pub revision: u64,
    pub variant: usize,
    pub options: PreviewOptions,
    pub view: ViewTransform,
    pub size: [usize; 2],
    pub dots: bool,
    /// Also render the photo alone, for the before/after split.
    pub before: bool,
    /// With `before`: render this variant on the left instead of the bare photo (comparing
    /// alternatives side by side).
    pub compare: Option<usize>,
}

pub struct RenderJob {
    pub key: RenderKey,
    pub design: Design,
    pub photo: Arc<PhotoPyramid>,
    /// Dots already computed for this revision and variant, if any.
    pub computed: Option<Arc<Computed>>,
}

/// Images arrive ready for a texture: converting 8 MB of pixels is done here, not on the UI
/// thread between two frames.
pub struct RenderResult {
    pub key: RenderKey,
    pub image: ColorImage,
    /// The photo alone, when `key.before` asked for it.
    pub before: Option<ColorImage>,
    pub computed: Arc<Computed>,
}

/// The rendered pixels as egui wants them. The renderer's output is opaque, so straight and
/// premultiplied alpha are the same and the cheaper conversion is exact.
fn texture_image(image: &RgbaImage) -> ColorImage {
    let size = [image.width() as usize, image.height() as usize];
    ColorImage::from_rgba_premultiplied(size, image.as_raw())
}

/// A worker thread taking render jobs; only the newest waiting job is done.
pub struct Worker {
    jobs: Sender<RenderJob>,
    results: Receiver<RenderResult>,
    busy: bool,
}

impl Worker {
    pub fn new(ctx: Option<egui::Context>) -> Worker {
        let (jobs, job_rx) = channel::<RenderJob>();
        let (result_tx, results) = channel();
        std::thread::Builder::new()
            .name("preview".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    // Skip to the newest job: intermediate drag positions need not be drawn.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let computed = job
                        .computed
                        .take()
                        .unwrap_or_else(|| Arc::new(compute(&job.design, job.key.variant)));
                    let [w, h] = job.key.size;
                    let variant = &job.design.variants[job.key.variant];
                    let dots = job.key.dots.then_some(&computed.dots);
                    let image = render_view(
                        &job.photo,
                        variant,
                        dots,
                        &job.key.options,
                        job.key.view,
                        (w as u32, h as u32),
                    );
                    let before = job.key.before.then(|| {
                        match job.key.compare.filter(|&c| c < job.design.variants.len()) {
                            Some(c) => {
                                let other = compute(&job.design, c);
                                render_view(
                                    &job.photo,
                                    &job.design.variants[c],
                                    Some(&other.dots),
                                    &job.key.options,
                                    job.key.view,
                                    (w as u32, h as u32),
                                )
                            }
                            None => render_view(
                                &job.photo,
                                variant,
                                None,
                                &job.key.options,
                                job.key.view,
                                (w as u32, h as u32),
                            ),
                        }
                    });
                    if result_tx
                        .send(RenderResult {
                            key: job.key,
                            image: texture_image(&image),
                            before: before.as_ref().map(texture_image),
                            computed,
                        })
                        .is_err()
                    {
                        break;
                    }
                    if let Some(ctx) = &ctx {
                        ctx.request_repaint();
                    }
                }
            })
            .ok();
        Worker {
            jobs,
            results,
            busy: false,
        }
    }

    pub fn is_busy(&self) -> bool {
        self.busy
    }

    pub fn submit(&mut self, job: RenderJob) {
        self.busy = self.jobs.send(job).is_ok();
    }

    /// The newest finished result, if any.
    pub fn poll(&mut self) -> Option<RenderResult> {
        let mut last = None;
        while let Ok(r) = self.results.try_recv() {
            last = Some(r);
            self.busy = false;
        }
        last
    }
}
