//! Inputs that are not what they claim: a device or a named pipe given as a design or a photo,
//! designs with huge shapes, a head design's photos missing, of another size, another picture,
//! unplaceable or misplaced, and values out of range on the command line. Each is answered at
//! once with what is wrong and where; nothing hangs and nothing is shown as the client's that
//! is not.

mod common;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_hairline-studio");

/// Runs the program, killing it if it takes more than 20 s (a hang); its exit code, stderr and
/// time.
fn run_timed(args: &[OsString], dir: &Path) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    loop {
        if let Some(status) = child.try_wait().expect("waits") {
            let took = start.elapsed();
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err, took);
        }
        if start.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{args:?} hung for 20 s");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn os(parts: &[&dyn AsRef<std::ffi::OsStr>]) -> Vec<OsString> {
    parts.iter().map(|p| p.as_ref().to_os_string()).collect()
}

/// Every command that reads a design, with `design` as its design and outputs in `dir`.
fn every_command(design: &Path, dir: &Path) -> Vec<Vec<OsString>> {
    vec![
        os(&[&"check", &design]),
        os(&[&"stats", &design]),
        os(&[&"render", &design, &"-o", &dir.join("o.png")]),
        os(&[
            &"render",
            &design,
            &"--view",
            &"front",
            &"-o",
            &dir.join("v.png"),
        ]),
        os(&[&"dots", &design, &"-o", &dir.join("o.csv")]),
        os(&[&"report", &design, &"-o", &dir.join("o.pdf")]),
        os(&[&"match", &design, &"--at", &"100,100"]),
    ]
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(ok.success());
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_as_design_photo_or_view_photo_are_refused_at_once_naming_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fifo = dir.path().join("pipe.jpg");
    mkfifo(&fifo);
    let fifo_json = dir.path().join("pipe.json");
    mkfifo(&fifo_json);
    let sources: [(&str, PathBuf); 3] = [
        ("/dev/zero", PathBuf::from("/dev/zero")),
        ("/dev/urandom", PathBuf::from("/dev/urandom")),
        ("pipe", fifo.clone()),
    ];
    let mut cases = 0;
    for (label, source) in &sources {
        // As the design itself.
        let as_design = if *label == "pipe" {
            fifo_json.clone()
        } else {
            source.clone()
        };
        // As a flat design's photo, and as a head design's view photo.
        let mut flat = common::sample("crown-density");
        flat.photo.path = source.to_string_lossy().into_owned();
        let flat_path = dir
            .path()
            .join(format!("flat-{label}.json").replace('/', "_"));
        hairline::design::save_design(&flat, &flat_path).expect("save");
        let mut head = common::sample("whole-scalp-head");
        head.views[0].photo.path = source.to_string_lossy().into_owned();
        for v in head.views.iter_mut().skip(1) {
            v.photo.path = common::root()
                .join("designs")
                .join(&v.photo.path)
                .to_string_lossy()
                .into_owned();
        }
        let head_path = dir
            .path()
            .join(format!("head-{label}.json").replace('/', "_"));
        hairline::design::save_design(&head, &head_path).expect("save");
        let named = source.file_name().unwrap().to_string_lossy().into_owned();
        // The commands that read the file in each place (by their position in
        // `every_command`): all of them read the design; `stats` and `dots` never read a flat
        // design's photo, `render --view` refuses a flat design before, and `dots`, `match` and
        // `report` (which names it on its page) say nothing of a head design's views on stderr.
        let as_design_name = as_design
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let places: [(&PathBuf, &String, &[usize]); 3] = [
            (&as_design, &as_design_name, &[0, 1, 2, 3, 4, 5, 6]),
            (&flat_path, &named, &[0, 2, 5, 6]),
            (&head_path, &named, &[0, 1, 2, 3]),
        ];
        for (design, name, naming) in places {
            for (k, args) in every_command(design, dir.path()).into_iter().enumerate() {
                let (_, err, took) = run_timed(&args, dir.path());
                assert!(
                    took < Duration::from_secs(1),
                    "{args:?} took {took:?}: {err}"
                );
                if naming.contains(&k) {
                    assert!(
                        err.contains(name.as_str()),
                        "{args:?} should name {name}: {err}"
                    );
                }
                assert!(!err.contains("panicked"), "{args:?}: {err}");
                cases += 1;
            }
        }
    }
    assert_eq!(cases, 3 * 3 * 7);
}

