//! Registering a photo to the head: the camera's pose and focal length from the landmarks and
//! outline points a practitioner clicked, by least squares with the photo's focal length as a
//! prior (a head is about 20 cm deep seen from 0.5-1 m, so focal length and distance are hard to
//! tell apart from the clicks alone).

use super::camera::Camera;
use super::shape::{HeadShape, Landmark};
use super::solve::least_squares;
use super::vec3::{Rot, V3};

/// Which side of the head a photo shows: it gives the solve its starting direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ViewKind {
    Front,
    FrontDown,
    Left,
    Right,
    Top,
    Crown,
    Back,
    Free,
}

impl ViewKind {
    pub const ALL: [ViewKind; 8] = [
        ViewKind::Front,
        ViewKind::FrontDown,
        ViewKind::Left,
        ViewKind::Right,
        ViewKind::Top,
        ViewKind::Crown,
        ViewKind::Back,
        ViewKind::Free,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ViewKind::Front => "front",
            ViewKind::FrontDown => "front-down",
            ViewKind::Left => "left",
            ViewKind::Right => "right",
            ViewKind::Top => "top",
            ViewKind::Crown => "crown",
            ViewKind::Back => "back",
            ViewKind::Free => "free",
        }
    }

    pub fn from_name(name: &str) -> Option<ViewKind> {
        ViewKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The landmarks a photo of this kind shows, in the order a practitioner clicks them (the
    /// face from the brow down, then the ears): what the studio asks for. A free view may show
    /// any of them.
    pub fn landmarks(self) -> &'static [Landmark] {
        use Landmark::*;
        match self {
            ViewKind::Front => &Landmark::ALL[..10],
            ViewKind::FrontDown => &[
                Glabella,
                Nasion,
                PupilRight,
                PupilLeft,
                OuterEyeRight,
                OuterEyeLeft,
                NoseTip,
                EarTopRight,
                EarTopLeft,
            ],
            ViewKind::Left => &[
                Glabella,
                PupilLeft,
                OuterEyeLeft,
                NoseTip,
                NoseBase,
                TragionLeft,
                EarTopLeft,
            ],
            ViewKind::Right => &[
                Glabella,
                PupilRight,
                OuterEyeRight,
                NoseTip,
                NoseBase,
                TragionRight,
                EarTopRight,
            ],
            ViewKind::Top => &[NoseTip, EarTopRight, EarTopLeft],
            ViewKind::Crown | ViewKind::Back => {
                &[EarTopRight, EarTopLeft, TragionRight, TragionLeft]
            }
            ViewKind::Free => &Landmark::ALL,
        }
    }

    /// Whether pen dots are what places a photo of this kind: the top, crown and back show too
    /// few landmarks of their own (the face is hidden or foreshortened to nothing).
    pub fn needs_pen_dots(self) -> bool {
        matches!(self, ViewKind::Top | ViewKind::Crown | ViewKind::Back)
    }

    /// Directions from the head's centre towards the camera to start the solve from, with the
    /// photo's up direction; sides are photographed at 90 and at 45 degrees.
    fn starts(self) -> Vec<(V3, V3)> {
        let up = V3::new(0.0, 1.0, 0.0);
        let face_up = V3::new(0.0, 0.0, 1.0);
        let s = std::f64::consts::FRAC_1_SQRT_2;
        match self {
            ViewKind::Front => vec![(V3::new(0.0, 0.0, 1.0), up)],
            ViewKind::FrontDown => vec![(V3::new(0.0, 0.6, 0.8), up)],
            ViewKind::Left => vec![(V3::new(1.0, 0.0, 0.0), up), (V3::new(s, 0.0, s), up)],
            ViewKind::Right => vec![(V3::new(-1.0, 0.0, 0.0), up), (V3::new(-s, 0.0, s), up)],
            ViewKind::Top => vec![(V3::new(0.0, 1.0, 0.0), face_up)],
            ViewKind::Crown => vec![(V3::new(0.0, s, -s), face_up)],
            ViewKind::Back => vec![(V3::new(0.0, 0.0, -1.0), up)],
            ViewKind::Free => ViewKind::ALL[..7].iter().flat_map(|k| k.starts()).collect(),
        }
    }
}

