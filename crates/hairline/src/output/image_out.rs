//! Images written for the record: PNG (lossless) or JPEG (what records are often kept as), chosen
//! by the extension before anything is opened.

use super::{OutputError, WriteOptions, write_atomic};
use image::RgbaImage;
use std::path::Path;

/// The extensions the program writes images as, for messages and file dialogs.
pub const IMAGE_EXTENSIONS: [&str; 3] = ["png", "jpg", "jpeg"];

/// JPEG quality when none is given: visually lossless for photos, a third of the PNG's size.
pub const DEFAULT_JPEG_QUALITY: u8 = 90;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageFormatOut {
    Png,
    /// Quality 1 to 100.
    Jpeg {
        quality: u8,
    },
}

impl ImageFormatOut {
    /// The format `path`'s extension asks for. `jpeg_quality` applies to JPEG (1 to 100).
    pub fn for_path(path: &Path, jpeg_quality: u32) -> Result<Self, OutputError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "png" => Ok(Self::Png),
            "jpg" | "jpeg" => match u8::try_from(jpeg_quality) {
                Ok(quality @ 1..=100) => Ok(Self::Jpeg { quality }),
                _ => Err(OutputError::BadQuality {
                    path: path.to_path_buf(),
                    quality: jpeg_quality,
                }),
            },
            "" => Err(OutputError::UnsupportedExtension {
                path: path.to_path_buf(),
                ext: "extension-less".into(),
            }),
            other => Err(OutputError::UnsupportedExtension {
                path: path.to_path_buf(),
                ext: format!(".{other}"),
            }),
        }
    }

    /// The format's name, for progress and messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::Png => "PNG",
            Self::Jpeg { .. } => "JPEG",
        }
    }
}

/// Encodes `img` as `format` into `path` through the atomic write path.
pub fn write_image(
    path: &Path,
    img: &RgbaImage,
    format: ImageFormatOut,
) -> Result<(), OutputError> {
    use image::ImageEncoder;
    write_atomic(path, WriteOptions::default(), |out| {
        // Encoders wrap the writer's errors in their own; the first one the disk gave is the
        // cause the user needs ("the disk is full"), so it is kept aside.
        let mut w = Recording {
            inner: out,
            first_error: None,
        };
        let (width, height) = img.dimensions();
        let result = match format {
            ImageFormatOut::Png => image::codecs::png::PngEncoder::new(&mut w).write_image(
                img.as_raw(),
                width,
                height,
                image::ExtendedColorType::Rgba8,
            ),
            ImageFormatOut::Jpeg { quality } => {
                // JPEG has no alpha; previews are always opaque, so dropping it loses nothing.
                let rgb: Vec<u8> = img
                    .pixels()
                    .flat_map(|p| [p.0[0], p.0[1], p.0[2]])
                    .collect();
                image::codecs::jpeg::JpegEncoder::new_with_quality(&mut w, quality).write_image(
                    &rgb,
                    width,
                    height,
                    image::ExtendedColorType::Rgb8,
                )
            }
        };
        match (result, w.first_error) {
            (Ok(()), _) => Ok(()),
            (Err(_), Some(io)) => Err(io),
            (Err(image::ImageError::IoError(io)), None) => Err(io),
            (Err(other), None) => Err(std::io::Error::other(other.to_string())),
        }
    })
}

/// A writer that remembers the first error its destination gave.
struct Recording<'a> {
    inner: &'a mut dyn std::io::Write,
    first_error: Option<std::io::Error>,
}

impl Recording<'_> {
    fn note<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        r.inspect_err(|e| {
            let copy = match e.raw_os_error() {
                Some(code) => std::io::Error::from_raw_os_error(code),
                None => std::io::Error::new(e.kind(), e.to_string()),
            };
            self.first_error.get_or_insert(copy);
        })
    }
}

impl std::io::Write for Recording<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.inner.write(buf);
        self.note(r)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.inner.flush();
        self.note(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_the_extension_and_others_are_refused_untouched() {
        let p = |s: &str| Path::new(s).to_path_buf();
        assert_eq!(
            ImageFormatOut::for_path(&p("a.PNG"), 90).unwrap(),
            ImageFormatOut::Png
        );
        assert_eq!(
            ImageFormatOut::for_path(&p("a.jpeg"), 75).unwrap(),
            ImageFormatOut::Jpeg { quality: 75 }
        );
        assert!(ImageFormatOut::for_path(&p("a.jpg"), 0).is_err());
        assert!(ImageFormatOut::for_path(&p("a.jpg"), 101).is_err());
        let e = ImageFormatOut::for_path(&p("a.tif"), 90)
            .unwrap_err()
            .to_string();
        assert!(e.contains(".tif") && e.contains("png, jpg, jpeg"), "{e}");
        assert!(ImageFormatOut::for_path(&p("noext"), 90).is_err());
    }

    #[test]
    fn png_and_jpeg_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let img = RgbaImage::from_fn(40, 30, |x, y| {
            image::Rgba([x as u8 * 6, y as u8 * 8, 90, 255])
        });
        let png = dir.path().join("a.png");
        write_image(&png, &img, ImageFormatOut::Png).unwrap();
        assert_eq!(image::open(&png).unwrap().to_rgba8(), img);
        let jpg = dir.path().join("a.jpg");
        write_image(&jpg, &img, ImageFormatOut::Jpeg { quality: 95 }).unwrap();
        let back = image::open(&jpg).unwrap().to_rgb8();
        assert_eq!(back.dimensions(), (40, 30));
        let err: i32 = back
            .pixels()
            .zip(img.pixels())
            .map(|(a, b)| (a.0[0] as i32 - b.0[0] as i32).abs())
            .max()
            .unwrap();
        assert!(err < 20, "JPEG close to the original: max error {err}");
    }
}
