//! `riposte link`: link a claim to its response.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::session::{Change, Echo, Session, resolved};
use super::{Failure, values};
use crate::model::{ClaimId, Edit, LinkInfo, Relation, Status};

#[derive(Args, Debug)]
#[command(
    after_help = "Example:\n  riposte link story.ron c1 c2 --relation contradicts --status curated"
)]
pub struct LinkArgs {
    pub project: PathBuf,
    /// The claim being answered (c3).
    #[arg(value_parser = values::claim_id)]
    pub claim: ClaimId,
    /// The claim that answers it (c4).
    #[arg(value_parser = values::claim_id)]
    pub response: ClaimId,
    /// denies, refutes, contradicts, corrects, retracts or supports.
    #[arg(long, value_parser = values::relation)]
    pub relation: Relation,
    /// draft, curated or rejected.
    #[arg(long, default_value = "draft", value_parser = values::status)]
    pub status: Status,
    /// A note on the link.
    #[arg(long, default_value = "")]
    pub note: String,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn link_command(args: &LinkArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let (path, project) = (session.path(), &session.project);
    let claim = resolved(path, args.claim, project.resolve_claim(args.claim))?;
    let response = resolved(path, args.response, project.resolve_claim(args.response))?;
    let info = LinkInfo {
        relation: args.relation,
        status: args.status,
        note: args.note.clone(),
    };
    let stamp = crate::clock::stamp();
    let (edit, id) = Edit::add_link(&session.project, claim, response, info, &stamp);
    if session.commit(edit, Echo::Quiet)? {
        println!("{id}");
    }
    Ok(ExitCode::SUCCESS)
}
