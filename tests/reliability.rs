//! No lost work: every kind of file the program writes (a design saved from the library or the
//! studio, an exported image) survives the program being killed in the middle of writing it, and
//! nothing in the program talks to a network.
//!
//! Each kill test runs a child process that writes two versions of one file over and over, waits
//! until the child's temporary file is on disk, kills it, and counts the kill only if the child's
//! temporary file is still there afterwards: the proof that the kill landed between the start of
//! the write and the rename. The target must then be one of the two versions, byte for byte.

mod common;

use hairline::design::{Design, save_design};
use hairline::output::{ImageFormatOut, is_temp_file, write_image};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "HAIRLINE_TEST_KILL_CHILD";
/// Kills that must land mid-write, per kind of file.
const KILLS: usize = 50;

/// Two versions of a design; B is made large (long notes) so its write takes a while.
fn versions() -> (Design, Design) {
    let a = common::sample("crown-density");
    let mut b = a.clone();
    b.client.notes = "second consultation. ".repeat(100_000);
    (a, b)
}

fn temps(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| is_temp_file(n))
        .collect()
}

/// Starts the child writer for `test` (the same test binary, re-run with `CHILD_ENV` set) on
/// `target`, kills it while a temporary file of its own is on disk, and checks the target after
/// each kill with `whole`. `write_time` is how long one write takes: each kill waits a different
/// part of it after the temporary file appears, so the kills fall all along the write, up to and
/// including the rename. Returns how many kills landed mid-write.
fn kill_mid_write(
    test: &str,
    target: &Path,
    write_time: Duration,
    whole: impl Fn(&[u8]) -> bool,
) -> usize {
    let dir = target.parent().expect("folder");
    let me = std::env::current_exe().expect("test binary");
    let mut landed = 0;
    let started = Instant::now();
    let mut tries = 0;
    while landed < KILLS {
        tries += 1;
        assert!(
            started.elapsed() < Duration::from_secs(240) && tries < 2000,
            "only {landed} of {tries} kills landed mid-write"
        );
        let mut child = Command::new(&me)
            .args(["--exact", test, "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, target)
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let pid = child.id().to_string();
        // Wait until the child has a temporary file open, then kill at once.
        let deadline = Instant::now() + Duration::from_secs(30);
        while !temps(dir).iter().any(|t| t.contains(&format!(".{pid}-"))) {
            assert!(Instant::now() < deadline, "the writer never wrote");
            std::thread::yield_now();
        }
        // A spread of delays from none to a whole write (a fixed sequence, so a failure repeats).
        let fraction = ((tries * 37) % 50) as f64 / 50.0;
        spin(write_time.mul_f64(fraction * 1.2));
        child.kill().expect("kill");
        child.wait().expect("reap");
        if temps(dir).iter().any(|t| t.contains(&format!(".{pid}-"))) {
            landed += 1;
        }
        let bytes = std::fs::read(target).expect("the target is still there");
        assert!(whole(&bytes), "kill {tries}: the file is neither version");
    }
    println!("{test}: {landed} kills mid-write out of {tries}");
    landed
}

/// Waits `d` without giving up the core (a sleep would round short delays up to a tick).
fn spin(d: Duration) {
    let until = Instant::now() + d;
    while Instant::now() < until {
        std::hint::spin_loop();
    }
}

/// How long `write` takes, the median of a few runs.
fn time_of(mut write: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let t = Instant::now();
            write();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[2]
}

/// After the kills, the next write cleans up what the killed runs left.
fn assert_no_temporary_files_after_a_write(dir: &Path, write: impl FnOnce()) {
    assert!(!temps(dir).is_empty(), "the kills left temporary files");
    write();
    assert!(temps(dir).is_empty(), "left behind: {:?}", temps(dir));
}

fn child_target() -> Option<PathBuf> {
    std::env::var_os(CHILD_ENV).map(PathBuf::from)
}

#[test]
fn killing_a_design_save_leaves_the_old_or_the_new_file_whole() {
    let (a, b) = versions();
    if let Some(path) = child_target() {
        loop {
            for d in [&a, &b] {
                save_design(d, &path).expect("save");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.json");
    save_design(&a, &path).expect("initial save");
    let text = |d: &Design| hairline::design::to_json(d).into_bytes();
    let (ta, tb) = (text(&a), text(&b));
    let write_time = time_of(|| save_design(&b, &path).expect("save"));
    kill_mid_write(
        "killing_a_design_save_leaves_the_old_or_the_new_file_whole",
        &path,
        write_time,
        |bytes| bytes == ta || bytes == tb,
    );
    let bak = std::fs::read(dir.path().join("client.json.bak")).expect("backup");
    assert!(bak == ta || bak == tb, "the backup is whole too");
    assert_no_temporary_files_after_a_write(dir.path(), || {
        save_design(&a, &path).expect("save after the kills")
    });
}

#[test]
fn killing_the_studio_mid_save_leaves_the_old_or_the_new_file_whole() {
    let (a, b) = versions();
    let photo = common::root().join("assets/sample-scalp.jpg");
    let with_photo = |mut d: Design| {
        d.photo.path = photo.to_string_lossy().into_owned();
        d
    };
    let (a, b) = (with_photo(a), with_photo(b));
    if let Some(path) = child_target() {
        let mut studio = hairline_studio::app::Studio::open(&path).expect("opens");
        loop {
            for d in [&a, &b] {
                let notes = d.client.notes.clone();
                studio.doc.edit(hairline_studio::app::Gesture::Once, |d| {
                    d.client.notes = notes
                });
                studio.save(path.clone());
                assert!(!studio.doc.is_dirty(), "{}", studio.status);
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.json");
    save_design(&a, &path).expect("initial save");
    let notes_ok = |bytes: &[u8]| {
        hairline::design::parse_design(std::str::from_utf8(bytes).unwrap_or(""))
            .is_ok_and(|d| d.client.notes == a.client.notes || d.client.notes == b.client.notes)
    };
    let write_time = time_of(|| save_design(&b, &path).expect("save"));
    kill_mid_write(
        "killing_the_studio_mid_save_leaves_the_old_or_the_new_file_whole",
        &path,
        write_time,
        notes_ok,
    );
    assert_no_temporary_files_after_a_write(dir.path(), || {
        let mut studio = hairline_studio::app::Studio::open(&path).expect("opens");
        studio.save(path.clone());
        assert!(!studio.doc.is_dirty(), "{}", studio.status);
    });
}

#[test]
fn killing_a_client_record_save_leaves_the_old_or_the_new_details_whole() {
    use hairline::records::{ClientDetails, ClientFolder, Library};
    let a = ClientDetails {
        notes: "first visit".into(),
        ..ClientDetails::new("Daniel Okafor")
    };
    let b = ClientDetails {
        notes: "second visit. ".repeat(100_000),
        ..a.clone()
    };
    if let Some(path) = child_target() {
        let folder = ClientFolder {
            path: path.parent().expect("folder").to_path_buf(),
        };
        loop {
            for d in [&a, &b] {
                folder.save_details(d).expect("save");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(dir.path()).expect("library");
    let folder = lib.add_client(&a).expect("client");
    let path = folder.path.join("client.json");
    let write_time = time_of(|| folder.save_details(&b).expect("save"));
    kill_mid_write(
        "killing_a_client_record_save_leaves_the_old_or_the_new_details_whole",
        &path,
        write_time,
        |bytes| serde_json::from_slice::<ClientDetails>(bytes).is_ok_and(|d| d == a || d == b),
    );
    // The library lists the client (the killed runs' temporary files are no clients).
    let listing = lib.list();
    assert_eq!(listing.clients.len(), 1, "{:?}", listing.problems);
    assert!(listing.problems.is_empty(), "{:?}", listing.problems);
    assert_no_temporary_files_after_a_write(&folder.path, || {
        folder.save_details(&a).expect("save after the kills")
    });
}

#[test]
fn killing_the_session_log_mid_entry_leaves_every_entry_whole() {
    use hairline::records::{ClientDetails, ClientFolder, Library, LogEntry};
    let entry = LogEntry {
        date: "2026-11-02".into(),
        planned_session: 1,
        notes: "a long note. ".repeat(50_000),
        ..LogEntry::new()
    };
    if let Some(path) = child_target() {
        let folder = ClientFolder {
            path: path.parent().expect("folder").to_path_buf(),
        };
        loop {
            folder.append(entry.clone()).expect("append");
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let lib = Library::open(dir.path()).expect("library");
    let folder = lib.add_client(&ClientDetails::new("A")).expect("client");
    folder.append(entry.clone()).expect("first entry");
    let sessions = folder.path.join("sessions");
    let me = std::env::current_exe().expect("test binary");
    let mut landed = 0;
    for tries in 0..400 {
        if landed >= 20 {
            break;
        }
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "killing_the_session_log_mid_entry_leaves_every_entry_whole",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, folder.path.join("client.json"))
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("spawn the writer");
        let pid = child.id().to_string();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !temps(&sessions)
            .iter()
            .any(|t| t.contains(&format!(".{pid}-")))
        {
            assert!(Instant::now() < deadline, "the writer never wrote");
            std::thread::yield_now();
        }
        spin(Duration::from_micros((tries % 10) * 150));
        child.kill().expect("kill");
        child.wait().expect("reap");
        if temps(&sessions)
            .iter()
            .any(|t| t.contains(&format!(".{pid}-")))
        {
            landed += 1;
        }
        // Every entry on disk is whole: none half-written, none lost.
        let log = folder.log();
        assert!(log.problems.is_empty(), "kill {tries}: {:?}", log.problems);
        assert!(log.entries.iter().all(|e| e.notes == entry.notes));
    }
    assert!(landed >= 20, "only {landed} kills landed mid-entry");
}

#[test]
fn killing_an_export_leaves_the_old_or_the_new_image_whole() {
    use hairline::render::{ExportKind, Look, PhotoPyramid, PreviewOptions, SessionView};
    let design = common::sample("crown-density");
    let photo = image::open(common::root().join("assets/sample-scalp.jpg"))
        .expect("photo")
        .into_rgba8();
    let pyramid = PhotoPyramid::new(photo);
    let c = hairline::engine::compute(&design, 0);
    let render = |look| {
        let options = PreviewOptions {
            look,
            sessions: SessionView::Cumulative(design.variants[0].sessions.sessions.len() - 1),
            test_patch_only: false,
            hide_photo: false,
        };
        hairline::render::export_composite(
            &pyramid,
            &design.variants[0],
            &c.dots,
            &options,
            ExportKind::Preview,
            &Default::default(),
        )
    };
    let (fresh, healed) = (render(Look::Fresh), render(Look::Healed));
    if let Some(path) = child_target() {
        loop {
            for img in [&fresh, &healed] {
                write_image(&path, img, ImageFormatOut::Png).expect("export");
            }
        }
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let reference = |img, name: &str| {
        let p = dir.path().join(name);
        write_image(&p, img, ImageFormatOut::Png).expect("reference");
        let bytes = std::fs::read(&p).expect("read");
        std::fs::remove_file(&p).expect("remove");
        bytes
    };
    let (ra, rb) = (reference(&fresh, "a.png"), reference(&healed, "b.png"));
    let path = dir.path().join("export.png");
    write_image(&path, &fresh, ImageFormatOut::Png).expect("first export");
    let write_time = time_of(|| write_image(&path, &fresh, ImageFormatOut::Png).expect("export"));
    kill_mid_write(
        "killing_an_export_leaves_the_old_or_the_new_image_whole",
        &path,
        write_time,
        |bytes| bytes == ra || bytes == rb,
    );
    assert_no_temporary_files_after_a_write(dir.path(), || {
        write_image(&path, &healed, ImageFormatOut::Png).expect("export after the kills")
    });
}

/// Calls that create or replace a file. Outside `src/output/` none may appear: a writer that
/// bypassed the atomic path could truncate a record.
const FILE_WRITES: [&str; 8] = [
    "File::create",
    "fs::write",
    "OpenOptions",
    "fs::copy",
    "fs::rename",
    "save_with_format",
    "image::save_buffer",
    ".save(&",
];

#[test]
fn every_write_goes_through_the_one_write_path() {
    let mut stack = vec![common::root().join("src"), common::root().join("crates")];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable").flatten() {
            let p = entry.path();
            if p.is_dir() {
                if !p.ends_with("output") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).expect("readable");
                for needle in FILE_WRITES {
                    assert!(
                        !text.contains(needle),
                        "{} writes a file with {needle}: use hairline::output",
                        p.display()
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 40, "the sources were read ({checked} files)");
}

/// Crates whose presence would mean the program can reach a network.
const NETWORK_CRATES: [&str; 14] = [
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "h2",
    "rustls",
    "native-tls",
    "openssl",
    "tungstenite",
    "tokio",
    "async-std",
];

/// The names of the crates in a package's dependency tree (`cargo tree`, normal and build edges).
fn dependency_names(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--locked",
            "--offline",
            "-p",
            package,
            "-e",
            "normal,build",
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(common::root())
        .output()
        .expect("cargo tree runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let tree = String::from_utf8_lossy(&out.stdout);
    let names: Vec<String> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    assert!(names.len() > 50, "the tree of {package} was listed");
    names
}

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    for package in ["hairline-studio", "hairline"] {
        for name in dependency_names(package) {
            assert!(
                !NETWORK_CRATES.contains(&name.as_str()),
                "networking crate in {package}: {name}"
            );
        }
    }
}

/// Crates that would mean the core draws a window: the boundary the workspace holds.
const GUI_CRATES: [&str; 8] = [
    "egui",
    "eframe",
    "epaint",
    "egui-winit",
    "egui_glow",
    "glow",
    "winit",
    "rfd",
];

#[test]
fn the_core_crate_has_no_gui_crate_in_its_tree() {
    let core = dependency_names("hairline");
    let gui_in = |names: &[String]| -> Vec<String> {
        names
            .iter()
            .filter(|n| GUI_CRATES.contains(&n.as_str()))
            .cloned()
            .collect()
    };
    assert_eq!(
        gui_in(&core),
        Vec::<String>::new(),
        "GUI crates in the core"
    );
    // The same look at the studio must find them, or the check is blind.
    let studio = dependency_names("hairline-studio");
    let found = gui_in(&studio);
    for must in ["egui", "eframe", "glow", "winit", "rfd"] {
        assert!(
            found.iter().any(|n| n == must),
            "{must} not seen in the studio's tree"
        );
    }
}

#[test]
fn the_source_never_opens_a_socket() {
    let mut stack = vec![common::root().join("src"), common::root().join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("src readable").flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&p).expect("readable");
                for needle in ["std::net", "TcpStream", "UdpSocket", "TcpListener"] {
                    assert!(!text.contains(needle), "{} mentions {needle}", p.display());
                }
            }
        }
    }
}
