//! Every numeric design parameter defined once: its field, label, unit, valid range, default and
//! help. Validation, the studio's sliders, the command line and the format documentation all
//! read these, so they cannot disagree.

use super::DesignError;

/// One numeric parameter.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// Where the value is in the design file (within a variant, except the calibration).
    pub field: &'static str,
    /// What the studio calls it.
    pub label: &'static str,
    /// "mm", "impressions/cm²", "days" …; empty for a plain factor.
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    /// The value a new design starts with.
    pub default: f64,
    pub help: &'static str,
}

impl Param {
    /// Refuses a value outside the range (or not finite), naming `field_path`.
    pub fn check(&self, field_path: &str, value: f64) -> Result<(), DesignError> {
        let invalid = |message: String| DesignError::Invalid {
            field: field_path.to_string(),
            message,
        };
        if !value.is_finite() {
            return Err(invalid(format!("{value} is not a finite number")));
        }
        if value < self.min || value > self.max {
            let unit = if self.unit.is_empty() {
                String::new()
            } else {
                format!(" {}", self.unit)
            };
            return Err(invalid(format!(
                "{value} is out of range ({} to {}{unit})",
                self.min, self.max
            )));
        }
        Ok(())
    }

    /// The range as an inclusive range, for sliders.
    pub fn range(&self) -> std::ops::RangeInclusive<f64> {
        self.min..=self.max
    }

    /// The label with its unit, e.g. "feather (mm)".
    pub fn label_with_unit(&self) -> String {
        if self.unit.is_empty() {
            self.label.to_string()
        } else {
            format!("{} ({})", self.label, self.unit)
        }
    }
}

/// Densest field the dot engine can produce (about 0.76 mm spacing).
pub const MAX_DENSITY_PER_CM2: f64 = 200.0;

pub const CALIBRATION_DISTANCE: Param = Param {
    field: "calibration.distance_mm",
    label: "ruler length",
    unit: "mm",
    min: 0.1,
    max: 2000.0,
    default: 10.0,
    help: "The real distance between the two points clicked on the ruler",
};

pub const ZONE_DENSITY: Param = Param {
    field: "zones[].density_per_cm2",
    label: "density",
    unit: "impressions/cm²",
    min: 0.0,
    max: MAX_DENSITY_PER_CM2,
    default: 80.0,
    help: "Impressions per square centimetre inside the zone (natural hair: 60 to 120)",
};

// Validation allowed 100 mm, the slider 50: files with wide feathers exist, so the file's range
// is kept and the slider now reaches it.
pub const ZONE_FEATHER: Param = Param {
    field: "zones[].feather_mm",
    label: "feather",
    unit: "mm",
    min: 0.0,
    max: 100.0,
    default: 5.0,
    help: "How far outside the zone the density fades to nothing, blending into existing hair",
};

pub const SCAR_DENSITY: Param = Param {
    field: "scars[].density_per_cm2",
    label: "density",
    unit: "impressions/cm²",
    min: 0.0,
    max: MAX_DENSITY_PER_CM2,
    default: 85.0,
    help: "Impressions per square centimetre inside the scar",
};

pub const SCAR_HALO: Param = Param {
    field: "scars[].halo_mm",
    label: "halo",
    unit: "mm",
    min: 0.0,
    max: 50.0,
    default: 5.0,
    help: "How far past the scar's edge the raised density reaches, so the scar blends",
};

pub const SCAR_DOT_SCALE: Param = Param {
    field: "scars[].dot_scale",
    label: "dot size ×",
    unit: "",
    min: 0.5,
    max: 2.0,
    default: 0.85,
    help: "Scar tissue takes and spreads pigment differently: impression size in the scar",
};

/// The needle diameters practitioners use, mm (0.20 and 0.25 the most common): the design check
/// warns outside it, and a stubble match stays inside it.
pub const NEEDLE_COMMON_RANGE_MM: (f64, f64) = (0.18, 0.30);

pub const NEEDLE: Param = Param {
    field: "dots.needle_mm",
    label: "fill diameter",
    unit: "mm",
    min: 0.1,
    max: 1.0,
    default: 0.25,
    help: "Needle diameter for the fill",
};

