//! The canvas drawn on the GPU: the photo and the impressions live on the GPU and each frame is
//! composited there with the view, look and sessions of that very frame, so a pan, a zoom, a
//! look or a session switch, or turning to another photo of a head design, shows in the next
//! frame instead of waiting for the worker. The worker still makes the dots (on a head, once for
//! every photo: the GPU sees them through each photo's camera); the CPU renderer still draws the
//! exports.

use crate::design::Variant;
use crate::gpu::{Frame, Kept, Viewport};
use crate::render::{Impression, PhotoPyramid};
use eframe::egui_glow;
use eframe::glow::{self, HasContext};
use std::sync::{Arc, Mutex};

/// Impressions ready for the GPU, made on the worker.
#[derive(Clone)]
pub struct GpuDots {
    pub impressions: Arc<Vec<Impression>>,
    pub variant: Variant,
    pub session_count: usize,
    pub mm_per_px: f64,
    /// A head design's impressions' points on the head, seen through the shown photo's camera
    /// by the GPU (`None`: drawn where they are, on the design's photo or scalp map).
    pub on_head: Option<Arc<Vec<[f32; 6]>>>,
}

/// What the paint callback uploads before it draws, and the viewport it draws with.
struct Shared {
    viewport: Viewport,
    /// A photo to upload.
    photo: Option<Arc<PhotoPyramid>>,
    /// The photos on the GPU: the one shown and the viewport's spare. They are held here so that
    /// their addresses, which name them to the viewport, cannot be taken by another photo.
    shown: Option<Arc<PhotoPyramid>>,
    spare: Option<Arc<PhotoPyramid>>,
    /// A change of the before side's own photo to upload (`Some(None)`: back to the preview's).
    before_photo: Option<Option<Arc<PhotoPyramid>>>,
    /// Impressions to upload, for each kept frame (see `Kept`).
    dots: [Option<GpuDots>; 2],
    /// The GPU could not make a frame: the canvas goes back to the CPU.
    failed: bool,
}

pub struct GpuCanvas {
    shared: Arc<Mutex<Shared>>,
    /// The photo last handed over (compared by address: a new photo is a new `Arc`).
    photo: Option<Arc<PhotoPyramid>>,
    /// The before side's own photo last handed over.
    before_photo: Option<Arc<PhotoPyramid>>,
    /// Whether the impressions last handed over for each kept frame are on the head (`None`:
    /// none yet).
    dots_on_head: [Option<bool>; 2],
}

/// Whether `HAIRLINE_GPU` asks for the GPU (`on`), the CPU (`off`), or leaves it to the studio.
fn asked() -> Option<bool> {
    asked_by(std::env::var("HAIRLINE_GPU").ok().as_deref())
}

/// What the value `value` of `HAIRLINE_GPU` asks for (see `asked`).
fn asked_by(value: Option<&str>) -> Option<bool> {
    match value?.to_ascii_lowercase().as_str() {
        "on" | "1" | "yes" => Some(true),
        "off" | "0" | "no" => Some(false),
        _ => None,
    }
}

/// Renderers that run on the CPU: there the studio's own CPU renderer is faster (measured with
/// Mesa's llvmpipe: three times, `cargo bench --bench gpu_viewport`) and keeps the window free.
fn is_software(renderer: &str) -> bool {
    let r = renderer.to_ascii_lowercase();
    [
        "llvmpipe",
        "softpipe",
        "swiftshader",
        "software rasterizer",
        "basic render",
    ]
    .iter()
    .any(|s| r.contains(s))
}

impl super::Studio {
    /// Draws the canvas on the GPU through `gl` (the context the window's painter uses) if it
    /// can, a software renderer only when `software_too`; says which in the status bar.
    pub fn draw_on_gpu(&mut self, gl: Option<&glow::Context>, software_too: bool) {
        let (gpu, said) = choose(gl, software_too);
        self.canvas.gpu = gpu;
        self.status = if self.status.is_empty() {
            said
        } else {
            format!("{said} {}", self.status)
        };
    }

