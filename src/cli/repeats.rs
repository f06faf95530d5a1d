//! `riposte repeats`: near-identical spans of a claim in all articles;
//! with `--apply`, records them all as repeats of the original.

use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::session::{Change, Echo, Session, resolved};
use super::suggest::{
    JsonLine, ListFormat, one_line, outlet_and_date, parse_list_format, print_json, rounded,
};
use super::{Failure, load_quietly, values};
use crate::model::suggest::{RepeatMatch, SuggestIndex, find_repeats, repeats_edit};
use crate::model::{ClaimId, Project};

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  riposte repeats story.ron c1\n  riposte repeats story.ron c1 --apply --link-responses"
)]
pub struct RepeatsArgs {
    pub project: PathBuf,
    /// The claim whose repeats to find (c3).
    #[arg(value_parser = values::claim_id)]
    pub claim: ClaimId,
    /// Record every repeat found as a claim with the original's speaker,
    /// marked as a repeat of it (one step); prints the repeats' claim ids.
    #[arg(long)]
    pub apply: bool,
    /// With --apply: also link each repeat to the original's responses,
    /// with the same relation (as drafts).
    #[arg(long, requires = "apply")]
    pub link_responses: bool,
    /// text or jsonl (one object a line).
    #[arg(long, default_value = "text", value_parser = parse_list_format)]
    pub format: ListFormat,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn repeats_command(args: &RepeatsArgs) -> Result<ExitCode, Failure> {
    if args.apply {
        return apply(args);
    }
    let project = load_quietly(&args.project)?;
    let (_, found) = repeats_of(&args.project, &project, args.claim)?;
    print_repeats(&project, &found, args.format)?;
    Ok(ExitCode::SUCCESS)
}

fn repeats_of(
    path: &Path,
    project: &Project,
    typed: ClaimId,
) -> Result<(ClaimId, Vec<RepeatMatch>), Failure> {
    let claim = resolved(path, typed, project.resolve_claim(typed))?;
    let index = SuggestIndex::of_project(project);
    let found = find_repeats(&index, project, claim)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    Ok((claim, found))
}

/// Records every repeat found, as one change; prints their claim ids.
fn apply(args: &RepeatsArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let (claim, found) = repeats_of(session.path(), &session.project, args.claim)?;
    let stamp = crate::clock::stamp();
    let Some((edit, repeats)) =
        repeats_edit(&session.project, claim, &found, args.link_responses, &stamp)
    else {
        eprintln!("no repeats of {claim} to record");
        return Ok(ExitCode::SUCCESS);
    };
    if session.commit(edit, Echo::Quiet)? {
        for id in repeats {
            println!("{id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn reasons(found: &RepeatMatch) -> Vec<String> {
    let mut out = vec![format!("similarity {:.2}", found.similarity)];
    if let Some(existing) = found.existing {
        out.push(format!("already claim {existing}"));
    }
    out
}

fn print_repeats(
    project: &Project,
    found: &[RepeatMatch],
    format: ListFormat,
) -> Result<(), Failure> {
    for (index, repeat) in found.iter().enumerate() {
        match format {
            ListFormat::Jsonl => print_json(&JsonLine {
                rank: index + 1,
                article: repeat.article.to_string(),
                start: repeat.range.start,
                end: repeat.range.end,
                quote: &repeat.quote,
                score: rounded(repeat.similarity),
                reasons: reasons(repeat),
            })?,
            ListFormat::Text => {
                println!(
                    "{}\t{:.3}\t{}\t{}..{}\t{}\t{}",
                    index + 1,
                    repeat.similarity,
                    repeat.article,
                    repeat.range.start,
                    repeat.range.end,
                    outlet_and_date(project, repeat.article),
                    reasons(repeat).join("; ")
                );
                println!("\t{}", one_line(&repeat.quote));
            }
        }
    }
    Ok(())
}
