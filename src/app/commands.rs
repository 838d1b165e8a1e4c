//! Every studio command declared once, in one table: its name, menu, shortcut and help. Menus,
//! shortcut handling, the command palette, tool tooltips and the help window are all generated
//! from [`COMMANDS`], so they cannot disagree with each other or with what the command does.

use egui::{Key, KeyboardShortcut, Modifiers};

/// Where a command lives in the menu bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Menu {
    File,
    Edit,
    View,
    Tools,
    Preview,
    Help,
}

impl Menu {
    pub const ALL: [Menu; 6] = [
        Menu::File,
        Menu::Edit,
        Menu::View,
        Menu::Tools,
        Menu::Preview,
        Menu::Help,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Menu::File => "File",
            Menu::Edit => "Edit",
            Menu::View => "View",
            Menu::Tools => "Tools",
            Menu::Preview => "Preview",
            Menu::Help => "Help",
        }
    }
}

/// One row of the table.
pub struct Spec {
    pub command: Command,
    pub label: &'static str,
    pub menu: Menu,
    pub shortcut: Option<KeyboardShortcut>,
    /// Another shortcut that does the same (Ctrl+Y for redo).
    pub also: Option<KeyboardShortcut>,
    pub help: &'static str,
}

const fn key(modifiers: Modifiers, key: Key) -> Option<KeyboardShortcut> {
    Some(KeyboardShortcut::new(modifiers, key))
}
const NONE: Modifiers = Modifiers::NONE;
const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

/// Declares the command enum and its table from one list, so neither can miss a command.
macro_rules! commands {
    ($($command:ident: $menu:ident, $label:expr, $shortcut:expr, $also:expr, $help:expr;)*) => {
        /// A user action: each has one row in [`COMMANDS`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Command {
            $($command,)*
        }

        /// The table, in the enum's order (so a command's row is at its index) and in menu
        /// order within each menu.
        pub const COMMANDS: &[Spec] = &[
            $(Spec {
                command: Command::$command,
                label: $label,
                menu: Menu::$menu,
                shortcut: $shortcut,
                also: $also,
                help: $help,
            },)*
        ];
    };
}

commands! {
    Clients: File, "Clients…", key(CMD, Key::L), None,
        "The client library: find a client, their details, designs, session log and reports";
    NewFromPhoto: File, "New design from photo…", key(CMD, Key::N), None,
        "Start a design on a photo of the client (or drop the photo on the window)";
    NewHeadFromPhoto: File, "New head design from photo…", None, None,
        "Start a design on the client's head (drawn on the whole scalp, seen in every photo), with this photo as its first view";
    AddHeadPhoto: File, "Add photo of the head…", None, None,
        "Add another photo (side, top, back...) to a head design; click its landmarks to place it";
    Open: File, "Open design…", key(CMD, Key::O), None,
        "Open a saved design";
    Save: File, "Save", key(CMD, Key::S), None,
        "Save the design (atomically; the previous version is kept as .bak)";
    SaveAs: File, "Save as…", key(CMD_SHIFT, Key::S), None,
        "Save the design under a new name";
    ExportPreview: File, "Export preview image…", key(CMD, Key::E), None,
        "The preview as shown, at the photo's full resolution, with caption and scale (PNG or JPEG)";
    ExportBeforeAfter: File, "Export before/after image…", key(CMD_SHIFT, Key::E), None,
        "The bare photo beside the preview, with caption and scale (PNG or JPEG)";
    Report: File, "Report and treatment plan (PDF)…", key(CMD, Key::P), None,
        "The consultation report for the client: healed previews, impressions, time and price per session, aftercare, consent and signatures";
    Undo: Edit, "Undo", key(CMD, Key::Z), None,
        "Undo the last change";
    Redo: Edit, "Redo", key(CMD_SHIFT, Key::Z), key(CMD, Key::Y),
        "Redo the change undone";
    FitView: View, "Fit to window", key(CMD, Key::Num0), None,
        "Show the whole photo";
    ActualSize: View, "Actual size (100%)", key(CMD, Key::Num1), None,
        "One photo pixel per screen pixel";
    ResetView: View, "Reset view", key(CMD_SHIFT, Key::Num0), None,
        "Back to the healed result of all sessions, every layer shown, the whole photo in view";
    ToggleDots: View, "Show/hide dots", key(NONE, Key::D), None,
        "Show or hide the impressions";
    ToggleOverlays: View, "Show/hide guides", key(NONE, Key::G), None,
        "Show or hide the hairline, zones, scars and guides drawn over the photo";
    ToolSelect: Tools, "Select", key(NONE, Key::V), None,
        "Click a zone or scar to edit it in the side panel";
    ToolHairline: Tools, "Hairline", key(NONE, Key::H), None,
        "Click to add a point (into the segment you click near, otherwise at the nearer end), drag a point to move it, right-click a point to delete it";
    ToolPan: Tools, "Pan", key(NONE, Key::P), None,
        "Drag to pan (middle-drag or Space-drag pans with any tool)";
    ToolCalibrate: Tools, "Calibrate", key(NONE, Key::C), None,
        "Click the two ends of a known length (a ruler on the head, or the centres of the pupils), then type its millimetres";
    ToolMeasure: Tools, "Measure", key(NONE, Key::M), None,
        "Click two points to measure the distance in mm";
    ToolGlabella: Tools, "Glabella", key(NONE, Key::L), None,
        "Click the glabella (between the brows): guides mark 7, 8 and 10 cm above it";
    ToolZoneBrush: Tools, "Zone brush", key(NONE, Key::Z), None,
        "Drag to paint the selected zone (right-drag or Erase to remove)";
    ToolZonePolygon: Tools, "Zone polygon", key(NONE, Key::X), None,
        "Click the corners of a zone; click the first point or press Enter to close";
    ToolScarBrush: Tools, "Scar brush", key(NONE, Key::S), None,
        "Drag along a scar to mask it";
    ToolScarPolygon: Tools, "Scar polygon", key(Modifiers::SHIFT, Key::S), None,
        "Click around a scar; click the first point or press Enter to close";
    ToolTestPatch: Tools, "Test patch", key(NONE, Key::T), None,
        "Click to place the 1 cm test patch";
    ToolStubble: Tools, "Match stubble", key(NONE, Key::K), None,
        "Click the client's own stubble: its hairs are counted and sized, and the needle, density, shade and dilution that blend with it are suggested";
    FinishPolygon: Tools, "Finish polygon", key(NONE, Key::Enter), None,
        "Close the polygon being drawn";
    LookFresh: Preview, "Look: fresh", key(NONE, Key::F), None,
        "The work as it looks the day it is done";
    LookHealed: Preview, "Look: healed", key(NONE, Key::E), None,
        "The work healed, about a month after each session";
    LookAged: Preview, "Look: years later", key(NONE, Key::A), None,
        "The work years later: spread and faded";
    PreviousSession: Preview, "Previous session", key(NONE, Key::OpenBracket), None,
        "Show the design after the previous session";
    NextSession: Preview, "Next session", key(NONE, Key::CloseBracket), None,
        "Show the design after the next session";
    BeforeAfter: Preview, "Before/after split", key(NONE, Key::B), None,
        "Drag the handle across the photo to compare before and after";
    Present: Preview, "Present to the client", key(NONE, Key::F5), None,
        "Full screen for the client: no tools, large preview (Esc leaves)";
    Palette: Help, "Command palette…", key(CMD, Key::K), None,
        "Find any command by typing part of its name";
    Help: Help, "Keyboard shortcuts", key(NONE, Key::F1), None,
        "Every command with its shortcut";
}

