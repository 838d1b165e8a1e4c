use super::*;

/// The photo drawn at a fractional zoom and offset is the bilinear interpolation of its
/// pixels, to within one level of rounding.
#[test]
fn the_background_is_bilinear_within_one_level() {
    let (w, h) = (97u32, 61u32);
    let photo = RgbaImage::from_fn(w, h, |x, y| {
        image::Rgba([
            (x * 255 / (w - 1)) as u8,
            (y * 255 / (h - 1)) as u8,
            ((x * 7 + y * 13) % 256) as u8,
            255,
        ])
    });
    let pyramid = PhotoPyramid {
        levels: vec![photo.clone()],
    };
    let view = ViewTransform {
        scale: 1.37,
        origin_px: Point::new(-3.25, 5.6),
    };
    let (ow, oh) = (140usize, 90usize);
    let mut out = vec![0u8; ow * oh * 4];
    background(&pyramid, view, &mut out, ow, 0);
    let mut checked = 0;
    for oy in 0..oh {
        for ox in 0..ow {
            let p = view.image_from_screen(Point::new(ox as f64 + 0.5, oy as f64 + 0.5));
            let (u, v) = (p.x - 0.5, p.y - 0.5);
            let px = &out[(oy * ow + ox) * 4..][..4];
            if u < -0.5 || v < -0.5 || u > w as f64 - 0.5 || v > h as f64 - 0.5 {
                assert_eq!(px, BACKDROP, "outside the photo at {ox},{oy}");
                continue;
            }
            let at = |x: f64, y: f64, c: usize| {
                let x = x.clamp(0.0, (w - 1) as f64) as u32;
                let y = y.clamp(0.0, (h - 1) as f64) as u32;
                photo.get_pixel(x, y)[c] as f64
            };
            let (x0, y0) = (u.floor(), v.floor());
            let (tx, ty) = (u - x0, v - y0);
            for c in 0..3 {
                let top = at(x0, y0, c) * (1.0 - tx) + at(x0 + 1.0, y0, c) * tx;
                let bottom = at(x0, y0 + 1.0, c) * (1.0 - tx) + at(x0 + 1.0, y0 + 1.0, c) * tx;
                let exact = top * (1.0 - ty) + bottom * ty;
                assert!(
                    (px[c] as f64 - exact).abs() <= 1.0,
                    "channel {c} at {ox},{oy}: {} vs {exact}",
                    px[c]
                );
            }
            checked += 1;
        }
    }
    assert!(checked > ow * oh / 2, "only {checked} pixels on the photo");
}

/// The studio hands the pixels to the GPU as premultiplied, which is exact only if every
/// pixel is opaque: also at 100 % over a photo with transparency.
#[test]
fn every_output_pixel_is_opaque() {
    let photo = RgbaImage::from_fn(40, 30, |x, y| {
        image::Rgba([200, 150, 120, (x * 6 + y) as u8])
    });
    let pyramid = PhotoPyramid {
        levels: vec![photo],
    };
    for view in [
        ViewTransform::IDENTITY,
        ViewTransform {
            scale: 0.7,
            origin_px: Point::new(-5.5, 2.25),
        },
    ] {
        let variant = crate::sample::bundled_design("crown-density").variants[0].clone();
        let out = render_view(
            &pyramid,
            &variant,
            None,
            &PreviewOptions::default(),
            view,
            (50, 40),
        );
        assert!(out.pixels().all(|p| p[3] == 255), "{view:?}");
    }
}
