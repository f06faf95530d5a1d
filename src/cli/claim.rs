//! `riposte claim`: mark a claim where a quote occurs.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::session::{Change, Echo, Session, resolved};
use super::{Failure, quote, values};
use crate::model::{ArticleId, ClaimInfo, Edit};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte claim story.ron --article a2 --quote \"noted some problems\" --speaker OSCE\n\nThe quote may differ from the article in quote marks, apostrophes, dashes,\nspacing and line breaks, and in letter case when that leaves one match.\nA quote that starts with '-' is written --quote=-5%."
)]
pub struct ClaimArgs {
    pub project: PathBuf,
    /// The article's id (a3).
    #[arg(long, value_parser = values::article_id)]
    pub article: ArticleId,
    /// The text of the claim as it appears in the article.
    #[arg(long)]
    pub quote: String,
    /// Which occurrence, counted from 1, when the quote appears more than once.
    #[arg(long)]
    pub occurrence: Option<usize>,
    /// Who asserts it.
    #[arg(long, default_value = "")]
    pub speaker: String,
    /// Who reports it.
    #[arg(long, default_value = "")]
    pub via: String,
    /// A note on the claim.
    #[arg(long, default_value = "")]
    pub note: String,
    /// A tag (repeat for several).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn claim_command(args: &ClaimArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let article = resolved(
        session.path(),
        args.article,
        session.project.resolve_article(args.article),
    )?;
    let anchor = quote::place(
        session.path(),
        &session.project,
        article,
        &args.quote,
        args.occurrence,
    )?;
    let info = ClaimInfo {
        speaker: args.speaker.clone(),
        via: args.via.clone(),
        note: args.note.clone(),
        tags: args.tags.clone(),
    };
    let stamp = crate::clock::stamp();
    let (edit, id) = Edit::add_claim(&session.project, article, anchor, info, &stamp);
    if session.commit(edit, Echo::Quiet)? {
        println!("{id}");
    }
    Ok(ExitCode::SUCCESS)
}
