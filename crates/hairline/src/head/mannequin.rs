//! Photos of the head model itself: a shaded mannequin with shaved sides, eyes, brows, nose and
//! ears at the model's own landmarks, rendered through a camera. They are the bundled multi-view
//! sample's photos (no client's photo, no licence question) and the tests' ground truth: every
//! landmark is exactly where the model says, so a registration can be checked against it.

use super::camera::Camera;
use super::chart::ScalpChart;
use super::shape::{HeadShape, Landmark};
use super::vec3::V3;
use crate::noise::{smoothstep, value_noise};
use image::{Rgb, RgbImage};

/// A surface hit: where, its outward normal and what it is.
#[derive(Clone, Copy)]
struct Hit {
    t: f64,
    p: V3,
    n: V3,
    part: Part,
}

#[derive(Clone, Copy, PartialEq)]
enum Part {
    Head,
    Nose,
    Ear,
    Neck,
}

/// The first hit of a ray with the ellipsoid of centre `c` and semi-axes `a`.
fn ellipsoid_hit(o: V3, d: V3, c: V3, a: V3, part: Part) -> Option<Hit> {
    let (oo, dd) = ((o - c).unscale(a), d.unscale(a));
    let (qa, qb, qc) = (dd.dot(dd), 2.0 * oo.dot(dd), oo.dot(oo) - 1.0);
    let disc = qb * qb - 4.0 * qa * qc;
    if disc < 0.0 {
        return None;
    }
    let t = (-qb - disc.sqrt()) / (2.0 * qa);
    (t > 0.0).then(|| {
        let p = o + d * t;
        Hit {
            t,
            p,
            n: (p - c).unscale(a.scale(a)).normalized(),
            part,
        }
    })
}

/// The neck: a vertical cylinder under the head.
fn neck_hit(o: V3, d: V3, head: &HeadShape) -> Option<Hit> {
    let (r, cz, top) = (0.55 * head.axes.x, -0.15 * head.axes.z, -0.45 * head.axes.y);
    let (ox, oz) = (o.x, o.z - cz);
    let (qa, qb, qc) = (
        d.x * d.x + d.z * d.z,
        2.0 * (ox * d.x + oz * d.z),
        ox * ox + oz * oz - r * r,
    );
    let disc = qb * qb - 4.0 * qa * qc;
    if qa < 1e-12 || disc < 0.0 {
        return None;
    }
    let t = (-qb - disc.sqrt()) / (2.0 * qa);
    let p = o + d * t;
    (t > 0.0 && p.y < top).then(|| Hit {
        t,
        p,
        n: V3::new(p.x, 0.0, p.z - cz).normalized(),
        part: Part::Neck,
    })
}

fn nearest_hit(head: &HeadShape, o: V3, d: V3) -> Option<Hit> {
    let s = head.pupils_mm / 64.0;
    let tip = head.landmark(Landmark::NoseTip);
    let base = head.landmark(Landmark::NoseBase);
    let nose_c = V3::new(0.0, (tip.y + base.y) / 2.0 + 6.0 * s, tip.z - 12.0 * s);
    let mut hits = vec![
        ellipsoid_hit(o, d, V3::default(), head.axes, Part::Head),
        ellipsoid_hit(
            o,
            d,
            nose_c,
            V3::new(11.0 * s, 26.0 * s, 12.0 * s),
            Part::Nose,
        ),
        neck_hit(o, d, head),
    ];
    for (c, a) in head.ears() {
        hits.push(ellipsoid_hit(o, d, c, a, Part::Ear));
    }
    hits.into_iter()
        .flatten()
        .min_by(|a, b| a.t.total_cmp(&b.t))
}

