//! Every impression as data: CSV for analysis, SVG at 1:1 scale for printing (a stencil, a check
//! of the spacing on paper against a ruler). Positions are millimetres from the photo's top-left
//! corner, in the photo's own plane.

use super::{Dot, DotSet, SessionView};
use crate::design::Variant;
use std::fmt::Write as _;

/// The selected impressions as CSV: `x_mm,y_mm,diameter_mm,session,zone,scar` (session 1-based;
/// zone and scar by name, empty where there is none).
pub fn to_csv(variant: &Variant, dots: &DotSet, sel: SessionView) -> String {
    to_csv_on(variant, dots, sel, None)
}

/// Where an impression made at a place of the design's plane (mm) is on a curved surface, in
/// the surface's own frame (mm): a head design's scalp map and the head.
pub type OnSurface<'a> = &'a dyn Fn([f64; 2]) -> Option<[f64; 3]>;

/// `to_csv`, and when the plane is a chart of a surface (`skin`), each impression's place on it
/// in the columns `skin_x_mm,skin_y_mm,skin_z_mm` after the plane's `x_mm,y_mm`.
pub fn to_csv_on(
    variant: &Variant,
    dots: &DotSet,
    sel: SessionView,
    skin: Option<OnSurface>,
) -> String {
    let mm = dots.mm_per_px;
    let mut out = String::with_capacity(dots.dots.len() * 64 + 96);
    out.push_str(match skin {
        Some(_) => "x_mm,y_mm,skin_x_mm,skin_y_mm,skin_z_mm,diameter_mm,session,zone,scar\n",
        None => "x_mm,y_mm,diameter_mm,session,zone,scar\n",
    });
    for d in dots.dots.iter().filter(|d| sel.shows(d.session)) {
        let (x, y) = (d.x_px as f64 * mm, d.y_px as f64 * mm);
        let _ = write!(out, "{x:.3},{y:.3},");
        if let Some(skin) = skin {
            // Every impression of a head design is on the map's disc; were one not, its place
            // on the head is left empty rather than made up.
            match skin([x, y]) {
                Some([sx, sy, sz]) => {
                    let _ = write!(out, "{sx:.3},{sy:.3},{sz:.3},");
                }
                None => out.push_str(",,,"),
            }
        }
        let zone = d
            .in_zone()
            .and_then(|z| variant.zones.get(z))
            .map_or("", |z| z.name.as_str());
        let scar = d
            .in_scar()
            .and_then(|s| variant.scars.get(s))
            .map_or("", |s| s.name.as_str());
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{:.3},{},{},{}",
            d.diameter_mm,
            d.session + 1,
            csv_field(zone),
            csv_field(scar)
        );
    }
    out
}

/// A CSV field: quoted when it holds a separator, quote or line break; a leading `= + - @` (which
/// a spreadsheet would run as a formula) is neutralised with a quote mark.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The selected impressions as an SVG whose user unit is the millimetre and whose size is the
/// photo's in mm, so it prints at 1:1 with "actual size". A 10 mm scale bar and a caption let the
/// print be checked against a ruler.
pub fn to_svg(
    variant: &Variant,
    dots: &DotSet,
    sel: SessionView,
    photo_px: (u32, u32),
    title: &str,
) -> String {
    let mm = dots.mm_per_px;
    let (w, h) = (photo_px.0 as f64 * mm, photo_px.1 as f64 * mm);
    let caption = xml_text(&format!(
        "{title}: {}, {}",
        variant.name,
        sel.label(dots.session_count).to_lowercase()
    ));
    let mut out = String::with_capacity(dots.dots.len() * 60 + 1024);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.3}mm\" height=\"{h:.3}mm\" \
         viewBox=\"0 0 {w:.3} {h:.3}\">"
    );
    let _ = writeln!(out, "<title>{}</title>", caption);
    let _ = writeln!(
        out,
        "<rect width=\"{w:.3}\" height=\"{h:.3}\" fill=\"white\"/>"
    );
    for k in 0..dots.session_count.max(1) {
        let in_group: Vec<&Dot> = dots
            .dots
            .iter()
            .filter(|d| d.session as usize == k && sel.shows(d.session))
            .collect();
        if in_group.is_empty() {
            continue;
        }
        let _ = writeln!(
            out,
            "<g id=\"session-{}\" fill=\"black\" stroke=\"none\">",
            k + 1
        );
        for d in in_group {
            let _ = writeln!(
                out,
                "<circle cx=\"{:.3}\" cy=\"{:.3}\" r=\"{:.3}\"/>",
                d.x_px as f64 * mm,
                d.y_px as f64 * mm,
                d.diameter_mm / 2.0
            );
        }
        out.push_str("</g>\n");
    }
    // Scale bar, 10 mm, in the lower left corner, with its caption.
    let (x0, y0) = (5.0, h - 5.0);
    let _ = writeln!(
        out,
        "<g id=\"scale\"><rect x=\"{x0}\" y=\"{:.3}\" width=\"10\" height=\"1\" fill=\"black\"/>\
         <text x=\"{x0}\" y=\"{:.3}\" font-size=\"3\" font-family=\"sans-serif\">10 mm \u{2014} {}</text></g>",
        y0 - 1.0,
        y0 - 2.5,
        caption
    );
    out.push_str("</svg>\n");
    out
}

fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_and_never_run_as_formulas() {
        assert_eq!(csv_field("Crown"), "Crown");
        assert_eq!(csv_field("Front, left"), "\"Front, left\"");
        assert_eq!(csv_field("the \"soft\" one"), "\"the \"\"soft\"\" one\"");
        assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(csv_field("-left"), "'-left");
    }

    #[test]
    fn text_in_svg_is_escaped() {
        assert_eq!(xml_text("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;");
    }
}
