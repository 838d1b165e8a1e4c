use super::Calibration;
use super::params;
use crate::geometry::Point;
use serde::{Deserialize, Serialize};

/// A whole design file: one client, one photo, one or more design variants.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Design {
    /// Always `"hairline-studio-design"`; lets a loader refuse unrelated JSON clearly.
    pub format: String,
    /// Format version, see `FORMAT_VERSION`.
    pub version: u32,
    pub client: Client,
    pub photo: PhotoRef,
    pub calibration: Calibration,
    /// Seed of the dot pattern: the same seed and design give the same dots on every machine.
    pub seed: u64,
    /// Which ranked point set the dots come from (see `Layout`). Files from before it existed
    /// have no such field and keep layout 1, the dots they were made with.
    #[serde(default = "Layout::first")]
    pub layout: Layout,
    /// Index into `variants` of the variant shown by default.
    #[serde(default)]
    pub active_variant: usize,
    /// The glabella (between the brows), photo pixels: hairline height guides are measured from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub glabella_px: Option<Point>,
    /// Alternative designs on the same photo, to compare with the client.
    pub variants: Vec<Variant>,
    /// The client's head, when the design is drawn on the scalp rather than on one photo: the
    /// zones, hairline and scars are then in pixels of its scalp map, `photo` is that map (no
    /// file) and the calibration its scale. See `HeadModel`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<super::HeadModel>,
    /// Photos of the head, each registered to it (only with `head`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<super::View>,
}

/// The dot layout a design's impressions are taken from. A design keeps its layout until the
/// practitioner moves it to a newer one, so saved designs regenerate the dots they were shown,
/// exported and tattooed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u32", into = "u32")]
pub enum Layout {
    /// 2025: a 128 mm farthest-point tile. Has square-lattice patches and repeats every 128 mm.
    V1,
    /// 2026: a 512 mm tile ranked by shrinking-radius darts; no lattice, no repetition.
    V2,
}

impl Layout {
    /// The layout of files that do not name one.
    pub fn first() -> Layout {
        Layout::V1
    }
    /// The layout new designs get.
    pub const CURRENT: Layout = Layout::V2;
    pub fn number(self) -> u32 {
        match self {
            Layout::V1 => 1,
            Layout::V2 => 2,
        }
    }
}

impl From<Layout> for u32 {
    fn from(l: Layout) -> u32 {
        l.number()
    }
}

impl TryFrom<u32> for Layout {
    type Error = String;
    fn try_from(n: u32) -> Result<Layout, String> {
        match n {
            1 => Ok(Layout::V1),
            2 => Ok(Layout::V2),
            _ => Err(format!(
                "dot layout {n} is not one this program knows (1 or 2): it may come from a newer \
                 version of Hairline Studio"
            )),
        }
    }
}

/// Who the design is for. Free text: the studio never sends it anywhere.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Client {
    pub name: String,
    pub id: String,
    /// Consultation date, ISO 8601 (`YYYY-MM-DD`).
    pub consultation_date: String,
    pub notes: String,
    /// Skin type on the Fitzpatrick scale, 1 (always burns, never tans) to 6 (deeply
    /// pigmented); 0 when not recorded. The design check weighs the pigment against it.
    #[serde(skip_serializing_if = "is_zero")]
    pub skin_type: u8,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

/// The Fitzpatrick skin types, for choosing one.
pub const SKIN_TYPES: [(u8, &str); 7] = [
    (0, "Not recorded"),
    (1, "I: very fair, always burns"),
    (2, "II: fair, usually burns"),
    (3, "III: medium, sometimes burns"),
    (4, "IV: olive, rarely burns"),
    (5, "V: brown, very rarely burns"),
    (6, "VI: dark brown to black"),
];

/// The photo a design was drawn on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhotoRef {
    /// Path relative to the design file (absolute paths are accepted but not written).
    pub path: String,
    /// Pixel size after EXIF orientation.
    pub width_px: u32,
    pub height_px: u32,
    /// SHA-256 of the photo file, lowercase hex; detects a different photo under the same name.
    /// Empty means unknown (it is filled in on the next save).
    #[serde(default)]
    pub sha256: String,
}

/// One design option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    pub name: String,
    /// The front hairline; `None` for work with no hairline (scar camouflage, density only).
    #[serde(default)]
    pub hairline: Option<Hairline>,
    #[serde(default)]
    pub zones: Vec<Zone>,
    #[serde(default)]
    pub scars: Vec<Scar>,
    pub dots: DotSpec,
    pub pigment: Pigment,
    pub sessions: SessionPlan,
    #[serde(default)]
    pub test_patch: Option<TestPatch>,
}

