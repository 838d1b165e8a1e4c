//! The client's record: a library of client folders, the session log, and what survives a quit,
//! a hand-edited file and a damaged folder.

mod common;

use common::root;
use hairline::records::session_log::next_appointment;
use hairline::records::{
    ClientDetails, Library, LogEntry, Needle, PhotoWhen, PigmentUsed, SessionPhoto,
};
use std::fs;

fn client(name: &str) -> ClientDetails {
    ClientDetails {
        date_of_birth: "1984-03-09".into(),
        contact: "+44 7700 900123".into(),
        skin_type: 3,
        hair_colour: "dark brown, greying".into(),
        notes: "Wants a soft, mature hairline.".into(),
        ..ClientDetails::new(name)
    }
}

fn session(planned: u32, date: &str, photos: Vec<SessionPhoto>) -> LogEntry {
    LogEntry {
        date: date.into(),
        planned_session: planned,
        design: "designs/Soft hairline.json".into(),
        variant: "Soft".into(),
        zones: vec!["Front".into(), "Top".into()],
        impressions_planned: 9000,
        impressions_done: 8800 + u64::from(planned),
        needle: Needle {
            kind: "3-point round liner".into(),
            configuration: "3RL".into(),
            diameter_mm: 0.25,
        },
        pigment: PigmentUsed {
            brand: "Permablend".into(),
            shade: "SMP 2".into(),
            dilution: 0.35,
            lot: format!("LOT-24-{planned:03}"),
        },
        machine: "rotary, 3.5 mm stroke, 7.5 V".into(),
        duration_min: 150,
        reactions: if planned == 1 {
            "mild redness, gone next day".into()
        } else {
            String::new()
        },
        photos,
        ..LogEntry::new()
    }
}

#[test]
fn a_client_with_three_sessions_and_photos_is_all_there_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let lib_root = dir.path().join("library");
    let folder = {
        let lib = Library::open(&lib_root).unwrap();
        let folder = lib.add_client(&client("Daniel Okafor")).unwrap();
        // The design filed under the client, its photo copied in beside it.
        let sample = common::root().join("designs/shaved-soft-hairline.json");
        let design = hairline::design::load_design(&sample).unwrap();
        let filed = folder
            .add_design(&design, &sample, "Soft hairline")
            .unwrap();
        assert!(filed.starts_with(&folder.path));
        let photo = root().join("assets/sample-scalp.jpg");
        for (k, date) in [(1, "2026-09-01"), (2, "2026-09-15"), (3, "2026-10-06")] {
            let before = folder
                .import_photo(&photo, "top", PhotoWhen::Before, date)
                .unwrap();
            let after = folder
                .import_photo(&photo, "top", PhotoWhen::After, date)
                .unwrap();
            assert_ne!(
                before.file, after.file,
                "a second photo never replaces the first"
            );
            folder
                .append(session(k, date, vec![before, after]))
                .unwrap();
        }
        // Session 2's count was mistyped: corrected by a new entry, the old one kept.
        // A correction starts from the entry as it stands, as the studio's "Correct" does.
        let mut fix = folder.log().entries[1].clone();
        fix.impressions_done = 9100;
        fix.corrects = Some(2);
        fix.notes = "Count corrected from the machine's counter.".into();
        assert_eq!(folder.append(fix).unwrap(), 4);
        folder
    };
    // "Quit": nothing held in memory; everything found again from the folders.
    let lib = Library::open(&lib_root).unwrap();
    let listing = lib.list();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_eq!(listing.clients.len(), 1);
    let found = &listing.clients[0];
    assert_eq!(found.folder, folder);
    assert_eq!(found.details, client("Daniel Okafor"));
    assert_eq!(found.log_entries, 4);
    assert_eq!(found.last_session.as_deref(), Some("2026-10-06"));
    let log = found.folder.log();
    assert!(log.problems.is_empty(), "{:?}", log.problems);
    assert_eq!(log.entries.len(), 4, "the corrected entry is kept");
    let current = log.current();
    assert_eq!(current.len(), 3);
    assert_eq!(current[1].entry.impressions_done, 9100);
    assert_eq!(current[1].replaced[0].impressions_done, 8802);
    assert_eq!(current[0].entry.pigment.lot, "LOT-24-001");
    assert_eq!(current[0].entry.reactions, "mild redness, gone next day");
    for c in &current {
        assert_eq!(c.entry.photos.len(), 2);
        for p in &c.entry.photos {
            let bytes = fs::read(found.folder.path.join(&p.file)).unwrap();
            assert!(image::load_from_memory(&bytes).is_ok(), "{} opens", p.file);
        }
    }
    // The filed design opens from the client's folder, on its copied photo.
    let designs = found.folder.designs();
    assert_eq!(designs.len(), 1);
    let mut d = hairline::design::load_design(&designs[0]).unwrap();
    assert_eq!(d.client.name, "Daniel Okafor");
    hairline::engine::load_design_photo(&designs[0], &mut d).unwrap();
    assert!(
        hairline::engine::photo_path(&designs[0], &d).starts_with(&found.folder.path),
        "the photo travels with the client"
    );
    // The plan's next session after the third: none (a three-session plan is done).
    let intervals: Vec<u32> = d.variants[d.active_variant]
        .sessions
        .sessions
        .iter()
        .map(|s| s.days_after_previous)
        .collect();
    assert_eq!(next_appointment(&log, &intervals), None);
}

