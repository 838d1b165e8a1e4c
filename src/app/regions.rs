//! The painted zones and scars made visible while editing: each tinted in its own colour with an
//! outline, the selected one stronger, its name under the pointer. The overlay is drawn from the
//! density field's owner grid (1 mm cells), so what is shown is exactly the region the engine
//! treats: polygons, brush strokes and erasures together.

use super::Studio;
use super::screen::ScreenPhoto;
use crate::density::{DensityField, NONE};
use egui::{Color32, Pos2, Rect, TextureOptions};

/// Distinct hues for zones (warm to cool) and scars (reds and pinks).
const ZONE_COLOURS: [[u8; 3]; 6] = [
    [255, 196, 64],
    [64, 208, 200],
    [170, 130, 255],
    [150, 220, 80],
    [255, 140, 60],
    [90, 160, 255],
];
const SCAR_COLOURS: [[u8; 3]; 3] = [[255, 80, 120], [255, 120, 200], [230, 60, 60]];

/// The colour of zone or scar `index`, as the overlay and the side panel show it.
pub fn region_colour(index: usize, scar: bool) -> Color32 {
    let [r, g, b] = if scar {
        SCAR_COLOURS[index % SCAR_COLOURS.len()]
    } else {
        ZONE_COLOURS[index % ZONE_COLOURS.len()]
    };
    Color32::from_rgb(r, g, b)
}

/// The overlay's texture and outlines, and what they were made from.
#[derive(Default)]
pub struct RegionOverlay {
    /// Revision, variant, selected zone and scar, and whether on a photo of the head.
    key: Option<(u64, usize, usize, usize, bool)>,
    texture: Option<egui::TextureHandle>,
    /// Each region's outline, in mm on the design: (owner, scar, segment).
    outlines: Vec<(u16, bool, [crate::geometry::Point; 2])>,
}

/// Which region owns grid node (`i`, `j`): a scar over a zone.
fn owner_at(field: &DensityField, i: usize, j: usize) -> (u16, bool) {
    let k = j * field.grid.nx + i;
    match field.scar_owner[k] {
        NONE => (field.zone_owner[k], false),
        s => (s, true),
    }
}

/// Each region's outline by marching squares over the owner grid, smoothed: each node's share
/// of its 3 x 3 neighbourhood that the region owns, and the line where that share is one half,
/// interpolated along the cell sides. So the outline follows the region's shape in slopes and
/// curves instead of going round every 1 mm cell (as the texture's edge cells did: a staircase
/// at full view). Segments in mm on the design.
fn outline_segments(field: &DensityField) -> Vec<(u16, bool, [crate::geometry::Point; 2])> {
    use crate::geometry::Point;
    // The sides crossed for each pattern of corners inside (bit 0 top-left, 1 top-right,
    // 2 bottom-right, 3 bottom-left); sides 0 top, 1 right, 2 bottom, 3 left.
    const CASES: [&[(usize, usize)]; 16] = [
        &[],
        &[(3, 0)],
        &[(0, 1)],
        &[(3, 1)],
        &[(1, 2)],
        &[(3, 0), (1, 2)],
        &[(0, 2)],
        &[(3, 2)],
        &[(2, 3)],
        &[(0, 2)],
        &[(0, 1), (2, 3)],
        &[(1, 2)],
        &[(1, 3)],
        &[(0, 1)],
        &[(3, 0)],
        &[],
    ];
    let (nx, ny, cell) = (field.grid.nx, field.grid.ny, field.grid.cell_mm);
    let share = |region: (u16, bool), i: usize, j: usize| {
        let mut n = 0;
        for y in j.saturating_sub(1)..=(j + 1).min(ny - 1) {
            for x in i.saturating_sub(1)..=(i + 1).min(nx - 1) {
                n += usize::from(owner_at(field, x, y) == region);
            }
        }
        // Off the grid counts as outside, so a region at the edge is closed there too.
        n as f64 / 9.0
    };
    let mut out = Vec::new();
    let mut regions: Vec<(u16, bool)> = Vec::with_capacity(16);
    for j in 0..ny.saturating_sub(1) {
        for i in 0..nx.saturating_sub(1) {
            // The regions near this cell (its corners' neighbourhoods).
            regions.clear();
            for y in j.saturating_sub(1)..=(j + 2).min(ny - 1) {
                for x in i.saturating_sub(1)..=(i + 2).min(nx - 1) {
                    let r = owner_at(field, x, y);
                    if !regions.contains(&r) {
                        regions.push(r);
                    }
                }
            }
            if regions.len() < 2 && i > 0 && j > 0 && i + 2 < nx && j + 2 < ny {
                continue;
            }
            let nodes = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)];
            for &region in &regions {
                if region.0 == NONE {
                    continue;
                }
                let f = nodes.map(|(x, y)| share(region, x, y));
                let bits = (0..4).fold(0usize, |b, k| b | usize::from(f[k] >= 0.5) << k);
                // Where the share crosses one half along side `s` (from its first corner).
                let side = |s: usize| {
                    let (a, b) = (s, (s + 1) % 4);
                    let t = ((0.5 - f[a]) / (f[b] - f[a])).clamp(0.0, 1.0);
                    let (pa, pb) = (nodes[a], nodes[b]);
                    let lerp = |u: usize, v: usize| u as f64 + (v as f64 - u as f64) * t;
                    Point::new(lerp(pa.0, pb.0) * cell, lerp(pa.1, pb.1) * cell)
                };
                for &(a, b) in CASES[bits] {
                    out.push((region.0, region.1, [side(a), side(b)]));
                }
            }
        }
    }
    out
}

