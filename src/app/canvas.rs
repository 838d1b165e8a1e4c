//! The canvas: the photo with its dots rendered at screen resolution, pan and zoom like an image
//! editor, and the hairline overlay with its tool.

use super::screen::{OnHead, ScreenPhoto};
use super::worker::{RenderJob, RenderKey, Worker};
use super::{Studio, Tool};
use crate::geometry::{Point, catmull_rom};
use crate::gpu::Kept;
use crate::render::{Look, PreviewOptions, ViewTransform};
use egui::{Color32, Pos2, Rect, Sense, Stroke, TextureOptions, Vec2};

#[derive(Default)]
pub struct CanvasState {
    /// Photo pixels to canvas *physical* pixels; `None` until the first frame fits the photo.
    view: Option<ViewTransform>,
    texture: Option<egui::TextureHandle>,
    /// What the texture shows, to re-render only when it changes.
    texture_key: Option<RenderKey>,
    /// Canvas size in physical pixels at the last frame.
    size_px: [usize; 2],
    /// Canvas rectangle (egui points) and pixels per point at the last frame.
    rect: Option<(Rect, f32)>,
    /// The preview renderer, started on the first frame.
    worker: Option<Worker>,
    /// The photo without dots, for the before/after split.
    before_texture: Option<egui::TextureHandle>,
    /// The painted zones and scars, tinted.
    regions: super::regions::RegionOverlay,
    /// The preview drawn on the GPU, where there is a suitable one (else the worker renders it).
    pub gpu: Option<super::gpu_canvas::GpuCanvas>,
    /// What the next layout frames, when it differs from the whole photo.
    framing: Option<super::framing::Framing>,
}

impl CanvasState {
    pub fn is_rendering(&self) -> bool {
        self.worker.as_ref().is_some_and(Worker::is_busy)
    }

    pub fn fit_next_frame(&mut self) {
        self.view = None;
        self.framing = None;
    }
    /// Frames `framing` when the canvas is next laid out (its size is known only then).
    pub fn frame_next(&mut self, framing: super::framing::Framing) {
        self.view = None;
        self.framing = Some(framing);
    }
    /// One photo pixel per physical screen pixel, keeping the canvas centre in place.
    pub fn actual_size(&mut self) {
        if let Some(v) = &mut self.view {
            let centre = Point::new(self.size_px[0] as f64 * 0.5, self.size_px[1] as f64 * 0.5);
            let anchor = v.image_from_screen(centre);
            *v = ViewTransform {
                scale: 1.0,
                origin_px: anchor - centre,
            };
        }
    }
    pub fn size_px(&self) -> [usize; 2] {
        self.size_px
    }
    pub fn shown_head_view(&self) -> Option<Option<usize>> {
        self.texture_key.map(|k| k.head_view)
    }
    pub fn shown_revision(&self) -> Option<u64> {
        self.texture_key.map(|k| k.revision)
    }

    /// The screen <-> photo transform of the last frame, once the canvas was laid out.
    pub fn transform(&self) -> Option<ScreenPhoto> {
        let (rect, ppp) = self.rect?;
        Some(ScreenPhoto {
            view: self.view?,
            origin: rect.min,
            pixels_per_point: f64::from(ppp),
            head: None,
        })
    }
}

