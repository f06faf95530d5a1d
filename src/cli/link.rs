//! `riposte link`: link a claim to its response.

use std::process::ExitCode;

use super::{Failure, LinkArgs, apply_and_save, load_for_edit, resolved};
use crate::model::{Edit, LinkInfo};

pub(super) fn link_command(args: &LinkArgs) -> Result<ExitCode, Failure> {
    let path = &args.project;
    let mut project = load_for_edit(path)?;
    let claim = resolved(path, args.claim, project.resolve_claim(args.claim))?;
    let response = resolved(path, args.response, project.resolve_claim(args.response))?;
    let info = LinkInfo {
        relation: args.relation,
        status: args.status,
        note: args.note.clone(),
    };
    let (edit, id) = Edit::add_link(&project, claim, response, info, &crate::clock::stamp());
    apply_and_save(path, &mut project, edit)?;
    println!("{id}");
    Ok(ExitCode::SUCCESS)
}
