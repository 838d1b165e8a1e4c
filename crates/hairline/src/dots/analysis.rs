//! Measures of a dot layout that a practitioner's eye picks up and spacing percentiles miss:
//! spectral peaks (a grid), bond orientational order (lattice patches, rows along the photo's
//! axes) and translated copies (a repeating tile). Used by the tests, the benchmarks and the
//! `dots` command's report, on positions in millimetres inside a square window.
//!
//! Definitions, so the numbers can be compared with the literature:
//! - The periodogram `P(k) = |sum_j exp(-2 pi i k . x_j / L)|^2 / N` over integer frequency
//!   vectors `k` of the window of side `L`. White (Poisson) points have `E[P] = 1` everywhere.
//!   It is computed by depositing the points on a fine raster (cloud in cell), one FFT, and
//!   dividing out the deposit's own transfer function.
//! - The dot frequency is `sqrt(density)` (cycles per mm), `L * sqrt(N / L^2)` in bins.
//! - `psi_n = |mean over points of mean over its n nearest neighbours of exp(i n theta)|`.

use super::quality::nearest;
use std::collections::HashMap;

/// Summary of a layout's spectrum and order. See the module comment for definitions.
#[derive(Clone, Copy, Debug)]
pub struct LayoutMetrics {
    pub points: usize,
    /// Highest periodogram bin over the mean of its ring (rings of one bin's width, from a
    /// quarter to twice the dot frequency).
    pub peak_over_ring: f64,
    /// Mean periodogram below half the dot frequency (white noise: 1).
    pub low_frequency_power: f64,
    pub psi4: f64,
    pub psi6: f64,
    /// Share of nearest-neighbour bonds within 5 degrees of the window's axes (isotropic: 1/9).
    pub axis_bonds: f64,
    /// The largest share of points that one translation maps onto other points (to 1 micron).
    pub translated_copies: f64,
}

impl std::fmt::Display for LayoutMetrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} dots: peak/ring {:.1}, low-frequency power {:.3}, |psi4| {:.4}, |psi6| {:.4}, \
             axis bonds {:.3}, translated copies {:.4}",
            self.points,
            self.peak_over_ring,
            self.low_frequency_power,
            self.psi4,
            self.psi6,
            self.axis_bonds,
            self.translated_copies
        )
    }
}

/// Measures the points of `pts` (mm) that lie in the square `[0, side)^2`.
pub fn measure(pts: &[(f64, f64)], side: f64) -> LayoutMetrics {
    let inside: Vec<(f64, f64)> = pts
        .iter()
        .copied()
        .filter(|p| p.0 >= 0.0 && p.1 >= 0.0 && p.0 < side && p.1 < side)
        .collect();
    let (peak_over_ring, low_frequency_power) = spectrum_figures(&inside, side);
    let knn = nearest(&inside, 6);
    // A point near the window's edge has all its neighbours on one side, which biases bond
    // angles towards the axes: such points are neighbours but not centres.
    let margin = 3.0 * side / (inside.len().max(1) as f64).sqrt();
    let centre =
        |p: (f64, f64)| p.0 > margin && p.1 > margin && p.0 < side - margin && p.1 < side - margin;
    let centres: Vec<usize> = (0..inside.len()).filter(|&i| centre(inside[i])).collect();
    LayoutMetrics {
        points: inside.len(),
        peak_over_ring,
        low_frequency_power,
        psi4: bond_order(&inside, &knn, &centres, 4),
        psi6: bond_order(&inside, &knn, &centres, 6),
        axis_bonds: axis_bonds(&inside, &knn, &centres),
        translated_copies: translated_copies(&inside, &knn),
    }
}

/// Share of nearest-neighbour bonds within 5 degrees of the axes (isotropic: 1/9), over points
/// of any shape of area: a point on an edge has its nearest neighbour anywhere in a half plane,
/// which leaves the share unbiased.
pub fn axis_bond_share(pts: &[(f64, f64)]) -> f64 {
    let knn = nearest(pts, 3);
    let all: Vec<usize> = (0..pts.len()).collect();
    axis_bonds(pts, &knn, &all)
}

