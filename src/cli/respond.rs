//! `riposte respond`: mark the response to a claim and link the two, as one
//! change.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::session::{Change, Echo, Session, resolved};
use super::{Failure, quote, values};
use crate::model::{ArticleId, ClaimId, ClaimInfo, Edit, LinkInfo, Relation, Status};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte respond story.ron c1 --article a3 --quote \"held wholly in compliance\" --relation contradicts\n\nPrints the new response claim's id and the link's id, tab-separated:\n  read response link < <(riposte respond ...)"
)]
pub struct RespondArgs {
    pub project: PathBuf,
    /// The claim being answered (c3).
    #[arg(value_parser = values::claim_id)]
    pub claim: ClaimId,
    /// The article holding the response (a3).
    #[arg(long, value_parser = values::article_id)]
    pub article: ArticleId,
    /// The text of the response as it appears in the article.
    #[arg(long)]
    pub quote: String,
    /// Which occurrence, counted from 1, when the quote appears more than once.
    #[arg(long)]
    pub occurrence: Option<usize>,
    /// denies, refutes, contradicts, corrects, retracts or supports.
    #[arg(long, value_parser = values::relation)]
    pub relation: Relation,
    /// draft, curated or rejected.
    #[arg(long, default_value = "draft", value_parser = values::status)]
    pub status: Status,
    /// Who gives the response.
    #[arg(long, default_value = "")]
    pub speaker: String,
    /// Who reports the response.
    #[arg(long, default_value = "")]
    pub via: String,
    /// A tag for the response claim (repeat for several).
    #[arg(long = "tag")]
    pub tags: Vec<String>,
    /// A note on the link.
    #[arg(long, default_value = "")]
    pub note: String,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn respond_command(args: &RespondArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let (path, project) = (session.path(), &session.project);
    let claim = resolved(path, args.claim, project.resolve_claim(args.claim))?;
    let article = resolved(path, args.article, project.resolve_article(args.article))?;
    if project.claim(claim).is_none() {
        return Err(Failure(format!("{}: no claim {claim}", path.display())));
    }
    let anchor = quote::place(
        session.path(),
        &session.project,
        article,
        &args.quote,
        args.occurrence,
    )?;
    let response = ClaimInfo {
        speaker: args.speaker.clone(),
        via: args.via.clone(),
        note: String::new(),
        tags: args.tags.clone(),
    };
    let link = LinkInfo {
        relation: args.relation,
        status: args.status,
        note: args.note.clone(),
    };
    let stamp = crate::clock::stamp();
    let at = (article, anchor);
    let (edit, claim_id, link_id) =
        Edit::add_response(&session.project, claim, at, response, link, &stamp);
    if session.commit(edit, Echo::Quiet)? {
        println!("{claim_id}\t{link_id}");
    }
    Ok(ExitCode::SUCCESS)
}
