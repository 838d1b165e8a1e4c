//! The studio driven headless through egui_kittest: real clicks, drags and keys on the real app.

mod common;

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline::design::Layout;
use hairline::geometry::Point;
use hairline::head::chart_px_in_photo;
use hairline::render::Look;
use hairline_studio::app::{Gesture, Studio};

fn harness() -> Harness<'static, Studio> {
    harness_on(
        Studio::open(&common::root().join("designs/shaved-soft-hairline.json"))
            .expect("sample opens"),
    )
}

/// The studio in a 1400 x 900 window, its first preview arrived.
fn harness_on(studio: Studio) -> Harness<'static, Studio> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    settle(&mut h);
    h
}

/// Steps the studio until the preview being made in the background has arrived. The panels
/// change when it does (the counts appear and the right panel may widen), so a widget's place
/// is only known once it is there; clicking before would hit wherever the widget was.
fn settle(h: &mut Harness<'static, Studio>) {
    let start = std::time::Instant::now();
    h.step();
    while h.state().is_rendering() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "still rendering"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run_steps(2);
}

/// Steps the studio until the file it is opening in the background has arrived.
fn wait_opened(h: &mut Harness<'static, Studio>) {
    let start = std::time::Instant::now();
    while h.state().is_opening() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(30),
            "still opening"
        );
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run_steps(2);
}

fn press(h: &mut Harness<'static, Studio>, pos: Pos2, button: PointerButton, pressed: bool) {
    h.event(Event::PointerButton {
        pos,
        button,
        pressed,
        modifiers: Modifiers::NONE,
    });
    h.step();
}

fn click(h: &mut Harness<'static, Studio>, pos: Pos2, button: PointerButton) {
    h.event(Event::PointerMoved(pos));
    h.step();
    press(h, pos, button, true);
    press(h, pos, button, false);
    h.run_steps(2);
}

fn drag(h: &mut Harness<'static, Studio>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    press(h, from, PointerButton::Primary, true);
    for k in 1..=8 {
        h.event(Event::PointerMoved(from + (to - from) * (k as f32 / 8.0)));
        h.step();
    }
    press(h, to, PointerButton::Primary, false);
    h.run_steps(2);
}

fn points(h: &Harness<'static, Studio>) -> Vec<Point> {
    h.state()
        .doc
        .design()
        .active()
        .hairline
        .as_ref()
        .map(|l| l.points_px.clone())
        .unwrap_or_default()
}

#[test]
fn clicking_on_the_canvas_adds_a_hairline_point_and_undo_removes_it() {
    let mut h = harness();
    let before = points(&h);
    let dots_before = h.state_mut().computed().stats.total;
    // Just ahead of the middle of the line: inserted into the nearest segment.
    let target = Point::new(1350.0, 1050.0);
    let at = h
        .state()
        .screen_from_photo(target)
        .expect("canvas laid out");
    click(&mut h, at, PointerButton::Primary);
    let after = points(&h);
    assert_eq!(after.len(), before.len() + 1, "a point was added");
    assert!(
        after.iter().any(|p| p.distance(target) < 4.0),
        "the point is where it was clicked: {after:?}"
    );
    assert!(h.state().doc.is_dirty());
    assert_ne!(
        h.state_mut().computed().stats.total,
        dots_before,
        "dots follow the edit"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(points(&h), before, "Ctrl+Z undoes the click");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run_steps(2);
    assert_eq!(points(&h), after, "Ctrl+Shift+Z redoes it");
}

#[test]
fn dragging_a_control_point_moves_it_in_one_undo_step() {
    let mut h = harness();
    let before = points(&h);
    let from = h.state().screen_from_photo(before[3]).expect("laid out");
    let to = from + egui::vec2(0.0, -40.0);
    drag(&mut h, from, to);
    let after = points(&h);
    assert!(
        after[3].y < before[3].y - 20.0,
        "point 3 moved up: {:?} -> {:?}",
        before[3],
        after[3]
    );
    assert_eq!(after.len(), before.len());
    assert_eq!(after[2], before[2], "other points stay");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(points(&h), before, "the whole drag is one undo step");
}

#[test]
fn right_click_deletes_a_control_point() {
    let mut h = harness();
    let before = points(&h);
    let at = h.state().screen_from_photo(before[1]).expect("laid out");
    click(&mut h, at, PointerButton::Secondary);
    assert_eq!(points(&h).len(), before.len() - 1);
}

#[test]
fn looks_and_sessions_switch_from_the_panel_and_keys() {
    let mut h = harness();
    h.get_by_label("Fresh").click();
    h.run_steps(2);
    assert_eq!(h.state().view.preview.look, Look::Fresh);
    h.get_by_label("Healed").click();
    h.run_steps(2);
    assert_eq!(h.state().view.preview.look, Look::Healed);
    h.key_press(Key::OpenBracket);
    h.run_steps(2);
    assert_eq!(
        h.state().view.preview.sessions.latest(),
        1,
        "[ steps back one session"
    );
    h.get_by_label("1").click();
    h.run_steps(2);
    assert_eq!(h.state().view.preview.sessions.latest(), 0);
}

#[test]
fn saving_and_reopening_gives_the_same_design() {
    let mut h = harness();
    let before = points(&h);
    let from = h.state().screen_from_photo(before[2]).expect("laid out");
    drag(&mut h, from, from + egui::vec2(10.0, 15.0));
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("edited.json");
    h.state_mut().save(path.clone());
    assert!(!h.state().doc.is_dirty(), "{}", h.state().status);
    let reopened = Studio::open(&path).expect("saved design opens");
    assert!(
        reopened.doc.design() == h.state().doc.design(),
        "the reopened design differs from the saved one"
    );
    assert!(
        reopened.notice.is_none(),
        "the photo is found from the new location: {:?}",
        reopened.notice
    );
}

#[test]
fn a_design_whose_photo_moved_opens_and_can_be_pointed_at_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut d = common::sample("crown-density");
    d.photo.path = "moved-away.jpg".into();
    let path = dir.path().join("d.json");
    hairline::design::save_design(&d, &path).expect("save");
    let mut s = Studio::open(&path).expect("opens without its photo");
    assert!(
        s.notice
            .as_deref()
            .is_some_and(|n| n.contains("moved-away.jpg")),
        "{:?}",
        s.notice
    );
    // A photo of another size is refused with the reason.
    let small = dir.path().join("small.png");
    image::RgbaImage::new(64, 64).save(&small).expect("write");
    let err = s.relink_photo(&small).expect_err("wrong size");
    assert!(err.contains("64x64"), "{err}");
    // The right photo is accepted; it is the same content, so no warning remains.
    s.relink_photo(&common::root().join("assets/sample-scalp.jpg"))
        .expect("relinks");
    assert!(s.notice.is_none(), "{:?}", s.notice);
    let out = dir.path().join("fixed.json");
    s.save(out.clone());
    let again = Studio::open(&out).expect("opens");
    assert!(
        again.notice.is_none(),
        "the saved design finds its photo: {:?}",
        again.notice
    );
}

#[test]
fn export_runs_in_the_background_and_writes_the_full_resolution_image() {
    let mut h = harness();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("before-after.png");
    h.state_mut()
        .export(&out, hairline::render::ExportKind::BeforeAfter);
    h.run_steps(2); // the window keeps drawing while the export runs
    h.state_mut().finish_export();
    assert!(
        h.state().status.contains("Exported"),
        "{}",
        h.state().status
    );
    let img = image::open(&out).expect("a PNG");
    assert!(
        img.width() > 2 * 2400 && img.height() > 1800,
        "{}x{}",
        img.width(),
        img.height()
    );
}

