//! Side panels: the design's properties (left, `design`) and the preview controls with the counts
//! and the design check (right, `preview`), with the widgets they share.

mod design;
mod head_views;
mod layout_notice;
mod preview;
mod region_list;

pub use design::design_ui;
pub use preview::preview_ui;

use crate::app::{Command, Tool};
use crate::design::Param;
use egui::Slider;

/// Whether any widget of a panel changed the design this frame: each widget bound to the
/// design reports here, so the change is recorded without comparing copies of the design.
#[derive(Default)]
struct Changes(std::cell::Cell<bool>);

impl Changes {
    fn track(&self, response: egui::Response) -> egui::Response {
        if response.changed() {
            self.0.set(true);
        }
        response
    }
    fn mark(&self) {
        self.0.set(true);
    }
    fn any(&self) -> bool {
        self.0.get()
    }
}

/// A checkbox for a command that toggles something, labelled and explained from the command table.
fn command_checkbox(ui: &mut egui::Ui, on: &mut bool, c: Command) -> egui::Response {
    ui.checkbox(on, c.label()).on_hover_text(format!(
        "{} ({})",
        c.help(),
        c.shortcut_text(ui.ctx())
    ))
}

/// A slider for a design parameter: its range, label, unit and help from its one definition.
fn param_slider(ui: &mut egui::Ui, param: &Param, value: &mut f64) -> egui::Response {
    param_slider_in(ui, param, param.range(), value)
}

/// The same within a narrower range the studio offers (the file may hold any value of `param`).
fn param_slider_in(
    ui: &mut egui::Ui,
    param: &Param,
    range: std::ops::RangeInclusive<f64>,
    value: &mut f64,
) -> egui::Response {
    ui.add(Slider::new(value, range).text(param.label_with_unit()))
        .on_hover_text(param.help)
}

fn current_tool_help(tool: Tool) -> &'static str {
    Tool::ALL
        .iter()
        .find(|(t, _)| *t == tool)
        .map_or("", |(_, c)| c.help())
}
