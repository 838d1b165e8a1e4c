//! Moving a design onto the same photo at another resolution (a phone's full-size original
//! replaced by a resized copy, or the other way round): every pixel coordinate is scaled, every
//! millimetre stays, so the calibration and all densities keep their meaning.

use super::Design;
use crate::geometry::Point;

impl Design {
    /// Whether a photo of `width` x `height` pixels has the proportions of the one the design was
    /// drawn on, to within the one-pixel rounding a resize makes.
    pub fn fits_resized_photo(&self, width: u32, height: u32) -> bool {
        let (w0, h0) = (
            f64::from(self.photo.width_px),
            f64::from(self.photo.height_px),
        );
        let (w, h) = (f64::from(width), f64::from(height));
        w0 > 0.0 && h0 > 0.0 && ((w0 * h / h0 - w).abs() <= 1.0 || (h0 * w / w0 - h).abs() <= 1.0)
    }

    /// Scales every pixel coordinate so the design lies on the photo resized to `width` x
    /// `height`; the photo's recorded size follows.
    pub fn rescale_to_photo(&mut self, width: u32, height: u32) {
        let sx = f64::from(width) / f64::from(self.photo.width_px);
        let sy = f64::from(height) / f64::from(self.photo.height_px);
        let f = |p: &mut Point| *p = Point::new(p.x * sx, p.y * sy);
        f(&mut self.calibration.a_px);
        f(&mut self.calibration.b_px);
        if let Some(g) = &mut self.glabella_px {
            f(g);
        }
        for v in &mut self.variants {
            if let Some(h) = &mut v.hairline {
                h.points_px.iter_mut().for_each(f);
                if let Some(m) = &mut h.preset_moved {
                    m.drawn_px.iter_mut().chain(&mut m.moved_px).for_each(f);
                }
            }
            let shapes = v
                .zones
                .iter_mut()
                .map(|z| &mut z.shape)
                .chain(v.scars.iter_mut().map(|s| &mut s.shape));
            for shape in shapes {
                shape.polygons.iter_mut().flatten().for_each(f);
                for s in &mut shape.strokes {
                    s.points_px.iter_mut().for_each(f);
                }
            }
            if let Some(t) = &mut v.test_patch {
                f(&mut t.center_px);
            }
        }
        self.photo.width_px = width;
        self.photo.height_px = height;
    }
}
