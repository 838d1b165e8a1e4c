//! The looks the client decides on, measured on renders of a bundled sample against the bare
//! photo: fresh, healed and years later differ the way clinics describe healed SMP (healed
//! impressions smaller, lighter and grey-blue under the skin; fresh ones with a pink flush
//! around them; aged ones spread and faded, more so each year).
//!
//! Every measure is taken on pixels: the luminance a dot takes from the skin ("drop"), an
//! impression's area as the participation ratio of its drop, (sum drop)^2 / sum drop^2 (the
//! area of a uniform disc; independent of how dark it is), the hue of what an impression lets
//! through (blue against red, in linear light), and CIELAB a* beside the bare photo's.

mod common;

use hairline::density::DensityField;
use hairline::design::Design;
use hairline::dots::{DotSet, generate};
use hairline::geometry::Point;
use hairline::render::{
    Look, PhotoPyramid, PreviewOptions, SessionView, ViewTransform, render_view,
};
use image::RgbaImage;

/// Output pixels per photo pixel: a close-up at 0.025 mm per output pixel, and the photo's own
/// resolution (0.1 mm per pixel on the sample), which is what an export shows.
const SCALES: [f64; 2] = [4.0, 1.0];
const OUT: (u32, u32) = (800, 600);
/// Photo pixel at the top left of the measured view: inside the crown zone, behind the line.
const ORIGIN: Point = Point::new(1000.0, 500.0);

struct Scene {
    scale: f64,
    design: Design,
    dots: DotSet,
    photo: PhotoPyramid,
    bare: RgbaImage,
    mm_per_out_px: f64,
}

fn scene(scale: f64) -> Scene {
    let design = common::sample("shaved-soft-hairline");
    let v = &design.variants[0];
    let field = DensityField::build(&design, v);
    let dots = generate(&design, v, &field);
    let photo = PhotoPyramid::new(
        hairline::photo::load_photo(&common::root().join("assets/sample-scalp.jpg"))
            .expect("sample photo")
            .image,
    );
    let bare = render_view(&photo, v, None, &options(Look::Healed), view(scale), OUT);
    let mm_per_out_px = dots.mm_per_px / scale;
    Scene {
        scale,
        design,
        dots,
        photo,
        bare,
        mm_per_out_px,
    }
}

fn view(scale: f64) -> ViewTransform {
    ViewTransform {
        scale,
        origin_px: ORIGIN,
    }
}

/// The last session alone, so every look shows the same impressions in that look.
fn options(look: Look) -> PreviewOptions {
    PreviewOptions {
        look,
        sessions: SessionView::Only(2),
        ..PreviewOptions::default()
    }
}

fn render(s: &Scene, look: Look) -> RgbaImage {
    render_view(
        &s.photo,
        &s.design.variants[0],
        Some(&s.dots),
        &options(look),
        view(s.scale),
        OUT,
    )
}

fn luminance(p: &[u8]) -> f64 {
    0.2126 * p[0] as f64 + 0.7152 * p[1] as f64 + 0.0722 * p[2] as f64
}