pub const HAIRLINE_NEEDLE: Param = Param {
    field: "dots.hairline_needle_mm",
    label: "hairline diameter",
    unit: "mm",
    min: 0.1,
    max: 1.0,
    default: 0.18,
    help: "Finer needle at the front of the hairline",
};

pub const SIZE_VARIATION: Param = Param {
    field: "dots.size_variation",
    label: "size variation",
    unit: "",
    min: 0.0,
    max: 0.5,
    default: 0.15,
    help: "How much impression sizes vary from dot to dot",
};

pub const DILUTION: Param = Param {
    field: "pigment.dilution",
    label: "dilution",
    unit: "",
    min: 0.0,
    max: 0.9,
    default: 0.3,
    help: "Share of diluent in the pigment: lighter impressions",
};

pub const SESSION_SHARE: Param = Param {
    field: "sessions.sessions[].share",
    label: "share of impressions",
    unit: "",
    min: 0.01,
    max: 1.0,
    default: 0.35,
    help: "The part of all impressions placed in this session",
};

pub const SESSION_DARKNESS: Param = Param {
    field: "sessions.sessions[].darkness",
    label: "darkness",
    unit: "",
    min: 0.2,
    max: 2.0,
    default: 1.0,
    help: "How dark this session's impressions are (session 1 is usually lighter)",
};

// The default plan said 14 and then 21 days, the session editor 14: 21 days is one interval for
// all, the middle of the 7 to 30 clinics use and past the scabbing and "phantom fade" of the
// first two weeks, so the next session is planned on settled skin.
pub const SESSION_INTERVAL: Param = Param {
    field: "sessions.sessions[].days_after_previous",
    label: "interval",
    unit: "days",
    min: 0.0,
    max: 365.0,
    default: 21.0,
    help: "Waiting time before this session",
};

pub const HOLDBACK: Param = Param {
    field: "sessions.first_session_holdback_mm",
    label: "session 1 hold-back",
    unit: "mm",
    min: 0.0,
    max: 20.0,
    default: 3.0,
    help: "Session 1 keeps this far behind the final hairline (a conservative start)",
};

pub const TRANSITION: Param = Param {
    field: "hairline.transition_mm",
    label: "transition",
    unit: "mm",
    min: 0.5,
    max: 30.0,
    default: 8.0,
    help: "Depth of the sparse, irregular zone behind the front of the hairline",
};

pub const MICRO_IRREGULARITY: Param = Param {
    field: "hairline.micro_irregularity",
    label: "micro irregularity",
    unit: "",
    min: 0.0,
    max: 1.0,
    default: 0.5,
    help: "Dots scattered ahead of the line",
};

pub const MACRO_AMPLITUDE: Param = Param {
    field: "hairline.macro_amplitude_mm",
    label: "wave amplitude",
    unit: "mm",
    min: 0.0,
    max: 10.0,
    default: 1.5,
    help: "Height of the gentle waves along the line",
};

pub const MACRO_WAVELENGTH: Param = Param {
    field: "hairline.macro_wavelength_mm",
    label: "wave length",
    unit: "mm",
    min: 5.0,
    max: 200.0,
    default: 25.0,
    help: "Distance between the waves",
};

pub const ASYMMETRY: Param = Param {
    field: "hairline.asymmetry_mm",
    label: "asymmetry",
    unit: "mm",
    min: -5.0,
    max: 5.0,
    default: 1.0,
    help: "Left/right difference (up to 2 mm looks natural)",
};

pub const PEAK_DEPTH: Param = Param {
    field: "hairline.peak_mm",
    label: "peak depth",
    unit: "mm",
    min: 0.0,
    max: 30.0,
    default: 10.0,
    help: "How far the widow's peak comes forward at the middle of the line",
};

pub const TEST_PATCH_SIZE: Param = Param {
    field: "test_patch.size_mm",
    label: "side",
    unit: "mm",
    min: 2.0,
    max: 30.0,
    default: 10.0,
    help: "Side of the square test patch",
};

pub const TEST_PATCH_ANGLE: Param = Param {
    field: "test_patch.angle_deg",
    label: "angle",
    unit: "°",
    min: -360.0,
    max: 360.0,
    default: 0.0,
    help: "Rotation of the test patch",
};