#[test]
fn the_next_appointment_follows_the_plans_interval() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let folder = lib.add_client(&client("A")).unwrap();
    folder.append(session(1, "2026-11-02", vec![])).unwrap();
    let log = folder.log();
    assert_eq!(
        next_appointment(&log, &[0, 14, 21]),
        Some((2, "2026-11-16".to_string()))
    );
}

#[test]
fn a_damaged_client_folder_is_named_and_the_rest_listed() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let good = lib.add_client(&client("Maria Silva")).unwrap();
    let bad = lib.add_client(&client("Broken Record")).unwrap();
    fs::write(
        bad.path.join("client.json"),
        "{\"format\": \"hairline-studio-client\", \"name\": 7}",
    )
    .unwrap();
    let edited = lib.add_client(&client("Hand Edited")).unwrap();
    let text = fs::read_to_string(edited.path.join("client.json")).unwrap();
    fs::write(
        edited.path.join("client.json"),
        text.replace("\"skin_type\": 3", "\"skin_type\": 9"),
    )
    .unwrap();
    fs::create_dir(lib.clients_dir().join("empty-folder")).unwrap();
    // A log entry damaged by hand: reported, the other entries kept, its number never reused.
    good.append(session(1, "2026-10-01", vec![])).unwrap();
    good.append(session(2, "2026-10-20", vec![])).unwrap();
    fs::write(
        good.path.join("sessions/0001-2026-10-01.json"),
        "{ not json",
    )
    .unwrap();

    let listing = lib.list();
    let names: Vec<&str> = listing
        .clients
        .iter()
        .map(|c| c.details.name.as_str())
        .collect();
    assert_eq!(names, ["Maria Silva"]);
    assert_eq!(listing.problems.len(), 3, "{:#?}", listing.problems);
    let all = listing.problems.join("\n");
    assert!(all.contains("name: invalid type"), "{all}");
    assert!(all.contains("skin_type is 9"), "{all}");
    assert!(all.contains("empty-folder"), "{all}");
    let log = good.log();
    assert_eq!(log.entries.len(), 1);
    assert_eq!(log.problems.len(), 1);
    assert!(
        log.problems[0].contains("0001-2026-10-01.json"),
        "{}",
        log.problems[0]
    );
    assert_eq!(good.append(session(3, "2026-11-10", vec![])).unwrap(), 3);
}

#[test]
fn search_finds_clients_by_any_part_of_the_name_and_lists_recent_first() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    for (name, last) in [
        ("José Álvarez", Some("2026-06-01")),
        ("Joseph Brown", Some("2026-11-01")),
        ("Amir Haddad", None),
    ] {
        let f = lib
            .add_client(&ClientDetails {
                created: "2026-01-05".into(),
                ..client(name)
            })
            .unwrap();
        if let Some(d) = last {
            f.append(session(1, d, vec![])).unwrap();
        }
    }
    let listing = lib.list();
    let order: Vec<&str> = listing
        .clients
        .iter()
        .map(|c| c.details.name.as_str())
        .collect();
    assert_eq!(order, ["Joseph Brown", "José Álvarez", "Amir Haddad"]);
    let found: Vec<&str> = listing
        .search("alvarez jose")
        .map(|c| c.details.name.as_str())
        .collect();
    assert_eq!(found, ["José Álvarez"]);
    let found: Vec<&str> = listing
        .search("JOS")
        .map(|c| c.details.name.as_str())
        .collect();
    assert_eq!(found.len(), 2);
}

