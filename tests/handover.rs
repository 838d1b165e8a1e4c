//! The hand-over archive as the receiver sees it, with their own tools: `tar tvf` lists a client
//! with a 150-character Arabic name under real dates, and exiftool finds no location in any of
//! their photos, whichever way the camera wrote it (EXIF GPS, XMP, IPTC; JPEG, one with a fill
//! byte before its first marker; PNG; WebP; HEIC), or the photo is named as left out.

mod common;

use hairline::records::{ClientDetails, Library};
use std::fs;
use std::path::Path;
use std::process::Command;

/// A big-endian TIFF block whose GPS directory says 51° 30' N.
fn exif_gps() -> Vec<u8> {
    let mut t = b"MM\0*\0\0\0\x08".to_vec();
    // IFD0: one entry, GPSInfo (0x8825, LONG) -> 26.
    t.extend([0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]);
    // GPS IFD: GPSLatitudeRef "N", GPSLatitude (3 RATIONAL at 56).
    t.extend([0, 2]);
    t.extend([0, 1, 0, 2, 0, 0, 0, 2, b'N', 0, 0, 0]);
    t.extend([0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 56]);
    t.extend([0, 0, 0, 0]);
    for v in [51u32, 1, 30, 1, 0, 1] {
        t.extend(v.to_be_bytes());
    }
    t
}

const XMP: &str = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" exif:GPSLatitude="51,30.0N" exif:GPSLongitude="0,7.0W" photoshop:City="Leeds"/></rdf:RDF></x:xmpmeta>"#;

/// Photoshop's IPTC block with City (2:90) "Leeds".
fn iptc() -> Vec<u8> {
    let record = [&[0x1c, 2, 90, 0, 5][..], b"Leeds"].concat();
    let mut b = b"Photoshop 3.0\08BIM\x04\x04\0\0".to_vec();
    b.extend((record.len() as u32).to_be_bytes());
    b.extend(&record);
    if record.len() % 2 == 1 {
        b.push(0);
    }
    b
}

fn segment(marker: u8, body: &[u8]) -> Vec<u8> {
    let mut s = vec![0xff, marker];
    s.extend(((body.len() + 2) as u16).to_be_bytes());
    s.extend(body);
    s
}

