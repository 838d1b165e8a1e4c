//! Large designs: a million dots over fifty zones still generate, with counts that add up.

mod common;

use hairline::design::{Shape, Zone, validate};
use hairline::engine::compute;
use hairline::geometry::Point;

#[test]
fn a_million_dots_in_fifty_zones() {
    let mut d = common::sample("crown-density");
    // A 1 m x 1 m photo (the largest extent accepted) at 0.1 mm per pixel: 100 megapixels.
    d.photo.width_px = 10_000;
    d.photo.height_px = 10_000;
    d.calibration.a_px = Point::new(0.0, 0.0);
    d.calibration.b_px = Point::new(1000.0, 0.0);
    d.calibration.distance_mm = 100.0;
    let v = &mut d.variants[0];
    v.test_patch = None;
    v.zones = (0..50)
        .map(|k| {
            let (x0, y0) = ((k % 10) as f64 * 1000.0, (k / 10) as f64 * 2000.0);
            Zone {
                name: format!("zone {k}"),
                shape: Shape {
                    polygons: vec![vec![
                        Point::new(x0, y0),
                        Point::new(x0 + 1000.0, y0),
                        Point::new(x0 + 1000.0, y0 + 2000.0),
                        Point::new(x0, y0 + 2000.0),
                    ]],
                    strokes: vec![],
                },
                density_per_cm2: 100.0,
                feather_mm: 5.0,
            }
        })
        .collect();
    validate(&d).expect("valid");
    let c = compute(&d, 0);
    let n = c.stats.total;
    assert!((990_000..=1_010_000).contains(&n), "{n} dots");
    assert_eq!(c.stats.per_session.iter().sum::<usize>(), n);
    assert_eq!(c.stats.zones.len(), 50);
    let in_zones: usize = c.stats.zones.iter().map(|z| z.impressions).sum();
    assert_eq!(in_zones + c.stats.outside_zones, n);
    // Each zone owns 200 cm2 at 100/cm2.
    for z in &c.stats.zones {
        assert!(
            (z.impressions as f64 - 20_000.0).abs() < 400.0,
            "{}: {}",
            z.name,
            z.impressions
        );
    }
}