#[test]
fn nonsense_in_an_entry_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let f = lib.add_client(&client("A")).unwrap();
    let mut e = session(1, "2026-02-30", vec![]);
    assert!(
        f.append(e.clone())
            .unwrap_err()
            .to_string()
            .contains("date")
    );
    e.date = "2026-02-27".into();
    e.pigment.dilution = 3.0;
    assert!(
        f.append(e.clone())
            .unwrap_err()
            .to_string()
            .contains("dilution")
    );
    e.pigment.dilution = 0.3;
    e.corrects = Some(9);
    assert!(
        f.append(e)
            .unwrap_err()
            .to_string()
            .contains("not in the log")
    );
    assert!(f.log().entries.is_empty());
    let not_a_photo = dir.path().join("notes.txt");
    fs::write(&not_a_photo, "hello").unwrap();
    let err = f
        .import_photo(&not_a_photo, "top", PhotoWhen::Before, "2026-01-01")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("notes.txt") && err.contains("not a photo"),
        "{err}"
    );
}

#[test]
fn deleting_a_client_removes_every_file_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let keep = lib.add_client(&client("Keep Me")).unwrap();
    let gone = lib.add_client(&client("Erase Me")).unwrap();
    let photo = root().join("assets/sample-scalp.jpg");
    gone.import_photo(&photo, "front", PhotoWhen::Before, "2026-01-01")
        .unwrap();
    gone.append(session(1, "2026-01-01", vec![])).unwrap();
    let path = gone.path.clone();
    gone.delete().unwrap();
    assert!(!path.exists());
    assert!(keep.path.join("client.json").is_file());
    let not_client = hairline::records::ClientFolder {
        path: dir.path().join("templates"),
    };
    assert!(
        not_client.delete().is_err(),
        "only a client's folder is ever removed"
    );
    assert!(dir.path().join("templates").is_dir());
}

/// Every file under `dir`, relative path and bytes.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            if e.path().is_dir() {
                todo.push(e.path());
            } else {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_locked_library_reveals_nothing_on_disk_and_unlocks_whole() {
    use hairline::records::lock::WORK_LOG_N;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let mut lib = Library::open(&root).unwrap();
    let photo = root_photo();
    for name in ["Daniel Okafor", "Maria Silva"] {
        let f = lib.add_client(&client(name)).unwrap();
        let sample = common::root().join("designs/shaved-soft-hairline.json");
        let design = hairline::design::load_design(&sample).unwrap();
        f.add_design(&design, &sample, "Soft hairline").unwrap();
        let p = f
            .import_photo(&photo, "top", PhotoWhen::Before, "2026-09-01")
            .unwrap();
        f.append(session(1, "2026-09-01", vec![p])).unwrap();
    }
    let clients_before = tree(&lib.clients_dir());
    lib.set_passphrase("correct horse battery", WORK_LOG_N)
        .unwrap();
    assert!(
        !lib.is_locked(),
        "given a passphrase, unlocked until locked"
    );
    assert_eq!(lib.lock(None).unwrap(), 2);

    // On disk: sealed files with meaningless names, and nothing of the clients anywhere.
    let on_disk = tree(&root);
    // Pieces of the photo (its header and stretches of its data): none is anywhere on disk.
    let jpeg = fs::read(&photo).unwrap();
    let pieces: Vec<&[u8]> = (0..8).map(|k| &jpeg[k * jpeg.len() / 8..][..32]).collect();
    for (path, bytes) in &on_disk {
        for secret in [
            "Daniel",
            "Okafor",
            "Maria",
            "Silva",
            "2026-09-01",
            "LOT-24",
            "Permablend",
        ] {
            assert!(!path.contains(secret), "{path} names the client");
            assert!(
                !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                "{path} holds \"{secret}\" readable"
            );
        }
        for piece in &pieces {
            assert!(
                !bytes.windows(32).any(|w| w == *piece),
                "{path} holds the photo readable"
            );
        }
        if path.starts_with("clients") {
            assert!(bytes.starts_with(b"HSLOCK1\n"), "{path} is sealed");
        }
    }
    assert_eq!(
        on_disk
            .iter()
            .filter(|(p, _)| p.starts_with("clients"))
            .count(),
        4,
        "two sealed files per client"
    );

    // Opened again: locked, the list says so; a wrong passphrase opens nothing.
    let mut lib = Library::open(&root).unwrap();
    assert!(lib.is_locked());
    let listing = lib.list();
    assert!(listing.clients.is_empty());
    assert!(
        listing.problems[0].contains("2 clients are locked"),
        "{:?}",
        listing.problems
    );
    assert!(matches!(
        lib.unlock("wrong horse battery"),
        Err(hairline::records::RecordError::WrongPassphrase)
    ));
    lib.unlock("correct horse battery").unwrap();
    let listing = lib.list();
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    let names: Vec<&str> = listing
        .clients
        .iter()
        .map(|c| c.details.name.as_str())
        .collect();
    assert_eq!(names, ["Daniel Okafor", "Maria Silva"]);
    assert_eq!(
        listing.clients[0].last_session.as_deref(),
        Some("2026-09-01")
    );

    // Each client unsealed when opened: every file back byte for byte.
    for c in &listing.clients {
        lib.client_folder(c).unwrap();
    }
    assert_eq!(
        tree(&lib.clients_dir())
            .into_iter()
            .filter(|(p, _)| !p.ends_with(".hsl") && !p.ends_with(".sealed-as"))
            .collect::<Vec<_>>(),
        clients_before
    );
    // Locked again: sealed over the same files, not beside them.
    assert_eq!(lib.lock(None).unwrap(), 2);
    assert_eq!(
        tree(&root)
            .iter()
            .filter(|(p, _)| p.starts_with("clients"))
            .count(),
        4
    );
    assert!(lib.is_locked());
}

#[test]
fn a_short_passphrase_is_refused_and_nothing_is_locked() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = Library::open(dir.path()).unwrap();
    lib.add_client(&client("A")).unwrap();
    let err = lib.set_passphrase("short", 10).unwrap_err().to_string();
    assert!(err.contains("8 characters"), "{err}");
    assert!(!lib.has_passphrase());
    assert_eq!(lib.list().clients.len(), 1);
}

