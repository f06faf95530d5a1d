//! `riposte suggest`: the spans most likely to answer a claim, ranked, with
//! their reasons; optionally accept or reject one of them.

use clap::Args;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::session::{Change, Echo, Session, resolved};
use super::{Failure, load_quietly, values};
use crate::model::suggest::{Candidate, Query, Ranker, SuggestIndex, accept_edit, reject_edit};
use crate::model::{ArticleId, ClaimId, Edit, Project, RejectedCandidate, Relation};

#[derive(Args, Debug)]
#[command(
    after_help = "Examples:\n  riposte suggest story.ron c1 --top 5\n  riposte suggest story.ron c1 --format jsonl\n  riposte suggest story.ron c1 --accept 2 --relation denies\n  riposte suggest story.ron c1 --reject 1\n  riposte suggest story.ron c1 --rejected\n  riposte suggest story.ron c1 --restore 1\n\nRanks are those of the listing without --accept/--reject, for the same project."
)]
pub struct SuggestArgs {
    pub project: PathBuf,
    /// The claim to find responses for (c3).
    #[arg(value_parser = values::claim_id)]
    pub claim: ClaimId,
    /// How many candidates to list.
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// text or jsonl (one object a line, best first).
    #[arg(long, default_value = "text", value_parser = parse_list_format)]
    pub format: ListFormat,
    /// Accept the candidate at this rank (1 = best) as a response, with
    /// --relation: marks it as a claim and links it, as one step; prints the
    /// link id.
    #[arg(long, requires = "relation", conflicts_with = "reject")]
    pub accept: Option<usize>,
    /// The relation for --accept: denies, refutes, contradicts, corrects,
    /// retracts or supports.
    #[arg(long, value_parser = values::relation)]
    pub relation: Option<Relation>,
    /// Reject the candidate at this rank: it is kept in the project and
    /// never suggested again for this claim.
    #[arg(long, conflicts_with = "accept")]
    pub reject: Option<usize>,
    /// List the candidates rejected for this claim (numbered for
    /// --restore) instead of ranking.
    #[arg(long, conflicts_with_all = ["accept", "reject", "restore"])]
    pub rejected: bool,
    /// Take back the rejection numbered so by --rejected: the span may be
    /// suggested again; one step.
    #[arg(long, conflicts_with_all = ["accept", "reject"])]
    pub restore: Option<usize>,
    #[command(flatten)]
    pub change: Change,
}

/// How `suggest` and `repeats` print their lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Text,
    Jsonl,
}

pub(super) fn parse_list_format(text: &str) -> Result<ListFormat, String> {
    match text.trim().to_lowercase().as_str() {
        "text" => Ok(ListFormat::Text),
        "jsonl" => Ok(ListFormat::Jsonl),
        _ => Err(format!("unknown format '{text}' (expected text or jsonl)")),
    }
}

/// One line of `--format jsonl` (also used by `repeats`).
#[derive(Serialize)]
pub(super) struct JsonLine<'a> {
    pub rank: usize,
    pub article: String,
    pub start: usize,
    pub end: usize,
    pub quote: &'a str,
    pub score: f64,
    pub reasons: Vec<String>,
}

/// Scores are printed with three decimals: more would only show noise.
pub(super) fn rounded(score: f32) -> f64 {
    (f64::from(score) * 1000.0).round() / 1000.0
}

pub(super) fn suggest_command(args: &SuggestArgs) -> Result<ExitCode, Failure> {
    if args.accept.is_some() || args.reject.is_some() {
        return decide(args);
    }
    if let Some(number) = args.restore {
        return restore(args, number);
    }
    if args.rejected {
        let project = load_quietly(&args.project)?;
        let claim = resolved(&args.project, args.claim, project.resolve_claim(args.claim))?;
        print_rejected(&rejected_for(&project, claim), args.format)?;
        return Ok(ExitCode::SUCCESS);
    }
    let project = load_quietly(&args.project)?;
    let candidates = ranked(&args.project, &project, args.claim, args.top)?.1;
    print_candidates(&project, &candidates, args.format)?;
    Ok(ExitCode::SUCCESS)
}

/// The claim (resolved from what was typed) and its best `top` candidates.
fn ranked(
    path: &Path,
    project: &Project,
    typed: ClaimId,
    top: usize,
) -> Result<(ClaimId, Vec<Candidate>), Failure> {
    let claim = resolved(path, typed, project.resolve_claim(typed))?;
    let query = Query::for_claim(project, claim, None)
        .map_err(|e| Failure(format!("{}: {e}", path.display())))?;
    let index = SuggestIndex::of_project(project);
    Ok((claim, index.suggest(&query, Ranker::Riposte, top)))
}

