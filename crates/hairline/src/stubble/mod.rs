//! The client's own stubble, measured in the photo, and the design that blends with it.
//!
//! SMP on a shaved head has to sit beside the client's real stubble (the sides, the back, what
//! is left on top): the same size of dot, the same density, the same tone at a normal viewing
//! distance. The practitioner points at an area of existing hair; each dark speck there (a
//! shaved hair's cut end and the follicle's shadow) is found against the skin around it,
//! counted and sized (specks joined together counted by their area), and the patch's overall
//! darkening measured. The suggestion is then
//! checked with the renderer itself: healed impressions of the suggested needle and density
//! are rendered on the client's skin colour and the dilution chosen so that they darken the
//! skin as much as the stubble does.

mod on_head;

pub use on_head::{SkinPatch, measure_stubble_on_head, skin_patch};

use crate::design::{Variant, params};
use crate::dots::{Dot, DotSet};
use crate::geometry::Point;
use crate::render::{Look, PhotoPyramid, PreviewOptions, SessionView, ViewTransform, render_view};
use crate::specks::{half_box_px, linear, luminance, speck_mask_of};
use image::RgbaImage;

/// A photo coarser than this cannot show single stubble hairs (about 0.1-0.3 mm across).
pub const FINEST_NEEDED_MM_PER_PX: f64 = 0.1;

/// What the stubble in one area of the photo measures.
#[derive(Clone, Debug, PartialEq)]
pub struct Stubble {
    /// Hairs counted, and the skin area they were counted on.
    pub count: usize,
    pub area_cm2: f64,
    pub density_per_cm2: f64,
    /// Median diameter of a hair's speck (a circle of the same area), mm.
    pub diameter_mm: f64,
    /// Mean colour of the hairs' pixels and of the skin between them, sRGB 0-255.
    pub hair_srgb: [u8; 3],
    pub skin_srgb: [u8; 3],
    /// How much the stubble darkens the area as a whole, in linear light: 1 - (mean
    /// luminance of the area / the skin's). What the eye sees from a normal distance.
    pub darkening: f64,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum StubbleError {
    #[error(
        "the photo has {mm_per_px:.2} mm per pixel here: too coarse to see single hairs (they are 0.1-0.3 mm); a photo of at least {needed:.0} pixels per cm across the area is needed"
    )]
    TooCoarse { mm_per_px: f64, needed: f64 },
    #[error("the area is outside the photo")]
    Outside,
    #[error("the point is not on the head in this photo")]
    OffHead,
    #[error(
        "the skin there is seen {degrees:.0} degrees from square-on: too slanted to count hairs; point at it in a photo that faces it"
    )]
    Oblique { degrees: f64 },
    #[error(
        "only {found} hairs found in the area: point at the client's stubble (a denser area, or a sharper photo of it)"
    )]
    NoStubble { found: usize },
}

fn srgb(l: f64) -> u8 {
    crate::colour::linear_to_srgb(l).round() as u8
}