#[test]
fn presentation_mode_hides_the_tools_and_steps_sessions() {
    let mut h = harness();
    h.key_press(Key::F5);
    h.run_steps(3);
    assert!(h.state().view.presenting);
    assert!(
        h.query_by_label("Hairline").is_none(),
        "no tool panel while presenting"
    );
    h.get_by_label("< Previous").click();
    h.run_steps(2);
    assert_eq!(h.state().view.preview.sessions.latest(), 1);
    h.get_by_label("Before / after").click();
    h.run_steps(2);
    assert!(h.state().view.split.is_some());
    h.key_press(Key::Escape);
    h.run_steps(2);
    assert!(!h.state().view.presenting);
}

fn screen(h: &Harness<'static, Studio>, x: f64, y: f64) -> Pos2 {
    h.state()
        .screen_from_photo(Point::new(x, y))
        .expect("laid out")
}

#[test]
fn calibrating_by_clicking_the_ruler_ends_sets_the_scale() {
    let mut h = harness();
    h.key_press(Key::C);
    h.run_steps(2);
    let (a, b) = (screen(&h, 760.0, 1560.0), screen(&h, 1260.0, 1560.0));
    click(&mut h, a, PointerButton::Primary);
    click(&mut h, b, PointerButton::Primary);
    let cal = &h.state().doc.design().calibration;
    assert!(
        cal.a_px.distance(Point::new(760.0, 1560.0)) < 3.0
            && cal.b_px.distance(Point::new(1260.0, 1560.0)) < 3.0,
        "{cal:?}"
    );
    // The practitioner then types the length: 50 mm over 500 px.
    h.state_mut()
        .doc
        .edit(hairline_studio::app::Gesture::Once, |d| {
            d.calibration.distance_mm = 50.0
        });
    assert!((h.state().doc.design().calibration.mm_per_px() - 0.1).abs() < 0.001);
}

#[test]
fn painting_a_new_zone_with_the_brush_adds_dots_and_undo_removes_it() {
    let mut h = harness();
    let zones_before = h.state().doc.design().active().zones.len();
    let dots_before = h.state_mut().computed().stats.total;
    h.state_mut().tool.zone = zones_before; // "New zone"
    h.key_press(Key::Z);
    h.run_steps(2);
    // A stroke over the lightly covered side blend, behind the hairline.
    let (from, to) = (screen(&h, 440.0, 700.0), screen(&h, 560.0, 700.0));
    drag(&mut h, from, to);
    let zones = &h.state().doc.design().active().zones;
    assert_eq!(zones.len(), zones_before + 1, "a new zone was painted");
    let stroke = &zones[zones_before].shape.strokes[0];
    assert!(stroke.points_px.len() >= 3 && !stroke.erase);
    let dots_after = h.state_mut().computed().stats.total;
    assert!(
        dots_after > dots_before,
        "the painted zone gets dots: {dots_before} -> {dots_after}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.design().active().zones.len(),
        zones_before,
        "one stroke, one undo step"
    );
}

#[test]
fn a_zone_polygon_is_closed_with_enter() {
    let mut h = harness();
    h.state_mut().tool.zone = 0;
    let before = h.state().doc.design().active().zones[0]
        .shape
        .polygons
        .len();
    h.key_press(Key::X);
    h.run_steps(2);
    for (x, y) in [
        (1000.0, 1200.0),
        (1400.0, 1200.0),
        (1400.0, 1400.0),
        (1000.0, 1400.0),
    ] {
        let at = screen(&h, x, y);
        click(&mut h, at, PointerButton::Primary);
    }
    h.key_press(Key::Enter);
    h.run_steps(2);
    let polys = &h.state().doc.design().active().zones[0].shape.polygons;
    assert_eq!(polys.len(), before + 1);
    assert_eq!(polys.last().map(Vec::len), Some(4));
}

#[test]
fn glabella_guides_and_measure_and_test_patch_are_placed_by_clicking() {
    let mut h = harness();
    h.key_press(Key::L);
    h.run_steps(2);
    let at = screen(&h, 1200.0, 1760.0);
    click(&mut h, at, PointerButton::Primary);
    assert!(
        h.state()
            .doc
            .design()
            .glabella_px
            .is_some_and(|g| g.distance(Point::new(1200.0, 1760.0)) < 3.0)
    );
    h.key_press(Key::T);
    h.run_steps(2);
    let at = screen(&h, 1000.0, 600.0);
    click(&mut h, at, PointerButton::Primary);
    let t = h
        .state()
        .doc
        .design()
        .active()
        .test_patch
        .clone()
        .expect("test patch");
    assert!(t.center_px.distance(Point::new(1000.0, 600.0)) < 3.0);
    // The design with its guide saves and loads.
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("g.json");
    h.state_mut().save(path.clone());
    assert_eq!(
        hairline::design::load_design(&path)
            .expect("loads")
            .glabella_px,
        h.state().doc.design().glabella_px
    );
}

#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn dropping_a_photo_starts_a_new_design_that_saves_and_reopens() {
    let mut h = harness();
    let photo = common::root().join("assets/sample-scalp.jpg");
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(photo.clone())));
    h.run_steps(1);
    wait_opened(&mut h);
    let s = h.state();
    assert!(s.doc.path.is_none(), "a new, untitled design");
    assert_eq!(
        s.doc.design().layout,
        Layout::CURRENT,
        "new designs use the current layout"
    );
    assert!(s.doc.design().active().hairline.is_none() && s.doc.design().active().zones.is_empty());
    assert_eq!(
        (
            s.doc.design().photo.width_px,
            s.doc.design().photo.height_px
        ),
        (2400, 1800)
    );
    assert_eq!(
        s.doc.design().client.consultation_date,
        hairline_studio::app::today()
    );
    assert!(
        !s.doc.design().calibration.measured,
        "a new design is not calibrated until the ruler is measured"
    );
    assert!(
        h.query_by_label_contains("Not calibrated").is_some(),
        "and says so"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("new.json");
    h.state_mut().save(path.clone());
    assert!(!h.state().doc.is_dirty(), "{}", h.state().status);
    let reopened = Studio::open(&path).expect("opens");
    assert!(reopened.notice.is_none(), "{:?}", reopened.notice);
    assert_eq!(
        h.state().prefs.recent.first(),
        Some(&std::path::absolute(&path).expect("absolute")),
        "saved files become recent"
    );
    // Dropping a design file opens it.
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(
            common::root().join("designs/crown-density.json"),
        )));
    h.run_steps(1);
    wait_opened(&mut h);
    assert_eq!(
        h.state().doc.design().active().name,
        "Crown and top density"
    );
}

#[test]
fn two_variants_can_be_compared_side_by_side_and_the_photo_layer_hidden() {
    let mut h = harness();
    h.get_by_label("Compare side by side").click();
    h.run_steps(2);
    h.get_by_label("Broken, 5 mm higher").click();
    h.run_steps(2);
    assert_eq!(h.state().view.compare, Some(1));
    assert!(h.state().view.split.is_some(), "comparing shows the split");
    h.get_by_label("Show photo").click();
    h.run_steps(2);
    assert!(h.state().view.preview.hide_photo);
}

