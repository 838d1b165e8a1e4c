//! The one screen <-> photo transform of the canvas.

use crate::geometry::Point;
use crate::render::ViewTransform;
use egui::Pos2;

/// Photo pixels <-> screen positions (egui points) for one frame: the view (photo pixels to
/// the canvas's physical pixels) composed with the canvas's place on screen and the display's
/// pixels per point.
#[derive(Clone, Copy, Debug)]
pub struct ScreenPhoto {
    pub view: ViewTransform,
    /// Top-left of the canvas, screen points.
    pub origin: Pos2,
    /// Physical pixels per screen point.
    pub pixels_per_point: f64,
}

impl ScreenPhoto {
    /// The canvas's physical pixel under screen position `p`.
    pub fn canvas_px_from_screen(&self, p: Pos2) -> Point {
        Point::new(
            (p.x - self.origin.x) as f64 * self.pixels_per_point,
            (p.y - self.origin.y) as f64 * self.pixels_per_point,
        )
    }

    /// The photo pixel under screen position `p`.
    pub fn photo_from_screen(&self, p: Pos2) -> Point {
        self.view.image_from_screen(self.canvas_px_from_screen(p))
    }

    /// Where photo pixel `p` is on screen.
    pub fn screen_from_photo(&self, p: Point) -> Pos2 {
        let q = self.view.screen_from_image(p);
        Pos2::new(
            self.origin.x + (q.x / self.pixels_per_point) as f32,
            self.origin.y + (q.y / self.pixels_per_point) as f32,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn screen_and_photo_round_trip() {
        let xf = ScreenPhoto {
            view: ViewTransform {
                scale: 0.37,
                origin_px: Point::new(120.0, -40.0),
            },
            origin: Pos2::new(290.0, 24.0),
            pixels_per_point: 1.5,
        };
        let p = Point::new(1234.5, 678.25);
        let back = xf.photo_from_screen(xf.screen_from_photo(p));
        assert!(back.distance(p) < 1e-3, "{back:?}");
    }
}
