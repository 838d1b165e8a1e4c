//! A locked library as a clinic relies on it, checked with the standard tools: every sealed file
//! opens with the `age` binary and the passphrase, a file made by `age -p` opens in the studio,
//! sealed files swapped are refused, nothing of a client is readable on disk after a lock (dot
//! files, stray files and folders without client.json included), an old "HSLOCK1" library still
//! opens, and kills in the middle of `library lock` and `library unlock` lose nothing and leave
//! nothing readable.

mod common;

use hairline::records::{ClientDetails, Library, LogEntry, PhotoWhen, PigmentUsed};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const PASS: &str = "correct horse battery";
/// Low scrypt work for the tests that lock many times; the age binary opens any work factor.
const LOW: u8 = 10;
/// What must never be readable on disk after a lock.
const SECRETS: [&str; 7] = [
    "Maria",
    "Okafor",
    "2026-09-01",
    "LOT-24-4471",
    "private note",
    "intake form",
    "scan of",
];

fn photo() -> PathBuf {
    common::root().join("assets/sample-scalp.jpg")
}

/// A library with two clients (a photo, a log entry, a dot-file and a dot-folder each), a folder
/// without client.json and a stray file in clients/.
fn make_library(root: &Path) -> Library {
    let lib = Library::open(root).unwrap();
    for name in ["Maria Silva", "Daniel Okafor"] {
        let f = lib.add_client(&ClientDetails::new(name)).unwrap();
        let p = f
            .import_photo(&photo(), "top", PhotoWhen::Before, "2026-09-01")
            .unwrap();
        f.append(LogEntry {
            date: "2026-09-01".into(),
            planned_session: 1,
            impressions_planned: 100,
            impressions_done: 100,
            pigment: PigmentUsed {
                lot: "LOT-24-4471".into(),
                ..Default::default()
            },
            photos: vec![p],
            ..LogEntry::new()
        })
        .unwrap();
        fs::write(f.path.join(".notes"), format!("{name}: private note")).unwrap();
        fs::create_dir(f.path.join(".cache")).unwrap();
        fs::write(f.path.join(".cache/x"), "private note").unwrap();
        fs::create_dir(f.path.join("empty")).unwrap();
    }
    let scans = lib.clients_dir().join("scans Maria");
    fs::create_dir(&scans).unwrap();
    fs::write(scans.join("a.txt"), "scan of Maria's consent").unwrap();
    fs::write(lib.clients_dir().join("Maria intake.txt"), "intake form").unwrap();
    lib
}