#[test]
fn select_picks_the_zone_under_the_pointer_and_f1_lists_the_shortcuts() {
    let mut h = harness();
    h.state_mut().computed();
    h.key_press(Key::V);
    h.run_steps(2);
    h.state_mut().tool.zone = 1;
    // The side blend (zone 0) lies outside the top zone at the left edge of the head.
    let at = screen(&h, 530.0, 700.0);
    click(&mut h, at, PointerButton::Primary);
    assert_eq!(h.state().tool.zone, 0, "{}", h.state().status);
    let help_lines = |h: &Harness<'static, Studio>| {
        h.query_all_by_label(
            "Click the glabella (between the brows): guides mark 7, 8 and 10 cm above it",
        )
        .count()
    };
    assert_eq!(help_lines(&h), 0);
    h.key_press(Key::F1);
    h.run_steps(2);
    assert_eq!(help_lines(&h), 1, "F1 opened the shortcut list");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = harness();
    h.state_mut()
        .doc
        .edit(Gesture::Once, |d| d.client.notes.push_str(" (edited)"));
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
    assert_eq!(
        h.state().pending,
        Some(hairline_studio::app::Pending::Close),
        "the close was held for an answer"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(
        h.state().pending.is_none() && !h.state().allow_close,
        "cancel keeps the window open"
    );
}

/// Clicks a 200 x 40 px rectangle whose top edge is at photo row `y`, and closes it with Enter.
fn polygon(h: &mut Harness<'static, Studio>, y: f64) {
    for (px, py) in [
        (1100.0, y),
        (1300.0, y),
        (1300.0, y + 40.0),
        (1100.0, y + 40.0),
    ] {
        let at = screen(h, px, py);
        click(h, at, PointerButton::Primary);
    }
    h.key_press(Key::Enter);
    h.run_steps(2);
}

#[test]
fn a_scar_polygon_starts_a_new_scar() {
    let mut h = harness();
    assert!(h.state().doc.design().active().scars.is_empty());
    h.key_press_modifiers(Modifiers::SHIFT, Key::S);
    h.run_steps(2);
    polygon(&mut h, 300.0);
    let scars = &h.state().doc.design().active().scars;
    assert_eq!(scars.len(), 1);
    assert_eq!(scars[0].shape.polygons.len(), 1);
    assert!(
        h.state_mut().computed().stats.scars[0].impressions > 0,
        "the scar and its halo get dots"
    );
    // A second polygon is a second scar, not more of the first.
    polygon(&mut h, 500.0);
    let scars = &h.state().doc.design().active().scars;
    assert_eq!(scars.len(), 2, "a new scar");
    assert_eq!(scars[0].shape.polygons.len(), 1);
}

#[test]
fn the_zone_and_scar_brushes_keep_their_own_radius() {
    let mut h = harness();
    h.key_press(Key::Z);
    h.run_steps(2);
    *h.state_mut().tool.brush_mm() = 12.0;
    h.key_press(Key::S);
    h.run_steps(2);
    assert_eq!(
        *h.state_mut().tool.brush_mm(),
        1.5,
        "the scar brush is fine"
    );
    *h.state_mut().tool.brush_mm() = 2.0;
    h.key_press(Key::Z);
    h.run_steps(2);
    assert_eq!(
        *h.state_mut().tool.brush_mm(),
        12.0,
        "the zone brush kept its radius"
    );
}

/// Opening over unsaved work asks first; "Discard changes" replaces the design only once the new
/// one has opened. If it cannot be opened, the work stays, still marked unsaved.
#[test]
fn a_failed_open_after_discarding_keeps_the_unsaved_work() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ \"format\": \"hairline-studio-design\", ").expect("write");
    let good = common::root().join("designs/crown-density.json");

    let mut h = harness();
    let edited = h.state().doc.design().client.notes.clone() + " (edited)";
    let notes = edited.clone();
    h.state_mut()
        .doc
        .edit(Gesture::Once, |d| d.client.notes = notes);
    h.state_mut().open_any(&broken);
    h.run_steps(2);
    assert!(
        matches!(
            h.state().pending,
            Some(hairline_studio::app::Pending::Open(_))
        ),
        "asked before opening over unsaved work"
    );
    h.get_by_label("Discard changes").click();
    h.run_steps(1);
    wait_opened(&mut h);
    let s = h.state();
    assert_eq!(
        s.doc.design().client.notes,
        edited,
        "the work is still there"
    );
    assert!(s.doc.is_dirty(), "and still marked unsaved");
    assert!(s.status.contains("broken.json"), "{}", s.status);

    // Cancelling an opening leaves the design as it was.
    h.state_mut().open_any(&good);
    h.run_steps(1);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    if h.state().is_opening() {
        // The sample may already have arrived on a fast machine; cancel if it has not.
        assert!(
            h.query_by_label_contains("Opening crown-density.json")
                .is_some()
        );
        if let Some(cancel) = h.query_all_by_label("Cancel").last() {
            cancel.click();
        }
        h.run_steps(2);
    }
    wait_opened(&mut h);
    let s = h.state();
    if s.doc.design().active().name == "Crown and top density" {
        assert!(!s.doc.is_dirty(), "the opened design is clean");
    } else {
        assert_eq!(
            s.doc.design().client.notes,
            edited,
            "cancelled: nothing replaced"
        );
        assert!(s.doc.is_dirty());
        assert!(s.status.contains("Did not open"), "{}", s.status);
    }
}

/// The design check under the counts points out what clients regret, as the design changes.
#[test]
fn the_design_check_points_out_a_hairline_too_low() {
    let mut h = harness();
    // The counts (and the check under them) appear once the dots are made.
    h.state_mut().computed();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Nothing to point out").is_some(),
        "the sample is within the usual ranges"
    );
    let s = h.state_mut();
    let mm_per_px = s.doc.design().calibration.mm_per_px();
    let g = s
        .doc
        .design()
        .glabella_px
        .expect("the sample has a glabella");
    s.doc.edit(Gesture::Once, |d| {
        let line = d.variants[0].hairline.as_mut().expect("hairline");
        // Lower the whole line to 6.5 cm above the glabella.
        let lowest = line.points_px.iter().map(|p| p.y).fold(f64::MIN, f64::max);
        let shift = (g.y - 65.0 / mm_per_px) - lowest;
        line.points_px.iter_mut().for_each(|p| p.y += shift);
    });
    s.computed();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("lower than the 7 cm").is_some(),
        "the height caution is shown"
    );
}