/// How much shaved hair covers the head at `p`, 0..1: a horseshoe fringe at the sides and back
/// (Norwood 6), nothing on the face, and the brows; below Norwood 6, also the top of the head
/// wherever the template's stage `norwood` is not bald (above a juvenile hairline).
fn hair(head: &HeadShape, chart: &ScalpChart, p: V3, norwood: u8) -> f64 {
    let s = p.unscale(head.axes);
    let q = chart.to_chart(p);
    let wobble = 0.04 * value_noise(11, q.x / 25.0, q.y / 25.0);
    // The fringe's top edge: lower at the front of the sides, higher at the back.
    let top = 0.42 + 0.12 * (-s.z).clamp(-1.0, 1.0) + wobble;
    let fringe = 1.0 - smoothstep(top - 0.06, top + 0.03, s.y);
    // No hair on the face and forehead; the sideburns slant forward down to the ear.
    let face = smoothstep(0.15, 0.4, s.z + 0.6 * s.y);
    let below_ear = smoothstep(-0.45, -0.3, s.y);
    let mut h = fringe * (1.0 - face) * below_ear;
    if norwood < 6
        && p.y > 0.0
        && crate::norwood::height_over_skin_mm(head, p) >= crate::norwood::FOREHEAD_MM
        && !crate::norwood::stage(norwood).bald_on_head(head, p)
    {
        h = 1.0;
    }
    let scale = head.pupils_mm / 64.0;
    for (l, side) in [(Landmark::PupilLeft, 1.0), (Landmark::PupilRight, -1.0)] {
        let e = head.landmark(l);
        if (p.z - e.z).abs() > 25.0 * scale {
            continue; // the brows are on the face, not at the back of the head
        }
        let (dx, dy) = (
            (p.x - e.x - side * 3.0 * scale) / (21.0 * scale),
            (p.y - e.y - 15.0 * scale + 0.012 * (p.x - e.x).powi(2)) / (3.5 * scale),
        );
        h = h.max(1.0 - smoothstep(0.7, 1.0, (dx * dx + dy * dy).sqrt()));
    }
    h
}

/// Shaved hairs on the scalp map: one a cell of `HAIR_CELL_MM` (about 80 a cm², a full
/// head's follicular units), each somewhere in its cell.
const HAIR_CELL_MM: f64 = 1.1;
/// A hair's speck: its cut end and the shadow of its root, about 0.4 mm across.
const SPECK_MM: f64 = 0.2;

/// How much of a hair's speck covers map point `q` (mm), 0..1 with a soft rim.
fn speck(q: crate::geometry::Point) -> f64 {
    let (ci, cj) = (
        (q.x / HAIR_CELL_MM).floor() as i64,
        (q.y / HAIR_CELL_MM).floor() as i64,
    );
    let mut best: f64 = 0.0;
    for j in cj - 1..=cj + 1 {
        for i in ci - 1..=ci + 1 {
            let h = crate::noise::hash(&[41, i as u64, j as u64]);
            let (jx, jy) = (
                crate::noise::unit(h),
                crate::noise::unit(crate::noise::mix64(h)),
            );
            let (x, y) = (
                (i as f64 + jx) * HAIR_CELL_MM,
                (j as f64 + jy) * HAIR_CELL_MM,
            );
            let r = ((q.x - x).powi(2) + (q.y - y).powi(2)).sqrt();
            best = best.max(1.0 - smoothstep(0.6 * SPECK_MM, SPECK_MM, r));
        }
    }
    best
}

/// The colour of an eye at `p`, if `p` is in one.
fn eye(head: &HeadShape, p: V3) -> Option<[f64; 3]> {
    let s = head.pupils_mm / 64.0;
    for l in [Landmark::PupilLeft, Landmark::PupilRight] {
        let e = head.landmark(l);
        if (p.z - e.z).abs() > 15.0 * s {
            continue;
        }
        let (dx, dy) = (p.x - e.x, p.y - e.y);
        let white = (dx / (14.0 * s)).powi(2) + (dy / (5.5 * s)).powi(2);
        if white < 1.0 {
            let r = (dx * dx + dy * dy).sqrt() / s;
            return Some(if r < 2.0 {
                [20.0, 18.0, 18.0]
            } else if r < 5.5 {
                [92.0, 66.0, 44.0]
            } else {
                [222.0, 214.0, 205.0]
            });
        }
    }
    None
}

/// A photo of `head` by `camera`, `size` pixels, supersampled 2 x 2, with `pen_dots` (3 mm,
/// surgical-marker blue) on the scalp: a client at Norwood 6, shaved.
pub fn mannequin_photo(
    head: &HeadShape,
    camera: &Camera,
    size: (u32, u32),
    pen_dots: &[V3],
) -> RgbImage {
    mannequin_photo_at(head, camera, size, pen_dots, 6)
}