/// Which side of the hairline is treated, looking along the curve from its first to its last
/// control point in the photo (x right, y down).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    Left,
    Right,
}

/// Hairline looks clients ask for. The style sets the density profile across the transition zone;
/// the shape (temple recession, peak) is in the control points.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HairlineStyle {
    /// Natural/restored: a gradual rise over the transition zone.
    Natural,
    /// Soft/faded: a long, light fade.
    Soft,
    /// Broken/scattered: clusters and gaps, many dots ahead of the line.
    Broken,
    /// Defined/edge-up: a crisp, linear front.
    Defined,
    /// Receded/mature: natural profile, usually drawn with receded temples.
    Mature,
    /// Widow's peak: natural profile, drawn with a central peak.
    WidowsPeak,
}

impl HairlineStyle {
    pub const ALL: [HairlineStyle; 6] = [
        HairlineStyle::Natural,
        HairlineStyle::Soft,
        HairlineStyle::Broken,
        HairlineStyle::Defined,
        HairlineStyle::Mature,
        HairlineStyle::WidowsPeak,
    ];

    pub fn label(self) -> &'static str {
        match self {
            HairlineStyle::Natural => "Natural",
            HairlineStyle::Soft => "Soft / faded",
            HairlineStyle::Broken => "Broken / scattered",
            HairlineStyle::Defined => "Defined / edge-up",
            HairlineStyle::Mature => "Receded / mature",
            HairlineStyle::WidowsPeak => "Widow's peak",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hairline {
    /// Control points of the smooth open curve, photo pixels, in order along the line.
    pub points_px: Vec<Point>,
    pub treated_side: Side,
    pub style: HairlineStyle,
    /// Depth of the transition zone behind the line, over which density rises to full.
    pub transition_mm: f64,
    /// Micro irregularity, 0..1: how many dots scatter ahead of the line and how broken it is.
    pub micro_irregularity: f64,
    /// Macro irregularity: amplitude of gentle waves along the line.
    pub macro_amplitude_mm: f64,
    /// Wavelength of those waves.
    pub macro_wavelength_mm: f64,
    /// Natural left/right asymmetry: the right half of the photo is lowered (positive) or raised
    /// by up to this much relative to the left, blending across the middle.
    #[serde(default)]
    pub asymmetry_mm: f64,
    /// Depth of the widow's peak, mm: how far ahead of the line as drawn the Widow's peak preset
    /// brings the middle of the line (0: not set, the preset uses its default).
    #[serde(default, skip_serializing_if = "is_zero_mm")]
    pub peak_mm: f64,
    /// The control points as drawn and as a preset then moved them (Receded, Widow's peak). While
    /// the line is still as the preset left it, another preset starts again from the drawn
    /// points; once the points are edited, the edited line is the one drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset_moved: Option<PresetMove>,
}

/// A hairline's points before and after a preset moved them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PresetMove {
    pub drawn_px: Vec<Point>,
    pub moved_px: Vec<Point>,
}

fn is_zero_mm(v: &f64) -> bool {
    *v == 0.0
}

/// A region: polygons and painted brush strokes, combined in order.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Shape {
    /// Closed polygons, photo pixels; their union is the start of the region.
    pub polygons: Vec<Vec<Point>>,
    /// Brush strokes applied after the polygons, in order: paint adds, erase removes.
    pub strokes: Vec<Stroke>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stroke {
    /// Centre line of the stroke, photo pixels.
    pub points_px: Vec<Point>,
    /// Brush radius.
    pub radius_mm: f64,
    /// An eraser stroke removes from the region instead of adding.
    #[serde(default)]
    pub erase: bool,
}

/// A density zone: impressions per cm² over a region, fading out over `feather_mm` outside it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zone {
    pub name: String,
    pub shape: Shape,
    pub density_per_cm2: f64,
    /// Width of the fade outside the region, to blend into existing hair.
    pub feather_mm: f64,
}

/// A scar to camouflage: inside it and within `halo_mm` around it the density is raised to
/// `density_per_cm2` so the scar blends instead of standing out as a bare band.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scar {
    pub name: String,
    pub shape: Shape,
    pub halo_mm: f64,
    pub density_per_cm2: f64,
    /// Dot diameter multiplier inside the scar (scar tissue takes and spreads pigment differently).
    pub dot_scale: f64,
}

