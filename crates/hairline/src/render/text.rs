//! Caption text for exported images, drawn with bundled fonts (no system fonts needed) in any
//! script a client's name may be in: Latin, Greek and Cyrillic (Ubuntu), Hebrew and Arabic with
//! their right-to-left order and Arabic's joined letter forms, and many symbols (DejaVu Sans),
//! Chinese, Japanese and Korean (Droid Sans Fallback), emoji (Noto Emoji). A character none of
//! them has is drawn as its code point in a box ("U+0D05"), never as an empty box or nothing:
//! the record shows that something was there.

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};
use image::RgbaImage;
use std::sync::OnceLock;

/// Fonts bundled beyond egui's own, for scripts egui's fonts lack (the studio adds them to its
/// window's fonts too, so a name shows there as it will in the export): (name, TrueType file).
pub const EXTRA_FONTS: [(&str, &[u8]); 2] = [
    (
        "DejaVu Sans",
        include_bytes!("../../../../assets/fonts/DejaVuSans.ttf"),
    ),
    (
        "Droid Sans Fallback",
        include_bytes!("../../../../assets/fonts/DroidSansFallback.ttf"),
    ),
];

/// The bundled fonts, tried in order for each character.
fn fonts() -> &'static [FontRef<'static>] {
    static FONTS: OnceLock<Vec<FontRef<'static>>> = OnceLock::new();
    FONTS.get_or_init(|| {
        [epaint_default_fonts::UBUNTU_LIGHT]
            .into_iter()
            .chain(EXTRA_FONTS.map(|(_, bytes)| bytes))
            .chain([epaint_default_fonts::NOTO_EMOJI_REGULAR])
            // The bundled fonts are valid TrueType files; a failure would only drop that fallback.
            .filter_map(|bytes| FontRef::try_from_slice(bytes).ok())
            .collect()
    })
}

/// One piece of laid-out text.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Piece {
    Glyph {
        font: usize,
        id: GlyphId,
    },
    /// A character no bundled font has.
    Missing(char),
}

/// The text in visual (left-to-right drawing) order, Arabic letters joined, invisible marks
/// dropped: what any drawing of it (these images, a report's PDF) puts down left to right.
pub fn shape_for_drawing(text: &str) -> String {
    visual_order(&super::arabic::join_forms(text))
        .chars()
        .filter(|c| !is_invisible_control(*c))
        .collect()
}

/// The text in visual (left-to-right drawing) order, each character with the font that has it.
fn layout(text: &str) -> Vec<Piece> {
    shape_for_drawing(text)
        .chars()
        .map(|ch| {
            fonts()
                .iter()
                .enumerate()
                .find_map(|(font, f)| {
                    let id = f.glyph_id(ch);
                    (id.0 != 0).then_some(Piece::Glyph { font, id })
                })
                .unwrap_or(Piece::Missing(ch))
        })
        .collect()
}

/// Bidirectional reordering (Unicode's algorithm): a right-to-left name reads right to left, and
/// stays in its place among left-to-right fields.
fn visual_order(text: &str) -> String {
    let bidi = unicode_bidi::BidiInfo::new(text, None);
    bidi.paragraphs
        .iter()
        .map(|p| bidi.reorder_line(p, p.range.clone()).into_owned())
        .collect()
}

/// Direction marks and joiners steer layout and have no glyph of their own.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{fe0f}')
}

/// The label drawn for a character no font has.
fn missing_label(ch: char) -> String {
    format!("U+{:04X}", ch as u32)
}

/// Width in pixels of `text` at `size_px`.
pub fn text_width(text: &str, size_px: f32) -> f32 {
    let mut w = 0.0;
    walk(&layout(text), size_px, |_, x, adv| w = x + adv);
    w
}

/// Whether every character of `text` has a glyph in a bundled font.
#[cfg(test)]
pub fn all_drawable(text: &str) -> bool {
    layout(text)
        .iter()
        .all(|p| matches!(p, Piece::Glyph { .. }))
}

/// Calls `f(piece, x, advance)` for each piece, with kerning inside runs of one font.
fn walk(pieces: &[Piece], size_px: f32, mut f: impl FnMut(&Piece, f32, f32)) {
    let scale = PxScale::from(size_px);
    let mut x = 0.0;
    let mut prev: Option<(usize, GlyphId)> = None;
    for piece in pieces {
        let adv = match *piece {
            Piece::Glyph { font, id } => {
                let sf = fonts()[font].as_scaled(scale);
                if let Some((pf, pid)) = prev
                    && pf == font
                {
                    x += sf.kern(pid, id);
                }
                prev = Some((font, id));
                sf.h_advance(id)
            }
            Piece::Missing(ch) => {
                prev = None;
                missing_width(ch, size_px)
            }
        };
        f(piece, x, adv);
        x += adv;
    }
}

fn missing_width(ch: char, size_px: f32) -> f32 {
    let label = missing_label(ch);
    let small = size_px * 0.55;
    let sf = fonts()[0].as_scaled(PxScale::from(small));
    label
        .chars()
        .map(|c| sf.h_advance(sf.glyph_id(c)))
        .sum::<f32>()
        + size_px * 0.3
}

