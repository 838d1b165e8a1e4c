//! sRGB and linear light, in double precision, for the analyses and renderings that work on a
//! few pixels at a time (the compositor keeps its own tables for speed).

/// Linear light (0-1) of an sRGB value on the 0-255 scale (a byte, or between bytes).
pub fn srgb_to_linear(c: f64) -> f64 {
    let c = c / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// The sRGB value on the 0-255 scale (unrounded) of linear light `l`, clamped to 0-1.
pub fn linear_to_srgb(l: f64) -> f64 {
    let l = l.clamp(0.0, 1.0);
    255.0
        * if l <= 0.003_130_8 {
            12.92 * l
        } else {
            1.055 * l.powf(1.0 / 2.4) - 0.055
        }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_byte_comes_back() {
        for b in 0..=255u8 {
            let back = super::linear_to_srgb(super::srgb_to_linear(b as f64)).round();
            assert_eq!(back, b as f64);
        }
    }
}
