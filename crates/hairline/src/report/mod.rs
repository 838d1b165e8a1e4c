//! Documents for the client's record: the consultation report and treatment plan as PDF,
//! made on this machine (nothing is sent anywhere).

pub mod flow;
pub mod pdf;
pub mod plan;
pub mod ttf_subset;

pub use plan::{PlanFigures, Report, ReportError, ReportInput, make_report};
