//! One frame drawn: the kept frame's surfaces, the photo (and the before photo) as the
//! background, then the impressions as instanced quads multiplied into it in linear light.

use super::*;

impl Viewport {
    /// The kept frame `kept` at `size`, (re)made when the size changes.
    pub(super) unsafe fn target(
        &mut self,
        gl: &glow::Context,
        kept: Kept,
        size: [u32; 2],
    ) -> Option<Target> {
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

    pub(super) unsafe fn draw_background(&self, gl: &glow::Context, kept: Kept, frame: &Frame) {
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

    pub(super) unsafe fn draw_dots(&self, gl: &glow::Context, kept: Kept, frame: &Frame) {
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