#[test]
fn the_studio_never_exports_or_saves_over_the_design_or_its_photo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let photo = dir.path().join("photo.jpg");
    std::fs::copy(common::root().join("assets/sample-scalp.jpg"), &photo).expect("copy");
    let mut d = common::sample("crown-density");
    d.photo.path = "photo.jpg".into();
    let design = dir.path().join("client.json");
    hairline::design::save_design(&d, &design).expect("save");
    let (photo_bytes, design_bytes) = (
        std::fs::read(&photo).expect("read"),
        std::fs::read(&design).expect("read"),
    );
    let mut s = Studio::open(&design).expect("opens");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&design, dir.path().join("link.png")).expect("ln -s");
    let mut refused = vec![
        (photo.clone(), "the design's photo"),
        (dir.path().join("record.tif"), "png, jpg, jpeg"),
        (dir.path().join("no-folder/record.png"), "does not exist"),
    ];
    #[cfg(unix)]
    refused.push((dir.path().join("link.png"), "the design file"));
    for (out, why) in refused {
        s.export(&out, hairline::render::ExportKind::Preview);
        s.finish_export();
        assert!(
            s.status.starts_with("Not exported") && s.status.contains(why),
            "{}: {}",
            out.display(),
            s.status
        );
    }
    // Save As onto the photo is refused too; the design keeps its own file.
    s.save(photo.clone());
    assert!(
        s.status.contains("a design is saved as a .json file"),
        "{}",
        s.status
    );
    #[cfg(unix)]
    {
        let json_link = dir.path().join("photo-link.json");
        std::os::unix::fs::symlink(&photo, &json_link).expect("ln -s");
        s.save(json_link);
        assert!(s.status.contains("the design's photo"), "{}", s.status);
    }
    assert_eq!(s.doc.path.as_deref(), Some(design.as_path()));
    assert_eq!(std::fs::read(&photo).expect("read"), photo_bytes);
    assert_eq!(std::fs::read(&design).expect("read"), design_bytes);
    assert!(!dir.path().join("record.tif").exists());
    // A JPEG export is written as JPEG.
    let jpg = dir.path().join("record.jpg");
    s.export(&jpg, hairline::render::ExportKind::Preview);
    s.finish_export();
    assert!(s.status.contains("Exported"), "{}", s.status);
    let bytes = std::fs::read(&jpg).expect("written");
    assert_eq!(
        image::guess_format(&bytes).expect("format"),
        image::ImageFormat::Jpeg
    );
}

#[test]
fn the_command_palette_finds_and_runs_a_command_by_name() {
    let mut h = harness();
    assert_eq!(h.state().view.preview.look, hairline::render::Look::Healed);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    // The palette's field has the keyboard focus: typing goes there.
    h.event(Event::Text("fresh".into()));
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Look: fresh").is_some(),
        "the match is listed"
    );
    assert!(
        h.query_by_label_contains("Save as…").is_none(),
        "others are filtered out"
    );
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().view.preview.look, hairline::render::Look::Fresh);
    assert!(
        h.query_by_label_contains("Look: fresh").is_none(),
        "the palette closed"
    );
}

#[test]
fn the_shortcut_list_names_keys_as_people_read_them() {
    let mut h = harness();
    h.key_press(Key::F1);
    h.run_steps(2);
    assert!(
        h.query_by_label("]").is_some(),
        "next session is ], not CloseBracket"
    );
    assert!(h.query_by_label_contains("CloseBracket").is_none());
    assert!(h.query_by_label("Ctrl+Shift+Z or Ctrl+Y").is_some());
}

#[test]
fn reset_view_brings_back_the_healed_result_with_every_layer() {
    let mut h = harness();
    h.key_press(Key::F);
    h.key_press(Key::D);
    h.key_press(Key::B);
    h.run_steps(2);
    let changed = h.state().view.clone();
    assert!(!changed.show_dots && changed.split.is_some());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Num0);
    h.run_steps(2);
    let n = h.state().session_count();
    assert_eq!(
        h.state().view,
        hairline_studio::app::ViewOptions::showing_all(n),
        "Ctrl+Shift+0 resets the view"
    );
}

#[test]
fn the_palette_prefers_a_command_named_like_the_query() {
    let mut h = harness();
    let n = h.state().session_count();
    assert_eq!(h.state().view.preview.sessions.latest(), n - 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::K);
    h.run_steps(2);
    // "session" is in the help of "Look: healed" (listed earlier) and the name of "Previous
    // session": Enter runs the one named so.
    h.event(Event::Text("session".into()));
    h.run_steps(2);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().view.preview.sessions.latest(), n - 2);
}

#[test]
fn the_recovery_question_blocks_the_canvas_until_answered() {
    let mut h = harness();
    let before = points(&h);
    let design =
        serde_json::from_str(&hairline::design::to_json(h.state().doc.design())).expect("json");
    h.state_mut().recoveries = vec![(
        std::path::PathBuf::from("/nonexistent/untitled.recovery.json"),
        hairline_studio::app::recovery::Recovery {
            original_path: None,
            saved_unix: 0,
            design,
        },
    )];
    h.run_steps(2);
    assert!(h.query_by_label("Recover unsaved work").is_some());
    // A click on the photo with the hairline tool would add a point; under the question it
    // must not reach the design.
    let at = h
        .state()
        .screen_from_photo(Point::new(1350.0, 1050.0))
        .expect("canvas laid out");
    click(&mut h, at, PointerButton::Primary);
    assert_eq!(points(&h), before, "the click did not go through");
    assert!(!h.state().doc.is_dirty());
    h.get_by_label("Discard").click();
    h.run_steps(2);
    click(&mut h, at, PointerButton::Primary);
    assert_eq!(
        points(&h).len(),
        before.len() + 1,
        "answered: the canvas works"
    );
}

#[test]
fn a_variant_is_duplicated_compared_and_deleted_in_the_studio() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = common::sample_with_absolute_photo("crown-density");
    let path = dir.path().join("one-variant.json");
    hairline::design::save_design(&d, &path).expect("save");
    let studio = Studio::open(&path).expect("opens");
    let mut h = harness_on(studio);
    assert_eq!(h.state().doc.design().variants.len(), 1);
    assert!(h.query_by_label("Compare side by side").is_none());
    h.get_by_label("Duplicate variant").click();
    h.run_steps(2);
    let design = &h.state().doc.design();
    assert_eq!(design.variants.len(), 2);
    assert_eq!(design.active_variant, 1, "the copy is the one being edited");
    assert!(design.variants[1].name.ends_with("(copy)"));
    assert!(h.state().doc.is_dirty());
    // The copy can be compared with the original (the comparison list itself is driven in
    // `two_variants_can_be_compared_side_by_side_and_the_photo_layer_hidden`).
    assert!(h.query_by_label("Compare side by side").is_some());
    h.state_mut().view.compare = Some(0);
    h.state_mut().view.split = Some(0.5);
    h.run_steps(2);
    assert_eq!(h.state().view.compare, Some(0));
    assert!(h.state().view.split.is_some());
    settle(&mut h);
    h.get_by_label("Delete variant").click();
    h.run_steps(2);
    assert_eq!(h.state().doc.design().variants.len(), 1);
    assert_eq!(h.state().view.compare, None);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(
        h.state().doc.design().variants.len(),
        2,
        "undo brings it back"
    );
}

#[test]
fn the_mature_preset_sets_its_own_values_and_recedes_the_line() {
    let mut h = harness();
    let line = |h: &Harness<'static, Studio>| {
        h.state()
            .doc
            .design()
            .active()
            .hairline
            .clone()
            .expect("hairline")
    };
    let before = line(&h);
    h.get_by_label("Receded / mature").click();
    h.run_steps(2);
    let after = line(&h);
    assert_eq!(after.style, hairline::design::HairlineStyle::Mature);
    assert_eq!(
        (
            after.transition_mm,
            after.micro_irregularity,
            after.macro_amplitude_mm
        ),
        hairline::design::preset_values(hairline::design::HairlineStyle::Mature)
    );
    assert_ne!(after.points_px, before.points_px, "the line moved back");
    h.get_by_label("Natural").click();
    h.run_steps(2);
    let natural = line(&h);
    assert_eq!(
        natural.points_px, before.points_px,
        "another preset after Receded puts the points back as drawn"
    );
    assert_ne!(natural.micro_irregularity, after.micro_irregularity);
}

