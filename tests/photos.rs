//! Every kind of photo a practitioner may open: a clear error or a correct upright image, never a
//! panic and never a huge allocation for a small file.

mod common;

use hairline::photo::{PhotoError, decode_photo, load_photo};
use image::{ImageEncoder, Rgba, RgbaImage};
use std::path::Path;

fn png(img: &image::DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
        .expect("encode");
    out
}

fn jpeg(img: &RgbaImage) -> Vec<u8> {
    let rgb = image::DynamicImage::ImageRgba8(img.clone()).into_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
        .write_image(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            image::ExtendedColorType::Rgb8,
        )
        .expect("encode");
    out
}

/// A 40x20 image, dark except a bright 8x8 block in the top-left corner.
fn marked() -> RgbaImage {
    RgbaImage::from_fn(40, 20, |x, y| {
        if x < 8 && y < 8 {
            Rgba([250, 250, 250, 255])
        } else {
            Rgba([20, 20, 20, 255])
        }
    })
}

/// Inserts an EXIF APP1 segment with the given orientation right after the JPEG's SOI marker.
fn with_orientation(jpeg: &[u8], orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
    tiff.extend_from_slice(&1u16.to_be_bytes()); // one IFD entry
    tiff.extend_from_slice(&0x0112u16.to_be_bytes()); // Orientation
    tiff.extend_from_slice(&3u16.to_be_bytes()); // SHORT
    tiff.extend_from_slice(&1u32.to_be_bytes());
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // value padding, next IFD = 0
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xff, 0xe1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

fn err(bytes: &[u8]) -> PhotoError {
    match decode_photo(bytes, Path::new("client.jpg")) {
        Ok(p) => panic!(
            "accepted a bad photo of {}x{}",
            p.image.width(),
            p.image.height()
        ),
        Err(e) => e,
    }
}

#[test]
fn every_exif_orientation_comes_out_upright() {
    let base = jpeg(&marked());
    // Where the bright corner block ends up once the stored image is turned upright.
    for o in 1..=8u16 {
        let photo = decode_photo(&with_orientation(&base, o), Path::new("o.jpg")).expect("decodes");
        let (w, h) = photo.image.dimensions();
        let swapped = o >= 5;
        assert_eq!(
            (w, h),
            if swapped { (20, 40) } else { (40, 20) },
            "orientation {o}"
        );
        // The stored top-left block moves to the corner the EXIF transform sends it to.
        let corner = match o {
            1 => (0, 0),
            2 => (w - 1, 0),
            3 => (w - 1, h - 1),
            4 => (0, h - 1),
            5 => (0, 0),
            6 => (w - 1, 0),
            7 => (w - 1, h - 1),
            _ => (0, h - 1),
        };
        let inward = |c: u32, size: u32| if c == 0 { 2 } else { size - 3 };
        let px = photo
            .image
            .get_pixel(inward(corner.0, w), inward(corner.1, h));
        assert!(px[0] > 200, "orientation {o}: corner {corner:?} is {px:?}");
    }
}

#[test]
fn grayscale_and_16_bit_pngs_load_as_colour() {
    let gray =
        image::DynamicImage::ImageLuma8(image::GrayImage::from_pixel(32, 24, image::Luma([128])));
    let p = decode_photo(&png(&gray), Path::new("g.png")).expect("grayscale");
    assert_eq!(p.image.get_pixel(3, 3).0, [128, 128, 128, 255]);
    let deep = image::DynamicImage::ImageRgb16(image::ImageBuffer::from_pixel(
        32,
        24,
        image::Rgb([65535u16, 32768, 0]),
    ));
    let p = decode_photo(&png(&deep), Path::new("d.png")).expect("16-bit");
    assert_eq!(p.image.get_pixel(3, 3).0, [255, 128, 0, 255]);
}

#[test]
fn bad_photos_get_clear_errors() {
    assert!(matches!(
        err(b"this is a text file, not a photo"),
        PhotoError::Format { .. }
    ));
    assert!(matches!(err(&[]), PhotoError::Format { .. }));
    let tiny = png(&image::DynamicImage::ImageRgba8(RgbaImage::new(1, 1)));
    assert!(matches!(err(&tiny), PhotoError::TooSmall { .. }));
    let full = std::fs::read(common::root().join("assets/sample-scalp.jpg")).expect("sample");
    let e = err(&full[..full.len() / 2]);
    assert!(matches!(e, PhotoError::Decode { .. }), "{e}");
    assert!(e.to_string().contains("client.jpg"), "{e}");
    let Err(missing) = load_photo(Path::new("/nonexistent/scalp.jpg")) else {
        panic!("a missing photo loaded")
    };
    assert!(missing.to_string().contains("scalp.jpg"), "{missing}");
}

#[test]
fn a_small_file_claiming_a_huge_size_is_refused_before_decoding() {
    // A valid PNG header announcing 100000 x 100000 pixels (40 GB as RGBA) and no pixel data.
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&100_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    bytes.extend_from_slice(&13u32.to_be_bytes());
    bytes.extend_from_slice(&ihdr);
    bytes.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    for chunk in [&b"IDAT"[..], &b"IEND"[..]] {
        bytes.extend_from_slice(&0u32.to_be_bytes());
        bytes.extend_from_slice(chunk);
        bytes.extend_from_slice(&crc32(chunk).to_be_bytes());
    }
    assert!(bytes.len() < 100);
    let e = err(&bytes);
    assert!(
        matches!(
            e,
            PhotoError::TooLarge {
                width: 100_000,
                height: 100_000,
                ..
            }
        ),
        "{e}"
    );
    assert!(
        e.to_string().contains("megapixels"),
        "the limit is stated: {e}"
    );
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The crown sample copied beside a photo made from the sample photo by `edit`.
fn design_with_photo(
    dir: &Path,
    edit: impl FnOnce(image::DynamicImage) -> image::DynamicImage,
) -> (std::path::PathBuf, hairline::design::Design) {
    let photo = image::open(common::root().join("assets/sample-scalp.jpg")).expect("photo");
    edit(photo).save(dir.join("photo.png")).expect("save photo");
    let mut d = common::sample("crown-density");
    d.photo.path = "photo.png".into();
    let path = dir.join("design.json");
    hairline::design::save_design(&d, &path).expect("save");
    (path, d)
}

#[test]
fn the_same_photo_at_another_resolution_moves_the_design_onto_it_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, original) = design_with_photo(dir.path(), |p| {
        p.resize_exact(1200, 900, image::imageops::FilterType::Triangle)
    });
    let mut d = original.clone();
    let loaded = hairline::engine::load_design_photo(&path, &mut d).expect("opens");
    let warning = loaded.warning.expect("the user is told");
    assert!(
        warning.contains("1200x900") && warning.contains("2400x1800") && warning.contains("scaled"),
        "{warning}"
    );
    assert_eq!((d.photo.width_px, d.photo.height_px), (1200, 900));
    // Every length and count in millimetres is what it was.
    let mm = |d: &hairline::design::Design| d.calibration.mm_per_px();
    assert!((mm(&d) - 2.0 * mm(&original)).abs() < 1e-12);
    let (before, after) = (
        hairline::engine::compute(&original, 0).stats,
        hairline::engine::compute(&d, 0).stats,
    );
    assert!(
        (before.treated_area_cm2 - after.treated_area_cm2).abs() < 0.01 * before.treated_area_cm2
    );
    let rel = (before.total as f64 - after.total as f64).abs() / before.total as f64;
    assert!(
        rel < 0.01,
        "{} vs {} impressions",
        before.total,
        after.total
    );
}

