//! One client, one head: an ellipsoid model of the scalp in millimetres, cameras registered to
//! it from the practitioner's clicks, and the scalp map on which a head design's dots are made
//! once per head, then seen in every photo.
//!
//! The model, its numbers and its limits: docs/head-model.md.

mod camera;
mod chart;
mod guides;
mod mannequin;
mod on_head;
mod register;
mod sample;
mod shape;
mod skin_chart;
mod skin_quality;
mod solve;
mod vec3;

pub use camera::{Camera, DEFAULT_F35_MM, focal_px_from_35mm};
pub use chart::ScalpChart;
pub use guides::{height_guide, midline, midline_point, temple_lines};
pub use mannequin::{mannequin_photo, mannequin_photo_at, scalp_map_image};
pub use on_head::{
    SeenDot, cast_to_chart, chart_px_in_photo, chart_px_to_head, dots_in_view, generate_on_head,
    seen_dots, set_chart_frame,
};
pub use register::{
    Clicked, Clicks, OFF_PX, RegisterError, Registration, ViewInput, ViewKind, click_off,
    fit_head_shape, register, register_views,
};
pub use sample::{SAMPLE_SIZE, exact_clicks, faces, outline_points, pen_dots, sample_views};
pub use shape::{HeadShape, Landmark, Measurements};
pub use skin_chart::{SkinChart, WARP_CELL_MM, build_warp, skin_warp};
pub use skin_quality::{BANDS, BandQuality, band_skin, measure_bands, polar_deg};
pub use vec3::{Rot, V3};
