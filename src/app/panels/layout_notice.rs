//! A design saved with an older dot layout keeps the dots it was shown, exported and tattooed
//! with: the studio never changes them behind the practitioner's back. It says which layout the
//! design uses, lets the practitioner see both side by side, and moves it on request (one undo
//! step).

use crate::app::Studio;
use crate::design::Layout;

pub fn layout_notice_ui(studio: &mut Studio, ui: &mut egui::Ui) {
    let layout = studio.doc.design().layout;
    if layout == Layout::CURRENT {
        return;
    }
    let new = Layout::CURRENT.number();
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!(
            "This design uses dot layout {}, whose dots stand in faint rows and repeat every \
             128 mm. Its dots are kept as they were saved and exported until you move it to \
             layout {new}, which places every impression anew (same counts, no grid).",
            layout.number()
        ),
    );
    ui.horizontal_wrapped(|ui| {
        let comparing = studio.layout_compared().is_some();
        let label = if comparing {
            "Stop comparing".to_string()
        } else {
            format!("Compare with layout {new}")
        };
        if ui
            .selectable_label(comparing, label)
            .on_hover_text(format!(
                "Layout {new} left of the split, this design's layout {} right of it",
                layout.number()
            ))
            .clicked()
        {
            if comparing {
                studio.view.compare_layout = false;
                studio.view.split = None;
            } else {
                studio.view.compare_layout = true;
                studio.view.compare = None;
                studio.view.split = Some(0.5);
            }
        }
        if ui
            .button(format!("Move to layout {new}"))
            .on_hover_text("Every impression is placed anew; Undo goes back")
            .clicked()
        {
            studio.move_to_current_layout();
        }
    });
    ui.separator();
}
