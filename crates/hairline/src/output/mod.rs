//! Everything the program writes goes through here: designs, exports, before/after images,
//! recovery files and every later output. Three promises, each kept in one place:
//! - [`write_atomic`]: the target ends up either the old version, whole, or the new one, whole;
//!   no temporary file outlives the run that made it (or the next run, after a kill);
//! - [`refuse_inputs`]: an output may never be a file the same job reads (the design, its photo),
//!   however it is reached (symlink, hard link, `..`);
//! - [`ImageFormatOut::for_path`]: the format comes from the extension, decided before anything is
//!   opened, and an extension the program does not write is refused with the list it does.

mod atomic;
mod error;
mod guard;
mod image_out;

pub use atomic::{TEMP_SUFFIX, WriteOptions, check_target, is_temp_file, write_atomic};
pub use error::OutputError;
pub use guard::{Input, check_image_output, design_inputs, refuse_inputs, same_file};
pub use image_out::{DEFAULT_JPEG_QUALITY, IMAGE_EXTENSIONS, ImageFormatOut, write_image};
