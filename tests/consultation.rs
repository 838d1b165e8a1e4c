//! A consultation from first click to filed report, driven headless through egui_kittest: where
//! each file the studio writes is proposed (a client's designs into their `designs/`, reports
//! and exports of their design into their folder under their name, a design of no client never
//! into a client's folder), and the question about unsaved changes, whose Save goes through the
//! save dialog and then on with what was asked for.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use hairline::records::{ClientDetails, ClientFolder, Library};
use hairline_studio::app::{Command, Gesture, Purpose, Studio};
use std::path::{Path, PathBuf};

fn harness_on(mut studio: Studio, library: &Path) -> Harness<'static, Studio> {
    // No system file dialog under test: the studio's own browser stands in for it.
    studio.use_own_browser = true;
    studio.clients.use_library(library);
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

fn add_client(library: &Path, name: &str) -> ClientFolder {
    Library::open(library)
        .unwrap()
        .add_client(&ClientDetails::new(name))
        .unwrap()
}

/// The bundled sample design filed under `folder`'s client.
fn filed_sample(folder: &ClientFolder) -> PathBuf {
    let sample = common::root().join("designs/shaved-soft-hairline.json");
    let design = hairline::design::load_design(&sample).unwrap();
    folder
        .add_design(&design, &sample, "Soft hairline")
        .unwrap()
}

/// The bundled sample saved in a folder of its own, outside any client's record.
fn loose_sample(dir: &Path) -> PathBuf {
    let folder = dir.join("designs-of-nobody");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("soft.json");
    let mut d = common::sample_with_absolute_photo("shaved-soft-hairline");
    d.client.name = String::new();
    hairline::design::save_design(&d, &path).unwrap();
    path
}

fn proposal(h: &Harness<'static, Studio>) -> (PathBuf, String) {
    h.state()
        .browser_proposal()
        .expect("the studio's file browser is open")
}

fn abs(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap()
}

#[test]
fn a_new_clients_first_design_is_saved_into_their_designs_folder_and_listed_on_their_page() {
    let dir = tempfile::tempdir().unwrap();
    let folder = add_client(dir.path(), "Amir Haddad");
    std::fs::copy(
        common::root().join("assets/sample-scalp.jpg"),
        folder.path.join("IMG_0412.jpg"),
    )
    .unwrap();
    let designs = folder.path.join("designs");
    let studio = Studio::open(&common::root().join("designs/shaved-soft-hairline.json")).unwrap();
    let mut h = harness_on(studio, dir.path());
    h.state_mut().show_clients(true);
    h.run_steps(2);
    h.get_by_label_contains("Amir Haddad").click();
    h.run_steps(3);
    assert!(h.query_by_label_contains("No design yet").is_some());
    h.get_by_label("New design from photo…").click();
    h.run_steps(3);
    h.get_by_label("IMG_0412.jpg").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    wait_until(&mut h, "the new design", |s| !s.is_opening());
    assert!(!h.state().clients.shown, "the editor, on the new design");

    // Save (Ctrl+S): the design has no file yet, so the browser asks where, in the client's
    // designs folder (made for it), under the client's name.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(3);
    let (proposed, name) = proposal(&h);
    assert_eq!(
        abs(&proposed),
        abs(&designs),
        "proposed in {}",
        proposed.display()
    );
    assert!(designs.is_dir(), "the client's designs folder was made");
    assert!(name.contains("amir-haddad"), "{name}");
    h.get_by_label("Save").click();
    h.run_steps(3);
    let saved = designs.join(&name);
    assert!(saved.is_file(), "{} saved", saved.display());
    assert_eq!(h.state().doc.path.as_deref().map(abs), Some(abs(&saved)));
    assert!(!h.state().doc.is_dirty());

    // Back on the client's page the design is listed.
    h.state_mut().show_clients(true);
    h.run_steps(3);
    assert!(h.query_by_label_contains("No design yet").is_none());
    let page = h.state().clients.page.as_ref().expect("the client's page");
    assert!(
        page.designs.iter().any(|d| abs(d) == abs(&saved)),
        "{:?}",
        page.designs
    );
}

