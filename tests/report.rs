//! The consultation report and treatment plan, read back as a person would: its text through
//! poppler's pdftotext (what a search or a screen reader sees), its pages through pdftoppm.

mod common;

use common::{root, run_cli, run_cli_ok};
use hairline::records::{ClientDetails, Library, PriceBasis, Settings};
use std::path::Path;
use std::process::Command;

/// `report DESIGN -o OUT`, to run with `run_cli`.
fn report_args<'a>(design: &'a Path, out: &'a Path) -> Vec<&'a std::ffi::OsStr> {
    vec![
        "report".as_ref(),
        design.as_os_str(),
        "-o".as_ref(),
        out.as_os_str(),
    ]
}

fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> Vec<u8> {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!(
            "{tool} (poppler-utils) is needed to read the report back: {e}; .ci/test installs it"
        )
    });
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn text_of(pdf: &Path) -> String {
    let out = poppler(
        "pdftotext",
        &["-layout".as_ref(), pdf.as_os_str(), "-".as_ref()],
    );
    String::from_utf8(out).expect("pdftotext writes UTF-8")
}

/// The expected counts, from the engine itself (not from the report).
fn per_session(design: &Path) -> Vec<usize> {
    let d = hairline::design::load_design(design).unwrap();
    hairline::engine::compute(&d, d.active_variant)
        .stats
        .per_session
}

fn filed_client(dir: &Path, name: &str, settings: &Settings) -> std::path::PathBuf {
    let lib = Library::open(&dir.join("library")).unwrap();
    lib.save_settings(settings).unwrap();
    let folder = lib
        .add_client(&ClientDetails {
            date_of_birth: "1979-05-17".into(),
            contact: "daniel@example.org".into(),
            skin_type: 4,
            ..ClientDetails::new(name)
        })
        .unwrap();
    let sample = root().join("designs/shaved-soft-hairline.json");
    let design = hairline::design::load_design(&sample).unwrap();
    folder
        .add_design(&design, &sample, "Soft hairline")
        .unwrap()
}

#[test]
fn the_report_holds_the_client_counts_time_and_price() {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        clinic_name: "Northside SMP Clinic".into(),
        practitioner: "Ana Ribeiro".into(),
        impressions_per_hour: 3000.0,
        price_basis: PriceBasis::PerSession,
        price: 450.0,
        currency: "GBP".into(),
        ..Settings::default()
    };
    let design = filed_client(dir.path(), "Daniel Okafor", &settings);
    let pdf = dir.path().join("plan.pdf");
    let o = run_cli_ok(&report_args(&design, &pdf));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("3 pages"), "{said}");
    let text = text_of(&pdf);
    for wanted in [
        "Daniel Okafor",
        "1979-05-17",
        "daniel@example.org",
        "IV: olive",
        "Northside SMP Clinic",
        "Ana Ribeiro",
        "450.00 GBP",
        "1,350.00 GBP",
        "Aftercare",
        "Consent",
        "Page 3 of 3",
    ] {
        assert!(
            text.contains(wanted),
            "the report lacks \"{wanted}\":\n{text}"
        );
    }
    let counts = per_session(&root().join("designs/shaved-soft-hairline.json"));
    let total: usize = counts.iter().sum();
    for n in counts.iter().chain([&total]) {
        let shown = hairline::report::plan::thousands(*n);
        assert!(text.contains(&shown), "count {shown} missing:\n{text}");
    }
    // Time at 3,000 an hour, as the table rounds it.
    let minutes = (total as f64 / 3000.0 * 60.0).round() as u64;
    let time = format!("{} h {:02} min", minutes / 60, minutes % 60);
    assert!(text.contains(&time), "{time} missing");
}