/// Builds the overlay image: a light tint inside each region and, with `edges`, an opaque line
/// along its edge cells (on a photo of the head, where the outline is not drawn as lines).
fn overlay_image(
    field: &DensityField,
    zone_sel: usize,
    scar_sel: usize,
    edges: bool,
) -> egui::ColorImage {
    let (nx, ny) = (field.grid.nx, field.grid.ny);
    let owner = |i: usize, j: usize| owner_at(field, i, j);
    let mut pixels = vec![Color32::TRANSPARENT; nx * ny];
    for j in 0..ny {
        for i in 0..nx {
            let (o, scar) = owner(i, j);
            if o == NONE {
                continue;
            }
            let edge = edges
                && [(-1i64, 0i64), (1, 0), (0, -1), (0, 1)]
                    .iter()
                    .any(|&(dx, dy)| {
                        let (x, y) = (i as i64 + dx, j as i64 + dy);
                        x < 0
                            || y < 0
                            || x >= nx as i64
                            || y >= ny as i64
                            || owner(x as usize, y as usize) != (o, scar)
                    });
            let selected = o as usize == if scar { scar_sel } else { zone_sel };
            let alpha = match (edge, selected) {
                (true, true) => 255,
                (true, false) => 170,
                (false, true) => 70,
                (false, false) => 38,
            };
            let c = region_colour(o as usize, scar);
            pixels[j * nx + i] = Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha);
        }
    }
    egui::ColorImage::new([nx, ny], pixels)
}

