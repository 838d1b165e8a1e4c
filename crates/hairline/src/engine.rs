//! The pipeline from a design file to dots: resolving the photo, building the field, generating
//! dots and counting them. Shared by the command line and the studio.

use crate::density::DensityField;
use crate::design::{Design, View};
use crate::dots::{DotSet, Stats, generate, stats};
use crate::head::{
    Clicked, Measurements, RegisterError, Registration, ViewInput, ViewKind, click_off,
    fit_head_shape, register_views,
};
use crate::photo::{Photo, PhotoError, load_photo};
use std::path::{Path, PathBuf};

/// Where a design's photo is on disk: relative paths are relative to the design file.
pub fn photo_path(design_path: &Path, design: &Design) -> PathBuf {
    resolve(design_path, &design.photo.path)
}

/// Where the photo of one of a head design's views is on disk.
pub fn view_photo_path(design_path: &Path, view: &View) -> PathBuf {
    resolve(design_path, &view.photo.path)
}

fn resolve(design_path: &Path, path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        design_path.parent().unwrap_or(Path::new(".")).join(p)
    }
}

/// The cameras of a head design's photos, solved together from what was clicked on them (in
/// the order of `design.views`); none for a design on one photo.
pub fn register_design(design: &Design) -> Result<Vec<Registration>, RegisterError> {
    let Some(head) = design.head else {
        return Ok(Vec::new());
    };
    register_views(&head.shape(), &view_inputs(design))
}

/// For each photo of a head design, the landmark click the others disagree with, if one clearly
/// is off (`head::click_off`), and how far off it is, pixels.
pub fn clicks_off(design: &Design) -> Vec<Option<(Clicked, f64)>> {
    let Some(head) = design.head else {
        return Vec::new();
    };
    let shape = head.shape();
    view_inputs(design)
        .iter()
        .map(|v| click_off(&shape, v))
        .collect()
}

/// The head's length, breadth and height that the photos of a head design agree on best (to
/// hold against its measurements); `None` for a design on one photo.
pub fn head_size_from_photos(design: &Design) -> Option<Result<Measurements, RegisterError>> {
    let head = design.head?;
    Some(fit_head_shape(&head.shape(), &view_inputs(design)).map(|(h, _)| h.measurements()))
}

fn view_inputs(design: &Design) -> Vec<ViewInput> {
    design
        .views
        .iter()
        .map(|v| ViewInput {
            kind: v.kind().unwrap_or(ViewKind::Free),
            clicks: v.clicks(),
            size_px: (v.photo.width_px as f64, v.photo.height_px as f64),
            focal_prior_px: v.focal_prior_px(),
        })
        .collect()
}

/// The photo path as it should be written in a design saved at `design_path`: relative to the
/// design's folder when it can be, so a folder of designs and photos can be moved as a whole.
pub fn relative_photo_path(design_path: &Path, photo: &Path) -> String {
    let abs = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let dir = abs(design_path.parent().unwrap_or(Path::new(".")));
    let photo = abs(photo);
    let (d, p): (Vec<_>, Vec<_>) = (dir.components().collect(), photo.components().collect());
    let common = d.iter().zip(&p).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return photo.to_string_lossy().replace('\\', "/");
    }
    let mut rel: Vec<String> = vec!["..".into(); d.len() - common];
    rel.extend(
        p[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    rel.join("/")
}

/// The photo of one of a head design's views (the design at `design_path`), checked to be the
/// size its clicks were made on.
pub fn load_view_photo(design_path: &Path, view: &View) -> Result<Photo, PhotoError> {
    let path = view_photo_path(design_path, view);
    let photo = load_photo(&path)?;
    let (width, height) = photo.image.dimensions();
    if (width, height) != (view.photo.width_px, view.photo.height_px) {
        return Err(PhotoError::ViewSizeMismatch {
            path,
            width,
            height,
            view: view.name.clone(),
            view_width: view.photo.width_px,
            view_height: view.photo.height_px,
        });
    }
    Ok(photo)
}

/// A photo loaded for a design, with what was noticed about it.
pub struct DesignPhoto {
    pub photo: Photo,
    /// A warning for the user, e.g. the photo's content changed since the design was made.
    pub warning: Option<String>,
}

/// Loads the design's photo and checks it is the one the design was drawn on (see
/// [`fit_design_to_photo`]).
pub fn load_design_photo(
    design_path: &Path,
    design: &mut Design,
) -> Result<DesignPhoto, PhotoError> {
    if let Some(head) = design.head {
        // A head design is drawn on its scalp map, which is made, not read.
        let image = crate::head::scalp_map_image(&head.chart(), head.map_mm_per_px);
        return Ok(DesignPhoto {
            photo: Photo {
                image: image::DynamicImage::ImageRgb8(image).to_rgba8(),
                sha256: String::new(),
            },
            warning: None,
        });
    }
    let path = photo_path(design_path, design);
    let photo = load_photo(&path)?;
    let warning = fit_design_to_photo(&path, design, &photo)?;
    Ok(DesignPhoto { photo, warning })
}

/// Checks that `photo` (read from `path`) is the one `design` was drawn on. A photo of other
/// proportions is refused; the same photo at another resolution moves the design onto it (every
/// pixel coordinate scaled, the millimetres unchanged) and says so; other content is reported.
pub fn fit_design_to_photo(
    path: &Path,
    design: &mut Design,
    photo: &Photo,
) -> Result<Option<String>, PhotoError> {
    let (w, h) = photo.image.dimensions();
    let (w0, h0) = (design.photo.width_px, design.photo.height_px);
    if (w, h) != (w0, h0) {
        if !design.fits_resized_photo(w, h) {
            return Err(PhotoError::SizeMismatch {
                path: path.to_path_buf(),
                width: w,
                height: h,
                design_width: w0,
                design_height: h0,
            });
        }
        design.rescale_to_photo(w, h);
        design.photo.sha256 = photo.sha256.clone();
        return Ok(Some(format!(
            "{}: the photo is {w}x{h} pixels and the design was drawn on it at {w0}x{h0}; the design was scaled to fit (same proportions, millimetres unchanged)",
            path.display()
        )));
    }
    let changed = !design.photo.sha256.is_empty() && design.photo.sha256 != photo.sha256;
    Ok(changed.then(|| {
        format!(
            "{}: this photo's content differs from the one the design was made on",
            path.display()
        )
    }))
}

/// Field, dots and statistics of one variant.
pub struct Computed {
    pub field: DensityField,
    pub dots: DotSet,
    pub stats: Stats,
}

pub fn compute(design: &Design, variant: usize) -> Computed {
    let v = &design.variants[variant];
    let field = DensityField::build(design, v);
    let dots = match design.head {
        // A head design's impressions are laid out on the skin (docs/dot-layout.md).
        Some(head) => {
            crate::dots::generate_warped(design, v, &field, &crate::head::skin_warp(&head.chart()))
        }
        None => generate(design, v, &field),
    };
    let stats = stats(v, &field, &dots);
    Computed { field, dots, stats }
}