/// What the practitioner clicked on one photo.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clicks {
    pub landmarks: Vec<(Landmark, (f64, f64))>,
    /// Points on the outline of the scalp (the head against the background).
    pub outline: Vec<(f64, f64)>,
    /// Pen dots or stickers put on the scalp before the photos, by number: where a view has few
    /// natural landmarks (top, crown, back), the same dot clicked in two photos ties them.
    pub marks: Vec<(u32, (f64, f64))>,
}

/// A clicked point of known kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Clicked {
    Landmark(Landmark),
    Mark(u32),
}

/// A registered photo: its camera and how well the clicks fit.
#[derive(Clone, Debug, PartialEq)]
pub struct Registration {
    pub camera: Camera,
    /// Root mean square distance between each clicked point and where the fitted head puts it,
    /// in photo pixels and in millimetres at the point.
    pub rms_px: f64,
    pub rms_mm: f64,
    /// Each point's error in pixels, to show which click is off.
    pub point_px: Vec<(Clicked, f64)>,
    /// Root mean square distance of the outline clicks from the head's outline, pixels.
    pub outline_rms_px: f64,
}

/// A landmark click the others disagree with: the photo registered without it puts that
/// landmark more than `OFF_PX` away, and over three times as far as the other clicks fit; it
/// was most likely put on the wrong spot (or on the wrong landmark). Measured on the five
/// synthetic photos with clicks 2 px off (eight hands): left out, an honest click is predicted
/// within 8.8 px at worst (a pupil in the front-down photo); a click 25 px off, 20.6 px at
/// least.
pub const OFF_PX: f64 = 12.0;

/// The landmark click of `view` that is off, if one clearly is, with how far (pixels) from it
/// the photo registered without it puts that landmark. Each click is left out in turn: least
/// squares spreads one bad click's error over all of them (a nose tip 30 px off showed 16 px,
/// and dragged the nose base to 9), so a click's own residual does not single it out, while the
/// fit of the others does. Needs five landmarks (four left to place the photo with some to
/// spare); one registration of the photo per landmark, a couple of milliseconds.
pub fn click_off(head: &HeadShape, view: &ViewInput) -> Option<(Clicked, f64)> {
    let n = view.clicks.landmarks.len();
    if n < 5 {
        return None;
    }
    let mut worst: Option<(Clicked, f64)> = None;
    for i in 0..n {
        let mut others = view.clicks.clone();
        let (l, (x, y)) = others.landmarks.remove(i);
        let Ok(r) = register(head, view.kind, &others, view.size_px, view.focal_prior_px) else {
            continue;
        };
        let Some((px, py)) = r.camera.project(head.landmark(l)) else {
            continue;
        };
        let e = ((px - x).powi(2) + (py - y).powi(2)).sqrt();
        if e > OFF_PX && e > 3.0 * r.rms_px.max(1.0) && worst.is_none_or(|w| e > w.1) {
            worst = Some((Clicked::Landmark(l), e));
        }
    }
    worst
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RegisterError {
    #[error(
        "{view} view: {landmarks} landmarks and {outline} outline points are too few to place the camera; click at least 3 landmarks (or pen dots seen in another photo), or 2 and 5 outline points"
    )]
    TooFew {
        view: &'static str,
        landmarks: usize,
        outline: usize,
    },
}

/// How much a focal length away from the photo's own costs: 5 % counts as much as a pixel of
/// landmark error.
const FOCAL_PRIOR_LOG_SIGMA: f64 = 0.05;

/// A point of known position on or in the head, and where it was clicked.
#[derive(Clone, Copy, Debug)]
struct Target {
    what: Clicked,
    at: V3,
    px: (f64, f64),
}

fn landmark_targets(head: &HeadShape, clicks: &Clicks) -> Vec<Target> {
    clicks
        .landmarks
        .iter()
        .map(|&(l, px)| Target {
            what: Clicked::Landmark(l),
            at: head.landmark(l),
            px,
        })
        .collect()
}

