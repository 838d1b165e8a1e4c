//! A pinhole camera: where a point of the head frame appears in a photo, and the ray behind a
//! pixel.
//!
//! Camera space follows the photo: x to the right, y down, z away from the camera into the
//! scene. `camera_from_head` maps the head frame into it.

use super::vec3::{Rot, V3};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    pub rotation: Rot,
    pub translation: V3,
    /// Focal length in pixels.
    pub focal_px: f64,
    /// Principal point (the photo's centre for phone photos).
    pub cx_px: f64,
    pub cy_px: f64,
}

/// A phone's "35 mm equivalent" focal length in pixels for a photo of `width` x `height` px: the
/// 35 mm frame's diagonal is 43.27 mm.
pub fn focal_px_from_35mm(f35_mm: f64, width_px: f64, height_px: f64) -> f64 {
    f35_mm * (width_px * width_px + height_px * height_px).sqrt() / 43.27
}

/// A phone's main camera when the photo says nothing: 26 mm equivalent.
pub const DEFAULT_F35_MM: f64 = 26.0;

impl Camera {
    /// A camera at `eye` (head frame, mm) looking at `target`, with `up` pointing up in the
    /// photo.
    pub fn look_at(eye: V3, target: V3, up: V3, focal_px: f64, size_px: (f64, f64)) -> Camera {
        let forward = (target - eye).normalized();
        let right = forward.cross(up).normalized();
        let down = forward.cross(right);
        let rotation = Rot {
            rows: [right, down, forward],
        };
        Camera {
            rotation,
            translation: -rotation.apply(eye),
            focal_px,
            cx_px: size_px.0 / 2.0,
            cy_px: size_px.1 / 2.0,
        }
    }

    pub fn to_camera(&self, p: V3) -> V3 {
        self.rotation.apply(p) + self.translation
    }

    /// The camera's centre in the head frame.
    pub fn centre(&self) -> V3 {
        -self.rotation.transpose().apply(self.translation)
    }

    /// Where `p` (head frame) appears in the photo, or `None` behind the camera.
    pub fn project(&self, p: V3) -> Option<(f64, f64)> {
        let c = self.to_camera(p);
        (c.z > 1e-6).then(|| {
            (
                self.focal_px * c.x / c.z + self.cx_px,
                self.focal_px * c.y / c.z + self.cy_px,
            )
        })
    }

    /// The ray behind photo pixel (x, y): its origin (the camera centre) and unit direction, in
    /// the head frame.
    pub fn ray(&self, x_px: f64, y_px: f64) -> (V3, V3) {
        let d = V3::new(
            (x_px - self.cx_px) / self.focal_px,
            (y_px - self.cy_px) / self.focal_px,
            1.0,
        );
        (
            self.centre(),
            self.rotation.transpose().apply(d).normalized(),
        )
    }

    /// Photo pixels per millimetre of a small object at `p` held square to the camera.
    pub fn px_per_mm_at(&self, p: V3) -> f64 {
        self.focal_px / self.to_camera(p).z
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projects_and_casts_back() {
        let cam = Camera::look_at(
            V3::new(0.0, 0.0, 600.0),
            V3::default(),
            V3::new(0.0, 1.0, 0.0),
            3000.0,
            (3000.0, 4000.0),
        );
        // The client's left (+x) is on the photo's right, up is up.
        let (x, y) = cam.project(V3::new(10.0, 20.0, 0.0)).unwrap();
        assert!((x - (1500.0 + 50.0)).abs() < 1e-9 && (y - (2000.0 - 100.0)).abs() < 1e-9);
        let (o, d) = cam.ray(x, y);
        let t = -o.z / d.z;
        assert!(((o + d * t) - V3::new(10.0, 20.0, 0.0)).norm() < 1e-9);
        assert!((cam.centre() - V3::new(0.0, 0.0, 600.0)).norm() < 1e-9);
        assert!(cam.project(V3::new(0.0, 0.0, 700.0)).is_none());
        // A 26 mm equivalent on a 4:3 12 MP photo.
        let f = focal_px_from_35mm(26.0, 4032.0, 3024.0);
        assert!((f - 3029.0).abs() < 2.0, "{f}");
    }
}
