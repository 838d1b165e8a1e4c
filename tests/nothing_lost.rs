//! Nothing the design reads is ever written: every writer of the program (the command line's
//! renders, dot lists and report, the studio's exports and saves, the hand-over archive) is run
//! with each of a head design's photos as its output, directly and through a symlink, a hard link
//! and `..`; each is refused with an error naming the photo, and every file keeps its bytes.

mod common;

use hairline_studio::app::Studio;
use hairline::records::{ClientDetails, Library};
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// A client library with one client whose head design (the bundled whole-scalp sample) is filed
/// in `designs/` and its three photos in a visit's folder.
struct Filed {
    _dir: tempfile::TempDir,
    folder: PathBuf,
    design: PathBuf,
    photos: Vec<(String, PathBuf)>,
}

impl Filed {
    fn new() -> Filed {
        let dir = tempfile::tempdir().expect("temp dir");
        let lib = Library::open(&dir.path().join("library")).expect("library");
        let folder = lib
            .add_client(&ClientDetails::new("Test Client"))
            .expect("client")
            .path;
        let visit = folder.join("photos").join("2026-01-05");
        std::fs::create_dir_all(&visit).expect("visit folder");
        std::fs::create_dir_all(folder.join("designs")).expect("designs folder");
        let mut d = common::sample("whole-scalp-head");
        let mut photos = Vec::new();
        for v in &mut d.views {
            let file = visit.join(&v.photo.path);
            std::fs::copy(common::root().join("designs").join(&v.photo.path), &file)
                .expect("copy photo");
            v.photo.path = format!("../photos/2026-01-05/{}", v.photo.path);
            photos.push((v.name.clone(), file));
        }
        let design = folder.join("designs").join("head.json");
        hairline::design::save_design(&d, &design).expect("save");
        Filed {
            _dir: dir,
            folder,
            design,
            photos,
        }
    }

    /// Every file under the library with its SHA-256.
    fn hashes(&self) -> Vec<(PathBuf, String)> {
        let root = self
            .folder
            .parent()
            .unwrap()
            .parent()
            .unwrap()
            .to_path_buf();
        let mut out = Vec::new();
        let mut todo = vec![root];
        while let Some(d) = todo.pop() {
            for e in std::fs::read_dir(&d).expect("readable").flatten() {
                let p = e.path();
                let t = std::fs::symlink_metadata(&p).expect("meta").file_type();
                if t.is_dir() {
                    todo.push(p);
                } else if t.is_file() {
                    let bytes = std::fs::read(&p).expect("read");
                    out.push((p, hairline::photo::sha256_hex(&bytes)));
                }
            }
        }
        out.sort();
        out
    }
}

/// What a writer said: `Ok` if it wrote, else its message.
type Outcome = Result<(), String>;

fn cli(args: Vec<OsString>) -> Outcome {
    let o = common::run_cli(&args);
    if o.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&o.stderr).into_owned())
    }
}

fn os(parts: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    parts.iter().map(|p| p.as_ref().to_os_string()).collect()
}

/// Every writer of the program, by name, with the extension it writes and how it is run on
/// design `d` (or its client folder) with output `out`. A writer added to the program is added
/// here (`every_file_writer_is_in_the_list` fails until it is).
type Writer = (&'static str, &'static str, fn(&Filed, &Path) -> Outcome);

const WRITERS: [Writer; 11] = [
    ("render", "png", |f, out| {
        cli(os(&[&"render", &f.design, &"-o", &out]))
    }),
    ("render --view", "jpg", |f, out| {
        cli(os(&[
            &"render", &f.design, &"--view", &"front", &"-o", &out,
        ]))
    }),
    ("render --before-after", "png", |f, out| {
        cli(os(&[&"render", &f.design, &"--before-after", &"-o", &out]))
    }),
    ("render --norwood", "png", |f, out| {
        cli(os(&[&"render", &f.design, &"--norwood", &"6", &"-o", &out]))
    }),
    ("dots CSV", "csv", |f, out| {
        cli(os(&[&"dots", &f.design, &"-o", &out]))
    }),
    ("dots SVG", "svg", |f, out| {
        cli(os(&[&"dots", &f.design, &"-o", &out]))
    }),
    ("report", "pdf", |f, out| {
        cli(os(&[&"report", &f.design, &"-o", &out]))
    }),
    ("studio export", "png", |f, out| {
        let mut s = Studio::open(&f.design).map_err(|e| e.to_string())?;
        s.export(out, hairline::render::ExportKind::Preview);
        s.finish_export();
        s.status
            .starts_with("Exported")
            .then_some(())
            .ok_or(s.status)
    }),
    ("studio before/after export", "jpg", |f, out| {
        let mut s = Studio::open(&f.design).map_err(|e| e.to_string())?;
        s.export(out, hairline::render::ExportKind::BeforeAfter);
        s.finish_export();
        s.status
            .starts_with("Exported")
            .then_some(())
            .ok_or(s.status)
    }),
    ("studio save", "json", |f, out| {
        let mut s = Studio::open(&f.design).map_err(|e| e.to_string())?;
        s.save(out.to_path_buf());
        s.status.starts_with("Saved").then_some(()).ok_or(s.status)
    }),
    ("hand-over archive", "tar", |f, out| {
        hairline::records::archive::export_client(&f.folder, out)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }),
];

