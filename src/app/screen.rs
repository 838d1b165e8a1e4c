//! The one screen <-> photo transform of the canvas.

use crate::geometry::Point;
use crate::head::{Camera, ScalpChart};
use crate::render::ViewTransform;
use egui::Pos2;

/// Design coordinates <-> screen positions (egui points) for one frame: the view (photo pixels
/// to the canvas's physical pixels) composed with the canvas's place on screen and the display's
/// pixels per point. On a photo of a head design, the design's coordinates are its scalp map's:
/// a screen position is cast through the photo's camera onto the head, and a map position is
/// seen through it, so the tools draw on the head whichever photo shows it.
#[derive(Clone, Copy, Debug)]
pub struct ScreenPhoto {
    pub view: ViewTransform,
    /// Top-left of the canvas, screen points.
    pub origin: Pos2,
    /// Physical pixels per screen point.
    pub pixels_per_point: f64,
    /// The photo's camera, when the canvas shows a photo of a head design.
    pub head: Option<OnHead>,
}

/// A photo of the head: its camera and the scalp map the design is drawn on.
#[derive(Clone, Copy, Debug)]
pub struct OnHead {
    pub camera: Camera,
    pub chart: ScalpChart,
    pub map_mm_per_px: f64,
}

impl OnHead {
    /// The map pixel under photo pixel `q`: where its ray meets the head, or beside the head the
    /// nearest point of its outline (a stroke dragged off the head follows its edge).
    fn map_from_photo(&self, q: Point) -> Point {
        let (o, d) = self.camera.ray(q.x, q.y);
        let head = &self.chart.head;
        let p = head.intersect(o, d).unwrap_or_else(|| {
            // The ray's closest approach, brought onto the surface.
            let c = -(o.dot(d));
            let near = o + d * c.max(0.0);
            near.unscale(head.axes).normalized().scale(head.axes)
        });
        self.chart.to_chart(p) * (1.0 / self.map_mm_per_px)
    }

    /// The photo pixel where map pixel `p` is seen (beyond the map's edge: the head's centre).
    fn photo_from_map(&self, p: Point) -> Point {
        crate::head::chart_px_in_photo(&self.chart, self.map_mm_per_px, &self.camera, p)
            .or_else(|| {
                let (x, y) = self.camera.project(crate::head::V3::default())?;
                Some(Point::new(x, y))
            })
            .unwrap_or(Point::new(self.camera.cx_px, self.camera.cy_px))
    }
}

impl ScreenPhoto {
    /// The canvas's physical pixel under screen position `p`.
    pub fn canvas_px_from_screen(&self, p: Pos2) -> Point {
        Point::new(
            (p.x - self.origin.x) as f64 * self.pixels_per_point,
            (p.y - self.origin.y) as f64 * self.pixels_per_point,
        )
    }

    /// The design's point under screen position `p` (a photo pixel; on a photo of a head
    /// design, a scalp map pixel).
    pub fn photo_from_screen(&self, p: Pos2) -> Point {
        let q = self.picture_from_screen(p);
        match &self.head {
            Some(h) => h.map_from_photo(q),
            None => q,
        }
    }

    /// The pixel of the picture shown (a photo, or the scalp map) under screen position `p`,
    /// whatever the design's points are.
    pub fn picture_from_screen(&self, p: Pos2) -> Point {
        self.view.image_from_screen(self.canvas_px_from_screen(p))
    }

    /// Whether the design's point `p` can be seen: always on a photo or the scalp map; on a
    /// photo of the head, where the head faces the camera.
    pub fn seen(&self, p: Point) -> bool {
        match &self.head {
            None => true,
            Some(h) => h
                .chart
                .from_chart(p * h.map_mm_per_px)
                .is_some_and(|q| h.chart.head.seen_from(q, h.camera.centre())),
        }
    }

    /// The line through the design's points `points`, cut where the head hides it.
    pub fn seen_runs(&self, points: &[Point]) -> Vec<Vec<Pos2>> {
        let mut runs: Vec<Vec<Pos2>> = vec![Vec::new()];
        for &p in points {
            if self.seen(p) {
                runs.last_mut()
                    .expect("a run")
                    .push(self.screen_from_photo(p));
            } else if !runs.last().expect("a run").is_empty() {
                runs.push(Vec::new());
            }
        }
        runs.retain(|r| r.len() > 1);
        runs
    }

    /// Where the design's point `p` is on screen.
    pub fn screen_from_photo(&self, p: Point) -> Pos2 {
        let p = match &self.head {
            Some(h) => h.photo_from_map(p),
            None => p,
        };
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
            head: None,
        };
        let p = Point::new(1234.5, 678.25);
        let back = xf.photo_from_screen(xf.screen_from_photo(p));
        assert!(back.distance(p) < 1e-3, "{back:?}");
    }
}
