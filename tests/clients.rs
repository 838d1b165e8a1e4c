//! The client library in the studio, driven headless through egui_kittest: a client added,
//! the open design filed under them, sessions logged and corrected, the report made, the
//! studio closed and opened again on the same library, and the record erased.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline_studio::app::Studio;
use std::path::Path;

fn studio_on(library: &Path) -> Harness<'static, Studio> {
    let mut studio =
        Studio::open(&common::root().join("designs/shaved-soft-hairline.json")).expect("opens");
    // No system file dialog under test: the studio's own browser stands in for it.
    studio.use_own_browser = true;
    studio.clients.use_library(library);
    studio.show_clients(true);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    h
}

fn wait_until(h: &mut Harness<'static, Studio>, what: &str, done: impl Fn(&Studio) -> bool) {
    let start = std::time::Instant::now();
    while !done(h.state()) {
        assert!(start.elapsed().as_secs() < 60, "still waiting for {what}");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    h.run_steps(3);
}

fn type_into(h: &mut Harness<'static, Studio>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    // Select what is there, so the text replaces it.
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(2);
}

#[test]
fn a_client_is_added_their_design_filed_sessions_logged_and_all_found_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let lib = dir.path().join("clients");
    let mut h = studio_on(&lib);
    assert!(h.query_by_label_contains("No clients yet").is_some());

    h.get_by_label("New client…").click();
    h.run_steps(2);
    type_into(&mut h, "New client's name", "Daniel Okafor");
    h.get_by_label("Add client").click();
    h.run_steps(3);
    let folder = h
        .state()
        .clients
        .page
        .as_ref()
        .expect("their page")
        .folder
        .clone();
    assert!(folder.path.join("client.json").is_file());

    // Details edited on the page and saved.
    type_into(&mut h, "Contact", "+44 7700 900123");
    h.get_by_label("Save details").click();
    h.run_steps(2);
    assert_eq!(folder.details().unwrap().contact, "+44 7700 900123");

    // The open design filed under the client: the studio now edits the client's copy.
    h.get_by_label("File shaved-soft-hairline.json here")
        .click();
    h.run_steps(2);
    wait_until(&mut h, "the filed design to open", |s| !s.is_opening());
    let filed = h.state().doc.path.clone().expect("a file");
    assert!(filed.starts_with(&folder.path), "{}", filed.display());
    assert!(
        !h.state().clients.shown,
        "back to the editor on the filed design"
    );
    assert_eq!(h.state().doc.design().client.name, "Daniel Okafor");

    // Back to the clients (Ctrl+L) and a session logged with a photo.
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(3);
    assert!(h.state().clients.shown);
    h.get_by_label("Log a session…").click();
    h.run_steps(3);
    type_into(&mut h, "Date", "2026-11-02");
    type_into(&mut h, "Lot number", "PB-2291");
    type_into(&mut h, "Reactions", "mild redness");
    h.state_mut()
        .clients
        .add_session_photo(common::root().join("assets/sample-scalp.jpg"));
    h.run_steps(2);
    h.get_by_label("Save entry").click();
    h.run_steps(3);
    let log = folder.log();
    assert_eq!(log.entries.len(), 1, "{:?}", h.state().clients.message);
    let e = &log.entries[0];
    assert_eq!((e.planned_session, e.date.as_str()), (1, "2026-11-02"));
    assert_eq!(e.pigment.lot, "PB-2291");
    assert_eq!(e.reactions, "mild redness");
    let planned = {
        let d = hairline::design::load_design(&filed).unwrap();
        hairline::engine::compute(&d, d.active_variant)
            .stats
            .per_session[0] as u64
    };
    assert_eq!(
        e.impressions_planned, planned,
        "the plan's count for session 1"
    );
    assert_eq!(e.photos.len(), 1);
    assert!(folder.path.join(&e.photos[0].file).is_file());
    // The plan's interval gives the next appointment.
    assert!(
        h.query_by_label_contains("Next: session 2, planned for 2026-11-16")
            .is_some()
    );

    // A correction is a new entry; the first is kept.
    h.get_by_label("Correct…").click();
    h.run_steps(3);
    type_into(&mut h, "Lot number", "PB-2292");
    h.get_by_label("Save entry").click();
    h.run_steps(3);
    let log = folder.log();
    assert_eq!(log.entries.len(), 2);
    assert_eq!(log.entries[0].pigment.lot, "PB-2291", "never changed");
    let current = log.current();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].entry.pigment.lot, "PB-2292");
    assert_eq!(current[0].entry.photos.len(), 1, "the photos come along");

    // The report, through the Save dialog (the studio's own browser here).
    h.get_by_label("Report (PDF)…").click();
    h.run_steps(3);
    h.get_by_label("Save").click();
    h.run_steps(2);
    wait_until(&mut h, "the report", |s| !s.clients.is_reporting());
    let pdfs: Vec<_> = std::fs::read_dir(&folder.path)
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "{}", h.state().clients.message);
    let name = pdfs[0].file_name().to_string_lossy().into_owned();
    assert!(name.starts_with("daniel-okafor-treatment-plan-"), "{name}");

    // A photo in the log compared with the plan it was taken for, from the log itself.
    h.get_by_label("front before").click();
    h.run_steps(2);
    wait_until(&mut h, "the alignment", |s| !s.is_aligning());
    assert!(!h.state().clients.shown, "the editor, on the design");
    assert!(
        h.state().status.contains("aligned with the design"),
        "{}",
        h.state().status
    );
    assert!(h.state().shows_later_photo());
    h.key_press_modifiers(Modifiers::COMMAND, Key::L);
    h.run_steps(3);

    // Closed and opened again: every piece is found from the folders.
    drop(h);
    let mut h = studio_on(&lib);
    assert!(h.query_by_label_contains("Daniel Okafor").is_some());
    h.get_by_label_contains("Daniel Okafor").click();
    h.run_steps(3);
    let page = h.state().clients.page.as_ref().expect("page");
    assert_eq!(page.saved.contact, "+44 7700 900123");
    assert_eq!(page.designs, vec![filed.clone()]);
    assert_eq!(page.log.entries.len(), 2);
    assert!(
        h.query_by_label_contains("PB-2292").is_some(),
        "the log shows the corrected lot"
    );
}

