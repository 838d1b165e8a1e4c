//! Every studio command in one place: its menu text, its shortcut and its help line, so menus,
//! shortcuts and the help overlay never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    NewFromPhoto,
    Open,
    Save,
    SaveAs,
    ExportPreview,
    ExportBeforeAfter,
    Undo,
    Redo,
    FitView,
    ActualSize,
    ToolSelect,
    ToolHairline,
    ToolPan,
    ToolCalibrate,
    ToolMeasure,
    ToolGlabella,
    ToolZoneBrush,
    ToolZonePolygon,
    ToolScarBrush,
    ToolScarPolygon,
    ToolTestPatch,
    FinishPolygon,
    NextSession,
    PreviousSession,
    LookFresh,
    LookHealed,
    LookAged,
    ToggleDots,
    ToggleOverlays,
    BeforeAfter,
    Present,
    Help,
}

impl Command {
    pub const ALL: [Command; 32] = [
        Command::NewFromPhoto,
        Command::Open,
        Command::Save,
        Command::SaveAs,
        Command::ExportPreview,
        Command::ExportBeforeAfter,
        Command::Undo,
        Command::Redo,
        Command::FitView,
        Command::ActualSize,
        Command::ToolSelect,
        Command::ToolHairline,
        Command::ToolPan,
        Command::ToolCalibrate,
        Command::ToolMeasure,
        Command::ToolGlabella,
        Command::ToolZoneBrush,
        Command::ToolZonePolygon,
        Command::ToolScarBrush,
        Command::ToolScarPolygon,
        Command::ToolTestPatch,
        Command::FinishPolygon,
        Command::NextSession,
        Command::PreviousSession,
        Command::LookFresh,
        Command::LookHealed,
        Command::LookAged,
        Command::ToggleDots,
        Command::ToggleOverlays,
        Command::BeforeAfter,
        Command::Present,
        Command::Help,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Command::NewFromPhoto => "New design from photo…",
            Command::Open => "Open design…",
            Command::Save => "Save",
            Command::SaveAs => "Save as…",
            Command::ExportPreview => "Export preview image…",
            Command::ExportBeforeAfter => "Export before/after image…",
            Command::Undo => "Undo",
            Command::Redo => "Redo",
            Command::FitView => "Fit to window",
            Command::ActualSize => "Actual size (100%)",
            Command::ToolSelect => "Select tool",
            Command::ToolHairline => "Hairline tool",
            Command::ToolPan => "Pan tool",
            Command::ToolCalibrate => "Calibrate tool",
            Command::ToolMeasure => "Measure tool",
            Command::ToolGlabella => "Glabella tool",
            Command::ToolZoneBrush => "Zone brush",
            Command::ToolZonePolygon => "Zone polygon",
            Command::ToolScarBrush => "Scar brush",
            Command::ToolScarPolygon => "Scar polygon",
            Command::ToolTestPatch => "Test patch tool",
            Command::FinishPolygon => "Finish polygon",
            Command::NextSession => "Next session",
            Command::PreviousSession => "Previous session",
            Command::LookFresh => "Look: fresh",
            Command::LookHealed => "Look: healed",
            Command::LookAged => "Look: years later",
            Command::ToggleDots => "Show/hide dots",
            Command::ToggleOverlays => "Show/hide guides",
            Command::BeforeAfter => "Before/after split",
            Command::Present => "Presentation mode",
            Command::Help => "Keyboard shortcuts",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            Command::ToolHairline => {
                "Click to add a point at the end, drag a point to move it, right-click a point to delete it"
            }
            Command::ToolPan => "Drag to pan (middle-drag or space-drag pans with any tool)",
            Command::ToolSelect => "Click a zone or scar to edit it in the side panel",
            Command::ToolCalibrate => {
                "Click the two ends of a known length on the ruler, then type its millimetres"
            }
            Command::ToolMeasure => "Click two points to measure the distance in mm",
            Command::ToolGlabella => {
                "Click the glabella (between the brows): guides mark 7, 8 and 10 cm above it"
            }
            Command::ToolZoneBrush => {
                "Drag to paint the selected zone (right-drag or Erase to remove)"
            }
            Command::ToolZonePolygon => {
                "Click the corners of a zone; click the first point or press Enter to close"
            }
            Command::ToolScarBrush => "Drag along a scar to mask it",
            Command::ToolScarPolygon => {
                "Click around a scar; click the first point or press Enter to close"
            }
            Command::ToolTestPatch => "Click to place the 1 cm test patch",
            Command::FitView => "Show the whole photo",
            Command::BeforeAfter => "Drag the handle across the photo to compare before and after",
            Command::Present => "Full screen for the client: no tools, large preview (Esc leaves)",
            Command::ActualSize => "One photo pixel per screen pixel",
            _ => self.label(),
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |k| Some(KeyboardShortcut::new(Modifiers::COMMAND, k));
        let plain = |k| Some(KeyboardShortcut::new(Modifiers::NONE, k));
        match self {
            Command::NewFromPhoto => cmd(Key::N),
            Command::Open => cmd(Key::O),
            Command::Save => cmd(Key::S),
            Command::SaveAs => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::S,
            )),
            Command::ExportPreview => cmd(Key::E),
            Command::ExportBeforeAfter => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::E,
            )),
            // Redo is listed before Undo when matching so Ctrl+Shift+Z is not taken as Ctrl+Z.
            Command::Undo => cmd(Key::Z),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Command::FitView => cmd(Key::Num0),
            Command::ActualSize => cmd(Key::Num1),
            Command::ToolSelect => plain(Key::V),
            Command::ToolHairline => plain(Key::H),
            Command::ToolPan => plain(Key::P),
            Command::ToolCalibrate => plain(Key::C),
            Command::ToolMeasure => plain(Key::M),
            Command::ToolGlabella => plain(Key::L),
            Command::ToolZoneBrush => plain(Key::Z),
            Command::ToolZonePolygon => plain(Key::X),
            Command::ToolScarBrush => plain(Key::S),
            Command::ToolScarPolygon => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::S)),
            Command::ToolTestPatch => plain(Key::T),
            Command::FinishPolygon => plain(Key::Enter),
            Command::NextSession => plain(Key::CloseBracket),
            Command::PreviousSession => plain(Key::OpenBracket),
            Command::LookFresh => plain(Key::F),
            Command::LookHealed => plain(Key::E),
            Command::LookAged => plain(Key::A),
            Command::ToggleDots => plain(Key::D),
            Command::ToggleOverlays => plain(Key::G),
            Command::BeforeAfter => plain(Key::B),
            Command::Present => plain(Key::F5),
            Command::Help => plain(Key::F1),
        }
    }

    /// The commands whose shortcut was pressed this frame (consumed so widgets don't see them).
    /// Plain-key shortcuts are skipped while a text field has focus.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let mut order: Vec<Command> = Command::ALL.to_vec();
        // More modifiers first: Ctrl+Shift+Z must win over Ctrl+Z.
        order.sort_by_key(|c| {
            std::cmp::Reverse(
                c.shortcut()
                    .map_or(0, |s| s.modifiers.shift as u8 + s.modifiers.command as u8),
            )
        });
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for c in order {
                let Some(sc) = c.shortcut() else { continue };
                if typing && sc.modifiers.is_none() {
                    continue;
                }
                if i.consume_shortcut(&sc) {
                    out.push(c);
                }
            }
            // Ctrl+Y is the other common redo.
            if i.consume_shortcut(&KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)) {
                out.push(Command::Redo);
            }
        });
        out
    }
}
