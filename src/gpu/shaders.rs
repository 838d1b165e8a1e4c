//! The viewport's shaders: the same arithmetic as the CPU renderer (`render::composite`), line
//! for line, so the screen shows what the exported record shows.

/// Colour outside the photo and plain skin, as `render::composite` has them (sRGB bytes).
const COMMON: &str = r#"
const vec3 BACKDROP = vec3(38.0, 38.0, 40.0) / 255.0;
const vec3 PLAIN_SKIN = vec3(222.0, 186.0, 164.0) / 255.0;
vec3 to_linear(vec3 c) {
    return mix(c / 12.92, pow((c + 0.055) / 1.055, vec3(2.4)), step(vec3(0.04045), c));
}
vec3 to_srgb(vec3 l) {
    l = clamp(l, 0.0, 1.0);
    return mix(12.92 * l, 1.055 * pow(l, vec3(1.0 / 2.4)) - 0.055, step(vec3(0.0031308), l));
}
"#;

/// A triangle that covers the viewport, from the vertex index alone.
pub const FULL_SCREEN_VERTEX: &str = r#"
void main() {
    vec2 p = vec2(float((gl_VertexID & 1) * 4 - 1), float((gl_VertexID & 2) * 2 - 1));
    gl_Position = vec4(p, 0.0, 1.0);
}
"#;

/// The photo in linear light, bilinear on the pyramid level the CPU would pick.
pub fn background_fragment() -> String {
    format!(
        "{COMMON}{}",
        r#"
uniform sampler2D u_level;
uniform vec2 u_level_size;
// The view in the level's pixels: texel = u_origin + output pixel centre * u_inv - 0.5.
uniform vec2 u_origin;
uniform float u_inv;
uniform float u_out_h;
uniform int u_plain;
out vec4 o_colour;
void main() {
    // Output pixel centres counted from the top, as the CPU counts rows.
    vec2 centre = vec2(gl_FragCoord.x, u_out_h - gl_FragCoord.y);
    vec3 c;
    if (u_plain == 1) {
        c = PLAIN_SKIN;
    } else {
        vec2 t = u_origin + centre * u_inv - 0.5;
        if (any(lessThan(t, vec2(-0.5))) || any(greaterThan(t, u_level_size - 0.5))) {
            c = BACKDROP;
        } else {
            c = texture(u_level, (t + 0.5) / u_level_size).rgb;
        }
    }
    o_colour = vec4(to_linear(c), 1.0);
}
"#
    )
}

/// One impression per instance: its look, size and shape worked out as `splat_of` does.
pub const DOTS_VERTEX: &str = r#"
// Impression: (x, y, diameter_mm, shade), (patch, axis, elongation), lobes,
// (lobed, squash, slant), (session, in_patch).
layout(location = 0) in vec4 a_place;
layout(location = 1) in vec4 a_own;
layout(location = 2) in vec4 a_lobes;
layout(location = 3) in vec4 a_slant;
layout(location = 4) in vec2 a_session;
// On a head seen through a photo's camera: the impression's point on the head and the skin's
// normal there (head frame, mm).
layout(location = 5) in vec3 a_point;
layout(location = 6) in vec3 a_normal;

uniform vec2 u_origin;
uniform float u_scale;
uniform float u_px_per_mm;
uniform vec2 u_out;
uniform int u_sessions;
uniform bool u_patch_only;
// Per session: (diameter_scale, edge_mm, halo_scale, patchiness), (absorb, shown), (halo absorb).
uniform vec4 u_look[4];
uniform vec4 u_absorb[4];
uniform vec4 u_halo[4];

// The photo's camera (see gpu::ViewCamera), when the impressions are on a head.
uniform bool u_head;
uniform vec3 u_rot[3];
uniform vec3 u_trans;
uniform float u_focal;
uniform vec2 u_principal;
uniform vec2 u_photo;
uniform vec3 u_eye;
uniform vec3 u_ears[4];

