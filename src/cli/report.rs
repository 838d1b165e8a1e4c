//! `report DESIGN -o plan.pdf`: the consultation report and treatment plan.

use super::commands::{emit, variant_index};
use crate::design::load_design;
use crate::output::{WriteOptions, check_target, design_inputs, refuse_inputs, write_atomic};
use crate::records::{Library, Paper, date};
use crate::report::{ReportInput, make_report};
use anyhow::{Context, Result, bail};
use std::path::Path;

pub fn report(
    design_path: &Path,
    out: &Path,
    variant: Option<&str>,
    paper: Option<Paper>,
    library: Option<&Path>,
) -> Result<()> {
    emit(&report_file(design_path, out, variant, paper, library)?)
}

/// Writes the report of `design_path` to `out` and says what was written (the studio's
/// "Make report" runs the same).
pub fn report_file(
    design_path: &Path,
    out: &Path,
    variant: Option<&str>,
    paper: Option<Paper>,
    library: Option<&Path>,
) -> Result<String> {
    if !out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
    {
        bail!("{}: a report is a PDF: name it .pdf", out.display());
    }
    check_target(out)?;
    let design = load_design(design_path)?;
    let vi = variant_index(&design, design_path, variant)?;
    let photo = crate::engine::photo_path(design_path, &design);
    refuse_inputs(out, &design_inputs(Some(design_path), &photo))?;
    // The clinic's settings and texts: the library named, else the one the design is filed in.
    let filed = Library::of_design(design_path);
    let lib = match library {
        Some(dir) => {
            if !dir.join(crate::records::settings::SETTINGS_FILE).is_file() {
                bail!(
                    "{}: not a client library (no {} in it)",
                    dir.display(),
                    crate::records::settings::SETTINGS_FILE
                );
            }
            Some(Library::at(dir))
        }
        None => filed.as_ref().map(|(l, _)| l.clone()),
    };
    let settings = match &lib {
        Some(l) => l.settings()?,
        None => Default::default(),
    };
    let (aftercare, consent) = match &lib {
        Some(l) => l.templates(),
        None => (
            crate::records::settings::DEFAULT_AFTERCARE.to_string(),
            crate::records::settings::DEFAULT_CONSENT.to_string(),
        ),
    };
    let client = match &filed {
        Some((_, folder)) => Some(folder.details()?),
        None => None,
    };
    // The sessions of this design already done, from the client's log.
    let variant_name = &design.variants[vi].name;
    let logged: Vec<(u32, String)> = filed
        .as_ref()
        .map(|(_, folder)| {
            folder
                .log()
                .current()
                .iter()
                .map(|c| c.entry)
                .filter(|e| e.planned_session > 0 && &e.variant == variant_name)
                .filter(|e| design_path.ends_with(&e.design))
                .map(|e| (e.planned_session, e.date.clone()))
                .collect()
        })
        .unwrap_or_default();
    let paper = paper.unwrap_or(settings.paper);
    let input = ReportInput {
        design: &design,
        design_path,
        variant: vi,
        client,
        settings,
        aftercare,
        consent,
        paper,
        date: date::today(),
        logged,
    };
    let report = make_report(&input).with_context(|| format!("{}", design_path.display()))?;
    let (pdf, pages) = (report.pdf, report.pages);
    write_atomic(out, WriteOptions::default(), |w| w.write_all(&pdf))?;
    Ok(format!(
        "{}: {pages} pages, {} kB, {:?} paper\n",
        out.display(),
        pdf.len().div_ceil(1024),
        paper
    ))
}