fn linear(c: u8) -> f64 {
    let c = c as f64 / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// CIELAB (D65) of an sRGB pixel.
fn lab(p: &[u8]) -> [f64; 3] {
    let (r, g, b) = (linear(p[0]), linear(p[1]), linear(p[2]));
    let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.950_47;
    let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.088_83;
    let f = |t: f64| {
        if t > 0.008_856 {
            t.cbrt()
        } else {
            7.787 * t + 16.0 / 116.0
        }
    };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
}

/// What the measures found in one look.
#[derive(Debug)]
struct Measured {
    /// Luminance taken from the skin over the whole view.
    total_drop: f64,
    /// Median impression area, mm^2.
    area_mm2: f64,
    /// The impressions' own hue: how much more they darken red than blue, per unit of how much
    /// they darken green: sum (ln T_blue - ln T_red) / sum (-ln T_green), where T is render / bare
    /// photo in linear light, over the impressions' cores. 0 for a neutral grey or black,
    /// positive for grey-blue; for a faint dot as for a dark one (unlike b* itself, which any
    /// darkening of warm skin lowers).
    blue_shift: f64,
    /// Mean a* just around the impressions, minus the bare photo's (positive: redder).
    ring_da: f64,
}

/// Impressions of the last session in view, with no other of them within 0.7 mm: their
/// surroundings hold no other impression.
fn isolated(s: &Scene) -> Vec<(f64, f64)> {
    let v = view(s.scale);
    let mut centres: Vec<(f64, f64)> = s
        .dots
        .dots
        .iter()
        .filter(|d| d.session == 2)
        .map(|d| {
            let q = v.screen_from_image(d.pos_px());
            (q.x, q.y)
        })
        .collect();
    centres.retain(|c| {
        c.0 > 30.0 && c.1 > 30.0 && c.0 < OUT.0 as f64 - 30.0 && c.1 < OUT.1 as f64 - 30.0
    });
    let near_px = 0.7 / s.mm_per_out_px;
    let all: Vec<(f64, f64)> = s
        .dots
        .dots
        .iter()
        .map(|d| {
            let q = v.screen_from_image(d.pos_px());
            (q.x, q.y)
        })
        .collect();
    centres
        .into_iter()
        .filter(|c| {
            all.iter().all(|o| {
                let d2 = (o.0 - c.0).powi(2) + (o.1 - c.1).powi(2);
                d2 < 1e-6 || d2 > near_px * near_px
            })
        })
        .collect()
}

fn measure(s: &Scene, img: &RgbaImage, centres: &[(f64, f64)]) -> Measured {
    let px = |im: &RgbaImage, x: u32, y: u32| im.get_pixel(x, y).0;
    let drop = |x: u32, y: u32| luminance(&px(&s.bare, x, y)) - luminance(&px(img, x, y));
    let mut total_drop = 0.0;
    for y in 0..OUT.1 {
        for x in 0..OUT.0 {
            total_drop += drop(x, y).max(0.0);
        }
    }
    let core_r = 0.3 / s.mm_per_out_px;
    // Just outside a fresh impression (the needle's radius, swollen 15 %, and its soft edge) to
    // about two and a half of its radii: where a fresh flush shows.
    let fresh_r = 0.5 * s.design.variants[0].dots.needle_mm * 1.15;
    let (ring_in, ring_out) = (
        (fresh_r + 0.05) / s.mm_per_out_px,
        2.4 * fresh_r / s.mm_per_out_px,
    );
    let mut areas = Vec::new();
    let (mut db, mut db_w) = (0.0f64, 0.0f64);
    let (mut da, mut da_n) = (0.0f64, 0.0f64);
    for &(cx, cy) in centres {
        let (mut sum, mut sum2) = (0.0, 0.0);
        let r = ring_out.ceil() as i64;
        for dy in -r..=r {
            for dx in -r..=r {
                let (x, y) = (cx as i64 + dx, cy as i64 + dy);
                if x < 0 || y < 0 || x >= OUT.0 as i64 || y >= OUT.1 as i64 {
                    continue;
                }
                let (x, y) = (x as u32, y as u32);
                let d = ((x as f64 + 0.5 - cx).powi(2) + (y as f64 + 0.5 - cy).powi(2)).sqrt();
                if d <= core_r {
                    let k = drop(x, y).max(0.0);
                    sum += k;
                    sum2 += k * k;
                    let (b, r) = (px(&s.bare, x, y), px(img, x, y));
                    let t = |i: usize| linear(r[i]).max(1e-4) / linear(b[i]).max(1e-4);
                    db += t(2).ln() - t(0).ln();
                    db_w += -t(1).ln();
                }
                if d >= ring_in && d <= ring_out {
                    da += lab(&px(img, x, y))[1] - lab(&px(&s.bare, x, y))[1];
                    da_n += 1.0;
                }
            }
        }
        if sum2 > 0.0 {
            areas.push(sum * sum / sum2 * s.mm_per_out_px * s.mm_per_out_px);
        }
    }
    areas.sort_by(f64::total_cmp);
    Measured {
        total_drop,
        area_mm2: areas.get(areas.len() / 2).copied().unwrap_or(f64::NAN),
        blue_shift: db / db_w.max(1e-9),
        ring_da: da / da_n.max(1.0),
    }
}

#[test]
fn fresh_healed_and_aged_look_the_way_healed_smp_is_described() {
    for scale in SCALES {
        looks_at(scale);
    }
}

fn looks_at(scale: f64) {
    let s = scene(scale);
    let centres = isolated(&s);
    assert!(
        centres.len() >= 30,
        "{} isolated impressions",
        centres.len()
    );
    let fresh = measure(&s, &render(&s, Look::Fresh), &centres);
    let healed = measure(&s, &render(&s, Look::Healed), &centres);
    println!(
        "{:.3} mm per pixel: {} isolated impressions",
        s.mm_per_out_px,
        centres.len()
    );
    println!("fresh:  {fresh:?}");
    println!("healed: {healed:?}");
    assert!(
        healed.area_mm2 <= 0.85 * fresh.area_mm2,
        "healed impressions at least 15 % smaller in area: {:.4} vs {:.4} mm2",
        healed.area_mm2,
        fresh.area_mm2
    );
    assert!(
        healed.total_drop <= 0.8 * fresh.total_drop,
        "healed at least 20 % less dark in total: {:.0} vs {:.0}",
        healed.total_drop,
        fresh.total_drop
    );
    assert!(
        healed.blue_shift > fresh.blue_shift + 0.05,
        "healed impressions grey-blue beside fresh: {:+.3} vs {:+.3}",
        healed.blue_shift,
        fresh.blue_shift
    );
    assert!(
        healed.blue_shift > 0.1,
        "healed impressions pass more blue than red: {:+.3}",
        healed.blue_shift
    );
    assert!(
        fresh.ring_da > healed.ring_da + 0.5,
        "fresh skin around impressions redder: a* {:+.2} vs {:+.2}",
        fresh.ring_da,
        healed.ring_da
    );
    let mut last = healed;
    for years in [2.0, 5.0, 10.0] {
        let aged = measure(&s, &render(&s, Look::Aged { years }), &centres);
        println!("{years} years: {aged:?}");
        assert!(
            aged.area_mm2 > last.area_mm2,
            "{years} years: spread wider, {:.4} vs {:.4} mm2",
            aged.area_mm2,
            last.area_mm2
        );
        assert!(
            aged.total_drop < last.total_drop,
            "{years} years: fainter, {:.0} vs {:.0}",
            aged.total_drop,
            last.total_drop
        );
        last = aged;
    }
}

/// The pigment is conserved at every scale: the same design darkens its treated area by the
/// same amount on average whether each impression covers many pixels or a fraction of one, so a
/// coarse photo (or a zoomed-out view) shows the treated area as the tone it will have.
#[test]
fn the_treated_area_darkens_alike_at_every_scale() {
    // The sample, its dots and photo; each scale below is its own view of them.
    let s = scene(1.0);
    let (v, dots, photo) = (&s.design.variants[0], &s.dots, &s.photo);
    // 80 x 60 mm of the treated area, behind the hairline.
    let (origin, size_px) = (Point::new(800.0, 250.0), (800.0, 600.0));
    let mut darkening = Vec::new();
    for mm_per_px in [0.05, 0.1, 0.5, 1.5] {
        let scale = dots.mm_per_px / mm_per_px;
        let view = ViewTransform {
            scale,
            origin_px: origin,
        };
        let out = (
            (size_px.0 * scale).round() as u32,
            (size_px.1 * scale).round() as u32,
        );
        let opts = options(Look::Healed);
        let bare = render_view(photo, v, None, &opts, view, out);
        let with = render_view(photo, v, Some(dots), &opts, view, out);
        // Mean loss of linear luminance over the area: the ink, as the skin sees it.
        let lum = |p: &[u8]| 0.2126 * linear(p[0]) + 0.7152 * linear(p[1]) + 0.0722 * linear(p[2]);
        let total: f64 = bare
            .pixels()
            .zip(with.pixels())
            .map(|(b, w)| lum(&b.0) - lum(&w.0))
            .sum();
        let mean = total / (out.0 as f64 * out.1 as f64);
        println!(
            "{mm_per_px} mm per pixel ({}x{}): mean darkening {mean:.5}",
            out.0, out.1
        );
        darkening.push((mm_per_px, mean));
    }
    let reference = darkening[1].1;
    for (mm, d) in &darkening {
        assert!(
            (d - reference).abs() <= 0.03 * reference,
            "at {mm} mm per pixel the area darkens by {d:.5}, at 0.1 mm by {reference:.5}"
        );
    }
}

/// Days after a session, as clinics describe the weeks between fresh and healed: scabs larger
/// and darker than the dots in the first week, the "phantom fade" when they fall (much lighter
/// than healed, and patchy: some dots hold far less than others), and the healed look by six
/// weeks.
#[test]
fn the_days_after_a_session_go_from_fresh_through_scabs_and_phantom_fade_to_healed() {
    let s = scene(4.0);
    let centres = isolated(&s);
    let at = |days: f32| measure(&s, &render(&s, Look::Healing { days }), &centres);
    let fresh = measure(&s, &render(&s, Look::Fresh), &centres);
    let healed = measure(&s, &render(&s, Look::Healed), &centres);
    let (day0, day5, day10, day30) = (at(0.0), at(5.0), at(10.0), at(30.0));
    println!("day 0 {day0:?}\nday 5 {day5:?}\nday 10 {day10:?}\nday 30 {day30:?}");
    assert!(
        (day0.total_drop - fresh.total_drop).abs() < 1e-6 * fresh.total_drop,
        "day 0 is fresh"
    );
    assert!(
        day5.area_mm2 > 1.2 * fresh.area_mm2 && day5.total_drop > fresh.total_drop,
        "scabs larger and darker than fresh dots: {day5:?} vs {fresh:?}"
    );
    assert!(
        day5.ring_da < 0.5 * fresh.ring_da,
        "the pink has faded by day 5"
    );
    assert!(
        day10.total_drop < 0.7 * healed.total_drop,
        "phantom fade: much lighter than healed, {:.0} vs {:.0}",
        day10.total_drop,
        healed.total_drop
    );
    assert!(
        healed.total_drop > day30.total_drop && day30.total_drop > day10.total_drop,
        "the colour comes back: {:.0} < {:.0} < {:.0}",
        day10.total_drop,
        day30.total_drop,
        healed.total_drop
    );
    // Patchy: how unevenly isolated dots hold their ink.
    let spread = |look: Look| {
        let img = render(&s, look);
        let r = (0.3 / s.mm_per_out_px) as i64;
        let inks: Vec<f64> = centres
            .iter()
            .map(|&(cx, cy)| {
                let mut ink = 0.0;
                for dy in -r..=r {
                    for dx in -r..=r {
                        let (x, y) = ((cx as i64 + dx) as u32, (cy as i64 + dy) as u32);
                        ink += (luminance(&s.bare.get_pixel(x, y).0)
                            - luminance(&img.get_pixel(x, y).0))
                        .max(0.0);
                    }
                }
                ink
            })
            .collect();
        let mean = inks.iter().sum::<f64>() / inks.len() as f64;
        let var = inks.iter().map(|i| (i - mean).powi(2)).sum::<f64>() / inks.len() as f64;
        var.sqrt() / mean
    };
    let (even, patchy) = (spread(Look::Healed), spread(Look::Healing { days: 10.0 }));
    println!("ink spread from dot to dot: healed {even:.3}, day 10 {patchy:.3}");
    assert!(
        patchy > 1.5 * even,
        "the phantom fade is patchy: {patchy:.3} vs healed {even:.3}"
    );
    let day60 = render(&s, Look::Healing { days: 60.0 });
    assert!(
        day60 == render(&s, Look::Healed),
        "six weeks on, the healed look"
    );
}

/// No impression is a perfect disc: each is slightly elongated, by its own amount and in its
/// own direction (none preferred), measured from the second moments of the light it takes.
#[test]
fn impressions_are_slightly_elongated_in_no_preferred_direction() {
    let s = scene(4.0);
    let centres = isolated(&s);
    let img = render(&s, Look::Healed);
    let r = (0.25 / s.mm_per_out_px) as i64;
    let mut elongations = Vec::new();
    let (mut axial_c, mut axial_s) = (0.0, 0.0);
    for &(cx, cy) in &centres {
        let (mut w, mut mx, mut my) = (0.0, 0.0, 0.0);
        let mut samples = Vec::new();
        for dy in -r..=r {
            for dx in -r..=r {
                let (x, y) = ((cx as i64 + dx) as u32, (cy as i64 + dy) as u32);
                let k = (luminance(&s.bare.get_pixel(x, y).0) - luminance(&img.get_pixel(x, y).0))
                    .max(0.0);
                let (px, py) = (x as f64 + 0.5, y as f64 + 0.5);
                w += k;
                mx += k * px;
                my += k * py;
                samples.push((px, py, k));
            }
        }
        let (mx, my) = (mx / w, my / w);
        let (mut sxx, mut syy, mut sxy) = (0.0, 0.0, 0.0);
        for (px, py, k) in samples {
            sxx += k * (px - mx).powi(2);
            syy += k * (py - my).powi(2);
            sxy += k * (px - mx) * (py - my);
        }
        let (sxx, syy, sxy) = (sxx / w, syy / w, sxy / w);
        let mean = 0.5 * (sxx + syy);
        let diff = (0.25 * (sxx - syy).powi(2) + sxy * sxy).sqrt();
        elongations.push(((mean + diff) / (mean - diff)).sqrt());
        // The long axis's direction, doubled (an axis has no sign).
        let two_theta = (2.0 * sxy).atan2(sxx - syy);
        axial_c += two_theta.cos();
        axial_s += two_theta.sin();
    }
    elongations.sort_by(f64::total_cmp);
    let n = elongations.len() as f64;
    let median = elongations[elongations.len() / 2];
    let (low, high) = (elongations[0], elongations[elongations.len() - 1]);
    let preferred = (axial_c * axial_c + axial_s * axial_s).sqrt() / n;
    println!(
        "{} impressions: elongation median {median:.3} ({low:.3} to {high:.3}), axial order {preferred:.3}",
        elongations.len()
    );
    assert!(
        median > 1.06,
        "impressions are not round discs: {median:.3}"
    );
    assert!(
        high - low > 0.1,
        "each its own shape: {low:.3} to {high:.3}"
    );
    assert!(high < 1.5, "slightly, not streaks: {high:.3}");
    assert!(
        preferred < 0.35,
        "no preferred direction: axial order {preferred:.3} over {n} impressions"
    );
}

/// No impression has a smooth outline: its edge goes out and in round it (a puncture tears the
/// skin unevenly and the ink wicks into it), each its own way. Measured on a close-up as the
/// radius at which each isolated impression's darkening falls to half, in 48 directions: the
/// three- and four-lobed parts of that outline (beyond the elongation's two), over its mean
/// radius.
#[test]
fn impressions_have_ragged_edges_of_their_own() {
    let s = scene(8.0);
    let centres = isolated(&s);
    let img = render(&s, Look::Healed);
    let k = |x: f64, y: f64| {
        let (x, y) = (x.max(0.0) as u32, y.max(0.0) as u32);
        (luminance(&s.bare.get_pixel(x, y).0) - luminance(&img.get_pixel(x, y).0)).max(0.0)
    };
    let mut ragged = Vec::new();
    let reach = 0.3 / s.mm_per_out_px;
    for &(cx, cy) in &centres {
        // The ink's centre, and half its peak.
        let (mut w, mut mx, mut my, mut peak) = (0.0, 0.0, 0.0, 0.0f64);
        let r = reach as i64;
        for dy in -r..=r {
            for dx in -r..=r {
                let (x, y) = (cx + dx as f64, cy + dy as f64);
                let v = k(x, y);
                w += v;
                mx += v * x;
                my += v * y;
                peak = peak.max(v);
            }
        }
        if w <= 0.0 {
            continue;
        }
        let (mx, my) = (mx / w, my / w);
        let n = 48;
        let radii: Vec<f64> = (0..n)
            .map(|i| {
                let t = std::f64::consts::TAU * i as f64 / n as f64;
                let mut d = 0.0;
                while d < reach && k(mx + d * t.cos(), my + d * t.sin()) >= 0.5 * peak {
                    d += 0.1;
                }
                d
            })
            .collect();
        let r0 = radii.iter().sum::<f64>() / n as f64;
        if r0 < 3.0 {
            continue;
        }
        let part = |order: f64| {
            let (mut c, mut sn) = (0.0, 0.0);
            for (i, r) in radii.iter().enumerate() {
                let t = std::f64::consts::TAU * i as f64 / n as f64;
                c += r * (order * t).cos();
                sn += r * (order * t).sin();
            }
            (2.0 / n as f64) * (c * c + sn * sn).sqrt()
        };
        ragged.push((part(3.0).powi(2) + part(4.0).powi(2)).sqrt() / r0);
    }
    ragged.sort_by(f64::total_cmp);
    let median = ragged[ragged.len() / 2];
    let (low, high) = (ragged[0], ragged[ragged.len() - 1]);
    println!(
        "{} impressions: ragged edge {median:.3} of the radius (median; {low:.3} to {high:.3})",
        ragged.len()
    );
    assert!(ragged.len() >= 10, "{}", ragged.len());
    assert!(median > 0.04, "not smooth outlines: {median:.3}");
    assert!(high < 0.25, "ragged, not splattered: {high:.3}");
    assert!(high - low > 0.03, "each its own: {low:.3} to {high:.3}");
}