pub fn canvas_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    let rect = ui.available_rect_before_wrap();
    let response = ui.allocate_rect(rect, Sense::click_and_drag());
    let ppp = ui.ctx().pixels_per_point() as f64;
    let size_px = [
        (rect.width() as f64 * ppp).round().max(1.0) as usize,
        (rect.height() as f64 * ppp).round().max(1.0) as usize,
    ];
    let (pw, ph) = (studio.photo.width() as f64, studio.photo.height() as f64);
    let mut view = studio.canvas.view.unwrap_or_else(|| {
        let framing = studio
            .canvas
            .framing
            .take()
            .unwrap_or(super::framing::Framing::Whole);
        framing.view(pw, ph, size_px[0] as f64, size_px[1] as f64)
    });
    let transform = |view: ViewTransform| ScreenPhoto {
        view,
        origin: rect.min,
        pixels_per_point: ppp,
        head: None,
    };
    // On a photo of a head design the tools draw on the head: the design's coordinates are its
    // scalp map's, seen through the photo's camera. Without a registered camera they cannot.
    let on_photo = studio.head_views.shown.is_some();
    let on_head = match (on_photo, studio.doc.design().head) {
        (true, Some(h)) => studio.shown_camera().map(|(camera, chart)| OnHead {
            camera,
            chart,
            map_mm_per_px: h.map_mm_per_px,
        }),
        _ => None,
    };
    let design_t = |view: ViewTransform| ScreenPhoto {
        head: on_head,
        ..transform(view)
    };
    let can_draw = !on_photo || on_head.is_some();

    // Zoom about the cursor (wheel or pinch), like an image editor.
    if let Some(hover) = response.hover_pos() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta(), i.zoom_delta()));
        let factor = zoom as f64 * (scroll.y as f64 * 0.0025).exp();
        if (factor - 1.0).abs() > 1e-6 {
            let anchor = transform(view).photo_from_screen(hover);
            let scale = (view.scale * factor).clamp(0.02, 64.0);
            let cursor = transform(view).canvas_px_from_screen(hover);
            view = ViewTransform {
                scale,
                origin_px: anchor - cursor * (1.0 / scale),
            };
        }
    }
    let space = ui.input(|i| i.key_down(egui::Key::Space));
    let panning = response.dragged_by(egui::PointerButton::Middle)
        || (response.dragged_by(egui::PointerButton::Primary)
            && (studio.tool.active == Tool::Pan || space)
            && studio.tools.dragging_point.is_none());
    if panning {
        let d = response.drag_delta();
        view.origin_px =
            view.origin_px - Point::new(d.x as f64 * ppp, d.y as f64 * ppp) * (1.0 / view.scale);
    } else if on_photo && studio.head_views.placing != super::head_views::Placing::Nothing {
        // Placing the photo on the head: its clicks are photo pixels.
        super::head_views::place_clicks(studio, &response, &transform(view));
    } else if !can_draw {
        // A photo not yet registered: nothing to draw through.
    } else if studio.tool.active == Tool::Hairline && !space {
        super::tools::hairline::hairline_tool(studio, &response, &design_t(view));
    } else if !space {
        super::tools::tool_input(studio, &response, &design_t(view));
    }
    studio.canvas.view = Some(view);
    studio.canvas.size_px = size_px;
    studio.canvas.rect = Some((rect, ppp as f32));

    // Re-render the preview only when something it shows changed, on the worker thread; until
    // it is ready the last preview is drawn where its photo pixels now are.
    let variant = studio.variant_index();
    let mut options = studio.view.preview;
    match options.look {
        Look::Aged { .. } => {
            options.look = Look::Aged {
                years: studio.view.aged_years,
            }
        }
        Look::Healing { .. } => {
            options.look = Look::Healing {
                days: studio.view.healing_days,
            }
        }
        _ => {}
    }
    if studio.canvas.gpu.as_ref().is_some_and(|g| g.failed()) {
        studio.canvas.gpu = None;
        studio.status =
            "Preview drawn on the CPU: the GPU could not make a frame this size.".into();
    }
    let gpu = studio.canvas.gpu.is_some();
    // On the GPU the view, size and look are the frame's own, and both sides of a split are
    // drawn there too (the photo alone, a later visit's, or another variant or dot layout): the
    // worker only makes the dots.
    let gpu_split = gpu && studio.view.split.is_some();
    let key = RenderKey {
        revision: studio.doc.revision,
        variant,
        options: if gpu {
            PreviewOptions::default()
        } else {
            options
        },
        view: if gpu { ViewTransform::IDENTITY } else { view },
        size: if gpu { [0, 0] } else { size_px },
        dots: studio.view.show_dots && !studio.later_visit_hides_dots(),
        before: studio.view.split.is_some() && !gpu,
        compare: studio.view.compare.filter(|_| studio.view.split.is_some()),
        other_layout: studio.layout_compared(),
        head_view: studio.head_views.shown,
        worst_case: studio
            .worst_case_untreated_cm2()
            .and(studio.view.worst_case),
        later_before: studio.later_visit_before_photo().is_some(),
        gpu,
    };
    let worker = studio
        .canvas
        .worker
        .get_or_insert_with(|| Worker::new(Some(ui.ctx().clone())));
    if let Some(result) = worker.poll() {
        if let Some(image) = result.image {
            upload(ui.ctx(), &mut studio.canvas.texture, "preview", image);
        }
        if let Some(g) = studio.canvas.gpu.as_mut() {
            if let Some(dots) = result.gpu_dots {
                g.set_dots(Kept::Preview, dots);
            }
            if let Some(dots) = result.gpu_before {
                g.set_dots(Kept::Before, dots);
            }
        }
        studio.canvas.texture_key = Some(result.key);
        if let Some(before) = result.before {
            upload(
                ui.ctx(),
                &mut studio.canvas.before_texture,
                "before",
                before,
            );
        }
        studio.store_computed(result.key.revision, result.key.variant, result.computed);
    }
    let busy = studio.canvas.worker.as_ref().is_some_and(Worker::is_busy);
    if studio.canvas.texture_key != Some(key) && !busy {
        let job = RenderJob {
            key,
            design: studio.doc.design().clone(),
            photo: std::sync::Arc::clone(&studio.photo),
            before_photo: studio.later_visit_before_photo(),
            computed: studio.computed_if_current(),
            camera: studio.shown_camera(),
        };
        if let Some(w) = studio.canvas.worker.as_mut() {
            w.submit(job);
        }
    }
    let painter = ui.painter_at(rect);
    if studio.canvas.gpu.is_some() {
        // On a photo of a head design, the GPU sees the head's impressions through its camera.
        let size = (studio.photo.width() as f64, studio.photo.height() as f64);
        let camera = match (on_photo, studio.shown_camera()) {
            (true, Some((camera, chart))) => {
                Some(crate::gpu::ViewCamera::new(&camera, &chart.head, size))
            }
            _ => None,
        };
        let photo = std::sync::Arc::clone(&studio.photo);
        // The left side shows another variant's or layout's impressions, or none.
        let compared = studio.view.compare.is_some() || studio.layout_compared().is_some();
        // A later visit's photo, side by side with the plan, stands in for the bare photo.
        let later = studio.later_visit_before_photo().filter(|_| !compared);
        if let Some(g) = studio.canvas.gpu.as_mut() {
            g.set_photo(&photo);
            g.set_before_photo(later.as_ref());
            let dots_for =
                |kept: Kept| g.has_dots(kept, on_photo) && (camera.is_some() || !on_photo);
            let frame = crate::gpu::Frame {
                view,
                size: size_px.map(|v| v as u32),
                options,
                dots: key.dots && dots_for(Kept::Preview),
                camera,
            };
            let before = studio.view.split.filter(|_| gpu_split).map(|split| {
                let x = rect.left() + rect.width() * split;
                let left = Rect::from_min_max(rect.min, Pos2::new(x, rect.max.y));
                let dots = compared && key.dots && dots_for(Kept::Before);
                (left, crate::gpu::Frame { dots, ..frame })
            });
            g.paint(&painter, rect, frame, before);
        }
    }
    if let Some(shown) = studio.canvas.texture_key {
        let corner = |q: Point| transform(view).screen_from_photo(shown.view.image_from_screen(q));
        let at = Rect::from_min_max(
            corner(Point::new(0.0, 0.0)),
            corner(Point::new(shown.size[0] as f64, shown.size[1] as f64)),
        );
        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        if let (false, Some(t)) = (gpu, &studio.canvas.texture) {
            painter.image(t.id(), at, uv, Color32::WHITE);
        }
        if let (Some(split), Some(before), true, false) = (
            studio.view.split,
            &studio.canvas.before_texture,
            shown.before,
            gpu_split,
        ) {
            split_ui(studio, ui, &painter, rect, Some((before.id(), at)), split);
        }
    }
    if let (Some(split), true) = (studio.view.split, gpu_split) {
        split_ui(studio, ui, &painter, rect, None, split);
    }
    // The worst case's bare, untreated skin: part of the preview, shown with or without guides,
    // on the picture shown (a head design's map or photo alike: it is made for that picture).
    let xf = transform(view);
    studio.paint_worst_case(&painter, |p| xf.screen_from_photo(p));
    if studio.view.show_overlays && on_photo {
        super::head_overlay::head_overlay(studio, &painter, &transform(view));
        if can_draw {
            // The zones' tints and the design's lines, seen on the head.
            let mut regions = std::mem::take(&mut studio.canvas.regions);
            regions.paint(studio, &painter, &design_t(view));
            studio.canvas.regions = regions;
            overlays(studio, &painter, &design_t(view), studio.variant_index());
            super::tools::tool_overlays(studio, &painter, &design_t(view));
            hover_name(studio, &painter, &response, &design_t(view));
        }
    } else if studio.view.show_overlays {
        // The tints are the active variant's: beside a compared variant, only on its half.
        let regions_painter = match studio.view.compare.zip(studio.view.split) {
            Some((_, split)) => painter.with_clip_rect(Rect::from_min_max(
                Pos2::new(rect.left() + rect.width() * split, rect.min.y),
                rect.max,
            )),
            None => painter.clone(),
        };
        let mut regions = std::mem::take(&mut studio.canvas.regions);
        regions.paint(studio, &regions_painter, &transform(view));
        studio.canvas.regions = regions;
        // Side by side, each half shows its own variant's lines: the compared one left of the
        // split, the active one right of it.
        let compared = studio.view.compare.zip(studio.view.split);
        let active = studio.variant_index();
        match compared {
            Some((c, split)) => {
                let x = rect.left() + rect.width() * split;
                let left = Rect::from_min_max(rect.min, Pos2::new(x, rect.max.y));
                let right = Rect::from_min_max(Pos2::new(x, rect.min.y), rect.max);
                overlays(studio, &painter.with_clip_rect(left), &transform(view), c);
                overlays(
                    studio,
                    &painter.with_clip_rect(right),
                    &transform(view),
                    active,
                );
            }
            None => overlays(studio, &painter, &transform(view), active),
        }
        super::tools::tool_overlays(studio, &painter, &transform(view));
        hover_name(studio, &painter, &response, &transform(view));
    }
    // Zoom readout, bottom-left, on a backing so it reads on any photo.
    let zoom_text = match studio.shown_camera() {
        // A photo of the head: its scale at the head's centre (nearer skin is larger).
        Some((camera, _)) => format!(
            "{:.0}%  ·  {:.3} mm/px at the head",
            view.scale * 100.0,
            1.0 / camera.px_per_mm_at(crate::head::V3::default())
        ),
        None => format!(
            "{:.0}%  ·  {:.3} mm/px",
            view.scale * 100.0,
            studio.doc.design().calibration.mm_per_px()
        ),
    };
    super::regions::label(
        &painter,
        rect.left_bottom() + Vec2::new(8.0, -8.0),
        egui::Align2::LEFT_BOTTOM,
        &zoom_text,
        Color32::from_gray(230),
    );
}

