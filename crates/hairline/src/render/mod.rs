//! Preview rendering: dots composited on the photo as they would look in the skin.

mod arabic;
mod composite;
mod export;
mod impression;
mod look;
mod pyramid;
mod text;

pub use composite::{ViewTransform, render_view};
pub use export::{Caption, ExportKind, export_composite, export_design};
pub use impression::{Impression, MAX_LOOK_SESSIONS, SessionLook, impressions, session_looks};
pub use look::{HEALED_AFTER_DAYS, Look, PreviewOptions, SessionView};
pub use pyramid::PhotoPyramid;
pub use text::{EXTRA_FONTS, draw_text, shape_for_drawing, text_width};