/// The largest share of points that one translation maps onto other points (to a micron).
pub fn translated_copy_share(pts: &[(f64, f64)]) -> f64 {
    translated_copies(pts, &nearest(pts, 3))
}

/// `(peak over ring, low-frequency power)` of the periodogram.
fn spectrum_figures(pts: &[(f64, f64)], side: f64) -> (f64, f64) {
    let n = pts.len();
    if n < 16 {
        return (f64::NAN, f64::NAN);
    }
    let dot_bins = side * (n as f64 / (side * side)).sqrt();
    // Raster fine enough that twice the dot frequency sits at half the raster's Nyquist.
    let need = (8.0 * dot_bins).max(64.0);
    let m = (need as usize).next_power_of_two();
    let mut re = vec![0.0f64; m * m];
    let scale = m as f64 / side;
    for &(x, y) in pts {
        let (gx, gy) = (x * scale, y * scale);
        let (ix, iy) = (gx.floor(), gy.floor());
        let (fx, fy) = (gx - ix, gy - iy);
        let (ix, iy) = (ix as usize % m, iy as usize % m);
        let (jx, jy) = ((ix + 1) % m, (iy + 1) % m);
        re[iy * m + ix] += (1.0 - fx) * (1.0 - fy);
        re[iy * m + jx] += fx * (1.0 - fy);
        re[jy * m + ix] += (1.0 - fx) * fy;
        re[jy * m + jx] += fx * fy;
    }
    let mut im = vec![0.0f64; m * m];
    fft2(&mut re, &mut im, m);
    let kmax = (2.0 * dot_bins).ceil() as i64;
    let rings = kmax as usize + 1;
    let mut sum = vec![0.0f64; rings];
    let mut count = vec![0usize; rings];
    let mut max = vec![0.0f64; rings];
    let (mut low_sum, mut low_count) = (0.0, 0usize);
    let sinc = |k: i64| {
        if k == 0 {
            1.0
        } else {
            let a = std::f64::consts::PI * k as f64 / m as f64;
            a.sin() / a
        }
    };
    for ky in -kmax..=kmax {
        for kx in -kmax..=kmax {
            let r = ((kx * kx + ky * ky) as f64).sqrt();
            if r == 0.0 || r > kmax as f64 {
                continue;
            }
            let idx = ky.rem_euclid(m as i64) as usize * m + kx.rem_euclid(m as i64) as usize;
            // The cloud-in-cell deposit is a triangle filter: its transfer is sinc^2 per axis.
            let t = (sinc(kx) * sinc(ky)).powi(2);
            let p = (re[idx] * re[idx] + im[idx] * im[idx]) / (t * t) / n as f64;
            if r < 0.5 * dot_bins {
                low_sum += p;
                low_count += 1;
            }
            let ring = r.round() as usize;
            sum[ring] += p;
            count[ring] += 1;
            max[ring] = max[ring].max(p);
        }
    }
    let first = (0.25 * dot_bins).ceil().max(4.0) as usize;
    let peak = (first..rings)
        .filter(|&r| count[r] > 0 && sum[r] > 0.0)
        .map(|r| max[r] / (sum[r] / count[r] as f64))
        .fold(0.0, f64::max);
    (peak, low_sum / low_count.max(1) as f64)
}

/// In-place 2-D FFT of an `m x m` complex array (`m` a power of two), rows then columns.
fn fft2(re: &mut [f64], im: &mut [f64], m: usize) {
    let mut row_re = vec![0.0; m];
    let mut row_im = vec![0.0; m];
    for r in 0..m {
        row_re.copy_from_slice(&re[r * m..(r + 1) * m]);
        row_im.copy_from_slice(&im[r * m..(r + 1) * m]);
        fft(&mut row_re, &mut row_im);
        re[r * m..(r + 1) * m].copy_from_slice(&row_re);
        im[r * m..(r + 1) * m].copy_from_slice(&row_im);
    }
    for c in 0..m {
        for r in 0..m {
            row_re[r] = re[r * m + c];
            row_im[r] = im[r * m + c];
        }
        fft(&mut row_re, &mut row_im);
        for r in 0..m {
            re[r * m + c] = row_re[r];
            im[r * m + c] = row_im[r];
        }
    }
}

