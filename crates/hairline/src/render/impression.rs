//! What each impression is whatever the view (its place, size and the shape and share of ink
//! that are its own), and how each session looks: the two inputs the CPU splats from and the GPU
//! draws from, so the screen and the exported record cannot drift apart.

use super::look::{DotAppearance, Look, PreviewOptions, appearance};
use crate::design::Variant;
use crate::dots::{Dot, DotSet};
use crate::geometry::{Point, polygon_contains};

/// The most an impression is longer than wide (length over width).
pub const MAX_ELONGATION: f32 = 1.3;

/// How ragged an impression's edge is: the most its three- and four-lobed parts push the edge
/// out or in, as shares of its radius (a puncture tears the skin unevenly and the ink wicks
/// into it). Two and more lobes of the second order would be elongation, kept apart above.
const MAX_LOBE_3: f32 = 0.09;
const MAX_LOBE_4: f32 = 0.07;

/// Fresh redness: the skin around the impression is slightly pink.
const PINK: [f32; 3] = [0.0, 0.2, 0.18];

/// The most sessions a look is given for (the design's limit).
pub const MAX_LOOK_SESSIONS: usize = crate::design::Limits::MAX_SESSIONS;

/// One impression, independent of the view and the look. Plain `f32`s laid out in order, as the
/// GPU's instance buffer takes them.
#[repr(C)]
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Impression {
    /// Place on the photo, pixels.
    pub x: f32,
    pub y: f32,
    /// Needle impression diameter as placed (fresh), mm.
    pub diameter_mm: f32,
    /// Darkness relative to the session's pigment.
    pub shade: f32,
    /// This impression's share of the "phantom fade" (0..1): it keeps `1 - patchiness * patch`
    /// of its ink while it heals.
    pub patch: f32,
    /// Its own stretch: the long axis (unit vector) and length over width.
    pub axis: [f32; 2],
    pub elongation: f32,
    /// Its ragged outline: three- and four-lobed parts (cosine and sine, shares of the radius),
    /// shown once the impression spans a few pixels.
    pub lobes: [f32; 4],
    /// The area the lobes add, as a factor (the ink is divided by it, so it stays the dot's).
    pub lobed: f32,
    /// Foreshortening on a curved head: width over length (1 seen square-on) and the axis of
    /// the slant.
    pub squash: f32,
    pub slant: [f32; 2],
    /// Session index (0-based), as a float for the GPU.
    pub session: f32,
    /// 1 inside the variant's test patch, else 0.
    pub in_patch: f32,
    /// Seeds the CPU's unbiased rounding of this impression's pixels.
    pub seed: u32,
}

/// The impressions of `dots`, in order.
pub fn impressions(variant: &Variant, dots: &DotSet) -> Vec<Impression> {
    let patch = variant
        .test_patch
        .as_ref()
        .map(|t| t.corners_px(dots.made_mm_per_px()));
    dots.dots
        .iter()
        .enumerate()
        .map(|(i, d)| impression(d, dots.place(i), patch.as_deref()))
        .collect()
}

/// Impression of dot `d`, made at `made_at` (its place where it was made, and where the test
/// patch's `patch` corners are: see `DotSet::made`).
pub(super) fn impression(d: &Dot, made_at: [f32; 2], patch: Option<&[Point]>) -> Impression {
    // The dot's place, hashed for what is its own: its share of pigment while it heals, its
    // shape. The same in every look and view, and from every photo of a head.
    let [mx, my] = made_at;
    let place = u64::from(mx.to_bits()) << 32 | u64::from(my.to_bits());
    let patch_share = crate::noise::unit(crate::noise::mix64(place)) as f32;
    let shape = crate::noise::mix64(place ^ 0x5e1f);
    let angle = std::f32::consts::TAU * crate::noise::unit(shape) as f32;
    let elongation =
        1.0 + (MAX_ELONGATION - 1.0) * crate::noise::unit(crate::noise::mix64(shape)) as f32;
    let r = |k: u64| crate::noise::unit(crate::noise::mix64(shape ^ k)) as f32;
    let (a3, p3) = (
        MAX_LOBE_3 * (0.4 + 0.6 * r(3)),
        std::f32::consts::TAU * r(33),
    );
    let (a4, p4) = (
        MAX_LOBE_4 * (0.4 + 0.6 * r(4)),
        std::f32::consts::TAU * r(44),
    );
    let (squash, slant) = if d.squash < Dot::FLAT {
        let along = d.tilt as f32 / 256.0 * std::f32::consts::PI + std::f32::consts::FRAC_PI_2;
        (
            (d.squash as f32 / Dot::FLAT as f32).max(0.02),
            [along.cos(), along.sin()],
        )
    } else {
        (1.0, [1.0, 0.0])
    };
    Impression {
        x: d.x_px,
        y: d.y_px,
        diameter_mm: d.diameter_mm,
        shade: d.shade,
        patch: patch_share,
        axis: [angle.cos(), angle.sin()],
        elongation,
        lobes: [a3 * p3.cos(), a3 * p3.sin(), a4 * p4.cos(), a4 * p4.sin()],
        lobed: 1.0 + 0.5 * (a3 * a3 + a4 * a4),
        squash,
        slant,
        session: f32::from(d.session),
        in_patch: f32::from(u8::from(
            patch.is_some_and(|c| polygon_contains(c, Point::new(mx as f64, my as f64))),
        )),
        seed: mx.to_bits() ^ my.to_bits().rotate_left(16),
    }
}

/// How one session's impressions look in the chosen look, ready to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SessionLook {
    pub diameter_scale: f32,
    pub edge_mm: f32,
    /// The linear-light share of each channel a wholly covered pixel loses.
    pub absorb: [f32; 3],
    /// The same for the fresh redness at the impression's centre, fading to `halo_scale` radii.
    pub halo_absorb: [f32; 3],
    pub halo_scale: f32,
    pub patchiness: f32,
}

/// The linear-light share taken by an sRGB multiply by `1 - k`: what a full-coverage dot did
/// when compositing was in sRGB, so looks keep their tone at the centre of a dot.
fn linear_absorb(k: f32) -> f32 {
    1.0 - (1.0 - k.clamp(0.0, 1.0)).powf(2.2)
}

/// Each session's look under `options` (a design has `count` sessions).
pub fn session_looks(
    variant: &Variant,
    options: &PreviewOptions,
    count: usize,
) -> Vec<SessionLook> {
    let count = count.max(1);
    let latest = options.sessions.latest().min(count - 1);
    (0..count)
        .map(|k| {
            // In a fresh preview only the latest session is fresh; earlier ones have healed.
            // (Likewise days after a session: the earlier sessions were weeks before.)
            let recent = matches!(options.look, Look::Fresh | Look::Healing { .. });
            let look = if recent && k < latest {
                Look::Healed
            } else {
                options.look
            };
            let a: DotAppearance = appearance(variant, look, k);
            let alpha = a.opacity.min(1.0);
            SessionLook {
                diameter_scale: a.diameter_scale,
                edge_mm: a.edge_mm,
                absorb: [0, 1, 2].map(|c| linear_absorb(alpha * (1.0 - a.tint[c]))),
                halo_absorb: PINK.map(|p| linear_absorb(a.halo_opacity * p)),
                halo_scale: a.halo_scale,
                patchiness: a.patchiness,
            }
        })
        .collect()
}