#[test]
fn search_narrows_the_list_and_erasing_a_client_needs_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let lib = hairline::records::Library::open(dir.path()).unwrap();
    for name in ["Maria Silva", "Mario Rossi", "Amir Haddad"] {
        lib.add_client(&hairline::records::ClientDetails::new(name))
            .unwrap();
    }
    let mut h = studio_on(dir.path());
    type_into(&mut h, "Search", "mari");
    assert!(h.query_by_label_contains("Maria Silva").is_some());
    assert!(h.query_by_label_contains("Mario Rossi").is_some());
    assert!(h.query_by_label_contains("Amir Haddad").is_none());
    type_into(&mut h, "Search", "rossi");
    assert!(h.query_by_label_contains("Maria Silva").is_none());
    h.get_by_label_contains("Mario Rossi").click();
    h.run_steps(3);
    let folder = h.state().clients.page.as_ref().unwrap().folder.path.clone();
    // Handed over first: one archive beside the library.
    h.get_by_label("Export for hand-over…").click();
    h.run_steps(3);
    assert!(
        h.query_by_label_contains("Export the client's record as")
            .is_some(),
        "the save dialog (the studio's own browser here)"
    );
    h.get_by_label("Save").click();
    h.run_steps(3);
    let tar = dir.path().join(format!(
        "mario-rossi-record-{}.tar",
        hairline::records::date::today()
    ));
    assert!(tar.is_file(), "{}", h.state().clients.message);
    h.get_by_label("Delete client…").click();
    h.run_steps(2);
    type_into(&mut h, "Their name", "Mario");
    h.get_by_label("Delete for ever").click();
    h.run_steps(2);
    assert!(folder.exists(), "a partial name deletes nothing");
    type_into(&mut h, "Their name", "Mario Rossi");
    h.get_by_label("Delete for ever").click();
    h.run_steps(3);
    assert!(!folder.exists());
    assert_eq!(lib.list().clients.len(), 2);
}

