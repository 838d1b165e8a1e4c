//! Dot generation: the impressions a practitioner will place, session by session.

mod generate;
mod quality;
mod stats;
mod tile;

pub use generate::{Dot, DotSet, SessionThresholds, generate};
pub use quality::{SpacingSummary, spacing_ratios, summarize};
pub use stats::{ScarStats, Stats, ZoneStats, stats};
pub use tile::{MAX_DENSITY_PER_CM2, TILE_MM, TILE_POINTS, Tile, TilePoint, ranked_points, tile};
