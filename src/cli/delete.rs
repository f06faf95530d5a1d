//! `riposte delete`: delete articles, claims or links. Deleting an article
//! deletes its claims; deleting a claim deletes its links; every record
//! deleted is listed.

use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

use super::Failure;
use super::session::{Change, Echo, Session, resolved_any};
use super::values::{self, AnyId};
use crate::model::{Edit, RecordIds};

#[derive(Args, Debug)]
#[command(after_help = "Example:\n  riposte delete story.ron l2 c5 --dry-run")]
pub struct DeleteArgs {
    pub project: PathBuf,
    /// Articles (a3), claims (c12) or links (l4).
    #[arg(required = true, value_parser = values::any_id)]
    pub ids: Vec<AnyId>,
    #[command(flatten)]
    pub change: Change,
}

pub(super) fn delete_command(args: &DeleteArgs) -> Result<ExitCode, Failure> {
    let mut session = Session::open(&args.project, args.change)?;
    let mut selection = RecordIds::default();
    for id in &args.ids {
        match resolved_any(&args.project, &session.project, *id)? {
            AnyId::Article(id) => selection.articles.push(id),
            AnyId::Claim(id) => selection.claims.push(id),
            AnyId::Link(id) => selection.links.push(id),
        }
    }
    session.commit(Edit::Delete(selection), Echo::Changes)?;
    Ok(ExitCode::SUCCESS)
}
