//! Hairline presets that do what their names say: Widow's peak makes a V at the middle of the
//! line, as deep as its parameter; choosing another preset after Receded or Widow's peak puts
//! the points back where they were drawn; points edited since are kept.

mod common;

use hairline::design::presets::PEAK_HALF_WIDTH_PER_DEPTH;
use hairline::design::{Hairline, HairlineStyle, Side};
use hairline::geometry::{Point, catmull_rom_by_length};

/// How far ahead of `drawn`'s curve (away from the treated side) `line`'s curve comes at
/// each of `drawn`'s curve samples, mm, measured along the normal: the forward distance to
/// the nearest point of the new curve, signed.
fn forward_mm(drawn: &Hairline, line: &Hairline, mm: f64) -> Vec<f64> {
    let a = catmull_rom_by_length(&drawn.points_px, 1.0);
    let b = catmull_rom_by_length(&line.points_px, 0.5);
    (1..a.len() - 1)
        .map(|i| {
            let d = a[i + 1] - a[i - 1];
            let left = Point::new(d.y, -d.x) * (1.0 / d.length());
            let fwd = match drawn.treated_side {
                Side::Left => left * -1.0,
                Side::Right => left,
            };
            // The new curve's crossing of this normal: the sample nearest the normal line.
            let along_normal = b
                .iter()
                .map(|&q| {
                    let v = q - a[i];
                    let off = v.x * fwd.y - v.y * fwd.x;
                    (off.abs(), v.x * fwd.x + v.y * fwd.y)
                })
                .filter(|(_, f)| f.abs() < 100.0 / mm)
                .fold((f64::INFINITY, 0.0), |m, x| if x.0 < m.0 { x } else { m });
            along_normal.1 * mm
        })
        .collect()
}

#[test]
fn widows_peak_makes_a_v_at_the_middle_as_deep_as_asked_and_leaves_the_ends() {
    let design = common::sample("shaved-soft-hairline");
    let mm = design.calibration.mm_per_px();
    let line = design.variants[0].hairline.clone().expect("hairline");
    for depth in [6.0, 12.0] {
        let mut peak = line.clone();
        peak.peak_mm = depth;
        peak.apply_preset(HairlineStyle::WidowsPeak, mm);
        let fwd = forward_mm(&line, &peak, mm);
        let n = fwd.len();
        let (k, deepest) = fwd
            .iter()
            .copied()
            .enumerate()
            .fold((0, f64::MIN), |m, x| if x.1 > m.1 { x } else { m });
        assert!(
            (deepest - depth).abs() < 0.1 * depth,
            "peak {deepest:.2} mm, asked {depth}"
        );
        // At the middle of the line (by length, the samples are about evenly spaced).
        assert!(
            (k as f64 / n as f64 - 0.5).abs() < 0.05,
            "peak at {k} of {n}"
        );
        // A V, not a bump: half way out along its side it is about half as deep.
        let step_mm = {
            let a = catmull_rom_by_length(&line.points_px, 1.0);
            a.windows(2).map(|w| w[0].distance(w[1])).sum::<f64>() * mm / a.len() as f64
        };
        let half_side = (depth * PEAK_HALF_WIDTH_PER_DEPTH * 0.5 / step_mm) as usize;
        for side in [fwd[k - half_side], fwd[k + half_side]] {
            assert!(
                side > 0.3 * depth && side < 0.7 * depth,
                "side {side:.2} of depth {depth}: {:?}",
                &fwd[k - 2 * half_side..k + 2 * half_side]
            );
        }
        // Away from the V the line is where it was drawn: the control points outside it are all
        // kept, and the line's ends (a tenth of its length each) have not moved.
        let kept = line
            .points_px
            .iter()
            .filter(|p| peak.points_px.contains(p))
            .count();
        assert!(
            kept >= line.points_px.len() - 3,
            "{kept} of {} kept",
            line.points_px.len()
        );
        assert_eq!(peak.points_px.first(), line.points_px.first());
        assert_eq!(peak.points_px.last(), line.points_px.last());
        for (i, f) in fwd.iter().enumerate() {
            if i < n / 10 || i > n - n / 10 {
                assert!(f.abs() < 0.05, "moved {f:.2} mm at {i} of {n}");
            }
        }
        // Deeper when asked deeper, through the parameter.
        let mut deeper = peak.clone();
        deeper.set_peak_depth(depth + 4.0, mm);
        let d2 = forward_mm(&line, &deeper, mm)
            .into_iter()
            .fold(f64::MIN, f64::max);
        assert!((d2 - depth - 4.0).abs() < 0.1 * (depth + 4.0), "{d2}");
    }
}

#[test]
fn another_preset_after_receded_or_widows_peak_puts_the_drawn_points_back() {
    let design = common::sample("shaved-soft-hairline");
    let mm = design.calibration.mm_per_px();
    let line = design.variants[0].hairline.clone().expect("hairline");
    for moving in [HairlineStyle::Mature, HairlineStyle::WidowsPeak] {
        for then in HairlineStyle::ALL {
            let mut h = line.clone();
            h.apply_preset(moving, mm);
            assert_ne!(h.points_px, line.points_px, "{moving:?} moves the line");
            h.apply_preset(then, mm);
            let expected = {
                let mut e = line.clone();
                e.apply_preset(then, mm);
                e.points_px
            };
            assert_eq!(h.points_px, expected, "{moving:?} then {then:?}");
        }
    }
    // Points edited after a preset are the line from then on: kept by the next preset.
    let mut h = line.clone();
    h.apply_preset(HairlineStyle::Mature, mm);
    h.points_px[0].x += 25.0;
    let edited = h.points_px.clone();
    h.apply_preset(HairlineStyle::Natural, mm);
    assert_eq!(h.points_px, edited);
    // And the preset's record survives a save and load.
    let mut h = line.clone();
    h.apply_preset(HairlineStyle::WidowsPeak, mm);
    let text = serde_json::to_string(&h).unwrap();
    let mut back: Hairline = serde_json::from_str(&text).unwrap();
    back.apply_preset(HairlineStyle::Soft, mm);
    assert_eq!(back.points_px, line.points_px);
}
