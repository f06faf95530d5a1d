//! `riposte import`: text files and folders into a project.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Failure;
use super::session::{Change, Echo, Session};
use crate::io::import;
use crate::model::Project;

pub(super) const EXAMPLE: &str =
    "Example:\n  riposte import articles/ --into story.ron --title \"Election 2024\"";

pub(super) fn import_command(
    paths: &[PathBuf],
    into: &Path,
    title: Option<String>,
    change: Change,
) -> Result<ExitCode, Failure> {
    let mut session = Session::open_or_create(into, change, || {
        Project::new(title.unwrap_or_else(|| title_from_path(into)))
    })?;
    let report = import::import_paths(&session.project, paths, &crate::clock::stamp());
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for (path, existing) in &report.duplicates {
        eprintln!(
            "warning: {}: same text as article {existing}; not imported again",
            path.display()
        );
    }
    for failure in &report.failures {
        eprintln!("riposte: {failure}");
    }
    if let Some(edit) = report.edit {
        session.commit(edit, Echo::Quiet)?;
    } else if !into.exists() {
        session.save_new()?;
    }
    let mut out = std::io::stdout().lock();
    let added = if session.is_dry_run() {
        &[][..]
    } else {
        &report.added[..]
    };
    for id in added {
        if let Some(article) = session.project.article(*id) {
            let meta = &article.meta;
            let date = meta.published.map_or("-".to_string(), |p| p.to_string());
            let outlet = if meta.outlet.is_empty() {
                "-"
            } else {
                &meta.outlet
            };
            writeln!(out, "{id}\t{date}\t{outlet}\t{}", meta.title)?;
        }
    }
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// "saves/my-story.ron" → "my-story".
fn title_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_string())
}
