//! `riposte agree A.ron B.ron [C.ron ...]`: how far copies annotated
//! independently on the same articles agree (see `model::agreement`).

use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use crate::io as files;
use crate::model::{Agreement, Counts, DEFAULT_OVERLAP, Project, agreement};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte agree ana.ron bob.ron cem.ron --format json\n\nClaims match when they share at least --overlap of their characters (the\ncharacters both cover over those either covers); pairs when both ends match."
)]
pub struct AgreeArgs {
    /// Two or more copies of one project, annotated independently.
    #[arg(required = true, num_args = 2..)]
    pub copies: Vec<PathBuf>,
    /// Share of characters two claims must share to match (0–1).
    #[arg(long, default_value_t = DEFAULT_OVERLAP, value_parser = parse_overlap)]
    pub overlap: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

pub(super) fn parse_overlap(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(share) if share > 0.0 && share <= 1.0 => Ok(share),
        _ => Err(format!(
            "'{text}' is not a share of characters between 0 (excluded) and 1"
        )),
    }
}

/// The copies, loaded, with their file names.
pub(super) fn load_copies(paths: &[PathBuf]) -> Result<Vec<(String, Project)>, Failure> {
    paths
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            Ok((name, files::load(path)?.project))
        })
        .collect()
}

#[derive(Serialize)]
struct Output<'a> {
    copies: Vec<CopyInfo<'a>>,
    #[serde(flatten)]
    agreement: &'a Agreement,
}

#[derive(Serialize)]
struct CopyInfo<'a> {
    file: &'a str,
    analysts: Vec<&'a str>,
}

pub(super) fn agree_command(args: &AgreeArgs) -> Result<ExitCode, Failure> {
    let copies = load_copies(&args.copies)?;
    let projects: Vec<&Project> = copies.iter().map(|(_, p)| p).collect();
    let result = agreement(&projects, args.overlap);
    let mut out = std::io::stdout().lock();
    match args.format {
        Format::Json => {
            let output = Output {
                copies: copies
                    .iter()
                    .map(|(file, p)| CopyInfo {
                        file,
                        analysts: p.analysts(),
                    })
                    .collect(),
                agreement: &result,
            };
            writeln!(out, "{}", serde_json::to_string_pretty(&output)?)?;
        }
        Format::Text => write_text(&mut out, &copies, &result)?,
    }
    Ok(ExitCode::SUCCESS)
}

fn write_text(
    out: &mut impl Write,
    copies: &[(String, Project)],
    result: &Agreement,
) -> std::io::Result<()> {
    writeln!(
        out,
        "claims match when they share at least {}% of their characters",
        (result.overlap * 100.0).round()
    )?;
    for pair in &result.pairs_of_copies {
        let (a, b) = (&copies[pair.first].0, &copies[pair.second].0);
        let relations = &pair.relations;
        writeln!(out, "{a} ~ {b}:")?;
        writeln!(out, "  claims: {}", counts(&pair.claims))?;
        writeln!(out, "  pairs:  {}", counts(&pair.pairs))?;
        writeln!(
            out,
            "  relations: the same for {} of {} matched pairs, Cohen's κ {}",
            relations.same_relation,
            relations.matched_pairs,
            figure(relations.kappa)
        )?;
    }
    if let Some(alpha) = &result.alpha {
        writeln!(
            out,
            "Krippendorff's α (nominal, relations of pairs, {} copies): {} over {} pairs made by two or more",
            copies.len(),
            figure(alpha.value),
            alpha.units
        )?;
    }
    Ok(())
}

fn counts(counts: &Counts) -> String {
    format!(
        "{} and {}, {} matched, F1 {}",
        counts.first,
        counts.second,
        counts.matched,
        figure(counts.f1)
    )
}

fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "undefined".to_string(), |v| format!("{v:.3}"))
}
