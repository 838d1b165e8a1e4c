//! The head as an ellipsoid in millimetres, sized from what a practitioner can measure.
//!
//! Frame (the "head frame"): origin at the ellipsoid's centre, which sits at the height of the
//! glabella; x to the client's left (the viewer's right when facing the client), y up, z forward
//! out of the face. The upper head (the scalp) is the part of the ellipsoid above the brow and
//! ears; the face below is not modelled, only its landmarks, as offsets from a template.

use super::vec3::V3;
use std::f64::consts::PI;

/// What can be measured on a client with a tape, a calliper or a photo with a ruler (mm).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Measurements {
    /// Glabella to the back of the head (maximum head length).
    pub length_mm: f64,
    /// Maximum breadth above the ears.
    pub breadth_mm: f64,
    /// Ear opening (tragion) to the top of the head.
    pub height_mm: f64,
    /// Distance between the pupils.
    pub pupils_mm: f64,
}

impl Measurements {
    /// ANSUR II means (../docs/head-model.md): men.
    pub const ADULT_MALE: Measurements = Measurements {
        length_mm: 199.5,
        breadth_mm: 154.3,
        height_mm: 131.0,
        pupils_mm: 64.0,
    };
    /// ANSUR II means: women.
    pub const ADULT_FEMALE: Measurements = Measurements {
        length_mm: 189.8,
        breadth_mm: 147.8,
        height_mm: 127.0,
        pupils_mm: 61.7,
    };

    /// The means scaled so that the circumference (taken just above the brow ridges, the tape's
    /// usual path) is `circumference_mm`, for a client measured with a tape alone.
    pub fn from_circumference(base: Measurements, circumference_mm: f64) -> Measurements {
        let k = circumference_mm / HeadShape::from_measurements(base).circumference_mm();
        Measurements {
            length_mm: base.length_mm * k,
            breadth_mm: base.breadth_mm * k,
            height_mm: base.height_mm * k,
            pupils_mm: base.pupils_mm,
        }
    }
}

/// The ellipsoid's centre sits this far above the ear openings: the glabella, the front end of
/// the head's length, is at about the height of the top of the ear's attachment, some 30 mm above
/// the ear canal (a template estimate; the fit refines it).
pub const CENTRE_ABOVE_TRAGION_MM: f64 = 30.0;
/// The ear openings sit this far behind the centre's coronal plane (template estimate).
pub const TRAGION_BEHIND_CENTRE_MM: f64 = 5.0;

/// An ellipsoid model of the upper head.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HeadShape {
    /// Semi-axes: half breadth (x), height above the centre (y), half length (z).
    pub axes: V3,
    pub pupils_mm: f64,
}

/// A named point of the face or head that a practitioner can click in a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Landmark {
    Glabella,
    Nasion,
    PupilRight,
    PupilLeft,
    InnerEyeRight,
    InnerEyeLeft,
    OuterEyeRight,
    OuterEyeLeft,
    NoseTip,
    NoseBase,
    TragionRight,
    TragionLeft,
    EarTopRight,
    EarTopLeft,
}

impl Landmark {
    pub const ALL: [Landmark; 14] = [
        Landmark::Glabella,
        Landmark::Nasion,
        Landmark::PupilRight,
        Landmark::PupilLeft,
        Landmark::InnerEyeRight,
        Landmark::InnerEyeLeft,
        Landmark::OuterEyeRight,
        Landmark::OuterEyeLeft,
        Landmark::NoseTip,
        Landmark::NoseBase,
        Landmark::TragionRight,
        Landmark::TragionLeft,
        Landmark::EarTopRight,
        Landmark::EarTopLeft,
    ];

    /// The name used in design files and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Landmark::Glabella => "glabella",
            Landmark::Nasion => "nasion",
            Landmark::PupilRight => "pupil right",
            Landmark::PupilLeft => "pupil left",
            Landmark::InnerEyeRight => "inner eye corner right",
            Landmark::InnerEyeLeft => "inner eye corner left",
            Landmark::OuterEyeRight => "outer eye corner right",
            Landmark::OuterEyeLeft => "outer eye corner left",
            Landmark::NoseTip => "nose tip",
            Landmark::NoseBase => "base of the nose",
            Landmark::TragionRight => "ear opening right",
            Landmark::TragionLeft => "ear opening left",
            Landmark::EarTopRight => "top of the ear right",
            Landmark::EarTopLeft => "top of the ear left",
        }
    }

    pub fn from_name(name: &str) -> Option<Landmark> {
        Landmark::ALL.into_iter().find(|l| l.name() == name)
    }
}