#[test]
fn a_photo_of_other_proportions_is_refused_with_both_sizes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (path, mut d) = design_with_photo(dir.path(), |p| p.crop_imm(0, 0, 2400, 1500));
    let before = d.clone();
    let err = hairline::engine::load_design_photo(&path, &mut d)
        .err()
        .expect("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("photo.png") && msg.contains("2400x1500") && msg.contains("2400x1800"),
        "{msg}"
    );
    assert_eq!(d, before, "the design is left as it was");
}

/// Photos as they come from phones and cameras: WebP (messaging apps, Android) and TIFF (cameras,
/// scanners) open like JPEG and PNG, pixel for pixel where the format is lossless, and are offered
/// by the file choosers.
#[test]
fn webp_and_tiff_photos_open_pixel_for_pixel() {
    let img = RgbaImage::from_fn(48, 32, |x, y| {
        Rgba([(x * 5) as u8, (y * 7) as u8, ((x + y) * 3) as u8, 255])
    });
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .write_image(img.as_raw(), 48, 32, image::ExtendedColorType::Rgba8)
        .expect("encode webp");
    let mut tiff = std::io::Cursor::new(Vec::new());
    image::codecs::tiff::TiffEncoder::new(&mut tiff)
        .write_image(img.as_raw(), 48, 32, image::ExtendedColorType::Rgba8)
        .expect("encode tiff");
    for (name, bytes) in [("client.webp", webp), ("client.tiff", tiff.into_inner())] {
        let photo = decode_photo(&bytes, Path::new(name)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(photo.image, img, "{name} opens pixel for pixel");
    }
    for ext in ["webp", "tif", "tiff"] {
        assert!(hairline::photo::PHOTO_EXTENSIONS.contains(&ext), "{ext}");
    }
}