pub const STROKE_RADIUS: Param = Param {
    field: "shape.strokes[].radius_mm",
    label: "brush radius",
    unit: "mm",
    min: 0.1,
    max: 100.0,
    default: 5.0,
    help: "Radius of a painted brush stroke",
};

// The CLI took 0 to 30 years and the studio's slider 1 to 15: 1 to 30 for both, since 0 years is
// the healed look and clients who never touch up are seen decades on.
pub const AGED_YEARS: Param = Param {
    field: "render --years",
    label: "years",
    unit: "years",
    min: 1.0,
    max: 30.0,
    default: 5.0,
    help: "How many years after the last session the \"years later\" look shows",
};

/// Every parameter, for the documentation and its test.
pub const ALL: [&Param; 29] = [
    &CALIBRATION_DISTANCE,
    &ZONE_DENSITY,
    &ZONE_FEATHER,
    &SCAR_DENSITY,
    &SCAR_HALO,
    &SCAR_DOT_SCALE,
    &NEEDLE,
    &HAIRLINE_NEEDLE,
    &SIZE_VARIATION,
    &DILUTION,
    &SESSION_SHARE,
    &SESSION_DARKNESS,
    &SESSION_INTERVAL,
    &HOLDBACK,
    &TRANSITION,
    &MICRO_IRREGULARITY,
    &MACRO_AMPLITUDE,
    &MACRO_WAVELENGTH,
    &ASYMMETRY,
    &TEST_PATCH_SIZE,
    &TEST_PATCH_ANGLE,
    &STROKE_RADIUS,
    &AGED_YEARS,
    &HEAD_LENGTH,
    &HEAD_BREADTH,
    &HEAD_HEIGHT,
    &HEAD_PUPILS,
    &MAP_SCALE,
    &FOCAL_35MM,
];

// The head (format 4). Ranges span adult heads well beyond ANSUR II's +-3 SD; defaults are its
// men's means.

pub const HEAD_LENGTH: Param = Param {
    field: "head.length_mm",
    label: "head length",
    unit: "mm",
    min: 150.0,
    max: 250.0,
    default: 199.5,
    help: "Glabella (between the brows) to the back of the head, with a calliper or from a side photo",
};

pub const HEAD_BREADTH: Param = Param {
    field: "head.breadth_mm",
    label: "head breadth",
    unit: "mm",
    min: 120.0,
    max: 200.0,
    default: 154.3,
    help: "The head's widest, above the ears",
};

pub const HEAD_HEIGHT: Param = Param {
    field: "head.height_mm",
    label: "ear to top",
    unit: "mm",
    min: 100.0,
    max: 170.0,
    default: 131.0,
    help: "Ear opening (tragion) to the top of the head",
};

pub const HEAD_PUPILS: Param = Param {
    field: "head.pupils_mm",
    label: "pupil distance",
    unit: "mm",
    min: 45.0,
    max: 80.0,
    default: 64.0,
    help: "Between the pupils (an optician's PD); sets the face landmarks' scale",
};

pub const MAP_SCALE: Param = Param {
    field: "head.map_mm_per_px",
    label: "scalp map scale",
    unit: "mm",
    min: 0.05,
    max: 0.5,
    default: 0.1,
    help: "Millimetres per pixel of the scalp map the design is drawn on",
};

pub const FOCAL_35MM: Param = Param {
    field: "views[].focal_35mm",
    label: "focal length (35 mm equivalent)",
    unit: "mm",
    min: 10.0,
    max: 300.0,
    default: 26.0,
    help: "The photo's EXIF 35 mm equivalent focal length; a phone's main camera when unknown",
};

/// The table of every parameter for `docs/design-format.md` (a test keeps the page equal to it).
pub fn markdown_table() -> String {
    let mut out =
        String::from("| field | range | default | unit | what it is |\n|---|---|---|---|---|\n");
    for p in ALL {
        out.push_str(&format!(
            "| `{}` | {} to {} | {} | {} | {} |\n",
            p.field, p.min, p.max, p.default, p.unit, p.help
        ));
    }
    out
}
