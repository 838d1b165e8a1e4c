//! What the camera sees past the head: the ears below its widest section and the client's
//! shoulders under a barber's cape, each at its own depth so the camera's focus blurs them as
//! it would.

use super::super::{AX, AY, CX, CY, rho};
use super::skin::{albedo, fbm};
use crate::colour::srgb_to_linear;
use crate::noise::smoothstep;

/// A point past the head: its colour in linear light and its height over the photo's plane in
/// pixels (negative: below it, further from the camera).
pub struct Seen {
    pub rgb: [f64; 3],
    pub height: f64,
}

/// An ear, seen from above: the rolled rim of its helix sticking out from under the head's
/// widest section. `side` is -1 for the left ear (in the key light), 1 for the right.
fn ear(x: f64, y: f64, side: f64) -> Option<Seen> {
    let (ex, ey) = (CX + side * 0.97 * AX, CY + 0.12 * AY);
    // The ear's top flares out towards the back of the head.
    let tilt = side * 0.22;
    let (dx, dy) = (x - ex, y - ey);
    let (u, v) = (
        dx * tilt.cos() + dy * tilt.sin(),
        -dx * tilt.sin() + dy * tilt.cos(),
    );
    let t = ((u / 175.0).powi(2) + (v / 310.0).powi(2)).sqrt();
    // Its edge is a rounded rim, not a cut: it fades over a couple of pixels.
    let cover = 1.0 - smoothstep(0.985, 1.0, t);
    if cover <= 0.0 {
        return None;
    }
    // Across the rim from its outer edge inwards: the rolled helix catches the light, the
    // groove inside it (the scapha) is in shade, the hollow nearest the head darker still.
    let rim = (-((t - 0.86) / 0.07).powi(2)).exp();
    let groove = (-((t - 0.68) / 0.08).powi(2)).exp();
    let near_head = 1.0 - smoothstep(0.0, 90.0, (rho(x, y) - 1.0) * AX);
    let key = if side < 0.0 { 0.85 } else { 0.5 };
    // Inside the groove the antihelix ridge catches light again, and inside it the bowl of the
    // concha, facing away from the camera, is in shade.
    let antihelix = (-((t - 0.5) / 0.07).powi(2)).exp() * smoothstep(-0.9, -0.2, v / 310.0);
    let concha = 1.0 - smoothstep(0.25, 0.42, t);
    let lit = key
        * (0.8 + 0.35 * rim - 0.3 * groove + 0.22 * antihelix - 0.35 * concha)
        * (1.0 - 0.55 * near_head);
    // Ears are thin and full of blood: redder than the scalp, and translucent at the rim.
    let a = albedo(x, y);
    let tint = [1.08, 0.86, 0.84];
    let edge = 1.0 - smoothstep(0.94, 1.0, t);
    let behind = cape(x, y);
    Some(Seen {
        rgb: [0, 1, 2].map(|i| behind.rgb[i] + (a[i] * tint[i] * lit - behind.rgb[i]) * cover),
        height: if cover > 0.5 {
            -140.0 - 60.0 * (1.0 - edge)
        } else {
            behind.height
        },
    })
}

/// The cape over the shoulders, far below the head and out of focus: nylon falling in folds
/// that run out from the neck, darker where the shoulders fall away from the light.
fn cape(x: f64, y: f64) -> Seen {
    let (dx, dy) = (x - CX, y - CY + 150.0);
    let angle = dy.atan2(dx);
    let reach = (dx * dx + dy * dy).sqrt();
    // The head's shadow on the cape: the key light comes from the front left.
    let shadow = 1.0 - 0.45 * (1.0 - smoothstep(0.95, 1.5, rho(x - 160.0, y + 220.0)));
    let occluded = 1.0 - 0.3 * (1.0 - smoothstep(1.0, 1.3, rho(x, y)));
    let warp = 1.6 * fbm(401, x, y, 600.0, 2);
    let fold = (0.5 + 0.5 * (9.0 * angle + warp + reach / 900.0).sin()).powf(2.0);
    let fall = 1.0 - 0.35 * smoothstep(900.0, 1700.0, reach);
    // The key light from the front left lights the left shoulder more.
    let side = 1.0 - 0.25 * smoothstep(-1200.0, 1200.0, dx);
    let sheen = 0.55 * fold + 0.08 * fbm(405, x, y, 300.0, 2);
    let base = [44.0, 50.0, 62.0].map(srgb_to_linear);
    Seen {
        rgb: base.map(|c| c * (0.7 + sheen) * fall * side * shadow * occluded),
        height: -2400.0,
    }
}

/// What is seen at a pixel off the head.
pub fn past_the_head(x: f64, y: f64) -> Seen {
    ear(x, y, -1.0)
        .or_else(|| ear(x, y, 1.0))
        .unwrap_or_else(|| cape(x, y))
}
