//! What each command does. Commands come from shortcuts, menus, buttons and the palette; they
//! are queued during the frame and applied here, at its end.

use super::dialogs::Purpose;
use super::{Command, Studio, Tool, tools};
use crate::render::{ExportKind, Look, SessionView};

impl Studio {
    /// Queues a command to run at the end of this frame, after every panel has drawn from the
    /// same state.
    pub fn queue(&mut self, command: Command) {
        self.queued.push(command);
    }

    /// Runs one command now.
    pub fn run(&mut self, command: Command) {
        match command {
            Command::Clients => self.show_clients(!self.clients.shown),
            Command::Report => match self.doc.path.clone() {
                Some(p) if !self.doc.is_dirty() => {
                    self.clients.report_design = Some(p);
                    self.ask_for_file(Purpose::Report);
                }
                // The report is made from the file, so it shows what is saved.
                _ => {
                    self.status =
                        "Save the design first: the report is made from the saved file".into()
                }
            },
            Command::Open => self.ask_for_file(Purpose::Open),
            Command::NewFromPhoto => self.ask_for_file(Purpose::NewFromPhoto),
            Command::NewHeadFromPhoto => self.ask_for_file(Purpose::NewHeadFromPhoto),
            Command::AddHeadPhoto => {
                if self.doc.design().head.is_some() {
                    self.ask_for_file(Purpose::AddHeadPhoto);
                } else {
                    self.status = "Only a design on a head has photos of the head: start one with \
                                   File > New head design from photo"
                        .into();
                }
            }
            Command::Save => match self.doc.path.clone() {
                Some(p) => self.save(p),
                None => self.ask_for_file(Purpose::SaveAs),
            },
            Command::SaveAs => self.ask_for_file(Purpose::SaveAs),
            Command::ExportPreview => self.ask_for_file(Purpose::Export(ExportKind::Preview)),
            Command::ExportBeforeAfter => {
                self.ask_for_file(Purpose::Export(ExportKind::BeforeAfter))
            }
            Command::Undo => self.doc.undo(),
            Command::Redo => self.doc.redo(),
            Command::FitView => self.canvas.fit_next_frame(),
            Command::ActualSize => self.canvas.actual_size(),
            Command::ResetView => {
                self.view = super::ViewOptions::showing_all(self.session_count());
                self.canvas.fit_next_frame();
            }
            Command::ToolSelect
            | Command::ToolHairline
            | Command::ToolPan
            | Command::ToolCalibrate
            | Command::ToolMeasure
            | Command::ToolGlabella
            | Command::ToolZoneBrush
            | Command::ToolZonePolygon
            | Command::ToolScarBrush
            | Command::ToolScarPolygon
            | Command::ToolTestPatch
            | Command::ToolStubble => {
                if let Some((t, _)) = Tool::ALL.iter().find(|(_, c)| *c == command) {
                    self.tool.active = *t;
                    self.tools.pending.clear();
                }
            }
            Command::FinishPolygon => tools::finish_polygon(self),
            Command::NextSession | Command::PreviousSession => {
                let n = self.session_count();
                let k = self.view.preview.sessions.latest().min(n - 1);
                let k = if command == Command::NextSession {
                    (k + 1).min(n - 1)
                } else {
                    k.saturating_sub(1)
                };
                self.view.preview.sessions = match self.view.preview.sessions {
                    SessionView::Only(_) => SessionView::Only(k),
                    SessionView::Cumulative(_) => SessionView::Cumulative(k),
                };
            }
            Command::LookFresh => self.view.preview.look = Look::Fresh,
            Command::LookHealed => self.view.preview.look = Look::Healed,
            Command::LookAged => {
                self.view.preview.look = Look::Aged {
                    years: self.view.aged_years,
                }
            }
            Command::ToggleDots => self.view.show_dots = !self.view.show_dots,
            Command::ToggleOverlays => self.view.show_overlays = !self.view.show_overlays,
            Command::BeforeAfter => {
                self.view.split = if self.view.split.is_some() {
                    None
                } else {
                    Some(0.5)
                };
                self.view.compare = None;
            }
            Command::Present => {
                self.view.presenting = !self.view.presenting;
                if self.view.presenting {
                    // For the client: the work itself, at a zoom where the impressions read.
                    self.frame_treated_area();
                } else {
                    self.canvas.fit_next_frame();
                }
            }
            Command::Help => self.show_help = !self.show_help,
            Command::Palette => {
                self.palette = match self.palette {
                    Some(_) => None,
                    None => Some(String::new()),
                }
            }
        }
    }
}
