//! What the viewport keeps on the GPU: the photo's levels, the impressions, and the frames it
//! draws into.

use crate::design::Variant;

/// One uploaded pyramid level.
pub(super) struct Level {
    pub(super) texture: glow::Texture,
    pub(super) size: [u32; 2],
}

/// The impressions on the GPU, with what their looks are worked out from.
pub(super) struct Instances {
    pub(super) buffer: glow::Buffer,
    /// Each impression's point and normal on the head, for a head design's (see `OnHead`).
    pub(super) on_head: Option<glow::Buffer>,
    pub(super) count: i32,
    pub(super) variant: Variant,
    pub(super) session_count: usize,
    pub(super) mm_per_px: f64,
}

/// A texture and the framebuffer drawing into it.
#[derive(Clone, Copy)]
pub(super) struct Surface {
    pub(super) framebuffer: glow::Framebuffer,
    pub(super) texture: glow::Texture,
}

/// The composited frame, kept between frames: in linear light while the impressions are
/// multiplied in, then as the screen's sRGB bytes, so that an unchanged view costs one plain
/// copy to the screen.
#[derive(Clone, Copy)]
pub(super) struct Target {
    pub(super) linear: Surface,
    pub(super) display: Surface,
    pub(super) size: [u32; 2],
}