flat out vec2 v_centre;
flat out vec4 v_shape;    // radius, edge, aspect, halo radius
flat out vec3 v_absorb;
flat out vec3 v_halo;
flat out vec2 v_axis;
flat out vec4 v_lobes;

void cull() {
    gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
}

const float PI = 3.14159265358979;

// Whether an ear is between the eye and `p` (head::HeadShape::ears_hide).
bool ear_hides(vec3 p) {
    vec3 d = p - u_eye;
    for (int i = 0; i < 2; i++) {
        vec3 o = (u_eye - u_ears[2 * i]) / u_ears[2 * i + 1];
        vec3 dd = d / u_ears[2 * i + 1];
        float qa = dot(dd, dd);
        float qb = 2.0 * dot(o, dd);
        float qc = dot(o, o) - 1.0;
        float disc = qb * qb - 4.0 * qa * qc;
        if (disc < 0.0 || qa < 1e-12) {
            continue;
        }
        float t = (-qb - sqrt(disc)) / (2.0 * qa);
        if (t > 0.0 && t < 1.0 - 1e-6) {
            return true;
        }
    }
    return false;
}

vec3 rotate(vec3 v) {
    return vec3(dot(u_rot[0], v), dot(u_rot[1], v), dot(u_rot[2], v));
}

void main() {
    int k = min(int(a_session.x + 0.5), u_sessions - 1);
    vec2 place = a_place.xy;
    float diameter = a_place.z;
    float squash = a_slant.y;
    vec2 slant = a_slant.zw;
    if (u_head) {
        // As head::dots_in_view sees it: facing the eye, no ear in the way, inside the photo.
        vec3 to_eye = u_eye - a_point;
        float dist = length(to_eye);
        float cosine = dot(a_normal, to_eye) / dist;
        if (cosine <= 0.0 || ear_hides(a_point)) {
            cull();
            return;
        }
        vec3 c = rotate(a_point) + u_trans;
        if (c.z <= 1e-6) {
            cull();
            return;
        }
        place = u_focal * c.xy / c.z + u_principal;
        if (any(lessThan(place, vec2(0.0))) || any(greaterThan(place, u_photo))) {
            cull();
            return;
        }
        // Sized by its distance, in millimetres at the head's centre.
        diameter = a_place.z * u_trans.z / c.z;
        // Foreshortened across the skin's slant; quantised as a seen dot stores it (255ths of
        // its length; the direction in 256ths of a half turn).
        float q = floor(clamp(cosine, 0.0, 1.0) * 255.0 + 0.5);
        vec3 tilt = rotate(a_normal - to_eye / dist * cosine);
        float turn = mod(atan(tilt.y, tilt.x), PI) / PI;
        float t = mod(floor(turn * 256.0), 256.0);
        if (q < 255.0) {
            squash = max(q / 255.0, 0.02);
            float along = t / 256.0 * PI + 0.5 * PI;
            slant = vec2(cos(along), sin(along));
        } else {
            squash = 1.0;
        }
    }
    vec4 look = u_look[k];
    if (u_absorb[k].w < 0.5 || (u_patch_only && a_session.y < 0.5)) {
        cull();
        return;
    }
    vec2 centre = (place - u_origin) * u_scale;
    float radius = 0.5 * diameter * look.x * u_px_per_mm;
    float edge = max(look.y * u_px_per_mm, 0.8);
    float halo_radius = radius * look.z;
    float area = a_place.w * (1.0 - look.w * a_own.x);
    if (radius < 0.6) {
        area *= (radius / 0.6) * (radius / 0.6);
        radius = 0.6;
    }
    area *= radius * radius / (radius * radius + edge * edge / 12.0);
    vec3 absorb = min(area * u_absorb[k].rgb, vec3(1.0));
    if (all(lessThanEqual(absorb, vec3(0.001)))) {
        cull();
        return;
    }
    vec4 lobes = vec4(0.0);
    if (radius * sqrt(a_own.w) >= 2.0) {
        absorb /= a_slant.x;
        lobes = a_lobes;
    }
    float aspect = sqrt(a_own.w);
    vec2 axis = a_own.yz;
    if (squash < 1.0) {
        axis = slant;
        aspect /= sqrt(squash);
        radius *= sqrt(squash);
    }
    vec3 halo = u_halo[k].rgb;
    bool has_halo = any(greaterThan(halo, vec3(0.0)));
    float swell = 1.0 + length(lobes.xy) + length(lobes.zw);
    float reach = max(radius * aspect * swell, has_halo ? halo_radius : 0.0) + edge;
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1)) * 2.0 - 1.0;
    vec2 at = centre + corner * reach;
    gl_Position = vec4(at.x / u_out.x * 2.0 - 1.0, 1.0 - at.y / u_out.y * 2.0, 0.0, 1.0);
    v_centre = centre;
    v_shape = vec4(radius, edge, aspect, halo_radius);
    v_absorb = absorb;
    v_halo = halo;
    v_axis = axis;
    v_lobes = lobes;
}
"#;