/// Registers one photo of `size_px` to `head` from its landmarks and outline. `focal_prior_px`
/// comes from the photo's EXIF focal length (or a phone's default).
pub fn register(
    head: &HeadShape,
    kind: ViewKind,
    clicks: &Clicks,
    size_px: (f64, f64),
    focal_prior_px: f64,
) -> Result<Registration, RegisterError> {
    let targets = landmark_targets(head, clicks);
    register_targets(
        head,
        kind,
        &targets,
        &clicks.outline,
        size_px,
        focal_prior_px,
    )
}

fn register_targets(
    head: &HeadShape,
    kind: ViewKind,
    targets: &[Target],
    outline: &[(f64, f64)],
    size_px: (f64, f64),
    focal_prior_px: f64,
) -> Result<Registration, RegisterError> {
    let (nl, no) = (targets.len(), outline.len());
    if !(nl >= 3 || (nl >= 2 && no >= 5)) {
        return Err(RegisterError::TooFew {
            view: kind.name(),
            landmarks: nl,
            outline: no,
        });
    }
    let mut best: Option<(Camera, f64)> = None;
    for (dir, up) in kind.starts() {
        for distance_factor in [0.7, 1.0, 1.5] {
            let start = initial_camera(head, targets, outline, dir, up, size_px, focal_prior_px);
            let start = Camera {
                translation: V3::new(
                    start.translation.x,
                    start.translation.y,
                    start.translation.z * distance_factor,
                ),
                ..start
            };
            let (camera, cost) = refine(head, targets, outline, start, focal_prior_px);
            if best.as_ref().is_none_or(|b| cost < b.1) {
                best = Some((camera, cost));
            }
        }
    }
    let camera = best.map(|b| b.0).expect("every view kind has a start");
    Ok(report(head, targets, outline, camera))
}

/// A camera looking at the head from `dir`, at the distance and offset that best match the
/// clicks' spread and centre.
fn initial_camera(
    head: &HeadShape,
    targets: &[Target],
    outline: &[(f64, f64)],
    dir: V3,
    up: V3,
    size_px: (f64, f64),
    f: f64,
) -> Camera {
    let mut cam = Camera::look_at(dir * 600.0, V3::default(), up, f, size_px);
    // Distance from the spread: the points' spread in mm across the view against their spread
    // in pixels; with outline points only, the head's mean diameter against theirs.
    let spread = |pts: &mut dyn Iterator<Item = (f64, f64)>| {
        let v: Vec<(f64, f64)> = pts.collect();
        let n = v.len().max(1) as f64;
        let (mx, my) = v
            .iter()
            .fold((0.0, 0.0), |a, p| (a.0 + p.0 / n, a.1 + p.1 / n));
        let s = (v
            .iter()
            .map(|p| (p.0 - mx).powi(2) + (p.1 - my).powi(2))
            .sum::<f64>()
            / n)
            .sqrt();
        ((mx, my), s)
    };
    let (centre_px, spread_px, spread_mm, anchor) = if targets.len() >= 2 {
        let ((mx, my), s_px) = spread(&mut targets.iter().map(|t| t.px));
        let (_, s_mm) = spread(&mut targets.iter().map(|t| {
            let c = cam.rotation.apply(t.at);
            (c.x, c.y)
        }));
        let n = targets.len() as f64;
        let anchor = targets.iter().fold(V3::default(), |a, t| a + t.at / n);
        ((mx, my), s_px, s_mm, anchor)
    } else {
        let (c, s_px) = spread(&mut outline.iter().copied());
        let r = (head.axes.x + head.axes.y + head.axes.z) / 3.0;
        (c, s_px, r * std::f64::consts::FRAC_1_SQRT_2, V3::default())
    };
    let distance = if spread_px > 1.0 && spread_mm > 1.0 {
        f * spread_mm / spread_px
    } else {
        600.0
    };
    let a = cam.rotation.apply(anchor);
    let z = a.z + distance;
    cam.translation = V3::new(
        (centre_px.0 - cam.cx_px) * z / f - a.x,
        (centre_px.1 - cam.cy_px) * z / f - a.y,
        distance,
    );
    cam
}

