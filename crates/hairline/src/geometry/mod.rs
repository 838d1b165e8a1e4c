//! Pure 2-D geometry: points, the hairline spline, polygons and brush strokes.
//!
//! Everything here works in one coordinate space chosen by the caller (the engine uses
//! millimetres, the document stores photo pixels); nothing here knows about units.

mod point;
mod polygon;
mod spline;

pub use point::{Point, Rect};
pub use polygon::{
    point_segment_distance_sq, polygon_area, polygon_contains, polygon_self_intersects,
};
pub use spline::{Polyline, catmull_rom, catmull_rom_by_length};