/// Impression sizes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DotSpec {
    /// Needle/impression diameter for the fill (3-point needles are common).
    pub needle_mm: f64,
    /// Finer diameter used in the hairline transition zone (single-point needle).
    pub hairline_needle_mm: f64,
    /// Natural variation of the diameter, as a fraction (0.15 = ±15 %).
    pub size_variation: f64,
    /// Why this design uses a needle outside what practitioners commonly use (0.18-0.30 mm),
    /// when it does: the design check then notes the reason instead of cautioning.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub needle_reason: String,
}

/// The pigment as mixed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pigment {
    /// Shade of the undiluted pigment as `#rrggbb`.
    pub shade: String,
    /// Share of diluent, 0 (undiluted) to 0.9.
    pub dilution: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionPlan {
    /// One entry per session (1 to 4).
    pub sessions: Vec<Session>,
    /// How far behind the final hairline session 1 stops (a conservative first session).
    pub first_session_holdback_mm: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Session {
    /// Share of all impressions placed in this session; the shares add up to 1.
    pub share: f64,
    /// Darkness of this session's pigment relative to the mix (1 = as mixed).
    pub darkness: f64,
    /// Days after the previous session (informational, for planning).
    #[serde(default)]
    pub days_after_previous: u32,
}

/// A small square done first for a hesitant client.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestPatch {
    pub center_px: Point,
    /// Side of the square (about 10 mm).
    pub size_mm: f64,
    /// Rotation of the square.
    #[serde(default)]
    pub angle_deg: f64,
}

impl Design {
    /// Adds a copy of variant `index`, named "NAME (copy)" (or "(copy 2)"…, so names stay
    /// unique), makes it the active one and returns its index.
    pub fn duplicate_variant(&mut self, index: usize) -> usize {
        let mut copy = self.variants[index].clone();
        let base = format!("{} (copy", copy.name);
        copy.name = (1..)
            .map(|k| {
                if k == 1 {
                    format!("{base})")
                } else {
                    format!("{base} {k})")
                }
            })
            .find(|n| self.variants.iter().all(|v| &v.name != n))
            .unwrap_or_default();
        self.variants.push(copy);
        self.active_variant = self.variants.len() - 1;
        self.active_variant
    }

    /// Removes variant `index`, unless it is the last one; the active variant stays the same
    /// variant where it can.
    pub fn remove_variant(&mut self, index: usize) {
        if self.variants.len() <= 1 || index >= self.variants.len() {
            return;
        }
        self.variants.remove(index);
        if self.active_variant > index || self.active_variant >= self.variants.len() {
            self.active_variant = self.active_variant.saturating_sub(1);
        }
    }

    /// The variant at `active_variant` (validation guarantees it exists).
    pub fn active(&self) -> &Variant {
        &self.variants[self
            .active_variant
            .min(self.variants.len().saturating_sub(1))]
    }

    pub fn variant_index(&self, name: &str) -> Option<usize> {
        self.variants.iter().position(|v| v.name == name)
    }
}

impl Pigment {
    /// The shade as linear-ish 0..1 RGB, or `None` if it is not `#rrggbb`.
    pub fn rgb(&self) -> Option<[f32; 3]> {
        parse_hex_colour(&self.shade)
    }
}

pub fn parse_hex_colour(s: &str) -> Option<[f32; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| {
        u8::from_str_radix(&hex[i..i + 2], 16)
            .ok()
            .map(|v| v as f32 / 255.0)
    };
    Some([channel(0)?, channel(2)?, channel(4)?])
}

impl Default for DotSpec {
    fn default() -> Self {
        Self {
            needle_mm: params::NEEDLE.default,
            hairline_needle_mm: params::HAIRLINE_NEEDLE.default,
            size_variation: params::SIZE_VARIATION.default,
            needle_reason: String::new(),
        }
    }
}

impl Default for Pigment {
    fn default() -> Self {
        Self {
            shade: "#2b2b2e".into(),
            dilution: params::DILUTION.default,
        }
    }
}

impl Default for SessionPlan {
    fn default() -> Self {
        Self::evenly(3)
    }
}