/// The name of the zone or scar under the pointer, beside it.
fn hover_name(
    studio: &Studio,
    painter: &egui::Painter,
    response: &egui::Response,
    xf: &ScreenPhoto,
) {
    if let Some(pos) = response.hover_pos()
        && !response.dragged()
        && let Some(name) = super::regions::name_at(studio, xf.photo_from_screen(pos))
    {
        super::regions::label(
            painter,
            pos + Vec2::new(14.0, 10.0),
            egui::Align2::LEFT_TOP,
            &name,
            Color32::WHITE,
        );
    }
}

/// Puts a rendered image into a texture, reusing the texture when there is one.
fn upload(
    ctx: &egui::Context,
    slot: &mut Option<egui::TextureHandle>,
    name: &str,
    color: egui::ColorImage,
) {
    match slot {
        Some(t) => t.set(color, TextureOptions::NEAREST),
        None => *slot = Some(ctx.load_texture(name, color, TextureOptions::NEAREST)),
    }
}

/// Before (photo alone) left of the split line, after (with dots) right of it; the handle on the
/// line is dragged across the photo. `before` is the before side's texture and where it goes
/// (`None`: the GPU has drawn it).
fn split_ui(
    studio: &mut Studio,
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    rect: Rect,
    before: Option<(egui::TextureId, Rect)>,
    split: f32,
) {
    let names = |i: usize| {
        studio
            .doc
            .design()
            .variants
            .get(i)
            .map_or(String::new(), |v| v.name.clone())
    };
    let (left_label, right_label) = match (studio.view.compare, studio.layout_compared()) {
        (Some(c), _) => (names(c), names(studio.variant_index())),
        (None, Some(new)) => (
            format!("Dot layout {} (new)", new.number()),
            format!(
                "Dot layout {} (as saved)",
                studio.doc.design().layout.number()
            ),
        ),
        (None, None) if studio.later_visit_before_photo().is_some() => (
            format!("Later visit: {}", studio.later.name),
            "Plan".to_string(),
        ),
        (None, None) => ("Before".to_string(), "After".to_string()),
    };
    let x = rect.left() + rect.width() * split;
    let clip = Rect::from_min_max(rect.min, Pos2::new(x, rect.max.y));
    if let Some((texture, at)) = before {
        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        painter
            .with_clip_rect(clip)
            .image(texture, at, uv, Color32::WHITE);
    }
    painter.line_segment(
        [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
        Stroke::new(2.0, Color32::WHITE),
    );
    let handle = Rect::from_center_size(Pos2::new(x, rect.center().y), egui::vec2(28.0, 56.0));
    let response = ui
        .interact(
            handle,
            ui.make_persistent_id("before-after-split"),
            Sense::drag(),
        )
        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
    painter.rect_filled(
        handle,
        6.0,
        Color32::from_rgba_unmultiplied(255, 255, 255, 220),
    );
    for dir in [-1.0f32, 1.0] {
        // Two small arrowheads: the bundled fonts lack arrow glyphs.
        let c = handle.center() + egui::vec2(dir * 6.0, 0.0);
        let tip = c + egui::vec2(dir * 5.0, 0.0);
        painter.add(egui::Shape::convex_polygon(
            vec![tip, c + egui::vec2(0.0, -6.0), c + egui::vec2(0.0, 6.0)],
            Color32::from_gray(40),
            Stroke::NONE,
        ));
    }
    let font = egui::FontId::proportional(16.0);
    painter.text(
        Pos2::new(x - 12.0, rect.top() + 12.0),
        egui::Align2::RIGHT_TOP,
        left_label,
        font.clone(),
        Color32::WHITE,
    );
    painter.text(
        Pos2::new(x + 12.0, rect.top() + 12.0),
        egui::Align2::LEFT_TOP,
        right_label,
        font,
        Color32::WHITE,
    );
    if response.dragged() {
        studio.view.split =
            Some((split + response.drag_delta().x / rect.width()).clamp(0.02, 0.98));
    }
}

/// The hairline, test patch and calibration of variant `vi`.
fn overlays(studio: &Studio, painter: &egui::Painter, xf: &ScreenPhoto, vi: usize) {
    let Some(v) = studio.doc.design().variants.get(vi) else {
        return;
    };
    let accent = Color32::from_rgb(80, 200, 255);
    if let Some(t) = &v.test_patch {
        let pts: Vec<Pos2> = t
            .corners_px(studio.doc.design().calibration.mm_per_px())
            .iter()
            .map(|&p| xf.screen_from_photo(p))
            .collect();
        painter.add(egui::Shape::closed_line(
            pts,
            Stroke::new(1.0, Color32::from_rgb(140, 255, 140)),
        ));
    }
    if let Some(h) = &v.hairline {
        for run in xf.seen_runs(&catmull_rom(&h.points_px, 16)) {
            painter.add(egui::Shape::line(run, Stroke::new(2.0, accent)));
        }
        for (i, &p) in h.points_px.iter().enumerate() {
            if !xf.seen(p) {
                continue;
            }
            let c = xf.screen_from_photo(p);
            let r = if studio.tools.dragging_point == Some(i) {
                7.0
            } else {
                5.0
            };
            painter.circle(
                c,
                r,
                Color32::from_rgba_unmultiplied(0, 0, 0, 120),
                Stroke::new(2.0, accent),
            );
        }
    }
    let cal = &studio.doc.design().calibration;
    if !cal.measured || studio.doc.design().head.is_some() {
        // A placeholder is not a measurement: nothing to show until the ruler is clicked. A
        // head design's scale is its head's, with no ruler.
        return;
    }
    let (a, b) = (
        xf.screen_from_photo(cal.a_px),
        xf.screen_from_photo(cal.b_px),
    );
    painter.line_segment([a, b], Stroke::new(1.0, Color32::from_rgb(255, 255, 120)));
    for p in [a, b] {
        painter.circle_stroke(p, 4.0, Stroke::new(1.5, Color32::from_rgb(255, 255, 120)));
    }
}