impl RegionOverlay {
    /// Draws the overlay for the studio's latest field, remaking its texture when the field or
    /// the selection changed.
    pub fn paint(&mut self, studio: &Studio, painter: &egui::Painter, xf: &ScreenPhoto) {
        let Some((revision, variant, computed)) = studio.latest_computed_with_key() else {
            return;
        };
        let on_head = xf.head.is_some();
        let key = (
            revision,
            variant,
            studio.tool.zone,
            studio.tool.scar,
            on_head,
        );
        let field = &computed.field;
        if self.key != Some(key) {
            let image = overlay_image(field, studio.tool.zone, studio.tool.scar, on_head);
            self.outlines = if on_head {
                Vec::new()
            } else {
                outline_segments(field)
            };
            match &mut self.texture {
                Some(t) => t.set(image, TextureOptions::LINEAR),
                None => {
                    self.texture = Some(painter.ctx().load_texture(
                        "regions",
                        image,
                        TextureOptions::LINEAR,
                    ))
                }
            }
            self.key = Some(key);
        }
        let Some(texture) = &self.texture else { return };
        // Texels are the 1 mm cells centred on the grid's nodes.
        let half = 0.5 * field.grid.cell_mm;
        let px = |mm: f64| mm / field.mm_per_px;
        let corner = |x_mm: f64, y_mm: f64| {
            xf.screen_from_photo(crate::geometry::Point::new(px(x_mm), px(y_mm)))
        };
        let far_x = (field.grid.nx as f64 - 1.0) * field.grid.cell_mm + half;
        let far_y = (field.grid.ny as f64 - 1.0) * field.grid.cell_mm + half;
        if let Some(head) = &xf.head {
            // On a photo of the head the tints are laid over the head as a mesh, seen through
            // the photo's camera; the cells on the far side of the head are left out.
            // Cells of about 5 mm: the tints' edges follow the texture, not the mesh.
            let n = 64usize;
            let eye = head.camera.centre();
            let mut mesh = egui::Mesh::with_texture(texture.id());
            let mut facing = Vec::with_capacity((n + 1) * (n + 1));
            for j in 0..=n {
                for i in 0..=n {
                    let (u, v) = (i as f64 / n as f64, j as f64 / n as f64);
                    let (x_mm, y_mm) = (-half + u * (far_x + half), -half + v * (far_y + half));
                    let on = head
                        .chart
                        .from_chart(crate::geometry::Point::new(x_mm, y_mm))
                        .is_some_and(|p| head.chart.head.seen_from(p, eye));
                    facing.push(on);
                    mesh.vertices.push(egui::epaint::Vertex {
                        pos: corner(x_mm, y_mm),
                        uv: Pos2::new(u as f32, v as f32),
                        color: Color32::WHITE,
                    });
                }
            }
            let at = |i: usize, j: usize| (j * (n + 1) + i) as u32;
            for j in 0..n {
                for i in 0..n {
                    let corners = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
                    if corners.iter().all(|&c| facing[c as usize]) {
                        mesh.add_triangle(corners[0], corners[1], corners[2]);
                        mesh.add_triangle(corners[0], corners[2], corners[3]);
                    }
                }
            }
            painter.add(egui::Shape::mesh(mesh));
            return;
        }
        let at = Rect::from_min_max(corner(-half, -half), corner(far_x, far_y));
        let uv = Rect::from_min_max(Pos2::ZERO, Pos2::new(1.0, 1.0));
        painter.image(texture.id(), at, uv, Color32::WHITE);
        for &(o, scar, [a, b]) in &self.outlines {
            let selected = o as usize
                == if scar {
                    studio.tool.scar
                } else {
                    studio.tool.zone
                };
            let c = region_colour(o as usize, scar);
            let (width, alpha) = if selected { (2.0, 255) } else { (1.3, 190) };
            painter.line_segment(
                [corner(a.x, a.y), corner(b.x, b.y)],
                egui::Stroke::new(
                    width,
                    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha),
                ),
            );
        }
    }
}

/// The name of the zone or scar under photo point `p` (pixels), for the label by the pointer.
pub fn name_at(studio: &Studio, p: crate::geometry::Point) -> Option<String> {
    let v = studio.doc.design().active();
    Some(match region_at(studio, p)? {
        Region::Scar(i) => format!(
            "Scar: {} ({:.0}/cm²)",
            v.scars[i].name, v.scars[i].density_per_cm2
        ),
        Region::Zone(i) => format!(
            "{} ({:.0}/cm²)",
            v.zones[i].name, v.zones[i].density_per_cm2
        ),
    })
}

/// A zone or scar of the active variant, by index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    Zone(usize),
    Scar(usize),
}

/// The scar (it lies over zones) or else the zone under photo point `p` (pixels), from the
/// latest density field: exactly what the engine treats there.
pub fn region_at(studio: &Studio, p: crate::geometry::Point) -> Option<Region> {
    let (_, _, computed) = studio.latest_computed_with_key()?;
    let field = &computed.field;
    let node = field.grid.nearest(p * field.mm_per_px);
    let v = studio.doc.design().active();
    let (scar, zone) = (
        field.scar_owner[node] as usize,
        field.zone_owner[node] as usize,
    );
    if scar < v.scars.len() {
        Some(Region::Scar(scar))
    } else if zone < v.zones.len() {
        Some(Region::Zone(zone))
    } else {
        None
    }
}

