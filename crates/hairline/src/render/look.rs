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
    /// Days after the session, between fresh and healed, as clinics describe the weeks between:
    /// scabs larger and darker than the dots (days 1-7), then the "phantom fade" when they fall
    /// (patchy and much lighter, days 7-14), then the colour partly coming back until the healed
    /// look shows (about 6 weeks).
    Healing { days: f32 },
}

/// Days after which the healed look shows (one renewal of the outer skin, 4-6 weeks).
pub const HEALED_AFTER_DAYS: f32 = 42.0;

impl Look {
    /// The looks by name, as the command line takes them.
    pub const NAMES: [&'static str; 4] = ["fresh", "healing", "healed", "aged"];

    /// The look called `name` ("aged" shows `years` years later, "healing" `days` days after
    /// the session).
    pub fn from_name(name: &str, years: f32, days: f32) -> Option<Look> {
        match name {
            "fresh" => Some(Look::Fresh),
            "healing" => Some(Look::Healing { days }),
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
            Look::Healing { .. } => "healing",
        }
    }

    /// How the look is described to the client (captions, the presentation bar).
    pub fn label(self) -> String {
        match self {
            Look::Fresh => "Fresh".into(),
            Look::Healed => "Healed".into(),
            Look::Aged { years } => format!("{years:.0} years later"),
            Look::Healing { days } if days.round() == 1.0 => "1 day after".into(),
            Look::Healing { days } => format!("{days:.0} days after"),
        }
    }
}

pub use crate::dots::SessionView;

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
    /// How unevenly the dots hold their pigment, 0 (evenly) to 1: each dot keeps between
    /// `1 - patchiness` and all of its ink, by a hash of its place (the "phantom fade").
    pub patchiness: f32,
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
            patchiness: 0.0,
        },
        Look::Healed => DotAppearance {
            diameter_scale: 0.85,
            opacity: (0.85 * strength).clamp(0.0, 1.0),
            tint: mix(shade, under_skin, 0.5),
            edge_mm: 0.06,
            halo_opacity: 0.0,
            halo_scale: 1.0,
            patchiness: 0.0,
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
                patchiness: 0.0,
            }
        }
        Look::Healing { days } => healing(
            appearance(variant, Look::Fresh, session),
            appearance(variant, Look::Healed, session),
            days,
        ),
    }
}

/// Between fresh and healed, `days` after the session (../shared/DOMAIN.md, "Healing timeline").
fn healing(fresh: DotAppearance, healed: DotAppearance, days: f32) -> DotAppearance {
    let lerp = |a: f32, b: f32, t: f32| a + (b - a) * t.clamp(0.0, 1.0);
    let mix = |a: [f32; 3], b: [f32; 3], t: f32| [0, 1, 2].map(|i| lerp(a[i], b[i], t));
    let d = days.max(0.0);
    if d >= HEALED_AFTER_DAYS {
        return healed;
    }
    // A scab is larger and darker than the dot, dried blood and pigment: a dark red-brown.
    const SCAB: [f32; 3] = [0.20, 0.13, 0.11];
    let scab = {
        let s = crate::noise::smoothstep(0.0, 3.0, d as f64) as f32;
        DotAppearance {
            diameter_scale: fresh.diameter_scale * (1.0 + 0.2 * s),
            opacity: (fresh.opacity * (1.0 + 0.15 * s)).min(1.0),
            tint: mix(fresh.tint, SCAB, 0.6 * s),
            edge_mm: lerp(fresh.edge_mm, 0.05, s),
            // The pink fades over the first two days.
            halo_opacity: fresh.halo_opacity * (1.0 - d / 2.0).max(0.0),
            halo_scale: fresh.halo_scale,
            patchiness: 0.0,
        }
    };
    // When the scabs fall (about day 7) they take pigment with them: patchy, much lighter.
    let phantom = DotAppearance {
        opacity: healed.opacity * 0.45,
        patchiness: 0.7,
        ..healed
    };
    if d <= 7.0 {
        return scab;
    }
    if d <= 9.0 {
        let t = (d - 7.0) / 2.0;
        return DotAppearance {
            diameter_scale: lerp(scab.diameter_scale, phantom.diameter_scale, t),
            opacity: lerp(scab.opacity, phantom.opacity, t),
            tint: mix(scab.tint, phantom.tint, t),
            edge_mm: lerp(scab.edge_mm, phantom.edge_mm, t),
            halo_opacity: 0.0,
            halo_scale: 1.0,
            patchiness: lerp(0.0, phantom.patchiness, t),
        };
    }
    if d <= 14.0 {
        return phantom;
    }
    // The skin settles and the colour partly comes back, until the healed look shows.
    let t = (d - 14.0) / (HEALED_AFTER_DAYS - 14.0);
    DotAppearance {
        opacity: lerp(phantom.opacity, healed.opacity, t),
        patchiness: lerp(phantom.patchiness, 0.0, t),
        ..healed
    }
}
