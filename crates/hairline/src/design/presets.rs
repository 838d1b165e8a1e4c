//! Hairline presets: what each style a client asks for sets. Most set the profile across the
//! transition (style, depth, irregularity, waves) and leave the line where it was drawn; the
//! receded/mature preset also moves the line as a mature hairline sits: higher, and receding
//! at the temples (the frontotemporal angle is never filled).

use super::{Hairline, HairlineStyle, Side};
use crate::geometry::Point;

/// How far the mature preset moves the line back, mm: at the middle, and added at the ends.
const MATURE_RAISE_MM: f64 = 5.0;
const MATURE_TEMPLE_EXTRA_MM: f64 = 10.0;

/// (transition mm, micro irregularity, wave amplitude mm) of each style's preset.
pub fn preset_values(style: HairlineStyle) -> (f64, f64, f64) {
    match style {
        HairlineStyle::Natural => (8.0, 0.5, 1.5),
        HairlineStyle::Soft => (10.0, 0.6, 1.5),
        HairlineStyle::Broken => (10.0, 0.85, 2.0),
        HairlineStyle::Defined => (4.0, 0.15, 0.5),
        HairlineStyle::WidowsPeak => (6.0, 0.3, 1.0),
        // A mature line is less scattered and a little softer than a young natural one.
        HairlineStyle::Mature => (9.0, 0.35, 1.0),
    }
}

impl Hairline {
    /// Applies `style`'s preset. The mature preset also recedes the line (once: applying it to
    /// a line that is already mature leaves the points where they are).
    pub fn apply_preset(&mut self, style: HairlineStyle, mm_per_px: f64) {
        if style == HairlineStyle::Mature && self.style != HairlineStyle::Mature {
            self.recede(mm_per_px);
        }
        let (transition, micro, amplitude) = preset_values(style);
        self.style = style;
        self.transition_mm = transition;
        self.micro_irregularity = micro;
        self.macro_amplitude_mm = amplitude;
    }

    /// Moves each control point back (towards the treated side, across the line) by
    /// `MATURE_RAISE_MM` at the middle rising to `MATURE_RAISE_MM + MATURE_TEMPLE_EXTRA_MM` at
    /// the two ends, so the line sits higher and recedes at the temples.
    fn recede(&mut self, mm_per_px: f64) {
        let n = self.points_px.len();
        if n < 2 || mm_per_px <= 0.0 {
            return;
        }
        let pts = self.points_px.clone();
        for (i, p) in self.points_px.iter_mut().enumerate() {
            let (a, b) = (pts[i.saturating_sub(1)], pts[(i + 1).min(n - 1)]);
            let d = b - a;
            let len = d.length();
            if len == 0.0 {
                continue;
            }
            // Left of the direction of travel, in image coordinates (y down).
            let left = Point::new(d.y / len, -d.x / len);
            let back = match self.treated_side {
                Side::Left => left,
                Side::Right => left * -1.0,
            };
            let t = i as f64 / (n - 1) as f64;
            let edge = (2.0 * (t - 0.5)).powi(2);
            let mm = MATURE_RAISE_MM + MATURE_TEMPLE_EXTRA_MM * edge;
            *p = *p + back * (mm / mm_per_px);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_its_own_and_mature_recedes_at_the_temples() {
        let mut seen = Vec::new();
        for s in HairlineStyle::ALL {
            let v = preset_values(s);
            assert!(!seen.contains(&v), "{s:?} repeats another preset");
            seen.push(v);
        }
        let design = crate::sample::bundled_design("shaved-soft-hairline");
        let mm = design.calibration.mm_per_px();
        let line = design.variants[0].hairline.clone().expect("hairline");
        let mut mature = line.clone();
        mature.apply_preset(HairlineStyle::Mature, mm);
        let moved: Vec<f64> = line
            .points_px
            .iter()
            .zip(&mature.points_px)
            .map(|(a, b)| a.distance(*b) * mm)
            .collect();
        let n = moved.len();
        assert!((moved[n / 2] - MATURE_RAISE_MM).abs() < 1.5, "{moved:?}");
        assert!(
            moved[0] > 12.0 && moved[n - 1] > 12.0,
            "temples recede: {moved:?}"
        );
        // The sample's treated side is up the photo (behind the line): the line moved up.
        let mean_y = |h: &Hairline| h.points_px.iter().map(|p| p.y).sum::<f64>() / n as f64;
        assert!(mean_y(&mature) < mean_y(&line), "higher");
        // Fewer impressions behind a higher line.
        let count = |h: &Hairline| {
            let mut d = design.clone();
            d.variants[0].hairline = Some(h.clone());
            crate::engine::compute(&d, 0).stats.total
        };
        assert!(count(&mature) < count(&line));
        // Once mature, the preset does not recede again.
        let again = {
            let mut m = mature.clone();
            m.apply_preset(HairlineStyle::Mature, mm);
            m
        };
        assert_eq!(again.points_px, mature.points_px);
        // Natural sets the values and leaves the points.
        let mut natural = line.clone();
        natural.apply_preset(HairlineStyle::Natural, mm);
        assert_eq!(natural.points_px, line.points_px);
        assert_ne!(natural.micro_irregularity, mature.micro_irregularity);
    }
}
