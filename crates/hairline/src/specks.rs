//! What a hair's speck is in a photo: one rule for every part of the program that looks for the
//! client's own hair (the stubble match counting and sizing it, the worst case finding where
//! there is hair now and taking it out where a later stage is bald), so that what one calls hair
//! the other does too.
//!
//! A pixel is part of a speck (a shaved hair's cut end and its root's shadow) when its luminance,
//! in linear light, is under `DARKER_THAN` of the mean over a box `AROUND_MM` wide round it: the
//! box is wide enough that a speck (0.1-0.4 mm) is a small part of it, narrow enough to follow
//! the skin's shading. Skin texture and pores stay above it; a cut hair is several times darker
//! than the skin (docs/looks.md).

use image::RgbaImage;

/// A speck's pixels are under this share of the luminance around them.
pub const DARKER_THAN: f64 = 0.8;

/// The width of the box of skin round each pixel, mm.
pub const AROUND_MM: f64 = 1.2;

/// Linear light of an sRGB byte (looked up: a photo's every pixel goes through it).
pub fn linear(c: u8) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|i| crate::colour::srgb_to_linear(i as f64)))
        [c as usize]
}

/// A pixel's luminance in linear light (Rec. 709 weights), 0 to 1.
pub fn luminance(p: &[u8]) -> f64 {
    0.2126 * linear(p[0]) + 0.7152 * linear(p[1]) + 0.0722 * linear(p[2])
}

/// Half the box's width in pixels at `mm_per_px` (at least 2: a speck of one pixel still has skin
/// round it).
pub fn half_box_px(mm_per_px: f64) -> usize {
    ((AROUND_MM / 2.0 / mm_per_px).ceil() as usize).max(2)
}

/// Whether a pixel of luminance `lum` is part of a speck, the skin round it being `around`.
pub fn is_speck(lum: f64, around: f64) -> bool {
    lum < DARKER_THAN * around
}

/// Every pixel of `photo` (at `mm_per_px`): whether it is part of a speck, row by row. The box
/// means are two running sums (along rows, then down columns), so a 12-megapixel photo needs
/// nine bytes a pixel, not a summed-area table.
pub fn speck_mask(photo: &RgbaImage, mm_per_px: f64) -> Vec<bool> {
    let lum: Vec<f32> = photo
        .as_raw()
        .chunks_exact(4)
        .map(|p| luminance(p) as f32)
        .collect();
    speck_mask_of(
        &lum,
        photo.width() as usize,
        photo.height() as usize,
        mm_per_px,
    )
}

/// `speck_mask` of pixels whose luminances (`luminance`, row by row, `w` x `h`) a caller has
/// already worked out.
pub fn speck_mask_of(lum: &[f32], w: usize, h: usize, mm_per_px: f64) -> Vec<bool> {
    if w == 0 || h == 0 {
        return Vec::new();
    }
    let r = half_box_px(mm_per_px);
    // Sums along each row over the box (clipped at the edges), then down each column; the
    // box's pixel count the same way.
    let mut rows = vec![0.0f32; w * h];
    for y in 0..h {
        let line = &lum[y * w..(y + 1) * w];
        let mut sum: f64 = line[..r.min(w - 1) + 1].iter().map(|&v| v as f64).sum();
        for x in 0..w {
            rows[y * w + x] = sum as f32;
            if x + r + 1 < w {
                sum += line[x + r + 1] as f64;
            }
            if x >= r {
                sum -= line[x - r] as f64;
            }
        }
    }
    let span = |i: usize, n: usize| (i + r).min(n - 1) - i.saturating_sub(r) + 1;
    let mut mask = vec![false; w * h];
    for x in 0..w {
        let mut sum: f64 = (0..=r.min(h - 1)).map(|y| rows[y * w + x] as f64).sum();
        let across = span(x, w) as f64;
        for y in 0..h {
            let mean = sum / (across * span(y, h) as f64);
            mask[y * w + x] = is_speck(lum[y * w + x] as f64, mean);
            if y + r + 1 < h {
                sum += rows[(y + r + 1) * w + x] as f64;
            }
            if y >= r {
                sum -= rows[(y - r) * w + x] as f64;
            }
        }
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The running sums give the box mean a direct sum gives: a speck one pixel across on even
    /// skin is found, its neighbours and the skin are not, and at the photo's edge the box is
    /// clipped, not padded with black.
    #[test]
    fn a_speck_is_found_on_even_skin_and_the_edges_are_skin() {
        let mut photo = RgbaImage::from_pixel(40, 30, image::Rgba([200, 160, 140, 255]));
        photo.put_pixel(20, 15, image::Rgba([60, 45, 40, 255]));
        photo.put_pixel(0, 0, image::Rgba([60, 45, 40, 255]));
        let mask = speck_mask(&photo, 0.1);
        let specks: Vec<usize> = (0..mask.len()).filter(|&k| mask[k]).collect();
        assert_eq!(specks, vec![0, 15 * 40 + 20]);
        // Direct box mean at one pixel beside the speck equals what the mask used.
        let r = half_box_px(0.1) as i64;
        let (x, y) = (21i64, 15i64);
        let mut s = 0.0;
        let mut n = 0.0;
        for j in (y - r).max(0)..=(y + r).min(29) {
            for i in (x - r).max(0)..=(x + r).min(39) {
                s += luminance(&photo.get_pixel(i as u32, j as u32).0);
                n += 1.0;
            }
        }
        assert!(!is_speck(luminance(&photo.get_pixel(21, 15).0), s / n));
    }
}
