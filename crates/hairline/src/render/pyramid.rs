//! A photo with its half-size levels, so a zoomed-out view samples without aliasing.

use image::RgbaImage;

pub struct PhotoPyramid {
    /// Level 0 is the photo; each next level halves both sides (2x2 box filter).
    pub levels: Vec<RgbaImage>,
}

impl PhotoPyramid {
    pub fn new(photo: RgbaImage) -> Self {
        let mut levels = vec![photo];
        loop {
            let last = levels.last().expect("level 0 exists");
            let (w, h) = (last.width() / 2, last.height() / 2);
            if w < 64 || h < 64 {
                break;
            }
            let mut next = RgbaImage::new(w, h);
            let src = last.as_raw();
            let stride = last.width() as usize * 4;
            for (y, row) in next.chunks_exact_mut(w as usize * 4).enumerate() {
                let r0 = &src[2 * y * stride..];
                let r1 = &src[(2 * y + 1) * stride..];
                for x in 0..w as usize {
                    for c in 0..4 {
                        let i = 8 * x + c;
                        let sum = r0[i] as u32 + r0[i + 4] as u32 + r1[i] as u32 + r1[i + 4] as u32;
                        row[4 * x + c] = ((sum + 2) / 4) as u8;
                    }
                }
            }
            levels.push(next);
        }
        Self { levels }
    }

    pub fn width(&self) -> u32 {
        self.levels[0].width()
    }
    pub fn height(&self) -> u32 {
        self.levels[0].height()
    }
}
