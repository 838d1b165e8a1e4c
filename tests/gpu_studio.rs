//! The studio with its canvas drawn on the GPU, headless: the real app state driven through
//! egui_kittest, each frame painted by egui's own OpenGL painter (egui_glow, the one the window
//! uses) into an offscreen framebuffer, so the canvas's paint callback runs as in the window.
//! A look switch, a zoom, a pan, a session switch and a before/after split show in the very next
//! frame, and what they show is the CPU renderer's picture at that view; variants compared side
//! by side likewise, once the worker has made the compared one's impressions.

mod common;

use common::gl::headless;
use common::pixel_error;
use eframe::egui_glow;
use eframe::glow::{self, HasContext};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline::design::Variant;
use hairline::dots::DotSet;
use hairline::engine::load_design_photo;
use hairline::render::{Look, PhotoPyramid, render_view};
use hairline_studio::app::Studio;
use image::RgbaImage;

const SIZE: [u32; 2] = [1400, 900];

/// Paints the harness's last frame with egui's GL painter and reads it back, top row first.
fn paint(
    h: &Harness<'_, Studio>,
    painter: &mut egui_glow::Painter,
    gl: &glow::Context,
) -> RgbaImage {
    let out = h.output();
    let primitives = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
    let [w, hh] = SIZE;
    unsafe {
        gl.clear_color(0.0, 0.0, 0.0, 1.0);
        gl.clear(glow::COLOR_BUFFER_BIT);
    }
    painter.paint_primitives(SIZE, out.pixels_per_point, &primitives);
    let mut pixels = vec![0u8; (w * hh * 4) as usize];
    unsafe {
        gl.read_pixels(
            0,
            0,
            w as i32,
            hh as i32,
            glow::RGBA,
            glow::UNSIGNED_BYTE,
            glow::PixelPackData::Slice(Some(&mut pixels)),
        );
    }
    let row = (w * 4) as usize;
    let flipped: Vec<u8> = pixels.chunks_exact(row).rev().flatten().copied().collect();
    RgbaImage::from_raw(w, hh, flipped).expect("size")
}

/// The canvas's part of a painted frame.
fn canvas_of(frame: &RgbaImage, studio: &Studio) -> RgbaImage {
    let (_, size, origin) = studio.canvas_view().expect("canvas laid out");
    let (x, y) = (origin.x.round() as u32, origin.y.round() as u32);
    image::imageops::crop_imm(frame, x, y, size[0] as u32, size[1] as u32).to_image()
}

/// The CPU's render of `variant` with `dots` (or of the photo alone) at the canvas's view and
/// look.
fn cpu_canvas(
    studio: &Studio,
    photo: &PhotoPyramid,
    variant: &Variant,
    dots: Option<&DotSet>,
) -> RgbaImage {
    let (view, size, _) = studio.canvas_view().expect("canvas laid out");
    let out = (size[0] as u32, size[1] as u32);
    render_view(photo, variant, dots, &studio.view.preview, view, out)
}

/// The canvas of a painted frame against the CPU's render of the active variant with `dots`:
/// the mean and 99th percentile of the per-pixel error.
fn versus_cpu(
    frame: &RgbaImage,
    studio: &Studio,
    photo: &PhotoPyramid,
    dots: &DotSet,
) -> (f64, u8) {
    let cpu = cpu_canvas(studio, photo, studio.doc.design().active(), Some(dots));
    pixel_error(&canvas_of(frame, studio), &cpu)
}

/// `per_pixel` of the pixels of `a` and `b` (the same size) summed over `columns` x `rows`.
fn over(
    a: &RgbaImage,
    b: &RgbaImage,
    (columns, rows): (std::ops::Range<u32>, std::ops::Range<u32>),
    per_pixel: impl Fn(&[u8; 4], &[u8; 4]) -> f64,
) -> f64 {
    let mut total = 0.0;
    for y in rows {
        for x in columns.clone() {
            total += per_pixel(&a.get_pixel(x, y).0, &b.get_pixel(x, y).0);
        }
    }
    total
}

