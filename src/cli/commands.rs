use super::args::{DotsArgs, RenderArgs};
use crate::design::{Design, load_design};
use crate::dots::export::{to_csv_on, to_svg};
use crate::engine::{
    compute, load_design_photo, load_view_photo, photo_path, register_design, view_photo_path,
};
use crate::norwood::{HeadWorst, StageView};
use crate::output::{
    DEFAULT_JPEG_QUALITY, ImageFormatOut, check_target, design_inputs, refuse_inputs, write_image,
};
use crate::output::{Input, WriteOptions, write_atomic};
use crate::render::{ExportKind, PhotoPyramid, PreviewOptions, SessionView, export_design};
use anyhow::{Context, Result, anyhow, bail};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

pub(super) fn variant_index(design: &Design, path: &Path, name: Option<&str>) -> Result<usize> {
    match name {
        None => Ok(design.active_variant),
        Some(n) => design.variant_index(n).ok_or_else(|| {
            let names: Vec<_> = design.variants.iter().map(|v| v.name.as_str()).collect();
            anyhow!(
                "{}: no variant named \"{n}\" (it has: {})",
                path.display(),
                names.join(", ")
            )
        }),
    }
}

/// The sessions `--session N` (1-based, all by default) and `--only` choose, refusing a session
/// the variant's plan does not have.
fn session_view(
    design: &Design,
    path: &Path,
    vi: usize,
    session: Option<usize>,
    only: bool,
) -> Result<SessionView> {
    let variant = &design.variants[vi];
    let count = variant.sessions.sessions.len();
    if let Some(s) = session.filter(|&s| s > count) {
        bail!(
            "{}: --session {s}, but variant \"{}\" has {count} sessions",
            path.display(),
            variant.name
        );
    }
    let k = session.map_or(count - 1, |s| s - 1);
    Ok(if only {
        SessionView::Only(k)
    } else {
        SessionView::Cumulative(k)
    })
}

pub fn render(a: &RenderArgs) -> Result<()> {
    // The format is settled before anything is opened: an unwritable extension touches nothing.
    let format = ImageFormatOut::for_path(&a.out, a.quality)?;
    check_target(&a.out)?;
    let mut design = load_design(&a.design)?;
    let vi = variant_index(&design, &a.design, a.variant.as_deref())?;
    let variant = &design.variants[vi];
    let count = variant.sessions.sessions.len();
    let sessions = session_view(&design, &a.design, vi, a.session, a.only)?;
    if a.test_patch && variant.test_patch.is_none() {
        bail!(
            "{}: --test-patch, but variant \"{}\" has no test patch",
            a.design.display(),
            variant.name
        );
    }
    if let Some(name) = &a.view {
        return render_view_of_head(a, &design, vi, name, sessions, format);
    }
    if a.norwood.is_some()
        && let Some(why) = crate::norwood::unsupported(&design)
    {
        bail!("{}: --norwood: {why}", a.design.display());
    }
    let photo_file = photo_path(&a.design, &design);
    refuse_inputs(&a.out, &design_inputs(Some(&a.design), &photo_file))?;
    let photo = load_design_photo(&a.design, &mut design)?;
    if let Some(w) = &photo.warning {
        eprintln!("warning: {w}");
    }
    let computed = compute(&design, vi);
    let options = PreviewOptions {
        look: a.look,
        sessions,
        test_patch_only: a.test_patch,
        hide_photo: false,
    };
    let kind = if a.before_after {
        ExportKind::BeforeAfter
    } else {
        ExportKind::Preview
    };
    let (img, worst) = match a.norwood {
        None => {
            let pyramid = PhotoPyramid::new(photo.photo.image);
            let img = export_design(&pyramid, &design, vi, &computed.dots, &options, kind);
            (img, None)
        }
        Some(n) => {
            let (stage_photo, bare_cm2) = match design.head {
                // A head design's own picture is its scalp map.
                Some(head) => {
                    let cameras = register_design(&design)
                        .with_context(|| format!("{}", a.design.display()))?;
                    let worst = head_at_stage(a, &design, &cameras, n)?;
                    StageView::on_head(&photo.photo.image, worst, None, head.map_mm_per_px)
                        .for_design(&design, vi)
                }
                None => crate::norwood::photo_at_stage(&photo.photo.image, &design, vi, n)
                    .expect("supported: checked above"),
            };
            let mut caption = crate::render::Caption::for_variant(&design, vi, &options);
            caption.look += &crate::norwood::caption_note(n, bare_cm2);
            // Before/after: the head at that stage without the work, then with it.
            let img = crate::render::export_composite(
                &PhotoPyramid::new(stage_photo),
                &design.variants[vi],
                &computed.dots,
                &options,
                kind,
                &caption,
            );
            (img, Some((n, bare_cm2)))
        }
    };
    write_image(&a.out, &img, format)?;
    // The count is of the impressions the image shows: its sessions (and the test patch alone
    // when asked), not the whole plan's.
    let patch = a.test_patch.then(|| {
        design.variants[vi]
            .test_patch
            .as_ref()
            .map(|t| t.corners_px(computed.dots.mm_per_px))
    });
    let shown = computed
        .dots
        .dots
        .iter()
        .filter(|d| sessions.shows(d.session))
        .filter(|d| match &patch {
            Some(Some(c)) => crate::geometry::polygon_contains(c, d.pos_px()),
            _ => true,
        })
        .count();
    let which = sessions.label(count).to_lowercase();
    let where_ = if a.test_patch {
        ", in the test patch"
    } else {
        ""
    };
    let worst = worst_note(worst);
    emit(&format!(
        "{}: {shown} impressions ({which}{where_}), {}x{} px{worst}\n",
        a.out.display(),
        img.width(),
        img.height()
    ))
}

