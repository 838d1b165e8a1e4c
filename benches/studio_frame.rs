//! `cargo bench --bench studio_frame`: the studio's frame cost while a hairline control point is
//! dragged on a design of about 100k dots, headless (egui_kittest): the app's frame plus
//! tessellation, against the 16.7 ms of a 60 fps frame. Dots and the preview are made on the
//! worker thread, so the frame stays cheap; the time until the preview shows the final position
//! is reported too.
//!
//! The same on a head design: the bundled whole-scalp sample raised to about 60,000 impressions,
//! its front photo shown, a hairline point dragged on the photo (cast onto the head every frame,
//! the zones' tints laid over the head, the preview seen through the camera).

use egui::{Event, Modifiers, PointerButton};
use egui_kittest::Harness;
use hairline::design::load_design;
use hairline_studio::app::Studio;
use std::path::Path;
use std::time::{Duration, Instant};

/// What a drag measured.
struct Drag {
    dots: usize,
    median: Duration,
    p95: Duration,
    worst: Duration,
    latency: Duration,
}

/// Waits for the preview of the current revision.
fn wait_preview(h: &mut Harness<'_, Studio>) -> Duration {
    let start = Instant::now();
    while h.state().preview_revision() != Some(h.state().doc.revision)
        && start.elapsed() < Duration::from_secs(20)
    {
        h.step();
        std::thread::sleep(Duration::from_millis(1));
    }
    start.elapsed()
}

/// Drags hairline control point `index` 60 points up the screen, starting where `at` puts it
/// on screen, in 120 frames.
fn drag(
    h: &mut Harness<'_, Studio>,
    index: usize,
    at: impl Fn(&Studio, hairline::geometry::Point) -> egui::Pos2,
) -> Drag {
    let dots = h.state_mut().computed().stats.total;
    h.step();
    wait_preview(h);
    let dragged_point = |h: &Harness<'_, Studio>| {
        h.state()
            .doc
            .design()
            .active()
            .hairline
            .as_ref()
            .expect("hairline")
            .points_px[index]
    };
    let point = dragged_point(h);
    let from = at(h.state(), point);
    h.event(Event::PointerMoved(from));
    h.step();
    h.event(Event::PointerButton {
        pos: from,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    let mut frames = Vec::new();
    for k in 1..=120 {
        h.event(Event::PointerMoved(
            from + egui::vec2(0.0, -(k as f32) * 0.5),
        ));
        let t = Instant::now();
        h.step();
        let out = h.output();
        let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
        std::hint::black_box(prims);
        frames.push(t.elapsed());
    }
    let to = from + egui::vec2(0.0, -60.0);
    h.event(Event::PointerButton {
        pos: to,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.step();
    let moved = dragged_point(h);
    assert!(moved.distance(point) > 5.0, "the drag moved the point");
    let latency = wait_preview(h);
    frames.sort();
    Drag {
        dots,
        median: frames[frames.len() / 2],
        p95: frames[frames.len() * 95 / 100],
        worst: frames[frames.len() - 1],
        latency,
    }
}

fn report(what: &str, d: &Drag) {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\n{what}: {} dots", d.dots);
    println!(
        "  drag frame, median (app + tessellation)    {:.2} ms",
        ms(d.median)
    );
    println!(
        "  drag frame, 95th percentile                {:.2} ms",
        ms(d.p95)
    );
    println!(
        "  drag frame, worst of 120                   {:.2} ms",
        ms(d.worst)
    );
    println!(
        "  preview updated after the drag ends        {:.1} ms",
        ms(d.latency)
    );
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join("designs/shaved-soft-hairline.json");
    let mut d = load_design(&path).expect("sample");
    let scars = load_design(&root.join("designs/fut-scar-camouflage.json"))
        .expect("sample")
        .variants[0]
        .scars
        .clone();
    d.variants[0].scars = scars;
    d.calibration.distance_mm *= 2.45;
    for z in &mut d.variants[0].zones {
        z.density_per_cm2 = (z.density_per_cm2 * 2.05).min(200.0);
    }
    let studio = Studio::with_design(d, Some(path));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    let flat = drag(&mut h, 3, |s, p| s.screen_from_photo(p).expect("laid out"));

    // The head design, on its front photo: the hairline's middle point, where the photo sees it.
    let path = root.join("designs/whole-scalp-head.json");
    let mut d = load_design(&path).expect("sample");
    for z in &mut d.variants[0].zones {
        z.density_per_cm2 = 200.0;
    }
    let head = d.head.expect("a head design");
    let camera = hairline::engine::register_design(&d).expect("registers")[0].camera;
    let mut studio = Studio::with_design(d, Some(path));
    studio.show_head_view(Some(0)).expect("the front photo");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    let chart = head.chart();
    let on_photo = move |s: &Studio, p: hairline::geometry::Point| {
        let at = hairline::head::chart_px_in_photo(&chart, head.map_mm_per_px, &camera, p)
            .expect("on the map");
        s.screen_from_photo(at).expect("laid out")
    };
    let on_head = drag(&mut h, 4, on_photo);

    println!("\nmeasurement (this run)");
    report("flat design, hairline point dragged", &flat);
    report(
        "head design, front photo, hairline point dragged on it",
        &on_head,
    );
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("\nratios (against the 60 fps frame budget and the 50 ms preview target, same run):");
    for (what, d) in [("flat", &flat), ("head design on a photo", &on_head)] {
        println!(
            "  {what}, {}k dots: drag frame median {:.1}x headroom, p95 {:.1}x; preview {:.2}x the 50 ms target",
            d.dots / 1000,
            16.667 / ms(d.median),
            16.667 / ms(d.p95),
            ms(d.latency) / 50.0
        );
    }
}