/// The residuals of `camera` against the clicks, in pixels, appended to `out`.
fn view_residuals(
    head: &HeadShape,
    targets: &[Target],
    outline: &[(f64, f64)],
    camera: &Camera,
    out: &mut Vec<f64>,
) {
    for t in targets {
        match camera.project(t.at) {
            Some((x, y)) => out.extend([x - t.px.0, y - t.px.1]),
            None => out.extend([1e4, 1e4]),
        }
    }
    let px_per_mm = camera.px_per_mm_at(V3::default()).abs();
    for &(u, v) in outline {
        let (o, d) = camera.ray(u, v);
        out.push(head.outline_gap_mm(o, d) * px_per_mm);
    }
}

/// The camera `base` turned by the small rotation `p[0..3]`, at translation `p[3..6]`.
fn moved(base: &Camera, p: &[f64], focal_px: f64) -> Camera {
    Camera {
        rotation: base
            .rotation
            .then(&Rot::from_axis_angle(V3::new(p[0], p[1], p[2]))),
        translation: V3::new(p[3], p[4], p[5]),
        focal_px,
        ..*base
    }
}

const POSE_STEPS: [f64; 6] = [1e-6, 1e-6, 1e-6, 1e-4, 1e-4, 1e-4];

fn pose_start(c: &Camera) -> [f64; 6] {
    let t = c.translation;
    [0.0, 0.0, 0.0, t.x, t.y, t.z]
}

/// Levenberg-Marquardt from `start` over a small rotation, the translation and the log focal.
fn refine(
    head: &HeadShape,
    targets: &[Target],
    outline: &[(f64, f64)],
    start: Camera,
    focal_prior_px: f64,
) -> (Camera, f64) {
    let mut x0 = pose_start(&start).to_vec();
    x0.push(start.focal_px.ln());
    let mut steps = POSE_STEPS.to_vec();
    steps.push(1e-6);
    let (p, cost) = least_squares(&x0, &steps, 200, |p, out| {
        out.clear();
        let camera = moved(&start, p, p[6].exp());
        view_residuals(head, targets, outline, &camera, out);
        out.push((camera.focal_px / focal_prior_px).ln() / FOCAL_PRIOR_LOG_SIGMA);
    });
    (moved(&start, &p, p[6].exp()), cost)
}

/// One photo to register with the others.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewInput {
    pub kind: ViewKind,
    pub clicks: Clicks,
    pub size_px: (f64, f64),
    pub focal_prior_px: f64,
}

/// A point on the ellipsoid from two angles on its unit sphere (from the top, and round from
/// the front towards the client's left).
fn on_surface(head: &HeadShape, polar: f64, azimuth: f64) -> V3 {
    let s = V3::new(
        polar.sin() * azimuth.sin(),
        polar.cos(),
        polar.sin() * azimuth.cos(),
    );
    s.scale(head.axes)
}

fn surface_angles(head: &HeadShape, p: V3) -> (f64, f64) {
    let s = p.unscale(head.axes).normalized();
    (s.y.clamp(-1.0, 1.0).acos(), s.x.atan2(s.z))
}