/// What share of the light under it each pixel keeps; blended by multiplication.
pub const DOTS_FRAGMENT: &str = r#"
uniform float u_out_h;
flat in vec2 v_centre;
flat in vec4 v_shape;
flat in vec3 v_absorb;
flat in vec3 v_halo;
flat in vec2 v_axis;
flat in vec4 v_lobes;
out vec4 o_keep;
void main() {
    vec2 d = vec2(gl_FragCoord.x, u_out_h - gl_FragCoord.y) - v_centre;
    float dist = length(d);
    float radius = v_shape.x, edge = v_shape.y, aspect = v_shape.z, halo_radius = v_shape.w;
    vec3 keep = vec3(1.0);
    if (any(greaterThan(v_halo, vec3(0.0))) && dist < halo_radius) {
        keep *= 1.0 - (1.0 - dist / halo_radius) * v_halo;
    }
    float along = d.x * v_axis.x + d.y * v_axis.y;
    float across = d.y * v_axis.x - d.x * v_axis.y;
    float shaped = sqrt((along / aspect) * (along / aspect) + (across * aspect) * (across * aspect));
    float edge_at = radius + 0.5 * edge;
    float r2 = along * along + across * across;
    if (v_lobes != vec4(0.0) && r2 > 1e-6) {
        float inv = inversesqrt(r2);
        float u = along * inv, v = across * inv;
        float uu = u * u, vv = v * v;
        float c3 = u * (uu - 3.0 * vv), s3 = v * (3.0 * uu - vv);
        float c4 = uu * uu - 6.0 * uu * vv + vv * vv, s4 = 4.0 * u * v * (uu - vv);
        edge_at *= 1.0 + dot(v_lobes, vec4(c3, s3, c4, s4));
    }
    float cover = clamp((edge_at - shaped) / edge, 0.0, 1.0);
    keep *= 1.0 - cover * v_absorb;
    o_keep = vec4(keep, 1.0);
}
"#;

/// The composited frame (linear light) to the screen's sRGB, pixel for pixel.
pub fn present_fragment() -> String {
    format!(
        "{COMMON}{}",
        r#"
uniform sampler2D u_frame;
uniform vec2 u_at;
out vec4 o_colour;
void main() {
    vec3 l = texelFetch(u_frame, ivec2(gl_FragCoord.xy - u_at), 0).rgb;
    o_colour = vec4(to_srgb(l), 1.0);
}
"#
    )
}

/// A plain copy of a texture to the viewport: the benchmark's yardstick.
pub const BLIT_FRAGMENT: &str = r#"
uniform sampler2D u_frame;
uniform vec2 u_at;
out vec4 o_colour;
void main() {
    o_colour = texelFetch(u_frame, ivec2(gl_FragCoord.xy - u_at), 0);
}
"#;