/// `render --view NAME`: a head design drawn on one of its photos, through the camera solved
/// from the photos' clicks.
fn render_view_of_head(
    a: &RenderArgs,
    design: &Design,
    vi: usize,
    name: &str,
    sessions: SessionView,
    format: ImageFormatOut,
) -> Result<()> {
    let path = &a.design;
    if design.head.is_none() {
        bail!(
            "{}: --view {name}, but the design is drawn on one photo, not on a head",
            path.display()
        );
    }
    let k = view_index(path, design, name)?;
    let photo_file = view_photo_path(path, &design.views[k]);
    refuse_inputs(&a.out, &design_inputs(Some(path), &photo_file))?;
    let photo = load_view_photo(path, &design.views[k])?;
    let (w, h) = photo.image.dimensions();
    let cameras = register_design(design).with_context(|| format!("{}", path.display()))?;
    let r = &cameras[k];
    let head = design.head.expect("checked above");
    let computed = compute(design, vi);
    // At a later Norwood stage the photo is the head at that stage, its bare skin tinted.
    let mut worst = None;
    let mut photo = photo;
    if let Some(n) = a.norwood {
        let at_stage = head_at_stage(a, design, &cameras, n)?;
        let (stage_photo, cm2) =
            StageView::on_head(&photo.image, at_stage, Some(&r.camera), head.map_mm_per_px)
                .for_design(design, vi);
        photo.image = stage_photo;
        worst = Some((n, cm2));
    }
    let seen = crate::head::dots_in_view(
        &head.chart(),
        &computed.dots,
        &r.camera,
        (w as f64, h as f64),
    );
    let options = PreviewOptions {
        look: a.look,
        sessions,
        test_patch_only: false,
        hide_photo: false,
    };
    let kind = if a.before_after {
        ExportKind::BeforeAfter
    } else {
        ExportKind::Preview
    };
    let mut caption = crate::render::Caption::for_view(design, vi, &options, name);
    if let Some((n, cm2)) = worst {
        caption.look += &crate::norwood::caption_note(n, cm2);
    }
    let pyramid = PhotoPyramid::new(photo.image);
    let img = crate::render::export_composite(
        &pyramid,
        &design.variants[vi],
        &seen,
        &options,
        kind,
        &caption,
    );
    write_image(&a.out, &img, format)?;
    let count = design.variants[vi].sessions.sessions.len();
    let shown = seen
        .dots
        .iter()
        .filter(|d| sessions.shows(d.session))
        .count();
    let total = computed
        .dots
        .dots
        .iter()
        .filter(|d| sessions.shows(d.session))
        .count();
    emit(&format!(
        "{}: {shown} of the head's {total} impressions in view \"{name}\" ({}), {}x{} px; registration {:.1} px rms ({:.1} mm){}\n",
        a.out.display(),
        sessions.label(count).to_lowercase(),
        img.width(),
        img.height(),
        r.rms_px,
        r.rms_mm,
        worst_note(worst)
    ))
}