impl SessionPlan {
    /// Sets session `index`'s share of the impressions and rescales the others in proportion, so
    /// the shares still add up to 1 and none falls below the smallest a session may have.
    pub fn set_share(&mut self, index: usize, share: f64) {
        let n = self.sessions.len();
        if index >= n {
            return;
        }
        let min = params::SESSION_SHARE.min;
        if n == 1 {
            self.sessions[0].share = 1.0;
            return;
        }
        let share = share.clamp(min, 1.0 - min * (n - 1) as f64);
        let others: f64 = (0..n)
            .filter(|&i| i != index)
            .map(|i| self.sessions[i].share)
            .sum();
        let rest = 1.0 - share;
        for (i, s) in self.sessions.iter_mut().enumerate() {
            s.share = if i == index {
                share
            } else if others > 0.0 {
                (s.share / others * rest).max(min)
            } else {
                rest / (n - 1) as f64
            };
        }
        // The floor above can push the sum past 1 by a hair: take it from the largest other.
        let total: f64 = self.sessions.iter().map(|s| s.share).sum();
        if let Some(big) = (0..n)
            .filter(|&i| i != index)
            .max_by(|&a, &b| self.sessions[a].share.total_cmp(&self.sessions[b].share))
        {
            self.sessions[big].share -= total - 1.0;
        }
    }

    /// A plan of `count` sessions (1 to 4) as practitioners start one: a lighter, smaller first
    /// session, the rest sharing what is left, at the default interval.
    pub fn evenly(count: usize) -> Self {
        let shares: &[f64] = match count {
            0 | 1 => &[1.0],
            2 => &[0.55, 0.45],
            3 => &[0.45, 0.35, 0.2],
            _ => &[0.35, 0.3, 0.2, 0.15],
        };
        let darkness = [0.8, 1.0, 1.1, 1.1];
        Self {
            sessions: shares
                .iter()
                .enumerate()
                .map(|(i, &share)| Session {
                    share,
                    darkness: darkness[i],
                    days_after_previous: if i == 0 {
                        0
                    } else {
                        params::SESSION_INTERVAL.default as u32
                    },
                })
                .collect(),
            first_session_holdback_mm: params::HOLDBACK.default,
        }
    }
}

impl TestPatch {
    /// The square's corners in photo pixels.
    pub fn corners_px(&self, mm_per_px: f64) -> Vec<Point> {
        let half = self.size_mm * 0.5 / mm_per_px;
        let (s, c) = self.angle_deg.to_radians().sin_cos();
        [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]
            .iter()
            .map(|&(x, y)| {
                self.center_px
                    + Point::new(c * x * half - s * y * half, s * x * half + c * y * half)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_are_duplicated_with_unique_names_and_removed_keeping_the_active_one() {
        let mut d = crate::sample::bundled_design("crown-density");
        let name = d.variants[0].name.clone();
        assert_eq!(d.duplicate_variant(0), 1);
        assert_eq!(d.duplicate_variant(0), 2);
        assert_eq!(d.variants[1].name, format!("{name} (copy)"));
        assert_eq!(d.variants[2].name, format!("{name} (copy 2)"));
        assert_eq!(d.variants[1].zones, d.variants[0].zones);
        crate::design::validate(&d).expect("a design with copies is valid");
        d.active_variant = 2;
        d.remove_variant(0);
        assert_eq!(
            d.variants[d.active_variant].name,
            format!("{name} (copy 2)")
        );
        d.remove_variant(0);
        d.remove_variant(0);
        assert_eq!(d.variants.len(), 1, "the last variant stays");
    }

    #[test]
    fn setting_a_share_keeps_the_plan_adding_up_to_one() {
        for n in 1..=4 {
            let mut plan = SessionPlan::evenly(n);
            for (i, share) in [(0, 0.6), (n - 1, 0.01), (n / 2, 0.99), (0, 0.0)] {
                plan.set_share(i, share);
                let total: f64 = plan.sessions.iter().map(|s| s.share).sum();
                assert!((total - 1.0).abs() < 1e-9, "{n} sessions: {total}");
                assert!(plan.sessions.iter().all(|s| s.share >= 0.01 - 1e-12));
            }
        }
        let mut plan = SessionPlan::evenly(3);
        plan.set_share(0, 0.5);
        assert!((plan.sessions[0].share - 0.5).abs() < 1e-12);
        // The others keep their proportion (0.35 : 0.2).
        let ratio = plan.sessions[1].share / plan.sessions[2].share;
        assert!((ratio - 0.35 / 0.2).abs() < 1e-9);
    }
}
