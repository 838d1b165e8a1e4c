//! The photos of a head design: choose what the canvas shows (the scalp map, where the design is
//! drawn, or a photo, where it is seen through the photo's solved camera) and how well each photo
//! is registered.

use crate::app::Studio;
use crate::app::head_views::{Placing, next_pen_dot};
use crate::head::{Clicked, Landmark, ViewKind};

pub fn head_views_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    if studio.doc.design().head.is_none() {
        return;
    }
    studio.keep_head_view_valid();
    ui.separator();
    ui.heading("Views of the head");
    let names = studio.head_view_names();
    let fits: Vec<Option<(f64, f64)>> = match studio.registrations() {
        Ok(r) => r.iter().map(|r| Some((r.rms_px, r.rms_mm))).collect(),
        Err(e) => {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("Photos not registered: {e}"),
            );
            vec![None; names.len()]
        }
    };
    let mut chosen = studio.head_views.shown;
    ui.horizontal_wrapped(|ui| {
        ui.selectable_value(&mut chosen, None, "Scalp map")
            .on_hover_text("The whole scalp from above: the design is drawn here, per cm² of skin");
        for (k, name) in names.iter().enumerate() {
            let hover = match fits.get(k).copied().flatten() {
                Some((px, mm)) => format!(
                    "The design seen in this photo. Fit of the clicks: {px:.1} px ({mm:.2} mm) rms"
                ),
                None => "The design seen in this photo".to_string(),
            };
            ui.selectable_value(&mut chosen, Some(k), name)
                .on_hover_text(hover);
        }
    });
    if let Some((px, mm)) = chosen.and_then(|k| fits.get(k).copied().flatten()) {
        ui.label(format!(
            "Registered: clicks within {px:.1} px ({mm:.2} mm) rms."
        ));
    }
    head_size_ui(studio, ui);
    if ui
        .button("Add photo of the head…")
        .on_hover_text(crate::app::Command::AddHeadPhoto.help())
        .clicked()
    {
        studio.queue(crate::app::Command::AddHeadPhoto);
    }
    if let Some(k) = studio.head_views.shown {
        view_clicks_ui(studio, ui, k);
        if ui
            .small_button("Remove this photo")
            .on_hover_text("The photo leaves the design (not the disk); undo brings it back. The design and its counts stay: they are the head's")
            .clicked()
        {
            let _ = studio.show_head_view(None);
            studio
                .doc
                .edit(crate::app::Gesture::Once, |d| {
                    d.views.remove(k);
                });
        }
    }
    if chosen != studio.head_views.shown
        && let Err(e) = studio.show_head_view(chosen)
    {
        studio.status = e;
    }
}