/// The index of a head design's view named `name`, or an error naming the views it has.
pub fn view_index(path: &Path, design: &Design, name: &str) -> Result<usize> {
    design
        .views
        .iter()
        .position(|v| v.name == name)
        .ok_or_else(|| {
            let names: Vec<&str> = design.views.iter().map(|v| v.name.as_str()).collect();
            anyhow!(
                "{}: no view named \"{name}\" (it has: {})",
                path.display(),
                if names.is_empty() {
                    "no views".to_string()
                } else {
                    names.join(", ")
                }
            )
        })
}

/// What `render` says of the worst case shown: the bald skin the design leaves untreated (on
/// a head design, over the whole head, whatever the picture shows of it).
fn worst_note(worst: Option<(u8, f64)>) -> String {
    worst.map_or(String::new(), |(n, cm2)| {
        format!("; at Norwood {n}, {cm2:.1} cm2 of bald skin the design leaves untreated")
    })
}

/// The head of a head design at Norwood stage `n`: where it is bald, and the client's hair now
/// as the design's photos (registered with `cameras`) show it. Says when bald skin is in no
/// photo, so whether hair there would be lost is unknown.
fn head_at_stage(
    a: &RenderArgs,
    design: &Design,
    cameras: &[crate::head::Registration],
    n: u8,
) -> Result<Arc<HeadWorst>> {
    let head = design.head.expect("a head design");
    let mut photos = Vec::new();
    for (k, r) in cameras.iter().enumerate() {
        let file = view_photo_path(&a.design, &design.views[k]);
        refuse_inputs(
            &a.out,
            &[Input {
                path: &file,
                what: "a photo of the head",
            }],
        )?;
        // A photo that cannot be read is left out, as the studio does: the skin only it shows
        // is then said to be unseen, not guessed.
        match load_view_photo(&a.design, &design.views[k]) {
            Ok(photo) => photos.push((photo.image, r.camera)),
            Err(e) => eprintln!("warning: {e:#}; the worst case is found without it"),
        }
    }
    let seen: Vec<_> = photos.iter().map(|(p, c)| (p, c)).collect();
    let worst = HeadWorst::new(head.chart(), n, &seen);
    let unseen = worst.unseen_cm2();
    if unseen >= 1.0 {
        eprintln!(
            "note: {}: {unseen:.0} cm2 of the skin bald at Norwood {n} is in no photo clearly enough to tell whether there is hair on it now; it is not counted as lost",
            a.design.display()
        );
    }
    Ok(Arc::new(worst))
}

/// The formats `dots` writes, by extension.
enum DotsFormat {
    Csv,
    Svg,
}

