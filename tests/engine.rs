//! The design engine's promises: spacing quality, counts, nesting, locality, determinism.

mod common;

use hairline::density::DensityField;
use hairline::design::{Design, Shape, Zone};
use hairline::dots::{DotSet, generate, spacing_ratios, stats, summarize};
use hairline::geometry::Point;

fn dots_of(design: &Design, v: usize) -> (DensityField, DotSet) {
    let field = DensityField::build(design, &design.variants[v]);
    let dots = generate(design, &design.variants[v], &field);
    (field, dots)
}

/// Checks the spacing promise for the full set and for each cumulative session.
fn assert_spacing(design: &Design, v: usize, label: &str) {
    let (field, th, sessions) = common::dots_after_each_session(design, v);
    for (k, pts) in sessions.iter().enumerate() {
        let s = summarize(spacing_ratios(pts, |q| {
            th.cumulative_density_at(&field, k, q)
        }));
        println!(
            "{label} after session {}: {} dots, p1 {:.3}, median {:.3}",
            k + 1,
            s.count,
            s.p1,
            s.median
        );
        assert!(s.count > 100, "{label}: too few dots to judge");
        assert!(
            s.p1 >= 0.6,
            "{label} session {}: 1st percentile {:.3} < 0.6",
            k + 1,
            s.p1
        );
        assert!(
            s.median >= 0.75,
            "{label} session {}: median {:.3} < 0.75",
            k + 1,
            s.median
        );
    }
}

#[test]
fn every_sample_design_keeps_natural_spacing_in_every_session() {
    for path in common::sample_paths() {
        let d = common::load(&path);
        for v in 0..d.variants.len() {
            assert_spacing(
                &d,
                v,
                &format!("{} / {}", path.display(), d.variants[v].name),
            );
        }
    }
}

/// A large flat design: one zone of known density, crisp edges, no hairline.
fn flat_design(density: f64, feather: f64) -> Design {
    let mut d = common::sample("crown-density");
    let v = &mut d.variants[0];
    v.zones = vec![
        Zone {
            name: "square".into(),
            shape: Shape {
                polygons: vec![vec![
                    Point::new(300.0, 300.0),
                    Point::new(1300.0, 300.0),
                    Point::new(1300.0, 1300.0),
                    Point::new(300.0, 1300.0),
                ]],
                strokes: vec![],
            },
            density_per_cm2: density,
            feather_mm: feather,
        },
        Zone {
            name: "disc".into(),
            shape: Shape {
                polygons: vec![
                    (0..48)
                        .map(|i| {
                            let a = i as f64 / 48.0 * std::f64::consts::TAU;
                            Point::new(1800.0 + 350.0 * a.cos(), 900.0 + 350.0 * a.sin())
                        })
                        .collect(),
                ],
                strokes: vec![],
            },
            density_per_cm2: density * 0.5,
            feather_mm: feather,
        },
    ];
    d
}

#[test]
fn zone_counts_match_density_times_area() {
    for (density, feather) in [(90.0, 0.0), (40.0, 0.0), (75.0, 8.0)] {
        let d = flat_design(density, feather);
        let (field, dots) = dots_of(&d, 0);
        let s = stats(&d.variants[0], &field, &dots);
        let mut checked = 0;
        for z in &s.zones {
            let expected = z.target_per_cm2 * z.area_cm2;
            if expected < 1000.0 {
                continue; // the promise is for zones of at least 1000 expected dots
            }
            checked += 1;
            let err = (z.impressions as f64 - expected).abs() / expected;
            println!(
                "{} at {}/cm2, feather {feather}: {} vs {expected:.0} ({:.2}%)",
                z.name,
                z.target_per_cm2,
                z.impressions,
                err * 100.0
            );
            assert!(
                err <= 0.02,
                "{}: {} impressions, expected {expected:.0}",
                z.name,
                z.impressions
            );
        }
        assert!(checked >= 1, "no zone was large enough to check");
    }
}