#[test]
fn new_design_asks_about_unsaved_changes_before_the_photo_is_chosen() {
    let mut h = harness();
    h.state_mut()
        .doc
        .edit(Gesture::Once, |d| d.client.notes.push_str(" (edited)"));
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Save them before you start a new design")
            .is_some(),
        "asked first"
    );
    assert!(
        !h.state().is_choosing_file(),
        "no file dialog before the answer"
    );
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.state().pending.is_none());
    assert!(!h.state().is_choosing_file());
    assert!(h.state().doc.is_dirty(), "the work is untouched");
}

#[test]
fn the_export_dialog_names_what_the_image_will_show() {
    use hairline::render::ExportKind;
    use hairline_studio::app::Purpose;
    let mut h = harness();
    let name = h
        .state()
        .suggested_name(Purpose::Export(ExportKind::Preview));
    // Named for the client, as the client's folder files it.
    assert_eq!(name, "sample-client-soft-natural-healed-all-3-sessions.png");
    h.key_press(Key::F);
    h.key_press(Key::OpenBracket);
    h.run_steps(2);
    let name = h
        .state()
        .suggested_name(Purpose::Export(ExportKind::BeforeAfter));
    assert_eq!(
        name,
        "sample-client-soft-natural-fresh-after-session-2-of-3-before-after.png"
    );
}

#[test]
fn calibration_is_a_guided_step_on_a_new_design() {
    let photo = common::root().join("assets/sample-scalp.jpg");
    let studio = Studio::for_new_photo(&photo).expect("a new design on the photo");
    assert!(!studio.doc.design().calibration.measured);
    let mut h = harness_on(studio);
    // Said in the design panel (and by the design check once the counts arrive).
    assert!(
        h.query_all_by_label_contains("Not calibrated")
            .next()
            .is_some()
    );
    // The ruler in the sample photo: 0.1 mm per pixel, 900 px = 90 mm.
    for x in [750.0, 1650.0] {
        let at = screen(&h, x, 1650.0);
        click(&mut h, at, PointerButton::Primary);
    }
    h.run_steps(2);
    // The length field has the keyboard: typing goes straight into it, as a person types, with
    // nothing to clear first (a field showing the old length took "90" as "36.490").
    h.event(Event::Text("9O".into()));
    h.key_press(Key::Enter);
    h.run_steps(3);
    assert!(
        !h.state().doc.design().calibration.measured,
        "a typo is not a length"
    );
    assert!(
        h.state().status.contains("not a length"),
        "{}",
        h.state().status
    );
    // The field keeps the keyboard for another try.
    h.key_press(Key::Backspace);
    h.event(Event::Text("0".into()));
    h.key_press(Key::Enter);
    h.run_steps(3);
    let cal = &h.state().doc.design().calibration;
    assert!(cal.measured, "{}", h.state().status);
    assert!(
        (cal.mm_per_px() - 0.1).abs() < 0.001,
        "{} mm per px",
        cal.mm_per_px()
    );
    settle(&mut h);
    assert!(
        h.query_all_by_label_contains("Not calibrated")
            .next()
            .is_none()
    );
    assert!(
        h.state().status.starts_with("Calibrated"),
        "{}",
        h.state().status
    );
}

#[test]
fn without_a_system_file_dialog_the_studio_browses_files_itself() {
    let mut h = harness();
    h.state_mut().use_own_browser = true;
    h.key_press_modifiers(Modifiers::COMMAND, Key::O);
    h.run_steps(2);
    assert!(
        h.query_by_label("Open design").is_some(),
        "the browser is open"
    );
    // It starts in the design's folder and lists the designs there, not the photos.
    assert!(h.query_by_label("crown-density.json").is_some());
    assert!(h.query_by_label("sample-scalp.jpg").is_none());
    h.get_by_label("crown-density.json").click();
    h.run_steps(1);
    h.get_by_label("Open").click();
    h.run_steps(2);
    wait_opened(&mut h);
    let path = h.state().doc.path.clone().expect("opened from a file");
    assert!(path.ends_with("crown-density.json"), "{}", path.display());
}

#[test]
fn dragging_a_session_share_moves_impressions_between_sessions() {
    let mut h = harness();
    let shares = |h: &Harness<'static, Studio>| -> Vec<f64> {
        let plan = &h.state().doc.design().active().sessions;
        plan.sessions.iter().map(|s| s.share).collect()
    };
    let before = shares(&h);
    let per_session_before = h.state_mut().computed().stats.per_session.clone();
    // Drag the first session's handle along its rail, as a practitioner would, to about 70 %.
    // The sessions are low in the design panel: scroll it with the wheel until they show.
    let rail = |h: &Harness<'static, Studio>| {
        h.get_all_by_label("share of impressions")
            .next()
            .expect("share slider")
            .rect()
    };
    for _ in 0..40 {
        if rail(&h).bottom() < 880.0 {
            break;
        }
        h.event(Event::PointerMoved(egui::pos2(100.0, 500.0)));
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -120.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        });
        h.run_steps(2);
    }
    let rail = rail(&h);
    assert!(
        rail.bottom() < 880.0,
        "the share slider scrolled into view: {rail:?}"
    );
    let at = |share: f32| {
        let t = (share - 0.01) / (1.0 - 0.01);
        egui::pos2(rail.left() + t * rail.width(), rail.center().y)
    };
    drag(&mut h, at(before[0] as f32), at(0.7));
    let after = shares(&h);
    assert!(
        (after[0] - 0.7).abs() < 0.05,
        "the first session now takes about 70 %: {before:?} -> {after:?}"
    );
    assert!(
        (after.iter().sum::<f64>() - 1.0).abs() < 1e-9,
        "the shares still add up to all the impressions: {after:?}"
    );
    assert!(
        after[1] < before[1] && after[2] < before[2],
        "the other sessions give way in proportion: {before:?} -> {after:?}"
    );
    let per_session = h.state_mut().computed().stats.per_session.clone();
    let total = |v: &[usize]| v.iter().sum::<usize>() as f64;
    assert!(
        (total(&per_session) - total(&per_session_before)).abs() / total(&per_session_before)
            < 0.01,
        "the total is the plan's, whatever its split: {per_session_before:?} -> {per_session:?}"
    );
    assert!(
        per_session[0] as f64 > 1.3 * per_session_before[0] as f64,
        "session 1 places more impressions: {per_session_before:?} -> {per_session:?}"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(shares(&h), before, "the whole drag is one undo step");
}

