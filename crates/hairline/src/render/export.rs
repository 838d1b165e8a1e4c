//! Export composites for the client's record: the preview, or before/after side by side, with a
//! caption and a scale bar in millimetres.

use super::composite::{ViewTransform, render_view};
use super::look::PreviewOptions;
use super::pyramid::PhotoPyramid;
use super::text::{draw_text, ellipsize, text_width};
use crate::design::{Design, Variant};
use crate::dots::DotSet;
use image::{Rgba, RgbaImage};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    Preview,
    BeforeAfter,
}

/// What the caption says.
#[derive(Clone, Debug, Default)]
pub struct Caption {
    pub client: String,
    pub date: String,
    pub design: String,
    pub session: String,
    pub look: String,
    /// Anything the record must not be read without ("not calibrated").
    pub warning: String,
}

const SEPARATOR: &str = "  ·  ";

impl Caption {
    /// What an export of variant `vi` of `design` says about itself: client, date, variant,
    /// sessions and look shown. The one place a caption is assembled (studio and command line).
    /// The caption of a head design's variant drawn on one of its photos: the same, naming the
    /// photo.
    pub fn for_view(design: &Design, vi: usize, options: &PreviewOptions, view: &str) -> Caption {
        let mut caption = Caption::for_variant(design, vi, options);
        caption.design = format!("{} · {view} view", caption.design);
        caption
    }

