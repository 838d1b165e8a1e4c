//! No lost work: saves survive being killed midway, and nothing in the program talks to a network.

mod common;

use hairline::design::{Design, load_design, save_design};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const CHILD_ENV: &str = "HAIRLINE_TEST_SAVE_LOOP";

/// Two versions of a design; B is made large (long notes) so a write takes long enough to be
/// interrupted.
fn versions() -> (Design, Design) {
    let a = common::sample("crown-density");
    let mut b = a.clone();
    b.client.notes = "second consultation. ".repeat(100_000);
    (a, b)
}

/// In the child process: save A and B over the same file, forever, until killed.
fn save_loop(path: &Path) -> ! {
    let (a, b) = versions();
    loop {
        for d in [&a, &b] {
            if let Err(e) = save_design(d, path) {
                eprintln!("{e}");
                std::process::exit(3);
            }
        }
    }
}

#[test]
fn killing_the_program_mid_save_leaves_the_old_or_the_new_file_whole() {
    if let Some(path) = std::env::var_os(CHILD_ENV) {
        save_loop(Path::new(&path));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("client.json");
    let (a, b) = versions();
    save_design(&a, &path).expect("initial save");
    let me = std::env::current_exe().expect("test binary");
    let mut seen = [0, 0];
    for round in 0..25u64 {
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "killing_the_program_mid_save_leaves_the_old_or_the_new_file_whole",
                "--nocapture",
            ])
            .env(CHILD_ENV, &path)
            .spawn()
            .expect("spawn the saver");
        // Kill at varying moments, most of them inside a write of the large version.
        std::thread::sleep(Duration::from_millis(40 + (round * 37) % 90));
        child.kill().expect("kill");
        child.wait().expect("reap");
        let d = load_design(&path)
            .unwrap_or_else(|e| panic!("round {round}: the file is damaged: {e}"));
        if d == a {
            seen[0] += 1;
        } else if d == b {
            seen[1] += 1;
        } else {
            panic!("round {round}: the file is neither version");
        }
    }
    println!("after 25 kills: old/new version found {seen:?}");
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

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--locked",
            "--offline",
            "-e",
            "normal",
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
    assert!(tree.lines().count() > 50, "the tree was listed");
    for line in tree.lines() {
        let name = line.split_whitespace().next().unwrap_or("");
        assert!(
            !NETWORK_CRATES.contains(&name),
            "networking crate in the program: {line}"
        );
    }
}

#[test]
fn the_source_never_opens_a_socket() {
    let mut stack = vec![common::root().join("src")];
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