#[test]
fn a_design_on_dot_layout_1_keeps_its_dots_until_moved_after_a_comparison() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut d = common::sample_with_absolute_photo("shaved-soft-hairline");
    d.layout = Layout::V1;
    let path = dir.path().join("old-layout.json");
    hairline::design::save_design(&d, &path).expect("save");
    let studio = Studio::open(&path).expect("opens");
    let mut h = harness_on(studio);
    let positions = |h: &mut Harness<'static, Studio>| -> Vec<(f32, f32)> {
        let c = h.state_mut().computed();
        c.dots.dots.iter().map(|p| (p.x_px, p.y_px)).collect()
    };
    let old = positions(&mut h);
    assert_eq!(h.state().doc.design().layout, Layout::V1, "opened as saved");
    assert!(!h.state().doc.is_dirty());

    h.get_by_label("Compare with layout 2").click();
    h.run_steps(3);
    assert_eq!(h.state().layout_compared(), Some(Layout::V2));
    assert!(h.state().view.split.is_some(), "both are shown, split");
    assert_eq!(
        h.state().doc.design().layout,
        Layout::V1,
        "comparing changes nothing"
    );
    assert!(!h.state().doc.is_dirty());

    h.get_by_label("Move to layout 2").click();
    h.run_steps(3);
    assert_eq!(h.state().doc.design().layout, Layout::V2);
    assert!(h.state().doc.is_dirty(), "a change to save");
    assert!(h.state().view.split.is_none(), "the comparison has served");
    assert!(
        h.query_by_label("Move to layout 2").is_none(),
        "the notice is gone"
    );
    let new = positions(&mut h);
    let (a, b) = (old.len() as f64, new.len() as f64);
    assert!((a - b).abs() / a < 0.01, "the same counts: {a} and {b}");
    assert_ne!(old, new, "every impression placed anew");

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(3);
    assert_eq!(h.state().doc.design().layout, Layout::V1, "undo goes back");
    assert_eq!(positions(&mut h), old, "to the very dots it was saved with");
}

#[test]
fn the_days_after_a_session_are_shown_with_their_stage() {
    let mut h = harness();
    h.get_by_label("Healing").click();
    h.run_steps(2);
    assert!(matches!(h.state().view.preview.look, Look::Healing { .. }));
    assert!(
        h.query_by_label_contains("phantom fade").is_some(),
        "day 10 by default"
    );
    // The slider (its number box carries the same label).
    h.get_all_by_label("days after the session")
        .next()
        .expect("the days slider")
        .set_value_accesskit(5.0);
    h.run_steps(3);
    assert_eq!(h.state().view.healing_days, 5.0);
    assert!(
        h.query_by_label_contains("scabs").is_some(),
        "day 5 is named for what it shows"
    );
    h.get_by_label("Healed").click();
    h.run_steps(2);
    assert_eq!(h.state().view.preview.look, Look::Healed);
}

/// A head design opens on its scalp map; choosing a photo in "Views of the head" shows that
/// photo, with the design rendered through its solved camera, and the scalp map comes back.
#[test]
fn a_head_design_is_seen_in_each_of_its_photos() {
    let mut h = harness_on(
        Studio::open(&common::root().join("designs/whole-scalp-head.json")).expect("opens"),
    );
    assert_eq!(h.state().shown_head_view(), None);
    let map = h.state().shown_photo_size();
    h.get_by_label("front").click();
    settle(&mut h);
    assert_eq!(h.state().shown_head_view(), Some(0));
    assert_eq!(h.state().shown_photo_size(), (1512, 2016));
    assert_eq!(h.state().preview_head_view(), Some(Some(0)));
    // The tools draw on the head through the photo: a hairline point clicked on the forehead
    // is stored on the scalp map, where the photo's camera sees it under the click.
    let hairline = |h: &Harness<'static, Studio>| {
        h.state().doc.design().variants[0]
            .hairline
            .as_ref()
            .unwrap()
            .points_px
            .clone()
    };
    let before = hairline(&h);
    let at = Point::new(756.0, 700.0);
    let c = h.state().screen_from_photo(at).unwrap();
    click(&mut h, c, PointerButton::Primary);
    let after = hairline(&h);
    assert_eq!(after.len(), before.len() + 1);
    let added = *after
        .iter()
        .find(|p| !before.contains(p))
        .expect("a new point");
    let design = h.state().doc.design().clone();
    let head = design.head.unwrap();
    let camera = hairline::engine::register_design(&design).unwrap()[0].camera;
    let seen = chart_px_in_photo(&head.chart(), head.map_mm_per_px, &camera, added).unwrap();
    assert!(seen.distance(at) < 1.0, "seen at {seen:?}");
    h.state_mut().doc.undo();
    assert_eq!(hairline(&h), before);
    // A brush stroke across the left temple in the front photo paints a new zone on the head,
    // along the path the photo shows.
    h.state_mut().tool.zone = 1; // "New zone"
    h.key_press(Key::Z);
    h.run_steps(2);
    let (a, b) = (Point::new(600.0, 760.0), Point::new(680.0, 720.0));
    let (from, to) = (
        h.state().screen_from_photo(a).unwrap(),
        h.state().screen_from_photo(b).unwrap(),
    );
    drag(&mut h, from, to);
    let design = h.state().doc.design().clone();
    assert_eq!(design.variants[0].zones.len(), 2, "a new zone was painted");
    let stroke = &design.variants[0].zones[1].shape.strokes[0];
    assert!(stroke.points_px.len() >= 3);
    for p in &stroke.points_px {
        let seen = chart_px_in_photo(&head.chart(), head.map_mm_per_px, &camera, *p).unwrap();
        // On the segment the drag followed, within a pixel and a half.
        let t = ((seen - a).x * (b - a).x + (seen - a).y * (b - a).y) / (b - a).length_sq();
        let nearest = a + (b - a) * t.clamp(0.0, 1.0);
        assert!(seen.distance(nearest) < 1.5, "{seen:?}");
    }
    h.state_mut().doc.undo();
    h.get_by_label("Scalp map").click();
    settle(&mut h);
    assert_eq!(h.state().shown_head_view(), None);
    assert_eq!(h.state().shown_photo_size(), map);
    assert_eq!(h.state().preview_head_view(), Some(None));
    // Exported while a photo is shown, the image is that photo with the design seen through its
    // camera: the very image `render --view` writes.
    h.get_by_label("left").click();
    settle(&mut h);
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("left.png");
    h.state_mut()
        .export(&out, hairline::render::ExportKind::Preview);
    h.state_mut().finish_export();
    assert!(
        h.state().status.contains("Exported"),
        "{}",
        h.state().status
    );
    let cli = dir.path().join("left-cli.png");
    common::run_cli_ok(&[
        "render",
        "designs/whole-scalp-head.json",
        "--view",
        "left",
        "-o",
        cli.to_str().unwrap(),
    ]);
    let (a, b) = (image::open(&out).unwrap(), image::open(&cli).unwrap());
    assert_eq!(a.width(), 1512);
    assert!(a == b, "the studio's export is the command line's");
    h.get_by_label("Scalp map").click();
    settle(&mut h);
    // Presenting to the client, the bar steps through the photos of the head.
    h.key_press(Key::F5);
    settle(&mut h);
    h.get_by_label("left").click();
    settle(&mut h);
    assert_eq!(h.state().shown_head_view(), Some(1));
    assert_eq!(h.state().preview_head_view(), Some(Some(1)));
    h.get_by_label("From above").click();
    settle(&mut h);
    assert_eq!(h.state().shown_head_view(), None);
}

