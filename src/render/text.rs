//! Caption text for exported images, drawn with the font egui ships (no system fonts needed).

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::RgbaImage;
use std::sync::OnceLock;

fn font() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    // The bundled font is a valid TrueType file; this cannot fail at run time.
    FONT.get_or_init(|| {
        FontRef::try_from_slice(epaint_default_fonts::UBUNTU_LIGHT).expect("bundled font parses")
    })
}

/// Width in pixels of `text` at `size_px`.
pub fn text_width(text: &str, size_px: f32) -> f32 {
    let f = font().as_scaled(PxScale::from(size_px));
    let mut w = 0.0;
    let mut prev = None;
    for ch in text.chars() {
        let id = f.glyph_id(ch);
        if let Some(p) = prev {
            w += f.kern(p, id);
        }
        w += f.h_advance(id);
        prev = Some(id);
    }
    w
}

/// Draws `text` with its baseline-top at (`x`, `y`) in `rgb`.
pub fn draw_text(img: &mut RgbaImage, text: &str, x: f32, y: f32, size_px: f32, rgb: [u8; 3]) {
    let scale = PxScale::from(size_px);
    let f = font().as_scaled(scale);
    let mut caret = x;
    let mut prev = None;
    for ch in text.chars() {
        let id = f.glyph_id(ch);
        if let Some(p) = prev {
            caret += f.kern(p, id);
        }
        let glyph = id.with_scale_and_position(scale, ab_glyph::point(caret, y + f.ascent()));
        caret += f.h_advance(id);
        prev = Some(id);
        let Some(outlined) = font().outline_glyph(glyph) else {
            continue;
        };
        let b = outlined.px_bounds();
        outlined.draw(|gx, gy, cov| {
            let (px, py) = (b.min.x as i64 + gx as i64, b.min.y as i64 + gy as i64);
            if px < 0 || py < 0 || px >= img.width() as i64 || py >= img.height() as i64 {
                return;
            }
            let p = img.get_pixel_mut(px as u32, py as u32);
            for c in 0..3 {
                p.0[c] = (p.0[c] as f32 + (rgb[c] as f32 - p.0[c] as f32) * cov.clamp(0.0, 1.0))
                    .round() as u8;
            }
        });
    }
}
