//! Work lost in a crash is offered back wherever the studio opens: here on the client library,
//! where it starts without a file. Recovering it keeps the library and the preferences. (One
//! test: it sets the process-wide data folder.)

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline_studio::app::{Gesture, Studio, recovery};

#[test]
fn unsaved_work_is_offered_back_on_the_client_library_and_recovered_into_the_editor() {
    let data = tempfile::tempdir().unwrap();
    // SAFETY: this test binary has one test, so no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("HAIRLINE_DATA_DIR", data.path()) };
    let work = tempfile::tempdir().unwrap();
    let path = work.path().join("client.json");
    let d = common::sample_with_absolute_photo("shaved-soft-hairline");
    hairline::design::save_design(&d, &path).unwrap();
    let mut crashed = Studio::open(&path).unwrap();
    crashed
        .doc
        .edit(Gesture::Once, |d| d.client.notes = "lost in a crash".into());
    crashed.autosave_now();
    drop(crashed);

    // The next start: on the library, as the studio starts without a file.
    let mut studio =
        Studio::open(&common::root().join("designs/shaved-soft-hairline.json")).unwrap();
    studio.recoveries = recovery::list_recoveries();
    let library = work.path().join("clients");
    studio.prefs.library = Some(library.clone());
    studio.show_clients(true);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    assert!(h.state().clients.shown);
    assert!(
        h.query_by_label("Recover unsaved work").is_some(),
        "offered on the library"
    );
    h.get_by_label("Recover").click();
    h.run_steps(3);
    let s = h.state();
    assert!(!s.clients.shown, "the editor, on the recovered work");
    assert_eq!(s.doc.design().client.notes, "lost in a crash");
    assert!(s.doc.is_dirty());
    assert_eq!(s.prefs.library.as_deref(), Some(library.as_path()));
}