#[test]
fn the_report_is_a4_or_letter_and_every_page_shows_something() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("designs/shaved-soft-hairline.json");
    for (paper, size) in [("a4", "595.28 x 841.89"), ("letter", "612 x 792")] {
        let pdf = dir.path().join(format!("{paper}.pdf"));
        let mut args = report_args(&sample, &pdf);
        args.extend([std::ffi::OsStr::new("--paper"), std::ffi::OsStr::new(paper)]);
        run_cli_ok(&args);
        let info = String::from_utf8(poppler("pdfinfo", &[pdf.as_os_str()])).unwrap();
        assert!(info.contains(size), "{paper}: {info}");
        // Each page drawn as an image: the first two carry the previews, so a good share of
        // their pixels are photo, not paper.
        let prefix = dir.path().join(paper);
        poppler(
            "pdftoppm",
            &[
                "-r".as_ref(),
                "30".as_ref(),
                "-png".as_ref(),
                pdf.as_os_str(),
                prefix.as_os_str(),
            ],
        );
        for (page, min_ink) in [(1, 0.15), (2, 0.15), (3, 0.01)] {
            let png = dir.path().join(format!("{paper}-{page}.png"));
            let img = image::open(&png).unwrap().to_rgb8();
            let inked = img
                .pixels()
                .filter(|p| p.0.iter().any(|&c| c < 235))
                .count() as f64
                / (img.width() * img.height()) as f64;
            assert!(
                inked > min_ink,
                "{paper} page {page}: {inked:.3} of it drawn"
            );
        }
    }
}

#[test]
fn a_name_in_any_script_is_kept_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let design = filed_client(dir.path(), "Дмитрий 王小明 Ørsted", &Settings::default());
    let pdf = dir.path().join("plan.pdf");
    run_cli_ok(&report_args(&design, &pdf));
    let text = text_of(&pdf);
    assert!(text.contains("Дмитрий 王小明 Ørsted"), "{text}");
    assert!(
        text.contains("no price set"),
        "a price of nothing is not printed as free"
    );
}

#[test]
fn a_report_on_the_clients_head_shows_each_photo() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("head.pdf");
    let design = root().join("designs/whole-scalp-head.json");
    run_cli_ok(&report_args(&design, &pdf));
    let text = text_of(&pdf);
    let d = hairline::design::load_design(&design).unwrap();
    for v in &d.views {
        assert!(
            text.contains(&format!("{}: healed", v.name)),
            "{}: {text}",
            v.name
        );
    }
}

#[test]
fn bad_report_requests_are_refused_with_the_file_named() {
    let dir = tempfile::tempdir().unwrap();
    let sample = root().join("designs/shaved-soft-hairline.json");
    let png = dir.path().join("plan.png");
    let o = run_cli(&report_args(&sample, &png));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(err.contains("plan.png") && err.contains("PDF"), "{err}");
    // A design whose photo is gone: named, and no report half-written.
    let moved = dir.path().join("moved.json");
    std::fs::copy(&sample, &moved).unwrap();
    let pdf = dir.path().join("plan.pdf");
    let o = run_cli(&report_args(&moved, &pdf));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("sample-scalp.jpg"), "{err}");
    assert!(!pdf.exists());
    let mut args = report_args(&sample, &pdf);
    args.extend([std::ffi::OsStr::new("--library"), dir.path().as_os_str()]);
    let o = run_cli(&args);
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a client library"));
}

#[test]
fn a_later_report_shows_the_sessions_done_and_the_next_one_planned() {
    let dir = tempfile::tempdir().unwrap();
    let design = filed_client(dir.path(), "Daniel Okafor", &Settings::default());
    let folder = hairline::records::ClientFolder {
        path: design.parent().unwrap().parent().unwrap().to_path_buf(),
    };
    let d = hairline::design::load_design(&design).unwrap();
    let plan = &d.variants[d.active_variant].sessions.sessions;
    folder
        .append(hairline::records::LogEntry {
            date: "2026-10-05".into(),
            planned_session: 1,
            design: "designs/Soft hairline.json".into(),
            variant: d.variants[d.active_variant].name.clone(),
            ..hairline::records::LogEntry::new()
        })
        .unwrap();
    let pdf = dir.path().join("plan.pdf");
    run_cli_ok(&report_args(&design, &pdf));
    let text = text_of(&pdf);
    let next =
        hairline::records::date::add_days("2026-10-05", i64::from(plan[1].days_after_previous))
            .unwrap();
    assert!(text.contains("done 2026-10-05"), "{text}");
    assert!(text.contains(&format!("planned for {next}")), "{text}");
}
