//! An OpenGL context without a window: EGL on a software device (Mesa's llvmpipe on a machine
//! without a GPU), for comparing the GPU viewport with the CPU renderer and for its benchmark.

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
        let renderer = unsafe {
            use glow::HasContext;
            gl.get_parameter_string(glow::RENDERER)
        };
        return Ok(Headless {
            gl: std::sync::Arc::new(gl),
            renderer,
            _context: context,
            _display: display,
        });
    }
    Err(last)
}
