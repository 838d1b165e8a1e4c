//! Background work, so the window never stutters: dot generation and preview rendering run on a
//! worker thread, and the canvas shows the last result until the new one is ready.

use super::gpu_canvas::GpuDots;
use crate::design::{Calibration, Design, HeadModel, Layout, Variant};
use crate::engine::{Computed, compute};
use crate::head::{Camera, ScalpChart};
use crate::render::{PhotoPyramid, PreviewOptions, ViewTransform, impressions, render_view};
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
    /// With `before`: render the active variant on this dot layout on the left (a design saved
    /// with an older layout, before the practitioner moves it).
    pub other_layout: Option<Layout>,
    /// A head design's photo shown instead of its scalp map (index in `views`).
    pub head_view: Option<usize>,
    /// The photo at this Norwood stage shown instead of the client's photo (the worst case).
    pub worst_case: Option<u8>,
    /// The split's left side shows a later visit's photo.
    pub later_before: bool,
    /// The canvas is drawn on the GPU: make its impressions (and a compared variant's) instead
    /// of the preview images.
    pub gpu: bool,
}

pub struct RenderJob {
    pub key: RenderKey,
    pub design: Design,
    pub photo: Arc<PhotoPyramid>,
    /// The photo the split's left side shows bare instead of `photo` (a later visit's).
    pub before_photo: Option<Arc<PhotoPyramid>>,
    /// Dots already computed for this revision and variant, if any.
    pub computed: Option<Arc<Computed>>,
    /// With `key.head_view`: the photo's camera and the scalp map the dots are made on.
    pub camera: Option<(Camera, ScalpChart)>,
}