/// Measures the stubble within `radius_px` of `centre_px` in `photo`, whose scale there is
/// `mm_per_px`.
pub fn measure_stubble(
    photo: &RgbaImage,
    centre_px: Point,
    radius_px: f64,
    mm_per_px: f64,
) -> Result<Stubble, StubbleError> {
    if mm_per_px > FINEST_NEEDED_MM_PER_PX {
        return Err(StubbleError::TooCoarse {
            mm_per_px,
            needed: 10.0 / FINEST_NEEDED_MM_PER_PX,
        });
    }
    let (w, h) = (photo.width() as i64, photo.height() as i64);
    let (fw, fh) = (w as f64, h as f64);
    let outside = |c: f64, size: f64| !c.is_finite() || c + radius_px < 0.0 || c - radius_px > size;
    if outside(centre_px.x, fw)
        || outside(centre_px.y, fh)
        || radius_px.is_nan()
        || radius_px <= 0.0
    {
        return Err(StubbleError::Outside);
    }
    // The skin around each pixel: the speck rule's box (`crate::specks`).
    let half = half_box_px(mm_per_px) as i64;
    let r = radius_px.ceil() as i64;
    let x0 = (centre_px.x as i64 - r - half).max(0);
    let y0 = (centre_px.y as i64 - r - half).max(0);
    let x1 = (centre_px.x as i64 + r + half + 1).min(w);
    let y1 = (centre_px.y as i64 + r + half + 1).min(h);
    if x1 <= x0 || y1 <= y0 {
        return Err(StubbleError::Outside);
    }
    let (bw, bh) = ((x1 - x0) as usize, (y1 - y0) as usize);
    let lum: Vec<f64> = (0..bh)
        .flat_map(|j| {
            (0..bw).map(move |i| {
                luminance(
                    &photo
                        .get_pixel((x0 + i as i64) as u32, (y0 + j as i64) as u32)
                        .0,
                )
            })
        })
        .collect();
    let (cx, cy) = (centre_px.x - x0 as f64, centre_px.y - y0 as f64);
    let inside = |i: usize, j: usize| {
        let (dx, dy) = (i as f64 + 0.5 - cx, j as f64 + 0.5 - cy);
        dx * dx + dy * dy <= radius_px * radius_px
    };
    // A hair's pixel, by the one speck rule (`crate::specks`), on the area with room for the
    // skin round its edge pixels.
    let area_lum: Vec<f32> = lum.iter().map(|&l| l as f32).collect();
    let dark = speck_mask_of(&area_lum, bw, bh, mm_per_px);
    let mut seen = vec![false; bh * bw];
    let mut specks: Vec<f64> = Vec::new();
    let (mut hair_rgb, mut hair_n) = ([0.0f64; 3], 0usize);
    let (mut skin_rgb, mut skin_n, mut all_lum, mut all_n) = ([0.0f64; 3], 0usize, 0.0, 0usize);
    let min_area_px = (std::f64::consts::PI / 4.0 * (0.06 / mm_per_px).powi(2)).max(2.0);
    let max_area_px = std::f64::consts::PI / 4.0 * (0.8 / mm_per_px).powi(2);
    let mut stack = Vec::new();
    for j in 0..bh {
        for i in 0..bw {
            let k = j * bw + i;
            if !inside(i, j) {
                continue;
            }
            let p = photo
                .get_pixel((x0 + i as i64) as u32, (y0 + j as i64) as u32)
                .0;
            all_lum += lum[k];
            all_n += 1;
            if !dark[k] {
                for c in 0..3 {
                    skin_rgb[c] += linear(p[c]);
                }
                skin_n += 1;
                continue;
            }
            if seen[k] {
                continue;
            }
            // One speck: the dark pixels joined to this one.
            let (mut area, mut sx, mut sy) = (0usize, 0.0, 0.0);
            // The hair's own colour is its darkest pixel's: the edge pixels are part skin.
            let (mut colour, mut darkest) = ([0.0f64; 3], f64::INFINITY);
            seen[k] = true;
            stack.push(k);
            while let Some(q) = stack.pop() {
                let (qi, qj) = (q % bw, q / bw);
                area += 1;
                sx += qi as f64;
                sy += qj as f64;
                if lum[q] < darkest {
                    darkest = lum[q];
                    let pq = photo
                        .get_pixel((x0 + qi as i64) as u32, (y0 + qj as i64) as u32)
                        .0;
                    colour = [linear(pq[0]), linear(pq[1]), linear(pq[2])];
                }
                let mut push = |ni: usize, nj: usize| {
                    let n = nj * bw + ni;
                    if dark[n] && !seen[n] {
                        seen[n] = true;
                        stack.push(n);
                    }
                };
                if qi > 0 {
                    push(qi - 1, qj);
                }
                if qi + 1 < bw {
                    push(qi + 1, qj);
                }
                if qj > 0 {
                    push(qi, qj - 1);
                }
                if qj + 1 < bh {
                    push(qi, qj + 1);
                }
            }
            let a = area as f64;
            // Counted where its centre is (a speck across the edge counts once, on its side).
            if a >= min_area_px && a <= max_area_px && inside((sx / a) as usize, (sy / a) as usize)
            {
                specks.push(2.0 * (a / std::f64::consts::PI).sqrt() * mm_per_px);
                for c in 0..3 {
                    hair_rgb[c] += colour[c];
                }
                hair_n += 1;
            }
        }
    }
    if all_n == 0 {
        return Err(StubbleError::Outside);
    }
    if specks.len() < 5 || skin_n == 0 {
        return Err(StubbleError::NoStubble {
            found: specks.len(),
        });
    }
    let area_cm2 = all_n as f64 * mm_per_px * mm_per_px / 100.0;
    specks.sort_by(f64::total_cmp);
    // Follicles closer than a speck's width join into one speck, and through a lens that
    // spreads each hair over a pixel or two they often do (a fifth of the sample photo's
    // units): a speck counts as as many hairs as it holds typical (median) specks' areas, from
    // 1.75 of them up (a single speck's area varies too, with its hairs' length and number).
    let typical = specks[specks.len() / 2].powi(2);
    let hairs: usize = specks
        .iter()
        .map(|d| ((d * d) / typical + 0.25).floor().max(1.0) as usize)
        .sum();
    let skin = skin_rgb.map(|c| c / skin_n as f64);
    let skin_lum = 0.2126 * skin[0] + 0.7152 * skin[1] + 0.0722 * skin[2];
    Ok(Stubble {
        count: hairs,
        area_cm2,
        density_per_cm2: hairs as f64 / area_cm2,
        diameter_mm: specks[specks.len() / 2],
        hair_srgb: hair_rgb.map(|c| srgb(c / hair_n.max(1) as f64)),
        skin_srgb: skin.map(srgb),
        darkening: 1.0 - (all_lum / all_n as f64) / skin_lum,
    })
}