/// The bundled head design copied with its photos into a folder, photos by absolute path.
fn head_copy(dir: &Path) -> (PathBuf, hairline::design::Design) {
    let mut d = common::sample("whole-scalp-head");
    for v in &mut d.views {
        let to = dir.join(&v.photo.path);
        std::fs::copy(common::root().join("designs").join(&v.photo.path), &to).expect("copy");
        v.photo.path = to.to_string_lossy().into_owned();
    }
    (dir.join("head.json"), d)
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    // Lines of the page run together where a paragraph wraps.
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn each_head_view_problem_is_named_by_check_stats_render_and_report() {
    type Spoil = fn(&Path, &mut hairline::design::Design);
    let problems: [(&str, Spoil, &str); 5] = [
        (
            "missing",
            |_, d| d.views[1].photo.path += ".gone",
            "cannot read",
        ),
        (
            "another size",
            |dir, d| {
                let small = image::RgbImage::from_pixel(300, 400, image::Rgb([120, 90, 80]));
                let p = dir.join("small.jpg");
                small.save(&p).expect("write");
                d.views[1].photo.path = p.to_string_lossy().into_owned();
            },
            "300x400",
        ),
        (
            "another picture",
            |dir, d| {
                // The top photo under the left one's name: same size, other content.
                let top = common::root().join("designs/head-top.jpg");
                std::fs::copy(top, dir.join("head-left.jpg")).expect("copy");
                let _ = d;
            },
            "SHA-256 differs",
        ),
        (
            "cannot be placed",
            |_, d| {
                d.views[1].landmarks.clear();
                d.views[1].outline.clear();
                d.views[1].pen_dots.clear();
            },
            "cannot be placed",
        ),
        (
            "registered far off",
            |_, d| {
                // Every click of the left photo moved 35 mm's worth away from the others' fit.
                for (k, p) in d.views[1].landmarks.values_mut().enumerate() {
                    p.x += if k % 2 == 0 { 300.0 } else { -300.0 };
                    p.y += if k % 3 == 0 { 250.0 } else { -150.0 };
                }
            },
            "mm rms",
        ),
    ];
    for (label, spoil, words) in problems {
        let dir = tempfile::tempdir().expect("temp dir");
        let (path, mut d) = head_copy(dir.path());
        spoil(dir.path(), &mut d);
        hairline::design::save_design(&d, &path).expect("save");
        let view = "view \"left\"";
        let check = common::run_cli(&os(&[&"check", &path]));
        let err = String::from_utf8_lossy(&check.stderr);
        assert!(
            err.contains(view) && err.contains(words),
            "check, {label}: {err}"
        );
        let stats = common::run_cli(&os(&[&"stats", &path]));
        let out = String::from_utf8_lossy(&stats.stdout);
        assert!(
            out.contains(view) && out.contains(words),
            "stats, {label}: {out}"
        );
        let render = common::run_cli(&os(&[
            &"render",
            &path,
            &"--view",
            &"left",
            &"-o",
            &dir.path().join("l.png"),
        ]));
        let err = String::from_utf8_lossy(&render.stderr);
        assert!(
            err.contains(view) && err.contains(words),
            "render, {label}: {err}"
        );
        if label != "registered far off" {
            assert!(
                !render.status.success(),
                "render --view left, {label}: drawn on a wrong photo"
            );
        }
        let pdf = dir.path().join("plan.pdf");
        let report = common::run_cli(&os(&[&"report", &path, &"-o", &pdf]));
        assert!(
            report.status.success(),
            "{}",
            String::from_utf8_lossy(&report.stderr)
        );
        let text = pdf_text(&pdf);
        assert!(
            text.contains(view) && text.contains(words),
            "report, {label}: {text}"
        );
        // The left photo is never shown as the client's: no caption of it.
        if label != "registered far off" {
            assert!(
                !text.contains("left: today"),
                "report, {label}: shows the left photo"
            );
            assert!(
                text.contains("front: today"),
                "report, {label}: the good photos stay"
            );
        }
    }
}

#[test]
fn a_design_of_huge_polygons_or_stroke_counts_is_checked_fast_or_refused_naming_the_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = common::sample_with_absolute_photo("crown-density");
    let (w, h) = (base.photo.width_px as f64, base.photo.height_px as f64);
    // A simple star polygon of 100,000 points inside the photo.
    let star = |n: usize, shift: f64| -> Vec<hairline::geometry::Point> {
        (0..n)
            .map(|i| {
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                let r = if i % 2 == 0 { 0.3 } else { 0.2 } * w.min(h);
                hairline::geometry::Point::new(w / 2.0 + shift + r * a.cos(), h / 2.0 + r * a.sin())
            })
            .collect()
    };
    // One zone of one 100,000-point polygon: loads and is checked.
    let mut one = base.clone();
    one.variants[0].zones[0].shape.polygons = vec![star(100_000, 0.0)];
    one.variants[0].zones[0].shape.strokes.clear();
    let one_path = dir.path().join("one.json");
    hairline::design::save_design(&one, &one_path).expect("save");
    let start = Instant::now();
    hairline::design::load_design(&one_path).expect("a 100,000-point polygon loads");
    let took = start.elapsed();
    assert!(took < Duration::from_secs(2), "loaded in {took:?}");
    // Twenty of them (about 64 MB of JSON): over the cap on points across a design.
    let mut many = one.clone();
    let zone = many.variants[0].zones[0].clone();
    for k in 1..20 {
        let mut z = zone.clone();
        z.name = format!("zone {k}");
        many.variants[0].zones.push(z);
    }
    let many_path = dir.path().join("many.json");
    hairline::design::save_design(&many, &many_path).expect("save");
    let bytes = std::fs::metadata(&many_path).unwrap().len();
    assert!(bytes > 40 << 20 && bytes < 64 << 20, "{bytes} bytes");
    let (code, err, took) = run_timed(&os(&[&"check", &many_path]), dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("points across a design"), "{err}");
    // 100,000 brush strokes: over the cap on strokes.
    let mut strokes = base.clone();
    let stroke = hairline::design::Stroke {
        points_px: vec![hairline::geometry::Point::new(w / 2.0, h / 2.0)],
        radius_mm: 5.0,
        erase: false,
    };
    strokes.variants[0].zones[0].shape.strokes = vec![stroke; 100_000];
    let strokes_path = dir.path().join("strokes.json");
    hairline::design::save_design(&strokes, &strokes_path).expect("save");
    let (code, err2, took2) = run_timed(&os(&[&"check", &strokes_path]), dir.path());
    assert_eq!(code, Some(1), "{err2}");
    assert!(err2.contains("strokes across a design"), "{err2}");
    eprintln!("refused: 20 polygons in {took:?}, 100,000 strokes in {took2:?}");
}

#[test]
fn negative_points_and_days_are_out_of_range_values_not_unknown_options() {
    let d = common::root().join("designs/crown-density.json");
    let m = common::run_cli(&os(&[&"match", &d, &"--at", &"-5,-5"]));
    let err = String::from_utf8_lossy(&m.stderr);
    assert_eq!(m.status.code(), Some(2), "{err}");
    assert!(
        err.contains("outside the photo") && !err.contains("unexpected argument"),
        "{err}"
    );
    let r = common::run_cli(&os(&[
        &"render", &d, &"-o", &"x.png", &"--look", &"healing", &"--days", &"-1",
    ]));
    let err = String::from_utf8_lossy(&r.stderr);
    assert_eq!(r.status.code(), Some(2), "{err}");
    assert!(
        err.contains("days from 0 to 365") && !err.contains("unexpected argument"),
        "{err}"
    );
}