/// `mannequin_photo` of a client whose hair (shaved) is that of Norwood stage `norwood`, as the
/// worst case's template has it; 6 and 7 are both the fringe of `mannequin_photo`.
pub fn mannequin_photo_at(
    head: &HeadShape,
    camera: &Camera,
    size: (u32, u32),
    pen_dots: &[V3],
    norwood: u8,
) -> RgbImage {
    let chart = ScalpChart::new(*head);
    let light = V3::new(-0.45, 0.65, 0.6).normalized();
    let eye_pos = camera.centre();
    let skin = [224.0, 181.0, 152.0];
    let stubble = [58.0, 46.0, 40.0];
    let mut img = RgbImage::new(size.0, size.1);
    let rows: Vec<(u32, Vec<[u8; 3]>)> = crate::par::spread((0..size.1).collect(), |y| {
        let row = (0..size.0)
            .map(|x| {
                let mut sum = [0.0; 3];
                for (sx, sy) in [(0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75)] {
                    let (o, d) = camera.ray(x as f64 + sx, y as f64 + sy);
                    let c = match nearest_hit(head, o, d) {
                        None => {
                            let t = (y as f64 + sy) / size.1 as f64;
                            [74.0 + 16.0 * t, 80.0 + 14.0 * t, 90.0 + 8.0 * t]
                        }
                        Some(h) => {
                            let v = (eye_pos - h.p).normalized();
                            let diffuse = h.n.dot(light).max(0.0);
                            let fill = h.n.dot(v).max(0.0);
                            let k = 0.28 + 0.55 * diffuse + 0.3 * fill;
                            let q = chart.to_chart(h.p);
                            // Broad, soft blotches only: finer value noise shows its lattice.
                            let blotch = 0.03 * value_noise(21, q.x / 18.0, q.y / 18.0)
                                + 0.015 * value_noise(22, (q.x + q.y) / 30.0, (q.x - q.y) / 30.0);
                            let mut c = skin.map(|v| v * (k + blotch));
                            if h.part == Part::Head {
                                if let Some(e) = eye(head, h.p) {
                                    c = e.map(|v| v * (0.5 + 0.5 * k));
                                }
                                // Shaved hair: each hair's cut end and its root's shadow a
                                // dark speck, fainter where the fringe thins out. (No grey cast
                                // of the hair under the skin: see docs/looks.md.)
                                let amount = hair(head, &chart, h.p, norwood);
                                if amount > 0.0 {
                                    let a = amount * 0.75 * speck(q);
                                    for i in 0..3 {
                                        c[i] += (stubble[i] * (k + 0.1) - c[i]) * a;
                                    }
                                }
                                if pen_dots.iter().any(|d| (*d - h.p).norm() < 1.5) {
                                    c = [40.0, 60.0, 150.0].map(|v| v * (0.6 + 0.4 * k));
                                }
                            }
                            c
                        }
                    };
                    for i in 0..3 {
                        sum[i] += c[i] / 4.0;
                    }
                }
                sum.map(|v: f64| v.clamp(0.0, 255.0) as u8)
            })
            .collect();
        (y, row)
    });
    for (y, row) in rows {
        for (x, c) in row.into_iter().enumerate() {
            img.put_pixel(x as u32, y, Rgb(c));
        }
    }
    img
}

/// The scalp map as an image to draw a head design on (it has no photo): skin where the map
/// shows the head, shaded as if lit from above so the dome reads as one; a faint ring where the
/// head is widest (its centre's height, the brow's) and dots at the ears and the glabella.
pub fn scalp_map_image(chart: &ScalpChart, mm_per_px: f64) -> RgbImage {
    let side = (chart.side_mm() / mm_per_px).ceil() as u32;
    let head = chart.head;
    let marks: Vec<crate::geometry::Point> = [
        Landmark::Glabella,
        Landmark::EarTopLeft,
        Landmark::EarTopRight,
    ]
    .iter()
    .map(|&l| {
        let p = head.landmark(l);
        chart.to_chart(p.unscale(head.axes).normalized().scale(head.axes))
    })
    .collect();
    let rows: Vec<Vec<[u8; 3]>> = crate::par::spread((0..side).collect(), |y| {
        (0..side)
            .map(|x| {
                let q = crate::geometry::Point::new(
                    (x as f64 + 0.5) * mm_per_px,
                    (y as f64 + 0.5) * mm_per_px,
                );
                let Some(p) = chart.from_chart(q) else {
                    return [74, 80, 90];
                };
                let s = p.unscale(head.axes);
                let k = 0.8 + 0.2 * s.y.max(-0.5);
                let mut c = [226.0 * k, 186.0 * k, 158.0 * k];
                let ring = s.y.abs() * head.axes.y < 0.6;
                let mark = marks.iter().any(|m| (*m - q).length() < 3.0);
                if ring || mark {
                    c = c.map(|v| v * 0.7);
                }
                c.map(|v: f64| v.clamp(0.0, 255.0) as u8)
            })
            .collect()
    });
    let mut img = RgbImage::new(side, side);
    for (y, row) in rows.into_iter().enumerate() {
        for (x, c) in row.into_iter().enumerate() {
            img.put_pixel(x as u32, y as u32, Rgb(c));
        }
    }
    img
}
