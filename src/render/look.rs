//! How impressions look at each stage: fresh, healed, years later.

use crate::design::Variant;

/// The stage of the work shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Look {
    /// Just done: darker, slightly swollen, a little redness around each impression.
    Fresh,
    /// Healed (about a month): two or three shades lighter, smaller, slightly grey-blue.
    Healed,
    /// Years later: particles spread, dots blur and fade.
    Aged { years: f32 },
}

impl Look {
    /// The looks by name, as the command line takes them.
    pub const NAMES: [&'static str; 3] = ["fresh", "healed", "aged"];

    /// The look called `name` ("aged" shows `years` years later).
    pub fn from_name(name: &str, years: f32) -> Option<Look> {
        match name {
            "fresh" => Some(Look::Fresh),
            "healed" => Some(Look::Healed),
            "aged" => Some(Look::Aged { years }),
            _ => None,
        }
    }

    /// The look's name, the inverse of `from_name`.
    pub fn name(self) -> &'static str {
        match self {
            Look::Fresh => "fresh",
            Look::Healed => "healed",
            Look::Aged { .. } => "aged",
        }
    }

    /// How the look is described to the client (captions, the presentation bar).
    pub fn label(self) -> String {
        match self {
            Look::Fresh => "Fresh".into(),
            Look::Healed => "Healed".into(),
            Look::Aged { years } => format!("{years:.0} years later"),
        }
    }
}

/// Which sessions are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionView {
    /// Sessions 1..=k+1 (0-based k): the client's scalp after session k+1.
    Cumulative(usize),
    /// Only session k+1's impressions.
    Only(usize),
}

impl SessionView {
    pub fn label(self, count: usize) -> String {
        match self {
            SessionView::Cumulative(k) if k + 1 >= count => format!("All {count} sessions"),
            SessionView::Cumulative(k) => format!("After session {} of {count}", k + 1),
            SessionView::Only(k) => format!("Session {} of {count} alone", k + 1),
        }
    }
    pub fn shows(self, session: u8) -> bool {
        match self {
            SessionView::Cumulative(k) => (session as usize) <= k,
            SessionView::Only(k) => session as usize == k,
        }
    }
    /// The most recent session shown (the one that is fresh in a fresh look).
    pub fn latest(self) -> usize {
        match self {
            SessionView::Cumulative(k) | SessionView::Only(k) => k,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PreviewOptions {
    pub look: Look,
    pub sessions: SessionView,
    /// Show only the dots inside the test patch.
    pub test_patch_only: bool,
    /// Hide the photo layer: dots on plain skin tone.
    pub hide_photo: bool,
}

impl Default for PreviewOptions {
    fn default() -> Self {
        Self {
            look: Look::Healed,
            sessions: SessionView::Cumulative(usize::MAX / 2),
            test_patch_only: false,
            hide_photo: false,
        }
    }
}

/// The optical parameters of one session's dots in one look.
#[derive(Clone, Copy, Debug)]
pub struct DotAppearance {
    pub diameter_scale: f32,
    pub opacity: f32,
    /// What the skin is multiplied by under a fully opaque dot, per channel.
    pub tint: [f32; 3],
    /// Width of the soft edge, mm.
    pub edge_mm: f32,
    /// Redness halo (fresh only): opacity; radius is `halo_scale` x the dot radius.
    pub halo_opacity: f32,
    pub halo_scale: f32,
}

/// Appearance of session `session`'s dots under `look`.
pub fn appearance(variant: &Variant, look: Look, session: usize) -> DotAppearance {
    let shade = variant.pigment.rgb().unwrap_or([0.17, 0.17, 0.18]);
    let darkness = variant
        .sessions
        .sessions
        .get(session)
        .map_or(1.0, |s| s.darkness) as f32;
    // Diluent lowers how much carbon each impression deposits.
    let strength = (1.0 - 0.6 * variant.pigment.dilution as f32) * darkness;
    let mix = |a: [f32; 3], b: [f32; 3], t: f32| [0, 1, 2].map(|i| a[i] + (b[i] - a[i]) * t);
    // Seen through the upper skin, red light is absorbed and scattered: healed pigment reads
    // grey-blue, never true black.
    let under_skin = [0.33, 0.38, 0.47];
    match look {
        Look::Fresh => DotAppearance {
            diameter_scale: 1.15,
            opacity: strength.clamp(0.0, 1.0),
            tint: shade,
            edge_mm: 0.04,
            halo_opacity: 0.16,
            halo_scale: 2.6,
        },
        Look::Healed => DotAppearance {
            diameter_scale: 0.85,
            opacity: (0.85 * strength).clamp(0.0, 1.0),
            tint: mix(shade, under_skin, 0.5),
            edge_mm: 0.06,
            halo_opacity: 0.0,
            halo_scale: 1.0,
        },
        Look::Aged { years } => {
            let y = years.clamp(0.0, 30.0);
            // Particles spread (larger, softer dots) while the body clears some pigment: the same
            // ink over a larger area, less about 4 % a year, so the work reads fainter overall.
            let spread = 1.0 + 0.07 * y;
            DotAppearance {
                diameter_scale: 0.85 * spread,
                opacity: (0.85 * strength * 0.96f32.powf(y) / (spread * spread)).clamp(0.0, 1.0),
                tint: mix(shade, under_skin, (0.5 + 0.03 * y).min(0.85)),
                edge_mm: 0.06 + 0.035 * y,
                halo_opacity: 0.0,
                halo_scale: 1.0,
            }
        }
    }
}