/// The photo shown: its name and kind, and what a click on it places.
fn view_clicks_ui(studio: &mut Studio, ui: &mut egui::Ui, k: usize) {
    let Some(view) = studio.doc.design().views.get(k) else {
        return;
    };
    let (mut name, mut kind) = (view.name.clone(), view.kind.clone());
    ui.horizontal(|ui| {
        ui.label("Name");
        ui.add(egui::TextEdit::singleline(&mut name).desired_width(110.0));
        egui::ComboBox::from_id_salt("view kind")
            .selected_text(kind.clone())
            .show_ui(ui, |ui| {
                for k in ViewKind::ALL {
                    ui.selectable_value(&mut kind, k.name().to_string(), k.name());
                }
            })
            .response
            .on_hover_text("Where the photo was taken from: it is where the camera's solve starts");
    });
    let taken = studio
        .doc
        .design()
        .views
        .iter()
        .enumerate()
        .any(|(i, v)| i != k && v.name == name.trim());
    if (name.trim() != view.name && !name.trim().is_empty() && !taken) || kind != view.kind {
        let name = name.trim().to_string();
        studio.doc.edit(crate::app::Gesture::Panel, |d| {
            d.views[k].name = name;
            d.views[k].kind = kind;
        });
        // A photo not clicked yet asks for what its (new) kind shows first.
        let view = &studio.doc.design().views[k];
        if view.landmarks.is_empty() && view.pen_dots.is_empty() {
            studio.head_views.placing = crate::app::head_views::next_to_place(view, None);
        }
    }
    let view = &studio.doc.design().views[k];
    let mut focal = view.focal_35mm.unwrap_or(crate::head::DEFAULT_F35_MM);
    let from_exif = view.focal_35mm.is_some();
    ui.horizontal(|ui| {
        let p = crate::design::params::FOCAL_35MM;
        ui.add(
            egui::DragValue::new(&mut focal)
                .range(p.range())
                .speed(0.5)
                .suffix(" mm"),
        )
        .on_hover_text(p.help);
        ui.label(if from_exif {
            "focal length (35 mm equivalent)"
        } else {
            "focal length (not in the photo: a phone's 26 mm assumed)"
        });
    });
    if (focal - view.focal_35mm.unwrap_or(crate::head::DEFAULT_F35_MM)).abs() > 1e-9 {
        studio.doc.edit(crate::app::Gesture::Panel, |d| {
            d.views[k].focal_35mm = Some(focal)
        });
    }
    let view = &studio.doc.design().views[k];
    let view_kind = view.kind().unwrap_or(ViewKind::Free);
    let (outline, pen_dots) = (view.outline.len(), view.pen_dots.len());
    let label = |p: Placing| match p {
        Placing::Nothing => "the tools' work".to_string(),
        Placing::Landmark(l) => l.name().to_string(),
        Placing::Outline => format!("outline points ({outline})"),
        Placing::PenDot(id) => format!("pen dot {id}"),
    };
    let landmark_entry = |ui: &mut egui::Ui, placing: &mut Placing, l: Landmark| {
        let text = if view.landmarks.contains_key(l.name()) {
            format!("{} (placed)", l.name())
        } else {
            l.name().to_string()
        };
        ui.selectable_value(placing, Placing::Landmark(l), text);
    };
    let mut placing = studio.head_views.placing;
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Clicks place")
            .selected_text(label(placing))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut placing, Placing::Nothing, label(Placing::Nothing));
                ui.selectable_value(&mut placing, Placing::Outline, label(Placing::Outline));
                if ui
                    .selectable_label(matches!(placing, Placing::PenDot(_)), "pen dots")
                    .clicked()
                {
                    placing = Placing::PenDot(next_pen_dot(view));
                }
                ui.separator();
                // What a photo of this kind shows, in the order to click them.
                for &l in view_kind.landmarks() {
                    landmark_entry(ui, &mut placing, l);
                }
                let others: Vec<Landmark> = Landmark::ALL
                    .into_iter()
                    .filter(|l| !view_kind.landmarks().contains(l))
                    .collect();
                if !others.is_empty() {
                    ui.separator();
                    ui.label(
                        egui::RichText::new(format!("rarely seen in a {} photo", view_kind.name()))
                            .small()
                            .weak(),
                    );
                    for l in others {
                        landmark_entry(ui, &mut placing, l);
                    }
                }
            });
    });
    if let Placing::PenDot(id) = &mut placing {
        ui.horizontal(|ui| {
            ui.label("Pen dot number");
            ui.add(egui::DragValue::new(id).range(1..=999))
                .on_hover_text("The same dot on the scalp has the same number in every photo");
        });
    }
    let shown = view_kind.landmarks();
    let done = shown
        .iter()
        .filter(|l| view.landmarks.contains_key(l.name()))
        .count();
    let ask = match placing {
        Placing::Landmark(l) => format!(
            "Click the {} on the photo ({done} of the {} landmarks a {} photo shows placed).",
            l.name(),
            shown.len(),
            view_kind.name()
        ),
        Placing::PenDot(id) => format!(
            "Click pen dot {id} on the photo: number each dot as in the other photos ({pen_dots} placed here)."
        ),
        Placing::Outline => {
            format!("Click along the head's outline against the background ({outline} placed).")
        }
        Placing::Nothing => String::new(),
    };
    if !ask.is_empty() {
        ui.label(egui::RichText::new(ask).strong());
    }
    ui.label(
        egui::RichText::new(format!(
            "{} landmarks, {outline} outline points, {pen_dots} pen dots{}. {} The tools draw on \
             the head here as on the scalp map.",
            view.landmarks.len(),
            if placing == Placing::Nothing {
                " (choose what clicks place to add, move or remove them)"
            } else {
                " (right-click one to remove it)"
            },
            what_places(view_kind),
        ))
        .small()
        .weak(),
    );
    studio.head_views.placing = placing;
    fit_advice_ui(studio, ui, k);
}