/// Every file under `dir` (dot-files included) as (relative path, bytes); the lock's own markers
/// and sealed files left out when `plain_only`.
fn tree(dir: &Path, plain_only: bool) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if plain_only && (rel.ends_with(".age") || rel.ends_with(".sealed-as")) {
                continue;
            }
            if e.path().is_dir() {
                out.push((format!("{rel}/"), Vec::new()));
                todo.push(e.path());
            } else {
                out.push((rel, fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// That nothing under `root` names a client, holds a date, a lot number or image data readable.
fn assert_nothing_readable(root: &Path, when: &str) {
    let jpeg = fs::read(photo()).unwrap();
    let pieces: Vec<&[u8]> = (0..8).map(|k| &jpeg[k * jpeg.len() / 8..][..32]).collect();
    for (path, bytes) in tree(root, false) {
        for s in SECRETS {
            assert!(!path.contains(s), "{when}: {path} names a client");
            assert!(
                !bytes.windows(s.len()).any(|w| w == s.as_bytes()),
                "{when}: {path} holds \"{s}\" readable"
            );
        }
        for magic in [&b"\xff\xd8\xff"[..], b"\x89PNG", b"RIFF"] {
            assert!(!bytes.starts_with(magic), "{when}: {path} is an image");
        }
        for piece in &pieces {
            assert!(
                !bytes.windows(32).any(|w| w == *piece),
                "{when}: {path} holds the photo"
            );
        }
        if path.starts_with("clients/") && !path.ends_with('/') {
            assert!(
                bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "),
                "{when}: {path} is not an age file"
            );
        }
    }
}

/// Runs the `age` binary with the passphrase typed at its terminal (age reads it from /dev/tty:
/// `script` gives it one, fed from our stdin).
fn age_with_tty(args: &str, typed: &str) -> std::process::Output {
    let mut child = Command::new("script")
        .args(["-qec", &format!("age {args}"), "/dev/null"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("script(1) and age(1) installed (.ci/test)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(typed.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn every_sealed_file_opens_with_the_age_binary_and_an_age_p_file_opens_here() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let mut lib = make_library(&root);
    let before = tree(&lib.clients_dir(), true);
    lib.set_passphrase(PASS, LOW).unwrap();
    assert_eq!(
        lib.lock(None).unwrap(),
        4,
        "two clients, a folder, a stray file"
    );
    assert_nothing_readable(&root, "after lock");

    // Each sealed file: `age -d` with the passphrase, then `tar x`: the entry as it was.
    let out = dir.path().join("by-age");
    fs::create_dir(&out).unwrap();
    let sealed: Vec<PathBuf> = fs::read_dir(lib.clients_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(sealed.len(), 5, "four entries and the index");
    for (i, file) in sealed.iter().enumerate() {
        let plain = dir.path().join(format!("{i}.tar"));
        let o = age_with_tty(
            &format!("-d -o {} {}", plain.display(), file.display()),
            &format!("{PASS}\n"),
        );
        assert!(
            o.status.success(),
            "age -d {}: {}",
            file.display(),
            String::from_utf8_lossy(&o.stdout)
        );
        let st = Command::new("tar")
            .arg("-xf")
            .arg(&plain)
            .arg("-C")
            .arg(&out)
            .status()
            .unwrap();
        assert!(st.success());
    }
    let by_age: Vec<_> = tree(&out, true)
        .into_iter()
        .filter(|(p, _)| p != ".hairline-seal.json" && p != "index.json")
        .collect();
    assert_eq!(
        by_age, before,
        "age and tar give back every file and folder"
    );
    // A wrong passphrase: age refuses.
    let o = age_with_tty(
        &format!(
            "-d -o {} {}",
            dir.path().join("x").display(),
            sealed[0].display()
        ),
        "wrong horse battery\n",
    );
    assert!(!o.status.success());

    // A file made with `age -p` (its default work factor, 2^18) opens in the studio.
    let note = dir.path().join("note.txt");
    fs::write(&note, "Maria Silva: consent signed").unwrap();
    let made = dir.path().join("note.txt.age");
    let o = age_with_tty(
        &format!("-p -o {} {}", made.display(), note.display()),
        &format!("{PASS}\n{PASS}\n"),
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stdout));
    let bytes = fs::read(&made).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1\n-> scrypt "));
    let p = hairline::records::age_format::Passphrase::new(PASS);
    let opened = hairline::records::age_format::open_all(&p, &bytes[..]).unwrap();
    assert_eq!(opened, b"Maria Silva: consent signed");
}

#[test]
fn swapped_sealed_files_are_refused_not_opened_as_the_other_client() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let mut lib = make_library(&root);
    lib.set_passphrase(PASS, LOW).unwrap();
    lib.lock(None).unwrap();
    let mut lib = Library::open(&root).unwrap();
    lib.set_work_factor(LOW);
    lib.unlock(PASS).unwrap();
    let listing = lib.list();
    let (maria, daniel) = (&listing.clients[0], &listing.clients[1]);
    let path = |c: &hairline::records::ClientSummary| c.folder.path.clone();
    let tmp = dir.path().join("swap");
    fs::rename(path(maria), &tmp).unwrap();
    fs::rename(path(daniel), path(maria)).unwrap();
    fs::rename(&tmp, path(daniel)).unwrap();
    for c in [maria, daniel] {
        let err = lib.client_folder(c).unwrap_err().to_string();
        assert!(err.contains("moved or copied over another"), "{err}");
    }
    let names: Vec<String> = fs::read_dir(lib.clients_dir())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| n.ends_with(".age")),
        "nothing unsealed: {names:?}"
    );
    // `library check` names both, changing nothing.
    let problems = hairline::records::check::check(&root, Some(PASS));
    let moved = problems
        .iter()
        .filter(|p| p.contains("moved or copied"))
        .count();
    assert_eq!(moved, 2, "{problems:?}");
}

#[test]
fn an_old_hslock1_library_still_opens_whole_and_is_written_again_as_age() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let files = vec![
        ("client.json".to_string(), serde_client("Maria Silva")),
        (
            "photos/2026-09-01/top.jpg".to_string(),
            fs::read(photo()).unwrap(),
        ),
        (".notes".to_string(), b"private note".to_vec()),
    ];
    hairline::records::lock_legacy::write_old_library_for_tests(
        &root,
        PASS,
        &[("Maria-Silva-1", files.clone())],
    );
    let mut lib = Library::open(&root).unwrap();
    lib.set_work_factor(LOW);
    assert!(lib.is_locked());
    assert!(matches!(
        lib.unlock("wrong horse battery"),
        Err(hairline::records::RecordError::WrongPassphrase)
    ));
    let notes = lib.unlock(PASS).unwrap();
    assert!(notes.iter().any(|n| n.contains("age format")), "{notes:?}");
    let listing = lib.list();
    assert_eq!(listing.clients.len(), 1, "{:?}", listing.problems);
    assert_eq!(listing.clients[0].details.name, "Maria Silva");
    let folder = lib.client_folder(&listing.clients[0]).unwrap();
    for (rel, data) in &files {
        assert_eq!(&fs::read(folder.path.join(rel)).unwrap(), data, "{rel}");
    }
    let lock = fs::read_to_string(root.join("lock.json")).unwrap();
    assert!(lock.contains("\"version\": 2"), "{lock}");
    lib.lock(None).unwrap();
    let left: Vec<_> = tree(&lib.clients_dir(), false);
    assert!(left.iter().all(|(p, _)| p.ends_with(".age")), "{left:?}");
    assert_nothing_readable(&root, "migrated and locked");
}

fn serde_client(name: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let lib = Library::open(dir.path()).unwrap();
    let f = lib.add_client(&ClientDetails::new(name)).unwrap();
    fs::read(f.path.join("client.json")).unwrap()
}

fn cli(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hairline-studio"))
        .arg("library")
        .arg("--dir")
        .arg(root)
        .args(args)
        .env("HAIRLINE_PASSPHRASE", PASS)
        .output()
        .unwrap()
}

fn cli_ok(root: &Path, args: &[&str]) -> String {
    let o = cli(root, args);
    assert!(
        o.status.success(),
        "library {args:?}: {}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Starts `library ACTION`, kills it after `ms` milliseconds (or lets it finish first).
fn kill_after(root: &Path, action: &str, ms: u64) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hairline-studio"))
        .args(["library", "--dir"])
        .arg(root)
        .arg(action)
        .env("HAIRLINE_PASSPHRASE", PASS)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(ms));
    let _ = child.kill();
    let _ = child.wait();
}

/// Kills during `library lock` and `library unlock` (20 of each unless HAIRLINE_KILLS says):
/// after each, the next `library lock` leaves nothing readable, and the last unlock gives back
/// every file byte for byte.
#[test]
fn kills_during_lock_and_unlock_leave_nothing_readable_and_lose_nothing() {
    let kills: u64 = std::env::var("HAIRLINE_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(20);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let mut lib = make_library(&root);
    let before = tree(&lib.clients_dir(), true);
    lib.set_passphrase(PASS, LOW).unwrap();
    lib.lock(None).unwrap();
    // How long a whole lock and unlock take here, to spread the kills over them.
    let t = std::time::Instant::now();
    cli_ok(&root, &["unlock"]);
    let unlock_ms = t.elapsed().as_millis() as u64;
    let t = std::time::Instant::now();
    // A change, so that this lock encrypts again rather than only removing.
    fs::write(root.join("clients/Maria intake.txt"), "intake form v2").unwrap();
    cli_ok(&root, &["lock"]);
    let lock_ms = t.elapsed().as_millis() as u64;
    assert_nothing_readable(&root, "after a whole lock");
    cli_ok(&root, &["unlock"]);
    fs::write(root.join("clients/Maria intake.txt"), "intake form").unwrap();
    for k in 0..kills {
        // Unlocked here: a kill during the lock, then the next lock.
        kill_after(&root, "lock", (k * 7919) % lock_ms.max(1));
        cli_ok(&root, &["lock"]);
        assert_nothing_readable(&root, &format!("lock killed ({k})"));
        // Locked here: a kill during the unlock, then a lock.
        kill_after(&root, "unlock", (k * 7919) % unlock_ms.max(1));
        cli_ok(&root, &["lock"]);
        assert_nothing_readable(&root, &format!("unlock killed ({k})"));
        cli_ok(&root, &["unlock"]);
        assert_eq!(
            tree(&root.join("clients"), true),
            before,
            "round {k}: every file back"
        );
    }
    eprintln!("{kills} kills each; a lock took {lock_ms} ms, an unlock {unlock_ms} ms");
    let problems = hairline::records::check::check(&root, Some(PASS));
    assert!(
        problems.iter().all(|p| p.contains("not encrypted")),
        "{problems:?}"
    );
}