/// Registers several photos of one head together: first each photo with enough landmarks on
/// its own, then the pen dots they show are placed on the head and the other photos registered
/// to them, then all at once: one focal length per lens (photos with the same focal prior were
/// taken with the same lens, so a view whose clicks leave it loose borrows it from the views
/// that fix it) and each pen dot's place on the head fitted to every photo that shows it.
pub fn register_views(
    head: &HeadShape,
    views: &[ViewInput],
) -> Result<Vec<Registration>, RegisterError> {
    // Pen dots seen in two photos or more tie those photos together.
    let mut seen: std::collections::BTreeMap<u32, usize> = Default::default();
    for v in views {
        for &(id, _) in &v.clicks.marks {
            *seen.entry(id).or_default() += 1;
        }
    }
    let mark_ids: Vec<u32> = seen
        .into_iter()
        .filter(|&(_, n)| n >= 2)
        .map(|(id, _)| id)
        .collect();
    let landmarks: Vec<Vec<Target>> = views
        .iter()
        .map(|v| landmark_targets(head, &v.clicks))
        .collect();
    let mut alone: Vec<Option<Registration>> = views
        .iter()
        .zip(&landmarks)
        .map(|(v, t)| {
            register_targets(
                head,
                v.kind,
                t,
                &v.clicks.outline,
                v.size_px,
                v.focal_prior_px,
            )
            .ok()
        })
        .collect();
    // Each pen dot where the first registered photo showing it puts it on the head.
    let mut marks: Vec<(u32, V3)> = Vec::new();
    let place_marks = |marks: &mut Vec<(u32, V3)>, alone: &[Option<Registration>]| {
        for &id in &mark_ids {
            if marks.iter().any(|m| m.0 == id) {
                continue;
            }
            let at = views.iter().zip(alone).find_map(|(v, r)| {
                let r = r.as_ref()?;
                let &(_, (x, y)) = v.clicks.marks.iter().find(|m| m.0 == id)?;
                let (o, d) = r.camera.ray(x, y);
                head.intersect(o, d)
            });
            if let Some(at) = at {
                marks.push((id, at));
            }
        }
    };
    place_marks(&mut marks, &alone);
    let mark_targets = |v: &ViewInput, marks: &[(u32, V3)]| -> Vec<Target> {
        v.clicks
            .marks
            .iter()
            .filter_map(|&(id, px)| {
                let &(_, at) = marks.iter().find(|m| m.0 == id)?;
                Some(Target {
                    what: Clicked::Mark(id),
                    at,
                    px,
                })
            })
            .collect()
    };
    // The photos too poor in landmarks to stand alone, through the pen dots; each one placed
    // places the pen dots it shows in turn, so a back photo can hang on the crown's dots that
    // only a top photo shared with the face's photos.
    loop {
        let mut first_error = None;
        let mut placed_one = false;
        for (k, v) in views.iter().enumerate() {
            if alone[k].is_some() {
                continue;
            }
            let mut t = landmarks[k].clone();
            t.extend(mark_targets(v, &marks));
            match register_targets(
                head,
                v.kind,
                &t,
                &v.clicks.outline,
                v.size_px,
                v.focal_prior_px,
            ) {
                Ok(r) => {
                    alone[k] = Some(r);
                    placed_one = true;
                    place_marks(&mut marks, &alone);
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            None => break,
            Some(e) if !placed_one => return Err(e),
            Some(_) => {}
        }
    }
    let alone: Vec<Registration> = alone.into_iter().flatten().collect();
    // Lenses: views with the same prior (to 0.1 %) share one focal length.
    let mut lenses: Vec<f64> = Vec::new();
    let lens_of: Vec<usize> = views
        .iter()
        .map(|v| {
            match lenses
                .iter()
                .position(|&f| (f / v.focal_prior_px - 1.0).abs() < 1e-3)
            {
                Some(i) => i,
                None => {
                    lenses.push(v.focal_prior_px);
                    lenses.len() - 1
                }
            }
        })
        .collect();
    let nv = views.len();
    let mut x0 = Vec::new();
    let mut steps = Vec::new();
    for r in &alone {
        x0.extend(pose_start(&r.camera));
        steps.extend(POSE_STEPS);
    }
    for (i, &prior) in lenses.iter().enumerate() {
        // Start from the mean of the views' own solutions on this lens.
        let (sum, n) = alone
            .iter()
            .zip(&lens_of)
            .filter(|(_, l)| **l == i)
            .fold((0.0, 0.0), |a, (r, _)| {
                (a.0 + (r.camera.focal_px / prior).ln(), a.1 + 1.0)
            });
        x0.push(sum / n);
        steps.push(1e-6);
    }
    let first_mark = x0.len();
    for &(_, at) in &marks {
        let (polar, azimuth) = surface_angles(head, at);
        x0.extend([polar, azimuth]);
        steps.extend([1e-7, 1e-7]);
    }
    let solved = |p: &[f64]| -> (Vec<Camera>, Vec<(u32, V3)>) {
        let cameras = alone
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let focal = lenses[lens_of[k]] * p[6 * nv + lens_of[k]].exp();
                moved(&r.camera, &p[6 * k..6 * k + 6], focal)
            })
            .collect();
        let placed = marks
            .iter()
            .enumerate()
            .map(|(i, &(id, _))| {
                let q = &p[first_mark + 2 * i..];
                (id, on_surface(head, q[0], q[1]))
            })
            .collect();
        (cameras, placed)
    };
    let targets_of = |k: usize, placed: &[(u32, V3)]| -> Vec<Target> {
        let mut t = landmarks[k].clone();
        t.extend(mark_targets(&views[k], placed));
        t
    };
    let (p, _) = least_squares(&x0, &steps, 200, |p, out| {
        out.clear();
        let (cameras, placed) = solved(p);
        for (k, camera) in cameras.iter().enumerate() {
            let t = targets_of(k, &placed);
            view_residuals(head, &t, &views[k].clicks.outline, camera, out);
        }
        for g in &p[6 * nv..first_mark] {
            out.push(g / FOCAL_PRIOR_LOG_SIGMA);
        }
    });
    let (cameras, placed) = solved(&p);
    Ok(cameras
        .into_iter()
        .enumerate()
        .map(|(k, camera)| {
            report(
                head,
                &targets_of(k, &placed),
                &views[k].clicks.outline,
                camera,
            )
        })
        .collect())
}