#[test]
fn a_report_of_a_design_of_no_client_is_proposed_beside_it_whoever_is_selected() {
    let dir = tempfile::tempdir().unwrap();
    let other = add_client(dir.path(), "Daniel Okafor");
    let loose = loose_sample(dir.path());
    let mut h = harness_on(Studio::open(&loose).unwrap(), dir.path());
    // Another client is selected in the library, then the editor is back.
    h.state_mut().show_clients(true);
    h.run_steps(2);
    h.get_by_label_contains("Daniel Okafor").click();
    h.run_steps(3);
    assert!(h.state().clients.page.is_some());
    h.state_mut().show_clients(false);
    h.run_steps(2);

    for (command, kind) in [
        (Command::Report, "report"),
        (Command::ExportPreview, "export"),
    ] {
        h.state_mut().queue(command);
        h.run_steps(3);
        let (proposed, name) = proposal(&h);
        assert_eq!(
            abs(&proposed),
            abs(loose.parent().unwrap()),
            "the {kind} is proposed beside the design"
        );
        assert!(
            !abs(&proposed).starts_with(abs(&other.path)),
            "never in another client's folder"
        );
        assert!(
            !name.to_lowercase().contains("daniel") && !name.contains("okafor"),
            "the {kind} is not named after the client selected: {name}"
        );
        h.get_by_label("Cancel").click();
        h.run_steps(2);
    }
}

#[test]
fn a_report_and_an_export_of_a_clients_design_go_into_their_folder_under_their_name() {
    let dir = tempfile::tempdir().unwrap();
    let theirs = add_client(dir.path(), "Amir Haddad");
    let selected = add_client(dir.path(), "Daniel Okafor");
    let filed = filed_sample(&theirs);
    let mut h = harness_on(Studio::open(&filed).unwrap(), dir.path());
    h.state_mut().show_clients(true);
    h.run_steps(2);
    h.get_by_label_contains("Daniel Okafor").click();
    h.run_steps(3);
    h.state_mut().show_clients(false);
    h.run_steps(2);
    for (command, kind) in [
        (Command::Report, "report"),
        (Command::ExportPreview, "export"),
        (Command::ExportBeforeAfter, "before/after export"),
    ] {
        h.state_mut().queue(command);
        h.run_steps(3);
        let (proposed, name) = proposal(&h);
        assert_eq!(
            abs(&proposed),
            abs(&theirs.path),
            "the {kind} goes into the design's client's folder"
        );
        assert!(!abs(&proposed).starts_with(abs(&selected.path)));
        assert!(name.starts_with("amir-haddad"), "{kind}: {name}");
        h.get_by_label("Cancel").click();
        h.run_steps(2);
    }
    // Saving it again under another name: their designs folder.
    assert_eq!(
        h.state().start_folder(Purpose::SaveAs).map(|p| abs(&p)),
        Some(abs(&theirs.path.join("designs")))
    );
}

/// A new design on a copy of the sample photo in `dir`, with one edit made.
fn edited_new_design(dir: &Path) -> Studio {
    let photo = dir.join("client-front.jpg");
    std::fs::copy(common::root().join("assets/sample-scalp.jpg"), &photo).unwrap();
    let mut s = Studio::for_new_photo(&photo).unwrap();
    s.doc.edit(Gesture::Once, |d| {
        d.client.notes = "asked for a soft line".into()
    });
    s
}