/// `--accept RANK --relation R` or `--reject RANK`, as one change.
fn decide(args: &SuggestArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let rank = args.accept.or(args.reject).unwrap_or(0);
    let (claim, candidates) = ranked(session.path(), &session.project, args.claim, rank)?;
    let chosen = rank
        .checked_sub(1)
        .and_then(|i| candidates.get(i))
        .ok_or_else(|| {
            let found = candidates.len();
            Failure(format!("no candidate at rank {rank} ({found} found)"))
        })?;
    let at = (chosen.article, chosen.range.clone());
    let in_file = |e: &dyn std::fmt::Display| Failure(format!("{}: {e}", args.project.display()));
    let (edit, done): (Edit, String) = match args.relation.filter(|_| args.accept.is_some()) {
        Some(relation) => {
            let stamp = crate::clock::stamp();
            let (edit, link) = accept_edit(&session.project, claim, at, relation, &stamp)
                .map_err(|e| in_file(&e))?;
            (edit, link.to_string())
        }
        None => {
            let edit = reject_edit(&session.project, claim, at).map_err(|e| in_file(&e))?;
            let range = &chosen.range;
            let done = format!("rejected {} {}..{}", chosen.article, range.start, range.end);
            (edit, done)
        }
    };
    if session.commit(edit, Echo::Quiet)? {
        println!("{done}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The candidates rejected for `claim`, in the project's order (the
/// numbers `--rejected` prints and `--restore` takes).
fn rejected_for(project: &Project, claim: ClaimId) -> Vec<&RejectedCandidate> {
    let all = project.rejected_candidates.iter();
    all.filter(|r| r.claim == claim).collect()
}

/// `--restore N`: takes back the N-th rejection of `--rejected`, one change.
fn restore(args: &SuggestArgs, number: usize) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let project = &session.project;
    let claim = resolved(
        session.path(),
        args.claim,
        project.resolve_claim(args.claim),
    )?;
    let rejected = rejected_for(project, claim);
    let chosen = number
        .checked_sub(1)
        .and_then(|i| rejected.get(i))
        .map(|r| (*r).clone())
        .ok_or_else(|| {
            let found = rejected.len();
            Failure(format!(
                "no rejected candidate {number} for {claim} ({found} rejected)"
            ))
        })?;
    let done = format!(
        "restored {} {}..{}",
        chosen.article, chosen.start, chosen.end
    );
    if session.commit(Edit::restore_candidate(chosen), Echo::Quiet)? {
        println!("{done}");
    }
    Ok(ExitCode::SUCCESS)
}

/// One line of `--rejected --format jsonl`.
#[derive(Serialize)]
struct RejectedLine<'a> {
    number: usize,
    article: String,
    start: usize,
    end: usize,
    quote: &'a str,
}

fn print_rejected(rejected: &[&RejectedCandidate], format: ListFormat) -> Result<(), Failure> {
    for (index, found) in rejected.iter().enumerate() {
        match format {
            ListFormat::Jsonl => {
                let line = RejectedLine {
                    number: index + 1,
                    article: found.article.to_string(),
                    start: found.start,
                    end: found.end,
                    quote: &found.quote,
                };
                println!("{}", serde_json::to_string(&line)?);
            }
            ListFormat::Text => println!(
                "{}\t{}\t{}..{}\t{}",
                index + 1,
                found.article,
                found.start,
                found.end,
                one_line(&found.quote)
            ),
        }
    }
    Ok(())
}

fn print_candidates(
    project: &Project,
    candidates: &[Candidate],
    format: ListFormat,
) -> Result<(), Failure> {
    for (index, candidate) in candidates.iter().enumerate() {
        let reasons: Vec<String> = candidate.reasons.iter().map(ToString::to_string).collect();
        match format {
            ListFormat::Jsonl => print_json(&JsonLine {
                rank: index + 1,
                article: candidate.article.to_string(),
                start: candidate.range.start,
                end: candidate.range.end,
                quote: &candidate.quote,
                score: rounded(candidate.score),
                reasons,
            })?,
            ListFormat::Text => {
                println!(
                    "{}\t{:.3}\t{}\t{}..{}\t{}\t{}",
                    index + 1,
                    candidate.score,
                    candidate.article,
                    candidate.range.start,
                    candidate.range.end,
                    outlet_and_date(project, candidate.article),
                    reasons.join("; ")
                );
                println!("\t{}", one_line(&candidate.quote));
            }
        }
    }
    Ok(())
}

pub(super) fn print_json(line: &JsonLine<'_>) -> Result<(), Failure> {
    println!("{}", serde_json::to_string(line)?);
    Ok(())
}

/// `Trend 2024-11-21`, or `-` when neither is known.
pub(super) fn outlet_and_date(project: &Project, article: ArticleId) -> String {
    let Some(found) = project.article(article) else {
        return "-".to_string();
    };
    let outlet = found.meta.outlet.trim();
    let date = found.meta.published.map(|p| p.date.to_string());
    match (outlet.is_empty(), date) {
        (true, None) => "-".to_string(),
        (true, Some(date)) => date,
        (false, None) => outlet.to_string(),
        (false, Some(date)) => format!("{outlet} {date}"),
    }
}

/// Line breaks and tabs as spaces, so that each candidate keeps its lines.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
