//! The preview drawn on the GPU (OpenGL 3.3 or OpenGL ES 3.0, through `glow`): the photo as
//! textures, the impressions as instanced quads whose look, size and shape the vertex shader
//! works out from the same numbers as the CPU renderer, multiplied into the skin in linear light
//! in a floating-point frame, then written to the screen as sRGB.
//!
//! The CPU renderer (`render::render_view`) stays the reference for exports and the command
//! line; `tests/gpu.rs` bounds the difference between the two.
//!
//! Every function takes the GL context it was made with, current on the calling thread.

mod head;
mod shaders;

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

/// One uploaded pyramid level.
struct Level {
    texture: glow::Texture,
    size: [u32; 2],
}

/// The impressions on the GPU, with what their looks are worked out from.
struct Instances {
    buffer: glow::Buffer,
    /// Each impression's point and normal on the head, for a head design's (see `OnHead`).
    on_head: Option<glow::Buffer>,
    count: i32,
    variant: Variant,
    session_count: usize,
    mm_per_px: f64,
}

/// A texture and the framebuffer drawing into it.
#[derive(Clone, Copy)]
struct Surface {
    framebuffer: glow::Framebuffer,
    texture: glow::Texture,
}

/// The composited frame, kept between frames: in linear light while the impressions are
/// multiplied in, then as the screen's sRGB bytes, so that an unchanged view costs one plain
/// copy to the screen.
#[derive(Clone, Copy)]
struct Target {
    linear: Surface,
    display: Surface,
    size: [u32; 2],
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

    /// The kept frame `kept` at `size`, (re)made when the size changes.
    unsafe fn target(&mut self, gl: &glow::Context, kept: Kept, size: [u32; 2]) -> Option<Target> {
        let slot = &mut self.targets[kept as usize];
        if let Some(t) = slot
            && t.size == size
        {
            return Some(*t);
        }
        unsafe {
            if let Some(t) = slot.take() {
                delete_surfaces(gl, &[t.linear, t.display]);
            }
            let (format, kind) = frame_format(gl);
            let linear = surface(gl, format, kind, size)?;
            let Some(display) = surface(gl, glow::RGBA8, glow::UNSIGNED_BYTE, size) else {
                delete_surfaces(gl, &[linear]);
                return None;
            };
            let target = Target {
                linear,
                display,
                size,
            };
            *slot = Some(target);
            Some(target)
        }
    }

    unsafe fn draw_background(&self, gl: &glow::Context, kept: Kept, frame: &Frame) {
        let levels = match (kept, &self.before_levels) {
            (Kept::Before, Some(own)) => own,
            _ => &self.levels,
        };
        let p = self.background;
        let view = frame.view;
        // The level whose pixels are no smaller than output pixels, as the CPU picks it; one
        // too large for the GPU gives way to the next.
        let mut level = 0;
        while level + 1 < levels.len() && view.scale * (1u64 << (level + 1)) as f64 <= 1.0 {
            level += 1;
        }
        while level + 1 < levels.len() && levels[level].is_none() {
            level += 1;
        }
        let chosen = levels.get(level).and_then(Option::as_ref);
        let f = (1u64 << level) as f64;
        unsafe {
            gl.disable(glow::BLEND);
            gl.use_program(Some(p));
            let u = |name: &str| gl.get_uniform_location(p, name);
            gl.active_texture(glow::TEXTURE0);
            gl.bind_texture(glow::TEXTURE_2D, chosen.map(|l| l.texture));
            gl.uniform_1_i32(u("u_level").as_ref(), 0);
            let size = chosen.map_or([1, 1], |l| l.size);
            gl.uniform_2_f32(u("u_level_size").as_ref(), size[0] as f32, size[1] as f32);
            gl.uniform_2_f32(
                u("u_origin").as_ref(),
                (view.origin_px.x / f) as f32,
                (view.origin_px.y / f) as f32,
            );
            gl.uniform_1_f32(u("u_inv").as_ref(), (1.0 / (view.scale * f)) as f32);
            gl.uniform_1_f32(u("u_out_h").as_ref(), frame.size[1] as f32);
            let plain = frame.options.hide_photo || chosen.is_none();
            gl.uniform_1_i32(u("u_plain").as_ref(), i32::from(plain));
            gl.draw_arrays(glow::TRIANGLES, 0, 3);
        }
    }