fn root_photo() -> std::path::PathBuf {
    root().join("assets/sample-scalp.jpg")
}

/// The sample photo with an EXIF block carrying a GPS position, as a phone writes it.
fn photo_with_location(dir: &std::path::Path) -> std::path::PathBuf {
    let jpeg = fs::read(root_photo()).unwrap();
    let mut tiff = b"II*\0\x08\0\0\0".to_vec();
    // IFD0: one entry, GPSInfo (0x8825, LONG) -> the GPS IFD at 26.
    tiff.extend([1, 0, 0x25, 0x88, 4, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0, 0, 0, 0]);
    // GPS IFD: GPSLatitudeRef 'N' (ASCII), and the place written out as the maker note would.
    tiff.extend([1, 0, 1, 0, 2, 0, 2, 0, 0, 0, b'N', 0, 0, 0, 0, 0, 0, 0]);
    tiff.extend(b"GPS 51.5074 N 0.1278 W");
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend([0xff, 0xe1]);
    out.extend(((app1.len() + 2) as u16).to_be_bytes());
    out.extend(app1);
    out.extend(&jpeg[2..]);
    let path = dir.join("phone.jpg");
    fs::write(&path, out).unwrap();
    path
}

#[test]
fn a_client_handed_over_as_one_archive_keeps_everything_but_where_the_photos_were_taken() {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(&dir.path().join("library")).unwrap();
    let f = lib.add_client(&client("Daniel Okafor")).unwrap();
    let phone = photo_with_location(dir.path());
    assert!(fs::read(&phone).unwrap().windows(3).any(|w| w == b"GPS"));
    let p = f
        .import_photo(&phone, "top", PhotoWhen::Before, "2026-09-01")
        .unwrap();
    f.append(session(1, "2026-09-01", vec![p.clone()])).unwrap();
    let out = dir.path().join("handover.tar");
    let summary = hairline::records::archive::export_client(&f.path, &out).unwrap();
    assert_eq!(summary.photos_cleaned, 1);
    // Unpacked with the system's own tar, as the receiver would.
    let unpacked = dir.path().join("unpacked");
    fs::create_dir(&unpacked).unwrap();
    let st = std::process::Command::new("tar")
        .arg("-xf")
        .arg(&out)
        .arg("-C")
        .arg(&unpacked)
        .status()
        .unwrap();
    assert!(st.success());
    let top = unpacked.join(f.path.file_name().unwrap());
    assert_eq!(
        fs::read(top.join("client.json")).unwrap(),
        fs::read(f.path.join("client.json")).unwrap()
    );
    let log = hairline::records::ClientFolder { path: top.clone() }.log();
    assert_eq!(log.entries.len(), 1, "{:?}", log.problems);
    let handed = fs::read(top.join(&p.file)).unwrap();
    assert!(!handed.windows(3).any(|w| w == b"GPS"), "no location");
    assert!(
        !handed.windows(6).any(|w| w == b"Exif\0\0"),
        "no EXIF block"
    );
    let (a, b) = (
        image::load_from_memory(&handed).unwrap().to_rgb8(),
        image::open(root_photo()).unwrap().to_rgb8(),
    );
    assert!(a == b, "the pixels are the photo's own, not re-encoded");
}