pub fn dots(a: &DotsArgs) -> Result<()> {
    // The format is settled before anything is opened: an unknown extension touches nothing.
    let ext = a
        .out
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    let format = match ext.as_deref() {
        Some("csv") => DotsFormat::Csv,
        Some("svg") => DotsFormat::Svg,
        _ => bail!(
            "{}: dots are written as .csv or .svg, not {}",
            a.out.display(),
            ext.map_or("a file without an extension".into(), |e| format!(".{e}"))
        ),
    };
    check_target(&a.out)?;
    let design = load_design(&a.design)?;
    let vi = variant_index(&design, &a.design, a.variant.as_deref())?;
    let variant = &design.variants[vi];
    let sel = session_view(&design, &a.design, vi, a.session, a.only)?;
    let photo_file = photo_path(&a.design, &design);
    refuse_inputs(&a.out, &design_inputs(Some(&a.design), &photo_file))?;
    if !design.calibration.measured {
        eprintln!(
            "warning: {}: not calibrated: the millimetres are a placeholder scale",
            a.design.display()
        );
    }
    let computed = compute(&design, vi);
    let text = match format {
        DotsFormat::Csv => match design.head {
            // A head design's impressions also by their place on the head (docs/head-model.md's
            // frame: x to the client's left, y up, z out of the face).
            Some(head) => {
                let chart = head.chart();
                let skin = |p: [f64; 2]| {
                    chart
                        .from_chart(crate::geometry::Point::new(p[0], p[1]))
                        .map(|v| [v.x, v.y, v.z])
                };
                to_csv_on(variant, &computed.dots, sel, Some(&skin))
            }
            None => to_csv_on(variant, &computed.dots, sel, None),
        },
        DotsFormat::Svg => {
            let title = if design.client.name.is_empty() {
                a.design
                    .file_stem()
                    .map_or(String::new(), |s| s.to_string_lossy().into_owned())
            } else {
                design.client.name.clone()
            };
            to_svg(
                variant,
                &computed.dots,
                sel,
                (design.photo.width_px, design.photo.height_px),
                &title,
            )
        }
    };
    write_atomic(&a.out, WriteOptions::default(), |w| {
        w.write_all(text.as_bytes())
    })?;
    let n = computed
        .dots
        .dots
        .iter()
        .filter(|d| sel.shows(d.session))
        .count();
    emit(&format!(
        "{}: {n} impressions ({})\n",
        a.out.display(),
        sel.label(computed.dots.session_count).to_lowercase()
    ))
}

/// A photo's name and its registration error, pixels and millimetres.
type ViewFit = (String, f64, f64);

