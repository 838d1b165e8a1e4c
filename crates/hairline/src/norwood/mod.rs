//! The worst case: the client's hair receding further, by the Hamilton-Norwood scale, and where
//! untreated skin would then show.
//!
//! A consultation has to plan for hair the client may still lose (../shared/DOMAIN.md: "Plan for
//! the worst case"). The scale's stages are drawings, not measurements; the template here reads
//! them as distances on a photo taken from above, in millimetres from the glabella (`v` back
//! along the midline, `u` across), for an average adult head: the hairline's height over the
//! glabella at the midline and how much deeper it cuts at the temples, the bald crown (vertex)
//! round a point 150 mm back, and from stage 6 one bald area down to the horseshoe of hair that
//! always stays at the sides and back. docs/looks.md lists every number. It is a picture of a
//! possible future for the consultation, not a prediction for this client.

use crate::design::Design;
use crate::geometry::Point;
use image::RgbaImage;

mod grid;
mod head;
mod stage_view;

pub use head::{HeadWorst, height_over_skin_mm, photo_mm_per_px};
pub use stage_view::{StageView, bare_skin};

/// The stages of the scale shown (1: no recession, 7: only the horseshoe left).
pub const STAGES: std::ops::RangeInclusive<u8> = 1..=7;

/// Skin with fewer impressions per cm² than this (a tenth of a full density) counts as untreated.
pub const UNTREATED_BELOW: f64 = 8.0;

/// Where hair grows at no stage: the forehead below a juvenile hairline (mm above the glabella).
pub const FOREHEAD_MM: f64 = 70.0;

/// One stage of the template, mm on a photo from above, measured from the glabella.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stage {
    /// The hairline's distance behind the glabella at the midline.
    pub front_mm: f64,
    /// How much further back it cuts at the temples (from 20 mm off the midline, fully at 40).
    pub temples_mm: f64,
    /// The bald crown: its centre's distance behind the glabella, and its radius (0: none).
    pub vertex_at_mm: f64,
    pub vertex_mm: f64,
    /// Hair stays beyond this distance from the midline (the sides seen from above) ...
    pub sides_mm: f64,
    /// ... and beyond this distance behind the glabella (the back of the head).
    pub back_mm: f64,
}

/// The template's stage `n` (clamped to 1-7).
pub fn stage(n: u8) -> Stage {
    // front, temples, vertex radius, sides, back: read from the scale's drawings.
    let (front_mm, temples_mm, vertex_mm, sides_mm, back_mm) = match n.clamp(1, 7) {
        1 => (70.0, 0.0, 0.0, 60.0, 230.0),
        2 => (78.0, 15.0, 0.0, 60.0, 230.0),
        3 => (88.0, 30.0, 0.0, 60.0, 230.0),
        4 => (100.0, 35.0, 30.0, 60.0, 230.0),
        5 => (108.0, 40.0, 37.0, 62.0, 230.0),
        // From 6 the frontal and crown areas are one: the hairline is the crown's back edge.
        6 => (190.0, 0.0, 0.0, 62.0, 190.0),
        _ => (200.0, 0.0, 0.0, 68.0, 200.0),
    };
    Stage {
        front_mm,
        temples_mm,
        vertex_at_mm: 150.0,
        vertex_mm,
        sides_mm,
        back_mm,
    }
}

impl Stage {
    /// Whether the scalp at (`u`, `v`) mm is bald at this stage (the forehead is not counted:
    /// it never had hair).
    pub fn bald(&self, u: f64, v: f64) -> bool {
        if v < FOREHEAD_MM || u.abs() >= self.sides_mm || v >= self.back_mm {
            return false;
        }
        let temple = crate::noise::smoothstep(20.0, 40.0, u.abs());
        if v < self.front_mm + self.temples_mm * temple {
            return true;
        }
        (u * u + (v - self.vertex_at_mm).powi(2)).sqrt() < self.vertex_mm
    }
}

/// Where the template puts a design's photo pixel: mm across and back from the glabella, on a
/// photo taken from above with the forehead down (the studio's 7/8/10 cm guides go up the
/// photo). `None` without a glabella or a calibration.
pub fn scalp_mm(design: &Design, p: Point) -> Option<(f64, f64)> {
    let g = design.glabella_px?;
    let mm = design.calibration.mm_per_px();
    Some(((p.x - g.x) * mm, (g.y - p.y) * mm))
}

/// Why a design cannot be shown at a later stage, if it cannot.
pub fn unsupported(design: &Design) -> Option<&'static str> {
    if design.head.is_some() {
        // On the head, the glabella and the millimetres are the head model's own.
        None
    } else if design.glabella_px.is_none() {
        Some("the worst case is measured from the glabella: place it first (the Glabella tool)")
    } else if !design.calibration.measured {
        Some("the worst case needs millimetres: calibrate the design first")
    } else {
        None
    }
}

/// What an export's caption adds for the worst case at stage `n`, `untreated_cm2` of it shown red.
pub fn caption_note(n: u8, untreated_cm2: f64) -> String {
    if untreated_cm2 > 0.05 {
        format!(" · worst case Norwood {n} (red: bare, untreated)")
    } else {
        format!(" · worst case Norwood {n}")
    }
}

/// The photo as it would look at stage `n` with variant `vi` of `design`: the stage's photo
/// (`StageView`) with the skin that would be bare and untreated tinted red. Render the design's
/// impressions over it as usual. Returns the photo and the untreated area in cm2; `None` for a
/// design `unsupported` says why.
pub fn photo_at_stage(
    photo: &RgbaImage,
    design: &Design,
    vi: usize,
    n: u8,
) -> Option<(RgbaImage, f64)> {
    Some(StageView::new(photo, design, n)?.for_design(design, vi))
}
