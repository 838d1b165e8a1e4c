//! Three-vectors and rotations in millimetres, just what the head model needs (a linear-algebra
//! crate would bring far more than these few operations).

use std::ops::{Add, Div, Mul, Neg, Sub};

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct V3 {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

impl V3 {
    pub const fn new(x: f64, y: f64, z: f64) -> V3 {
        V3 { x, y, z }
    }
    pub fn dot(self, o: V3) -> f64 {
        self.x * o.x + self.y * o.y + self.z * o.z
    }
    pub fn cross(self, o: V3) -> V3 {
        V3::new(
            self.y * o.z - self.z * o.y,
            self.z * o.x - self.x * o.z,
            self.x * o.y - self.y * o.x,
        )
    }
    pub fn norm(self) -> f64 {
        self.dot(self).sqrt()
    }
    pub fn normalized(self) -> V3 {
        self / self.norm()
    }

    /// Two unit vectors square to this one (a unit vector) and to each other: axes of the plane
    /// it is the normal of.
    pub fn basis(self) -> (V3, V3) {
        let helper = if self.x.abs() < 0.9 {
            V3::new(1.0, 0.0, 0.0)
        } else {
            V3::new(0.0, 1.0, 0.0)
        };
        let e1 = self.cross(helper).normalized();
        (e1, self.cross(e1))
    }
    /// Component-wise product (scaling by the ellipsoid's semi-axes).
    pub fn scale(self, o: V3) -> V3 {
        V3::new(self.x * o.x, self.y * o.y, self.z * o.z)
    }
    /// Component-wise quotient.
    pub fn unscale(self, o: V3) -> V3 {
        V3::new(self.x / o.x, self.y / o.y, self.z / o.z)
    }
}

impl Add for V3 {
    type Output = V3;
    fn add(self, o: V3) -> V3 {
        V3::new(self.x + o.x, self.y + o.y, self.z + o.z)
    }
}
impl Sub for V3 {
    type Output = V3;
    fn sub(self, o: V3) -> V3 {
        V3::new(self.x - o.x, self.y - o.y, self.z - o.z)
    }
}
impl Mul<f64> for V3 {
    type Output = V3;
    fn mul(self, s: f64) -> V3 {
        V3::new(self.x * s, self.y * s, self.z * s)
    }
}
impl Div<f64> for V3 {
    type Output = V3;
    fn div(self, s: f64) -> V3 {
        V3::new(self.x / s, self.y / s, self.z / s)
    }
}
impl Neg for V3 {
    type Output = V3;
    fn neg(self) -> V3 {
        V3::new(-self.x, -self.y, -self.z)
    }
}

/// A rotation matrix, stored by rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rot {
    pub rows: [V3; 3],
}

impl Rot {
    pub const IDENTITY: Rot = Rot {
        rows: [
            V3::new(1.0, 0.0, 0.0),
            V3::new(0.0, 1.0, 0.0),
            V3::new(0.0, 0.0, 1.0),
        ],
    };

    /// The rotation by `|w|` radians about `w` (Rodrigues' formula).
    pub fn from_axis_angle(w: V3) -> Rot {
        let angle = w.norm();
        if angle < 1e-12 {
            return Rot::IDENTITY;
        }
        let k = w / angle;
        let (s, c) = angle.sin_cos();
        let t = 1.0 - c;
        Rot {
            rows: [
                V3::new(
                    c + k.x * k.x * t,
                    k.x * k.y * t - k.z * s,
                    k.x * k.z * t + k.y * s,
                ),
                V3::new(
                    k.y * k.x * t + k.z * s,
                    c + k.y * k.y * t,
                    k.y * k.z * t - k.x * s,
                ),
                V3::new(
                    k.z * k.x * t - k.y * s,
                    k.z * k.y * t + k.x * s,
                    c + k.z * k.z * t,
                ),
            ],
        }
    }

    /// The axis-angle vector of this rotation (inverse of `from_axis_angle`).
    pub fn axis_angle(&self) -> V3 {
        let [r0, r1, r2] = self.rows;
        let cos = ((r0.x + r1.y + r2.z - 1.0) / 2.0).clamp(-1.0, 1.0);
        let angle = cos.acos();
        let v = V3::new(r2.y - r1.z, r0.z - r2.x, r1.x - r0.y);
        if angle < 1e-9 {
            return v / 2.0;
        }
        if std::f64::consts::PI - angle < 1e-6 {
            // Half-turn: the axis is the column of R + I with the largest norm.
            let cols = [
                V3::new(r0.x + 1.0, r1.x, r2.x),
                V3::new(r0.y, r1.y + 1.0, r2.y),
                V3::new(r0.z, r1.z, r2.z + 1.0),
            ];
            let best = cols
                .into_iter()
                .max_by(|a, b| a.norm().total_cmp(&b.norm()))
                .unwrap_or(V3::new(1.0, 0.0, 0.0));
            return best.normalized() * angle;
        }
        v * (angle / (2.0 * angle.sin()))
    }

    pub fn apply(&self, v: V3) -> V3 {
        V3::new(
            self.rows[0].dot(v),
            self.rows[1].dot(v),
            self.rows[2].dot(v),
        )
    }

    pub fn transpose(&self) -> Rot {
        let [a, b, c] = self.rows;
        Rot {
            rows: [
                V3::new(a.x, b.x, c.x),
                V3::new(a.y, b.y, c.y),
                V3::new(a.z, b.z, c.z),
            ],
        }
    }

    pub fn then(&self, after: &Rot) -> Rot {
        // (after * self) by rows: row i of the product is after.row_i * self.
        let t = self.transpose();
        Rot {
            rows: after.rows.map(|r| t.apply(r)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_angle_round_trips() {
        for w in [
            V3::new(0.3, -0.2, 0.9),
            V3::new(0.0, 0.0, 0.0),
            V3::new(0.0, 3.1, 0.0),
            V3::new(-2.0, 1.0, 0.5),
        ] {
            let r = Rot::from_axis_angle(w);
            let back = Rot::from_axis_angle(r.axis_angle());
            for (a, b) in r.rows.iter().zip(back.rows.iter()) {
                assert!((*a - *b).norm() < 1e-9, "{w:?}");
            }
            // Orthonormal.
            let p = r.then(&r.transpose());
            assert!((p.apply(V3::new(1.0, 2.0, 3.0)) - V3::new(1.0, 2.0, 3.0)).norm() < 1e-9);
        }
    }

    #[test]
    fn composition_applies_in_order() {
        let a = Rot::from_axis_angle(V3::new(0.0, 0.0, 1.0)); // about z
        let b = Rot::from_axis_angle(V3::new(1.0, 0.0, 0.0)); // about x
        let v = V3::new(0.3, 0.5, -0.7);
        let ab = a.then(&b);
        assert!((ab.apply(v) - b.apply(a.apply(v))).norm() < 1e-12);
    }
}
