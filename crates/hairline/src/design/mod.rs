//! The design document: what a practitioner saves between sessions.
//!
//! Geometry is stored in photo pixel coordinates (so it stays on the photo whatever the
//! calibration); every length a practitioner types is in millimetres and every density in
//! impressions per cm². `docs/design-format.md` documents each field.

mod calibration;
mod error;
mod head;
mod io;
mod json_check;
pub mod params;
pub mod presets;
mod rescale;
mod types;
mod validate;

pub use calibration::Calibration;
pub use error::DesignError;
pub use head::{HeadModel, View};
pub use io::{
    FORMAT_NAME, FORMAT_VERSION, FileError, load_design, parse_design, save_design, to_json,
};
pub use params::Param;
pub use presets::preset_values;
pub use types::*;
pub use validate::{Limits, validate};
