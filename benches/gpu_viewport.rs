//! `cargo bench --bench gpu_viewport`: the studio's canvas drawn on the GPU, the 100k-dot design
//! (the engine benchmark's) at 1920x1080 and 3840x2160, against a plain blit of a texture of the
//! same size on the same GL (what showing a CPU-rendered preview costs the screen), and against
//! the CPU renderer that drew the canvas before.
//!
//! Frames measured, each until the GL has finished (glFinish):
//! - pan: the view moved by a pixel, so the whole frame is composited again and shown;
//! - look: the look switched (healed/fresh), likewise;
//! - still: nothing changed, the kept frame shown again.
//!
//! Through EGL on whatever GL the machine has: Mesa's llvmpipe (software, on the CPU's cores)
//! without a GPU. `LP_NUM_THREADS=1 taskset -c 0` gives the one-core figures.

mod common;
#[path = "../tests/common/gl.rs"]
mod gl;

use common::{full_design, ms, time};
use glow::HasContext;
use hairline::engine::compute;
use hairline::geometry::Point;
use hairline::render::{
    Look, PhotoPyramid, PreviewOptions, ViewTransform, impressions, render_view,
};
use hairline_studio::gpu::{Frame, Viewport};
use std::path::Path;

fn main() {
    let ctx = gl::headless().unwrap_or_else(|e| panic!("no OpenGL context: {e}"));
    let gl = &ctx.gl;
    println!(
        "GL: {} (LP_NUM_THREADS={}), CPU renderer threads: {}",
        ctx.renderer,
        std::env::var("LP_NUM_THREADS").unwrap_or_else(|_| "unset".into()),
        hairline::par::threads()
    );
    let design = full_design();
    let computed = compute(&design, 0);
    let variant = &design.variants[0];
    let photo = hairline::photo::load_photo(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-scalp.jpg"),
    )
    .expect("sample photo")
    .image;
    let pyramid = PhotoPyramid::new(photo);
    let mut viewport = Viewport::new(gl).unwrap_or_else(|e| panic!("{e}"));
    viewport.set_photo(gl, &pyramid);
    let dots = &computed.dots;
    let upload = time(5, || {
        viewport.set_impressions(
            gl,
            &impressions(variant, dots),
            None,
            variant,
            dots.session_count,
            dots.mm_per_px,
        );
        unsafe { gl.finish() };
    });
    println!(
        "{} impressions prepared and uploaded in {:.1} ms (once per edit, off the frame)",
        dots.dots.len(),
        ms(upload)
    );
    let mut ratios = Vec::new();
    for size in [[1920u32, 1080], [3840, 2160]] {
        let [w, h] = size;
        let fit = ViewTransform::fit(
            pyramid.width() as f64,
            pyramid.height() as f64,
            w as f64,
            h as f64,
        );
        let frame = Frame {
            view: fit,
            size,
            options: PreviewOptions::default(),
            dots: true,
            camera: None,
        };
        let cpu_image = render_view(&pyramid, variant, Some(dots), &frame.options, fit, (w, h));
        let (source, source_fb) = gl::rgba8(gl, size, Some(cpu_image.as_raw()));
        let (screen, screen_fb) = gl::rgba8(gl, size, None);
        // One frame shown as the canvas shows it: composited (unless unchanged), copied to the
        // screen, and waited for.
        let mut show = |f: Frame| {
            viewport.draw(gl, &f);
            viewport.present(gl, [0, 0]);
            unsafe { gl.finish() };
        };
        // Each pan moves the view by a pixel and back, each look switch turns healed and fresh.
        let panned = |k: u32, f: Frame| Frame {
            view: ViewTransform {
                origin_px: f.view.origin_px + Point::new(f64::from(k % 2) / fit.scale, 0.0),
                ..f.view
            },
            ..f
        };
        let mut k = 0u32;
        let pan = time(15, || {
            k += 1;
            show(panned(k, frame))
        });
        let bare = time(15, || {
            k += 1;
            show(panned(
                k,
                Frame {
                    dots: false,
                    ..frame
                },
            ))
        });
        let look = time(15, || {
            k += 1;
            let mut f = frame;
            f.options.look = if k.is_multiple_of(2) {
                Look::Fresh
            } else {
                Look::Healed
            };
            show(f)
        });
        show(frame);
        let still = time(15, || show(frame));
        let blit = time(15, || {
            viewport.blit(gl, source, size);
            unsafe { gl.finish() };
        });
        let cpu = time(5, || {
            render_view(&pyramid, variant, Some(dots), &frame.options, fit, (w, h))
        });
        println!("{w}x{h}, {} dots:", dots.dots.len());
        for (what, t) in [
            ("GPU frame after a pan", pan),
            ("GPU frame after a look switch", look),
            ("GPU frame after a pan, photo alone", bare),
            ("GPU frame, nothing changed", still),
            ("plain texture blit (same size, same GL)", blit),
            ("CPU render of the same view", cpu),
        ] {
            println!("  {what:<42} {:>8.2} ms", ms(t));
        }
        let r = |t: std::time::Duration| t.as_secs_f64() / blit.as_secs_f64();
        ratios.push(format!(
            "{w}x{h}: pan {:.1}x, look switch {:.1}x, unchanged {:.1}x the blit; CPU render {:.1}x the blit, {:.1}x the GPU pan frame",
            r(pan),
            r(look),
            r(still),
            r(cpu),
            cpu.as_secs_f64() / pan.as_secs_f64()
        ));
        unsafe {
            gl.bind_framebuffer(glow::FRAMEBUFFER, None);
            gl.delete_framebuffer(source_fb);
            gl.delete_framebuffer(screen_fb);
            gl.delete_texture(source);
            gl.delete_texture(screen);
        }
    }
    // A head design: the bundled whole-scalp sample at a density that gives about 60,000
    // impressions, seen on its front photo; then turned to its left photo (the photo uploaded,
    // the impressions seen through the new camera), against the CPU's projection and render.
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("designs/whole-scalp-head.json");
    let mut head_design = hairline::design::load_design(&path).expect("head sample");
    for z in &mut head_design.variants[0].zones {
        z.density_per_cm2 = (z.density_per_cm2 * 3.1).min(200.0);
    }
    let head = head_design.head.expect("a head design");
    let chart = head.chart();
    let cameras = hairline::engine::register_design(&head_design).expect("registered");
    let head_dots = compute(&head_design, 0).dots;
    let head_variant = &head_design.variants[0];
    let on_head = hairline_studio::gpu::impressions_on_head(head_variant, &chart, &head_dots);
    viewport.set_impressions(
        gl,
        &on_head.impressions,
        Some(&on_head.points),
        head_variant,
        head_dots.session_count,
        head_dots.mm_per_px,
    );
    let photos: Vec<PhotoPyramid> = head_design.views[..2]
        .iter()
        .map(|v| {
            let p = hairline::engine::view_photo_path(&path, v);
            PhotoPyramid::new(hairline::photo::load_photo(&p).expect("view photo").image)
        })
        .collect();
    let size = [1920u32, 1080];
    let head_frame = |k: usize| {
        let p = &photos[k];
        let (w, h) = (p.width() as f64, p.height() as f64);
        Frame {
            view: ViewTransform::fit(w, h, 1920.0, 1080.0),
            size,
            options: PreviewOptions::default(),
            dots: true,
            camera: Some(hairline_studio::gpu::ViewCamera::new(
                &cameras[k].camera,
                &chart.head,
                (w, h),
            )),
        }
    };
    let (screen, screen_fb) = gl::rgba8(gl, size, None);
    let mut k = 0;
    let turn = time(11, || {
        k = 1 - k;
        viewport.set_photo(gl, &photos[k]);
        viewport.draw(gl, &head_frame(k));
        viewport.present(gl, [0, 0]);
        unsafe { gl.finish() };
    });
    let cpu_turn = time(5, || {
        let p = &photos[1];
        let f = head_frame(1);
        let seen = hairline::head::dots_in_view(
            &chart,
            &head_dots,
            &cameras[1].camera,
            (p.width() as f64, p.height() as f64),
        );
        render_view(
            p,
            head_variant,
            Some(&seen),
            &f.options,
            f.view,
            (1920, 1080),
        )
    });
    println!(
        "head design, {} impressions, 1920x1080, turned to another photo:",
        head_dots.dots.len()
    );
    println!(
        "  {:<42} {:>8.2} ms",
        "GPU frame (photo uploaded, new camera)",
        ms(turn)
    );
    println!(
        "  {:<42} {:>8.2} ms",
        "CPU projection and render",
        ms(cpu_turn)
    );
    ratios.push(format!(
        "head turned to another photo at 1920x1080: GPU {:.2}x the CPU's projection and render",
        turn.as_secs_f64() / cpu_turn.as_secs_f64()
    ));
    unsafe {
        gl.bind_framebuffer(glow::FRAMEBUFFER, None);
        gl.delete_framebuffer(screen_fb);
        gl.delete_texture(screen);
    }
    println!("ratios (same run):");
    for r in ratios {
        println!("  {r}");
    }
    viewport.destroy(gl);
}
