//! The head and its photos in a design file (format 4): a design drawn on the client's scalp
//! rather than on one photo. Its zones, hairline and scars are then in pixels of the scalp map
//! (`head::ScalpChart` at `map_mm_per_px`), and each photo of the head is a view registered to it
//! by the points clicked on it. Only what the practitioner measured and clicked is stored: the
//! cameras are solved from it on load, so a file never holds a stale solution.

use crate::geometry::Point;
use crate::head::{HeadShape, Landmark, Measurements, ScalpChart, ViewKind};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::PhotoRef;

/// The client's head, as measured.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeadModel {
    /// Glabella to the back of the head.
    pub length_mm: f64,
    /// Widest above the ears.
    pub breadth_mm: f64,
    /// Ear opening to the top of the head.
    pub height_mm: f64,
    /// Between the pupils.
    pub pupils_mm: f64,
    /// Scale of the scalp map the design is drawn on.
    pub map_mm_per_px: f64,
}

impl HeadModel {
    /// An average adult man's head (ANSUR II), drawn at 0.1 mm per map pixel.
    pub fn adult_male() -> HeadModel {
        let m = Measurements::ADULT_MALE;
        HeadModel {
            length_mm: m.length_mm,
            breadth_mm: m.breadth_mm,
            height_mm: m.height_mm,
            pupils_mm: m.pupils_mm,
            map_mm_per_px: 0.1,
        }
    }

    pub fn shape(&self) -> HeadShape {
        HeadShape::from_measurements(Measurements {
            length_mm: self.length_mm,
            breadth_mm: self.breadth_mm,
            height_mm: self.height_mm,
            pupils_mm: self.pupils_mm,
        })
    }

    pub fn chart(&self) -> ScalpChart {
        ScalpChart::new(self.shape())
    }
}

/// One photo of the head and what was clicked on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// Shown in the view list and chosen with `render --view NAME`; unique in the design.
    pub name: String,
    /// front, front-down, left, right, top, crown, back or free: where the solve starts from.
    pub kind: String,
    pub photo: PhotoRef,
    /// The photo's EXIF "35 mm equivalent" focal length; phones' 26 mm when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focal_35mm: Option<f64>,
    /// Landmarks by name (see `head::Landmark::name`), photo pixels.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub landmarks: BTreeMap<String, Point>,
    /// Points on the scalp's outline against the background, photo pixels.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outline: Vec<Point>,
    /// Pen dots on the scalp by number, photo pixels: the same number in two photos is the same
    /// dot.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub pen_dots: BTreeMap<u32, Point>,
}

impl View {
    pub fn kind(&self) -> Option<ViewKind> {
        ViewKind::from_name(&self.kind)
    }

    /// The clicks as the registration takes them (unknown landmark names are left to
    /// validation, which refuses them).
    pub fn clicks(&self) -> crate::head::Clicks {
        crate::head::Clicks {
            landmarks: self
                .landmarks
                .iter()
                .filter_map(|(name, p)| Some((Landmark::from_name(name)?, (p.x, p.y))))
                .collect(),
            outline: self.outline.iter().map(|p| (p.x, p.y)).collect(),
            marks: self
                .pen_dots
                .iter()
                .map(|(&id, p)| (id, (p.x, p.y)))
                .collect(),
        }
    }

    pub fn focal_prior_px(&self) -> f64 {
        crate::head::focal_px_from_35mm(
            self.focal_35mm.unwrap_or(crate::head::DEFAULT_F35_MM),
            self.photo.width_px as f64,
            self.photo.height_px as f64,
        )
    }
}
