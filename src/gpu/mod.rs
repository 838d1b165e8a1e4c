//! The preview drawn on the GPU (OpenGL 3.3 or OpenGL ES 3.0, through `glow`): the photo as
//! textures, the impressions as instanced quads whose look, size and shape the vertex shader
//! works out from the same numbers as the CPU renderer, multiplied into the skin in linear light
//! in a floating-point frame, then written to the screen as sRGB.
//!
//! The CPU renderer (`render::render_view`) stays the reference for exports and the command
//! line; `tests/gpu.rs` bounds the difference between the two.
//!
//! Every function takes the GL context it was made with, current on the calling thread.

mod draw;
mod gl;
mod head;
mod resources;
mod shaders;

use gl::{
    as_bytes, delete_levels, delete_surfaces, points_bytes, program, restore, save, upload_levels,
};
use resources::{Instances, Level, Surface, Target};

pub use head::{OnHead, ViewCamera, impressions_on_head};

use crate::design::Variant;
use crate::render::{
    Impression, MAX_LOOK_SESSIONS, PhotoPyramid, PreviewOptions, ViewTransform, session_looks,
};
use glow::HasContext;

/// Why the GPU cannot draw the preview (the studio says so once and draws on the CPU).
#[derive(Debug, Clone, PartialEq)]
pub struct Unsupported(pub String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What one frame shows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Frame {
    pub view: ViewTransform,
    /// Output size in pixels.
    pub size: [u32; 2],
    pub options: PreviewOptions,
    /// Draw the impressions (off: the bare photo).
    pub dots: bool,
    /// The photo's camera, when the impressions are a head design's seen on one of its photos.
    pub camera: Option<ViewCamera>,
}

pub struct Viewport {
    background: glow::Program,
    dots: glow::Program,
    present: glow::Program,
    blit: glow::Program,
    vao: glow::VertexArray,
    /// The pyramid's levels; `None` for a level larger than the GPU takes (the next is used).
    levels: Vec<Option<Level>>,
    /// The before side's own photo, when it has one (see `set_before_photo`).
    before_levels: Option<Vec<Option<Level>>>,
    /// The photo shown before this one (its caller's name for it and its levels), kept to come
    /// back to without uploading it again: a later visit's flicker, or the worst case turned on
    /// and off, swap two photos.
    spare: Option<(usize, Vec<Option<Level>>)>,
    /// The caller's name for the photo shown (see `set_photo_named`).
    photo_name: Option<usize>,
    /// The impressions each kept frame draws (see `Kept`).
    instances: [Option<Instances>; 2],
    /// The kept frames (see `Kept`) and what each holds.
    targets: [Option<Target>; 2],
    drawn: [Option<Frame>; 2],
    max_texture: u32,
}

/// Which kept frame: the preview, or the before side of a split (the photo alone, or another
/// variant or dot layout, with impressions of its own), kept apart so that neither is drawn
/// again while the other changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    Preview = 0,
    Before = 1,
}

/// The kept frame's format: linear light in 32-bit floats, as the CPU computes it. Half floats
/// would do for one impression but not for a zoomed-out view where each pixel is multiplied by
/// hundreds of faint impressions: each product rounded to 11 bits loses or gains the smallest
/// ones (measured: up to 13 % more ink than the CPU on a head photo seen whole). OpenGL ES
/// blends 32-bit floats only with `GL_EXT_float_blend`; without it, half floats.
fn frame_format(gl: &glow::Context) -> (u32, u32) {
    let ext = gl.supported_extensions();
    if !gl.version().is_embedded
        || (ext.contains("GL_EXT_color_buffer_float") && ext.contains("GL_EXT_float_blend"))
    {
        (glow::RGBA32F, glow::FLOAT)
    } else {
        (glow::RGBA16F, glow::HALF_FLOAT)
    }
}

