//! `cargo bench --bench studio_frame`: the studio's frame cost while a hairline control point is
//! dragged on a design of about 100k dots, headless (egui_kittest): the app's frame plus
//! tessellation, against the 16.7 ms of a 60 fps frame. Dots and the preview are made on the
//! worker thread, so the frame stays cheap; the time until the preview shows the final position
//! is reported too.

use egui::{Event, Modifiers, PointerButton};
use egui_kittest::Harness;
use hairline::app::Studio;
use hairline::design::load_design;
use std::path::Path;
use std::time::{Duration, Instant};

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("designs/shaved-soft-hairline.json");
    let mut d = load_design(&path).expect("sample");
    let scars = load_design(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("designs/fut-scar-camouflage.json"),
    )
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
    let dots = h.state_mut().computed().stats.total;
    // Wait for the first preview.
    let wait_preview = |h: &mut Harness<'_, Studio>| {
        let start = Instant::now();
        while h.state().preview_revision() != Some(h.state().doc.revision)
            && start.elapsed() < Duration::from_secs(20)
        {
            h.step();
            std::thread::sleep(Duration::from_millis(1));
        }
        start.elapsed()
    };
    h.step();
    wait_preview(&mut h);
    // The control point the drag moves.
    let dragged_point = |h: &Harness<'_, Studio>| {
        h.state()
            .doc
            .design
            .active()
            .hairline
            .as_ref()
            .expect("hairline")
            .points_px[3]
    };
    let point = dragged_point(&h);
    let from = h.state().screen_from_photo(point).expect("laid out");
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
    let moved = dragged_point(&h);
    assert!(moved.y < point.y - 20.0, "the drag moved the point");
    let latency = wait_preview(&mut h);
    frames.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let (median, p95, worst) = (
        frames[frames.len() / 2],
        frames[frames.len() * 95 / 100],
        frames[frames.len() - 1],
    );
    println!("\nmeasurement                                  result");
    println!("----------------------------------------------------------------");
    println!("design                                       {dots} dots");
    println!(
        "drag frame, median (app + tessellation)      {:.2} ms",
        ms(median)
    );
    println!(
        "drag frame, 95th percentile                  {:.2} ms",
        ms(p95)
    );
    println!(
        "drag frame, worst of 120                     {:.2} ms",
        ms(worst)
    );
    println!(
        "preview updated after the drag ends          {:.1} ms",
        ms(latency)
    );
    println!("\nratios (against the 60 fps frame budget, same run):");
    println!(
        "60 fps frame (16.7 ms) drag frame median {}k dots: {:.1}x headroom",
        dots / 1000,
        16.667 / ms(median)
    );
    println!(
        "60 fps frame (16.7 ms) drag frame p95 {}k dots: {:.1}x headroom",
        dots / 1000,
        16.667 / ms(p95)
    );
}
