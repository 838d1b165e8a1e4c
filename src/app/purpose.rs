//! What a chosen file is for: shared by the system dialog (`dialogs.rs`) and the studio's own
//! browser (`browser.rs`), so that neither has to import the other.

use crate::render::ExportKind;

/// What the chosen file is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Open,
    NewFromPhoto,
    NewHeadFromPhoto,
    AddHeadPhoto,
    SaveAs,
    Export(ExportKind),
    LocatePhoto,
    /// The folder the client library is kept in.
    LibraryFolder,
    /// A photo of the session being logged.
    SessionPhoto,
    /// A photo to start a client's new design on (copied into their folder first).
    ClientNewDesign,
    /// Where the report of `ClientsScreen::report_design` is written.
    Report,
    /// A later visit's photo to compare with the plan.
    LaterVisitPhoto,
    /// Where the client shown is exported as one archive.
    ClientArchive,
}