/// What the design should use to blend with the measured stubble.
#[derive(Clone, Debug, PartialEq)]
pub struct StubbleMatch {
    pub needle_mm: f64,
    pub density_per_cm2: f64,
    /// `#rrggbb`, the hair's hue at a pigment's depth.
    pub shade: String,
    pub dilution: f64,
    /// How much healed impressions of this match darken the client's skin (to compare with the
    /// stubble's `darkening`).
    pub darkening: f64,
    /// What could not be matched, in words.
    pub notes: Vec<String>,
}

/// The needle, density, shade and dilution with which `variant`'s healed impressions blend with
/// `stubble`: the needle the hairs' size (a healed impression is 0.85 of the needle), within
/// what practitioners use; the density the hairs' (more where undiluted impressions at that
/// density would still be lighter); the shade the hairs' hue; and the dilution at which the
/// renderer's healed impressions, on the client's skin colour, darken it as much as the
/// stubble does.
pub fn match_stubble(stubble: &Stubble, variant: &Variant) -> StubbleMatch {
    let mut notes = Vec::new();
    let (lo, hi) = params::NEEDLE_COMMON_RANGE_MM;
    let wanted = stubble.diameter_mm / 0.85;
    let needle_mm = (wanted.clamp(lo, hi) * 100.0).round() / 100.0;
    if wanted < lo || wanted > hi {
        notes.push(format!(
            "the hairs read {:.2} mm across: a {wanted:.2} mm needle would match, outside the {lo:.2}-{hi:.2} mm practitioners use",
            stubble.diameter_mm
        ));
    }
    let d = params::ZONE_DENSITY;
    let density_per_cm2 = stubble.density_per_cm2.clamp(d.min, d.max).round();
    // The hair's hue at a pigment's depth: its brightest channel at 0.2.
    let hair = stubble.hair_srgb.map(|c| c as f64 / 255.0);
    let top = hair.iter().copied().fold(1e-6, f64::max);
    let shade_rgb = hair.map(|c| (c / top * 0.2 * 255.0).round() as u8);
    let shade = format!(
        "#{:02x}{:02x}{:02x}",
        shade_rgb[0], shade_rgb[1], shade_rgb[2]
    );
    let mut v = variant.clone();
    v.pigment.shade = shade.clone();
    v.dots.needle_mm = needle_mm;
    let tone_at = |dilution: f64, density: f64| {
        let mut v = v.clone();
        v.pigment.dilution = dilution;
        rendered_darkening(&v, density, stubble.skin_srgb)
    };
    // A healed impression, seen through the skin, darkens less than a cut hair of its size:
    // where even undiluted ones at the hairs' density are lighter, more of them reach the tone
    // (the darkening is about proportional to their number).
    let mut density_per_cm2 = density_per_cm2;
    for _ in 0..2 {
        let undiluted = tone_at(0.0, density_per_cm2);
        if undiluted >= stubble.darkening || density_per_cm2 >= d.max {
            break;
        }
        density_per_cm2 = (density_per_cm2 * stubble.darkening / undiluted * 1.02)
            .min(d.max)
            .round();
    }
    if density_per_cm2 > stubble.density_per_cm2.round() {
        notes.push(format!(
            "{density_per_cm2:.0} impressions/cm², above the hairs' {:.0}/cm²: healed impressions, seen through the skin, are lighter than cut hairs of their size",
            stubble.density_per_cm2
        ));
    }
    let tone = |dilution: f64| tone_at(dilution, density_per_cm2);
    let max_dilution = 0.9;
    let (dark_end, light_end) = (tone(0.0), tone(max_dilution));
    let dilution = if dark_end <= stubble.darkening {
        if dark_end < 0.9 * stubble.darkening {
            notes.push(
                "even undiluted, healed impressions are lighter than the stubble: a darker shade or a larger needle".into(),
            );
        }
        0.0
    } else if light_end >= stubble.darkening {
        notes.push("even at the most dilution, healed impressions are darker than the stubble: a lighter shade or a finer needle".into());
        max_dilution
    } else {
        // Darkening falls as the dilution rises: bisect.
        let (mut a, mut b) = (0.0, max_dilution);
        for _ in 0..12 {
            let m = (a + b) / 2.0;
            if tone(m) > stubble.darkening {
                a = m;
            } else {
                b = m;
            }
        }
        ((a + b) / 2.0 * 100.0).round() / 100.0
    };
    StubbleMatch {
        needle_mm,
        density_per_cm2,
        shade,
        dilution,
        darkening: tone(dilution),
        notes,
    }
}