/// Draws `text` with the top of its line at (`x`, `y`) in `rgb`.
pub fn draw_text(img: &mut RgbaImage, text: &str, x: f32, y: f32, size_px: f32, rgb: [u8; 3]) {
    let scale = PxScale::from(size_px);
    let ascent = fonts()[0].as_scaled(scale).ascent();
    walk(&layout(text), size_px, |piece, px, adv| match *piece {
        Piece::Glyph { font, id } => {
            let glyph = id.with_scale_and_position(scale, ab_glyph::point(x + px, y + ascent));
            draw_glyph(img, &fonts()[font], glyph, rgb);
        }
        Piece::Missing(ch) => {
            // A thin box with the code point inside: visibly "a character that could not be
            // drawn", and which one.
            let (x0, x1) = (x + px + size_px * 0.08, x + px + adv - size_px * 0.08);
            let (y0, y1) = (y + size_px * 0.1, y + size_px * 1.05);
            let t = (size_px / 16.0).max(1.0);
            for yy in y0 as i64..=y1 as i64 {
                for xx in x0 as i64..=x1 as i64 {
                    let edge = (xx as f32) < x0 + t
                        || (xx as f32) > x1 - t
                        || (yy as f32) < y0 + t
                        || (yy as f32) > y1 - t;
                    if edge {
                        blend(img, xx, yy, rgb, 1.0);
                    }
                }
            }
            let small = size_px * 0.55;
            draw_plain(
                img,
                &missing_label(ch),
                x + px + size_px * 0.15,
                y + (size_px * 1.15 - small) * 0.5,
                small,
                rgb,
            );
        }
    });
}

/// ASCII text in the first font, for labels inside boxes.
fn draw_plain(img: &mut RgbaImage, text: &str, x: f32, y: f32, size_px: f32, rgb: [u8; 3]) {
    let scale = PxScale::from(size_px);
    let f = &fonts()[0];
    let sf = f.as_scaled(scale);
    let mut caret = x;
    for ch in text.chars() {
        let id = sf.glyph_id(ch);
        let glyph = id.with_scale_and_position(scale, ab_glyph::point(caret, y + sf.ascent()));
        caret += sf.h_advance(id);
        draw_glyph(img, f, glyph, rgb);
    }
}

/// Rasterises one positioned glyph into `img`.
fn draw_glyph(img: &mut RgbaImage, font: &FontRef, glyph: ab_glyph::Glyph, rgb: [u8; 3]) {
    if let Some(outlined) = font.outline_glyph(glyph) {
        let b = outlined.px_bounds();
        outlined.draw(|gx, gy, cov| {
            blend(
                img,
                b.min.x as i64 + gx as i64,
                b.min.y as i64 + gy as i64,
                rgb,
                cov,
            );
        });
    }
}

fn blend(img: &mut RgbaImage, px: i64, py: i64, rgb: [u8; 3], cov: f32) {
    if px < 0 || py < 0 || px >= img.width() as i64 || py >= img.height() as i64 {
        return;
    }
    let p = img.get_pixel_mut(px as u32, py as u32);
    for c in 0..3 {
        p.0[c] =
            (p.0[c] as f32 + (rgb[c] as f32 - p.0[c] as f32) * cov.clamp(0.0, 1.0)).round() as u8;
    }
}

/// `text` cut to at most `max_px` wide at `size_px`, ending in "…" when cut.
pub fn ellipsize(text: &str, size_px: f32, max_px: f32) -> String {
    if text_width(text, size_px) <= max_px {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits with the ellipsis (binary search: width grows with length).
    let (mut lo, mut hi) = (0, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(&candidate, size_px) <= max_px {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if lo == 0 {
        return String::new();
    }
    chars[..lo]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_string()
        + "…"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_many_scripts_and_emoji_have_glyphs() {
        for name in [
            "José Müller-Øster",
            "Ἀλέξανδρος",
            "Дмитрий Иванов",
            "דוד לוי",
            "محمد الأحمد",
            "Sam 👍",
            "王小明",
            "山田 太郎",
            "김민준",
        ] {
            assert!(all_drawable(name), "{name} has a character without a glyph");
        }
        assert!(
            !all_drawable("അ"),
            "Malayalam is not bundled: drawn as its code point"
        );
    }

    #[test]
    fn right_to_left_text_is_drawn_in_visual_order() {
        // Hebrew alef-bet: "אב" is drawn bet first (leftmost), then alef.
        let v = visual_order("אב");
        assert_eq!(v.chars().collect::<Vec<_>>(), vec!['ב', 'א']);
        assert_eq!(visual_order("abc"), "abc");
    }

    #[test]
    fn a_missing_character_is_drawn_visibly() {
        let mut img = RgbaImage::from_pixel(200, 40, image::Rgba([0, 0, 0, 255]));
        draw_text(&mut img, "അ", 2.0, 2.0, 24.0, [255, 255, 255]);
        let lit = img.pixels().filter(|p| p.0[0] > 128).count();
        assert!(lit > 100, "box and code point drawn: {lit} pixels");
    }

    #[test]
    fn ellipsize_cuts_to_the_width() {
        let long = "Maximilian Alexander von Hohenzollern-Sigmaringen the Third";
        let cut = ellipsize(long, 20.0, 150.0);
        assert!(
            cut.ends_with('…') && text_width(&cut, 20.0) <= 150.0,
            "{cut}"
        );
        assert_eq!(ellipsize("Ann", 20.0, 150.0), "Ann");
    }
}
