//! Dot generation: the impressions a practitioner will place, session by session.

pub mod analysis;
mod candidates;
mod darts;
pub mod export;
mod generate;
mod quality;
mod session_view;
mod stats;
mod tile;
mod warped;

pub use darts::ranked_by_shrinking_darts;
pub use generate::{Dot, DotSet, Made, SessionThresholds, generate};
pub use quality::{
    SpacingSummary, ideal_spacing_mm, mean_spacing_mm, mean_spacing_ratios, nearest_neighbours,
    spacing_ratios, summarize,
};
pub use session_view::SessionView;
pub use stats::{ScarStats, Stats, ZoneStats, stats};
pub use tile::{
    MAX_DENSITY_PER_CM2, Tile, TilePoint, TileSpec, construct_tile_bytes, ranked_points,
    shipped_tile_bytes, tile,
};
pub use warped::{Warp, generate_warped};