/// How far apart two pixels are: the levels between them, summed over the channels.
fn apart(p: &[u8; 4], q: &[u8; 4]) -> f64 {
    (0..3).map(|c| p[c].abs_diff(q[c]) as f64).sum()
}

/// Whether two pixels clearly differ (by more than 10 levels in a channel; rounding never
/// does): 1 or 0.
fn clearly_apart(p: &[u8; 4], q: &[u8; 4]) -> f64 {
    f64::from(u8::from((0..3).any(|c| p[c].abs_diff(q[c]) > 10)))
}

/// The photo of the design at `path`.
fn design_photo(path: &std::path::Path) -> PhotoPyramid {
    let mut design = common::load(path);
    let photo = load_design_photo(path, &mut design).expect("the design's photo");
    PhotoPyramid::new(photo.photo.image)
}

/// A GL context without a window and egui's painter for the harness's frames in it.
fn gl_and_painter() -> (common::gl::Headless, egui_glow::Painter) {
    let ctx = headless().unwrap_or_else(|e| panic!("no OpenGL context: {e}"));
    let painter = offscreen_painter(&ctx.gl);
    (ctx, painter)
}

/// A GL painter for the harness's frames, drawing into an offscreen framebuffer the size of the
/// window.
fn offscreen_painter(gl: &std::sync::Arc<glow::Context>) -> egui_glow::Painter {
    let painter = egui_glow::Painter::new(std::sync::Arc::clone(gl), "", None, false)
        .unwrap_or_else(|e| panic!("egui's GL painter: {e}"));
    // Frames are painted into the framebuffer bound here.
    common::gl::rgba8(gl, SIZE, None);
    painter
}

/// The studio on the design at `path`, drawing its canvas through `gl`, guides off (the canvas
/// shows the preview alone), its first dots arrived.
fn harness_on_gpu(path: &std::path::Path, gl: &glow::Context) -> Harness<'static, Studio> {
    let mut studio = Studio::open(path).expect("sample opens");
    // On llvmpipe the studio would choose the CPU; here the GPU path is what is tested.
    studio.draw_on_gpu(Some(gl), true);
    assert!(studio.draws_on_gpu(), "{}", studio.status);
    studio.view.show_overlays = false;
    let mut h = Harness::builder()
        .with_size(egui::vec2(SIZE[0] as f32, SIZE[1] as f32))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    settle(&mut h);
    h
}

