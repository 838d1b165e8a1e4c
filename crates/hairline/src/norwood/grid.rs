//! The grid of about 1 mm that a stage is worked out on, and where the client has hair on it:
//! shared by one photo's stage (`stage_view.rs`) and the head's (`head.rs`).

use image::RgbaImage;

/// The grid of about 1 mm over a photo of `mm_per_px`: its step in pixels and its nodes across
/// and down.
pub(super) fn grid_of(photo: &RgbaImage, mm_per_px: f64) -> (f64, (usize, usize)) {
    let (w, h) = photo.dimensions();
    let step = (1.0 / mm_per_px).max(1.0);
    (
        step,
        (
            (w as f64 / step).ceil() as usize + 1,
            (h as f64 / step).ceil() as usize + 1,
        ),
    )
}

/// Whether the client has hair now round each node of a grid of `step` pixels (`gw` x `gh`
/// nodes) over a photo `w` pixels wide: over a 3 mm neighbourhood, more than `HAIR_SHARE` of the
/// pixels are a hair's speck (`mask`, from `crate::specks::speck_mask`). Bare skin's texture
/// makes next to none; a shaved side has 5-20 % of its pixels on hairs.
pub(super) fn hair_now(mask: &[bool], w: usize, step: f64, gw: usize, gh: usize) -> Vec<bool> {
    let h = mask.len() / w.max(1);
    let node = |x: usize, y: usize| {
        let (i, j) = (
            ((x as f64 + 0.5) / step).round() as usize,
            ((y as f64 + 0.5) / step).round() as usize,
        );
        j.min(gh - 1) * gw + i.min(gw - 1)
    };
    let (mut dark, mut n) = (vec![0.0f32; gw * gh], vec![0.0f32; gw * gh]);
    for y in 0..h {
        for x in 0..w {
            let k = node(x, y);
            n[k] += 1.0;
            if mask[y * w + x] {
                dark[k] += 1.0;
            }
        }
    }
    // The node's cell and its neighbours: about 3 mm.
    let share = per_count(&blur_once(&dark, gw, gh, 1), &blur_once(&n, gw, gh, 1), 0.0);
    share.iter().map(|&s| s > HAIR_SHARE).collect()
}

/// More than this share of a neighbourhood's pixels on specks is hair.
const HAIR_SHARE: f32 = 0.02;

/// Each cell's `sums` over its `counts` (both box-blurred alike, so this is the mean over the
/// box), or `empty` where nothing was counted.
pub(super) fn per_count(sums: &[f32], counts: &[f32], empty: f32) -> Vec<f32> {
    sums.iter()
        .zip(counts)
        .map(|(&s, &m)| if m > 0.0 { s / m } else { empty })
        .collect()
}

/// One box blur of radius `r` cells (both directions).
pub(super) fn blur_once(grid: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
        let mut out = vec![0.0; src.len()];
        let (n, m) = if horizontal { (h, w) } else { (w, h) };
        for a in 0..n {
            let idx = |b: usize| if horizontal { a * w + b } else { b * w + a };
            for b in 0..m {
                let (lo, hi) = (b.saturating_sub(r), (b + r).min(m - 1));
                out[idx(b)] = (lo..=hi).map(|k| src[idx(k)]).sum::<f32>() / (hi - lo + 1) as f32;
            }
        }
        out
    };
    pass(&pass(grid, true), false)
}

/// A box blur of radius `r` cells over a `w` x `h` grid, twice: close to a Gaussian.
pub(super) fn blur(grid: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    blur_once(&blur_once(grid, w, h, r), w, h, r)
}
