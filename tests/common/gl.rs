//! An OpenGL context without a window: EGL on a software device (Mesa's llvmpipe on a machine
//! without a GPU), for comparing the GPU viewport with the CPU renderer and for its benchmark.

use glow::HasContext;
use glutin::api::egl::{context::PossiblyCurrentContext, device::Device, display::Display};
use glutin::config::{ConfigSurfaceTypes, ConfigTemplateBuilder};
use glutin::context::{ContextApi, ContextAttributesBuilder, Version};
use glutin::prelude::*;

/// A current GL context and the `glow` functions for it. Keep it alive while drawing.
pub struct Headless {
    pub gl: std::sync::Arc<glow::Context>,
    pub renderer: String,
    _context: PossiblyCurrentContext,
    _display: Display,
}

/// A GL 3.3 core context on the first EGL device that gives one (a software one if that is all
/// there is), current on this thread. The error says what is missing.
pub fn headless() -> Result<Headless, String> {
    let devices = Device::query_devices()
        .map_err(|e| format!("no EGL (install libegl1 and libegl-mesa0): {e}"))?;
    let mut last = String::from("no EGL device");
    for device in devices {
        // Safety: no raw display handle is passed.
        let display = match unsafe { Display::with_device(&device, None) } {
            Ok(d) => d,
            Err(e) => {
                last = format!("EGL display: {e}");
                continue;
            }
        };
        let template = ConfigTemplateBuilder::new()
            .with_surface_type(ConfigSurfaceTypes::empty())
            .build();
        // Safety: the display is valid for the call.
        let config = match unsafe { display.find_configs(template) }.map(|mut c| c.next()) {
            Ok(Some(c)) => c,
            _ => {
                last = "no EGL config without a surface".into();
                continue;
            }
        };
        let attributes = ContextAttributesBuilder::new()
            .with_context_api(ContextApi::OpenGl(Some(Version::new(3, 3))))
            .build(None);
        // Safety: the config came from this display.
        let context = match unsafe { display.create_context(&config, &attributes) } {
            Ok(c) => c,
            Err(e) => {
                last = format!("GL 3.3 context: {e}");
                continue;
            }
        };
        let context = match context.make_current_surfaceless() {
            Ok(c) => c,
            Err(e) => {
                last = format!("surfaceless context: {e}");
                continue;
            }
        };
        // Safety: the context is current on this thread and the loader is its display's.
        let gl = unsafe {
            glow::Context::from_loader_function_cstr(|name| display.get_proc_address(name))
        };
        let renderer = unsafe { gl.get_parameter_string(glow::RENDERER) };
        return Ok(Headless {
            gl: std::sync::Arc::new(gl),
            renderer,
            _context: context,
            _display: display,
        });
    }
    Err(last)
}

/// An RGBA8 texture of `size` (filled with `pixels` if given) and a framebuffer drawing into it:
/// the screen the frames are shown on, or the texture a CPU preview is uploaded to.
pub fn rgba8(
    gl: &glow::Context,
    size: [u32; 2],
    pixels: Option<&[u8]>,
) -> (glow::Texture, glow::Framebuffer) {
    unsafe {
        let texture = gl.create_texture().expect("texture");
        gl.bind_texture(glow::TEXTURE_2D, Some(texture));
        gl.tex_image_2d(
            glow::TEXTURE_2D,
            0,
            glow::RGBA8 as i32,
            size[0] as i32,
            size[1] as i32,
            0,
            glow::RGBA,
            glow::UNSIGNED_BYTE,
            glow::PixelUnpackData::Slice(pixels),
        );
        for p in [glow::TEXTURE_MIN_FILTER, glow::TEXTURE_MAG_FILTER] {
            gl.tex_parameter_i32(glow::TEXTURE_2D, p, glow::NEAREST as i32);
        }
        let fb = gl.create_framebuffer().expect("framebuffer");
        gl.bind_framebuffer(glow::FRAMEBUFFER, Some(fb));
        gl.framebuffer_texture_2d(
            glow::FRAMEBUFFER,
            glow::COLOR_ATTACHMENT0,
            glow::TEXTURE_2D,
            Some(texture),
            0,
        );
        (texture, fb)
    }
}
