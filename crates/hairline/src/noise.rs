//! Portable hashing and smooth noise.
//!
//! Saved designs must give the same dots on every machine and after any dependency upgrade, so the
//! per-dot randomness comes from this small integer hash (SplitMix64's finaliser) rather than from
//! a library generator whose stream may change. Only integer operations and IEEE-754 `+ - * /`
//! are used, which are bit-identical everywhere.

/// A well-mixed 64-bit hash of `x`.
pub fn mix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Hash of several keys.
pub fn hash(keys: &[u64]) -> u64 {
    keys.iter()
        .fold(0x5151_7ced_ba11_a5e5, |h, &k| mix64(h ^ k))
}

/// A uniform number in [0, 1) from a hash.
pub fn unit(h: u64) -> f64 {
    (h >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Smooth 2-D value noise in [-1, 1] with features about one unit apart.
pub fn value_noise(seed: u64, x: f64, y: f64) -> f64 {
    let (fx, fy) = (x.floor(), y.floor());
    let (ix, iy) = (fx as i64, fy as i64);
    let (tx, ty) = (fade(x - fx), fade(y - fy));
    let corner =
        |dx: i64, dy: i64| unit(hash(&[seed, (ix + dx) as u64, (iy + dy) as u64])) * 2.0 - 1.0;
    let top = corner(0, 0) + (corner(1, 0) - corner(0, 0)) * tx;
    let bottom = corner(0, 1) + (corner(1, 1) - corner(0, 1)) * tx;
    top + (bottom - top) * ty
}

/// `value_noise` over a bounded area with its lattice values computed once: the same numbers,
/// bit for bit, for a fraction of the hashing when it is sampled many times.
pub struct NoiseTable {
    width: usize,
    height: usize,
    values: Vec<f64>,
    seed: u64,
}

impl NoiseTable {
    /// A table for coordinates in `[0, max_x] x [0, max_y]` (in noise units).
    pub fn new(seed: u64, max_x: f64, max_y: f64) -> NoiseTable {
        let width = max_x.max(0.0).floor() as usize + 2;
        let height = max_y.max(0.0).floor() as usize + 2;
        let values = (0..height)
            .flat_map(|j| {
                (0..width).map(move |i| unit(hash(&[seed, i as u64, j as u64])) * 2.0 - 1.0)
            })
            .collect();
        NoiseTable {
            width,
            height,
            values,
            seed,
        }
    }

    pub fn at(&self, x: f64, y: f64) -> f64 {
        let (fx, fy) = (x.floor(), y.floor());
        if fx < 0.0 || fy < 0.0 || fx as usize + 1 >= self.width || fy as usize + 1 >= self.height {
            return value_noise(self.seed, x, y);
        }
        let (ix, iy) = (fx as usize, fy as usize);
        let (tx, ty) = (fade(x - fx), fade(y - fy));
        let k = iy * self.width + ix;
        let (c00, c10, c01, c11) = (
            self.values[k],
            self.values[k + 1],
            self.values[k + self.width],
            self.values[k + self.width + 1],
        );
        let top = c00 + (c10 - c00) * tx;
        let bottom = c01 + (c11 - c01) * tx;
        top + (bottom - top) * ty
    }
}

/// Quintic fade: C2-continuous, so noise-shaped edges have no visible creases.
fn fade(t: f64) -> f64 {
    t * t * t * (t * (t * 6.0 - 15.0) + 10.0)
}

/// 0 below `e0`, 1 above `e1`, smooth between.
pub fn smoothstep(e0: f64, e1: f64, x: f64) -> f64 {
    if e1 <= e0 {
        return if x >= e1 { 1.0 } else { 0.0 };
    }
    let t = ((x - e0) / (e1 - e0)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_stable() {
        // Golden values: if these change, every saved design's dots change.
        assert_eq!(mix64(0), 0xe220_a839_7b1d_cdaf);
        assert_eq!(hash(&[1, 2, 3]), hash(&[1, 2, 3]));
        assert_ne!(hash(&[1, 2, 3]), hash(&[3, 2, 1]));
    }

    #[test]
    fn the_table_gives_the_same_noise_bit_for_bit() {
        let t = NoiseTable::new(42, 30.0, 20.0);
        for i in 0..2000 {
            let (x, y) = (i as f64 * 0.0173, i as f64 * 0.0097);
            assert_eq!(t.at(x, y).to_bits(), value_noise(42, x, y).to_bits());
        }
        // Outside the table it falls back to hashing.
        assert_eq!(
            t.at(-3.5, 99.2).to_bits(),
            value_noise(42, -3.5, 99.2).to_bits()
        );
    }

    #[test]
    fn noise_is_bounded_and_continuous() {
        for i in 0..1000 {
            let x = i as f64 * 0.037;
            let v = value_noise(7, x, 1.3 * x);
            assert!((-1.0..=1.0).contains(&v));
            let w = value_noise(7, x + 1e-6, 1.3 * x);
            assert!((v - w).abs() < 1e-4);
        }
    }
}