#[test]
fn every_writer_refuses_each_photo_of_a_head_design_by_any_path() {
    let f = Filed::new();
    let before = f.hashes();
    let links = f.folder.join("links");
    std::fs::create_dir(&links).expect("links folder");
    let mut tries = 0;
    for (name, ext, write) in WRITERS {
        for (view, photo) in &f.photos {
            // The photo as given, through `..`, and (on Unix) through a symlink and a hard link
            // named as the writer's own kind of file.
            let dotdot = photo
                .parent()
                .unwrap()
                .join("..")
                .join(photo.parent().unwrap().file_name().unwrap())
                .join(photo.file_name().unwrap());
            let mut outs = vec![(photo.clone(), false), (dotdot, false)];
            #[cfg(unix)]
            {
                let soft = links.join(format!("soft-{view}.{ext}"));
                let hard = links.join(format!("hard-{view}.{ext}"));
                let _ = std::fs::remove_file(&soft);
                let _ = std::fs::remove_file(&hard);
                std::os::unix::fs::symlink(photo, &soft).expect("ln -s");
                std::fs::hard_link(photo, &hard).expect("ln");
                outs.push((soft, true));
                outs.push((hard, true));
            }
            for (out, named_as_ours) in outs {
                let e = write(&f, &out).expect_err(&format!("{name} wrote over {}", out.display()));
                // Through a link with the writer's own extension only the guard can refuse it:
                // it names the photo.
                if named_as_ours {
                    assert!(
                        e.contains(&format!("view \"{view}\""))
                            || e.contains("a photo in the client's folder")
                            || e.contains("a file of the client's folder"),
                        "{name} -o {}: {e}",
                        out.display()
                    );
                }
                assert!(!e.contains("panicked"), "{name}: {e}");
                tries += 1;
            }
        }
    }
    let mut after = f.hashes();
    after.retain(|(p, _)| !p.starts_with(&links));
    assert_eq!(before, after, "every file of the library keeps its bytes");
    assert_eq!(tries, WRITERS.len() * 3 * if cfg!(unix) { 4 } else { 2 });
    // And each writer does write when the output is free.
    for (name, ext, write) in WRITERS {
        let out = f
            .folder
            .parent()
            .unwrap()
            .join(format!("free-{}.{ext}", name.replace([' ', '/'], "-")));
        write(&f, &out).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(out.is_file(), "{name}");
    }
}

/// The source files that write files through `hairline::output`: each is one of the writers
/// above, or writes only files no design reads (records, recovery, the sample generators).
const WRITING_FILES: [(&str, &str); 12] = [
    (
        "src/cli/commands.rs",
        "render, render --view, --before-after, --norwood, dots, sample-photo",
    ),
    ("src/cli/report.rs", "report"),
    (
        "src/cli/sample_head.rs",
        "sample-head: a new sample, reads nothing",
    ),
    ("src/app/export.rs", "studio export"),
    ("src/app/document.rs", "studio save"),
    (
        "src/app/recovery.rs",
        "recovery files, in the program's data folder",
    ),
    (
        "crates/hairline/src/design/io.rs",
        "save_design, called by the studio's save and the library",
    ),
    (
        "crates/hairline/src/records/mod.rs",
        "write_private: the records themselves",
    ),
    ("crates/hairline/src/records/library.rs", "the library's own records"),
    ("crates/hairline/src/records/archive.rs", "hand-over archive"),
    ("crates/hairline/src/records/lock.rs", "sealing the library's own records"),
    (
        "crates/hairline/src/output/image_out.rs",
        "write_image, used by the writers above",
    ),
];

#[test]
fn every_file_writer_is_in_the_list() {
    let calls = [
        "write_atomic(",
        "write_image(",
        "write_private(",
        "save_design(",
    ];
    let mut stack = vec![common::root().join("src"), common::root().join("crates")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("src").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            // A module's unit tests in a file of their own are tests, as `#[cfg(test)]` parts are.
            if p.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).expect("readable");
            let rel = p
                .strip_prefix(common::root())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            // Definitions and tests of the write path itself are not writers.
            let body = text.split("#[cfg(test)]").next().unwrap_or("");
            let writes = calls.iter().any(|c| {
                body.lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .any(|l| l.contains(c) && !l.contains("fn "))
            });
            if writes && rel != "crates/hairline/src/output/atomic.rs" {
                assert!(
                    WRITING_FILES.iter().any(|(f, _)| *f == rel),
                    "{rel} writes files: add its writer to WRITERS (or WRITING_FILES, if it writes nothing a design reads)"
                );
            }
        }
    }
}
