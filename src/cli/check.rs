//! `riposte check`: load a project and report what is wrong with it.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use crate::io as files;

pub(super) fn check_command(path: &Path) -> Result<ExitCode, Failure> {
    let loaded = files::load(path)?;
    let mut out = std::io::stdout().lock();
    for problem in &loaded.problems {
        writeln!(out, "{}: {problem}", path.display())?;
    }
    writeln!(out, "{}", loaded.project.summary())?;
    // Conflicts are decisions waiting, not damage: listed, not a failure.
    for conflict in &loaded.project.conflicts {
        writeln!(out, "{}: conflict to decide: {conflict}", path.display())?;
    }
    Ok(if loaded.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
