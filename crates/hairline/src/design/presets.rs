//! Hairline presets: what each style a client asks for sets. Most set the profile across the
//! transition (style, depth, irregularity, waves) and leave the line where it was drawn; two
//! also move the line: receded/mature sits it higher and recedes it at the temples (the
//! frontotemporal angle is never filled), and widow's peak brings the middle of the line forward
//! into a V. The points as drawn are kept (`Hairline::preset_moved`), so choosing another preset
//! afterwards puts them back rather than moving an already moved line again.

use super::{Hairline, HairlineStyle, PresetMove, Side, params};
use crate::geometry::{Point, catmull_rom_by_length};

/// How far the mature preset moves the line back, mm: at the middle, and added at the ends.
const MATURE_RAISE_MM: f64 = 5.0;
const MATURE_TEMPLE_EXTRA_MM: f64 = 10.0;
/// Half the width of the widow's peak's V, as a multiple of its depth: a V about 3 times as
/// wide as it is deep, as peaks are drawn.
pub const PEAK_HALF_WIDTH_PER_DEPTH: f64 = 1.5;

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
    /// Applies `style`'s preset. Receded/mature recedes the line and Widow's peak makes its V,
    /// both from the points as drawn: a line a preset moved, untouched since, goes back to its
    /// drawn points first, so presets never pile up and the others restore the line.
    pub fn apply_preset(&mut self, style: HairlineStyle, mm_per_px: f64) {
        self.reshape(style, mm_per_px);
        let (transition, micro, amplitude) = preset_values(style);
        self.style = style;
        self.transition_mm = transition;
        self.micro_irregularity = micro;
        self.macro_amplitude_mm = amplitude;
    }

    /// Puts the points where `style`'s preset has them: the drawn points, receded or with the
    /// widow's peak.
    fn reshape(&mut self, style: HairlineStyle, mm_per_px: f64) {
        let drawn = self.drawn_points();
        self.points_px = drawn.clone();
        self.preset_moved = None;
        match style {
            HairlineStyle::Mature => self.recede(mm_per_px),
            HairlineStyle::WidowsPeak => {
                if self.peak_mm <= 0.0 && self.style != HairlineStyle::WidowsPeak {
                    // Chosen for the first time: a peak of the usual depth.
                    self.peak_mm = params::PEAK_DEPTH.default;
                }
                self.points_px = with_peak(&drawn, self.treated_side, self.peak_mm / mm_per_px);
            }
            _ => {}
        }
        if self.points_px != drawn {
            self.preset_moved = Some(PresetMove {
                drawn_px: drawn,
                moved_px: self.points_px.clone(),
            });
        }
    }

    /// The control points as drawn: those before a preset moved them, while the line is still
    /// as the preset left it; else the points as they are (edited since, or never moved).
    pub fn drawn_points(&self) -> Vec<Point> {
        match &self.preset_moved {
            Some(m) if m.moved_px == self.points_px => m.drawn_px.clone(),
            _ => self.points_px.clone(),
        }
    }

    /// Sets the widow's peak's depth and, on a widow's peak line, redraws the V at that depth.
    pub fn set_peak_depth(&mut self, mm: f64, mm_per_px: f64) {
        self.peak_mm = mm;
        if self.style == HairlineStyle::WidowsPeak {
            self.reshape(HairlineStyle::WidowsPeak, mm_per_px);
        }
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

/// The line through `drawn` with a V at its middle (half way along it): a point `depth_px` ahead
/// of the line (away from the treated side) and, `PEAK_HALF_WIDTH_PER_DEPTH` depths either side
/// along the line, two points on the line as drawn, so the line turns sharply into the peak
/// and out again. The drawn points between those two give way to the V; the rest stay.
fn with_peak(drawn: &[Point], treated: Side, depth_px: f64) -> Vec<Point> {
    if drawn.len() < 2 || depth_px.is_nan() || depth_px <= 0.0 {
        return drawn.to_vec();
    }
    let curve = catmull_rom_by_length(drawn, 1.0);
    // Arc length at each sample, and where each control point lies along it.
    let mut along = vec![0.0];
    for w in curve.windows(2) {
        along.push(along.last().copied().unwrap_or(0.0) + w[0].distance(w[1]));
    }
    let total = *along.last().unwrap_or(&0.0);
    let half = depth_px * PEAK_HALF_WIDTH_PER_DEPTH;
    if total < 2.5 * half {
        // Too short a line for a V this wide: no peak rather than a tangle.
        return drawn.to_vec();
    }
    let at = |s: f64| -> (Point, Point) {
        let i = along.partition_point(|&a| a < s).clamp(1, curve.len() - 1);
        let (a, b) = (curve[i - 1], curve[i]);
        let seg = (along[i] - along[i - 1]).max(1e-12);
        let t = ((s - along[i - 1]) / seg).clamp(0.0, 1.0);
        (a + (b - a) * t, b - a)
    };
    let position = |p: Point| -> f64 {
        let (k, _) = curve
            .iter()
            .enumerate()
            .map(|(k, c)| (k, c.distance(p)))
            .fold((0, f64::INFINITY), |b, x| if x.1 < b.1 { x } else { b });
        along[k]
    };
    let mid = total * 0.5;
    let (centre, dir) = at(mid);
    let len = dir.length().max(1e-12);
    // Left of the direction of travel in image coordinates (y down), as the treated side is.
    let left = Point::new(dir.y / len, -dir.x / len);
    let forward = match treated {
        Side::Left => left * -1.0,
        Side::Right => left,
    };
    let mut out: Vec<Point> = drawn
        .iter()
        .copied()
        .filter(|&p| position(p) < mid - half)
        .collect();
    out.push(at(mid - half).0);
    out.push(centre + forward * depth_px);
    out.push(at(mid + half).0);
    out.extend(drawn.iter().copied().filter(|&p| position(p) > mid + half));
    out
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
