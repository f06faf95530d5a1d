//! `riposte claims`: every claim (or those of one article), one a line.

use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::records::{ListFormat, claim_json, claim_line};
use super::session::resolved;
use super::{Failure, load_quietly, values};
use crate::model::ArticleId;

#[derive(Args, Debug)]
#[command(after_help = "Example:\n  riposte claims story.ron --article a2")]
pub struct ClaimsArgs {
    pub project: PathBuf,
    /// Only the claims of this article (a3).
    #[arg(long, value_parser = values::article_id)]
    pub article: Option<ArticleId>,
    /// text: id, article, speaker, quote (tab-separated); jsonl: every field.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
}

pub(super) fn claims_command(args: &ClaimsArgs) -> Result<ExitCode, Failure> {
    let project = load_quietly(&args.project)?;
    let article = args
        .article
        .map(|a| resolved(&args.project, a, project.resolve_article(a)))
        .transpose()?;
    if let Some(article) = article
        && project.article(article).is_none()
    {
        return Err(Failure(format!(
            "{}: no article {article}",
            args.project.display()
        )));
    }
    let mut out = std::io::stdout().lock();
    let wanted = |c: &&crate::model::Claim| article.is_none_or(|a| c.article == a);
    for claim in project.claims.iter().map(|c| &**c).filter(wanted) {
        match args.format {
            ListFormat::Text => writeln!(out, "{}", claim_line(claim))?,
            ListFormat::Jsonl => writeln!(out, "{}", claim_json(claim))?,
        }
    }
    Ok(ExitCode::SUCCESS)
}