#[test]
fn unsaved_then_save_opens_the_save_browser_alone_saves_and_goes_on_to_the_new_photo() {
    let dir = tempfile::tempdir().unwrap();
    let second = dir.path().join("second-client.jpg");
    std::fs::copy(common::root().join("assets/sample-scalp.jpg"), &second).unwrap();
    let mut h = harness_on(edited_new_design(dir.path()), &dir.path().join("clients"));
    h.state_mut().queue(Command::NewFromPhoto);
    h.run_steps(3);
    assert!(h.query_by_label("Unsaved changes").is_some(), "asked first");
    h.get_by_label("Save").click();
    h.run_steps(3);
    // The save dialog, and nothing over or under it.
    assert!(h.query_by_label("Save design as").is_some());
    assert!(
        h.query_by_label("Unsaved changes").is_none(),
        "the question is gone while the save dialog is up"
    );
    let (folder, name) = proposal(&h);
    assert_eq!(abs(&folder), abs(dir.path()), "beside its photo");
    h.get_by_label("Save").click();
    h.run_steps(3);
    let saved = dir.path().join(&name);
    let back = hairline::design::load_design(&saved).expect("saved and opens");
    assert_eq!(back.client.notes, "asked for a soft line");
    // And on with what was asked: the browser for the new design's photo.
    assert!(
        h.query_by_label("New design from photo").is_some(),
        "the original action goes on"
    );
    h.get_by_label("second-client.jpg").click();
    h.run_steps(2);
    h.get_by_label("Open").click();
    h.run_steps(2);
    wait_until(&mut h, "the new design", |s| !s.is_opening());
    assert_eq!(abs(&h.state().doc.photo_path), abs(&second));
    assert!(h.state().doc.path.is_none(), "a new, untitled design");
}

#[test]
fn cancelling_the_save_dialog_keeps_the_work_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(edited_new_design(dir.path()), &dir.path().join("clients"));
    h.state_mut().queue(Command::NewFromPhoto);
    h.run_steps(3);
    h.get_by_label("Save").click();
    h.run_steps(3);
    h.get_by_label("Cancel").click();
    h.run_steps(3);
    let s = h.state();
    assert!(s.browser_proposal().is_none() && s.pending.is_none());
    assert!(s.doc.has_unsaved_work(), "the work is still there, unsaved");
    assert_eq!(s.doc.design().client.notes, "asked for a soft line");
}

#[test]
fn escape_on_the_unsaved_question_cancels_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(edited_new_design(dir.path()), &dir.path().join("clients"));
    h.state_mut().queue(Command::NewFromPhoto);
    h.run_steps(3);
    assert!(h.state().pending.is_some());
    h.key_press(Key::Escape);
    h.run_steps(3);
    assert!(h.state().pending.is_none());
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert!(h.state().doc.has_unsaved_work());
}

#[test]
fn a_photo_only_opened_is_replaced_without_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let photo = dir.path().join("front.jpg");
    std::fs::copy(common::root().join("assets/sample-scalp.jpg"), &photo).unwrap();
    let studio = Studio::for_new_photo(&photo).unwrap();
    assert!(studio.doc.is_dirty(), "untitled: Save asks where");
    let mut h = harness_on(studio, &dir.path().join("clients"));
    h.state_mut().queue(Command::NewFromPhoto);
    h.run_steps(3);
    assert!(
        h.query_by_label("Unsaved changes").is_none(),
        "nothing to lose"
    );
    assert!(h.query_by_label("New design from photo").is_some());
}

#[test]
fn a_status_message_goes_after_its_time_and_the_library_message_too() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_on(
        Studio::open(&common::root().join("designs/shaved-soft-hairline.json")).unwrap(),
        &dir.path().join("clients"),
    );
    h.state_mut()
        .set_status_lifetime(std::time::Duration::from_millis(300));
    h.state_mut().status = "Saved somewhere".into();
    h.run_steps(2);
    assert!(h.query_by_label("Saved somewhere").is_some());
    std::thread::sleep(std::time::Duration::from_millis(400));
    h.run_steps(2);
    assert!(h.state().status.is_empty(), "{}", h.state().status);
    h.state_mut().show_clients(true);
    h.state_mut().clients.message = "Added someone".into();
    h.run_steps(2);
    assert!(h.query_by_label("Added someone").is_some());
    std::thread::sleep(std::time::Duration::from_millis(400));
    h.run_steps(2);
    assert!(h.state().clients.message.is_empty());
}
