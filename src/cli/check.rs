//! `riposte check`: load a project and report what is wrong with it, and
//! what looks doubtful.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::Failure;
use super::session::load;
use crate::model::lint;

pub(super) const EXAMPLE: &str = "Example:\n  riposte check story.ron\n\nErrors (exit 1): a broken file (FILE:LINE:COL), claims that no longer match\ntheir article, links to missing claims. Warnings (exit 0): undated articles,\nthe same span marked twice, duplicate links, a response that both answers\nand supports a claim, pairs linked more than once, claims never linked.";

pub(super) fn check_command(path: &Path) -> Result<ExitCode, Failure> {
    let loaded = load(path)?;
    let mut out = std::io::stdout().lock();
    for problem in &loaded.problems {
        writeln!(out, "{}: {problem}", path.display())?;
    }
    // Warnings on stderr, like every command's: stdout stays the errors
    // and the one-line summary that scripts read.
    for warning in lint(&loaded.project) {
        eprintln!("warning: {}: {warning}", path.display());
    }
    writeln!(out, "{}", loaded.project.summary())?;
    // Decisions waiting (merge conflicts, curation disagreements) are not
    // damage: counted, not a failure; `riposte decide` lists them.
    let project = &loaded.project;
    for conflict in &project.conflicts {
        writeln!(out, "{}: conflict to decide: {conflict}", path.display())?;
    }
    if !project.disagreements.is_empty() {
        writeln!(
            out,
            "{}: {} disagreements to decide (riposte decide {} lists them)",
            path.display(),
            project.disagreements.len(),
            path.display()
        )?;
    }
    Ok(if loaded.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