impl Viewport {
    /// Compiles the shaders; fails on a GL too old for them (the caller falls back to the CPU).
    pub fn new(gl: &glow::Context) -> Result<Viewport, Unsupported> {
        let v = gl.version();
        let header = if v.is_embedded {
            if v.major < 3 {
                return Err(Unsupported(format!(
                    "OpenGL ES {}.{} (3.0 needed)",
                    v.major, v.minor
                )));
            }
            let ext = gl.supported_extensions();
            if !ext.contains("GL_EXT_color_buffer_half_float")
                && !ext.contains("GL_EXT_color_buffer_float")
            {
                return Err(Unsupported(
                    "OpenGL ES without half-float render targets".into(),
                ));
            }
            "#version 300 es\nprecision highp float;\nprecision highp int;\n"
        } else {
            if (v.major, v.minor) < (3, 3) {
                return Err(Unsupported(format!(
                    "OpenGL {}.{} (3.3 needed)",
                    v.major, v.minor
                )));
            }
            "#version 330 core\n"
        };
        unsafe {
            let background = program(
                gl,
                header,
                shaders::FULL_SCREEN_VERTEX,
                &shaders::background_fragment(),
            )?;
            let dots = program(gl, header, shaders::DOTS_VERTEX, shaders::DOTS_FRAGMENT)?;
            let present = program(
                gl,
                header,
                shaders::FULL_SCREEN_VERTEX,
                &shaders::present_fragment(),
            )?;
            let blit = program(
                gl,
                header,
                shaders::FULL_SCREEN_VERTEX,
                shaders::BLIT_FRAGMENT,
            )?;
            let vao = gl.create_vertex_array().map_err(Unsupported)?;
            let max_texture = gl.get_parameter_i32(glow::MAX_TEXTURE_SIZE).max(1024) as u32;
            Ok(Viewport {
                background,
                dots,
                present,
                blit,
                vao,
                levels: Vec::new(),
                before_levels: None,
                spare: None,
                photo_name: None,
                instances: [None, None],
                targets: [None, None],
                drawn: [None, None],
                max_texture,
            })
        }
    }

    /// Uploads the photo's pyramid (every level the GPU can hold).
    pub fn set_photo(&mut self, gl: &glow::Context, photo: &PhotoPyramid) {
        unsafe { delete_levels(gl, &mut self.levels) };
        self.levels = unsafe { upload_levels(gl, photo, self.max_texture) };
        self.photo_name = None;
        self.drawn = [None, None];
    }

    /// The same for a photo the caller names `name` (the same name, the same pixels): the photo
    /// shown until now is kept as the spare, and a photo named as the spare comes back from it
    /// without an upload.
    pub fn set_photo_named(&mut self, gl: &glow::Context, photo: &PhotoPyramid, name: usize) {
        if self.photo_name == Some(name) {
            return;
        }
        let back = match self.spare.take() {
            Some((n, levels)) if n == name => Some(levels),
            Some((_, mut stale)) => {
                unsafe { delete_levels(gl, &mut stale) };
                None
            }
            None => None,
        };
        // The photo shown until now becomes the spare (an unnamed one is not kept).
        let mut current = std::mem::take(&mut self.levels);
        match self.photo_name {
            Some(n) => self.spare = Some((n, current)),
            None => unsafe { delete_levels(gl, &mut current) },
        }
        self.levels = back.unwrap_or_else(|| unsafe { upload_levels(gl, photo, self.max_texture) });
        self.photo_name = Some(name);
        self.drawn = [None, None];
    }

    /// The photo the before side of a split shows instead of the preview's (a later visit's),
    /// or `None` for the same photo.
    pub fn set_before_photo(&mut self, gl: &glow::Context, photo: Option<&PhotoPyramid>) {
        if let Some(mut old) = self.before_levels.take() {
            unsafe { delete_levels(gl, &mut old) };
        }
        self.before_levels = photo.map(|p| unsafe { upload_levels(gl, p, self.max_texture) });
        self.drawn[Kept::Before as usize] = None;
    }