fn encoded(format: image::ImageFormat) -> Vec<u8> {
    let img = image::RgbImage::from_fn(64, 48, |x, y| image::Rgb([x as u8 * 3, y as u8 * 5, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn jpeg(fill_byte: bool) -> Vec<u8> {
    let plain = encoded(image::ImageFormat::Jpeg);
    let mut b = plain[..2].to_vec();
    if fill_byte {
        b.push(0xff);
    }
    b.extend(segment(0xe1, &[&b"Exif\0\0"[..], &exif_gps()].concat()));
    b.extend(segment(
        0xe1,
        &[&b"http://ns.adobe.com/xap/1.0/\0"[..], XMP.as_bytes()].concat(),
    ));
    b.extend(segment(0xed, &iptc()));
    b.extend(&plain[2..]);
    b
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                0xedb8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
    }
    !c
}

fn png() -> Vec<u8> {
    let plain = encoded(image::ImageFormat::Png);
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend(kind);
        c.extend(data);
        c.extend(crc32(&[kind, data].concat()).to_be_bytes());
        c
    };
    // After IHDR (8 + 25 bytes).
    let mut b = plain[..33].to_vec();
    b.extend(chunk(b"eXIf", &exif_gps()));
    b.extend(chunk(
        b"iTXt",
        &[&b"XML:com.adobe.xmp\0\0\0\0\0"[..], XMP.as_bytes()].concat(),
    ));
    b.extend(&plain[33..]);
    b
}

fn webp() -> Vec<u8> {
    let plain = encoded(image::ImageFormat::WebP);
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = kind.to_vec();
        c.extend((data.len() as u32).to_le_bytes());
        c.extend(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    };
    let mut vp8x = vec![0b0000_1100, 0, 0, 0];
    vp8x.extend(&63u32.to_le_bytes()[..3]);
    vp8x.extend(&47u32.to_le_bytes()[..3]);
    let mut body = b"WEBP".to_vec();
    body.extend(chunk(b"VP8X", &vp8x));
    body.extend(&plain[12..]);
    body.extend(chunk(b"EXIF", &exif_gps()));
    body.extend(chunk(b"XMP ", XMP.as_bytes()));
    let mut b = b"RIFF".to_vec();
    b.extend((body.len() as u32).to_le_bytes());
    b.extend(body);
    b
}

/// What exiftool says of a file's location: every tag about GPS, a city or a location.
fn location_tags(path: &Path) -> Vec<String> {
    let o = Command::new("exiftool")
        .args(["-a", "-G1", "-s", "-m"])
        .arg(path)
        .output()
        .expect("exiftool installed (.ci/test)");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|l| {
            let tag = l.split(':').next().unwrap_or("");
            tag.contains("GPS") || tag.contains("City") || tag.contains("Location")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn a_hand_over_archive_lists_with_tar_and_holds_no_location_by_exiftool() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("library");
    let lib = Library::open(&root).unwrap();
    let name: String = "محمد عبد الرحمن الهاشمي "
        .chars()
        .cycle()
        .take(150)
        .collect::<String>()
        .trim()
        .to_string();
    let f = lib.add_client(&ClientDetails::new(&name)).unwrap();
    let photos = f.path.join("photos/2026-09-01");
    fs::create_dir_all(&photos).unwrap();
    let heic = fs::read(common::root().join("tests/data/photo-with-gps.heic")).unwrap();
    let made: [(&str, Vec<u8>); 5] = [
        ("فوق الرأس.jpg", jpeg(false)),
        ("fill-byte.jpg", jpeg(true)),
        ("side.png", png()),
        ("back.webp", webp()),
        ("phone.heic", heic),
    ];
    for (file, bytes) in &made {
        let p = photos.join(file);
        fs::write(&p, bytes).unwrap();
        assert!(
            !location_tags(&p).is_empty(),
            "the test photo {file} holds a location by exiftool"
        );
    }
    // A long Arabic report name beside them (the old writer's panic: a byte index inside a
    // character); a file name holds at most 255 bytes, so the name's first 80 characters.
    let short: String = name.chars().take(80).collect();
    let long = format!("{short} - خطة العلاج.pdf");
    assert!(format!("{}/{long}", f.path.file_name().unwrap().to_string_lossy()).len() > 155);
    fs::write(f.path.join(&long), b"%PDF-1.4").unwrap();

    let out = dir.path().join("handover.tar");
    let o = Command::new(env!("CARGO_BIN_EXE_hairline-studio"))
        .args(["library", "--dir"])
        .arg(&root)
        .args(["export", &name, "-o"])
        .arg(&out)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "{said}");

    // `tar tvf`: every file, under its whole name, dated today rather than 1970.
    let o = Command::new("tar").arg("tvf").arg(&out).output().unwrap();
    assert!(o.status.success());
    let listing = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(listing.contains(&long), "{listing}");
    assert!(!listing.contains("1970-"), "{listing}");
    let year = hairline::records::date::today()[..4].to_string();
    assert!(listing.lines().all(|l| l.contains(&year)), "{listing}");

    let unpacked = dir.path().join("unpacked");
    fs::create_dir(&unpacked).unwrap();
    let st = Command::new("tar")
        .arg("-xf")
        .arg(&out)
        .arg("-C")
        .arg(&unpacked)
        .status()
        .unwrap();
    assert!(st.success());
    let top = unpacked.join(f.path.file_name().unwrap());
    for (file, _) in &made {
        let p = top.join("photos/2026-09-01").join(file);
        if p.is_file() {
            assert_eq!(location_tags(&p), Vec::<String>::new(), "{file}");
            assert!(
                image::guess_format(&fs::read(&p).unwrap()).is_ok()
                    || hairline::heic::is_heif(&fs::read(&p).unwrap()),
                "{file} is still a photo"
            );
        } else {
            assert!(
                said.contains(file),
                "{file} left out without a word: {said}"
            );
        }
    }
    assert_eq!(fs::read(top.join(&long)).unwrap(), b"%PDF-1.4");
}