/// A head design started on a photo: the photo is its front view, and clicking the landmarks
/// the practitioner is asked for, in turn, places the camera; a right-click removes a click,
/// undo takes one back, and the design saves with its photo beside it and opens again.
#[test]
fn a_head_design_is_started_on_a_photo_and_placed_by_clicking_its_landmarks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let photo = dir.path().join("front.jpg");
    std::fs::copy(common::root().join("designs/head-front.jpg"), &photo).expect("copy");
    let mut h = harness_on(Studio::for_new_head(&photo).expect("starts"));
    assert_eq!(h.state().shown_head_view(), Some(0));
    assert!(h.state_mut().registrations().is_err(), "no clicks yet");
    // Where the bundled sample (the same photo) has its landmarks.
    let sample = common::sample("whole-scalp-head");
    let truth = sample.views[0].landmarks.clone();
    // Asked straight away for the first landmark a front photo shows, then one after another
    // in the order a front photo shows them; when all are placed the tools draw again.
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Click the glabella on the photo")
            .is_some(),
        "the first landmark is asked for"
    );
    for &l in hairline::head::ViewKind::Front.landmarks() {
        let at = truth[l.name()];
        let c = h.state().screen_from_photo(at).unwrap();
        click(&mut h, c, PointerButton::Primary);
    }
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Click the").is_none(),
        "nothing more is asked for"
    );
    let placed = &h.state().doc.design().views[0].landmarks;
    assert_eq!(placed.len(), truth.len(), "{placed:?}");
    for (name, p) in placed {
        assert!(p.distance(truth[name]) < 0.5, "{name}: {p:?}");
    }
    // The new design's head is the average man's, not the mannequin's 202 x 151 mm with 63.5 mm
    // pupils: the fit shows the difference, a couple of pixels.
    let fit = h.state_mut().registrations().as_ref().expect("registered")[0].rms_px;
    assert!(fit < 4.0, "{fit} px");
    // The panel can say how the photos see the head's size.
    h.get_by_label("Check the head's size against the photos")
        .click();
    h.run_steps(2);
    let said = h.state_mut().head_size_from_photos(false).cloned();
    assert!(
        matches!(said, Some(Ok(m)) if (120.0..=240.0).contains(&m.length_mm)),
        "{said:?}"
    );
    // Measured, the head fits: the client's head length, breadth, height and pupils typed in,
    // and the lens (the mannequin's photos have no EXIF: a 2x lens, 52 mm equivalent).
    h.state_mut()
        .set_head(sample.head.expect("the sample's head"));
    h.state_mut()
        .doc
        .edit(Gesture::Once, |d| d.views[0].focal_35mm = Some(52.0));
    settle(&mut h);
    let fit = h.state_mut().registrations().as_ref().expect("registered")[0].rms_px;
    assert!(fit < 0.5, "{fit} px");
    assert!(
        h.query_by_label_contains("is probably on the wrong spot")
            .is_none()
    );
    // The nose tip clicked on the wrong spot (on a nostril, 30 px off): the panel names it, and
    // clicking it again in the right place clears the warning.
    h.state_mut().doc.edit(Gesture::Once, |d| {
        let p = d.views[0].landmarks.get_mut("nose tip").unwrap();
        p.x += 30.0;
    });
    settle(&mut h);
    assert!(
        h.query_by_label_contains("The nose tip click is").is_some(),
        "the misplaced click is named"
    );
    h.get_by_label("Click it again").click();
    settle(&mut h);
    let c = h.state().screen_from_photo(truth["nose tip"]).unwrap();
    click(&mut h, c, PointerButton::Primary);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("is probably on the wrong spot")
            .is_none()
    );
    assert!(
        h.state().doc.design().views[0].landmarks["nose tip"].distance(truth["nose tip"]) < 0.5
    );
    assert_eq!(
        h.state().shown_photo_size(),
        (1512, 2016),
        "still the photo"
    );
    assert_eq!(h.state().shown_head_view(), Some(0));
    // All placed, clicks draw with the tools again; to edit the photo's clicks, the panel's
    // "Clicks place" comes back to them (here to outline points). A right-click on the nose
    // tip then removes it; undo brings it back.
    h.get_by_label("Clicks place").click();
    h.run_steps(2);
    h.get_by_label("outline points (0)").click();
    settle(&mut h);
    let c = h.state().screen_from_photo(truth["nose tip"]).unwrap();
    click(&mut h, c, PointerButton::Secondary);
    assert!(
        !h.state().doc.design().views[0]
            .landmarks
            .contains_key("nose tip")
    );
    h.state_mut().doc.undo();
    assert!(
        h.state().doc.design().views[0]
            .landmarks
            .contains_key("nose tip")
    );
    // Saved in another folder, the photo is written relative to the design and found again.
    let saved = dir.path().join("designs").join("client.json");
    std::fs::create_dir_all(saved.parent().unwrap()).unwrap();
    h.state_mut().save(saved.clone());
    let text = std::fs::read_to_string(&saved).expect("saved");
    assert!(text.contains("\"path\": \"../front.jpg\""), "{text}");
    let mut again = harness_on(Studio::open(&saved).expect("reopens"));
    again.get_by_label("front").click();
    settle(&mut again);
    assert_eq!(again.state().shown_photo_size(), (1512, 2016));
    assert!(again.state_mut().registrations().is_ok());
}

/// The stubble tool: a click on the sample's stubble at the side measures it, the panel says
/// what blends with it, and one click applies that to the variant (one undo step); a click on
/// bare skin says there is no stubble there.
#[test]
fn the_stubble_tool_measures_the_clients_hair_and_applies_the_blend() {
    let mut h = harness();
    h.key_press(Key::K);
    h.run_steps(2);
    let side = h
        .state()
        .screen_from_photo(hairline::geometry::Point::new(480.0, 850.0))
        .unwrap();
    click(&mut h, side, PointerButton::Primary);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("Stubble: ").is_some(),
        "the measurement is shown"
    );
    let before = h.state().doc.design().variants[0].clone();
    h.get_by_label("Apply needle, shade and dilution").click();
    settle(&mut h);
    let after = &h.state().doc.design().variants[0];
    assert!((0.18..=0.30).contains(&after.dots.needle_mm));
    assert_ne!(after.pigment.shade, before.pigment.shade);
    h.state_mut().doc.undo();
    assert_eq!(h.state().doc.design().variants[0], before);
    let bare = h
        .state()
        .screen_from_photo(hairline::geometry::Point::new(1200.0, 900.0))
        .unwrap();
    click(&mut h, bare, PointerButton::Primary);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("hairs found in the area")
            .is_some(),
        "bare skin is said to have no stubble"
    );
}

/// The stubble tool on a head design: on the scalp map it asks for a photo; on a photo of the
/// head it measures through the photo's camera, and on the bundled photos (a quarter of a
/// millimetre a pixel behind the ear) says they are too coarse and what would do.
#[test]
fn the_stubble_tool_on_a_head_design_measures_on_its_photos() {
    let path = common::root().join("designs/whole-scalp-head.json");
    let mut h = harness_on(Studio::open(&path).expect("opens"));
    h.key_press(Key::K);
    h.run_steps(2);
    let c = h
        .state()
        .screen_from_photo(Point::new(1600.0, 2600.0))
        .unwrap();
    click(&mut h, c, PointerButton::Primary);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("in one of the photos of the head")
            .is_some(),
        "the map has no stubble: a photo is asked for"
    );
    h.get_by_label("left").click();
    settle(&mut h);
    assert!(
        h.query_by_label_contains("in one of the photos of the head")
            .is_none(),
        "the pick was the map's"
    );
    h.key_press(Key::K);
    h.run_steps(2);
    let c = h
        .state()
        .screen_from_photo(Point::new(1000.0, 1100.0))
        .unwrap();
    click(&mut h, c, PointerButton::Primary);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("at least 100 pixels per cm")
            .is_some(),
        "the resolution needed is said"
    );
}