    /// Whether the canvas is drawn on the GPU.
    pub fn draws_on_gpu(&self) -> bool {
        self.canvas.gpu.is_some()
    }

    /// The canvas's view, its size in physical pixels and its top-left corner on screen
    /// (points) at the last frame.
    pub fn canvas_view(&self) -> Option<(crate::render::ViewTransform, [usize; 2], egui::Pos2)> {
        let t = self.canvas.transform()?;
        Some((t.view, self.canvas.size_px(), t.origin))
    }
}

/// The GPU canvas if this GL can draw it, with what to tell the practitioner either way.
fn choose(gl: Option<&glow::Context>, software_too: bool) -> (Option<GpuCanvas>, String) {
    if asked() == Some(false) {
        return (None, "Preview drawn on the CPU (HAIRLINE_GPU=off).".into());
    }
    let Some(gl) = gl else {
        return (None, "Preview drawn on the CPU: no OpenGL.".into());
    };
    let renderer = unsafe { gl.get_parameter_string(glow::RENDERER) };
    if is_software(&renderer) && !software_too && asked() != Some(true) {
        return (
            None,
            format!(
                "Preview drawn on the CPU: OpenGL here is {renderer}, a software renderer \
                 (slower than the studio's own)."
            ),
        );
    }
    match Viewport::new(gl) {
        Ok(viewport) => (
            Some(GpuCanvas {
                shared: Arc::new(Mutex::new(Shared {
                    viewport,
                    photo: None,
                    shown: None,
                    spare: None,
                    before_photo: None,
                    dots: [None, None],
                    failed: false,
                })),
                photo: None,
                before_photo: None,
                dots_on_head: [None, None],
            }),
            format!("Preview drawn on the GPU ({renderer})."),
        ),
        Err(e) => (None, format!("Preview drawn on the CPU: {e}.")),
    }
}

impl GpuCanvas {
    /// Hands over the photo shown, if it is not the one already on the GPU.
    pub fn set_photo(&mut self, photo: &Arc<PhotoPyramid>) {
        if self.photo.as_ref().is_some_and(|p| Arc::ptr_eq(p, photo)) {
            return;
        }
        self.photo = Some(Arc::clone(photo));
        if let Ok(mut s) = self.shared.lock() {
            s.photo = Some(Arc::clone(photo));
        }
    }

    /// Hands over the photo the before side of a split shows instead of the preview's (a later
    /// visit's), or `None`, if it changed.
    pub fn set_before_photo(&mut self, photo: Option<&Arc<PhotoPyramid>>) {
        let same = match (&self.before_photo, photo) {
            (None, None) => true,
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        };
        if same {
            return;
        }
        self.before_photo = photo.cloned();
        if let Ok(mut s) = self.shared.lock() {
            s.before_photo = Some(photo.cloned());
        }
    }

    /// Hands over new impressions.
    pub fn set_dots(&mut self, kept: Kept, dots: GpuDots) {
        self.dots_on_head[kept as usize] = Some(dots.on_head.is_some());
        if let Ok(mut s) = self.shared.lock() {
            s.dots[kept as usize] = Some(dots);
        }
    }

    /// Whether the impressions on the GPU are a head's (`on_head`) or a flat design's: turning
    /// from the scalp map to a photo shows none until the head's arrive.
    pub fn has_dots(&self, kept: Kept, on_head: bool) -> bool {
        self.dots_on_head[kept as usize] == Some(on_head)
    }

    /// Draws `frame` (its size is the rectangle's, in physical pixels) in `rect`; with `before`,
    /// that frame over the part of `rect` it gives (the before side of a split: the photo alone,
    /// or with the compared impressions handed over for it).
    pub fn paint(
        &self,
        painter: &egui::Painter,
        rect: egui::Rect,
        frame: Frame,
        before: Option<(egui::Rect, Frame)>,
    ) {
        painter.add(self.callback(rect, Kept::Preview, frame));
        if let Some((left, frame)) = before {
            painter
                .with_clip_rect(left)
                .add(self.callback(rect, Kept::Before, frame));
        }
    }

