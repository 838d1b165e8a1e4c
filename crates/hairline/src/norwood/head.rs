//! The worst case on the client's head: the template's stages read on the head model, the
//! client's hair now found in the head's photos and gathered on the scalp map, and the skin a
//! head design would leave bare and untreated, counted once per cm² of skin.
//!
//! The template's numbers (`super::stage`) are read on the head as a practitioner measures them:
//! the hairline's height (and the temples' recession) over the skin up the midline from the
//! glabella, as the studio's 7/8/10 cm guides are (the distance to the section square to the
//! midline through the point); the crown, the sides and the back as a photo from straight above
//! shows them (mm back from the glabella, mm off the midline); and skin below the head's widest
//! section, which a photo from above does not see, keeps its hair at every stage (the lower
//! horseshoe, round the ears and the nape).

use super::grid::{grid_of, hair_now};
use super::{FOREHEAD_MM, Stage, UNTREATED_BELOW, stage};
use crate::density::DensityField;
use crate::design::Design;
use crate::geometry::Point;
use crate::head::{Camera, HeadShape, ScalpChart, V3};
use image::RgbaImage;

/// The skin distance from the glabella up the midline to the section through `p` square to the
/// midline (the height guide `p` lies on), mm. `p` is on the head, above its widest section.
pub fn height_over_skin_mm(head: &HeadShape, p: V3) -> f64 {
    let a = head.axes;
    // The midline is (0, a.y sin t, a.z cos t); the section at t holds p when p - m(t) is square
    // to the midline's tangent there. Going from t = 0 (the glabella) to t = pi (the back) the
    // sign changes once for a point above the centre.
    let f = |t: f64| (p.y - a.y * t.sin()) * a.y * t.cos() - (p.z - a.z * t.cos()) * a.z * t.sin();
    let (mut lo, mut hi) = (0.0, std::f64::consts::PI);
    for _ in 0..48 {
        let mid = 0.5 * (lo + hi);
        if f(mid) > 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    midline_arc_mm(head, 0.5 * (lo + hi))
}

/// The midline's length from the glabella to its point at angle `t` (Simpson's rule; under a
/// micrometre off for a head's proportions).
fn midline_arc_mm(head: &HeadShape, t: f64) -> f64 {
    let a = head.axes;
    let speed = |s: f64| ((a.y * s.cos()).powi(2) + (a.z * s.sin()).powi(2)).sqrt();
    let n = 64;
    let h = t / n as f64;
    let sum: f64 = (0..=n)
        .map(|i| {
            let w = match i {
                0 => 1.0,
                _ if i == n => 1.0,
                _ if i % 2 == 1 => 4.0,
                _ => 2.0,
            };
            w * speed(i as f64 * h)
        })
        .sum();
    sum * h / 3.0
}

impl Stage {
    /// Whether the skin at `p` on `head` is bald at this stage (read as the module says; the
    /// forehead below a juvenile hairline is not counted: it never had hair).
    pub fn bald_on_head(&self, head: &HeadShape, p: V3) -> bool {
        let across = p.x.abs();
        // Seen from above: mm back from the glabella.
        let back = head.axes.z - p.z;
        if p.y <= 0.0 || across >= self.sides_mm || back >= self.back_mm {
            return false;
        }
        let height = height_over_skin_mm(head, p);
        if height < FOREHEAD_MM {
            return false;
        }
        if self.front_mm >= self.back_mm {
            // Stages 6 and 7: one bald area from the forehead to the horseshoe.
            return true;
        }
        let temple = crate::noise::smoothstep(20.0, 40.0, across);
        if height < self.front_mm + self.temples_mm * temple {
            return true;
        }
        (across * across + (back - self.vertex_at_mm).powi(2)).sqrt() < self.vertex_mm
    }
}

/// A photo's scale where it shows the head: mm per pixel at the skin under its centre (or at the
/// top of the head when the centre misses it).
pub fn photo_mm_per_px(head: &HeadShape, camera: &Camera, (w, h): (u32, u32)) -> f64 {
    let (o, d) = camera.ray(w as f64 / 2.0, h as f64 / 2.0);
    let p = head
        .intersect(o, d)
        .unwrap_or(V3::new(0.0, head.axes.y, 0.0));
    1.0 / camera.px_per_mm_at(p).max(1e-9)
}

/// The map's grid for the worst case, mm.
const STEP_MM: f64 = 1.0;

/// Where node `k` of a grid `side` nodes across is on the map, mm from its top-left corner.
fn node_mm(side: usize, k: usize) -> Point {
    Point::new((k % side) as f64 * STEP_MM, (k / side) as f64 * STEP_MM)
}

/// A photo sees the skin well enough to tell hair where it faces the camera at least this much
/// (the cosine of the angle between the skin's normal and the way to the camera): at grazing
/// angles a hair's speck and the skin's shading mix.
const MIN_FACING: f64 = 0.25;

/// The head at one stage: on the scalp map, where it is bald and where the client has hair now,
/// as the head's photos show it. Made once per stage, head and photos; a design's untreated skin
/// is cheap beside it.
pub struct HeadWorst {
    pub stage: u8,
    pub chart: ScalpChart,
    /// Nodes across and down the map, `STEP_MM` apart from its top-left corner.
    side: usize,
    bald: Vec<bool>,
    /// The hair now, by node: `None` where no photo sees the skin well.
    hair: Vec<Option<bool>>,
    /// `unseen_cm2`, worked out once: the studio's panel says it every frame.
    unseen_cm2: f64,
}

impl HeadWorst {
    /// The head of `chart` at stage `n`, its hair now found in `photos` (each with the camera it
    /// was registered with). Each node takes the photo that faces its skin most.
    pub fn new(chart: ScalpChart, n: u8, photos: &[(&RgbaImage, &Camera)]) -> HeadWorst {
        let st = stage(n);
        let side = (chart.side_mm() / STEP_MM).ceil() as usize + 1;
        // Each photo's hair, then each row of the map, on the cores there are: the stage is
        // shown only once this is done.
        let found: Vec<_> = crate::par::spread(photos.to_vec(), |(photo, camera)| {
            let mm = photo_mm_per_px(&chart.head, camera, photo.dimensions());
            let (step, size) = grid_of(photo, mm);
            let specks = crate::specks::speck_mask(photo, mm);
            let hair = hair_now(&specks, photo.width() as usize, step, size.0, size.1);
            (hair, step, size, *camera)
        });
        let rows = crate::par::spread((0..side).collect(), |j| {
            let mut bald = vec![false; side];
            let mut hair = vec![None; side];
            for i in 0..side {
                let Some(p) = chart.from_chart(node_mm(side, j * side + i)) else {
                    continue;
                };
                bald[i] = st.bald_on_head(&chart.head, p);
                let normal = chart.head.normal(p);
                let best = found
                    .iter()
                    .filter_map(|(grid, step, (gw, gh), camera)| {
                        let eye = camera.centre();
                        let facing = normal.dot((eye - p).normalized());
                        if facing < MIN_FACING || !chart.head.seen_from(p, eye) {
                            return None;
                        }
                        let (x, y) = camera.project(p)?;
                        let (gi, gj) = ((x / step).round(), (y / step).round());
                        (gi >= 0.0 && gj >= 0.0 && (gi as usize) < *gw && (gj as usize) < *gh)
                            .then(|| (facing, grid[gj as usize * gw + gi as usize]))
                    })
                    .max_by(|a, b| a.0.total_cmp(&b.0));
                hair[i] = best.map(|b| b.1);
            }
            (bald, hair)
        });
        let (bald, hair): (Vec<Vec<bool>>, Vec<Vec<Option<bool>>>) = rows.into_iter().unzip();
        let (bald, hair) = (bald.concat(), hair.concat());
        let mut worst = HeadWorst {
            stage: n.clamp(1, 7),
            chart,
            side,
            bald,
            hair,
            unseen_cm2: 0.0,
        };
        worst.unseen_cm2 = worst.area_cm2(|k| worst.bald[k] && worst.hair[k].is_none());
        worst
    }

    fn node(&self, q_mm: Point) -> Option<usize> {
        let (i, j) = ((q_mm.x / STEP_MM).round(), (q_mm.y / STEP_MM).round());
        (i >= 0.0 && j >= 0.0 && (i as usize) < self.side && (j as usize) < self.side)
            .then(|| j as usize * self.side + i as usize)
    }

    /// Whether node `k` has hair now that is bald at this stage.
    fn loses(&self, k: usize) -> bool {
        self.bald[k] && self.hair[k] == Some(true)
    }

    /// Whether the client's hair at map point `q_mm` would be lost at this stage (hair there now,
    /// bald then).
    pub fn lost_at(&self, q_mm: Point) -> bool {
        self.node(q_mm).is_some_and(|k| self.loses(k))
    }

    /// Skin area of the map's nodes where `keep` holds, cm².
    fn area_cm2(&self, keep: impl Fn(usize) -> bool) -> f64 {
        let cell_cm2 = (STEP_MM / 10.0).powi(2);
        (0..self.bald.len())
            .filter(|&k| keep(k))
            .map(|k| cell_cm2 * self.chart.skin_per_chart(node_mm(self.side, k)))
            // From +0: an empty sum of floats is -0, which would print as "-0.0 cm2".
            .fold(0.0, |a, b| a + b)
    }

    /// The skin bald at this stage, cm².
    pub fn bald_cm2(&self) -> f64 {
        self.area_cm2(|k| self.bald[k])
    }

    /// The client's hair that would be lost, cm².
    pub fn lost_cm2(&self) -> f64 {
        self.area_cm2(|k| self.loses(k))
    }

    /// The skin bald at this stage that no photo shows well enough to tell whether there is
    /// hair on it now, cm²: the worst case cannot say whether it would be lost.
    pub fn unseen_cm2(&self) -> f64 {
        self.unseen_cm2
    }

    /// Where variant `vi` of head design `design` would leave the lost hair's skin bare (under
    /// `UNTREATED_BELOW` impressions per cm² of skin), by node, and its skin area in cm².
    pub fn untreated(&self, design: &Design, vi: usize) -> (Vec<bool>, f64) {
        let field = DensityField::build(design, &design.variants[vi]);
        let red: Vec<bool> = (0..self.bald.len())
            .map(|k| {
                let q = node_mm(self.side, k);
                // The field is per map area: per cm² of skin through the map's skin factor.
                self.loses(k)
                    && field.density_at(q) < UNTREATED_BELOW * self.chart.skin_per_chart(q)
            })
            .collect();
        let cm2 = self.area_cm2(|k| red[k]);
        (red, cm2)
    }

    /// Whether `red` (from `untreated`) holds at map point `q_mm`.
    pub fn red_at(&self, red: &[bool], q_mm: Point) -> bool {
        self.node(q_mm).is_some_and(|k| red[k])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::head::{Measurements, midline_point};

    fn head() -> HeadShape {
        HeadShape::from_measurements(Measurements::ADULT_MALE)
    }

    #[test]
    fn the_height_over_the_skin_is_the_height_guides() {
        let h = head();
        for mm in [40.0, 70.0, 80.0, 100.0, 150.0, 220.0] {
            let (m, _) = midline_point(&h, mm);
            assert!((height_over_skin_mm(&h, m) - mm).abs() < 0.2, "{mm}");
            // Off the midline, on the same section: the same height.
            for g in crate::head::height_guide(&h, mm.min(120.0)) {
                if g.y > 0.0 {
                    let got = height_over_skin_mm(&h, g);
                    assert!((got - mm.min(120.0)).abs() < 0.5, "{mm}: {got}");
                }
            }
        }
    }

    #[test]
    fn the_hairline_is_read_up_the_skin_and_the_lower_horseshoe_stays() {
        let h = head();
        // Stage 2's hairline is 78 mm up the midline over the skin; the forehead below the 70 mm
        // guide never had hair; stage 1 has lost none.
        let two = stage(2);
        let at = |mm: f64| midline_point(&h, mm).0;
        assert!(!two.bald_on_head(&h, at(69.0)));
        assert!(two.bald_on_head(&h, at(71.0)) && two.bald_on_head(&h, at(77.0)));
        assert!(!two.bald_on_head(&h, at(79.0)));
        assert!(!stage(1).bald_on_head(&h, at(71.0)));
        // Under the widest section (round the ears, the nape) hair stays at stage 7.
        let seven = stage(7);
        let a = h.axes;
        for s in [V3::new(0.0, -0.1, -1.0), V3::new(0.5, -0.2, -0.8)] {
            let p = s.normalized().scale(a);
            assert!(!seven.bald_on_head(&h, p), "{p:?}");
        }
        // The top of the head is bald at stage 7, not at stage 1.
        let top = V3::new(0.0, a.y, 0.0);
        assert!(seven.bald_on_head(&h, top) && !stage(1).bald_on_head(&h, top));
    }
}
