//! `riposte links`: every link (or those with a status, or of a claim),
//! one a line.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::records::{ListFormat, link_json, link_line};
use super::session::resolved;
use super::{Failure, load_quietly, values};
use crate::model::{ClaimId, Link, StatusFilter};

#[derive(Args, Debug)]
#[command(after_help = "Example:\n  riposte links story.ron --status draft")]
pub struct LinksArgs {
    pub project: PathBuf,
    /// all, curated, draft or rejected.
    #[arg(long, default_value = "all", value_parser = values::status_filter)]
    pub status: StatusFilter,
    /// Only links in which this claim takes part (either side).
    #[arg(long, value_parser = values::claim_id)]
    pub claim: Option<ClaimId>,
    /// text: id, claim, response, relation, status (tab-separated); jsonl: every field.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

pub(super) fn links_command(args: &LinksArgs) -> Result<ExitCode, Failure> {
    let project = load_quietly(&args.project)?;
    let claim = args
        .claim
        .map(|c| resolved(&args.project, c, project.resolve_claim(c)))
        .transpose()?;
    if let Some(claim) = claim
        && project.claim(claim).is_none()
    {
        return Err(Failure(format!(
            "{}: no claim {claim}",
            args.project.display()
        )));
    }
    let wanted = |l: &&Link| {
        args.status.accepts(l.info.status) && claim.is_none_or(|c| l.claim == c || l.response == c)
    };
    let mut out = std::io::stdout().lock();
    for link in project.links.iter().map(|l| &**l).filter(wanted) {
        match args.format {
            ListFormat::Text => writeln!(out, "{}", link_line(link))?,
            ListFormat::Jsonl => writeln!(out, "{}", link_json(link))?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
