//! `riposte suggest`: the spans most likely to answer a claim, ranked, with
//! their reasons; optionally accept or reject one of them.

use clap::Args;
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Failure, apply_and_save, load_for_edit, parse_relation};
use crate::model::suggest::{Candidate, Query, Ranker, SuggestIndex, accept_edit, reject_edit};
use crate::model::{ArticleId, ClaimId, Project, Relation};

#[derive(Args, Debug)]
pub struct SuggestArgs {
    pub project: PathBuf,
    /// The claim to find responses for (c3 or 3).
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
    #[arg(long, value_parser = parse_relation)]
    pub relation: Option<Relation>,
    /// Reject the candidate at this rank: it is kept in the project and
    /// never suggested again for this claim.
    #[arg(long)]
    pub reject: Option<usize>,
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
    let path = &args.project;
    let mut project = load_for_edit(path)?;
    let in_file = |e: &dyn std::fmt::Display| Failure(format!("{}: {e}", path.display()));
    let query = Query::for_claim(&project, args.claim, None).map_err(|e| in_file(&e))?;
    let index = SuggestIndex::of_project(&project);
    let wanted = args.top.max(args.accept.or(args.reject).unwrap_or(0));
    let candidates = index.suggest(&query, Ranker::Riposte, wanted);
    let chosen = |rank: usize| {
        rank.checked_sub(1)
            .and_then(|i| candidates.get(i))
            .map(|c| (c.article, c.range.clone()))
            .ok_or_else(|| {
                Failure(format!(
                    "no candidate at rank {rank} ({} found)",
                    candidates.len()
                ))
            })
    };
    if let (Some(rank), Some(relation)) = (args.accept, args.relation) {
        let at = chosen(rank)?;
        let stamp = crate::clock::stamp();
        let (edit, link) =
            accept_edit(&project, args.claim, at, relation, &stamp).map_err(|e| in_file(&e))?;
        apply_and_save(path, &mut project, edit)?;
        println!("{link}");
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(rank) = args.reject {
        let (article, range) = chosen(rank)?;
        let edit =
            reject_edit(&project, args.claim, (article, range.clone())).map_err(|e| in_file(&e))?;
        apply_and_save(path, &mut project, edit)?;
        println!("rejected {article} {}..{}", range.start, range.end);
        return Ok(ExitCode::SUCCESS);
    }
    print_candidates(
        &project,
        &candidates[..candidates.len().min(args.top)],
        args.format,
    )?;
    Ok(ExitCode::SUCCESS)
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
