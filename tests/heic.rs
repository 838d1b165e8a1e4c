//! HEIC/HEIF photos (the iPhone's default): recognised in every build, decoded in a build with
//! `--features heic` (the system's libheif), and never handed over with their location.
//!
//! The fixture is a 320x240 photo made from the sample with Debian's `heif-enc` (libheif 1.15,
//! x265) from `photo-with-gps.jpg`, whose EXIF holds the date it was taken (2027-03-01) and a
//! GPS position (51° 30' 26.64" N).

mod common;

use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/data").join(name)
}

/// The GPS latitude as the fixture's EXIF stores it: three rationals 51/1, 30/1, 2664/100.
fn latitude_bytes() -> Vec<u8> {
    [51u32, 1, 30, 1, 2664, 100]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect()
}

fn holds(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn an_heic_photo_is_recognised_and_handed_over_without_its_location() {
    let bytes = std::fs::read(fixture("photo-with-gps.heic")).unwrap();
    assert!(hairline::heic::is_heif(&bytes));
    assert!(!hairline::heic::is_heif(
        &std::fs::read(fixture("photo-with-gps.jpg")).unwrap()
    ));
    assert!(
        holds(&bytes, &latitude_bytes()),
        "the fixture has its position"
    );
    let mut clean = bytes.clone();
    hairline::photo_exif::blank_heif_location_in_place(&mut clean);
    assert_eq!(clean.len(), bytes.len(), "nothing in the file moves");
    assert!(!holds(&clean, &latitude_bytes()), "the position is gone");
    let changed = bytes.iter().zip(&clean).filter(|(a, b)| a != b).count();
    assert!(
        changed < 200,
        "only the GPS block is blanked ({changed} bytes)"
    );
    // The hand-over archive does the same to an HEIC in a client's photos.
    assert_eq!(
        hairline::records::archive::without_metadata(&bytes),
        Some(clean)
    );
}

#[cfg(not(feature = "heic"))]
#[test]
fn without_the_decoder_an_heic_photo_says_how_to_open_it() {
    let err = hairline::photo::load_photo(&fixture("photo-with-gps.heic"))
        .err()
        .expect("not decoded in this build")
        .to_string();
    assert!(err.contains("photo-with-gps.heic"), "{err}");
    assert!(
        err.contains("--features heic") && err.contains("JPEG"),
        "{err}"
    );
}

#[cfg(feature = "heic")]
#[test]
fn an_heic_photo_opens_like_a_jpeg_with_its_date() {
    let heic = hairline::photo::load_photo(&fixture("photo-with-gps.heic")).expect("decodes");
    let jpeg = hairline::photo::load_photo(&fixture("photo-with-gps.jpg")).expect("decodes");
    assert_eq!(heic.image.dimensions(), (320, 240));
    // The same picture, through a lossy codec at quality 60.
    let diff: f64 = heic
        .image
        .pixels()
        .zip(jpeg.image.pixels())
        .map(|(a, b)| {
            (0..3)
                .map(|c| (a[c] as f64 - b[c] as f64).abs())
                .sum::<f64>()
                / 3.0
        })
        .sum::<f64>()
        / (320.0 * 240.0);
    assert!(diff < 6.0, "mean difference {diff:.2} levels");
    let bytes = std::fs::read(fixture("photo-with-gps.heic")).unwrap();
    assert_eq!(
        hairline::photo_exif::date_taken(&bytes).as_deref(),
        Some("2027-03-01"),
        "the camera's date dates the visit"
    );
    // Blanked for hand-over, it still opens and still has its date; not its position.
    let mut clean = bytes.clone();
    hairline::photo_exif::blank_heif_location_in_place(&mut clean);
    assert!(hairline::photo::decode_photo(&clean, &fixture("x.heic")).is_ok());
    assert_eq!(
        hairline::photo_exif::date_taken(&clean).as_deref(),
        Some("2027-03-01")
    );
    // A studio opens a new design on it.
    let studio = hairline_studio::app::Studio::for_new_photo(&fixture("photo-with-gps.heic"));
    assert!(studio.is_ok());
}