    unsafe fn draw_dots(&self, gl: &glow::Context, kept: Kept, frame: &Frame) {
        let Some(inst) = &self.instances[kept as usize] else {
            return;
        };
        // A head's impressions are seen only through a photo's camera.
        let head = match (inst.on_head, frame.camera) {
            (Some(points), Some(camera)) => Some((points, camera)),
            (Some(_), None) => return,
            (None, _) => None,
        };
        if inst.count == 0 {
            return;
        }
        let p = self.dots;
        let count = inst.session_count.clamp(1, MAX_LOOK_SESSIONS);
        let looks = session_looks(&inst.variant, &frame.options, count);
        let (mut look, mut absorb, mut halo) = ([0f32; 16], [0f32; 16], [0f32; 16]);
        for (k, l) in looks.iter().enumerate() {
            look[4 * k..4 * k + 4].copy_from_slice(&[
                l.diameter_scale,
                l.edge_mm,
                l.halo_scale,
                l.patchiness,
            ]);
            let shown = f32::from(u8::from(frame.options.sessions.shows(k as u8)));
            absorb[4 * k..4 * k + 4].copy_from_slice(&[
                l.absorb[0],
                l.absorb[1],
                l.absorb[2],
                shown,
            ]);
            halo[4 * k..4 * k + 3].copy_from_slice(&l.halo_absorb);
        }
        let view = frame.view;
        unsafe {
            gl.enable(glow::BLEND);
            gl.blend_equation(glow::FUNC_ADD);
            // The skin keeps the share of light the impression lets through: dst *= src.
            gl.blend_func(glow::ZERO, glow::SRC_COLOR);
            gl.use_program(Some(p));
            let u = |name: &str| gl.get_uniform_location(p, name);
            gl.uniform_2_f32(
                u("u_origin").as_ref(),
                view.origin_px.x as f32,
                view.origin_px.y as f32,
            );
            gl.uniform_1_f32(u("u_scale").as_ref(), view.scale as f32);
            // On a head the impressions are sized in millimetres at the head's centre.
            let mm_per_px = head.map_or(inst.mm_per_px, |(_, c)| 1.0 / c.nominal_px_per_mm as f64);
            gl.uniform_1_f32(u("u_px_per_mm").as_ref(), (view.scale / mm_per_px) as f32);
            gl.uniform_1_i32(u("u_head").as_ref(), i32::from(head.is_some()));
            if let Some((_, c)) = head {
                let rows: Vec<f32> = c.rows.iter().flatten().copied().collect();
                gl.uniform_3_f32_slice(u("u_rot").as_ref(), &rows);
                gl.uniform_3_f32_slice(u("u_trans").as_ref(), &c.translation);
                gl.uniform_1_f32(u("u_focal").as_ref(), c.focal_px);
                gl.uniform_2_f32_slice(u("u_principal").as_ref(), &c.principal_px);
                gl.uniform_2_f32_slice(u("u_photo").as_ref(), &c.photo_px);
                gl.uniform_3_f32_slice(u("u_eye").as_ref(), &c.eye);
                let ears: Vec<f32> = c.ears.iter().flatten().copied().collect();
                gl.uniform_3_f32_slice(u("u_ears").as_ref(), &ears);
            }
            gl.uniform_2_f32(
                u("u_out").as_ref(),
                frame.size[0] as f32,
                frame.size[1] as f32,
            );
            gl.uniform_1_f32(u("u_out_h").as_ref(), frame.size[1] as f32);
            gl.uniform_1_i32(u("u_sessions").as_ref(), count as i32);
            gl.uniform_1_i32(
                u("u_patch_only").as_ref(),
                i32::from(frame.options.test_patch_only),
            );
            gl.uniform_4_f32_slice(u("u_look").as_ref(), &look);
            gl.uniform_4_f32_slice(u("u_absorb").as_ref(), &absorb);
            gl.uniform_4_f32_slice(u("u_halo").as_ref(), &halo);
            gl.bind_buffer(glow::ARRAY_BUFFER, Some(inst.buffer));
            let stride = std::mem::size_of::<Impression>() as i32;
            for (location, size, offset) in
                [(0, 4, 0), (1, 4, 16), (2, 4, 32), (3, 4, 48), (4, 2, 64)]
            {
                gl.enable_vertex_attrib_array(location);
                gl.vertex_attrib_pointer_f32(location, size, glow::FLOAT, false, stride, offset);
                gl.vertex_attrib_divisor(location, 1);
            }
            if let Some((points, _)) = head {
                gl.bind_buffer(glow::ARRAY_BUFFER, Some(points));
                for (location, offset) in [(5, 0), (6, 12)] {
                    gl.enable_vertex_attrib_array(location);
                    gl.vertex_attrib_pointer_f32(location, 3, glow::FLOAT, false, 24, offset);
                    gl.vertex_attrib_divisor(location, 1);
                }
            }
            gl.draw_arrays_instanced(glow::TRIANGLE_STRIP, 0, 4, inst.count);
            for location in 0..7 {
                gl.vertex_attrib_divisor(location, 0);
                gl.disable_vertex_attrib_array(location);
            }
        }
    }
}