pub fn stats(path: &Path, variant: Option<&str>, json: bool) -> Result<()> {
    let design = load_design(path)?;
    let vi = variant_index(&design, path, variant)?;
    let c = compute(&design, vi);
    let s = &c.stats;
    let mut out = String::new();
    // A head design: the counts and areas are the head's (per cm² of skin), once, and each
    // photo says how well it is registered.
    let views: Option<Result<Vec<ViewFit>, String>> = design.head.map(|_| {
        register_design(&design)
            .map(|r| {
                design
                    .views
                    .iter()
                    .zip(r)
                    .map(|(v, r)| (v.name.clone(), r.rms_px, r.rms_mm))
                    .collect()
            })
            .map_err(|e| e.to_string())
    });
    if json {
        let views = views.as_ref().map(|v| match v {
            Ok(v) => serde_json::json!(
                v.iter()
                    .map(|(name, px, mm)| serde_json::json!({"view": name, "rms_px": px, "rms_mm": mm}))
                    .collect::<Vec<_>>()
            ),
            Err(e) => serde_json::json!({ "error": e }),
        });
        let fit = crate::engine::head_size_from_photos(&design)
            .and_then(Result::ok)
            .map(|m| {
                serde_json::json!({
                    "length_mm": m.length_mm, "breadth_mm": m.breadth_mm, "height_mm": m.height_mm,
                })
            });
        let value = serde_json::json!({
            "design": path.display().to_string(),
            "variant": design.variants[vi].name,
            "calibrated": design.calibration.measured,
            "on_head": design.head.is_some(),
            "views": views,
            "head_from_photos": fit,
            "stats": s,
        });
        return emit(&format!("{}\n", serde_json::to_string_pretty(&value)?));
    }
    writeln!(
        out,
        "{}  variant \"{}\"",
        path.display(),
        design.variants[vi].name
    )?;
    if !design.calibration.measured {
        writeln!(
            out,
            "  NOT CALIBRATED: the photo's scale is a placeholder; areas, densities and counts are not real"
        )?;
    }
    writeln!(out, "  impressions        {:>8}", s.total)?;
    writeln!(out, "  treated area       {:>8.1} cm2", s.treated_area_cm2)?;
    for (i, n) in s.per_session.iter().enumerate() {
        writeln!(out, "  session {}          {:>8}", i + 1, n)?;
    }
    for z in &s.zones {
        writeln!(
            out,
            "  zone {:<24} {:>8} impressions  {:>7.1} cm2  {:>5.1}/cm2 overall; {:>5.1}/cm2 \
             over its {:.1} cm2 at full density (target {:.0})",
            format!("\"{}\"", z.name),
            z.impressions,
            z.area_cm2,
            z.achieved_per_cm2,
            z.full_density_per_cm2,
            z.full_density_area_cm2,
            z.target_per_cm2
        )?;
    }
    writeln!(out, "  outside zones      {:>8}", s.outside_zones)?;
    for sc in &s.scars {
        writeln!(
            out,
            "  scar {:<24} {:>8} impressions (with halo)",
            format!("\"{}\"", sc.name),
            sc.impressions
        )?;
    }
    if let Some(t) = s.test_patch {
        writeln!(out, "  test patch         {t:>8}")?;
    }
    match &views {
        None => {}
        Some(Ok(views)) => {
            writeln!(
                out,
                "  on the client's head: counts and areas once per head, per cm2 of skin"
            )?;
            for (name, px, mm) in views {
                writeln!(
                    out,
                    "  view {:<24} registered within {px:.2} px ({mm:.2} mm) rms",
                    format!("\"{name}\"")
                )?;
            }
            if let (Some(Ok(fit)), Some(h)) =
                (crate::engine::head_size_from_photos(&design), design.head)
            {
                let off = |fit: f64, measured: f64| (fit / measured - 1.0) * 100.0;
                writeln!(
                    out,
                    "  the photos fit the head best at length {:.0} mm ({:+.1} %), breadth {:.0} mm \
                     ({:+.1} %), height {:.0} mm ({:+.1} %) of its measurements",
                    fit.length_mm,
                    off(fit.length_mm, h.length_mm),
                    fit.breadth_mm,
                    off(fit.breadth_mm, h.breadth_mm),
                    fit.height_mm,
                    off(fit.height_mm, h.height_mm),
                )?;
            }
        }
        Some(Err(e)) => writeln!(out, "  views not registered: {e}")?,
    }
    emit(&out)
}

pub fn check(path: &Path) -> Result<()> {
    let mut design = load_design(path)?;
    match load_design_photo(path, &mut design) {
        Ok(p) => {
            if let Some(w) = p.warning {
                eprintln!("warning: {w}");
            }
        }
        Err(e) => eprintln!("warning: {e}"),
    }
    let mut out = format!(
        "{}: ok (format version {}, {} variant(s))\n",
        path.display(),
        design.version,
        design.variants.len()
    );
    // The rules of thumb, variant by variant: advice, so the exit code stays 0.
    for (vi, v) in design.variants.iter().enumerate() {
        let stats = compute(&design, vi).stats;
        for a in crate::review::review(&design, vi, &stats) {
            let level = match a.level {
                crate::review::Level::Caution => "caution",
                crate::review::Level::Note => "note",
            };
            writeln!(out, "  {level}: \"{}\": {}: {}", v.name, a.topic, a.text)?;
        }
    }
    emit(&out)
}

pub fn sample_photo(out: &Path) -> Result<()> {
    let format = ImageFormatOut::for_path(out, u32::from(DEFAULT_JPEG_QUALITY))?;
    let img = image::DynamicImage::ImageRgb8(crate::sample::scalp_photo()).into_rgba8();
    write_image(out, &img, format)?;
    emit(&format!("{}\n", out.display()))
}

/// Writes a command's report to standard output. A reader that has gone away (`stats | head`)
/// is not an error: there is nobody left to tell.
pub fn emit(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}