/// Images arrive ready for a texture: converting 8 MB of pixels is done here, not on the UI
/// thread between two frames.
pub struct RenderResult {
    pub key: RenderKey,
    /// The preview, unless the GPU draws it.
    pub image: Option<ColorImage>,
    /// The impressions for the GPU, when it draws the preview.
    pub gpu_dots: Option<GpuDots>,
    /// On the GPU, the compared variant's (or dot layout's) impressions for a split's left side.
    pub gpu_before: Option<GpuDots>,
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

/// What the "before" side of a split was made from: the photo alone, or another variant when
/// comparing. While the user edits the "after" side it stays the same, so it is drawn once.
#[derive(PartialEq)]
struct BeforeKey {
    view: ViewTransform,
    size: [usize; 2],
    hide_photo: bool,
    /// The compared variant with everything its dots depend on, and the preview options.
    compare: Option<(CompareKey, PreviewOptions)>,
    /// The camera of the photo of the head it is seen on (clicks moved, it moved).
    camera: Option<Camera>,
}

struct BeforeCache {
    /// Held so that it is the same photo (not one that reused its address).
    photo: Arc<PhotoPyramid>,
    key: BeforeKey,
    image: ColorImage,
}

/// A split's left side, when it is not the photo alone: another variant, or this variant on
/// another dot layout (variant index and layout).
fn compared(job: &RenderJob) -> Option<(usize, Layout)> {
    let d = &job.design;
    match (job.key.compare, job.key.other_layout) {
        (Some(c), _) if c < d.variants.len() => Some((c, d.layout)),
        (_, Some(layout)) => Some((job.key.variant, layout)),
        _ => None,
    }
}

/// The dots of variant `c` of `design` on dot `layout`.
fn compute_on(design: &Design, c: usize, layout: Layout) -> Computed {
    if layout == design.layout {
        compute(design, c)
    } else {
        let mut moved = design.clone();
        moved.layout = layout;
        compute(&moved, c)
    }
}

/// Everything the dots of a compared variant depend on: the variant, the calibration, seed,
/// dot layout and photo size.
type CompareKey = (Variant, Calibration, u64, Layout, [u32; 2]);

fn compare_key(d: &Design, c: usize, layout: Layout) -> CompareKey {
    (
        d.variants[c].clone(),
        d.calibration.clone(),
        d.seed,
        layout,
        [d.photo.width_px, d.photo.height_px],
    )
}

/// The compared variant's impressions for the GPU, with the head they are on when seen on a
/// photo of it, from `cache` while nothing they depend on changed (the practitioner edits the
/// other side).
type GpuCompareCache = Option<((CompareKey, Option<HeadModel>), GpuDots)>;

fn gpu_before(job: &RenderJob, cache: &mut GpuCompareCache) -> Option<GpuDots> {
    let (c, layout) = compared(job)?;
    let d = &job.design;
    let key = (compare_key(d, c, layout), job.camera.as_ref().and(d.head));
    if let Some((k, dots)) = cache
        && *k == key
    {
        return Some(dots.clone());
    }
    let other = compute_on(d, c, layout);
    let dots = gpu_dots(&d.variants[c], &other.dots, job);
    *cache = Some((key, dots.clone()));
    Some(dots)
}

/// `dots` of `variant` ready for the GPU: on a photo of the head, with their points on the head
/// (the GPU sees them through the shown photo's camera itself).
fn gpu_dots(variant: &Variant, dots: &crate::dots::DotSet, job: &RenderJob) -> GpuDots {
    let (imps, on_head) = match &job.camera {
        Some((_, chart)) => {
            let h = crate::gpu::impressions_on_head(variant, chart, dots);
            (h.impressions, Some(Arc::new(h.points)))
        }
        None => (impressions(variant, dots), None),
    };
    GpuDots {
        impressions: Arc::new(imps),
        variant: variant.clone(),
        session_count: dots.session_count,
        mm_per_px: dots.mm_per_px,
        on_head,
    }
}

/// The before side of a split for `job`, from the cache when nothing it depends on changed.
fn before_image(job: &RenderJob, cache: &mut Option<BeforeCache>) -> ColorImage {
    let [w, h] = job.key.size;
    let d = &job.design;
    let left = compared(job);
    let key = BeforeKey {
        view: job.key.view,
        size: job.key.size,
        hide_photo: job.key.options.hide_photo,
        compare: left.map(|(c, layout)| (compare_key(d, c, layout), job.key.options)),
        camera: job.camera.map(|(c, _)| c),
    };
    // A later visit's photo, side by side with the plan, stands in for the bare photo.
    let photo = job
        .before_photo
        .as_ref()
        .filter(|_| left.is_none())
        .unwrap_or(&job.photo);
    if let Some(c) = cache
        && Arc::ptr_eq(&c.photo, photo)
        && c.key == key
    {
        return c.image.clone();
    }
    // Something changed: let the old image (and perhaps the old photo) go before drawing.
    *cache = None;
    let other = left.map(|(c, layout)| compute_on(d, c, layout));
    // On a photo of a head design the compared dots are seen through its camera too.
    let seen = other
        .as_ref()
        .zip(job.camera.as_ref())
        .map(|(o, (camera, chart))| {
            let size = (job.photo.width() as f64, job.photo.height() as f64);
            crate::head::dots_in_view(chart, &o.dots, camera, size)
        });
    let image = render_view(
        photo,
        &d.variants[left.map_or(job.key.variant, |l| l.0)],
        seen.as_ref().or(other.as_ref().map(|o| &o.dots)),
        &job.key.options,
        job.key.view,
        (w as u32, h as u32),
    );
    let image = texture_image(&image);
    *cache = Some(BeforeCache {
        photo: Arc::clone(photo),
        key,
        image: image.clone(),
    });
    image
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
                let mut before_cache: Option<BeforeCache> = None;
                let mut compare_cache: GpuCompareCache = None;
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
                    let dots = &computed.dots;
                    let (image, gpu_dots) = if job.key.gpu {
                        (None, Some(gpu_dots(variant, dots, &job)))
                    } else {
                        // On a photo of the head the dots are seen through its camera.
                        let seen = job.camera.as_ref().map(|(camera, chart)| {
                            let size = (job.photo.width() as f64, job.photo.height() as f64);
                            crate::head::dots_in_view(chart, dots, camera, size)
                        });
                        let shown = seen.as_ref().unwrap_or(dots);
                        let image = render_view(
                            &job.photo,
                            variant,
                            job.key.dots.then_some(shown),
                            &job.key.options,
                            job.key.view,
                            (w as u32, h as u32),
                        );
                        (Some(texture_image(&image)), None)
                    };
                    let before = job
                        .key
                        .before
                        .then(|| before_image(&job, &mut before_cache));
                    let gpu_before = if job.key.gpu {
                        gpu_before(&job, &mut compare_cache)
                    } else {
                        None
                    };
                    if result_tx
                        .send(RenderResult {
                            key: job.key,
                            image,
                            gpu_dots,
                            gpu_before,
                            before,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Look;

    fn job(design: &Design, photo: &Arc<PhotoPyramid>, compare: Option<usize>) -> RenderJob {
        RenderJob {
            before_photo: None,
            key: RenderKey {
                revision: 1,
                variant: 0,
                options: PreviewOptions {
                    look: Look::Healed,
                    ..PreviewOptions::default()
                },
                view: ViewTransform::fit(2400.0, 1800.0, 320.0, 240.0),
                size: [320, 240],
                dots: true,
                before: true,
                compare,
                other_layout: None,
                head_view: None,
                worst_case: None,
                later_before: false,
                gpu: false,
            },
            design: design.clone(),
            photo: Arc::clone(photo),
            computed: None,
            camera: None,
        }
    }

    /// A design on an older dot layout is shown beside itself on the current one: the left side
    /// is the design with its impressions placed by the current layout, not a copy of the right.
    #[test]
    fn the_current_layout_is_drawn_left_of_an_old_design() {
        let mut design = crate::bundled_design("shaved-soft-hairline");
        design.layout = Layout::V1;
        let photo = Arc::new(PhotoPyramid::new(image::RgbaImage::from_pixel(
            2400,
            1800,
            image::Rgba([210, 170, 150, 255]),
        )));
        let mut cache = None;
        let mut j = job(&design, &photo, None);
        j.key.other_layout = Some(Layout::V2);
        let left = before_image(&j, &mut cache);
        let mut moved = design.clone();
        moved.layout = Layout::V2;
        let expected = render_view(
            &photo,
            &moved.variants[0],
            Some(&compute(&moved, 0).dots),
            &j.key.options,
            j.key.view,
            (320, 240),
        );
        assert!(
            left.pixels == texture_image(&expected).pixels,
            "layout 2 on the left"
        );
        let as_saved = before_image(&job(&design, &photo, Some(0)), &mut cache);
        assert!(
            left.pixels != as_saved.pixels,
            "and it differs from the design's own layout 1"
        );
    }

    /// The before side is reused while only the after side changes, and redrawn as soon as
    /// anything it shows changes: never a stale comparison.
    #[test]
    fn the_before_side_is_cached_but_never_stale() {
        let mut design = crate::bundled_design("shaved-soft-hairline");
        let photo = Arc::new(PhotoPyramid::new(image::RgbaImage::from_pixel(
            2400,
            1800,
            image::Rgba([210, 170, 150, 255]),
        )));
        let mut cache = None;
        let first = before_image(&job(&design, &photo, Some(1)), &mut cache);
        // Editing the variant on the after side leaves the compared one as it was.
        design.variants[0].zones[0].density_per_cm2 = 10.0;
        let again = before_image(&job(&design, &photo, Some(1)), &mut cache);
        assert!(again.pixels == first.pixels);
        // Editing the compared variant redraws it.
        design.variants[1].zones.clear();
        let edited = before_image(&job(&design, &photo, Some(1)), &mut cache);
        assert!(
            edited.pixels != first.pixels,
            "the compared variant changed"
        );
        // So does another photo, even of the same size.
        let other = Arc::new(PhotoPyramid::new(image::RgbaImage::from_pixel(
            2400,
            1800,
            image::Rgba([90, 60, 50, 255]),
        )));
        let plain = before_image(&job(&design, &photo, None), &mut cache);
        let other_photo = before_image(&job(&design, &other, None), &mut cache);
        assert!(plain.pixels != other_photo.pixels, "a new photo is drawn");
    }
}