#[test]
fn a_damaged_client_folder_is_named_on_the_screen_and_the_others_listed() {
    let dir = tempfile::tempdir().unwrap();
    let lib = hairline::records::Library::open(dir.path()).unwrap();
    lib.add_client(&hairline::records::ClientDetails::new("Kept Client"))
        .unwrap();
    let bad = lib
        .add_client(&hairline::records::ClientDetails::new("Damaged"))
        .unwrap();
    std::fs::write(bad.path.join("client.json"), "{ half a file").unwrap();
    let h = studio_on(dir.path());
    assert!(h.query_by_label_contains("Kept Client").is_some());
    assert!(h.query_by_label_contains("could not be read").is_some());
}

#[test]
fn a_passphrase_locks_the_library_which_asks_for_it_and_locks_itself_when_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let lib = hairline::records::Library::open(dir.path()).unwrap();
    let folder = lib
        .add_client(&hairline::records::ClientDetails::new("Daniel Okafor"))
        .unwrap();
    let mut h = studio_on(dir.path());
    h.get_by_label("Lock with passphrase…").click();
    h.run_steps(2);
    type_into(&mut h, "New passphrase", "correct horse battery");
    type_into(&mut h, "The same again", "correct horse batteyr");
    h.get_by_label("Lock the library").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("The two passphrases differ")
            .is_some()
    );
    assert!(
        folder.path.exists(),
        "nothing locked on a mistyped passphrase"
    );
    type_into(&mut h, "New passphrase", "correct horse battery");
    type_into(&mut h, "The same again", "correct horse battery");
    h.get_by_label("Lock the library").click();
    h.run_steps(3);
    assert!(!folder.path.exists(), "the plain folder is gone");
    assert!(
        h.query_by_label_contains("The client library is locked")
            .is_some()
    );
    assert!(h.query_by_label_contains("Daniel Okafor").is_none());

    type_into(&mut h, "Passphrase", "wrong passphrase");
    h.get_by_label("Unlock").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("not this library's").is_some());
    type_into(&mut h, "Passphrase", "correct horse battery");
    h.get_by_label("Unlock").click();
    h.run_steps(3);
    h.get_by_label_contains("Daniel Okafor").click();
    h.run_steps(3);
    assert!(
        folder.path.join("client.json").is_file(),
        "unsealed when opened"
    );

    // A session being logged when the practitioner is called away.
    h.get_by_label("Log a session…").click();
    h.run_steps(2);
    type_into(&mut h, "Lot number", "LOT-4471");
    h.run_steps(1);

    // Left alone longer than the settings allow: locked again, the folder sealed, nothing of
    // the record on screen.
    h.state_mut().clients.lock_after_min = 1;
    h.state_mut().clients.last_use = std::time::Instant::now() - std::time::Duration::from_secs(61);
    h.run_steps(1);
    assert!(h.state().clients.is_locked());
    assert!(!folder.path.exists());
    assert!(
        h.query_by_label_contains("Locked after 1 minute without use")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("unsaved page comes back when the library is unlocked")
            .is_some()
    );
    assert!(h.query_by_label_contains("LOT-4471").is_none());
    assert!(h.state().clients.log_form.is_none() && h.state().clients.page.is_none());
    // Unlocked, the page and the half-written entry are back as they were left.
    h.run_steps(2);
    type_into(&mut h, "Passphrase", "correct horse battery");
    h.get_by_label("Unlock").click();
    h.run_steps(3);
    let form = h
        .state()
        .clients
        .log_form
        .as_ref()
        .expect("the entry is back");
    assert_eq!(form.entry.pigment.lot, "LOT-4471");
    assert_eq!(
        h.state()
            .clients
            .page
            .as_ref()
            .map(|p| p.saved.name.as_str()),
        Some("Daniel Okafor")
    );
    assert!(
        h.query_by_label_contains("page is back as it was left")
            .is_some()
    );
}

