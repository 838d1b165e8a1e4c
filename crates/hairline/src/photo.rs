//! Loading client photos safely: size limits before decoding, EXIF orientation, content hash.

use crate::design::Limits;
use image::{ImageDecoder, ImageReader, RgbaImage};
use sha2::{Digest, Sha256};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// File extensions of the photos the loader decodes (dialogs, dropped files, the command line).
#[cfg(not(feature = "heic"))]
pub const PHOTO_EXTENSIONS: [&str; 6] = ["jpg", "jpeg", "png", "webp", "tif", "tiff"];
/// File extensions of the photos the loader decodes (dialogs, dropped files, the command line);
/// this build reads HEIC/HEIF too.
#[cfg(feature = "heic")]
pub const PHOTO_EXTENSIONS: [&str; 8] =
    ["jpg", "jpeg", "png", "webp", "tif", "tiff", "heic", "heif"];

/// Refuse photo files larger than this before reading them.
pub const MAX_PHOTO_FILE_BYTES: u64 = 300 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PhotoError {
    #[error("{}: cannot read the photo: {cause}", path.display())]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: the photo file is {bytes} bytes; over {} MB is refused", path.display(), MAX_PHOTO_FILE_BYTES / 1_000_000)]
    FileTooLarge { path: PathBuf, bytes: u64 },
    #[error("{}: not a photo Hairline Studio can read (JPEG, PNG, WebP or TIFF): {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error("{}: the photo is {width}x{height} pixels; the limit is {} megapixels and {} pixels a side", path.display(), Limits::MAX_PHOTO_PIXELS / 1_000_000, Limits::MAX_PHOTO_SIDE_PX)]
    TooLarge {
        path: PathBuf,
        width: u32,
        height: u32,
    },
    #[error("{}: the photo is {width}x{height} pixels; at least 16x16 is needed", path.display())]
    TooSmall {
        path: PathBuf,
        width: u32,
        height: u32,
    },
    #[error("{}: the photo is {width}x{height} pixels but the design was drawn on a {design_width}x{design_height} photo of other proportions (a crop or another photo?); point the design to the photo it was drawn on", path.display())]
    SizeMismatch {
        path: PathBuf,
        width: u32,
        height: u32,
        design_width: u32,
        design_height: u32,
    },
    #[error("{}: the photo is damaged or truncated: {message}", path.display())]
    Decode { path: PathBuf, message: String },
    #[error("{}: the photo is {width}x{height} pixels but view \"{view}\" was clicked on it at {view_width}x{view_height}", path.display())]
    ViewSizeMismatch {
        path: PathBuf,
        width: u32,
        height: u32,
        view: String,
        view_width: u32,
        view_height: u32,
    },
}

/// A decoded photo, upright, as 8-bit RGBA.
pub struct Photo {
    pub image: RgbaImage,
    /// SHA-256 of the file bytes, lowercase hex.
    pub sha256: String,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether JPEG bytes end with the end-of-image marker (allowing trailing padding).
fn jpeg_is_complete(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    end >= 2 && bytes[end - 2] == 0xff && bytes[end - 1] == 0xd9
}

/// Loads a photo from disk.
pub fn load_photo(path: &Path) -> Result<Photo, PhotoError> {
    decode_photo(&read_photo_file(path)?, path)
}

/// A photo file's bytes, refusing a file too large to be a photo before reading it.
pub fn read_photo_file(path: &Path) -> Result<Vec<u8>, PhotoError> {
    let meta = std::fs::metadata(path).map_err(|cause| PhotoError::Read {
        path: path.into(),
        cause,
    })?;
    if meta.len() > MAX_PHOTO_FILE_BYTES {
        return Err(PhotoError::FileTooLarge {
            path: path.into(),
            bytes: meta.len(),
        });
    }
    std::fs::read(path).map_err(|cause| PhotoError::Read {
        path: path.into(),
        cause,
    })
}

/// Decodes photo bytes; `path` is only used in messages. The header's size is checked against the
/// limits before any pixel memory is allocated, so a small file claiming a huge size is refused.
pub fn decode_photo(bytes: &[u8], path: &Path) -> Result<Photo, PhotoError> {
    let format_err = |message: String| PhotoError::Format {
        path: path.into(),
        message,
    };
    if crate::heic::is_heif(bytes) {
        return decode_heif(bytes, path);
    }
    let reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| format_err(e.to_string()))?;
    let Some(format) = reader.format() else {
        return Err(format_err("unrecognised file contents".into()));
    };
    if format == image::ImageFormat::Jpeg && !jpeg_is_complete(bytes) {
        // The decoder would fill the missing part with grey; a cut-off file is damage to report.
        return Err(PhotoError::Decode {
            path: path.into(),
            message: "the JPEG data is cut off (no end-of-image marker)".into(),
        });
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format_err(e.to_string()))?;
    let (width, height) = decoder.dimensions();
    check_size(path, width, height)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut img = image::DynamicImage::from_decoder(decoder).map_err(|e| PhotoError::Decode {
        path: path.into(),
        message: e.to_string(),
    })?;
    img.apply_orientation(orientation);
    Ok(Photo {
        image: img.into_rgba8(),
        sha256: sha256_hex(bytes),
    })
}

/// The size limits every photo is held to, before its pixels are decoded.
fn check_size(path: &Path, width: u32, height: u32) -> Result<(), PhotoError> {
    if width > Limits::MAX_PHOTO_SIDE_PX
        || height > Limits::MAX_PHOTO_SIDE_PX
        || width as u64 * height as u64 > Limits::MAX_PHOTO_PIXELS
    {
        return Err(PhotoError::TooLarge {
            path: path.into(),
            width,
            height,
        });
    }
    if width < 16 || height < 16 {
        return Err(PhotoError::TooSmall {
            path: path.into(),
            width,
            height,
        });
    }
    Ok(())
}

/// An HEIC/HEIF photo, through libheif when this build has it.
#[cfg(feature = "heic")]
fn decode_heif(bytes: &[u8], path: &Path) -> Result<Photo, PhotoError> {
    let refused = std::cell::RefCell::new(None);
    let decoded = crate::heic::decode(bytes, |w, h| {
        check_size(path, w, h).map_err(|e| {
            let text = e.to_string();
            *refused.borrow_mut() = Some(e);
            text
        })
    });
    match (decoded, refused.into_inner()) {
        (_, Some(e)) => Err(e),
        (Ok(image), None) => Ok(Photo {
            image,
            sha256: sha256_hex(bytes),
        }),
        (Err(message), None) => Err(PhotoError::Decode {
            path: path.into(),
            message,
        }),
    }
}

/// An HEIC/HEIF photo in a build without libheif: what to do instead.
#[cfg(not(feature = "heic"))]
fn decode_heif(_bytes: &[u8], path: &Path) -> Result<Photo, PhotoError> {
    Err(PhotoError::Format {
        path: path.into(),
        message: crate::heic::NOT_DECODED.into(),
    })
}
