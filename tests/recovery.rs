//! Autosave and recovery: after a crash the studio offers the unsaved work back, and the recovery
//! file is readable by the user alone. (One test: it sets the process-wide data folder.)

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline::geometry::Point;
use hairline_studio::app::{Gesture, Studio, recovery};

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_back() {
    let data = tempfile::tempdir().expect("temp dir");
    // SAFETY: this test binary has one test, so no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("HAIRLINE_DATA_DIR", data.path()) };
    let work = tempfile::tempdir().expect("temp dir");
    let design_path = work.path().join("client.json");
    let d = common::sample_with_absolute_photo("defined-widows-peak");
    hairline::design::save_design(&d, &design_path).expect("save");

    // A session edits the design and autosaves, then "crashes" (is dropped without saving).
    let mut studio = Studio::open(&design_path).expect("opens");
    studio.doc.edit(Gesture::Once, |d| {
        d.variants[0].hairline.as_mut().expect("hairline").points_px[4] = Point::new(1200.0, 1100.0)
    });
    studio.autosave_now();
    let edited = studio.doc.design().variants.clone();
    drop(studio);

    let found = recovery::list_recoveries();
    assert_eq!(found.len(), 1, "one recovery file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&found[0].0)
            .expect("metadata")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o600, "recovery files are for the user alone");
    }

    // The next start offers it; the user clicks Recover.
    let mut next = Studio::open(&design_path).expect("opens");
    next.recoveries = found;
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), next);
    h.run_steps(2);
    h.get_by_label("Recover").click();
    h.run_steps(3);
    let s = h.state();
    assert_eq!(s.doc.design().variants, edited, "the unsaved edit is back");
    assert!(s.doc.is_dirty(), "recovered work is still unsaved");
    assert_eq!(
        s.doc.path.as_deref(),
        Some(design_path.as_path()),
        "and belongs to its file"
    );

    // Saving clears the recovery file.
    h.state_mut().save(design_path.clone());
    assert!(
        recovery::list_recoveries().is_empty(),
        "saved work leaves no recovery file"
    );
}
