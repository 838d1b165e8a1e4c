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
