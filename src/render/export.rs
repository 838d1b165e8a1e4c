//! Export composites for the client's record: the preview, or before/after side by side, with a
//! caption and a scale bar in millimetres.

use super::composite::{ViewTransform, render_view};
use super::look::PreviewOptions;
use super::pyramid::PhotoPyramid;
use super::text::{draw_text, text_width};
use crate::design::Variant;
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
}

impl Caption {
    fn line(&self) -> String {
        [
            &self.client,
            &self.date,
            &self.design,
            &self.session,
            &self.look,
        ]
        .iter()
        .filter(|s| !s.trim().is_empty())
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join("  ·  ")
    }
}

const BAR_BG: [u8; 3] = [24, 24, 26];
const TEXT: [u8; 3] = [236, 236, 236];

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
    draw_text(
        &mut out,
        &caption.line(),
        pad,
        h as f32 + (bar_h as f32 - text_px) * 0.5,
        text_px,
        TEXT,
    );
    scale_bar(&mut out, dots.mm_per_px, h, bar_h, text_px);
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
fn scale_bar(img: &mut RgbaImage, mm_per_px: f64, photo_h: u32, bar_h: u32, text_px: f32) {
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
    draw_text(
        img,
        &label,
        left as f32 - tw - pad as f32,
        photo_h as f32 + (bar_h as f32 - text_px) * 0.5,
        text_px,
        TEXT,
    );
}