/// Face landmarks of the template (mean adult), relative to the glabella, for a 64 mm pupil
/// distance: (x, y, z) with x towards the client's left. From anthropometric averages
/// (docs/head-model.md); scaled by the client's pupil distance.
fn face_offset(l: Landmark) -> Option<V3> {
    Some(match l {
        Landmark::Glabella => V3::new(0.0, 0.0, 0.0),
        Landmark::Nasion => V3::new(0.0, -12.0, -8.0),
        Landmark::PupilRight => V3::new(-32.0, -24.0, -14.0),
        Landmark::PupilLeft => V3::new(32.0, -24.0, -14.0),
        Landmark::InnerEyeRight => V3::new(-16.0, -27.0, -18.0),
        Landmark::InnerEyeLeft => V3::new(16.0, -27.0, -18.0),
        Landmark::OuterEyeRight => V3::new(-46.0, -26.0, -32.0),
        Landmark::OuterEyeLeft => V3::new(46.0, -26.0, -32.0),
        Landmark::NoseTip => V3::new(0.0, -58.0, 12.0),
        Landmark::NoseBase => V3::new(0.0, -72.0, -2.0),
        _ => return None,
    })
}

impl HeadShape {
    pub fn from_measurements(m: Measurements) -> HeadShape {
        HeadShape {
            axes: V3::new(
                m.breadth_mm / 2.0,
                m.height_mm - CENTRE_ABOVE_TRAGION_MM,
                m.length_mm / 2.0,
            ),
            pupils_mm: m.pupils_mm,
        }
    }

    /// The head uniformly scaled by `k` (a head's size solved from the photos).
    pub fn scaled(&self, k: f64) -> HeadShape {
        HeadShape {
            axes: self.axes * k,
            pupils_mm: self.pupils_mm * k,
        }
    }

    /// The same face on a skull of other semi-axes (a head's shape fitted to its photos).
    pub fn with_axes(&self, axes: V3) -> HeadShape {
        HeadShape { axes, ..*self }
    }

    /// What a practitioner would measure on this head: the inverse of `from_measurements`.
    pub fn measurements(&self) -> Measurements {
        Measurements {
            length_mm: self.axes.z * 2.0,
            breadth_mm: self.axes.x * 2.0,
            height_mm: self.axes.y + CENTRE_ABOVE_TRAGION_MM,
            pupils_mm: self.pupils_mm,
        }
    }

    /// The circumference of the horizontal section through the centre (Ramanujan's ellipse
    /// perimeter; exact to far below a millimetre for a head's proportions).
    pub fn circumference_mm(&self) -> f64 {
        let (a, b) = (self.axes.x, self.axes.z);
        PI * (3.0 * (a + b) - ((3.0 * a + b) * (a + 3.0 * b)).sqrt())
    }

    /// The landmark's position in the head frame.
    pub fn landmark(&self, l: Landmark) -> V3 {
        let glabella = V3::new(0.0, 0.0, self.axes.z);
        if let Some(offset) = face_offset(l) {
            return glabella + offset * (self.pupils_mm / 64.0);
        }
        let side = match l {
            Landmark::TragionRight | Landmark::EarTopRight => -1.0,
            _ => 1.0,
        };
        let y = match l {
            Landmark::EarTopRight | Landmark::EarTopLeft => -2.0,
            _ => -CENTRE_ABOVE_TRAGION_MM,
        };
        let z = -TRAGION_BEHIND_CENTRE_MM;
        // On the ellipsoid's surface at that height and depth: the ear openings lie on the side
        // of the skull the ellipsoid fits.
        let a = self.axes;
        let x = a.x
            * (1.0 - (y / a.y).powi(2) - (z / a.z).powi(2))
                .max(0.0)
                .sqrt();
        V3::new(side * x, y, z)
    }

    /// The outward unit normal at a point on the surface.
    pub fn normal(&self, p: V3) -> V3 {
        let a = self.axes;
        p.unscale(a.scale(a)).normalized()
    }

    /// Whether the skin at surface point `p` faces an eye at `eye` (the ellipsoid is convex:
    /// facing is being seen, but for what stands out of it; see `seen_from`).
    pub fn faces(&self, p: V3, eye: V3) -> bool {
        self.normal(p).dot(eye - p) > 0.0
    }

    /// The ears as the model has them: an ellipsoid each (centre, semi-axes), 60 mm tall and
    /// 34 mm front to back, set on the side of the skull behind and above the ear opening and
    /// standing out from it by about 7 mm (template sizes: the mannequin renders the same).
    pub fn ears(&self) -> [(V3, V3); 2] {
        [Landmark::TragionLeft, Landmark::TragionRight].map(|l| {
            let t = self.landmark(l);
            (
                V3::new(t.x * 1.02, t.y + 12.0, t.z - 9.0),
                V3::new(7.0, 30.0, 17.0),
            )
        })
    }

