//! `riposte import`: articles (text files, saved pages, folders) and
//! annotations (W3C/Hypothesis JSON, brat folders) into a project. Without
//! `--into` nothing is written: the command shows what it would import.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::{Failure, apply_and_save, load_for_edit};
use crate::io::{self as files, import};
use crate::model::{Article, MetaField, Project, apply};

pub(super) fn import_command(
    paths: &[PathBuf],
    into: Option<&Path>,
    title: Option<String>,
) -> Result<ExitCode, Failure> {
    let name = || into.map_or_else(|| "preview".to_string(), title_from_path);
    let mut project = match into {
        Some(path) if path.exists() => load_for_edit(path)?,
        _ => Project::new(title.unwrap_or_else(name)),
    };
    let mut report = import::import_paths(&project, paths, &crate::clock::stamp());
    print_problems(&report);
    let edit = report.edit.take();
    match (into, edit) {
        (Some(path), Some(edit)) => apply_and_save(path, &mut project, edit)?,
        (Some(path), None) if !path.exists() => files::save(path, &project)?,
        (None, Some(edit)) => {
            apply(&mut project, edit).map_err(|e| Failure(e.to_string()))?;
            eprintln!("riposte: nothing saved (preview); add --into PROJECT.ron to import");
        }
        _ => {}
    }
    print_added(&project, &report)?;
    Ok(if report.failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn print_problems(report: &import::ImportReport) {
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for (path, existing) in &report.duplicates {
        eprintln!(
            "warning: {}: same text as article {existing}; not imported again",
            path.display()
        );
    }
    for orphan in &report.orphans {
        eprintln!("warning: not placed: {orphan}");
    }
    for failure in &report.failures {
        eprintln!("riposte: {failure}");
    }
}

/// `a1  date  outlet  title` per new article (a guessed field ends in
/// `?`), `c4  a1  quote` per new claim, `l2  c1  Denies  c4` per new link.
fn print_added(project: &Project, report: &import::ImportReport) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    for article in report.added.iter().filter_map(|id| project.article(*id)) {
        writeln!(out, "{}", article_line(article))?;
        let guessed: Vec<&str> = article.meta.uncertain.iter().map(|f| f.label()).collect();
        if !guessed.is_empty() {
            eprintln!(
                "warning: {}: {} guessed; check in the window or the project file",
                article.id,
                guessed.join(" and ")
            );
        }
    }
    for claim in report.claims.iter().filter_map(|id| project.claim(*id)) {
        let quote = crate::io::import::shorten(&claim.anchor.quote.replace('\n', " "), 60);
        writeln!(out, "{}\t{}\t{quote}", claim.id, claim.article)?;
    }
    for link in report.links.iter().filter_map(|id| project.link(*id)) {
        let relation = link.info.relation;
        writeln!(
            out,
            "{}\t{}\t{relation}\t{}",
            link.id, link.claim, link.response
        )?;
    }
    Ok(())
}

fn article_line(article: &Article) -> String {
    let meta = &article.meta;
    let guess = |field: MetaField| if meta.is_uncertain(field) { "?" } else { "" };
    let date = meta.published.map_or("-".to_string(), |p| {
        format!("{p}{}", guess(MetaField::Published))
    });
    let outlet = if meta.outlet.is_empty() {
        "-".to_string()
    } else {
        format!("{}{}", meta.outlet, guess(MetaField::Outlet))
    };
    format!(
        "{}\t{date}\t{outlet}\t{}{}",
        article.id,
        meta.title,
        guess(MetaField::Title)
    )
}

/// "saves/my-story.ron" → "my-story".
fn title_from_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "Untitled".to_string())
}