/// What places a photo of `kind`, in a practitioner's words.
fn what_places(kind: ViewKind) -> &'static str {
    if kind.needs_pen_dots() {
        "A top, crown or back photo is placed by 3 or more pen dots that another photo shows too, \
         with the head's outline; its few landmarks help."
    } else {
        "A photo needs 3 landmarks, or 2 and 5 outline points; pen dots another photo shows help."
    }
}

/// When the photo shown fits badly, which click to look at: the one the fitted head disagrees
/// with, offered to be clicked again.
fn fit_advice_ui(studio: &mut Studio, ui: &mut egui::Ui, k: usize) {
    let Some((clicked, px)) = studio.click_off(k) else {
        return;
    };
    let (name, again) = match clicked {
        Clicked::Landmark(l) => (l.name().to_string(), Placing::Landmark(l)),
        Clicked::Mark(id) => (format!("pen dot {id}"), Placing::PenDot(id)),
    };
    ui.horizontal_wrapped(|ui| {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "The {name} click is {px:.0} px from where the other clicks put it: it is probably \
                 on the wrong spot."
            ),
        );
        if ui
            .small_button("Click it again")
            .on_hover_text("The next click on the photo moves it")
            .clicked()
        {
            studio.head_views.placing = again;
        }
    });
}

/// Whether the photos agree with the head's measurements, and applying what they say.
fn head_size_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    if studio.doc.design().views.is_empty() {
        return;
    }
    match studio.head_size_from_photos(false).cloned() {
        None => {
            if ui
                .small_button("Check the head's size against the photos")
                .on_hover_text("Finds the skull's length, breadth and height that fit every photo's clicks best (the pupil distance keeps the scale)")
                .clicked()
            {
                studio.head_size_from_photos(true);
            }
        }
        Some(Err(e)) => {
            ui.label(egui::RichText::new(e).small().weak());
        }
        Some(Ok(fit)) => {
            let Some(mut h) = studio.doc.design().head else {
                return;
            };
            let rows = [
                ("length", h.length_mm, fit.length_mm),
                ("breadth", h.breadth_mm, fit.breadth_mm),
                ("height", h.height_mm, fit.height_mm),
            ];
            ui.label("The photos fit the head best at:");
            egui::Grid::new("head size from photos").show(ui, |ui| {
                for (name, measured, photos) in rows {
                    ui.label(name);
                    ui.label(format!("{photos:.0} mm"));
                    let off = (photos / measured - 1.0) * 100.0;
                    let text = egui::RichText::new(format!("{off:+.1} % of the measurement"));
                    // Beyond 3 % the measurement or the clicks are wrong: worth a second look.
                    ui.label(if off.abs() > 3.0 { text.color(ui.visuals().warn_fg_color) } else { text.weak() });
                    ui.end_row();
                }
            });
            let differs = rows.iter().any(|(_, m, p)| (p / m - 1.0).abs() >= 0.005);
            if differs
                && ui
                    .small_button("Apply")
                    .on_hover_text("Set the head's length, breadth and height to what the photos say; measuring the client again is better still")
                    .clicked()
            {
                use crate::design::params::{HEAD_BREADTH, HEAD_HEIGHT, HEAD_LENGTH};
                h.length_mm = fit.length_mm.clamp(HEAD_LENGTH.min, HEAD_LENGTH.max);
                h.breadth_mm = fit.breadth_mm.clamp(HEAD_BREADTH.min, HEAD_BREADTH.max);
                h.height_mm = fit.height_mm.clamp(HEAD_HEIGHT.min, HEAD_HEIGHT.max);
                studio.set_head(h);
            }
        }
    }
}