fn report(
    head: &HeadShape,
    targets: &[Target],
    outline: &[(f64, f64)],
    camera: Camera,
) -> Registration {
    let mut point_px = Vec::new();
    let (mut sq_px, mut sq_mm) = (0.0, 0.0);
    for t in targets {
        let e = camera
            .project(t.at)
            .map(|(x, y)| ((x - t.px.0).powi(2) + (y - t.px.1).powi(2)).sqrt())
            .unwrap_or(f64::INFINITY);
        point_px.push((t.what, e));
        sq_px += e * e;
        sq_mm += (e / camera.px_per_mm_at(t.at)).powi(2);
    }
    let n = targets.len().max(1) as f64;
    let px_per_mm = camera.px_per_mm_at(V3::default());
    let outline_sq: f64 = outline
        .iter()
        .map(|&(u, v)| {
            let (o, d) = camera.ray(u, v);
            (head.outline_gap_mm(o, d) * px_per_mm).powi(2)
        })
        .sum();
    Registration {
        camera,
        rms_px: (sq_px / n).sqrt(),
        rms_mm: (sq_mm / n).sqrt(),
        point_px,
        outline_rms_px: (outline_sq / outline.len().max(1) as f64).sqrt(),
    }
}

/// How well `registrations` fit their clicks: the sum of squared pixel errors of every point
/// and outline click.
fn total_cost(views: &[ViewInput], registrations: &[Registration]) -> f64 {
    views
        .iter()
        .zip(registrations)
        .map(|(v, r)| {
            let points: f64 = r.point_px.iter().map(|(_, e)| e * e).sum();
            points + r.outline_rms_px.powi(2) * v.clicks.outline.len() as f64
        })
        .sum()
}

/// The head's shape as the photos see it: the skull's three semi-axes (half breadth, height
/// above the centre, half length) that let the clicks of all photos fit best, each between 0.85
/// and 1.15 of the measured head; the face keeps the measured pupil distance, which sets the
/// scale of everything. Returns the fitted head and the registrations on it. A measured head
/// that the photos disagree with shows here (an axis away from the measurement), for the
/// practitioner to measure again.
///
/// First the three axes together (a uniform scale, golden-section), then the three apart by
/// Nelder-Mead from there: the axes are coupled (a wider head also looks taller from the
/// front), so one axis at a time crawls along the valley where a simplex walks down it.
pub fn fit_head_shape(
    head: &HeadShape,
    views: &[ViewInput],
) -> Result<(HeadShape, Vec<Registration>), RegisterError> {
    const RANGE: std::ops::RangeInclusive<f64> = 0.85..=1.15;
    let shaped = |k: [f64; 3]| {
        head.with_axes(V3::new(
            k[0] * head.axes.x,
            k[1] * head.axes.y,
            k[2] * head.axes.z,
        ))
    };
    let cost = |k: [f64; 3]| -> Result<f64, RegisterError> {
        if !k.iter().all(|v| RANGE.contains(v)) {
            return Ok(f64::INFINITY);
        }
        Ok(total_cost(views, &register_views(&shaped(k), views)?))
    };
    let s = golden_section(*RANGE.start(), *RANGE.end(), 24, |s| cost([s; 3]))?;
    let k = nelder_mead([s; 3], 0.02, 1e-4, 200, cost)?;
    let fitted = shaped(k);
    let registrations = register_views(&fitted, views)?;
    Ok((fitted, registrations))
}

