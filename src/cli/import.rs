//! `riposte import`: articles (text files, saved pages, folders) and
//! annotations (W3C/Hypothesis JSON, brat folders) into a project.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::Failure;
use super::session::{Change, Echo, Session};
use crate::io::import;
use crate::model::{Article, MetaField, Project};

pub(super) const EXAMPLE: &str = "Examples:\n  riposte import articles/ --into story.ron --title \"Election 2024\"\n  riposte import page.html --into story.ron\n  riposte import annotations.jsonld --into story.ron\n  riposte import brat-folder/ --into story.ron";

pub(super) fn import_command(
    paths: &[PathBuf],
    into: &Path,
    title: Option<String>,
    change: Change,
) -> Result<ExitCode, Failure> {
    let mut session = Session::open_or_create(into, change, || {
        Project::new(title.unwrap_or_else(|| title_from_path(into)))
    })?;
    let mut report = import::import_paths(&session.project, paths, &crate::clock::stamp());
    print_problems(&report);
    if let Some(edit) = report.edit.take() {
        session.commit(edit, Echo::Quiet)?;
    } else if !into.exists() {
        session.save_new()?;
    }
    if !session.is_dry_run() {
        print_added(&session.project, &report)?;
    }
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