/// Iterative radix-2 FFT (forward; the sign does not matter for a power spectrum).
fn fft(re: &mut [f64], im: &mut [f64]) {
    let n = re.len();
    let mut j = 0;
    for i in 1..n {
        let mut bit = n >> 1;
        while j & bit != 0 {
            j ^= bit;
            bit >>= 1;
        }
        j |= bit;
        if i < j {
            re.swap(i, j);
            im.swap(i, j);
        }
    }
    let mut len = 2;
    while len <= n {
        let ang = -2.0 * std::f64::consts::PI / len as f64;
        for start in (0..n).step_by(len) {
            for k in 0..len / 2 {
                let (s, c) = (ang * k as f64).sin_cos();
                let (a, b) = (start + k, start + k + len / 2);
                let tr = re[b] * c - im[b] * s;
                let ti = re[b] * s + im[b] * c;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
            }
        }
        len <<= 1;
    }
}

fn bond_order(pts: &[(f64, f64)], knn: &[Vec<usize>], centres: &[usize], n: usize) -> f64 {
    let (mut re, mut im, mut count) = (0.0, 0.0, 0usize);
    for &i in centres {
        let nb = &knn[i];
        if nb.len() < n {
            continue;
        }
        let (mut r, mut m) = (0.0, 0.0);
        for &j in &nb[..n] {
            let a = (pts[j].1 - pts[i].1).atan2(pts[j].0 - pts[i].0) * n as f64;
            r += a.cos();
            m += a.sin();
        }
        re += r / n as f64;
        im += m / n as f64;
        count += 1;
    }
    (re * re + im * im).sqrt() / count.max(1) as f64
}

fn axis_bonds(pts: &[(f64, f64)], knn: &[Vec<usize>], centres: &[usize]) -> f64 {
    let (mut near, mut count) = (0usize, 0usize);
    for &i in centres {
        let Some(&j) = knn[i].first() else { continue };
        let a = (pts[j].1 - pts[i].1)
            .atan2(pts[j].0 - pts[i].0)
            .to_degrees()
            .rem_euclid(90.0);
        if !(5.0..=85.0).contains(&a) {
            near += 1;
        }
        count += 1;
    }
    near as f64 / count.max(1) as f64
}

/// The largest share of points that one translation maps onto other points. Points in a
/// translated copy have the same neighbourhood, so only points whose offsets to their three
/// nearest neighbours (to a micron) occur elsewhere are compared pairwise.
fn translated_copies(pts: &[(f64, f64)], knn: &[Vec<usize>]) -> f64 {
    let micron = |v: f64| (v * 1000.0).round() as i64;
    let mut groups: HashMap<[i64; 6], Vec<usize>> = HashMap::new();
    for (i, nb) in knn.iter().enumerate() {
        if nb.len() < 3 {
            continue;
        }
        let mut key = [0i64; 6];
        for (s, &j) in nb[..3].iter().enumerate() {
            key[2 * s] = micron(pts[j].0 - pts[i].0);
            key[2 * s + 1] = micron(pts[j].1 - pts[i].1);
        }
        groups.entry(key).or_default().push(i);
    }
    let mut offsets: HashMap<(i64, i64), usize> = HashMap::new();
    for members in groups.values().filter(|g| g.len() > 1) {
        for (a, &i) in members.iter().enumerate() {
            for &j in &members[a + 1..] {
                let o = (micron(pts[j].0 - pts[i].0), micron(pts[j].1 - pts[i].1));
                let o = if o < (0, 0) { (-o.0, -o.1) } else { o };
                *offsets.entry(o).or_default() += 1;
            }
        }
    }
    offsets.values().copied().max().unwrap_or(0) as f64 / pts.len().max(1) as f64
}