impl Command {
    /// The command's row in the table.
    pub fn spec(self) -> &'static Spec {
        &COMMANDS[self as usize]
    }
    pub fn label(self) -> &'static str {
        self.spec().label
    }
    pub fn help(self) -> &'static str {
        self.spec().help
    }
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        self.spec().shortcut
    }

    /// The shortcut as a person reads it: "Ctrl+Shift+S", "]", "F5".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcut()
            .map(|s| shortcut_text(ctx, &s))
            .unwrap_or_default()
    }

    /// The commands whose shortcut was pressed this frame (consumed so widgets don't see them).
    /// Plain-key shortcuts are skipped while a text field has focus.
    pub fn pressed(ctx: &egui::Context) -> Vec<Command> {
        let typing = ctx.memory(|m| m.focused().is_some()) && ctx.egui_wants_keyboard_input();
        let mut shortcuts: Vec<(KeyboardShortcut, Command)> = COMMANDS
            .iter()
            .flat_map(|s| {
                [s.shortcut, s.also]
                    .into_iter()
                    .flatten()
                    .map(|k| (k, s.command))
            })
            .collect();
        // More modifiers first: Ctrl+Shift+Z must win over Ctrl+Z.
        shortcuts.sort_by_key(|(k, _)| {
            std::cmp::Reverse(k.modifiers.shift as u8 + k.modifiers.command as u8)
        });
        let mut out = Vec::new();
        ctx.input_mut(|i| {
            for (k, c) in shortcuts {
                if typing && k.modifiers.is_none() {
                    continue;
                }
                if i.consume_shortcut(&k) {
                    out.push(c);
                }
            }
        });
        out
    }
}

/// A shortcut in words and symbols: the key's symbol where it has one ("]" rather than
/// "CloseBracket"), modifiers spelled out (or as symbols on a Mac).
pub fn shortcut_text(ctx: &egui::Context, shortcut: &KeyboardShortcut) -> String {
    let mac = ctx.os().is_mac();
    let mut names = if mac {
        egui::ModifierNames::SYMBOLS
    } else {
        egui::ModifierNames::NAMES
    };
    names.is_short = true;
    shortcut.format(&names, mac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_its_row_and_no_two_share_a_shortcut() {
        let mut seen = Vec::new();
        for (i, s) in COMMANDS.iter().enumerate() {
            assert_eq!(s.command as usize, i);
            assert_eq!(s.command.spec().label, s.label);
            for k in [s.shortcut, s.also].into_iter().flatten() {
                assert!(!seen.contains(&k), "{:?} reuses {k:?}", s.command);
                seen.push(k);
            }
            // Shortcuts are shown from the table, never typed into a label ("Split (B)").
            let ctx = egui::Context::default();
            let typed = format!("({})", s.command.shortcut_text(&ctx));
            assert!(
                !s.help.is_empty() && !s.label.contains(&typed),
                "{}",
                s.label
            );
        }
    }

    #[test]
    fn shortcuts_read_as_keys_not_code_names() {
        let ctx = egui::Context::default();
        assert_eq!(Command::NextSession.shortcut_text(&ctx), "]");
        assert_eq!(Command::PreviousSession.shortcut_text(&ctx), "[");
        assert_eq!(Command::SaveAs.shortcut_text(&ctx), "Ctrl+Shift+S");
    }
}