/// A `size` texture of `format` with a framebuffer drawing into it; `None` if the GL cannot.
unsafe fn surface(gl: &glow::Context, format: u32, kind: u32, size: [u32; 2]) -> Option<Surface> {
    unsafe {
        let texture = gl.create_texture().ok()?;
        gl.bind_texture(glow::TEXTURE_2D, Some(texture));
        gl.tex_image_2d(
            glow::TEXTURE_2D,
            0,
            format as i32,
            size[0] as i32,
            size[1] as i32,
            0,
            glow::RGBA,
            kind,
            glow::PixelUnpackData::Slice(None),
        );
        for p in [glow::TEXTURE_MIN_FILTER, glow::TEXTURE_MAG_FILTER] {
            gl.tex_parameter_i32(glow::TEXTURE_2D, p, glow::NEAREST as i32);
        }
        let Ok(framebuffer) = gl.create_framebuffer() else {
            gl.delete_texture(texture);
            return None;
        };
        gl.bind_framebuffer(glow::FRAMEBUFFER, Some(framebuffer));
        gl.framebuffer_texture_2d(
            glow::FRAMEBUFFER,
            glow::COLOR_ATTACHMENT0,
            glow::TEXTURE_2D,
            Some(texture),
            0,
        );
        if gl.check_framebuffer_status(glow::FRAMEBUFFER) != glow::FRAMEBUFFER_COMPLETE {
            gl.delete_framebuffer(framebuffer);
            gl.delete_texture(texture);
            return None;
        }
        Some(Surface {
            framebuffer,
            texture,
        })
    }
}

unsafe fn delete_surfaces(gl: &glow::Context, surfaces: &[Surface]) {
    for s in surfaces {
        unsafe {
            gl.delete_framebuffer(s.framebuffer);
            gl.delete_texture(s.texture);
        }
    }
}

/// The impressions' bytes, as the instance buffer takes them.
fn as_bytes(impressions: &[Impression]) -> &[u8] {
    // Safety: `Impression` is `repr(C)` of `f32`s and one `u32`, with no padding; every byte is
    // initialised and any byte pattern is a valid `u8`.
    unsafe {
        std::slice::from_raw_parts(
            impressions.as_ptr().cast::<u8>(),
            std::mem::size_of_val(impressions),
        )
    }
}

/// `photo`'s pyramid as textures: every level no larger than `max_texture` (`None` for the
/// others, whose next level is used instead).
unsafe fn upload_levels(
    gl: &glow::Context,
    photo: &PhotoPyramid,
    max_texture: u32,
) -> Vec<Option<Level>> {
    unsafe {
        let previous = save(gl);
        let levels = photo
            .levels
            .iter()
            .map(|img| {
                let (w, h) = img.dimensions();
                if w > max_texture || h > max_texture {
                    return None;
                }
                let texture = gl.create_texture().ok()?;
                gl.bind_texture(glow::TEXTURE_2D, Some(texture));
                gl.pixel_store_i32(glow::UNPACK_ALIGNMENT, 4);
                gl.tex_image_2d(
                    glow::TEXTURE_2D,
                    0,
                    glow::RGBA8 as i32,
                    w as i32,
                    h as i32,
                    0,
                    glow::RGBA,
                    glow::UNSIGNED_BYTE,
                    glow::PixelUnpackData::Slice(Some(img.as_raw())),
                );
                // Bilinear within the level, clamped at its edge, as the CPU samples it.
                for (p, v) in [
                    (glow::TEXTURE_MIN_FILTER, glow::LINEAR),
                    (glow::TEXTURE_MAG_FILTER, glow::LINEAR),
                    (glow::TEXTURE_WRAP_S, glow::CLAMP_TO_EDGE),
                    (glow::TEXTURE_WRAP_T, glow::CLAMP_TO_EDGE),
                ] {
                    gl.tex_parameter_i32(glow::TEXTURE_2D, p, v as i32);
                }
                Some(Level {
                    texture,
                    size: [w, h],
                })
            })
            .collect();
        restore(gl, previous);
        levels
    }
}