    /// Whether an ear stands between an eye at `eye` and the skin at `p`: on a side photo the
    /// ear covers the skin just behind and around it, where the scalp is often treated.
    pub fn ears_hide(&self, p: V3, eye: V3) -> bool {
        let d = p - eye;
        self.ears().iter().any(|&(c, a)| {
            let (o, dd) = ((eye - c).unscale(a), d.unscale(a));
            let (qa, qb, qc) = (dd.dot(dd), 2.0 * o.dot(dd), o.dot(o) - 1.0);
            let disc = qb * qb - 4.0 * qa * qc;
            if disc < 0.0 || qa < 1e-12 {
                return false;
            }
            // The ray enters the ear before it reaches the skin (skin under the ear, where
            // it is attached, is inside it and so covered too).
            let t = (-qb - disc.sqrt()) / (2.0 * qa);
            t > 0.0 && t < 1.0 - 1e-9
        })
    }

    /// Whether the skin at surface point `p` can be seen from `eye`: it faces the eye and no
    /// ear is in the way.
    pub fn seen_from(&self, p: V3, eye: V3) -> bool {
        self.faces(p, eye) && !self.ears_hide(p, eye)
    }

    /// The first point where the ray `origin + t dir` (t > 0) meets the ellipsoid.
    pub fn intersect(&self, origin: V3, dir: V3) -> Option<V3> {
        // In the space where the ellipsoid is the unit sphere.
        let o = origin.unscale(self.axes);
        let d = dir.unscale(self.axes);
        let (a, b, c) = (d.dot(d), 2.0 * o.dot(d), o.dot(o) - 1.0);
        let disc = b * b - 4.0 * a * c;
        if disc < 0.0 {
            return None;
        }
        let sq = disc.sqrt();
        let t = [(-b - sq) / (2.0 * a), (-b + sq) / (2.0 * a)]
            .into_iter()
            .find(|&t| t > 1e-9)?;
        Some(origin + dir * t)
    }

    /// How far the line through `origin` along `dir` passes from the surface, in the unit-sphere
    /// space scaled back to millimetres by the mean semi-axis: zero when the line grazes the head
    /// (a point of its outline), negative when it goes through it.
    pub fn outline_gap_mm(&self, origin: V3, dir: V3) -> f64 {
        let o = origin.unscale(self.axes);
        let d = dir.unscale(self.axes);
        let dist = o.cross(d).norm() / d.norm();
        (dist - 1.0) * (self.axes.x + self.axes.y + self.axes.z) / 3.0
    }

    /// The surface area of the ellipsoid above the centre's horizontal plane (Knud Thomsen's
    /// approximation, within about 1 %), in cm².
    pub fn upper_area_cm2(&self) -> f64 {
        let p = 1.6075;
        let (a, b, c) = (self.axes.x, self.axes.y, self.axes.z);
        let m = ((a * b).powf(p) + (a * c).powf(p) + (b * c).powf(p)) / 3.0;
        2.0 * PI * m.powf(1.0 / p) / 100.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_head_matches_the_tape_and_the_scalp_area() {
        let h = HeadShape::from_measurements(Measurements::ADULT_MALE);
        // ANSUR's circumference (574 mm) follows the skull's bulges; the ellipse section is
        // within 3 % of it.
        let c = h.circumference_mm();
        assert!((c - 574.0).abs() / 574.0 < 0.03, "{c}");
        // The scalp (about 490 cm²) is most of the upper half-ellipsoid.
        let a = h.upper_area_cm2();
        assert!((500.0..600.0).contains(&a), "{a}");
        let m = Measurements::from_circumference(Measurements::ADULT_MALE, 600.0);
        let c = HeadShape::from_measurements(m).circumference_mm();
        assert!((c - 600.0).abs() < 0.01, "{c}");
    }

    #[test]
    fn rays_meet_the_surface_and_outlines_graze_it() {
        let h = HeadShape::from_measurements(Measurements::ADULT_FEMALE);
        let p = h
            .intersect(V3::new(0.0, 0.0, 500.0), V3::new(0.0, 0.0, -1.0))
            .unwrap();
        assert!((p - V3::new(0.0, 0.0, h.axes.z)).norm() < 1e-9);
        assert!(
            h.intersect(V3::new(0.0, 0.0, 500.0), V3::new(0.0, 1.0, 0.0))
                .is_none()
        );
        // A line just touching the top of the head.
        let gap = h.outline_gap_mm(V3::new(0.0, h.axes.y, 500.0), V3::new(0.0, 0.0, -1.0));
        assert!(gap.abs() < 1e-9, "{gap}");
        let gap = h.outline_gap_mm(
            V3::new(0.0, h.axes.y + 10.0, 500.0),
            V3::new(0.0, 0.0, -1.0),
        );
        assert!(gap > 5.0, "{gap}");
        // Landmarks on the sides lie on the surface.
        let t = h.landmark(Landmark::TragionLeft);
        let s = t.unscale(h.axes);
        assert!((s.norm() - 1.0).abs() < 1e-9);
        assert!(t.x > 60.0);
    }
}
