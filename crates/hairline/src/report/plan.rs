//! The consultation report and treatment plan: who the client is, the design as it will look
//! healed (each photo, session by session), the impressions per session and zone with the
//! time and price they come to, the aftercare and consent texts, and lines to sign.

use super::flow::{Column, Flow, INK, MUTED};
use super::pdf::{Document, ImageId};
use crate::design::{Design, SKIN_TYPES};
use crate::dots::DotSet;
use crate::engine::{compute, load_design_photo, register_design, view_photo_path};
use crate::records::{ClientDetails, Paper, PriceBasis, Settings};
use crate::render::{Look, PhotoPyramid, PreviewOptions, SessionView, ViewTransform, render_view};
use std::path::Path;

/// Previews are rendered this wide at most: sharp at print size on half an A4 page.
const PREVIEW_MAX_PX: u32 = 1100;

/// What a report is made from.
pub struct ReportInput<'a> {
    pub design: &'a Design,
    pub design_path: &'a Path,
    pub variant: usize,
    /// The client's record, when the design is filed in the library; else the design's own
    /// client fields are used.
    pub client: Option<ClientDetails>,
    pub settings: Settings,
    pub aftercare: String,
    pub consent: String,
    pub paper: Paper,
    /// The report's date, `YYYY-MM-DD`.
    pub date: String,
    /// The sessions of this plan already logged in the client's record: (session, date).
    pub logged: Vec<(u32, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Photo(#[from] crate::photo::PhotoError),
    #[error("a preview could not be stored in the report: {0}")]
    Image(#[from] image::ImageError),
}

/// What the report says in numbers, worked out once for the tables and the tests.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanFigures {
    /// Impressions placed in each session.
    pub per_session: Vec<usize>,
    /// Per zone: its name, its density, and its impressions in each session.
    pub zones: Vec<(String, f64, Vec<usize>)>,
    pub treated_area_cm2: f64,
    /// Hours per session at the settings' pace.
    pub hours: Vec<f64>,
    /// Price per session (per-cm² pricing: the whole area's price, spread by impressions).
    pub price: Vec<f64>,
}

impl PlanFigures {
    pub fn new(design: &Design, vi: usize, dots: &DotSet, area_cm2: f64, s: &Settings) -> Self {
        let variant = &design.variants[vi];
        let sessions = variant.sessions.sessions.len().max(1);
        let mut per_session = vec![0usize; sessions];
        let mut zones: Vec<(String, f64, Vec<usize>)> = variant
            .zones
            .iter()
            .map(|z| (z.name.clone(), z.density_per_cm2, vec![0; sessions]))
            .collect();
        for d in &dots.dots {
            let k = (d.session as usize).min(sessions - 1);
            per_session[k] += 1;
            if let Some(z) = d.in_zone().and_then(|z| zones.get_mut(z)) {
                z.2[k] += 1;
            }
        }
        let total: usize = per_session.iter().sum();
        let hours = per_session
            .iter()
            .map(|&n| n as f64 / s.impressions_per_hour)
            .collect();
        let price = per_session
            .iter()
            .map(|&n| match s.price_basis {
                PriceBasis::PerSession => s.price,
                PriceBasis::PerImpression => n as f64 * s.price,
                PriceBasis::PerCm2 if total > 0 => area_cm2 * s.price * n as f64 / total as f64,
                PriceBasis::PerCm2 => 0.0,
            })
            .collect();
        PlanFigures {
            per_session,
            zones,
            treated_area_cm2: area_cm2,
            hours,
            price,
        }
    }
}

/// 12345 -> "12,345".
pub fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// 1234.5 and "EUR" -> "1,234.50 EUR".
pub fn money(amount: f64, currency: &str) -> String {
    let cents = (amount * 100.0).round().max(0.0) as usize;
    format!("{}.{:02} {currency}", thousands(cents / 100), cents % 100)
}

/// A price, or a dash when the clinic has set none (0.00 would read as "free").
fn price_text(amount: f64, s: &Settings) -> String {
    if s.price > 0.0 {
        money(amount, &s.currency)
    } else {
        "—".into()
    }
}

fn hours_text(h: f64) -> String {
    let min = (h * 60.0).round() as u64;
    format!("{} h {:02} min", min / 60, min % 60)
}

/// The part of the photo a preview shows: the impressions' extent with a margin around it (the
/// client's scalp, not the studio wall behind), widened to a print-friendly shape; the whole
/// photo when there are no impressions.
fn crop_px(pyramid: &PhotoPyramid, dots: &DotSet) -> (f64, f64, f64, f64) {
    let (w, h) = (pyramid.width() as f64, pyramid.height() as f64);
    let b = crate::geometry::Rect::from_points(dots.dots.iter().map(|d| d.pos_px()));
    if b.is_empty() {
        return (0.0, 0.0, w, h);
    }
    let (cx, cy) = ((b.min.x + b.max.x) * 0.5, (b.min.y + b.max.y) * 0.5);
    let mut half_w = b.width() * 0.5 * 1.25 + 0.03 * w;
    let mut half_h = b.height() * 0.5 * 1.25 + 0.03 * h;
    // Between 4:5 portrait and 16:10 landscape.
    half_w = half_w.max(half_h * 0.8);
    half_h = half_h.max(half_w / 1.6);
    half_w = half_w.min(w * 0.5);
    half_h = half_h.min(h * 0.5);
    let x0 = (cx - half_w).clamp(0.0, w - 2.0 * half_w);
    let y0 = (cy - half_h).clamp(0.0, h - 2.0 * half_h);
    (x0, y0, x0 + 2.0 * half_w, y0 + 2.0 * half_h)
}

/// A preview of `dots` on the `crop` of the photo, at report size.
fn preview(
    pyramid: &PhotoPyramid,
    crop: (f64, f64, f64, f64),
    variant: &crate::design::Variant,
    dots: Option<&DotSet>,
    look: Look,
    sessions: SessionView,
) -> image::RgbImage {
    let (cw, ch) = (crop.2 - crop.0, crop.3 - crop.1);
    let scale = (PREVIEW_MAX_PX as f64 / cw.max(ch)).min(1.0);
    let (ow, oh) = (
        ((cw * scale).round() as u32).max(1),
        ((ch * scale).round() as u32).max(1),
    );
    let options = PreviewOptions {
        look,
        sessions,
        test_patch_only: false,
        hide_photo: false,
    };
    let view = ViewTransform {
        scale,
        origin_px: crate::geometry::Point::new(crop.0, crop.1),
    };
    let img = render_view(pyramid, variant, dots, &options, view, (ow, oh));
    image::DynamicImage::ImageRgba8(img).to_rgb8()
}

/// The photos the design is shown on: each registered photo of a head design (its dots seen
/// from there), else the design's one photo (or a head's scalp map).
fn photos_with_dots(
    input: &ReportInput,
    dots: &DotSet,
) -> Result<Vec<(String, PhotoPyramid, DotSet)>, ReportError> {
    let design = input.design;
    if let Some(head) = design.head
        && let Ok(cameras) = register_design(design)
    {
        let chart = head.chart();
        let mut out = Vec::new();
        for (view, r) in design.views.iter().zip(&cameras) {
            let photo = crate::photo::load_photo(&view_photo_path(input.design_path, view))?;
            let (w, h) = photo.image.dimensions();
            let seen = crate::head::dots_in_view(&chart, dots, &r.camera, (w as f64, h as f64));
            out.push((view.name.clone(), PhotoPyramid::new(photo.image), seen));
        }
        if !out.is_empty() {
            return Ok(out);
        }
    }
    let mut d = design.clone();
    let photo = load_design_photo(input.design_path, &mut d)?;
    let name = if design.head.is_some() {
        "Scalp map".to_string()
    } else {
        "Photo".to_string()
    };
    Ok(vec![(
        name,
        PhotoPyramid::new(photo.photo.image),
        dots.clone(),
    )])
}

/// The report as a PDF file's bytes.
/// A report made: the PDF file's bytes and its number of pages.
pub struct Report {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

pub fn make_report(input: &ReportInput) -> Result<Report, ReportError> {
    let design = input.design;
    let vi = input.variant;
    let variant = &design.variants[vi];
    let computed = compute(design, vi);
    let s = &input.settings;
    let figures = PlanFigures::new(
        design,
        vi,
        &computed.dots,
        computed.stats.treated_area_cm2,
        s,
    );
    let client = input.client.clone().unwrap_or_else(|| ClientDetails {
        skin_type: design.client.skin_type,
        notes: design.client.notes.clone(),
        ..ClientDetails::new(&design.client.name)
    });
    let name = if client.name.trim().is_empty() {
        "Client".to_string()
    } else {
        client.name.clone()
    };
    let title = format!("Treatment plan: {name}");
    let clinic = [s.clinic_name.as_str(), s.clinic_address.as_str()]
        .iter()
        .filter(|t| !t.trim().is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let header = if clinic.is_empty() {
        "Scalp micropigmentation".to_string()
    } else {
        clinic.clone()
    };
    let mut flow = Flow::new(
        Document::new(&title),
        input.paper.size_pt(),
        &header,
        &format!("{name} · treatment plan of {} · confidential", input.date),
    );

    // Title and who it is for.
    flow.put(
        flow.margin,
        4.0,
        22.0,
        true,
        INK,
        "Consultation and treatment plan",
    );
    flow.gap(38.0);
    let sessions = variant.sessions.sessions.len();
    let skin = SKIN_TYPES
        .iter()
        .find(|(k, _)| *k == client.skin_type && *k != 0)
        .map_or("not recorded".to_string(), |(_, t)| t.to_string());
    let left = [
        ("Client", name.clone()),
        ("Date of birth", or_dash(&client.date_of_birth)),
        ("Contact", or_dash(&client.contact)),
        ("Skin type", skin),
        ("Hair colour", or_dash(&client.hair_colour)),
    ];
    let right = [
        ("Consultation", or_dash(&design.client.consultation_date)),
        ("Plan made", input.date.clone()),
        (
            "Design",
            format!("{} ({})", file_stem(input.design_path), variant.name),
        ),
        ("Practitioner", or_dash(&s.practitioner)),
        (
            "Treatment",
            format!(
                "{sessions} session{}, {} cm² treated",
                if sessions == 1 { "" } else { "s" },
                (figures.treated_area_cm2 * 10.0).round() / 10.0
            ),
        ),
    ];
    let half = flow.text_width() / 2.0;
    for (l, r) in left.iter().zip(&right) {
        flow.need(16.0);
        let m = flow.margin;
        flow.put(m, 0.0, 8.5, false, MUTED, l.0);
        flow.put(m + 78.0, 0.0, 10.0, l.0 == "Client", INK, &l.1);
        flow.put(m + half, 0.0, 8.5, false, MUTED, r.0);
        flow.put(m + half + 78.0, 0.0, 10.0, false, INK, &r.1);
        flow.gap(16.0);
    }
    if !client.notes.trim().is_empty() {
        flow.gap(4.0);
        flow.paragraph(&format!("Notes: {}", client.notes.trim()), 9.5, INK);
    }

    // The design as it will look, healed, on each photo.
    let photos = photos_with_dots(input, &computed.dots)?;
    let all = SessionView::Cumulative(sessions.saturating_sub(1));
    flow.heading("The design, healed", 13.0);
    for (view, pyramid, dots) in &photos {
        let crop = crop_px(pyramid, dots);
        let before =
            flow.doc
                .add_image(&preview(pyramid, crop, variant, None, Look::Healed, all))?;
        let after = flow.doc.add_image(&preview(
            pyramid,
            crop,
            variant,
            Some(dots),
            Look::Healed,
            all,
        ))?;
        let row: Vec<(ImageId, String)> = vec![
            (before, format!("{view}: today")),
            (
                after,
                format!("{view}: healed, after all {sessions} sessions"),
            ),
        ];
        flow.images(&row, 260.0);
    }

    // The plan in numbers.
    flow.heading("Sessions, time and price", 13.0);
    let plan = &variant.sessions.sessions;
    let mut rows = Vec::new();
    // A session logged shows its date; the one after it the date the plan's interval gives.
    let mut previous: Option<String> = None;
    for (k, n) in figures.per_session.iter().enumerate() {
        let done = input
            .logged
            .iter()
            .filter(|(s, _)| *s as usize == k + 1)
            .map(|(_, d)| d.clone())
            .max();
        let interval = plan.get(k).map_or(0, |p| p.days_after_previous);
        let when = match (&done, &previous, k) {
            (Some(d), _, _) => format!("done {d}"),
            (None, Some(p), _) => crate::records::date::add_days(p, i64::from(interval))
                .map_or_else(String::new, |d| format!("planned for {d}")),
            (None, None, 0) => "first".to_string(),
            (None, None, _) => format!("{interval} days after session {k}"),
        };
        previous = done.or_else(|| {
            previous
                .as_ref()
                .and_then(|p| crate::records::date::add_days(p, i64::from(interval)))
        });
        rows.push(vec![
            format!("Session {}", k + 1),
            when,
            thousands(*n),
            hours_text(figures.hours[k]),
            price_text(figures.price[k], s),
        ]);
    }
    let total_n: usize = figures.per_session.iter().sum();
    let total = vec![
        "Total".to_string(),
        String::new(),
        thousands(total_n),
        hours_text(figures.hours.iter().sum()),
        price_text(figures.price.iter().sum(), s),
    ];
    flow.table(
        &[
            Column {
                title: "Session",
                share: 1.0,
                right: false,
            },
            Column {
                title: "When",
                share: 1.6,
                right: false,
            },
            Column {
                title: "Impressions",
                share: 1.0,
                right: true,
            },
            Column {
                title: "Time (est.)",
                share: 1.0,
                right: true,
            },
            Column {
                title: "Price",
                share: 1.2,
                right: true,
            },
        ],
        &rows,
        Some(total),
    );
    let price_note = if s.price > 0.0 {
        format!(
            "price {} {}",
            money(s.price, &s.currency),
            s.price_basis.label()
        )
    } else {
        "no price set (the client library's settings)".to_string()
    };
    flow.paragraph(
        &format!(
            "Time at {} impressions an hour; {price_note}. Estimates: the practitioner confirms each session.",
            thousands(s.impressions_per_hour.round() as usize),
        ),
        8.5,
        MUTED,
    );
    if !figures.zones.is_empty() {
        let mut columns = vec![
            Column {
                title: "Zone",
                share: 1.6,
                right: false,
            },
            Column {
                title: "Density",
                share: 1.0,
                right: true,
            },
        ];
        let titles: Vec<String> = (1..=sessions).map(|k| format!("Session {k}")).collect();
        for t in &titles {
            columns.push(Column {
                title: t,
                share: 0.9,
                right: true,
            });
        }
        columns.push(Column {
            title: "All",
            share: 0.9,
            right: true,
        });
        let rows: Vec<Vec<String>> = figures
            .zones
            .iter()
            .map(|(z, density, per)| {
                let mut r = vec![z.clone(), format!("{density:.0} /cm²")];
                r.extend(per.iter().map(|n| thousands(*n)));
                r.push(thousands(per.iter().sum()));
                r
            })
            .collect();
        flow.table(&columns, &rows, None);
    }

    // Session by session, healed.
    let (view, pyramid, dots) = &photos[0];
    let crop = crop_px(pyramid, dots);
    flow.new_page();
    flow.heading("Session by session", 13.0);
    flow.paragraph(
        "Each session adds impressions between those of the sessions before it and layers the shades. \
         These previews show the healed result after each session: fresh work looks darker and a little \
         red for a day or two, then lighter around the first week while it heals.",
        9.5,
        INK,
    );
    let mut row = Vec::new();
    for k in 0..sessions {
        let img = preview(
            pyramid,
            crop,
            variant,
            Some(dots),
            Look::Healed,
            SessionView::Cumulative(k),
        );
        let id = flow.doc.add_image(&img)?;
        let n: usize = figures.per_session[..=k].iter().sum();
        row.push((
            id,
            format!(
                "{view}: after session {} ({} impressions)",
                k + 1,
                thousands(n)
            ),
        ));
        if row.len() == 2 {
            flow.images(&row, 250.0);
            row.clear();
        }
    }
    let fresh = preview(pyramid, crop, variant, Some(dots), Look::Fresh, all);
    let fresh = flow.doc.add_image(&fresh)?;
    row.push((fresh, format!("{view}: straight after the last session")));
    flow.images(&row, 250.0);

    // What the client takes home and signs.
    flow.new_page();
    flow.heading("Aftercare", 13.0);
    flow.paragraph(&input.aftercare, 9.5, INK);
    flow.heading("Consent", 13.0);
    flow.paragraph(&input.consent, 9.5, INK);
    flow.need(120.0);
    flow.gap(30.0);
    let practitioner = if s.practitioner.trim().is_empty() {
        "Practitioner".to_string()
    } else {
        format!("Practitioner: {}", s.practitioner.trim())
    };
    for who in [format!("Client: {name}"), practitioner] {
        flow.need(50.0);
        let (m, w) = (flow.margin, flow.text_width());
        flow.gap(26.0);
        let y = flow.y;
        flow.page().line(m, y, m + w * 0.55, y, 0.8, INK);
        flow.page().line(m + w * 0.65, y, m + w, y, 0.8, INK);
        flow.put(m, 3.0, 8.5, false, MUTED, &who);
        flow.put(m + w * 0.65, 3.0, 8.5, false, MUTED, "Date");
        flow.gap(22.0);
    }
    let pages = flow.doc.pages.len();
    Ok(Report {
        pdf: flow.finish(),
        pages,
    })
}

fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".into()
    } else {
        s.trim().to_string()
    }
}

fn file_stem(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_a_clinic_writes_them() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(12_345), "12,345");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(money(1234.5, "EUR"), "1,234.50 EUR");
        assert_eq!(money(0.125, "$"), "0.13 $");
        assert_eq!(hours_text(2.5), "2 h 30 min");
    }
}