unsafe fn delete_levels(gl: &glow::Context, levels: &mut Vec<Option<Level>>) {
    for level in levels.drain(..).flatten() {
        unsafe { gl.delete_texture(level.texture) };
    }
}

/// The points' bytes, as their buffer takes them.
fn points_bytes(points: &[[f32; 6]]) -> &[u8] {
    // Safety: arrays of `f32` have no padding; every byte is initialised.
    unsafe {
        std::slice::from_raw_parts(points.as_ptr().cast::<u8>(), std::mem::size_of_val(points))
    }
}

unsafe fn program(
    gl: &glow::Context,
    header: &str,
    vertex: &str,
    fragment: &str,
) -> Result<glow::Program, Unsupported> {
    unsafe {
        let program = gl.create_program().map_err(Unsupported)?;
        let mut shaders = Vec::new();
        for (kind, source) in [
            (glow::VERTEX_SHADER, vertex),
            (glow::FRAGMENT_SHADER, fragment),
        ] {
            let shader = gl.create_shader(kind).map_err(Unsupported)?;
            gl.shader_source(shader, &format!("{header}{source}"));
            gl.compile_shader(shader);
            if !gl.get_shader_compile_status(shader) {
                let log = gl.get_shader_info_log(shader);
                gl.delete_shader(shader);
                gl.delete_program(program);
                return Err(Unsupported(format!("shader did not compile: {log}")));
            }
            gl.attach_shader(program, shader);
            shaders.push(shader);
        }
        gl.link_program(program);
        for shader in shaders {
            gl.detach_shader(program, shader);
            gl.delete_shader(shader);
        }
        if !gl.get_program_link_status(program) {
            let log = gl.get_program_info_log(program);
            gl.delete_program(program);
            return Err(Unsupported(format!("shaders did not link: {log}")));
        }
        Ok(program)
    }
}

/// The GL state this module changes and egui (or any host) expects back.
struct Saved {
    framebuffer: Option<glow::Framebuffer>,
    viewport: [i32; 4],
    program: Option<glow::Program>,
    vao: Option<glow::VertexArray>,
    buffer: Option<glow::Buffer>,
    texture: Option<glow::Texture>,
    blend: bool,
    scissor: bool,
}

unsafe fn save(gl: &glow::Context) -> Saved {
    unsafe {
        let mut viewport = [0; 4];
        gl.get_parameter_i32_slice(glow::VIEWPORT, &mut viewport);
        gl.active_texture(glow::TEXTURE0);
        Saved {
            framebuffer: gl.get_parameter_framebuffer(glow::DRAW_FRAMEBUFFER_BINDING),
            viewport,
            program: gl.get_parameter_program(glow::CURRENT_PROGRAM),
            vao: gl.get_parameter_vertex_array(glow::VERTEX_ARRAY_BINDING),
            buffer: gl.get_parameter_buffer(glow::ARRAY_BUFFER_BINDING),
            texture: gl.get_parameter_texture(glow::TEXTURE_BINDING_2D),
            blend: gl.is_enabled(glow::BLEND),
            scissor: gl.is_enabled(glow::SCISSOR_TEST),
        }
    }
}

unsafe fn restore(gl: &glow::Context, s: Saved) {
    unsafe {
        gl.bind_framebuffer(glow::FRAMEBUFFER, s.framebuffer);
        let [x, y, w, h] = s.viewport;
        gl.viewport(x, y, w, h);
        gl.use_program(s.program);
        gl.bind_vertex_array(s.vao);
        gl.bind_buffer(glow::ARRAY_BUFFER, s.buffer);
        gl.active_texture(glow::TEXTURE0);
        gl.bind_texture(glow::TEXTURE_2D, s.texture);
        for (cap, on) in [(glow::BLEND, s.blend), (glow::SCISSOR_TEST, s.scissor)] {
            if on {
                gl.enable(cap);
            } else {
                gl.disable(cap);
            }
        }
    }
}