#[test]
fn flat_zones_keep_natural_spacing() {
    assert_spacing(&flat_design(90.0, 0.0), 0, "flat 90/cm2");
    assert_spacing(&flat_design(30.0, 10.0), 0, "flat 30/cm2 feathered");
}

#[test]
fn sessions_are_nested_and_first_session_is_held_back() {
    let d = common::sample("shaved-soft-hairline");
    let (_, dots) = dots_of(&d, 0);
    let per: Vec<usize> = (0..3)
        .map(|k| dots.dots.iter().filter(|x| x.session == k).count())
        .collect();
    assert!(per.iter().all(|&n| n > 500), "{per:?}");
    // Session 1 is held back from the line: its frontmost dot lies behind the final frontmost dot
    // (the hairline's treated side is towards smaller y).
    let front = |k: u8| {
        dots.dots
            .iter()
            .filter(|x| x.session == k && (1100.0..1300.0).contains(&x.x_px))
            .map(|x| x.y_px)
            .fold(f32::MIN, f32::max)
    };
    assert!(
        front(0) + 15.0 < front(1).max(front(2)),
        "session 1 front {} vs later {}",
        front(0),
        front(1).max(front(2))
    );
    // Regenerating never moves a dot between sessions: nesting is by rank, not by a new draw.
    let (_, again) = dots_of(&d, 0);
    assert_eq!(dots.dots, again.dots);
}

#[test]
fn moving_one_control_point_changes_only_nearby_dots() {
    let d = common::sample("shaved-soft-hairline");
    let (_, before) = dots_of(&d, 0);
    let mut moved = d.clone();
    let h = moved.variants[0]
        .hairline
        .as_mut()
        .expect("sample has a hairline");
    let p = h.points_px[3];
    h.points_px[3] = p + Point::new(0.0, -60.0); // 6 mm
    let reach_px = p.distance(h.points_px[2]).max(p.distance(h.points_px[4])) + 200.0;
    let (_, after) = dots_of(&moved, 0);
    let key = |x: &hairline::dots::Dot| (x.x_px.to_bits(), x.y_px.to_bits());
    let a: std::collections::HashSet<_> = before.dots.iter().map(key).collect();
    let b: std::collections::HashSet<_> = after.dots.iter().map(key).collect();
    let changed: Vec<_> = a.symmetric_difference(&b).collect();
    assert!(!changed.is_empty(), "moving the point changed nothing");
    // Nothing changes beyond the neighbouring control points (plus the transition depth).
    for (x, y) in changed {
        let q = Point::new(f32::from_bits(*x) as f64, f32::from_bits(*y) as f64);
        assert!(
            q.distance(p) < reach_px,
            "dot at {q:?} changed, {:.0} px from the moved point",
            q.distance(p)
        );
    }
}

/// `stats` reports each zone's density where the zone is at its own density, which is the
/// figure the practitioner set: the overall figure includes the skin a hairline or a feather
/// thins (a zone set to 85/cm2 read 52/cm2 overall).
#[test]
fn each_zone_reads_its_own_density_over_its_full_density_area() {
    let mut checked = 0;
    for path in common::sample_paths() {
        let d = common::load(&path);
        for v in 0..d.variants.len() {
            let (field, dots) = dots_of(&d, v);
            let s = stats(&d.variants[v], &field, &dots);
            for z in &s.zones {
                let expected = z.target_per_cm2 * z.full_density_area_cm2;
                println!(
                    "{} / {}: {:.1}/cm2 over {:.1} cm2 at full density, {:.1}/cm2 overall, \
                     target {}",
                    path.display(),
                    z.name,
                    z.full_density_per_cm2,
                    z.full_density_area_cm2,
                    z.achieved_per_cm2,
                    z.target_per_cm2
                );
                if expected < 500.0 {
                    continue;
                }
                checked += 1;
                let err = (z.full_density_per_cm2 - z.target_per_cm2).abs() / z.target_per_cm2;
                assert!(err < 0.02, "{}: {z:?}", z.name);
            }
        }
    }
    assert!(checked >= 4, "{checked} zones checked");
}
