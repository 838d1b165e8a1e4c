//! The studio's view and tool state: what the canvas shows and what the tools paint with.
//! Neither is part of the design (not saved, not undone).

use super::Command;
use crate::render::{Look, PreviewOptions, SessionView};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Select,
    Hairline,
    Pan,
    Calibrate,
    Measure,
    Glabella,
    ZoneBrush,
    ZonePolygon,
    ScarBrush,
    ScarPolygon,
    TestPatch,
    Stubble,
}

impl Tool {
    pub const ALL: [(Tool, Command); 12] = [
        (Tool::Select, Command::ToolSelect),
        (Tool::Hairline, Command::ToolHairline),
        (Tool::Pan, Command::ToolPan),
        (Tool::Calibrate, Command::ToolCalibrate),
        (Tool::Measure, Command::ToolMeasure),
        (Tool::Glabella, Command::ToolGlabella),
        (Tool::ZoneBrush, Command::ToolZoneBrush),
        (Tool::ZonePolygon, Command::ToolZonePolygon),
        (Tool::ScarBrush, Command::ToolScarBrush),
        (Tool::ScarPolygon, Command::ToolScarPolygon),
        (Tool::TestPatch, Command::ToolTestPatch),
        (Tool::Stubble, Command::ToolStubble),
    ];
}

/// What the canvas shows: preview look and sessions, layers, split and presentation. View state
/// only: none of it is saved in the design.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewOptions {
    pub preview: PreviewOptions,
    /// Years shown by the "years later" look.
    pub aged_years: f32,
    /// Days after the session shown by the "healing" look.
    pub healing_days: f32,
    pub show_dots: bool,
    pub show_overlays: bool,
    /// With the split: the variant shown on its left instead of the bare photo.
    pub compare: Option<usize>,
    /// With the split: the design on the current dot layout on its left, for a design saved
    /// with an older one (see `panels::layout_notice`).
    pub compare_layout: bool,
    /// Before/after split position across the canvas (0..1), when shown.
    pub split: Option<f32>,
    /// Presentation mode: full screen, no tools, for showing the client.
    pub presenting: bool,
    /// The worst case shown: the client's hair receded to this Norwood stage.
    pub worst_case: Option<u8>,
    /// The stage last chosen, which presenting's "If the hair recedes" shows again.
    pub last_worst_case: u8,
}

impl ViewOptions {
    /// What a design opens on: the healed result of all `sessions`, photo, dots and guides shown.
    pub fn showing_all(sessions: usize) -> Self {
        Self {
            preview: PreviewOptions {
                look: Look::Healed,
                sessions: SessionView::Cumulative(sessions.saturating_sub(1)),
                test_patch_only: false,
                hide_photo: false,
            },
            aged_years: crate::design::params::AGED_YEARS.default as f32,
            healing_days: 10.0,
            show_dots: true,
            show_overlays: true,
            compare: None,
            compare_layout: false,
            split: None,
            presenting: false,
            worst_case: None,
            last_worst_case: 7,
        }
    }
}

impl ToolSettings {
    /// The radius of the brush in use (zone or scar), each remembered on its own.
    pub fn brush_mm(&mut self) -> &mut f64 {
        if self.active == Tool::ScarBrush {
            &mut self.scar_brush_mm
        } else {
            &mut self.zone_brush_mm
        }
    }
}

/// The active tool and what it paints with.
#[derive(Clone, Debug, PartialEq)]
pub struct ToolSettings {
    pub active: Tool,
    /// The zone and scar the brush and polygon tools paint into (one past the end: a new one).
    pub zone: usize,
    pub scar: usize,
    /// Zone brush radius, mm (large: a zone is centimetres wide).
    pub zone_brush_mm: f64,
    /// Scar brush radius, mm (small: a strip scar is a few millimetres wide).
    pub scar_brush_mm: f64,
    /// Brushes erase instead of paint.
    pub erase: bool,
}
