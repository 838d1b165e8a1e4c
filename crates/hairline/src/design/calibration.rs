use crate::geometry::Point;
use serde::{Deserialize, Serialize};

/// Two points on a ruler in the photo and the real distance between them.
///
/// All millimetre lengths in the engine come from here; the photo is assumed to be taken square
/// to the scalp, so one scale holds across the photo.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calibration {
    /// First ruler point, photo pixels.
    pub a_px: Point,
    /// Second ruler point, photo pixels.
    pub b_px: Point,
    /// Real distance between the two points.
    pub distance_mm: f64,
    /// Whether the practitioner measured it: clicked the two ends of a known length and typed
    /// it. A new design starts with a placeholder scale and `false`, and says so wherever
    /// millimetres matter (the studio, `check`, `stats`, export captions). Files written before
    /// this field were all measured, so a missing field reads as `true`.
    #[serde(default = "measured_by_default", skip_serializing_if = "is_measured")]
    pub measured: bool,
}

fn measured_by_default() -> bool {
    true
}

fn is_measured(measured: &bool) -> bool {
    *measured
}

impl Calibration {
    /// Millimetres per photo pixel. Only meaningful for a validated calibration (non-zero length).
    pub fn mm_per_px(&self) -> f64 {
        self.distance_mm / self.a_px.distance(self.b_px)
    }
    pub fn px_per_mm(&self) -> f64 {
        1.0 / self.mm_per_px()
    }
}