    /// Uploads the impressions of `variant` (from `render::impressions`), drawn in its looks;
    /// the design has `session_count` sessions at `mm_per_px` millimetres per photo pixel. A
    /// head design's come with their points on the head (`impressions_on_head`) and are drawn
    /// through each frame's camera.
    pub fn set_impressions(
        &mut self,
        gl: &glow::Context,
        impressions: &[Impression],
        on_head: Option<&[[f32; 6]]>,
        variant: &Variant,
        session_count: usize,
        mm_per_px: f64,
    ) {
        self.set_impressions_of(
            gl,
            Kept::Preview,
            impressions,
            on_head,
            variant,
            session_count,
            mm_per_px,
        );
    }

    /// The same for the kept frame `kept`.
    #[allow(clippy::too_many_arguments)]
    pub fn set_impressions_of(
        &mut self,
        gl: &glow::Context,
        kept: Kept,
        impressions: &[Impression],
        on_head: Option<&[[f32; 6]]>,
        variant: &Variant,
        session_count: usize,
        mm_per_px: f64,
    ) {
        unsafe {
            let (buffer, old_head) = match self.instances[kept as usize].take() {
                Some(old) => (old.buffer, old.on_head),
                None => match gl.create_buffer() {
                    Ok(b) => (b, None),
                    Err(_) => return,
                },
            };
            let previous = save(gl);
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(buffer));
            gl.buffer_data_u8_slice(glow::ARRAY_BUFFER, as_bytes(impressions), glow::STATIC_DRAW);
            let head_buffer = match (on_head, old_head) {
                (Some(points), old) => {
                    let b = match old {
                        Some(b) => Some(b),
                        None => gl.create_buffer().ok(),
                    };
                    if let Some(b) = b {
                        gl.bind_buffer(glow::ARRAY_BUFFER, Some(b));
                        gl.buffer_data_u8_slice(
                            glow::ARRAY_BUFFER,
                            points_bytes(points),
                            glow::STATIC_DRAW,
                        );
                    }
                    b
                }
                (None, Some(old)) => {
                    gl.delete_buffer(old);
                    None
                }
                (None, None) => None,
            };
            restore(gl, previous);
            self.instances[kept as usize] = Some(Instances {
                buffer,
                on_head: head_buffer,
                count: impressions.len() as i32,
                variant: variant.clone(),
                session_count,
                mm_per_px,
            });
        }
        self.drawn[kept as usize] = None;
    }

    /// Composites `frame` into the kept preview (unless it already holds it); false when the
    /// GPU could not make a frame of that size.
    pub fn draw(&mut self, gl: &glow::Context, frame: &Frame) -> bool {
        self.draw_kept(gl, Kept::Preview, frame)
    }

    /// Composites `frame` into the kept frame `kept`, unless it already holds it.
    pub fn draw_kept(&mut self, gl: &glow::Context, kept: Kept, frame: &Frame) -> bool {
        if self.drawn[kept as usize].as_ref() == Some(frame) {
            return true;
        }
        let [w, h] = [frame.size[0].max(1), frame.size[1].max(1)];
        unsafe {
            let previous = save(gl);
            let Some(target) = self.target(gl, kept, [w, h]) else {
                restore(gl, previous);
                return false;
            };
            gl.bind_framebuffer(glow::FRAMEBUFFER, Some(target.linear.framebuffer));
            gl.viewport(0, 0, w as i32, h as i32);
            gl.disable(glow::SCISSOR_TEST);
            gl.disable(glow::DEPTH_TEST);
            gl.disable(glow::CULL_FACE);
            gl.bind_vertex_array(Some(self.vao));
            self.draw_background(gl, kept, frame);
            if frame.dots {
                self.draw_dots(gl, kept, frame);
            }
            // To sRGB once, not every time the unchanged frame is shown.
            gl.bind_framebuffer(glow::FRAMEBUFFER, Some(target.display.framebuffer));
            self.copy_texture(gl, self.present, target.linear.texture, [w, h], [0, 0]);
            restore(gl, previous);
        }
        self.drawn[kept as usize] = Some(*frame);
        true
    }

    /// The kept frame as the screen shows it, top row first (for comparing with the CPU).
    pub fn read_pixels(&self, gl: &glow::Context) -> Option<image::RgbaImage> {
        let target = self.targets[Kept::Preview as usize].as_ref()?;
        let [w, h] = target.size;
        let mut pixels = vec![0u8; w as usize * h as usize * 4];
        unsafe {
            let previous = save(gl);
            gl.bind_framebuffer(glow::FRAMEBUFFER, Some(target.display.framebuffer));
            gl.pixel_store_i32(glow::PACK_ALIGNMENT, 4);
            gl.read_pixels(
                0,
                0,
                w as i32,
                h as i32,
                glow::RGBA,
                glow::UNSIGNED_BYTE,
                glow::PixelPackData::Slice(Some(&mut pixels)),
            );
            restore(gl, previous);
        }
        // GL counts rows from the bottom.
        let row = w as usize * 4;
        let flipped: Vec<u8> = pixels.chunks_exact(row).rev().flatten().copied().collect();
        image::RgbaImage::from_raw(w, h, flipped)
    }

    /// Copies the kept preview to the bound framebuffer, its bottom-left corner at `at` (pixels
    /// from the framebuffer's bottom left).
    pub fn present(&self, gl: &glow::Context, at: [i32; 2]) {
        self.present_kept(gl, Kept::Preview, at);
    }

    /// Copies the kept frame `kept` likewise.
    pub fn present_kept(&self, gl: &glow::Context, kept: Kept, at: [i32; 2]) {
        if let Some(t) = &self.targets[kept as usize] {
            self.copy_texture(gl, self.blit, t.display.texture, t.size, at);
        }
    }

    /// `texture` (`size` pixels) copied to the bound framebuffer as it is: the plain texture
    /// blit a CPU-rendered preview costs the screen, the benchmark's yardstick.
    pub fn blit(&self, gl: &glow::Context, texture: glow::Texture, size: [u32; 2]) {
        self.copy_texture(gl, self.blit, texture, size, [0, 0]);
    }

    fn copy_texture(
        &self,
        gl: &glow::Context,
        program: glow::Program,
        texture: glow::Texture,
        size: [u32; 2],
        at: [i32; 2],
    ) {
        unsafe {
            let previous = save(gl);
            gl.viewport(at[0], at[1], size[0] as i32, size[1] as i32);
            gl.disable(glow::BLEND);
            gl.disable(glow::DEPTH_TEST);
            gl.bind_vertex_array(Some(self.vao));
            gl.use_program(Some(program));
            gl.active_texture(glow::TEXTURE0);
            gl.bind_texture(glow::TEXTURE_2D, Some(texture));
            gl.uniform_1_i32(gl.get_uniform_location(program, "u_frame").as_ref(), 0);
            gl.uniform_2_f32(
                gl.get_uniform_location(program, "u_at").as_ref(),
                at[0] as f32,
                at[1] as f32,
            );
            gl.draw_arrays(glow::TRIANGLES, 0, 3);
            restore(gl, previous);
        }
    }

    /// Frees everything on the GPU.
    pub fn destroy(&mut self, gl: &glow::Context) {
        unsafe {
            delete_levels(gl, &mut self.levels);
            if let Some((_, mut spare)) = self.spare.take() {
                delete_levels(gl, &mut spare);
            }
            if let Some(mut old) = self.before_levels.take() {
                delete_levels(gl, &mut old);
            }
            for i in self.instances.iter_mut().filter_map(Option::take) {
                gl.delete_buffer(i.buffer);
                if let Some(b) = i.on_head {
                    gl.delete_buffer(b);
                }
            }
            for t in self.targets.iter_mut().filter_map(Option::take) {
                delete_surfaces(gl, &[t.linear, t.display]);
            }
            for p in [self.background, self.dots, self.present, self.blit] {
                gl.delete_program(p);
            }
            gl.delete_vertex_array(self.vao);
        }
    }
}