#[test]
fn a_later_photo_is_aligned_shown_four_ways_and_a_touch_up_is_painted_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let later = common::later_visit_photo(dir.path());
    let mut h = studio_on(dir.path());
    h.state_mut().show_clients(false);
    h.run_steps(3);
    wait_until(&mut h, "the first preview", |s| !s.is_rendering());
    let main_variant = h.state().doc.design().active().clone();
    h.state_mut().compare_later_photo(later);
    wait_until(&mut h, "the alignment", |s| !s.is_aligning());
    assert!(
        h.state().status.contains("aligned with the design"),
        "{}",
        h.state().status
    );
    assert!(
        h.state().shows_later_photo(),
        "the plan over the later photo"
    );
    h.get_by_label("Side by side").click();
    h.run_steps(3);
    assert!(
        !h.state().shows_later_photo(),
        "the plan on the client's photo, right"
    );
    assert!(
        h.state().view.split.is_some(),
        "the later photo left of the split"
    );
    h.get_by_label("Flicker").click();
    h.run_steps(2);
    let (mut later_seen, mut plan_seen) = (false, false);
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_millis(1600) {
        h.step();
        later_seen |= h.state().shows_later_photo();
        plan_seen |= !h.state().shows_later_photo();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(later_seen && plan_seen, "the flicker shows both in turn");
    h.get_by_label("Later photo").click();
    h.run_steps(3);
    assert!(h.state().shows_later_photo());
    assert!(h.state().view.split.is_none());

    h.get_by_label("Paint a touch-up zone").click();
    h.run_steps(3);
    assert!(
        h.state()
            .doc
            .design()
            .active()
            .name
            .starts_with("Touch-up ")
    );
    assert_eq!(h.state().tool.active, hairline_studio::app::Tool::ZoneBrush);
    // Paint a stroke across the crown.
    let a = h
        .state()
        .screen_from_photo(hairline::geometry::Point::new(1000.0, 700.0))
        .expect("laid out");
    let b = h
        .state()
        .screen_from_photo(hairline::geometry::Point::new(1400.0, 760.0))
        .expect("laid out");
    h.event(egui::Event::PointerMoved(a));
    h.step();
    h.event(egui::Event::PointerButton {
        pos: a,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for k in 1..=10 {
        h.event(egui::Event::PointerMoved(a + (b - a) * (k as f32 / 10.0)));
        h.step();
    }
    h.event(egui::Event::PointerButton {
        pos: b,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run_steps(3);
    let stats = h.state_mut().computed().stats.clone();
    assert_eq!(stats.zones[0].name, "Touch-up");
    assert!(stats.zones[0].impressions > 50, "{:?}", stats.zones[0]);
    assert_eq!(
        stats.total,
        stats.zones[0].impressions + stats.outside_zones
    );
    let d = &h.state().doc.design();
    assert_eq!(d.variants[0], main_variant, "the plan itself is untouched");
}

#[test]
fn the_library_settings_and_report_texts_are_edited_in_the_studio() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = studio_on(dir.path());
    h.get_by_label("Settings…").click();
    h.run_steps(3);
    // A long text in its own scrolling box: clicked into, as a person would.
    h.get_by_label("Consent text (signed by the client)")
        .click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    h.get_by_label("Consent text (signed by the client)")
        .type_text("I agree to the plan shown. (Clinic's own wording.)");
    h.run_steps(2);
    type_into(&mut h, "Clinic", "Northside SMP Clinic");
    type_into(&mut h, "Currency", "GBP");
    h.get_by_label("Save").click();
    h.run_steps(3);
    let lib = hairline::records::Library::open(dir.path()).unwrap();
    let s = lib.settings().unwrap();
    assert_eq!(s.clinic_name, "Northside SMP Clinic");
    assert_eq!(s.currency, "GBP");
    assert_eq!(
        lib.templates().1,
        "I agree to the plan shown. (Clinic's own wording.)"
    );
    assert!(
        h.query_by_label_contains("Saved the library's settings")
            .is_some()
    );
}

#[test]
fn a_new_design_for_a_client_starts_on_their_photo_copied_into_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    let lib = hairline::records::Library::open(dir.path()).unwrap();
    let folder = lib
        .add_client(&hairline::records::ClientDetails {
            skin_type: 4,
            ..hairline::records::ClientDetails::new("Amir Haddad")
        })
        .unwrap();
    // The photo as it came off the camera card, in the client's folder where the browser opens.
    std::fs::copy(
        common::root().join("assets/sample-scalp.jpg"),
        folder.path.join("IMG_0412.jpg"),
    )
    .unwrap();
    let mut h = studio_on(dir.path());
    h.get_by_label_contains("Amir Haddad").click();
    h.run_steps(3);
    h.get_by_label("New design from photo…").click();
    h.run_steps(3);
    h.get_by_label("IMG_0412.jpg").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    wait_until(&mut h, "the new design", |s| !s.is_opening());
    let s = h.state();
    assert!(!s.clients.shown, "the editor, on the new design");
    assert_eq!(s.doc.design().client.name, "Amir Haddad");
    assert_eq!(s.doc.design().client.skin_type, 4);
    assert!(
        s.doc.photo_path.starts_with(folder.path.join("photos")),
        "{}",
        s.doc.photo_path.display()
    );
    assert_eq!(
        s.start_folder(hairline_studio::app::Purpose::SaveAs),
        Some(folder.path.join("designs")),
        "saved into the client's designs"
    );
}

#[test]
fn a_record_whose_design_has_unsaved_changes_is_not_sealed_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let lib = hairline::records::Library::open(dir.path()).unwrap();
    let folder = lib
        .add_client(&hairline::records::ClientDetails::new("Daniel Okafor"))
        .unwrap();
    let sample = common::root().join("designs/shaved-soft-hairline.json");
    let design = hairline::design::load_design(&sample).unwrap();
    let filed = folder
        .add_design(&design, &sample, "Soft hairline")
        .unwrap();
    let mut studio = Studio::open(&filed).expect("opens");
    studio.use_own_browser = true;
    studio.clients.use_library(dir.path());
    // An edit not yet saved.
    studio.doc.edit(hairline_studio::app::Gesture::Once, |d| {
        d.client.notes = "changed".into()
    });
    studio.show_clients(true);
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, s: &mut Studio| s.ui(ui), studio);
    h.run_steps(3);
    h.get_by_label("Lock with passphrase…").click();
    h.run_steps(2);
    type_into(&mut h, "New passphrase", "correct horse battery");
    type_into(&mut h, "The same again", "correct horse battery");
    h.get_by_label("Lock the library").click();
    h.run_steps(3);
    assert!(
        filed.is_file(),
        "the record in use is not sealed under its unsaved design"
    );
    assert!(
        h.state().clients.message.contains("stays open"),
        "{}",
        h.state().clients.message
    );
    assert!(
        h.state().doc.is_dirty(),
        "the unsaved change is still there"
    );
    // Saved, then locked: sealed, and the studio closes the design it came from.
    let path = filed.clone();
    h.state_mut().save(path);
    assert!(!h.state().doc.is_dirty());
    h.get_by_label("Lock now").click();
    h.run_steps(3);
    assert!(!folder.path.exists(), "sealed");
    assert!(h.state().clients.is_locked());
    assert_ne!(h.state().doc.path.as_deref(), Some(filed.as_path()));
}