/// The minimum of `f` near `start` by Nelder and Mead's simplex, from steps of `step` along each
/// axis, until the simplex is smaller than `tolerance` or `max_evaluations` are spent.
fn nelder_mead(
    start: [f64; 3],
    step: f64,
    tolerance: f64,
    max_evaluations: usize,
    f: impl Fn([f64; 3]) -> Result<f64, RegisterError>,
) -> Result<[f64; 3], RegisterError> {
    let mut simplex: Vec<([f64; 3], f64)> = Vec::with_capacity(4);
    simplex.push((start, f(start)?));
    for i in 0..3 {
        let mut p = start;
        p[i] += step;
        simplex.push((p, f(p)?));
    }
    let mut evaluations = 4;
    let along =
        |a: [f64; 3], b: [f64; 3], t: f64| std::array::from_fn(|i| a[i] + t * (b[i] - a[i]));
    while evaluations < max_evaluations {
        simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
        let size = simplex[1..]
            .iter()
            .flat_map(|(p, _)| p.iter().zip(&simplex[0].0).map(|(a, b)| (a - b).abs()))
            .fold(0.0, f64::max);
        if size < tolerance {
            break;
        }
        let centroid: [f64; 3] =
            std::array::from_fn(|i| simplex[..3].iter().map(|(p, _)| p[i]).sum::<f64>() / 3.0);
        let (worst, f_worst) = simplex[3];
        let reflected = along(centroid, worst, -1.0);
        let f_reflected = f(reflected)?;
        evaluations += 1;
        if f_reflected < simplex[0].1 {
            let expanded = along(centroid, worst, -2.0);
            let f_expanded = f(expanded)?;
            evaluations += 1;
            simplex[3] = if f_expanded < f_reflected {
                (expanded, f_expanded)
            } else {
                (reflected, f_reflected)
            };
        } else if f_reflected < simplex[2].1 {
            simplex[3] = (reflected, f_reflected);
        } else {
            let contracted = if f_reflected < f_worst {
                along(centroid, reflected, 0.5)
            } else {
                along(centroid, worst, 0.5)
            };
            let f_contracted = f(contracted)?;
            evaluations += 1;
            if f_contracted < f_worst.min(f_reflected) {
                simplex[3] = (contracted, f_contracted);
            } else {
                // Shrink towards the best.
                let best = simplex[0].0;
                for v in simplex.iter_mut().skip(1) {
                    let p = along(best, v.0, 0.5);
                    *v = (p, f(p)?);
                }
                evaluations += 3;
            }
        }
    }
    simplex.sort_by(|a, b| a.1.total_cmp(&b.1));
    Ok(simplex[0].0)
}

/// The minimum of `f` over `[lo, hi]` by golden-section search (`steps` narrowings of 0.618):
/// the cost of a head's size is smooth and single-dipped over a few per cent.
fn golden_section(
    mut lo: f64,
    mut hi: f64,
    steps: usize,
    f: impl Fn(f64) -> Result<f64, RegisterError>,
) -> Result<f64, RegisterError> {
    let g = (5f64.sqrt() - 1.0) / 2.0;
    let (mut a, mut b) = (hi - g * (hi - lo), lo + g * (hi - lo));
    let (mut fa, mut fb) = (f(a)?, f(b)?);
    for _ in 0..steps {
        if fa < fb {
            hi = b;
            b = a;
            fb = fa;
            a = hi - g * (hi - lo);
            fa = f(a)?;
        } else {
            lo = a;
            a = b;
            fa = fb;
            b = lo + g * (hi - lo);
            fb = f(b)?;
        }
    }
    Ok((lo + hi) / 2.0)
}