    /// A paint callback drawing `frame` into the kept frame `kept` and showing it over `rect`.
    fn callback(&self, rect: egui::Rect, kept: Kept, frame: Frame) -> egui::PaintCallback {
        let shared = Arc::clone(&self.shared);
        let callback = egui_glow::CallbackFn::new(move |info, painter| {
            let Ok(mut s) = shared.lock() else { return };
            let gl = painter.gl();
            if let Some(photo) = s.photo.take() {
                // Named by its address: a photo swapped back (a later visit's flicker, the worst
                // case on and off) comes back from the viewport's spare without an upload.
                s.viewport
                    .set_photo_named(gl, &photo, Arc::as_ptr(&photo) as usize);
                if s.shown.as_ref().is_some_and(|p| !Arc::ptr_eq(p, &photo)) {
                    s.spare = s.shown.take();
                }
                s.shown = Some(photo);
            }
            if let Some(before) = s.before_photo.take() {
                s.viewport.set_before_photo(gl, before.as_deref());
            }
            for k in [Kept::Preview, Kept::Before] {
                if let Some(d) = s.dots[k as usize].take() {
                    s.viewport.set_impressions_of(
                        gl,
                        k,
                        &d.impressions,
                        d.on_head.as_deref().map(Vec::as_slice),
                        &d.variant,
                        d.session_count,
                        d.mm_per_px,
                    );
                }
            }
            if s.failed {
                return;
            }
            let px = info.viewport_in_pixels();
            let size = [px.width_px.max(1) as u32, px.height_px.max(1) as u32];
            let frame = Frame { size, ..frame };
            if s.viewport.draw_kept(gl, kept, &frame) {
                s.viewport
                    .present_kept(gl, kept, [px.left_px, px.from_bottom_px]);
            } else {
                s.failed = true;
            }
        });
        egui::PaintCallback {
            rect,
            callback: Arc::new(callback),
        }
    }

    /// Whether the GPU could not make a frame (out of memory, say): the canvas then draws on
    /// the CPU.
    pub fn failed(&self) -> bool {
        self.shared.lock().map_or(true, |s| s.failed)
    }

    /// Frees the GPU's copies (the window is closing).
    pub fn destroy(&self, gl: &glow::Context) {
        if let Ok(mut s) = self.shared.lock() {
            s.viewport.destroy(gl);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without OpenGL the studio draws on the CPU and says why.
    #[test]
    fn without_opengl_the_cpu_draws_and_the_status_says_so() {
        let (gpu, said) = choose(None, true);
        assert!(gpu.is_none());
        assert_eq!(said, "Preview drawn on the CPU: no OpenGL.");
    }

    /// `HAIRLINE_GPU` chooses by hand: on or off, in the usual spellings; anything else leaves
    /// the choice to the studio.
    #[test]
    fn hairline_gpu_turns_the_gpu_on_or_off() {
        for v in ["on", "ON", "1", "yes"] {
            assert_eq!(asked_by(Some(v)), Some(true), "{v}");
        }
        for v in ["off", "Off", "0", "no"] {
            assert_eq!(asked_by(Some(v)), Some(false), "{v}");
        }
        for v in [None, Some(""), Some("auto")] {
            assert_eq!(asked_by(v), None, "{v:?}");
        }
    }

    /// Software renderers are told apart from GPUs by the names their drivers give.
    #[test]
    fn software_renderers_are_recognised() {
        for r in [
            "llvmpipe (LLVM 15.0.6, 256 bits)",
            "softpipe",
            "Google SwiftShader",
            "Microsoft Basic Render Driver",
            "Software Rasterizer",
        ] {
            assert!(is_software(r), "{r}");
        }
        for r in [
            "Mesa Intel(R) UHD Graphics 620 (KBL GT2)",
            "NVIDIA GeForce RTX 3060/PCIe/SSE2",
            "AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.6, DRM 3.49)",
            "Apple M1",
        ] {
            assert!(!is_software(r), "{r}");
        }
    }
}