/// Steps until the dots of the current design have reached the canvas.
fn settle(h: &mut Harness<'_, Studio>) {
    let start = std::time::Instant::now();
    while h.state().preview_revision() != Some(h.state().doc.revision)
        && start.elapsed() < std::time::Duration::from_secs(30)
    {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.step();
}

#[test]
fn a_look_zoom_or_session_switch_shows_in_the_next_gpu_frame_as_the_cpu_draws_it() {
    let (ctx, mut painter) = gl_and_painter();
    let gl = &ctx.gl;
    let path = common::root().join("designs/shaved-soft-hairline.json");
    let mut h = harness_on_gpu(&path, gl);
    let photo = design_photo(&path);
    let dots = h.state_mut().computed().dots.clone();

    let healed = paint(&h, &mut painter, gl);
    assert_eq!(h.state().view.preview.look, Look::Healed);
    let (mean, p99) = versus_cpu(&healed, h.state(), &photo, &dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "healed: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );

    // One click, one frame: the next frame is fresh.
    h.get_by_label("Fresh").click();
    h.step();
    assert_eq!(h.state().view.preview.look, Look::Fresh);
    let fresh = paint(&h, &mut painter, gl);
    let (mean, p99) = versus_cpu(&fresh, h.state(), &photo, &dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "fresh: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );
    let changed = healed
        .pixels()
        .zip(fresh.pixels())
        .filter(|(a, b)| (0..3).any(|c| a[c].abs_diff(b[c]) > 4))
        .count();
    // Measured: 4,550 pixels change by more than 4 levels in this whole view of the photo.
    assert!(
        changed > 2_000,
        "the look switch changed only {changed} pixels"
    );

    // Zoom in about the middle of the canvas: the next frame is at the new scale.
    let (before, _, origin) = h.state().canvas_view().expect("view");
    let centre = origin + egui::vec2(400.0, 300.0);
    h.event(egui::Event::PointerMoved(centre));
    h.event(egui::Event::Zoom(2.0));
    h.step();
    let (after, _, _) = h.state().canvas_view().expect("view");
    assert!(
        (after.scale / before.scale - 2.0).abs() < 0.01,
        "zoomed from {} to {}",
        before.scale,
        after.scale
    );
    let zoomed = paint(&h, &mut painter, gl);
    let (mean, p99) = versus_cpu(&zoomed, h.state(), &photo, &dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "zoomed: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );
    // A pan (middle-drag): the next frame shows the photo moved under the canvas.
    let (before_pan, _, _) = h.state().canvas_view().expect("view");
    let from = centre + egui::vec2(50.0, 0.0);
    h.event(egui::Event::PointerMoved(from));
    h.event(egui::Event::PointerButton {
        pos: from,
        button: egui::PointerButton::Middle,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();
    h.event(egui::Event::PointerMoved(from + egui::vec2(60.0, 40.0)));
    h.step();
    let (panned, _, _) = h.state().canvas_view().expect("view");
    assert!(
        (panned.origin_px - before_pan.origin_px).x.abs() > 1.0,
        "the pan moved the view from {:?} to {:?}",
        before_pan.origin_px,
        panned.origin_px
    );
    let moved = paint(&h, &mut painter, gl);
    let (mean, p99) = versus_cpu(&moved, h.state(), &photo, &dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "panned: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );
    h.event(egui::Event::PointerButton {
        pos: from + egui::vec2(60.0, 40.0),
        button: egui::PointerButton::Middle,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.step();

    // A session switch likewise: after session 1 only.
    h.get_by_label("1").click();
    h.step();
    assert_eq!(
        h.state().view.preview.sessions,
        hairline::render::SessionView::Cumulative(0)
    );
    let first = paint(&h, &mut painter, gl);
    let (mean, p99) = versus_cpu(&first, h.state(), &photo, &dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "session 1: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );

    // The before/after split: the photo alone left of the line, the preview right of it, both
    // drawn on the GPU, in the next frame; and after a zoom, both at the new view in the next.
    for step in ["split", "zoom"] {
        if step == "split" {
            h.key_press(egui::Key::B);
        } else {
            h.event(egui::Event::Zoom(0.7));
        }
        h.step();
        let split = h.state().view.split.expect("split on");
        let frame = canvas_of(&paint(&h, &mut painter, gl), h.state());
        let active = h.state().doc.design().active();
        let bare = cpu_canvas(h.state(), &photo, active, None);
        let with = cpu_canvas(h.state(), &photo, active, Some(&dots));
        let (w, hh) = frame.dimensions();
        let x = (w as f32 * split) as u32;
        // Clear of the line, its handle and the labels at the top.
        for (side, cols, shown) in [("before", 0..x - 20, &bare), ("after", x + 20..w, &with)] {
            // What the impressions change on this side, and how far the GPU is from what the
            // side should show: a side showing the other's picture is off by all of the first.
            let area = (cols, 50..hh);
            let dots_change = over(&with, &bare, area.clone(), apart);
            let off = over(&frame, shown, area, apart);
            assert!(
                dots_change > 20_000.0,
                "{step}, {side}: the dots change only {dots_change}"
            );
            assert!(
                off < 0.2 * dots_change,
                "{step}, {side} side: GPU off by {off} where the dots change {dots_change}"
            );
        }
    }

    // Comparing variants side by side: the other variant's impressions on the left, made once by
    // the worker and then drawn on the GPU with the frame's view.
    h.state_mut().view.compare = Some(1);
    let design = h.state().doc.design().clone();
    let other = hairline::engine::compute(&design, 1).dots;
    // On each side: the pixels where the frame is clearly (more than 10 levels) off the variant
    // it should show, against those where the two variants clearly differ (an impression in one
    // and not the other: the hairline 5 mm higher, broken). A side showing the wrong variant is
    // off wherever they differ; rounding is never 10 levels.
    let check = |h: &Harness<'_, Studio>, frame: &RgbaImage| {
        let frame = canvas_of(frame, h.state());
        let mine = cpu_canvas(h.state(), &photo, &design.variants[0], Some(&dots));
        let theirs = cpu_canvas(h.state(), &photo, &design.variants[1], Some(&other));
        let (w, hh) = frame.dimensions();
        let x = (w as f32 * h.state().view.split.expect("split")) as u32;
        [("left", 0..x - 20, &theirs), ("right", x + 20..w, &mine)].map(|(side, cols, shown)| {
            let area = (cols, 50..hh);
            let off = over(&frame, shown, area.clone(), clearly_apart);
            (side, off, over(&mine, &theirs, area, clearly_apart))
        })
    };
    let start = std::time::Instant::now();
    let sides = loop {
        h.step();
        let frame = paint(&h, &mut painter, gl);
        let sides = check(&h, &frame);
        let arrived = sides.iter().all(|&(_, off, wrong)| off * 10.0 < wrong);
        if arrived || start.elapsed() > std::time::Duration::from_secs(30) {
            break sides;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    for (side, off, wrong) in sides {
        println!(
            "compared variants, {side}: clearly off on {off} of the {wrong} pixels they differ on"
        );
        assert!(
            wrong > 100.0,
            "compare, {side}: the variants differ on only {wrong} pixels"
        );
        assert!(
            off * 10.0 < wrong,
            "compare, {side} side: GPU clearly off on {off} pixels, the variants differ on {wrong}"
        );
    }
    println!(
        "GPU canvas on {}: healed, fresh, zoomed, panned, session 1, split and compared frames match the CPU",
        ctx.renderer
    );
    painter.destroy();
}

/// Turning a head design to another of its photos: the next frame shows the design on that photo,
/// seen through its camera by the GPU, as the CPU renders it through `head::dots_in_view`.
#[test]
fn turning_to_another_photo_of_the_head_shows_in_the_next_gpu_frame() {
    let (ctx, mut painter) = gl_and_painter();
    let gl = &ctx.gl;
    let path = common::root().join("designs/whole-scalp-head.json");
    let mut h = harness_on_gpu(&path, gl);
    let design = h.state().doc.design().clone();
    let head = design.head.expect("a head design");
    let cameras = hairline::engine::register_design(&design).expect("registered");
    let dots = hairline::engine::compute(&design, 0).dots;
    // Each photo as the CPU draws the design on it.
    let seen = |k: usize| {
        let image = hairline::photo::load_photo(&hairline::engine::view_photo_path(
            &path,
            &design.views[k],
        ))
        .expect("view photo")
        .image;
        let size = (image.width() as f64, image.height() as f64);
        let on_photo = hairline::head::dots_in_view(&head.chart(), &dots, &cameras[k].camera, size);
        (PhotoPyramid::new(image), on_photo)
    };
    h.get_by_label("front").click();
    settle(&mut h);
    assert_eq!(h.state().shown_head_view(), Some(0));
    let (front_photo, front_dots) = seen(0);
    let front = paint(&h, &mut painter, gl);
    let (mean, p99) = versus_cpu(&front, h.state(), &front_photo, &front_dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "front: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );

    // One click, one frame (the worker has not been waited for): the left photo with the
    // design seen through its camera.
    h.get_by_label("left").click();
    h.step();
    assert_eq!(h.state().shown_head_view(), Some(1));
    let (left_photo, left_dots) = seen(1);
    let left = paint(&h, &mut painter, gl);
    let (mean, p99) = versus_cpu(&left, h.state(), &left_photo, &left_dots);
    assert!(
        mean <= 0.5 && p99 <= 2,
        "left: GPU canvas vs CPU mean {mean:.3}, p99 {p99}"
    );
    // And the impressions are there: the left photo without them differs.
    let bare = cpu_canvas(
        h.state(),
        &left_photo,
        h.state().doc.design().active(),
        None,
    );
    let (w, hh) = bare.dimensions();
    let darkened = over(
        &bare,
        &canvas_of(&left, h.state()),
        (0..w, 0..hh),
        |p, q| (0..3).map(|c| p[c] as f64 - q[c] as f64).sum(),
    );
    assert!(
        darkened > 10_000.0,
        "the impressions darken the left photo by only {darkened}"
    );
    println!("turned to the left photo: one frame, GPU vs CPU mean {mean:.3}, p99 {p99}");
    painter.destroy();
}

/// A later visit's photo side by side with the plan, on the GPU: the later photo (aligned onto
/// the design, a tenth darker than the client's first photo) left of the line, the plan on the
/// client's photo right of it, both drawn with the frame's own view.
#[test]
fn a_later_visit_side_by_side_is_drawn_on_the_gpu() {
    let (ctx, mut painter) = gl_and_painter();
    let gl = &ctx.gl;
    let dir = tempfile::tempdir().expect("temp dir");
    let later = common::later_visit_photo(dir.path());
    let path = common::root().join("designs/shaved-soft-hairline.json");
    let mut h = harness_on_gpu(&path, gl);
    h.state_mut().compare_later_photo(later);
    let start = std::time::Instant::now();
    while h.state().is_aligning() && start.elapsed() < std::time::Duration::from_secs(60) {
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(h.state().status.contains("aligned"), "{}", h.state().status);
    // The click sets the split as the panel is drawn, after the canvas: the frame after shows it.
    h.get_by_label("Side by side").click();
    h.run_steps(2);
    let frame = canvas_of(&paint(&h, &mut painter, gl), h.state());
    let bare = cpu_canvas(
        h.state(),
        &design_photo(&path),
        h.state().doc.design().active(),
        None,
    );
    let (w, hh) = frame.dimensions();
    let x = (w as f32 * h.state().view.split.expect("split")) as u32;
    // Mean brightness of the frame over a side against the client's photo alone there, away from
    // the line and the labels (the photo's middle, where the later photo covers it after
    // alignment).
    let brightness = |cols: std::ops::Range<u32>| {
        let sum = |p: &[u8; 4], _: &[u8; 4]| (0..3).map(|c| p[c] as f64).sum::<f64>();
        let area = (cols, hh / 4..hh * 3 / 4);
        over(&frame, &bare, area.clone(), sum) / over(&bare, &frame, area, sum)
    };
    let left = brightness(w / 8..x - 20);
    let right = brightness(x + 20..w * 7 / 8);
    println!("later visit side by side: left {left:.3}, right {right:.3} of the client's photo");
    assert!(
        (0.85..0.95).contains(&left),
        "the left side is the later photo, a tenth darker: {left:.3} of the first photo"
    );
    assert!(
        right > 0.95,
        "the right side is the plan on the client's own photo: {right:.3}"
    );
    painter.destroy();
}

/// Left to itself, the studio draws on the GPU only where it is one: on a software renderer
/// (llvmpipe here, without a GPU) it draws on the CPU, and the status bar says so and why.
#[test]
fn the_studio_says_which_draws_the_preview() {
    let ctx = headless().unwrap_or_else(|e| panic!("no OpenGL context: {e}"));
    let path = common::root().join("designs/shaved-soft-hairline.json");
    let mut studio = Studio::open(&path).expect("sample opens");
    studio.draw_on_gpu(Some(&ctx.gl), false);
    let software = ["llvmpipe", "softpipe", "SwiftShader"]
        .iter()
        .any(|s| ctx.renderer.contains(s));
    if software {
        assert!(!studio.draws_on_gpu());
        assert!(
            studio.status.starts_with("Preview drawn on the CPU")
                && studio.status.contains(&ctx.renderer)
                && studio.status.contains("software renderer"),
            "{}",
            studio.status
        );
    } else {
        assert!(studio.draws_on_gpu());
        assert!(
            studio.status.starts_with("Preview drawn on the GPU"),
            "{}",
            studio.status
        );
    }
}