    pub fn for_variant(design: &Design, vi: usize, options: &PreviewOptions) -> Caption {
        let variant = &design.variants[vi];
        let client = [design.client.name.trim(), design.client.id.trim()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        Caption {
            client,
            date: design.client.consultation_date.clone(),
            design: variant.name.clone(),
            session: options.sessions.label(variant.sessions.sessions.len()),
            look: options.look.label(),
            warning: if design.calibration.measured {
                String::new()
            } else {
                "NOT CALIBRATED: sizes are not real".into()
            },
        }
    }

    /// The caption in `max_px` at `size_px`: date, design, session and look always whole, the
    /// client's name cut with "…" to the room left (a name can be any length; the record's other
    /// fields must not be pushed off the image).
    fn line(&self, size_px: f32, max_px: f32) -> String {
        let fixed = [
            &self.warning,
            &self.date,
            &self.design,
            &self.session,
            &self.look,
        ]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(SEPARATOR);
        let client = self.client.trim();
        if client.is_empty() {
            return fixed;
        }
        let room = max_px - text_width(&format!("{SEPARATOR}{fixed}"), size_px);
        // Isolate the name so a right-to-left name does not reorder the fields after it.
        let name = ellipsize(client, size_px, room);
        // A stub of two or three letters identifies nobody; the name is left out instead.
        if name.chars().count() < 5 && name.ends_with('…') || name.is_empty() {
            fixed
        } else {
            format!("\u{2068}{name}\u{2069}{SEPARATOR}{fixed}")
        }
    }
}

const BAR_BG: [u8; 3] = [24, 24, 26];
const TEXT: [u8; 3] = [236, 236, 236];

/// The export of variant `vi` of `design` with its dots: the one call behind every exported
/// image, from the studio and the command line.
pub fn export_design(
    photo: &PhotoPyramid,
    design: &Design,
    vi: usize,
    dots: &DotSet,
    options: &PreviewOptions,
    kind: ExportKind,
) -> RgbaImage {
    let caption = Caption::for_variant(design, vi, options);
    export_composite(photo, &design.variants[vi], dots, options, kind, &caption)
}

/// Renders the full-resolution export image.
pub fn export_composite(
    photo: &PhotoPyramid,
    variant: &Variant,
    dots: &DotSet,
    options: &PreviewOptions,
    kind: ExportKind,
    caption: &Caption,
) -> RgbaImage {
    let (w, h) = (photo.width(), photo.height());
    let after = render_view(
        photo,
        variant,
        Some(dots),
        options,
        ViewTransform::IDENTITY,
        (w, h),
    );
    let gap = if kind == ExportKind::BeforeAfter {
        (w / 100).max(4)
    } else {
        0
    };
    let panels_w = if kind == ExportKind::BeforeAfter {
        2 * w + gap
    } else {
        w
    };
    let bar_h = (h / 14).max(48);
    let mut out = RgbaImage::from_pixel(
        panels_w,
        h + bar_h,
        Rgba([BAR_BG[0], BAR_BG[1], BAR_BG[2], 255]),
    );
    let text_px = bar_h as f32 * 0.34;
    if kind == ExportKind::BeforeAfter {
        image::imageops::replace(&mut out, &photo.levels[0], 0, 0);
        image::imageops::replace(&mut out, &after, (w + gap) as i64, 0);
        label(&mut out, "Before", 0, text_px);
        label(&mut out, "After", w + gap, text_px);
    } else {
        image::imageops::replace(&mut out, &after, 0, 0);
    }
    let pad = bar_h as f32 * 0.3;
    let bar_left = scale_bar(&mut out, dots.mm_per_px, h, bar_h, text_px);
    let room = bar_left - 2.0 * pad;
    // On a narrow photo the fields are made smaller until they fit beside the scale bar.
    let mut size = text_px;
    let mut line = caption.line(size, room);
    while text_width(&line, size) > room && size > 7.0 {
        size *= 0.9;
        line = caption.line(size, room);
    }
    draw_text(
        &mut out,
        &line,
        pad,
        h as f32 + (bar_h as f32 - size) * 0.5,
        size,
        TEXT,
    );
    out
}

/// A "Before"/"After" tag on a dark plate in a panel's top-left corner.
fn label(img: &mut RgbaImage, text: &str, x0: u32, size: f32) {
    let pad = (size * 0.4) as u32;
    let (tw, th) = (
        text_width(text, size) as u32 + 2 * pad,
        size as u32 + 2 * pad,
    );
    for y in pad..pad + th {
        for x in x0 + pad..(x0 + pad + tw).min(img.width()) {
            if y < img.height() {
                let p = img.get_pixel_mut(x, y);
                for c in 0..3 {
                    p.0[c] = (p.0[c] as f32 * 0.35) as u8;
                }
            }
        }
    }
    draw_text(
        img,
        text,
        (x0 + 2 * pad) as f32,
        (2 * pad) as f32 * 0.9,
        size,
        TEXT,
    );
}

/// A bar of a round number of millimetres at the photo's scale, right-aligned in the caption bar.
/// Returns the left edge of the bar and its label, in pixels.
fn scale_bar(img: &mut RgbaImage, mm_per_px: f64, photo_h: u32, bar_h: u32, text_px: f32) -> f32 {
    let target_px = img.width() as f64 * 0.12;
    let nice = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0];
    let mm = nice
        .iter()
        .copied()
        .min_by(|a, b| {
            ((a / mm_per_px) - target_px)
                .abs()
                .total_cmp(&((b / mm_per_px) - target_px).abs())
        })
        .unwrap_or(10.0);
    let len = (mm / mm_per_px).round() as u32;
    let label = format!("{mm:.0} mm");
    let pad = (bar_h as f32 * 0.3) as u32;
    let right = img.width().saturating_sub(pad);
    let left = right.saturating_sub(len);
    let thick = (bar_h / 12).max(2);
    let y = photo_h + bar_h / 2;
    for yy in y.saturating_sub(thick / 2)..y + thick / 2 + 1 {
        for x in left..right {
            img.put_pixel(
                x,
                yy.min(img.height() - 1),
                Rgba([TEXT[0], TEXT[1], TEXT[2], 255]),
            );
        }
    }
    // End ticks make the measured length unambiguous.
    for x in [left, right.saturating_sub(thick)] {
        for yy in y.saturating_sub(3 * thick)..(y + 3 * thick).min(img.height()) {
            for xx in x..x + thick {
                img.put_pixel(
                    xx.min(img.width() - 1),
                    yy,
                    Rgba([TEXT[0], TEXT[1], TEXT[2], 255]),
                );
            }
        }
    }
    let tw = text_width(&label, text_px);
    let label_x = left as f32 - tw - pad as f32;
    draw_text(
        img,
        &label,
        label_x,
        photo_h as f32 + (bar_h as f32 - text_px) * 0.5,
        text_px,
        TEXT,
    );
    label_x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_name_never_pushes_the_other_fields_off_the_caption() {
        let caption = Caption {
            client: "Maximilian ".repeat(40),
            date: "2026-11-30".into(),
            design: "Soft natural".into(),
            session: "Sessions 1-3".into(),
            look: "healed".into(),
            warning: String::new(),
        };
        for room in [700.0, 900.0, 2000.0] {
            let line = caption.line(18.0, room);
            assert!(text_width(&line, 18.0) <= room + 0.5, "{line} in {room}");
            for field in ["2026-11-30", "Soft natural", "Sessions 1-3", "healed"] {
                assert!(line.contains(field), "{field} missing from {line}");
            }
            assert!(line.contains("Maximilian") && line.contains('…'), "{line}");
        }
        // With no room for the name at all, the record's own fields still show whole.
        let line = caption.line(18.0, 420.0);
        assert!(
            line.starts_with("2026-11-30") && line.ends_with("healed"),
            "{line}"
        );
    }

    #[test]
    fn an_uncalibrated_design_says_so_on_its_export() {
        let mut d = crate::sample::bundled_design("crown-density");
        let options = PreviewOptions::default();
        assert!(Caption::for_variant(&d, 0, &options).warning.is_empty());
        d.calibration.measured = false;
        let caption = Caption::for_variant(&d, 0, &options);
        let line = caption.line(18.0, 2000.0);
        assert!(line.contains("NOT CALIBRATED"), "{line}");
    }
}
