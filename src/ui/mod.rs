//! The eframe desktop app.

pub mod reading_view;

use std::path::PathBuf;
use std::process::ExitCode;

/// Opens the window on `project` (or the last project, or the demo).
pub fn run(project: Option<PathBuf>) -> ExitCode {
    let _ = project;
    eprintln!("riposte: the window is not built yet; use the headless commands (riposte --help)");
    ExitCode::FAILURE
}
