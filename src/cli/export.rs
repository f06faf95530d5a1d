//! `riposte export`: the linked pairs in one of the export formats.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::io as files;
use crate::io::export::{self, ExportFormat, ExportOutput};
use crate::model::StatusFilter;

pub(super) fn export_command(
    path: &Path,
    format: ExportFormat,
    filter: StatusFilter,
    out: Option<&Path>,
) -> Result<ExitCode, Failure> {
    if let Some(destination) = out {
        refuse_the_project_itself(path, destination)?;
    }
    let loaded = files::load(path)?;
    for problem in &loaded.problems {
        eprintln!("warning: {}: {problem}", path.display());
    }
    for warning in export::warnings(&loaded.project, format, filter) {
        eprintln!("warning: {warning}");
    }
    let output = export::render(&loaded.project, format, filter)?;
    match (out, &output) {
        (Some(destination), _) => export::write(&output, destination)?,
        (None, ExportOutput::File(bytes)) => std::io::stdout().lock().write_all(bytes)?,
        (None, ExportOutput::Folder(_)) => {
            return Err(Failure(format!(
                "the {} format writes a folder; give one with --out",
                format.name()
            )));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// An export written over the project it comes from would destroy it.
fn refuse_the_project_itself(project: &Path, destination: &Path) -> Result<(), Failure> {
    let same = match (
        std::fs::canonicalize(project),
        std::fs::canonicalize(destination),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Failure(format!(
            "{}: --out names the project file itself; not overwritten",
            destination.display()
        )));
    }
    Ok(())
}