/// Where the last frame painted the texture named `name`, if it did.
fn painted_texture(h: &Harness<'static, Studio>, name: &str) -> Option<egui::Rect> {
    let textures = h.ctx.tex_manager();
    let textures = textures.read();
    h.output()
        .shapes
        .iter()
        .find_map(|clipped| match &clipped.shape {
            egui::Shape::Mesh(mesh)
                if textures
                    .meta(mesh.texture_id)
                    .is_some_and(|m| m.name == name) =>
            {
                Some(mesh.calc_bounds())
            }
            _ => None,
        })
}

/// The worst case on a head design: on the scalp map and on each photo of the head, the same bare
/// skin (counted once over the head, as `render --norwood` says), the photo shown at that stage
/// exported as the command line draws it, and each picture its own again afterwards.
#[test]
fn the_worst_case_is_shown_on_the_head_in_each_picture() {
    let path = common::root().join("designs/whole-scalp-head.json");
    let mut h = harness_on(Studio::open(&path).expect("opens"));
    let map = h.state().shown_photo().levels[0].clone();
    h.get_by_label("Hair").click();
    h.run_steps(2);
    h.get_by_label("Norwood 7").click();
    // Made on a thread of its own (it reads every photo of the head): the next frame shows the
    // map as it is and says the stage is being worked out (the click is taken in the first
    // frame, the stage started in the next).
    h.run_steps(2);
    assert!(h.state().is_making_worst_case());
    assert!(h.state().shown_photo().levels[0] == map);
    assert!(h.query_by_label_contains("Working out Norwood 7").is_some());
    settle(&mut h);
    settle(&mut h);
    let on_map = h
        .state()
        .worst_case_untreated_cm2()
        .expect("shown on the map");
    assert!(
        h.query_by_label_contains("At Norwood 7: ").is_some(),
        "the untreated area is said"
    );
    // The sample has no photo from behind: the bald back of the head is said to be unseen.
    let unseen = h.state().worst_case_unseen_cm2().expect("a head design");
    assert!(unseen > 20.0, "{unseen}");
    assert!(
        h.query_by_label_contains("is in no photo clearly enough")
            .is_some(),
        "the unseen skin is said"
    );
    h.get_by_label("top").click();
    settle(&mut h);
    settle(&mut h);
    assert_eq!(h.state().shown_head_view(), Some(2));
    let on_top = h
        .state()
        .worst_case_untreated_cm2()
        .expect("shown on the photo");
    assert_eq!(on_top, on_map, "the same skin, counted over the head");
    // The photo shown is the head at stage 7: the fringe's hair above the widest section is
    // taken out, so it is lighter than the client's own photo there; the rest is untouched.
    let own = h.state().client_photo().levels[0].clone();
    let shown = h.state().shown_photo().levels[0].clone();
    assert_eq!(own.dimensions(), shown.dimensions());
    let changed = own
        .pixels()
        .zip(shown.pixels())
        .filter(|(a, b)| a.0[..3] != b.0[..3])
        .count();
    let lighter: i64 = own
        .pixels()
        .zip(shown.pixels())
        .map(|(a, b)| (0..3).map(|c| b.0[c] as i64 - a.0[c] as i64).sum::<i64>())
        .sum();
    eprintln!("top photo at stage 7: {changed} pixels changed, {lighter} levels lighter in all");
    assert!(changed > 1000 && lighter > 0, "{changed} {lighter}");
    // The red is painted over the photo shown, where the picture is on screen.
    let red = painted_texture(&h, "worst case").expect("the red is painted over the photo");
    let photo_on_screen = egui::Rect::from_two_pos(
        h.state().screen_from_photo(Point::new(0.0, 0.0)).unwrap(),
        h.state()
            .screen_from_photo(Point::new(own.width() as f64, own.height() as f64))
            .unwrap(),
    );
    assert!(
        photo_on_screen.expand(20.0).contains_rect(red),
        "{red:?} on {photo_on_screen:?}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("top-7.png");
    h.state_mut()
        .export(&out, hairline::render::ExportKind::Preview);
    h.state_mut().finish_export();
    let cli = dir.path().join("top-7-cli.png");
    common::run_cli_ok(&[
        "render",
        path.to_str().unwrap(),
        "--view",
        "top",
        "--norwood",
        "7",
        "-o",
        cli.to_str().unwrap(),
    ]);
    let (a, b) = (image::open(&out).unwrap(), image::open(&cli).unwrap());
    assert!(a == b, "the studio's export is the command line's");
    // Back on the map, then "as today": every picture is the client's own again.
    h.get_by_label("Scalp map").click();
    settle(&mut h);
    h.get_by_label("Hair").click();
    h.run_steps(2);
    h.get_by_label("as today").click();
    settle(&mut h);
    assert_eq!(h.state().worst_case_untreated_cm2(), None);
    assert!(
        h.state().shown_photo().levels[0] == map,
        "the scalp map is back"
    );
    h.get_by_label("top").click();
    settle(&mut h);
    assert!(
        h.state().shown_photo().levels[0] == own,
        "the client's photo is back"
    );
}

/// The worst case in the studio: the practitioner picks a later Norwood stage, the panel says how
/// much bald skin the design leaves untreated, the export is the command line's `--norwood`
/// render byte for byte, and back "as today" the client's own photo returns.
#[test]
fn the_worst_case_is_shown_exported_and_undone() {
    let mut h = harness();
    h.get_by_label("Hair").click();
    h.run_steps(2);
    h.get_by_label("Norwood 7").click();
    settle(&mut h);
    settle(&mut h);
    assert!(
        h.query_by_label_contains("At Norwood 7: ").is_some(),
        "the untreated area is said"
    );
    let cm2 = h.state().worst_case_untreated_cm2().expect("shown");
    assert!(cm2 > 0.5, "{cm2}");
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("worst.png");
    h.state_mut()
        .export(&out, hairline::render::ExportKind::Preview);
    h.state_mut().finish_export();
    let cli = dir.path().join("worst-cli.png");
    common::run_cli_ok(&[
        "render",
        "designs/shaved-soft-hairline.json",
        "--norwood",
        "7",
        "--session",
        "3",
        "-o",
        cli.to_str().unwrap(),
    ]);
    let (a, b) = (image::open(&out).unwrap(), image::open(&cli).unwrap());
    assert!(a == b, "the studio's export is the command line's");
    h.get_by_label("Hair").click();
    h.run_steps(2);
    h.get_by_label("as today").click();
    settle(&mut h);
    assert_eq!(h.state().worst_case_untreated_cm2(), None);
    let own = hairline::photo::load_photo(&common::root().join("assets/sample-scalp.jpg"))
        .unwrap()
        .image;
    assert!(
        h.state().client_photo().levels[0] == own,
        "the client's own photo is back"
    );
    // Presenting, the client is shown the stage chosen last, and back, with one button.
    h.key_press(Key::F5);
    settle(&mut h);
    h.get_by_label("If the hair recedes").click();
    settle(&mut h);
    settle(&mut h);
    assert_eq!(h.state().view.worst_case, Some(7));
    assert!(h.state().worst_case_untreated_cm2().is_some(), "drawn");
    h.get_by_label("If the hair recedes").click();
    settle(&mut h);
    assert_eq!(h.state().view.worst_case, None);
    assert!(h.state().shown_photo().levels[0] == own);
}