/// Side of the rendered test area, mm, and its scale.
const PATCH_MM: f64 = 12.0;
const PATCH_MM_PER_PX: f64 = 0.04;

/// How much `variant`'s healed impressions, all its sessions, at `density_per_cm2` darken skin of
/// colour `skin`: rendered by the preview's own compositor on a plain patch. The impressions are
/// scattered evenly at random (a fixed seed): the tone depends on their number and size, not
/// on the layout.
pub fn rendered_darkening(variant: &Variant, density_per_cm2: f64, skin: [u8; 3]) -> f64 {
    let side_px = (PATCH_MM / PATCH_MM_PER_PX) as u32;
    let photo = PhotoPyramid::new(RgbaImage::from_pixel(
        side_px,
        side_px,
        image::Rgba([skin[0], skin[1], skin[2], 255]),
    ));
    let n = (density_per_cm2 * PATCH_MM * PATCH_MM / 100.0).round() as usize;
    let sessions = variant.sessions.sessions.len().max(1);
    let total: f64 = variant.sessions.sessions.iter().map(|s| s.share).sum();
    let random = |i: usize, axis: u64| {
        crate::noise::unit(crate::noise::hash(&[0x5eed, i as u64, axis])) as f32
    };
    let dots = DotSet {
        dots: (0..n)
            .map(|i| {
                // Each session's share of the impressions.
                let at = (i as f64 + 0.5) / n as f64 * total;
                let mut acc = 0.0;
                let session = variant
                    .sessions
                    .sessions
                    .iter()
                    .position(|s| {
                        acc += s.share;
                        at < acc
                    })
                    .unwrap_or(sessions - 1);
                Dot {
                    x_px: random(i, 0) * side_px as f32,
                    y_px: random(i, 1) * side_px as f32,
                    diameter_mm: variant.dots.needle_mm as f32,
                    shade: 1.0,
                    session: session as u8,
                    zone: 0,
                    scar: crate::density::NONE,
                    squash: Dot::FLAT,
                    tilt: 0,
                }
            })
            .collect(),
        session_count: sessions,
        mm_per_px: PATCH_MM_PER_PX,
        made: None,
    };
    let options = PreviewOptions {
        look: Look::Healed,
        sessions: SessionView::Cumulative(sessions - 1),
        ..PreviewOptions::default()
    };
    let view = ViewTransform {
        scale: 1.0,
        origin_px: Point::new(0.0, 0.0),
    };
    let img = render_view(
        &photo,
        variant,
        Some(&dots),
        &options,
        view,
        (side_px, side_px),
    );
    let mean = img.pixels().map(|p| luminance(&p.0)).sum::<f64>() / (side_px * side_px) as f64;
    let skin_lum = luminance(&[skin[0], skin[1], skin[2]]);
    1.0 - mean / skin_lum
}
