//! The GL chores of the viewport: textures and buffers uploaded and deleted, a program linked,
//! and the GL state the studio's frame had, saved and given back around each draw.

use super::Unsupported;
use super::resources::{Level, Surface};
use crate::render::{Impression, PhotoPyramid};
use glow::HasContext;

pub(super) unsafe fn delete_surfaces(gl: &glow::Context, surfaces: &[Surface]) {
    for s in surfaces {
        unsafe {
            gl.delete_framebuffer(s.framebuffer);
            gl.delete_texture(s.texture);
        }
    }
}

/// The impressions' bytes, as the instance buffer takes them.
pub(super) fn as_bytes(impressions: &[Impression]) -> &[u8] {
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
pub(super) unsafe fn upload_levels(
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

pub(super) unsafe fn delete_levels(gl: &glow::Context, levels: &mut Vec<Option<Level>>) {
    for level in levels.drain(..).flatten() {
        unsafe { gl.delete_texture(level.texture) };
    }
}

/// The points' bytes, as their buffer takes them.
pub(super) fn points_bytes(points: &[[f32; 6]]) -> &[u8] {
    // Safety: arrays of `f32` have no padding; every byte is initialised.
    unsafe {
        std::slice::from_raw_parts(points.as_ptr().cast::<u8>(), std::mem::size_of_val(points))
    }
}

pub(super) unsafe fn program(
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
pub(super) struct Saved {
    framebuffer: Option<glow::Framebuffer>,
    viewport: [i32; 4],
    program: Option<glow::Program>,
    vao: Option<glow::VertexArray>,
    buffer: Option<glow::Buffer>,
    texture: Option<glow::Texture>,
    blend: bool,
    scissor: bool,
}

pub(super) unsafe fn save(gl: &glow::Context) -> Saved {
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

pub(super) unsafe fn restore(gl: &glow::Context, s: Saved) {
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