/// Text that stays readable on any photo: on a dark, rounded backing.
pub fn label(painter: &egui::Painter, at: Pos2, anchor: egui::Align2, text: &str, colour: Color32) {
    let galley = painter.layout_no_wrap(text.to_string(), egui::FontId::proportional(13.0), colour);
    let rect = anchor
        .anchor_size(at, galley.size())
        .expand2(egui::vec2(5.0, 2.0));
    painter.rect_filled(rect, 4.0, Color32::from_black_alpha(170));
    painter.galley(rect.min + egui::vec2(5.0, 2.0), galley, colour);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_region_is_tinted_in_its_colour_and_outlined_the_selected_one_strongest() {
        let design = crate::bundled_design("shaved-soft-hairline");
        let c = crate::engine::compute(&design, 0);
        let field = &c.field;
        let image = overlay_image(field, 0, usize::MAX, true);
        let at = |k: usize| image.pixels[k];
        // Inside and on the edge of each zone: its colour; outside every region: nothing.
        for z in 0..design.variants[0].zones.len() {
            let nodes: Vec<usize> = (0..field.grid.len())
                .filter(|&k| field.zone_owner[k] == z as u16 && field.scar_owner[k] == NONE)
                .collect();
            assert!(!nodes.is_empty());
            let colour = region_colour(z, false);
            let alphas: Vec<u8> = nodes.iter().map(|&k| at(k).a()).collect();
            let (min, max) = (
                *alphas.iter().min().expect("nodes"),
                *alphas.iter().max().expect("nodes"),
            );
            assert!(min > 0, "every node of zone {z} is tinted");
            assert!(
                max > 3 * min,
                "zone {z} has an outline stronger than its fill"
            );
            let k = nodes[nodes.len() / 2];
            let unmul = at(k).to_srgba_unmultiplied();
            assert!(
                (0..3).all(|i| (unmul[i] as i32 - colour[i] as i32).abs() <= 8),
                "zone {z} in its own colour: {unmul:?} vs {colour:?}"
            );
        }
        let untreated = (0..field.grid.len())
            .find(|&k| field.zone_owner[k] == NONE && field.scar_owner[k] == NONE)
            .expect("untreated skin");
        assert_eq!(at(untreated), Color32::TRANSPARENT);
        // The selected zone is drawn stronger than the same zone unselected.
        let other = overlay_image(field, usize::MAX, usize::MAX, true);
        let sum = |img: &egui::ColorImage| img.pixels.iter().map(|p| p.a() as u64).sum::<u64>();
        assert!(sum(&image) > sum(&other));
    }

    /// On a photo design each region's outline is drawn as lines along its edge: every segment
    /// lies within a cell of the region's edge, and each zone has one.
    #[test]
    fn each_region_is_outlined_along_its_edge() {
        let design = crate::bundled_design("shaved-soft-hairline");
        let c = crate::engine::compute(&design, 0);
        let field = &c.field;
        let segments = outline_segments(field);
        for z in 0..design.variants[0].zones.len() {
            assert!(
                segments.iter().any(|s| s.0 == z as u16 && !s.1),
                "zone {z} has an outline"
            );
        }
        let cell = field.grid.cell_mm;
        for &(o, scar, [a, b]) in &segments {
            let m = crate::geometry::Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
            // Within a cell of the region's edge: the 4 x 4 nodes round the segment's middle hold
            // some of the region and some not.
            let (i, j) = ((m.x / cell).floor() as usize, (m.y / cell).floor() as usize);
            let mut around = Vec::new();
            for y in j.saturating_sub(1)..=(j + 2).min(field.grid.ny - 1) {
                for x in i.saturating_sub(1)..=(i + 2).min(field.grid.nx - 1) {
                    around.push(owner_at(field, x, y));
                }
            }
            assert!(around.contains(&(o, scar)), "{m:?}");
            assert!(around.iter().any(|r| *r != (o, scar)), "{m:?}");
            assert!(a.distance(b) <= cell * 1.415, "a segment stays in its cell");
        }
        // The flat texture has no edge band: its tint is even.
        let flat = overlay_image(field, 0, usize::MAX, false);
        let alphas: std::collections::BTreeSet<u8> = flat.pixels.iter().map(|p| p.a()).collect();
        assert!(alphas.len() <= 3, "{alphas:?}");
    }
}
